from odoo import api, fields, models
from odoo.exceptions import UserError

RECHECK_OUTCOMES = [("satisfied", "Satisfied"), ("dissatisfied", "Still Dissatisfied")]
RECHECK_CALLS = [("first", "Recheck"), ("second", "Second Call (Sample)")]


class AutomotiveRecheck(models.Model):
    """One call of the manufacturer's recheck of a zero-complaint case (or
    the dealer's second call of a sampled one): who called, when, what the
    customer said.  Written by the recheck only, never changed."""

    _name = "automotive.recheck"
    _description = "Zero-Complaint Recheck Call"
    _order = "date desc, id desc"

    complaint_id = fields.Many2one("complaint.complaint", required=True, index=True, ondelete="cascade", readonly=True)
    user_id = fields.Many2one("res.users", string="Called By", required=True, readonly=True)
    date = fields.Datetime(string="Called On", required=True, readonly=True)
    outcome = fields.Selection(RECHECK_OUTCOMES, required=True, readonly=True)
    call = fields.Selection(RECHECK_CALLS, required=True, default="first", readonly=True)
    note = fields.Text(readonly=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)

    def write(self, vals):
        if not self.env.su:
            raise UserError(self.env._("A recheck call is recorded once and never changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_record(self):
        if not self.env.su:
            raise UserError(self.env._("A recheck call is recorded once and never changed."))
