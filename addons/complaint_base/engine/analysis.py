"""Periods and figures of the complaint analysis report (投诉统计分析报告).

Odoo-free: the report model asks these functions for its periods (local
calendar days of the company) and turns the counts of its SQL queries into
rates and comparisons.  Tested by tests/test_analysis_engine.py.
"""

from __future__ import annotations

from datetime import date, timedelta

PERIOD_KINDS = ("month", "quarter")
PERIOD_MONTHS = {"month": 1, "quarter": 3}
# how many periods the trend table shows: from the same period last year on
TREND_LENGTH = {"month": 13, "quarter": 5}


def _check_kind(kind: str) -> None:
    if kind not in PERIOD_KINDS:
        raise ValueError(f"unknown period kind {kind!r}")


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_start(kind: str, day: date) -> date:
    """The first day of the month or quarter ``day`` is in."""
    _check_kind(kind)
    month = day.month if kind == "month" else 3 * ((day.month - 1) // 3) + 1
    return date(day.year, month, 1)


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """(first day, last day) of the month or quarter ``day`` is in."""
    start = period_start(kind, day)
    return start, add_months(start, PERIOD_MONTHS[kind]) - timedelta(days=1)


def shift_period(kind: str, day: date, periods: int) -> tuple[date, date]:
    """The bounds of the period ``periods`` periods from the one of ``day``
    (-1: the previous one)."""
    start = period_start(kind, day)
    return period_bounds(kind, add_months(start, periods * PERIOD_MONTHS[kind]))


def previous_period(kind: str, day: date) -> tuple[date, date]:
    return shift_period(kind, day, -1)


def same_period_last_year(kind: str, day: date) -> tuple[date, date]:
    start = period_start(kind, day)
    return period_bounds(kind, add_months(start, -12))


def last_finished_period(kind: str, today: date) -> tuple[date, date]:
    """The month or quarter that ended before ``today``'s one (the report the
    scheduler writes on the first days of a period)."""
    return previous_period(kind, today)


def trend_starts(kind: str, day: date, length: int | None = None) -> list[date]:
    """The first days of the ``length`` periods ending with ``day``'s one, oldest first."""
    length = length or TREND_LENGTH[kind]
    start = period_start(kind, day)
    return [add_months(start, -PERIOD_MONTHS[kind] * n) for n in range(length - 1, -1, -1)]


def period_code(kind: str, day: date) -> str:
    """2026-11 for a month, 2026-Q4 for a quarter: the period as a key."""
    start = period_start(kind, day)
    if kind == "month":
        return f"{start.year}-{start.month:02d}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def rate(part: float | None, whole: float | None, digits: int = 1) -> float | None:
    """``part`` as a percentage of ``whole``; None when there is no whole."""
    if not whole:
        return None
    return round(100.0 * (part or 0) / whole, digits)


def change(current: float | None, previous: float | None, digits: int = 1) -> dict:
    """The difference to a previous figure and its relative change in %
    (None when the previous figure is zero or missing: no base to compare)."""
    current = current or 0
    previous = previous or 0
    delta = current - previous
    if isinstance(delta, float):
        delta = round(delta, digits)
    return {"delta": delta, "pct": rate(delta, previous, digits) if previous else None}


def attainment(on_time: int, late: int) -> float | None:
    """On-time share of the decided clocks (met or breached), running ones left out."""
    return rate(on_time, (on_time or 0) + (late or 0))


def top(rows: list[dict], limit: int, key: str = "count") -> list[dict]:
    """The ``limit`` largest rows by ``key`` (ties: the smaller id first, so
    the order is stable), without rows at zero."""
    kept = [row for row in rows if row.get(key)]
    kept.sort(key=lambda row: (-row[key], str(row.get("id"))))
    return kept[:limit]


def shares(rows: list[dict], total: int, key: str = "count") -> list[dict]:
    """Each row with its share of ``total`` in % (``share``)."""
    return [dict(row, share=rate(row.get(key), total)) for row in rows]
