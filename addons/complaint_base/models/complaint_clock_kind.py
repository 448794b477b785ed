from odoo import fields, models

CLOCK_START_EVENTS = [
    ("create", "Complaint Registered"),
    ("acknowledged", "Complaint Acknowledged"),
    ("resolved", "Complaint Resolved"),
    ("improvement_open", "Improvement Action Opened"),
]
CLOCK_STOP_EVENTS = [
    ("acknowledged", "Complaint Acknowledged"),
    ("first_contact", "First Message to the Complainant"),
    ("reply_sent", "Reply Letter Sent"),
    ("resolved", "Complaint Resolved"),
    ("closed", "Complaint Closed"),
    ("callback_done", "Callback Done"),
    # the steps of an improvement action (8D)
    ("improvement_d1", "8D: Team Formed (D1)"),
    ("improvement_d2", "8D: Problem Described (D2)"),
    ("improvement_d3", "8D: Containment Done (D3)"),
    ("improvement_d4", "8D: Root Cause Found (D4)"),
    ("improvement_d5", "8D: Corrective Action Chosen (D5)"),
    ("improvement_d6", "8D: Preventive Action Taken (D6)"),
    ("improvement_d7", "8D: Effect Verified (D7)"),
    ("improvement_closed", "8D: Improvement Action Closed"),
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
