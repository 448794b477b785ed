from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    automotive_vehicle_warranty_months = fields.Integer(
        related="company_id.automotive_vehicle_warranty_months", readonly=False
    )
    automotive_parts_warranty_months = fields.Integer(
        related="company_id.automotive_parts_warranty_months", readonly=False
    )
    automotive_recheck_sample_percent = fields.Float(
        related="company_id.automotive_recheck_sample_percent", readonly=False
    )
    automotive_zero_team_id = fields.Many2one(related="company_id.automotive_zero_team_id", readonly=False)
    automotive_recurring_days = fields.Integer(related="company_id.automotive_recurring_days", readonly=False)
    automotive_recurring_vehicle_count = fields.Integer(
        related="company_id.automotive_recurring_vehicle_count", readonly=False
    )
    automotive_recurring_topic_count = fields.Integer(
        related="company_id.automotive_recurring_topic_count", readonly=False
    )
