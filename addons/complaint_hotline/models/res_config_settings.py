from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    hotline_centre_team_id = fields.Many2one(related="company_id.hotline_centre_team_id", readonly=False)
    hotline_open311_public = fields.Boolean(related="company_id.hotline_open311_public", readonly=False)
    hotline_report_user_ids = fields.Many2many(related="company_id.hotline_report_user_ids", readonly=False)
