from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from .complaint_employee_discipline import DISCIPLINARY_OUTCOMES

ADVERSE_EVENTS = [
    ("department", "Department Changed"),
    ("job", "Job Position Changed"),
    ("manager", "Manager Changed"),
    ("departure", "Departure"),
    ("contract", "Contract Ended"),
    ("wage", "Pay Cut"),
    ("discipline", "Disciplinary Entry"),
    ("reported", "Reported by the Reporter"),
]
OFFICER_GROUP = "complaint_employee.group_grievance_officer"


class ComplaintEmployeeAlert(models.Model):
    """An adverse HR event for a named reporter during the watch period, or
    retaliation reported from the follow-up page (seed 000, 第五条).  Made as
    superuser and readable by the grievance officers only: who made the
    change is not told about the grievance."""

    _name = "complaint.employee.alert"
    _description = "Retaliation Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    complaint_id = fields.Many2one("complaint.complaint", string="Grievance", required=True, index=True, readonly=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    event = fields.Selection(ADVERSE_EVENTS, required=True, readonly=True)
    event_date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    changed_by_id = fields.Many2one("res.users", string="Changed By", readonly=True)
    details = fields.Text(readonly=True)
    state = fields.Selection(
        [("open", "To Investigate"), ("investigating", "Investigating"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
    )
    finding = fields.Selection([("unfounded", "No Retaliation"), ("proven", "Retaliation Proven")], tracking=True)
    finding_note = fields.Text(string="What the Finding Rests On")
    responsible_employee_id = fields.Many2one("hr.employee", string="Who Retaliated")
    disciplinary_outcome = fields.Selection(DISCIPLINARY_OUTCOMES, tracking=True)
    discipline_id = fields.Many2one("complaint.employee.discipline", readonly=True)

    def _check_officer(self):
        self.check_access("write")
        if not self.env.su and not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(self.env._("Only grievance officers investigate retaliation alerts."))

    def action_investigate(self):
        self._check_officer()
        self.filtered(lambda a: a.state == "open").write({"state": "investigating"})
        return True

    def action_close(self):
        """Close with a finding; a proven retaliation records the disciplinary
        outcome (major demerit up to dismissal) on who retaliated."""
        self._check_officer()
        for alert in self:
            if alert.state == "closed":
                raise UserError(self.env._("This alert is already closed."))
            if not alert.finding or not alert.finding_note:
                raise UserError(self.env._("Give the finding and what it rests on before closing."))
            if alert.finding == "proven":
                if not alert.responsible_employee_id or not alert.disciplinary_outcome:
                    raise UserError(
                        self.env._("A proven retaliation names who retaliated and the disciplinary outcome.")
                    )
                if alert.disciplinary_outcome == "demerit":
                    raise UserError(self.env._("Retaliation costs at least a major demerit (seed 000, 第五条)."))
                discipline = (
                    self.env["complaint.employee.discipline"]
                    .sudo()
                    .create(
                        {
                            "employee_id": alert.responsible_employee_id.id,
                            "outcome": alert.disciplinary_outcome,
                            "description": alert.finding_note,
                            "alert_id": alert.id,
                        }
                    )
                )
                alert.discipline_id = discipline
            alert.state = "closed"
        return True

    def _notify_officers(self):
        """A to-do for the grievance officers of the grievance's company
        (not the persons named in it)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for alert in self.sudo():
            officer = alert.complaint_id._employee_officer_to_tell()
            if officer:
                alert.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=self.env._("Possible retaliation: investigate"),
                    user_id=officer.id,
                )
