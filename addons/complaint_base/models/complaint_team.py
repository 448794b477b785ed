from ast import literal_eval

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SECTORS = [("general", "General")]


class ComplaintTeam(models.Model):
    _name = "complaint.team"
    _description = "Complaint Team"
    _inherit = ["mail.alias.mixin", "mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(help="Short code used by imports and routing rules.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    sector = fields.Selection(
        SECTORS,
        required=True,
        default="general",
        help="The sector whose rules (deadlines, fines, routing) apply to this team's complaints.",
    )
    leader_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Receives the team digest and is the first escalation level above the handler.",
    )
    member_ids = fields.Many2many(
        "res.users",
        "complaint_team_user_rel",
        "team_id",
        "user_id",
        string="Members",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Schedule",
        help="Business calendar on which this team's deadlines are counted. Empty: the company's complaint working "
        "hours (Settings > Complaints).",
    )
    role_ids = fields.One2many(
        "complaint.team.role",
        "team_id",
        string="Escalation Roles",
        help="Who is addressed at each level of the escalation ladder, e.g. retail manager, sales director, GM.",
    )
    description = fields.Html(sanitize=True)
    complaint_ids = fields.One2many("complaint.complaint", "team_id", string="Complaints")
    open_complaint_count = fields.Integer(compute="_compute_open_complaint_count", string="Open Complaints")

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "Team codes must be unique per company."),
    ]

    def _compute_open_complaint_count(self):
        counts = dict(
            self.env["complaint.complaint"]._read_group(
                [("team_id", "in", self.ids), ("state", "not in", ("closed", "cancelled"))],
                ["team_id"],
                ["__count"],
            )
        )
        for team in self:
            team.open_complaint_count = counts.get(team, 0)

    @api.constrains("leader_id", "member_ids", "company_id")
    def _check_members_company(self):
        for team in self:
            users = team.leader_id | team.member_ids
            strangers = users.filtered(lambda u, company=team.company_id: company not in u.company_ids)
            if strangers:
                raise ValidationError(
                    self.env._(
                        "%(users)s cannot work for team %(team)s: they have no access to its company.",
                        users=", ".join(strangers.mapped("name")),
                        team=team.name,
                    )
                )

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("complaint.complaint").id
        if self.id:
            defaults = literal_eval(self.alias_defaults or "{}")
            defaults["team_id"] = self.id
            values["alias_defaults"] = defaults
        return values

    def _get_calendar(self):
        self.ensure_one()
        return self.resource_calendar_id or self.company_id._complaint_calendar()

    def action_open_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_complaint_action")
        action["domain"] = [("team_id", "=", self.id)]
        action["context"] = {"default_team_id": self.id, "search_default_filter_open": 1}
        return action
