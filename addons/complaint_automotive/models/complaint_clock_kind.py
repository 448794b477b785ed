from odoo import fields, models

# events of the dealer's desk that meet clocks (seed 004, 七 2, 3 and 7)
AUTOMOTIVE_STOP_EVENTS = [
    ("automotive_responded", "Customer Care Responded (厂家系统 30 min)"),
    ("automotive_signed_for", "Signed For by the Retail or Service Manager (签收)"),
    ("automotive_rechecked", "Manufacturer's Recheck Recorded (零抱怨)"),
]
# events that start clocks: the manufacturer's survey (the recheck falls due 7 days after it)
AUTOMOTIVE_START_EVENTS = [
    ("automotive_survey", "Manufacturer Survey Answered (零抱怨)"),
]


class ComplaintClockKind(models.Model):
    _inherit = "complaint.clock.kind"

    start_event = fields.Selection(
        selection_add=AUTOMOTIVE_START_EVENTS, ondelete={key: "set default" for key, __ in AUTOMOTIVE_START_EVENTS}
    )
    stop_event = fields.Selection(
        selection_add=AUTOMOTIVE_STOP_EVENTS, ondelete={key: "set default" for key, __ in AUTOMOTIVE_STOP_EVENTS}
    )
