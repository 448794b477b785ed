import re
from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SEQUENCE_CODE = "complaint.complaint"

# the year placeholders of an ir.sequence prefix, as the settings name them
YEAR_PLACEHOLDERS = {"full": "%(year)s", "short": "%(y)s"}
# a prefix the settings can show as parts: text, at most one year, text (a literal % is written %%)
SIMPLE_PREFIX = re.compile(r"(?P<code>(?:[^%]|%%)*)(?:%\((?P<year>year|y)\)s(?P<separator>(?:[^%]|%%)*))?")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
SEPARATOR_CHARS = "-_/.# "


def split_reference_prefix(prefix):
    """(code, year, separator, simple) of an ir.sequence prefix: the parts the
    settings show.  ``TS%(year)s-`` is ("TS", "full", "-", True); a prefix
    with other placeholders (set on the technical sequence) is not simple,
    its parts are the nearest reading of it."""
    prefix = prefix or ""
    match = SIMPLE_PREFIX.fullmatch(prefix)
    if match:
        code = match["code"].replace("%%", "%")
        separator = (match["separator"] or "").replace("%%", "%")
        year = {"year": "full", "y": "short"}.get(match["year"], "none")
        if year == "none":
            # no year: the punctuation at the end separates the prefix from the number
            stripped = code.rstrip(SEPARATOR_CHARS)
            code, separator = stripped, code[len(stripped) :]
        return code, year, separator, True
    placeholders = PLACEHOLDER.findall(prefix)
    year = next(({"year": "full", "y": "short"}[name] for name in placeholders if name in ("year", "y")), "none")
    pieces = PLACEHOLDER.split(prefix)
    return pieces[0].replace("%%", "%"), year, pieces[-1].replace("%%", "%"), False


