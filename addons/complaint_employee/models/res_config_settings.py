from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    employee_filing_window_days = fields.Integer(related="company_id.employee_filing_window_days", readonly=False)
    employee_watch_months = fields.Integer(related="company_id.employee_watch_months", readonly=False)
    employee_retention_months = fields.Integer(related="company_id.employee_retention_months", readonly=False)
    employee_retention_warning_days = fields.Integer(
        related="company_id.employee_retention_warning_days", readonly=False
    )
