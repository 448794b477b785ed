from odoo import api, fields, models

STAFF_ROLES = [
    ("courier", "Courier"),
    ("clerk", "Phone Clerk"),
    ("service", "Customer Service"),
    ("manager", "Outlet Manager"),
    ("other", "Other"),
]


class CourierStaff(models.Model):
    _name = "courier.staff"
    _description = "Outlet Staff Member"
    _inherit = ["mail.thread"]
    _order = "outlet_id, employee_code, id"
    _rec_names_search = ["name", "employee_code"]

    name = fields.Char(required=True, tracking=True)
    employee_code = fields.Char(string="Employee ID", required=True, tracking=True, index=True)
    outlet_id = fields.Many2one("courier.outlet", required=True, index=True, ondelete="restrict", tracking=True)
    company_id = fields.Many2one(related="outlet_id.company_id", store=True, index=True)
    role = fields.Selection(STAFF_ROLES, required=True, default="courier", tracking=True)
    phone = fields.Char()
    active = fields.Boolean(default=True, tracking=True)
    complaint_ids = fields.One2many("complaint.complaint", "courier_staff_id", string="Complaints")
    complaint_count = fields.Integer(compute="_compute_complaint_counts")
    recorded_count = fields.Integer(
        string="Unproven on Record",
        compute="_compute_complaint_counts",
        help="Complaints recorded against this person without evidence, not fined yet.",
    )

    _sql_constraints = [
        (
            "employee_code_outlet_unique",
            "unique(employee_code, outlet_id)",
            "An employee ID is used once per outlet.",
        ),
    ]

    @api.depends("name", "employee_code")
    def _compute_display_name(self):
        for staff in self:
            staff.display_name = f"{staff.name} ({staff.employee_code})" if staff.employee_code else staff.name or ""

    def _compute_complaint_counts(self):
        Complaint = self.env["complaint.complaint"]
        total = dict(Complaint._read_group([("courier_staff_id", "in", self.ids)], ["courier_staff_id"], ["__count"]))
        recorded = dict(
            Complaint._read_group(
                [("courier_staff_id", "in", self.ids), ("courier_breach_state", "=", "recorded")],
                ["courier_staff_id"],
                ["__count"],
            )
        )
        for staff in self:
            staff.complaint_count = total.get(staff, 0)
            staff.recorded_count = recorded.get(staff, 0)

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_courier.complaint_complaint_action_courier")
        action["domain"] = [("courier_staff_id", "=", self.id)]
        action["context"] = {"default_courier_staff_id": self.id, "default_courier_outlet_id": self.outlet_id.id}
        return action
