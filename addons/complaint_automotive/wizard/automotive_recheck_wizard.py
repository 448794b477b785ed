from odoo import api, fields, models

from ..models.automotive_recheck import RECHECK_OUTCOMES


class AutomotiveRecheckWizard(models.TransientModel):
    _name = "automotive.recheck.wizard"
    _description = "Record a Zero-Complaint Recheck"

    complaint_id = fields.Many2one("complaint.complaint", string="Case", required=True, readonly=True)
    outcome = fields.Selection(RECHECK_OUTCOMES, required=True)
    date_call = fields.Datetime(string="Called On", required=True, default=fields.Datetime.now)
    note = fields.Text(string="What the Customer Said")
    is_second_call = fields.Boolean(related="complaint_id.automotive_second_call_pending")
    first_user_id = fields.Many2one(related="complaint_id.automotive_recheck_user_id", string="First Call By")
    first_outcome = fields.Selection(related="complaint_id.automotive_recheck_outcome", string="First Call Outcome")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.complaint_id._automotive_check_recheck()
        return wizards

    def action_record(self):
        self.ensure_one()
        self.complaint_id.action_automotive_record_recheck(self.outcome, self.note, self.date_call)
        return {"type": "ir.actions.act_window_close"}
