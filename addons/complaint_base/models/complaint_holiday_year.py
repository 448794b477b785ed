from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComplaintHolidayYear(models.Model):
    _name = "complaint.holiday.year"
    _description = "Public Holiday Schedule"
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
