"""Checks of a courier complaint's own data at intake."""

from __future__ import annotations

import re

WAYBILL_RE = re.compile(r"^[A-Z]{0,4}\d{8,20}$")
SEPARATORS_RE = re.compile(r"[\s,;，；、/]+")
EMPLOYEE_CODE_RE = re.compile(r"^[A-Za-z0-9-]{2,20}$")


def split_waybills(text: str | None) -> list[str]:
    """The waybill numbers of a free text (one or several, any separator)."""
    return [token.upper() for token in SEPARATORS_RE.split(text or "") if token]


def invalid_waybills(text: str | None) -> list[str]:
    return [number for number in split_waybills(text) if not WAYBILL_RE.match(number)]


def is_valid_employee_code(code: str | None) -> bool:
    return bool(EMPLOYEE_CODE_RE.match((code or "").strip()))
