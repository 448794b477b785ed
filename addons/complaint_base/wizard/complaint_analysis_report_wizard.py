from datetime import datetime
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import analysis
from ..models.complaint_analysis_report import PERIOD_TYPES


class ComplaintAnalysisReportWizard(models.TransientModel):
    _name = "complaint.analysis.report.wizard"
    _description = "Generate a Complaint Analysis Report"

    def _default_date(self):
        company = self.env.company
        today = datetime.now(ZoneInfo(company._complaint_tz())).date()
        return analysis.last_finished_period("month", today)[0]

    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, default="month")
    date = fields.Date(
        string="Period Of",
        required=True,
        default=_default_date,
        help="Any day of the month or quarter to report on; the current one gives the figures so far.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    team_id = fields.Many2one(
        "complaint.team",
        string="Team",
        domain="[('company_id', '=', company_id)]",
        help="Leave empty for the whole company.",
    )
    send = fields.Boolean(
        string="E-mail to the Subscribers", help="Send the report to the managers subscribed in Settings."
    )

    @api.constrains("team_id", "company_id")
    def _check_team_company(self):
        for wizard in self:
            if wizard.team_id and wizard.team_id.company_id != wizard.company_id:
                raise ValidationError(self.env._("The team belongs to another company."))

    def action_generate(self):
        self.ensure_one()
        Report = self.env["complaint.analysis.report"]
        Report._check_manager()
        if self.company_id not in self.env.user.company_ids:
            raise ValidationError(self.env._("You do not work for this company."))
        report = Report.sudo()._generate(self.company_id, self.team_id, self.period_type, self.date)
        if self.send:
            report.with_env(self.env).action_send()
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.analysis.report",
            "res_id": report.id,
            "view_mode": "form",
            "target": "current",
        }
