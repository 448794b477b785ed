"""Files a complainant sends through the portal chatter pass the same
upload check as the web form and the API (``complaint.intake``)."""

from odoo import models
from odoo.exceptions import ValidationError


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    def _check_shared_uploads(self, files):
        """Refuse the files of a portal or public user that the intake check
        refuses; internal users (the desk) are not limited."""
        if self.env.user._is_internal() or not files:
            return
        problems = self.env["complaint.intake"]._check_uploads(files)
        if problems:
            raise ValidationError("\n".join(message for __, message in problems))

    def message_post(self, **kwargs):
        # what a portal or public user writes in the chatter (a comment), not
        # the notes and mails the server posts on their behalf
        if kwargs.get("message_type") == "comment" and not self.env.user._is_internal():
            files = [(name, content) for name, content, *__ in (kwargs.get("attachments") or [])]
            attachments = self.env["ir.attachment"].sudo().browse(kwargs.get("attachment_ids") or [])
            files += [(attachment.name, attachment.raw) for attachment in attachments.exists()]
            self._check_shared_uploads(
                [(name, content.encode() if isinstance(content, str) else content) for name, content in files]
            )
        return super().message_post(**kwargs)
