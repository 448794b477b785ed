"""Warranty windows of seed 004 (质量担保管理条例): the vehicle 24 months
from the purchase, parts 12 months from the parts invoice (both editable)."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def warranty_end(start: date | None, months: int) -> date | None:
    """The last day covered (the day before the anniversary)."""
    if not start or months <= 0:
        return None
    return date.fromordinal(add_months(start, months).toordinal() - 1)


def covered(start: date | None, months: int, on: date) -> bool:
    end = warranty_end(start, months)
    return bool(end) and start <= on <= end
