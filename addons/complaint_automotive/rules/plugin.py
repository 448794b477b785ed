"""The pluggy plugin of ``complaint_automotive``.

Registered with ``register_addon_plugin("complaint_automotive", plugin)``:
it answers only where the addon is installed, and only for complaints of the
automotive sector."""

from __future__ import annotations

from typing import Any

import pluggy

from .roles import SECTOR

hookimpl = pluggy.HookimplMarker("complaint")


@hookimpl
def complaint_select_deadline_policies(
    complaint: dict[str, Any], policies: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    """A dealer's complaint runs on the dealer's own table: the automotive
    policies that match it, most specific first (on-site verbal complaints
    the same day before the 3-day rule).  Policies of no sector apply only
    when no automotive policy matches (``None``: the default rule)."""
    if complaint.get("sector") != SECTOR:
        return None
    chosen = [p for p in policies if p.get("sector") == SECTOR and p.get("matches")]
    if not chosen:
        return None
    return sorted(chosen, key=lambda p: (-p.get("specificity", 0), p.get("sequence", 10), p.get("id", 0)))
