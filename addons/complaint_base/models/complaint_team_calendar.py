from odoo import api, fields, models
from odoo.addons.base.models.res_partner import _tz_get


class ComplaintTeam(models.Model):
    """What a team's form shows of the time its deadlines run on."""

    _inherit = "complaint.team"

    deadline_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Deadlines Counted On",
        compute="_compute_deadline_calendar",
        help="The team's working hours, or when it has none the company's default working hours "
        "(Settings > Complaints).",
    )
    deadline_tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        compute="_compute_deadline_calendar",
        help="Time zone of the working hours the team's deadlines are counted on.",
    )

    @api.depends("resource_calendar_id", "resource_calendar_id.tz", "company_id")
    def _compute_deadline_calendar(self):
        for team in self:
            calendar = team._get_calendar() if team.company_id else team.resource_calendar_id
            team.deadline_calendar_id = calendar
            team.deadline_tz = calendar.tz if calendar else False
