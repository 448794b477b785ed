from odoo import fields, models


class ComplaintIntakeThrottle(models.Model):
    _inherit = "complaint.intake.throttle"

    scope = fields.Selection(
        selection_add=[("grievance_lookup", "Failed grievance receipt look-ups")],
        ondelete={"grievance_lookup": "cascade"},
    )
