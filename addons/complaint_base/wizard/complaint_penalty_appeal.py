from odoo import fields, models


class ComplaintPenaltyAppeal(models.TransientModel):
    """Asks the fined employee why they appeal; the fine itself checks who may."""

    _name = "complaint.penalty.appeal"
    _description = "Appeal a Fine"

    penalty_ids = fields.Many2many("complaint.penalty", string="Fines", required=True, readonly=True)
    reason = fields.Text(required=True, help="Facts and documents that show the fine is not due.")

    def action_appeal(self):
        self.ensure_one()
        # the fines are read as the caller: the check of the payer happens there
        self.penalty_ids.action_appeal_own(self.reason)
        return {"type": "ir.actions.act_window_close"}
