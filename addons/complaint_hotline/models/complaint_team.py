from odoo import api, fields, models
from odoo.exceptions import ValidationError

HOTLINE_KINDS = [("centre", "Hotline Centre"), ("department", "Handling Department (承办单位)")]


class ComplaintTeam(models.Model):
    _inherit = "complaint.team"

    sector = fields.Selection(selection_add=[("hotline", "Service Hotline")], ondelete={"hotline": "set default"})
    hotline_kind = fields.Selection(
        HOTLINE_KINDS,
        string="Hotline Role",
        help="The hotline centre takes the calls and dispatches; a handling department (承办单位) signs for, "
        "handles and replies to the orders dispatched to it.",
    )
    hotline_area_ids = fields.Many2many(
        "hotline.area", string="Areas Served", help="The administrative divisions this department answers for."
    )
    hotline_portal_user_ids = fields.Many2many(
        "res.users",
        "complaint_team_hotline_portal_user_rel",
        "team_id",
        "user_id",
        string="Portal Accounts (Outside Unit)",
        domain=[("share", "=", True)],
        help="Portal users of an outside unit (e.g. the water company) who sign for, return and reply to this "
        "department's work orders on the portal (My Account > Hotline Work Orders).",
    )

    @api.constrains("hotline_portal_user_ids", "hotline_kind")
    def _check_hotline_portal_users(self):
        for team in self.filtered("hotline_portal_user_ids"):
            if team.hotline_kind != "department":
                raise ValidationError(self.env._("Only a handling department has portal accounts."))
            if team.hotline_portal_user_ids.filtered(lambda u: not u._is_portal()):
                raise ValidationError(
                    self.env._("Portal accounts are portal users; add internal users as members instead.")
                )
