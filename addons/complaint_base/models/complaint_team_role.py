from odoo import fields, models


class ComplaintTeamRole(models.Model):
    _name = "complaint.team.role"
    _description = "Complaint Team Escalation Role"
    _order = "team_id, sequence, id"

    team_id = fields.Many2one("complaint.team", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10, help="Escalation level: lower levels are told first.")
    code = fields.Char(required=True, help="Used by escalation steps, e.g. retail_manager, sales_director, gm.")
    name = fields.Char(required=True, translate=True)
    user_id = fields.Many2one("res.users", required=True, domain=[("share", "=", False)])

    _sql_constraints = [("team_code_unique", "unique(team_id, code)", "A role appears once per team.")]
