from odoo import api, fields, models
from odoo.tools import format_datetime
from odoo.tools.misc import babel_locale_parse, posix_to_ldml

# the shipped working calendar (Asia/Shanghai), used when nothing else is set
DEFAULT_CALENDAR_XMLID = "complaint_base.resource_calendar_complaint_cn"


class ResCompany(models.Model):
    _inherit = "res.company"

    complaint_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Complaint Working Hours",
        help="Business calendar on which complaint deadlines are counted for teams that name none. "
        "Its time zone is the one of the deadlines.",
    )

    def _complaint_default_calendar(self):
        """Give every company without complaint working hours the shipped
        Chinese business calendar (install and new companies)."""
        calendar = self.env.ref(DEFAULT_CALENDAR_XMLID, raise_if_not_found=False)
        companies = self or self.sudo().search([])
        if calendar:
            companies.filtered(lambda c: not c.complaint_calendar_id).complaint_calendar_id = calendar
        return True

    def _complaint_calendar(self):
        """The calendar complaint deadlines of this company are counted on:
        its complaint working hours, else the shipped Beijing calendar.
        Never Odoo's standard calendar, which a fresh database creates in UTC."""
        self.ensure_one()
        return self.complaint_calendar_id or self.env.ref(DEFAULT_CALENDAR_XMLID, raise_if_not_found=False)

    def _complaint_tz(self):
        """The time zone people of this company read complaint times in."""
        self.ensure_one()
        calendar = self._complaint_calendar()
        return (calendar and calendar.tz) or self.partner_id.tz or "Asia/Shanghai"

    def _complaint_lang(self):
        """The language of texts the server writes for this company (cron notes,
        fine evidence): the company's contact language, else the first
        installed language that is not English, else English."""
        self.ensure_one()
        if self.partner_id.lang:
            return self.partner_id.lang
        langs = [code for code, __ in self.env["res.lang"].get_installed() if code != "en_US"]
        return langs[0] if langs else "en_US"

    def _complaint_env(self):
        """An environment speaking this company's language in its time zone."""
        self.ensure_one()
        return self.env(context=dict(self.env.context, lang=self._complaint_lang(), tz=self._complaint_tz()))

    def _complaint_format_datetime(self, value, dt_format="medium", tz=None, lang_code=None):
        """``value`` (naive UTC) as this company's people read it: local time,
        company language, with the zone's abbreviation left out.  ``tz`` and
        ``lang_code`` read it for one person (the user on screen).
        ``dt_format="minutes"``: the language's own date and time formats
        without the seconds, as the web client shows them (2026年12月01日 10时00分)."""
        self.ensure_one()
        if not value:
            return ""
        env = self._complaint_env()
        lang_code = lang_code or env.lang
        if dt_format == "minutes":
            lang = env["res.lang"]._get_data(code=lang_code)
            if lang.date_format and lang.short_time_format:
                locale = babel_locale_parse(lang_code)
                dt_format = (
                    f"{posix_to_ldml(lang.date_format, locale=locale)} "
                    f"{posix_to_ldml(lang.short_time_format, locale=locale)}"
                )
            else:
                dt_format = "short"
        return format_datetime(env, value, tz=tz or self._complaint_tz(), dt_format=dt_format, lang_code=lang_code)

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._complaint_default_calendar()
        return companies
