from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_report_user_ids = fields.Many2many(
        related="company_id.complaint_report_user_ids",
        readonly=False,
        string="Complaint Report Subscribers",
    )
