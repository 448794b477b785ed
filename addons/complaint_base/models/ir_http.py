import babel.core

from odoo import models
from odoo.http import request

# pages a visitor without an account reaches from a link (tracking link, rating,
# acknowledgement) or from the public form
COMPLAINT_PUBLIC_PATHS = ("/my/complaints", "/complaint/")


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _frontend_pre_dispatch(cls):
        # before super(): it puts request.lang in the context and the frontend_lang
        # cookie, which the page's scripts follow for their own texts
        if cls._complaint_serves_visitor():
            lang = cls._complaint_visitor_lang()
            if lang and lang != request.lang.code:
                request.lang = request.env["res.lang"]._get_data(code=lang)
        super()._frontend_pre_dispatch()

    @classmethod
    def _complaint_serves_visitor(cls):
        path = request.httprequest.path or ""
        if not request.env.user._is_public() or not path.startswith(COMPLAINT_PUBLIC_PATHS):
            return False
        # a language chosen in the address (the footer's language selector) stays chosen
        asked = (request.httprequest.environ.get("REQUEST_URI") or "").split("?")[0].split("/")
        url_code = asked[1] if len(asked) > 2 else ""
        return not (url_code and request.env["res.lang"]._get_data(url_code=url_code).active)

    @classmethod
    def _complaint_visitor_lang(cls):
        """The language of a visitor without an account: the first language of
        the browser (by preference) that is installed, else the company's.
        Odoo's own choice takes only the browser's first language, or a cookie
        left by any earlier page, and falls back to English."""
        IrHttp = request.env["ir.http"]
        for value, __ in request.httprequest.accept_languages:
            try:
                code, territory, __, __ = babel.core.parse_locale(value, sep="-")
            except ValueError:
                continue
            nearest = IrHttp.get_nearest_lang(f"{code}_{territory}" if territory else code)
            if nearest:
                return nearest
        # the company partner is not readable by the public user
        company_lang = request.env.company.sudo().partner_id.lang
        if company_lang and request.env["res.lang"]._get_data(code=company_lang).active:
            return company_lang
        return None
