from odoo import api, fields, models

# seed 000, 第五条: 行政记大过至开除 (the milder 记过 is kept for ordinary notes)
DISCIPLINARY_OUTCOMES = [
    ("demerit", "Demerit (记过)"),
    ("major_demerit", "Major Demerit (记大过)"),
    ("demotion", "Demotion (降级)"),
    ("dismissal", "Dismissal (开除)"),
]


class ComplaintEmployeeDiscipline(models.Model):
    """A disciplinary entry on an employee.  Written by HR (an adverse event
    the retaliation watch looks at) or by the grievance officers when a
    retaliation is proven."""

    _name = "complaint.employee.discipline"
    _description = "Disciplinary Entry"
    _order = "date desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, index=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    outcome = fields.Selection(DISCIPLINARY_OUTCOMES, required=True)
    description = fields.Text(required=True)
    alert_id = fields.Many2one(
        "complaint.employee.alert", string="Proven Retaliation", readonly=True, index="btree_not_null"
    )

    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries.filtered(lambda e: not e.alert_id).employee_id._employee_watch("discipline")
        return entries
