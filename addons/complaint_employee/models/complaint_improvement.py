from odoo import api, models
from odoo.exceptions import UserError

from ..rules.plugin import SECTOR


class ComplaintImprovement(models.Model):
    _inherit = "complaint.improvement"

    @api.model
    def _values_from_complaints(self, complaints, key=None, label=None):
        """Grievances stay sealed with the grievance officers: an improvement
        action, which every complaint user of the company reads (its problem
        description lists the complaints), is never opened on them."""
        if any(complaint.sector == SECTOR for complaint in complaints.sudo()):
            raise UserError(
                self.env._(
                    "Employee grievances stay with the grievance officers: no improvement action, which every "
                    "complaint user reads, is opened on them."
                )
            )
        return super()._values_from_complaints(complaints, key=key, label=label)
