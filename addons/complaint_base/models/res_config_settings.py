from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError

SEQUENCE_CODE = "complaint.complaint"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_reference_prefix = fields.Char(
        string="Reference Prefix",
        help="Prefix of new complaint references. %(year)s is replaced by the year, "
        "e.g. TS%(year)s- gives TS2026-000123.",
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
        tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")
        local = pytz.utc.localize(cron.sudo().nextcall).astimezone(tz)
        return local.hour + local.minute / 60

    def _set_digest_hour(self, hour):
        if not 0 <= hour < 24:
            raise ValidationError(self.env._("The sending time is between 00:00 and 23:59."))
        cron = self._digest_cron()
        if not cron or abs(self._digest_cron_hour() - hour) < 1 / 120:
            return
        tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")
        now = datetime.now(tz)
        hours, minutes = divmod(round(hour * 60), 60)
        wanted = now.replace(hour=hours, minute=minutes, second=0, microsecond=0)
        if wanted <= now:
            wanted += timedelta(days=1)
        cron.sudo().nextcall = wanted.astimezone(pytz.utc).replace(tzinfo=None)

    def set_values(self):
        if not 0 <= self.complaint_callback_delay_days <= 90:
            raise ValidationError(self.env._("The callback is planned between 0 and 90 days after the resolution."))
        super().set_values()
        self._set_digest_hour(self.complaint_digest_hour)
        sequence = self._complaint_sequence()
        if sequence and (
            sequence.prefix != (self.complaint_reference_prefix or False)
            or sequence.padding != self.complaint_reference_padding
        ):
            if not 3 <= self.complaint_reference_padding <= 12:
                raise ValidationError(self.env._("A complaint reference has between 3 and 12 digits."))
            sequence.write({"prefix": self.complaint_reference_prefix, "padding": self.complaint_reference_padding})
            try:
                sequence._get_prefix_suffix()
            except (KeyError, ValueError, TypeError) as exc:
                raise ValidationError(
                    self.env._(
                        "The reference prefix %(prefix)s is not valid: use only placeholders such as "
                        "%%(year)s, %%(y)s, %%(month)s or %%(day)s.",
                        prefix=self.complaint_reference_prefix,
                    )
                ) from exc
