"""More than three staff-attitude or process complaints in one week in a
department: the manager pays 50 (seed 004, 七 8).  Counted per ISO week of
the complaints' local reception date, levied once per department and week."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

WEEKLY_LIMIT = 3


def iso_week(day: date) -> str:
    year, week, __ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekly_breaches(
    rows: Iterable[tuple[object, date, int]], limit: int = WEEKLY_LIMIT
) -> list[tuple[object, str, list[int]]]:
    """``rows``: (department key, local date, complaint id) of the
    established conduct complaints.  Returns (department, ISO week, complaint
    ids in order) for every department and week with more than ``limit``."""
    groups: dict[tuple[object, str], set[int]] = defaultdict(set)
    for department, day, complaint_id in rows:
        groups[(department, iso_week(day))].add(complaint_id)
    return sorted(
        ((department, week, sorted(ids)) for (department, week), ids in groups.items() if len(ids) > limit),
        key=lambda item: (item[1], str(item[0])),
    )


def breach_key(team_id: int, line: str, week: str) -> str:
    return f"automotive:conduct_week:{team_id}:{line}:{week}"
