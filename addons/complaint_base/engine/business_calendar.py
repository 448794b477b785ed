"""Working-time arithmetic on a business calendar.

A :class:`BusinessCalendar` knows the working intervals of each weekday, a
time zone, public holidays (days off even on a weekday) and make-up working
days (调休: weekend days that are worked).  Every public method takes and
returns *naive UTC* datetimes, the way Odoo stores them; the local time zone
is used inside only.
"""

from __future__ import annotations

import calendar as gregorian
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

Interval = tuple[float, float]  # hours after local midnight, e.g. (8.5, 12.0)

#: how far the arithmetic looks for working time before giving up
MAX_DAYS = 3700

DEFAULT_WEEK: dict[int, tuple[Interval, ...]] = {weekday: ((8.5, 12.0), (13.0, 17.5)) for weekday in range(5)}


class NoWorkingTime(ValueError):
    """The calendar has no working time within the search horizon."""


def _hour_to_time(hours: float) -> tuple[time, int]:
    """(time of day, day offset) for a float hour; 24.0 is next midnight."""
    minutes = round(hours * 60)
    day_offset, minutes = divmod(minutes, 24 * 60)
    return time(minutes // 60, minutes % 60), day_offset


def split_leave(start: datetime, end: datetime) -> tuple[set[date], list[tuple[datetime, datetime]]]:
    """A leave from ``start`` to ``end`` (aware, in the calendar's zone) as
    the local days it covers whole and the part-day pieces left over.

    Odoo stores a full-day leave as local midnight to 23:59:59; that end
    counts as the next midnight."""
    if end.time() == time(23, 59, 59):
        end = datetime.combine(end.date() + timedelta(days=1), time(), end.tzinfo)
    days: set[date] = set()
    parts: list[tuple[datetime, datetime]] = []
    cursor = start
    while cursor < end:
        midnight = datetime.combine(cursor.date(), time(), cursor.tzinfo)
        next_midnight = datetime.combine(cursor.date() + timedelta(days=1), time(), cursor.tzinfo)
        piece_end = min(end, next_midnight)
        if cursor == midnight and piece_end == next_midnight:
            days.add(cursor.date())
        else:
            parts.append((cursor, piece_end))
        cursor = piece_end
    return days, parts


@dataclass(frozen=True)
class BusinessCalendar:
    week: Mapping[int, tuple[Interval, ...]] = field(default_factory=lambda: dict(DEFAULT_WEEK))
    tz: str = "Asia/Shanghai"
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    makeup_intervals: tuple[Interval, ...] | None = None
    #: part-day closures (a leave of a few hours), as naive UTC (start, end)
    closures: tuple[tuple[datetime, datetime], ...] = ()

    def __post_init__(self):
        for weekday, intervals in self.week.items():
            for start, end in intervals:
                if not 0 <= start < end <= 24:
                    raise ValueError(f"invalid working interval {start}-{end} on weekday {weekday}")
        for start, end in self.closures:
            if not start < end:
                raise ValueError(f"invalid closure {start} - {end}")

    # ------------------------------------------------------------------ days
    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz or "UTC")

    def _makeup(self) -> tuple[Interval, ...]:
        if self.makeup_intervals:
            return self.makeup_intervals
        for weekday in range(7):
            if self.week.get(weekday):
                return tuple(self.week[weekday])
        return ()

    def intervals_of(self, day: date) -> tuple[Interval, ...]:
        if day in self.holidays:
            return ()
        if day in self.workdays:
            return tuple(self.week.get(day.weekday()) or ()) or self._makeup()
        return tuple(self.week.get(day.weekday()) or ())

    def is_working_day(self, day: date) -> bool:
        return bool(self.intervals_of(day))

    def local_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        result = []
        for start, end in sorted(self.intervals_of(day)):
            start_time, start_offset = _hour_to_time(start)
            end_time, end_offset = _hour_to_time(end)
            result.append(
                (
                    datetime.combine(day + timedelta(days=start_offset), start_time, self.zone),
                    datetime.combine(day + timedelta(days=end_offset), end_time, self.zone),
                )
            )
        if self.closures and result:
            result = self._cut_closures(result)
        return result

    def _cut_closures(self, intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
        """``intervals`` less the part-day closures."""
        for closure in self.closures:
            closed_from, closed_to = self.to_local(closure[0]), self.to_local(closure[1])
            kept = []
            for begin, end in intervals:
                if closed_to <= begin or closed_from >= end:
                    kept.append((begin, end))
                    continue
                if begin < closed_from:
                    kept.append((begin, closed_from))
                if closed_to < end:
                    kept.append((closed_to, end))
            intervals = kept
        return intervals

    # ------------------------------------------------------------ conversion
    def to_local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(self.zone)

    @staticmethod
    def to_utc(moment: datetime) -> datetime:
        return moment.astimezone(timezone.utc).replace(tzinfo=None)

    def _days_from(self, day: date, step: int = 1) -> Iterable[date]:
        for offset in range(MAX_DAYS):
            yield day + timedelta(days=offset * step)
        raise NoWorkingTime(f"no working time within {MAX_DAYS} days of {day}")

    # ------------------------------------------------------------ arithmetic
    def add(self, moment: datetime, minutes: float) -> datetime:
        """``moment`` plus ``minutes`` of working time (negative: minus)."""
        if minutes == 0:
            return moment
        if minutes < 0:
            return self._subtract(moment, -minutes)
        local = self.to_local(moment)
        remaining = minutes
        for day in self._days_from(local.date() - timedelta(days=1)):
            for start, end in self.local_intervals(day):
                if end <= local:
                    continue
                begin = max(start, local)
                available = (end - begin).total_seconds() / 60
                if remaining <= available:
                    return self.to_utc(begin + timedelta(minutes=remaining))
                remaining -= available
        raise NoWorkingTime  # pragma: no cover - _days_from raises first

    def _subtract(self, moment: datetime, minutes: float) -> datetime:
        local = self.to_local(moment)
        remaining = minutes
        for day in self._days_from(local.date() + timedelta(days=1), step=-1):
            for start, end in reversed(self.local_intervals(day)):
                if start >= local:
                    continue
                finish = min(end, local)
                available = (finish - start).total_seconds() / 60
                if remaining <= available:
                    return self.to_utc(finish - timedelta(minutes=remaining))
                remaining -= available
        raise NoWorkingTime  # pragma: no cover

    def working_minutes(self, start: datetime, end: datetime) -> float:
        """Working minutes between two moments (negative when end < start)."""
        if end < start:
            return -self.working_minutes(end, start)
        local_start, local_end = self.to_local(start), self.to_local(end)
        total = 0.0
        day = local_start.date() - timedelta(days=1)
        while day <= local_end.date():
            for begin, finish in self.local_intervals(day):
                overlap = (min(finish, local_end) - max(begin, local_start)).total_seconds()
                if overlap > 0:
                    total += overlap / 60
            day += timedelta(days=1)
        return total

    def next_working_moment(self, moment: datetime) -> datetime:
        """``moment`` itself when inside working time, else the next start."""
        local = self.to_local(moment)
        for day in self._days_from(local.date() - timedelta(days=1)):
            for start, end in self.local_intervals(day):
                if end > local:
                    return self.to_utc(max(start, local))
        raise NoWorkingTime  # pragma: no cover

    def add_months(self, moment: datetime, months: int) -> datetime:
        """The same local time ``months`` calendar months later ("within one
        month"); the 31st becomes the last day of a shorter month."""
        local = self.to_local(moment)
        index = local.year * 12 + local.month - 1 + months
        year, month = divmod(index, 12)
        month += 1
        day = min(local.day, gregorian.monthrange(year, month)[1])
        wanted = datetime.combine(date(year, month, day), local.timetz().replace(tzinfo=None), self.zone)
        return self.to_utc(wanted)

    def add_working_days(self, moment: datetime, days: int) -> datetime:
        """The same local time ``days`` working days later.

        A moment outside working time first moves to the next working start;
        the result is kept inside the target day's working time.
        """
        if days < 0:
            raise ValueError("working days are counted forward only")
        start = self.to_local(self.next_working_moment(moment))
        day, counted = start.date(), 0
        while counted < days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
            if (day - start.date()).days > MAX_DAYS:
                raise NoWorkingTime
        wanted = datetime.combine(day, start.timetz().replace(tzinfo=None), self.zone)
        intervals = self.local_intervals(day)
        for begin, end in intervals:
            if begin <= wanted <= end:
                return self.to_utc(wanted)
            if wanted < begin:
                return self.to_utc(begin)
        return self.to_utc(intervals[-1][1])

    def end_of_working_day(self, moment: datetime) -> datetime:
        """ "Same day": the end of the working day, or of the next one when
        ``moment`` comes after the day's work or on a day off."""
        local = self.to_local(moment)
        for day in self._days_from(local.date()):
            intervals = self.local_intervals(day)
            if intervals and intervals[-1][1] > local:
                return self.to_utc(intervals[-1][1])
        raise NoWorkingTime  # pragma: no cover

    def at_time_of_day(self, moment: datetime, hour: float) -> datetime:
        """ "By 17:00 the same day": that hour today when it is still ahead on
        a working day, else that hour on the next working day."""
        local = self.to_local(moment)
        clock, offset = _hour_to_time(hour)
        for day in self._days_from(local.date()):
            if not self.is_working_day(day):
                continue
            wanted = datetime.combine(day + timedelta(days=offset), clock, self.zone)
            if wanted > local:
                return self.to_utc(wanted)
        raise NoWorkingTime  # pragma: no cover
