from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """Odoo reads the model description in the environment's language but
        translates "%s created" in the user's: with no language in the context
        (install, scheduled actions) the chatter read "Deadline Policy 创建".
        Both halves speak the language "%s created" is translated into."""
        if not self.env.context.get("lang"):
            lang = self.env["res.users"].context_get().get("lang")
            if lang:
                return super(MailThread, self.with_context(lang=lang))._creation_message()
        return super()._creation_message()

    def _complaint_tracking_lang(self):
        """The language tracked changes are written in when the context has
        none (the installer, the scheduler): the company's; None to keep Odoo's."""
        if self and not self.env.context.get("lang"):
            lang = self.env.company.sudo()._complaint_lang()
            if lang and lang != "en_US":
                return lang
        return None

    def _track_prepare(self, fields_iter):
        # the values before the change are read in the language the change is
        # written in: an address read "United States" before and "美国" after
        # would be tracked as a change
        lang = self._complaint_tracking_lang()
        if lang:
            return super(MailThread, self.with_context(lang=lang))._track_prepare(fields_iter)
        return super()._track_prepare(fields_iter)

    def _message_track(self, fields_iter, initial_values_dict):
        """Odoo writes a tracked change's labels (selection values, the names of
        linked records) as they read at the time, in the environment's language.
        The installer and the scheduler have none: a demo database in Chinese
        showed "To Determine → Fined" in the chatter for good.  Without a
        language, the changes are written in the company's."""
        lang = self._complaint_tracking_lang()
        if lang:
            return super(MailThread, self.with_context(lang=lang))._message_track(fields_iter, initial_values_dict)
        return super()._message_track(fields_iter, initial_values_dict)
