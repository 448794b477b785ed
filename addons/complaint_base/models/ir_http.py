import babel.core

from odoo import SUPERUSER_ID, api, models
from odoo.http import request

# pages a visitor without an account reaches from a link (tracking link, rating,
# acknowledgement) or from the public form
COMPLAINT_PUBLIC_PATHS = ("/my/complaints", "/complaint/")


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _complaint_visitor_path(cls, path):
        """A complaint page asked by a visitor without an account, with no
        language in the address (the footer's language selector puts one there:
        a chosen language stays chosen)."""
        if request.session.uid or not path:
            return False
        first, __, rest = path.lstrip("/").partition("/")
        if rest and request.env.registry and cls._complaint_env()["res.lang"]._get_data(url_code=first).active:
            return False
        return path.startswith(COMPLAINT_PUBLIC_PATHS)

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        # the tracking page's chatter speaks mail's texts ("now", the empty
        # thread, the composer's buttons) and ours: Odoo loads neither on the
        # frontend, and a Chinese visitor read them in English
        return [*super()._get_translation_frontend_modules_name(), "mail", "complaint_base"]

    @classmethod
    def _complaint_env(cls):
        # before authentication: no user on the request yet
        return api.Environment(request.env.cr, SUPERUSER_ID, {})

    @classmethod
    def _match(cls, path):
        # Odoo picks the language of the address, else of the frontend_lang cookie (a
        # choice made on an earlier page), else the context's: this one; it then keeps
        # it in the cookie, which the page's scripts follow for their own texts
        if cls._complaint_visitor_path(path):
            lang = cls._complaint_visitor_lang()
            if lang:
                request.update_context(lang=lang)
        return super()._match(path)

    @classmethod
    def _complaint_visitor_lang(cls):
        """The language of a visitor without an account: the first language of
        the browser (by preference) that is installed, else the company's.
        Odoo's own choice takes only the browser's first language and falls
        back to English."""
        env = cls._complaint_env()
        Lang = env["res.lang"]
        for value, __ in request.httprequest.accept_languages:
            try:
                code, territory, __, __ = babel.core.parse_locale(value, sep="-")
            except ValueError:
                continue
            nearest = env["ir.http"].get_nearest_lang(f"{code}_{territory}" if territory else code)
            if nearest:
                return nearest
        company = env.ref("base.public_user", raise_if_not_found=False).company_id or env.company
        company_lang = company.partner_id.lang
        if company_lang and Lang._get_data(code=company_lang).active:
            return company_lang
        return None
