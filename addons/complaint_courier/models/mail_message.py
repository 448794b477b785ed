from odoo import api, models
from odoo.tools import SQL


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _find_allowed_model_wise(self, doc_model, doc_dict):
        """Searching messages: a portal user who reads a complaint only as its
        outlet's manager finds none of the complainant's messages."""
        allowed = super()._find_allowed_model_wise(doc_model, doc_dict)
        if doc_model == "complaint.complaint" and allowed:
            outside = self.env["complaint.complaint"]._courier_outside_thread_ids(doc_dict)
            allowed -= {message_id for doc_id in outside for message_id in doc_dict[doc_id]}
        return allowed

    def _get_forbidden_access(self, operation):
        """Reading messages by id: the same rule as searching them."""
        forbidden = super()._get_forbidden_access(operation)
        rest = self - forbidden
        if not rest or self.env.su or self.env.user._is_internal():
            return forbidden
        rows = self.env.execute_query(
            SQL(
                """SELECT id, res_id FROM mail_message
                    WHERE id = ANY(%s) AND model = 'complaint.complaint'
                      AND (author_id IS NULL OR author_id != %s)""",
                rest.ids,
                self.env.user.partner_id.id,
            )
        )
        if rows:
            outside = self.env["complaint.complaint"]._courier_outside_thread_ids({res_id for __, res_id in rows})
            forbidden += self.browse(message_id for message_id, res_id in rows if res_id in outside)
        return forbidden
