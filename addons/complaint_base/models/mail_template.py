import datetime

from markupsafe import Markup

from odoo import models
from odoo.tools import is_html_empty

# wkhtmltopdf states in which Odoo still makes a PDF ("workers" only warns)
PDF_STATES = ("ok", "upgrade", "workers")


class MailTemplate(models.Model):
    """Where the server cannot make PDFs (no wkhtmltopdf), the reply letter
    (回复函) still goes out: written out in the e-mail, with a note that the
    PDF is missing, instead of failing on the missing attachment."""

    _inherit = "mail.template"

    def _complaint_is_reply_letter(self):
        letter = self.env.ref("complaint_base.mail_template_reply_letter", raise_if_not_found=False)
        return bool(letter) and len(self) == 1 and self.id == letter.id

    def _complaint_letter_without_pdf(self):
        """Whether this template is the reply letter and no PDF can be made here."""
        if not self._complaint_is_reply_letter():
            return False
        return self.env["ir.actions.report"].get_wkhtmltopdf_state() not in PDF_STATES

    def _generate_template_attachments(self, res_ids, render_fields, render_results=None):
        if "report_template_ids" not in render_fields or not self._complaint_letter_without_pdf():
            return super()._generate_template_attachments(res_ids, render_fields, render_results=render_results)
        render_fields = [name for name in render_fields if name != "report_template_ids"]
        render_results = super()._generate_template_attachments(res_ids, render_fields, render_results=render_results)
        for res_id in res_ids:
            render_results.setdefault(res_id, {})["attachments"] = []
        return render_results

    def _generate_template(self, res_ids, render_fields, find_or_create_partners=False):
        results = super()._generate_template(res_ids, render_fields, find_or_create_partners=find_or_create_partners)
        if "body_html" in render_fields and self._complaint_letter_without_pdf():
            for template, template_res_ids in self._classify_per_lang(res_ids).values():
                for res_id in template_res_ids:
                    values = results.setdefault(res_id, {})
                    values["body_html"] = template._complaint_letter_in_body(res_id, values.get("body_html"))
        return results

    def _complaint_letter_in_body(self, res_id, body):
        complaint = self.env["complaint.complaint"].browse(res_id)
        if not complaint.exists():
            return body
        note = self.env._(
            "The PDF of the reply letter could not be made on this server (wkhtmltopdf is not installed); "
            "the letter follows in this message."
        )
        letter = self.env["ir.qweb"]._render(
            "complaint_base.report_complaint_reply_letter_body",
            {
                "complaint": complaint,
                "complaint_tz": complaint.partner_id.tz or complaint.company_id._complaint_tz(),
                "is_html_empty": is_html_empty,
                "datetime": datetime,
            },
        )
        # both rendered by QWeb (Markup); a plain string would be escaped by the join
        parts = [] if is_html_empty(body) else [body]
        parts.append(Markup('<p class="text-muted"><i>%s</i></p>') % note)
        parts.append(Markup("<hr/>"))
        parts.append(letter)
        return Markup("").join(parts)
