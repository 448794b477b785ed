from odoo import fields, models

HOTLINE_START_EVENTS = [("hotline_dispatched", "Order Dispatched to a Department (派单)")]
HOTLINE_STOP_EVENTS = [("hotline_signed", "Order Signed For by the Department (签收)")]


class ComplaintClockKind(models.Model):
    _inherit = "complaint.clock.kind"

    start_event = fields.Selection(
        selection_add=HOTLINE_START_EVENTS, ondelete={key: "set default" for key, __ in HOTLINE_START_EVENTS}
    )
    stop_event = fields.Selection(
        selection_add=HOTLINE_STOP_EVENTS, ondelete={key: "set default" for key, __ in HOTLINE_STOP_EVENTS}
    )
