from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail_comment(self, res_ids):
        """A reply letter (回复函) actually sent to the complainant meets the
        reply clock.  Decided here, on the server, from the template the
        composer sent and the recipients the message reached — never from a
        flag a client could pass."""
        messages = super()._action_send_mail_comment(res_ids)
        template = self.env.ref("complaint_base.mail_template_reply_letter", raise_if_not_found=False)
        if self.model == "complaint.complaint" and template and self.template_id == template:
            Complaint = self.env["complaint.complaint"]
            for message in messages:
                complaint = Complaint.browse(message.res_id)
                if complaint._message_reached_complainant(message):
                    complaint._clock_event("reply_sent")
        return messages
