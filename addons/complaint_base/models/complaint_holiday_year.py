import re
from datetime import date, datetime

import pytz

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import ValidationError

WARNING_ACTIVITY_TYPE = "complaint_base.mail_activity_type_holiday_missing"
# from this month on, next year's schedule is expected (the State Council
# publishes it in October to December)
NEXT_YEAR_FROM_MONTH = 10


class ComplaintHolidayYear(models.Model):
    _name = "complaint.holiday.year"
    _description = "Public Holiday Schedule"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, id"

    name = fields.Char(required=True, translate=True)
    year = fields.Integer(required=True)
    country_id = fields.Many2one("res.country", default=lambda self: self.env.ref("base.cn", raise_if_not_found=False))
    source = fields.Text(help="The official notice this schedule comes from (title, number, date, where published).")
    active = fields.Boolean(default=True)
    day_ids = fields.One2many("complaint.holiday.day", "year_id", string="Days", copy=True)
    holiday_count = fields.Integer(compute="_compute_counts", string="Days Off")
    workday_count = fields.Integer(compute="_compute_counts", string="Make-up Working Days")

    _sql_constraints = [
        ("year_country_unique", "unique(year, country_id)", "A country has one holiday schedule per year."),
    ]

    @api.depends("day_ids.kind")
    def _compute_counts(self):
        for schedule in self:
            schedule.holiday_count = len(schedule.day_ids.filtered(lambda d: d.kind == "holiday"))
            schedule.workday_count = len(schedule.day_ids.filtered(lambda d: d.kind == "workday"))

    @api.model_create_multi
    def create(self, vals_list):
        schedules = super().create(vals_list)
        schedules._close_missing_year_warnings()
        return schedules

    def write(self, vals):
        res = super().write(vals)
        if "year" in vals or "country_id" in vals or vals.get("active"):
            self._close_missing_year_warnings()
        return res

    # --- missing years ----------------------------------------------------
    @api.model
    def _complaint_today(self):
        """Today's date where the company's people are (Beijing by default)."""
        return datetime.now(pytz.timezone(self.env.company._complaint_tz())).date()

    @api.model
    def _missing_years(self, today=None):
        """``[(country, year)]`` of the schedules deadlines will need but
        nobody has entered: this year's, and from 1 October next year's, for
        every country that has (active) schedules at all."""
        today = today or self._complaint_today()
        wanted = [today.year] + ([today.year + 1] if today.month >= NEXT_YEAR_FROM_MONTH else [])
        missing = []
        for country, schedules in self.sudo().search([], order="id").grouped("country_id").items():
            years = set(schedules.mapped("year"))
            missing += [(country, year) for year in wanted if year not in years]
        return missing

    @api.model
    def _missing_years_warning(self, today=None):
        """The warning administrators read, in the current language; empty
        when no schedule is missing."""
        return " ".join(
            self.env._(
                "The public holidays of %(year)s (%(country)s) are not entered: until they are, deadlines count "
                "Spring Festival and the other holidays as working days and skip the make-up working days. "
                "Add the %(year)s schedule from the State Council's notice in Public Holidays.",
                year=str(year),
                country=country.name or self.env._("no country"),
            )
            for country, year in self._missing_years(today)
        )

    @api.model
    def _warning_recipient(self):
        """The complaint administrator who gets the warning activity."""
        group = self.env.ref("complaint_base.group_complaint_admin", raise_if_not_found=False)
        admins = (group.users if group else self.env["res.users"]).filtered(
            lambda u: u.active and not u.share and u.id != SUPERUSER_ID
        )
        return admins.sorted("id")[:1]

    def _warning_activities(self):
        activity_type = self.env.ref(WARNING_ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return self.env["mail.activity"]
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", "complaint.holiday.year"), ("activity_type_id", "=", activity_type.id)])
        )

    @staticmethod
    def _activity_year(activity):
        found = re.search(r"(?<!\d)(\d{4})(?!\d)", activity.summary or "")
        return int(found.group(1)) if found else None

    def _close_missing_year_warnings(self):
        """Mark done the warnings about a year that now has its schedule."""
        missing = {(country.id, year) for country, year in self._missing_years()}
        for activity in self._warning_activities():
            schedule = self.sudo().with_context(active_test=False).browse(activity.res_id).exists()
            if (schedule.country_id.id, self._activity_year(activity)) not in missing:
                activity.action_feedback(feedback=self.env._("The schedule has been entered."))

    @api.model
    def _cron_warn_missing_years(self):
        """Daily: one activity for a complaint administrator per missing year
        (never a second one while the first is open), on the latest schedule
        of that country, written in the company's language; warnings about
        years entered since are marked done."""
        self._close_missing_year_warnings()
        admin = self._warning_recipient()
        if not admin:
            return
        today = self._complaint_today()
        open_activities = self._warning_activities()
        env = admin.company_id._complaint_env()
        for country, year in self._missing_years(today):
            schedules = self.sudo().search([("country_id", "=", country.id)], order="year desc, id desc")
            if any(
                activity.res_id in schedules.ids and self._activity_year(activity) == year
                for activity in open_activities
            ):
                continue
            schedule = schedules.filtered(lambda s, year=year: s.year < year)[:1] or schedules[:1]
            country_name = country.with_env(env).name or env._("no country")
            schedule.with_env(env).sudo().activity_schedule(
                WARNING_ACTIVITY_TYPE,
                date_deadline=max(today, date(year - 1, 12, 1)),
                summary=env._("Enter the %(year)s public holidays", year=str(year)),
                note=env._(
                    "The public holidays of %(year)s (%(country)s) are not entered: until they are, deadlines "
                    "count Spring Festival and the other holidays as working days and skip the make-up working "
                    "days. Add the %(year)s schedule from the State Council's notice in Public Holidays.",
                    year=str(year),
                    country=country_name,
                ),
                user_id=admin.id,
            )


class ComplaintHolidayDay(models.Model):
    _name = "complaint.holiday.day"
    _description = "Public Holiday or Make-up Working Day"
    _order = "date"

    year_id = fields.Many2one("complaint.holiday.year", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True, index=True)
    kind = fields.Selection(
        [("holiday", "Day Off"), ("workday", "Make-up Working Day")],
        required=True,
        default="holiday",
        help="Day off: no working time even on a weekday. Make-up working day (调休): worked even on a weekend.",
    )
    name = fields.Char(string="Occasion", translate=True)
    active = fields.Boolean(related="year_id.active", store=True)

    _sql_constraints = [
        ("date_year_unique", "unique(year_id, date)", "A date appears once in a holiday schedule."),
    ]

    @api.constrains("date", "year_id")
    def _check_year(self):
        for day in self:
            if day.date.year != day.year_id.year:
                raise ValidationError(
                    self.env._(
                        "%(date)s does not belong to the %(year)s schedule.", date=day.date, year=day.year_id.year
                    )
                )
