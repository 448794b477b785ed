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
