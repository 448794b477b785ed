"""The pluggy plugin of ``complaint_employee``.

Registered with ``register_addon_plugin("complaint_employee", plugin)``: it
answers only where the addon is installed, and only for grievances (sector
``employee``)."""

from __future__ import annotations

from typing import Any

import pluggy

SECTOR = "employee"

hookimpl = pluggy.HookimplMarker("complaint")


@hookimpl
def complaint_select_deadline_policies(
    complaint: dict[str, Any], policies: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    """A grievance runs on the grievance policies only (never another
    sector's nor the general ones): every employee policy that matches, the
    most specific first, so the path's policy and the common one (7-day
    acknowledgement, 3-month feedback) both apply."""
    if complaint.get("sector") != SECTOR:
        return None
    chosen = [p for p in policies if p.get("sector") == SECTOR and p.get("matches")]
    return sorted(chosen, key=lambda p: (-p.get("specificity", 0), p.get("sequence", 10), p.get("id", 0)))
