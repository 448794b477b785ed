from odoo import fields, models

CLOCK_START_EVENTS = [
    ("create", "Complaint Registered"),
    ("acknowledged", "Complaint Acknowledged"),
    ("resolved", "Complaint Resolved"),
]
CLOCK_STOP_EVENTS = [
    ("acknowledged", "Complaint Acknowledged"),
    ("first_contact", "First Message to the Complainant"),
    ("reply_sent", "Reply Letter Sent"),
    ("resolved", "Complaint Resolved"),
    ("closed", "Complaint Closed"),
    ("callback_done", "Callback Done"),
]


class ComplaintClockKind(models.Model):
    _name = "complaint.clock.kind"
    _description = "Deadline Clock Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    start_event = fields.Selection(
        CLOCK_START_EVENTS, required=True, default="create", help="When a clock of this kind starts."
    )
    stop_event = fields.Selection(
        CLOCK_STOP_EVENTS, required=True, default="resolved", help="What meets (stops) a clock of this kind."
    )
    pause_when_waiting = fields.Boolean(
        help="The clock pauses while the complaint waits (for the complainant, a department or QA)."
    )
    restart_on_reopen = fields.Boolean(
        help="When the complaint is reopened (appeal, dissatisfied callback), a new clock of this kind starts."
    )
    description = fields.Text(translate=True)

    _sql_constraints = [("code_unique", "unique(code)", "Each clock kind needs its own code.")]
