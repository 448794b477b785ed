from odoo import api, fields, models
from odoo.exceptions import UserError

LOG_EVENTS = [
    ("custodian_read", "Read by a Custodian"),
    ("requested", "Access Requested"),
    ("approved", "Access Approved"),
    ("refused", "Access Refused"),
    ("officer_read", "Read by an Officer (Approved)"),
]


class ComplaintEmployeeAccessLog(models.Model):
    """Append-only: who read or asked for a sealed identity, when and why."""

    _name = "complaint.employee.access.log"
    _description = "Sealed Identity Access Log"
    _order = "id desc"

    complaint_id = fields.Many2one("complaint.complaint", string="Grievance", readonly=True, index=True)
    complaint_ref = fields.Char(string="Grievance Reference", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="User", readonly=True, required=True)
    event = fields.Selection(LOG_EVENTS, required=True, readonly=True)
    reason = fields.Text(readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)

    @api.model
    def _log(self, complaints, event, reason=None):
        self.sudo().create(
            [
                {
                    "complaint_id": complaint.id,
                    "complaint_ref": complaint.sudo().name,
                    "company_id": complaint.sudo().company_id.id,
                    "user_id": self.env.uid,
                    "event": event,
                    "reason": reason or False,
                }
                for complaint in complaints
            ]
        )

    def write(self, vals):
        raise UserError(self.env._("The access log is append-only."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_purge(self):
        if not self.env.context.get("complaint_employee_purge"):
            raise UserError(self.env._("The access log is append-only."))
