from odoo import fields, models

# employee fields whose change is an adverse event for a watched reporter
WATCHED_FIELDS = {"department_id": "department", "job_id": "job", "parent_id": "manager"}


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    def write(self, vals):
        events = [event for name, event in WATCHED_FIELDS.items() if name in vals]
        changed = {
            event: self.filtered(lambda e, n=name: e[n].id != (vals[n] or False))
            for name, event in WATCHED_FIELDS.items()
            if name in vals
        }
        leaving = self.filtered("active") if vals.get("active") is False or vals.get("departure_reason_id") else None
        result = super().write(vals)
        for event in events:
            changed[event]._employee_watch(event)
        if leaving:
            leaving._employee_watch("departure")
        return result

    def _employee_watch(self, event, details=None):
        """Raise a retaliation alert for every grievance these employees
        reported whose watch period is running (superuser: whoever made the
        change learns nothing)."""
        if not self:
            return
        today = fields.Date.context_today(self)
        identities = (
            self.env["complaint.employee.identity"]
            .sudo()
            .search([("employee_id", "in", self.ids), ("watch_until", ">=", today)])
        )
        labels = dict(self.env["complaint.employee.alert"]._fields["event"]._description_selection(self.env))
        values = [
            {
                "complaint_id": identity.complaint_id.id,
                "event": event,
                "event_date": today,
                "changed_by_id": self.env.uid,
                "details": details or labels.get(event),
            }
            for identity in identities
            if identity.complaint_id.active
        ]
        if values:
            alerts = self.env["complaint.employee.alert"].sudo().with_context(mail_create_nolog=True).create(values)
            alerts._notify_officers()
