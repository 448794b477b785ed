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
    hotline_report_user_ids = fields.Many2many(
        "res.users",
        "res_company_hotline_report_user_rel",
        "company_id",
        "user_id",
        string="Assessment Report Recipients",
        domain=[("share", "=", False)],
        help="The leaders who receive the monthly department assessment (ranking and Excel) by e-mail, "
        "each in their own language.",
    )
