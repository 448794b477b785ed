from odoo import api, models

from ..rules import intake


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    @api.model
    def _complaint_intake_fields(self):
        """The courier's intake fields (waybill, outlet by its code, item value,
        insured): every channel of the base accepts and shows them."""
        return [*super()._complaint_intake_fields(), *intake.INTAKE_FIELDS]
