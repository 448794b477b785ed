from odoo import fields, models

# events of the courier desk that start and stop clocks (seed 001)
COURIER_START_EVENTS = [
    ("apology_ordered", "Apology Ordered (第十三条)"),
    ("reach_attempt", "Head Office Calls the Outlet (第十八条)"),
    ("claim_loss_filed", "Loss Claim Filed"),
    ("claim_damage_filed", "Delay or Damage Claim Filed"),
]
COURIER_STOP_EVENTS = [
    ("outlet_feedback", "Outlet Gave Feedback"),
    ("apology_given", "Apology Given"),
    ("outlet_reached", "Outlet Reached"),
    ("claim_accepted", "Claim Accepted"),
    ("claim_handled", "Claim Handled (Agreed)"),
    ("claim_paid", "Compensation Paid"),
]


class ComplaintClockKind(models.Model):
    _inherit = "complaint.clock.kind"

    start_event = fields.Selection(
        selection_add=COURIER_START_EVENTS, ondelete={key: "set default" for key, __ in COURIER_START_EVENTS}
    )
    stop_event = fields.Selection(
        selection_add=COURIER_STOP_EVENTS, ondelete={key: "set default" for key, __ in COURIER_STOP_EVENTS}
    )
