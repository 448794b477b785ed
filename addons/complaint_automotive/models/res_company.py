from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    automotive_vehicle_warranty_months = fields.Integer(
        string="Vehicle Warranty (Months)",
        default=24,
        help="The vehicle is covered this many months from its purchase (质量担保：整车 24 个月).",
    )
    automotive_parts_warranty_months = fields.Integer(
        string="Parts Warranty (Months)",
        default=12,
        help="A part bought and fitted at the dealer is covered this many months from its invoice date.",
    )
    automotive_recheck_sample_percent = fields.Float(
        string="Second Calls (% of Satisfied Rechecks)",
        default=10.0,
        help="This share of the rechecks recorded as satisfied is drawn at random for a second call by another "
        "callback specialist, whose answer overrides the first (a guard against satisfied rechecks written "
        "without a call).",
    )
    automotive_zero_team_id = fields.Many2one(
        "complaint.team",
        string="Team for Zero-Complaint Cases",
        domain="[('sector', '=', 'automotive')]",
        help="The team that handles the complaints opened by low manufacturer survey scores; its callback "
        "specialist is their handler. Empty: the first 4S dealer team.",
    )

    automotive_recurring_days = fields.Integer(
        string="Recurring Complaints: Window (Days)",
        default=90,
        help="Complaints received within this many days count together when looking for recurring complaints.",
    )
    automotive_recurring_vehicle_count = fields.Integer(
        string="Recurring: Complaints per Vehicle",
        default=2,
        help="This many complaints about the same vehicle within the window put them on the directors' review list.",
    )
    automotive_recurring_topic_count = fields.Integer(
        string="Recurring: Complaints per Type",
        default=3,
        help="This many complaints of the same type (category) within the window put them on the directors' "
        "review list.",
    )

    @api.constrains(
        "automotive_recurring_days", "automotive_recurring_vehicle_count", "automotive_recurring_topic_count"
    )
    def _check_automotive_recurring(self):
        for company in self:
            if company.automotive_recurring_days < 1:
                raise ValidationError(self.env._("The window for recurring complaints is at least one day."))
            if min(company.automotive_recurring_vehicle_count, company.automotive_recurring_topic_count) < 2:
                raise ValidationError(self.env._("A complaint recurs from its second occurrence: counts start at 2."))

    @api.constrains("automotive_recheck_sample_percent")
    def _check_automotive_recheck_sample_percent(self):
        for company in self:
            if not 0 <= company.automotive_recheck_sample_percent <= 100:
                raise ValidationError(self.env._("The share of second calls is between 0 and 100 %."))
