from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    employee_filing_window_days = fields.Integer(
        string="Formal Filing Window (Days)",
        default=7,
        help="A written grievance is filed within this many days of the event (seed 000, 第三条); "
        "later ones are flagged, not refused.",
    )
    employee_watch_months = fields.Integer(
        string="Retaliation Watch (Months)",
        default=12,
        help="Adverse HR events for a named reporter during this many months after the grievance raise an alert.",
    )
    employee_retention_months = fields.Integer(
        string="Retention of Closed Grievances (Months)",
        default=36,
        help="Closed grievances are purged this many months after closing, once two administrators approve.",
    )
    employee_retention_warning_days = fields.Integer(
        string="Purge Warning (Days)",
        default=30,
        help="The grievance officers are warned this many days before a closed grievance is due for purging.",
    )
