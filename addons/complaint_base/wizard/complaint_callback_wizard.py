from odoo import fields, models

from ..models.complaint_complaint import SATISFACTION_OUTCOMES


class ComplaintCallbackWizard(models.TransientModel):
    _name = "complaint.callback.wizard"
    _description = "Complaint Callback"

    complaint_id = fields.Many2one("complaint.complaint", required=True, ondelete="cascade")
    outcome = fields.Selection(SATISFACTION_OUTCOMES, required=True)
    score = fields.Integer(string="Score (0-10)", help="Optional 0-10 score, e.g. the manufacturer's survey scale.")
    has_score = fields.Boolean(string="Record a Score")
    comment = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.check_access("write")
        self.complaint_id._record_satisfaction(self.outcome, self.score if self.has_score else None, self.comment)
        return {"type": "ir.actions.act_window_close"}
