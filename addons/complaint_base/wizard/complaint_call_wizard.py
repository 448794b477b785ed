from markupsafe import Markup

from odoo import fields, models

CALL_OUTCOMES = [
    ("reached", "Reached the Complainant"),
    ("no_answer", "No Answer"),
    ("busy", "Line Busy"),
    ("wrong_number", "Wrong Number"),
]


class ComplaintCallWizard(models.TransientModel):
    """A phone call to the complainant, logged with its outcome: for people
    who gave only a phone number, a call that reached them is the first
    contact."""

    _name = "complaint.call.wizard"
    _description = "Complaint Phone Call"

    complaint_id = fields.Many2one("complaint.complaint", required=True, ondelete="cascade")
    phone = fields.Char(related="complaint_id.contact_phone", string="Phone")
    outcome = fields.Selection(CALL_OUTCOMES, required=True, default="reached")
    note = fields.Text(string="What Was Said")

    def action_confirm(self):
        self.ensure_one()
        complaint = self.complaint_id
        # the caller must be allowed to work on the complaint; the wizard
        # record proves nothing by itself (any user may create one over RPC)
        complaint.check_access("write")
        outcome = dict(self._fields["outcome"]._description_selection(self.env))[self.outcome]
        body = Markup("<p><b>%s</b> %s</p>") % (self.env._("Phone call with the complainant:"), outcome)
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        complaint.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            mail_activity_type_id=self.env["ir.model.data"]._xmlid_to_res_id("mail.mail_activity_data_call") or False,
        )
        if self.outcome == "reached":
            complaint._clock_event("first_contact")
        return {"type": "ir.actions.act_window_close"}
