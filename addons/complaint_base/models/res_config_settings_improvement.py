from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_recurring_threshold = fields.Integer(related="company_id.complaint_recurring_threshold", readonly=False)
    complaint_recurring_window_days = fields.Integer(
        related="company_id.complaint_recurring_window_days", readonly=False
    )
    complaint_improvement_check_days = fields.Integer(
        related="company_id.complaint_improvement_check_days", readonly=False
    )
