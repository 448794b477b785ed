from odoo import fields, models

# events of the dealer's desk that meet clocks (seed 004, 七 2 and 7)
AUTOMOTIVE_STOP_EVENTS = [
    ("automotive_responded", "Customer Care Responded (厂家系统 30 min)"),
    ("automotive_signed_for", "Signed For by the Retail or Service Manager (签收)"),
]


class ComplaintClockKind(models.Model):
    _inherit = "complaint.clock.kind"

    stop_event = fields.Selection(
        selection_add=AUTOMOTIVE_STOP_EVENTS, ondelete={key: "set default" for key, __ in AUTOMOTIVE_STOP_EVENTS}
    )
