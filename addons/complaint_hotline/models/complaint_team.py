from odoo import fields, models

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
