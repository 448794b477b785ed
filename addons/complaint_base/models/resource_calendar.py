from collections import defaultdict

from odoo import models

from ..engine.business_calendar import BusinessCalendar


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _complaint_business_calendar(self, holidays=None):
        """This calendar as an Odoo-free :class:`BusinessCalendar`.

        Weekly attendances give the working intervals; the active public
        holiday schedules add days off and make-up working days; the
        calendar's full-day global leaves are days off too.
        ``holidays`` lets a batch pass the (days_off, workdays) pair once.
        """
        self.ensure_one()
        week = defaultdict(list)
        for attendance in self.attendance_ids:
            if attendance.day_period == "lunch" or attendance.resource_id or attendance.display_type:
                continue
            week[int(attendance.dayofweek)].append((attendance.hour_from, attendance.hour_to))
        days_off, workdays = holidays if holidays is not None else self._complaint_holiday_sets()
        leaves = self.leave_ids.filtered(lambda leave: not leave.resource_id)
        extra_off = set()
        for leave in leaves:
            day = leave.date_from.date()
            while day <= leave.date_to.date():
                extra_off.add(day)
                day = day.fromordinal(day.toordinal() + 1)
        return BusinessCalendar(
            week={day: tuple(sorted(intervals)) for day, intervals in week.items()},
            tz=self.tz or "Asia/Shanghai",
            holidays=frozenset(days_off | extra_off),
            workdays=frozenset(workdays),
        )

    def _complaint_holiday_sets(self):
        days = self.env["complaint.holiday.day"].sudo().search_read([("active", "=", True)], ["date", "kind"])
        days_off = {d["date"] for d in days if d["kind"] == "holiday"}
        workdays = {d["date"] for d in days if d["kind"] == "workday"}
        return days_off, workdays
