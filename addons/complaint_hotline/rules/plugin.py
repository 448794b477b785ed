"""The pluggy plugin of ``complaint_hotline``: it answers only where the
addon is installed, and only for work orders of the hotline sector."""

from __future__ import annotations

from typing import Any

import pluggy

from .types import SECTOR

hookimpl = pluggy.HookimplMarker("complaint")


@hookimpl
def complaint_select_deadline_policies(
    complaint: dict[str, Any], policies: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    """A hotline order runs on the hotline's time limits only: the hotline
    policies that match it, most specific first; the policies of other
    sectors or of none never start a clock on it."""
    if complaint.get("sector") != SECTOR:
        return None
    chosen = [p for p in policies if p.get("sector") == SECTOR and p.get("matches")]
    return sorted(chosen, key=lambda p: (-p.get("specificity", 0), p.get("sequence", 10), p.get("id", 0)))


@hookimpl
def complaint_validate_intake(values: dict[str, Any], sector: str | None) -> list[tuple[str, str]]:
    """A consultation closed on the call needs the answer given."""
    if sector != SECTOR:
        return []
    if values.get("hotline_answered_on_call") and not (values.get("hotline_answer") or "").strip():
        return [("hotline_answer", "Record the answer given on the call.")]
    return []


@hookimpl
def complaint_recurring_key(sector: str | None) -> list[str] | None:
    """The hotline's recurring complaints (the 12345 plan: 重复投诉 analysed by
    matter and place, as FixMyStreet routes by category and place): the same
    category of call from the same area, whoever called; a call names no
    respondent."""
    if sector != SECTOR:
        return None
    return ["category_id", "hotline_area_id"]
