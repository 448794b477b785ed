from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    hotline_centre_team_id = fields.Many2one(
        "complaint.team",
        string="Hotline Centre",
        domain="[('sector', '=', 'hotline'), ('hotline_kind', '=', 'centre')]",
        help="The team of the hotline centre: new work orders belong to it until they are closed.",
    )
    hotline_open311_public = fields.Boolean(
        string="Open311: Public Reading",
        help="Anyone may read the service list and the status of requests (no personal data is shown); "
        "otherwise reading also needs an API key.",
    )
