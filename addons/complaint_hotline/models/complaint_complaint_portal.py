from markupsafe import Markup

from odoo import models

BUTTON_STYLE = "background-color: #875A7B; padding: 8px 16px; color: #fff; border-radius: 5px; text-decoration: none;"


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    def _hotline_send(self, kind, from_departments=None, reason=None):
        """The portal accounts of the departments an order goes to (outside
        units) are told by e-mail, with the link to the order on the portal."""
        result = super()._hotline_send(kind, from_departments=from_departments, reason=reason)
        self._hotline_mail_portal_accounts()
        return result

    def _hotline_mail_portal_accounts(self):
        """One e-mail per order to the portal accounts of its lead and
        co-handling departments, in each account's language, with the
        sign-for time limit in the company's local time and the link to the
        order on the portal; not a note in the order's chatter (a portal
        account does not read it).  Accounts without an e-mail address are
        left out."""
        # a batch's e-mails wait for the mail queue, as the dispatch notes do
        force_send = len(self) == 1
        for order in self.sudo():
            departments = order.hotline_department_id | order.hotline_co_department_ids
            accounts = departments.hotline_portal_user_ids.filtered(lambda u: u.active and u.email)
            if not accounts:
                continue
            sign = order._hotline_clock("hotline_sign_for")
            fallback = order.company_id._complaint_lang()
            lead_accounts = order.hotline_department_id.hotline_portal_user_ids
            groups = {}
            for account in accounts:
                key = (account.lang or fallback, account in lead_accounts)
                groups[key] = groups.get(key, self.env["res.users"]) | account
            for (lang, lead), recipients in groups.items():
                env = order.with_context(lang=lang).env
                order.with_env(env).message_notify(
                    partner_ids=recipients.partner_id.ids,
                    subject=env._("Hotline work order %(name)s: %(subject)s", name=order.name, subject=order.subject),
                    body=order._hotline_portal_mail_body(env, lead, sign.date_due if sign else False),
                    author_id=self.env.user.partner_id.id,
                    email_layout_xmlid=False,
                    mail_auto_delete=False,
                    force_send=force_send,
                )

    def _hotline_portal_mail_body(self, env, lead, due):
        """The e-mail's text in ``env``'s language (HTML, escaped)."""
        self.ensure_one()
        _ = env._
        department = self.hotline_department_id.with_env(env).name
        if lead:
            first = _("The hotline centre dispatched work order %(name)s to %(department)s.")
        else:
            first = _("The hotline centre dispatched work order %(name)s to %(department)s; your unit co-handles it.")
        paragraphs = [first % {"name": self.name, "department": department}, self.subject or ""]
        if lead and due:
            when = self.company_id._complaint_format_datetime(due, "minutes", lang_code=env.lang)
            paragraphs.append(
                _(
                    "Sign for it on the portal by %(due)s, or return it to the centre with the reason if it is "
                    "not your unit's matter.",
                    due=when,
                )
            )
        url = f"{self.get_base_url()}/my/hotline/orders/{self.id}"
        body = Markup("").join(Markup("<p>%s</p>") % text for text in paragraphs if text)
        body += Markup('<p><a href="%s" style="%s">%s</a></p>') % (url, BUTTON_STYLE, _("Open the work order"))
        body += Markup('<p style="color: #888;">%s</p>') % _("Log in with your unit's portal account to see it.")
        return body
