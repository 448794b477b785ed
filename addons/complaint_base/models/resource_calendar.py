from collections import defaultdict
from datetime import timezone
from zoneinfo import ZoneInfo

from odoo import models

from ..engine.business_calendar import BusinessCalendar, split_leave


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _complaint_business_calendar(self, holidays=None):
        """This calendar as an Odoo-free :class:`BusinessCalendar`.

        Weekly attendances give the working intervals; the active public
        holiday schedules add days off and make-up working days; the
        calendar's global leaves, read in its time zone, are days off (the
        local days they cover whole) or closed hours (part-day leaves).
        ``holidays`` lets a batch pass the (days_off, workdays) pair once.
        """
        self.ensure_one()
        week = defaultdict(list)
        for attendance in self.attendance_ids:
            if attendance.day_period == "lunch" or attendance.resource_id or attendance.display_type:
                continue
            week[int(attendance.dayofweek)].append((attendance.hour_from, attendance.hour_to))
        days_off, workdays = holidays if holidays is not None else self._complaint_holiday_sets()
        zone = ZoneInfo(self.tz or "Asia/Shanghai")
        extra_off, closures = set(), []
        # global leaves, read in the calendar's time zone: the local days a
        # leave covers whole are days off, a part-day leave closes its hours
        for leave in self.leave_ids.filtered(lambda leave: not leave.resource_id):
            days, parts = split_leave(
                leave.date_from.replace(tzinfo=timezone.utc).astimezone(zone),
                leave.date_to.replace(tzinfo=timezone.utc).astimezone(zone),
            )
            extra_off |= days
            closures += [(BusinessCalendar.to_utc(begin), BusinessCalendar.to_utc(finish)) for begin, finish in parts]
        return BusinessCalendar(
            week={day: tuple(sorted(intervals)) for day, intervals in week.items()},
            tz=self.tz or "Asia/Shanghai",
            holidays=frozenset(days_off | extra_off),
            workdays=frozenset(workdays),
            closures=tuple(closures),
        )

    def _complaint_holiday_sets(self):
        days = self.env["complaint.holiday.day"].sudo().search_read([("active", "=", True)], ["date", "kind"])
        days_off = {d["date"] for d in days if d["kind"] == "holiday"}
        workdays = {d["date"] for d in days if d["kind"] == "workday"}
        return days_off, workdays
