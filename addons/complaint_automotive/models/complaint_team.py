from odoo import fields, models


class ComplaintTeam(models.Model):
    _inherit = "complaint.team"

    sector = fields.Selection(selection_add=[("automotive", "4S Car Dealer")], ondelete={"automotive": "set default"})
