from odoo import fields, models

# the formal path of seed 000, 第三条: the administration department's written
# reply, the employee's appeal to the general manager, the GM's written answer
EMPLOYEE_EVENTS = [
    ("employee_admin_replied", "Administration Replied in Writing"),
    ("employee_appealed", "Appealed to the General Manager"),
    ("employee_gm_answered", "General Manager Answered in Writing"),
    ("employee_feedback", "Feedback Given to the Reporter"),
]
EMPLOYEE_START_EVENTS = EMPLOYEE_EVENTS[:2]


class ComplaintClockKind(models.Model):
    _inherit = "complaint.clock.kind"

    start_event = fields.Selection(
        selection_add=EMPLOYEE_START_EVENTS, ondelete={key: "set default" for key, __ in EMPLOYEE_START_EVENTS}
    )
    stop_event = fields.Selection(
        selection_add=EMPLOYEE_EVENTS, ondelete={key: "set default" for key, __ in EMPLOYEE_EVENTS}
    )
