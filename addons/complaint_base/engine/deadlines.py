"""Due times, pauses and escalation thresholds of complaint clocks."""

from __future__ import annotations

from datetime import datetime, timedelta

from .business_calendar import BusinessCalendar

CALENDAR_UNITS = ("minutes", "hours", "days", "months")
WORKING_UNITS = ("working_hours", "working_days", "same_day", "time_of_day")
UNITS = CALENDAR_UNITS + WORKING_UNITS


def is_working_unit(unit: str) -> bool:
    if unit not in UNITS:
        raise ValueError(f"unknown deadline unit {unit!r}")
    return unit in WORKING_UNITS


def compute_due(
    calendar: BusinessCalendar, start: datetime, amount: float, unit: str, time_of_day: float | None = None
) -> datetime:
    """When a clock started at ``start`` falls due."""
    is_working_unit(unit)
    if unit == "minutes":
        return start + timedelta(minutes=amount)
    if unit == "hours":
        return start + timedelta(hours=amount)
    if unit == "days":
        return start + timedelta(days=amount)
    if unit == "months":
        return calendar.add_months(start, int(amount))
    if unit == "working_hours":
        return calendar.add(start, amount * 60)
    if unit == "working_days":
        return calendar.add_working_days(start, int(amount))
    if unit == "same_day":
        return calendar.end_of_working_day(start)
    if time_of_day is None:
        raise ValueError("a 'time_of_day' deadline needs the hour, e.g. 17.0")
    return calendar.at_time_of_day(start, time_of_day)


def remaining_minutes(calendar: BusinessCalendar, unit: str, paused_at: datetime, due: datetime) -> float:
    """What is left of a clock paused at ``paused_at`` (may be negative)."""
    if is_working_unit(unit):
        return calendar.working_minutes(paused_at, due)
    return (due - paused_at).total_seconds() / 60


def resumed_due(calendar: BusinessCalendar, unit: str, resumed_at: datetime, remaining: float) -> datetime:
    """The new due time of a clock resumed with ``remaining`` minutes left."""
    if is_working_unit(unit):
        if remaining <= 0:
            return resumed_at + timedelta(minutes=remaining)
        return calendar.add(resumed_at, remaining)
    return resumed_at + timedelta(minutes=remaining)


def threshold_time(
    calendar: BusinessCalendar,
    unit: str,
    start: datetime,
    due: datetime,
    kind: str,
    value: float,
    offset_unit: str = "hours",
) -> datetime:
    """When an escalation step acts.

    * ``percent``: ``value`` % of the clock's time has elapsed (working time
      for working units);
    * ``after_due`` / ``before_due``: ``value`` ``offset_unit`` after or
      before the due time (``offset_unit`` one of minutes, hours, days,
      working_hours, working_days; working days only after the due time).
    """
    if kind == "percent":
        if is_working_unit(unit):
            return calendar.add(start, calendar.working_minutes(start, due) * value / 100)
        return start + (due - start) * (value / 100)
    if kind not in ("after_due", "before_due"):
        raise ValueError(f"unknown threshold kind {kind!r}")
    sign = 1 if kind == "after_due" else -1
    if offset_unit == "working_days":
        if sign < 0:
            raise ValueError("'working days before the due time' is not supported; use working hours")
        return calendar.add_working_days(due, int(value))
    if offset_unit == "working_hours":
        return calendar.add(due, sign * value * 60)
    minutes = {"minutes": 1, "hours": 60, "days": 1440}.get(offset_unit)
    if minutes is None:
        raise ValueError(f"unknown offset unit {offset_unit!r}")
    return due + timedelta(minutes=sign * value * minutes)
