"""The portal chatter's uploads pass the intake's file check."""

from werkzeug.exceptions import BadRequest

from odoo import http
from odoo.addons.mail.controllers.attachment import AttachmentController
from odoo.http import request


class ComplaintAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(self, ufile, thread_id, thread_model, is_pending=False, **kwargs):
        if thread_model == "complaint.complaint" and not request.env.user._is_internal():
            data = ufile.read()
            ufile.seek(0)
            problems = request.env["complaint.intake"]._check_uploads([(ufile.filename or "", data)])
            if problems:
                raise BadRequest("\n".join(message for __, message in problems))
        return super().mail_attachment_upload(ufile, thread_id, thread_model, is_pending=is_pending, **kwargs)