def join_reference_prefix(code, year, separator):
    """The ir.sequence prefix of the settings' parts (the inverse of
    :func:`split_reference_prefix` for simple prefixes)."""

    def literal(text):
        return (text or "").replace("%", "%%")

    return literal(code) + YEAR_PLACEHOLDERS.get(year, "") + literal(separator)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # the reference as the user sets it: a prefix, the year or not, a separator;
    # the sequence keeps its technical prefix (TS%(year)s-), read and written here
    complaint_reference_prefix = fields.Char(
        string="Reference Pattern",
        help="The technical prefix of the reference sequence, as the parts below give it.",
    )
    complaint_reference_code = fields.Char(
        string="Reference Prefix",
        compute="_compute_complaint_reference_parts",
        store=True,
        readonly=False,
        help="The letters every complaint reference starts with, e.g. TS.",
    )
    complaint_reference_year = fields.Selection(
        [("full", "Four-Digit Year"), ("short", "Two-Digit Year"), ("none", "No Year")],
        string="Year in the Reference",
        compute="_compute_complaint_reference_parts",
        store=True,
        readonly=False,
        help="The year the complaint is registered in, after the prefix.",
    )
    complaint_reference_separator = fields.Char(
        string="Separator",
        compute="_compute_complaint_reference_parts",
        store=True,
        readonly=False,
        help="Between the prefix (and the year) and the number, e.g. a dash.",
    )
    complaint_reference_pattern = fields.Char(compute="_compute_complaint_reference_pattern")
    complaint_reference_custom = fields.Boolean(
        string="Pattern Set on the Sequence",
        compute="_compute_complaint_reference_pattern",
        help="The references follow a pattern set on the technical sequence that the fields above cannot show; "
        "changing them replaces it.",
    )
    complaint_reference_padding = fields.Integer(string="Reference Digits", default=6)
    complaint_default_team_id = fields.Many2one(
        "complaint.team",
        string="Default Team",
        config_parameter="complaint_base.default_team_id",
        help="Team of complaints registered without one (web form, e-mail, API).",
    )
    complaint_allow_anonymous = fields.Boolean(
        string="Accept Anonymous Complaints",
        config_parameter="complaint_base.allow_anonymous",
        help="Anonymous complaints are accepted and handled with the same care.",
    )
    complaint_callback_delay_days = fields.Integer(
        string="Callback After (Days)",
        default=2,
        config_parameter="complaint_base.callback_delay_days",
        help="Days after the resolution by which the complainant is called back.",
    )
    complaint_callback_user_id = fields.Many2one(
        "res.users",
        string="Callback Specialist",
        config_parameter="complaint_base.callback_user_id",
        domain=[("share", "=", False)],
        help="Who calls complainants back; the team leader when empty.",
    )
    complaint_rating_by_email = fields.Boolean(
        string="Ask for a Rating by E-mail",
        config_parameter="complaint_base.rating_by_email",
        help="When a complaint is resolved, the complainant gets an e-mail with three faces to rate the handling; "
        "a dissatisfied rating reopens the complaint for re-handling.",
    )

    complaint_calendar_id = fields.Many2one(
        related="company_id.complaint_calendar_id",
        readonly=False,
        string="Default Working Hours",
        help="Business calendar on which deadlines are counted for teams that name none.",
    )
    complaint_calendar_tz = fields.Selection(
        related="company_id.complaint_calendar_id.tz",
        string="Time Zone of the Working Hours",
        help="Time zone in which the default working hours, and the deadlines counted on them, are read.",
    )
    complaint_holiday_warning = fields.Char(
        compute="_compute_complaint_holiday_warning", string="Public Holidays Warning"
    )

    complaint_digest_hour = fields.Float(
        string="Sending Time", default=8.0, help="Local time at which the daily digest is sent."
    )
    complaint_digest_lookahead_hours = fields.Integer(
        string="Look Ahead (hours)",
        config_parameter="complaint_base.digest_lookahead_hours",
        default=24,
        help="Complaints due within this many hours are listed as due soon.",
    )
    complaint_digest_handlers = fields.Boolean(
        string="Send to Handlers", config_parameter="complaint_base.digest_handlers", default=True
    )
    complaint_digest_leaders = fields.Boolean(
        string="Send to Team Leaders", config_parameter="complaint_base.digest_leaders", default=True
    )

    @api.depends("complaint_reference_prefix")
    def _compute_complaint_reference_parts(self):
        for settings in self:
            code, year, separator, __ = split_reference_prefix(settings.complaint_reference_prefix)
            settings.complaint_reference_code = code or False
            settings.complaint_reference_year = year
            settings.complaint_reference_separator = separator or False

    @api.depends(
        "complaint_reference_prefix",
        "complaint_reference_code",
        "complaint_reference_year",
        "complaint_reference_separator",
    )
    def _compute_complaint_reference_pattern(self):
        """The prefix the sequence gets: the parts as the user set them; the
        sequence's own prefix while they still read it (a pattern set on the
        technical sequence is kept until the user changes a part)."""
        for settings in self:
            stored = settings.complaint_reference_prefix or ""
            code, year, separator, simple = split_reference_prefix(stored)
            chosen = join_reference_prefix(
                settings.complaint_reference_code,
                settings.complaint_reference_year or "none",
                settings.complaint_reference_separator,
            )
            untouched = chosen == join_reference_prefix(code, year, separator)
            settings.complaint_reference_pattern = stored if untouched else chosen
            settings.complaint_reference_custom = untouched and not simple

    @api.depends("company_id")
    def _compute_complaint_holiday_warning(self):
        warning = self.env["complaint.holiday.year"]._missing_years_warning()
        for settings in self:
            settings.complaint_holiday_warning = warning

    @api.model
    def _complaint_ensure_default_team(self):
        """At install: the shipped team becomes the default team unless an
        existing team is already named."""
        params = self.env["ir.config_parameter"].sudo()
        current = params.get_param("complaint_base.default_team_id")
        if current and current.isdigit() and self.env["complaint.team"].sudo().browse(int(current)).exists():
            return True
        team = self.env.ref("complaint_base.complaint_team_default", raise_if_not_found=False)
        if team:
            params.set_param("complaint_base.default_team_id", team.id)
        return True

    def action_complaint_edit_calendar(self):
        """Open the default working hours to edit them."""
        self.ensure_one()
        calendar = self.complaint_calendar_id or self.company_id._complaint_calendar()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Default Working Hours"),
            "res_model": "resource.calendar",
            "res_id": calendar.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def _complaint_sequence(self):
        return (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", SEQUENCE_CODE), ("company_id", "in", (self.env.company.id, False))], limit=1)
        )

    @api.model
    def get_values(self):
        res = super().get_values()
        sequence = self._complaint_sequence()
        res.update(
            complaint_reference_prefix=sequence.prefix or "",
            complaint_reference_padding=sequence.padding or 6,
            complaint_digest_hour=self._digest_cron_hour(),
        )
        return res

    def _digest_cron(self):
        return self.env.ref("complaint_base.ir_cron_complaint_digest", raise_if_not_found=False)

    def _digest_cron_hour(self):
        cron = self._digest_cron()
        if not cron:
            return 8.0
        tz = pytz.timezone(self.env.user.tz or self.env.company._complaint_tz())
        local = pytz.utc.localize(cron.sudo().nextcall).astimezone(tz)
        return local.hour + local.minute / 60

    def _set_digest_hour(self, hour):
        if not 0 <= hour < 24:
            raise ValidationError(self.env._("The sending time is between 00:00 and 23:59."))
        cron = self._digest_cron()
        if not cron or abs(self._digest_cron_hour() - hour) < 1 / 120:
            return
        tz = pytz.timezone(self.env.user.tz or self.env.company._complaint_tz())
        now = datetime.now(tz)
        hours, minutes = divmod(round(hour * 60), 60)
        wanted = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
        if wanted <= now:
            wanted += timedelta(days=1)
        cron.sudo().nextcall = wanted.astimezone(pytz.utc).replace(tzinfo=None)

    def _check_complaint_required(self):
        """The default team and working hours cannot be cleared: complaints
        from the web form, e-mail and API must land in a team, and deadlines
        need a calendar in the business's time zone."""
        current = self.env["ir.config_parameter"].sudo().get_param("complaint_base.default_team_id")
        team_named = current and current.isdigit() and self.env["complaint.team"].sudo().browse(int(current)).exists()
        if team_named and not self.complaint_default_team_id:
            raise ValidationError(
                self.env._("Choose a default team: complaints that arrive without a team are routed to it.")
            )
        if self.company_id.complaint_calendar_id and not self.complaint_calendar_id:
            raise ValidationError(
                self.env._(
                    "Choose the default working hours: deadlines of teams without their own are counted on them."
                )
            )

    def set_values(self):
        self._check_complaint_required()
        if not 0 <= self.complaint_callback_delay_days <= 90:
            raise ValidationError(self.env._("The callback is planned between 0 and 90 days after the resolution."))
        super().set_values()
        self._set_digest_hour(self.complaint_digest_hour)
        sequence = self._complaint_sequence()
        pattern = self.complaint_reference_pattern or False
        if sequence and (sequence.prefix != pattern or sequence.padding != self.complaint_reference_padding):
            if not 3 <= self.complaint_reference_padding <= 12:
                raise ValidationError(self.env._("A complaint reference has between 3 and 12 digits."))
            if len(pattern or "") > 40:
                raise ValidationError(self.env._("The reference prefix and separator are too long."))
            sequence.write({"prefix": pattern, "padding": self.complaint_reference_padding})
            try:
                sequence._get_prefix_suffix()
            except (KeyError, ValueError, TypeError) as exc:
                raise ValidationError(
                    self.env._(
                        "The reference pattern %(prefix)s of the sequence is not valid: use only placeholders "
                        "such as %%(year)s, %%(y)s, %%(month)s or %%(day)s.",
                        prefix=pattern,
                    )
                ) from exc
