"""Filing windows of the formal path (seed 000, 第三条 第一款)."""

from __future__ import annotations

from datetime import date


def filed_late(event_date: date | None, filed_on: date | None, window_days: int) -> bool:
    """A written grievance is filed within ``window_days`` (one week) of the
    event, both days in local time; later ones are flagged, not refused."""
    if not event_date or not filed_on or window_days <= 0:
        return False
    return (filed_on - event_date).days > window_days
