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

    @api.constrains("automotive_recheck_sample_percent")
    def _check_automotive_recheck_sample_percent(self):
        for company in self:
            if not 0 <= company.automotive_recheck_sample_percent <= 100:
                raise ValidationError(self.env._("The share of second calls is between 0 and 100 %."))
