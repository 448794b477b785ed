from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import plaintext2html

from ..models.complaint_complaint_resolution import RESOLVE_OVERRIDE


class ComplaintResolveWizard(models.TransientModel):
    """A manager resolves a complaint whose validity or resolution is missing,
    and says why; the reason goes to the chatter."""

    _name = "complaint.resolve.wizard"
    _description = "Resolve a Complaint Anyway"

    complaint_id = fields.Many2one("complaint.complaint", required=True, ondelete="cascade")
    missing = fields.Text(string="What Is Missing", compute="_compute_missing")
    reason = fields.Text(required=True, help="Why the complaint is resolved without it; posted in the chatter.")

    @api.depends("complaint_id")
    def _compute_missing(self):
        for wizard in self:
            wizard.missing = wizard.complaint_id._resolution_missing().get(wizard.complaint_id, "")

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(self.env._("Only complaint managers may resolve a complaint that is not complete."))
        complaint = self.complaint_id
        complaint.check_access("write")
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the complaint is resolved without it."))
        missing = self.missing
        complaint.with_context(**{RESOLVE_OVERRIDE: True})._move_to_state("resolved")
        body = self.env._("Resolved by a manager's decision although it was not complete.")
        if missing:
            body = f"{body}\n{missing}"
        complaint.message_post(
            body=plaintext2html(f"{body}\n{self.env._('Reason: %(reason)s', reason=reason[:5000])}"),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
