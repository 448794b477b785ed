"""Counting rules: three strikes per person, repeats per outlet and month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

STRIKES = 3  # 被投诉同类行为三次后，按证据确凿一并处理
MONTHLY_THRESHOLD = 3  # 每月累计三次以上(含三次)一律交网点管理严惩


def month_of(when: date | datetime) -> str:
    """``YYYY-MM`` of a local date or datetime."""
    return f"{when.year:04d}-{when.month:02d}"


def _order(item: dict[str, Any]):
    return (item["date"], item["id"])


def strike_groups(
    recorded: Iterable[dict[str, Any]], already_fined: Iterable[int], groups_done: int, size: int = STRIKES
) -> list[tuple[int, list[int]]]:
    """New strike groups of one person and one kind.

    ``recorded`` are the unproven complaints recorded against the person for
    the kind (``id``, ``date``); ``already_fined`` the ids the ledger already
    fined in an earlier group and ``groups_done`` how many groups the ledger
    holds.  Each full group of ``size`` complaints, oldest first, becomes
    proven and is fined together; returns ``[(group number, [ids])]``.
    """
    fined = set(already_fined)
    pending = [item for item in sorted(recorded, key=_order) if item["id"] not in fined]
    groups = []
    number = groups_done
    while len(pending) >= size:
        number += 1
        groups.append((number, [item["id"] for item in pending[:size]]))
        pending = pending[size:]
    return groups


def count_groups(items: Iterable[dict[str, Any]], size: int) -> list[tuple[int, int]]:
    """Every ``size``-th complaint of a month closes a group:
    ``[(group number, id of the complaint closing it)]``."""
    ordered = sorted(items, key=_order)
    return [(index // size, ordered[index - 1]["id"]) for index in range(size, len(ordered) + 1, size)]


def ordinal(items: Iterable[dict[str, Any]], item_id: int) -> int:
    """1-based position of ``item_id`` among ``items`` ordered by date."""
    ordered = sorted(items, key=_order)
    for position, item in enumerate(ordered, start=1):
        if item["id"] == item_id:
            return position
    raise ValueError(f"complaint {item_id} is not among the items")


def monthly_repeats(
    complaints: Iterable[dict[str, Any]], threshold: int = MONTHLY_THRESHOLD
) -> dict[tuple[int, int, str], list[int]]:
    """Outlets with ``threshold`` or more complaints of the same kind in a
    calendar month: ``{(outlet id, kind id, "YYYY-MM"): [complaint ids]}``.

    ``complaints`` hold ``id``, ``outlet_id``, ``kind_id`` and the local
    ``date`` of receipt; complaints without outlet or kind are ignored.
    """
    buckets: dict[tuple[int, int, str], list[dict[str, Any]]] = defaultdict(list)
    for item in complaints:
        if item.get("outlet_id") and item.get("kind_id"):
            buckets[(item["outlet_id"], item["kind_id"], month_of(item["date"]))].append(item)
    return {
        key: [item["id"] for item in sorted(items, key=_order)]
        for key, items in buckets.items()
        if len(items) >= threshold
    }
