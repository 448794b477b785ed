from odoo import fields, models


class ComplaintTeam(models.Model):
    _inherit = "complaint.team"

    sector = fields.Selection(selection_add=[("employee", "Employee Grievances")], ondelete={"employee": "set default"})
