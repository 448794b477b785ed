from odoo import api, fields, models
from odoo.exceptions import ValidationError

OUTLET_KINDS = [
    ("outlet", "Independent Outlet"),
    ("zone", "Contract Zone"),
]


class CourierOutlet(models.Model):
    _name = "courier.outlet"
    _description = "Courier Outlet"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "code, id"
    _rec_names_search = ["code", "name"]
    _parent_store = True

    code = fields.Char(required=True, tracking=True, index=True, help="The outlet's number in the network.")
    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(OUTLET_KINDS, required=True, default="outlet", tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Outlet Contact",
        required=True,
        ondelete="restrict",
        index=True,
        help="The outlet as a contact: fines and compensation are booked against it.",
    )
    settlement_partner_id = fields.Many2one(
        "res.partner",
        string="Settles Through",
        tracking=True,
        help="The franchisee whose settlement fines and compensation are deducted from. Empty: the outlet itself.",
    )
    parent_id = fields.Many2one(
        "courier.outlet",
        string="Parent Outlet",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The independent outlet a contract zone belongs to.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("courier.outlet", "parent_id", string="Contract Zones")
    manager_name = fields.Char(string="Responsible Manager", tracking=True)
    manager_phone = fields.Char(string="Manager's Mobile", tracking=True)
    portal_user_ids = fields.Many2many(
        "res.users",
        "courier_outlet_portal_user_rel",
        "outlet_id",
        "user_id",
        string="Portal Accounts",
        domain=[("share", "=", True)],
        help="Outlet managers who follow the outlet's complaints and fines on the portal, answer and appeal.",
    )
    state_id = fields.Many2one("res.country.state", string="Province")
    city = fields.Char()
    delivery_scope = fields.Text(
        tracking=True,
        help="As published on the network's website; only network management may change it "
        "(it can only grow, 第二十五条).",
    )
    phone_ids = fields.One2many("courier.outlet.phone", "outlet_id", string="Registered Phone Numbers")
    staff_ids = fields.One2many("courier.staff", "outlet_id", string="Staff")
    complaint_ids = fields.One2many("complaint.complaint", "courier_outlet_id", string="Complaints")
    complaint_count = fields.Integer(compute="_compute_counts")
    penalty_count = fields.Integer(compute="_compute_counts", string="Fine Count")
    penalty_total = fields.Monetary(compute="_compute_counts", string="Fines (open)")
    claim_count = fields.Integer(compute="_compute_counts")
    referral_ids = fields.One2many("courier.referral", "outlet_id", string="Network Management Referrals")
    is_referred = fields.Boolean(
        string="Referred to Network Management",
        compute="_compute_is_referred",
        store=True,
        help="Three or more complaints of one kind in a calendar month, not yet dealt with.",
    )
    color = fields.Integer()

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "An outlet code is used once per company."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for outlet in self:
            outlet.display_name = f"[{outlet.code}] {outlet.name}" if outlet.code else outlet.name or ""

    @api.depends("referral_ids.state")
    def _compute_is_referred(self):
        for outlet in self:
            outlet.is_referred = any(r.state != "done" for r in outlet.referral_ids)

    def _compute_counts(self):
        Complaint = self.env["complaint.complaint"]
        complaints = dict(
            Complaint._read_group([("courier_outlet_id", "in", self.ids)], ["courier_outlet_id"], ["__count"])
        )
        penalties = {
            outlet: (count, total)
            for outlet, count, total in self.env["complaint.penalty"]._read_group(
                [("courier_outlet_id", "in", self.ids), ("state", "not in", ("waived",))],
                ["courier_outlet_id"],
                ["__count", "amount:sum"],
            )
        }
        open_totals = dict(
            self.env["complaint.penalty"]._read_group(
                [("courier_outlet_id", "in", self.ids), ("state", "in", ("proposed", "confirmed", "appealed"))],
                ["courier_outlet_id"],
                ["amount:sum"],
            )
        )
        claims = dict(
            self.env["courier.claim"]._read_group([("outlet_id", "in", self.ids)], ["outlet_id"], ["__count"])
        )
        for outlet in self:
            outlet.complaint_count = complaints.get(outlet, 0)
            outlet.penalty_count = penalties.get(outlet, (0, 0.0))[0]
            outlet.penalty_total = open_totals.get(outlet, 0.0)
            outlet.claim_count = claims.get(outlet, 0)

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An outlet cannot be its own parent."))

    @api.constrains("portal_user_ids")
    def _check_portal_users(self):
        for outlet in self:
            if outlet.portal_user_ids.filtered(lambda u: not u.share):
                raise ValidationError(
                    self.env._(
                        "Portal accounts of an outlet are portal users; give staff of head office a group instead."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # the outlet's contact comes with the outlet (creating outlets is the access checked)
        Partner = self.env["res.partner"].sudo()
        for vals in vals_list:
            if not vals.get("partner_id"):
                vals["partner_id"] = Partner.create(
                    {
                        "name": vals.get("name") or vals.get("code"),
                        "is_company": True,
                        "ref": vals.get("code"),
                        "company_id": vals.get("company_id") or False,
                    }
                ).id
        return super().create(vals_list)

    def _settlement_partner(self):
        self.ensure_one()
        return self.settlement_partner_id or self.partner_id

    def _action_for(self, xmlid, domain, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = context or {}
        return action

    def action_view_complaints(self):
        self.ensure_one()
        return self._action_for(
            "complaint_courier.complaint_complaint_action_courier",
            [("courier_outlet_id", "=", self.id)],
            {"default_courier_outlet_id": self.id},
        )

    def action_view_penalties(self):
        self.ensure_one()
        return self._action_for("complaint_base.complaint_penalty_action", [("courier_outlet_id", "=", self.id)])

    def action_view_claims(self):
        self.ensure_one()
        return self._action_for("complaint_courier.courier_claim_action", [("outlet_id", "=", self.id)])
