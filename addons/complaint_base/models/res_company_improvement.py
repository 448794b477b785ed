from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_recurring_threshold = fields.Integer(
        string="Recurring Complaint Threshold",
        default=3,
        help="A group of complaints with the same category and respondent (or the fields a sector chooses) "
        "recurs from this many complaints within the window.",
    )
    complaint_recurring_window_days = fields.Integer(
        string="Recurring Complaint Window (Days)",
        default=30,
        help="Complaints received within this many days count together when looking for recurring complaints.",
    )
    complaint_improvement_check_days = fields.Integer(
        string="Effectiveness Check After (Days)",
        default=90,
        help="This many days after an improvement action is closed, the scheduler checks whether its complaints "
        "came back.",
    )

    @api.constrains(
        "complaint_recurring_threshold", "complaint_recurring_window_days", "complaint_improvement_check_days"
    )
    def _check_complaint_recurring(self):
        for company in self:
            if company.complaint_recurring_threshold < 2:
                raise ValidationError(
                    self.env._("Complaints recur from two complaints on: set a threshold of 2 or more.")
                )
            if company.complaint_recurring_window_days < 1:
                raise ValidationError(self.env._("The window for recurring complaints is at least one day."))
            if company.complaint_improvement_check_days < 1:
                raise ValidationError(self.env._("The effectiveness check comes at least one day after the closing."))
