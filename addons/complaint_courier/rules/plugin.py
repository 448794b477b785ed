"""The pluggy plugin of ``complaint_courier``.

Registered by the addon with ``register_addon_plugin("complaint_courier",
plugin)``: it answers only in databases where the addon is installed, and
only for complaints of the courier sector.  The marker is the suite's
project name, so this module needs neither Odoo nor ``complaint_base``.
"""

from __future__ import annotations

from typing import Any

import pluggy

from . import intake, schedule
from .schedule import SECTOR

hookimpl = pluggy.HookimplMarker("complaint")


def _(message: str) -> str:
    """Mark ``message`` for translation; the Odoo caller translates it."""
    return message


@hookimpl
def complaint_validate_intake(values: dict[str, Any], sector: str | None) -> list[tuple[str, str]]:
    if sector != SECTOR:
        return []
    problems = []
    if intake.invalid_waybills(values.get("courier_waybill")):
        problems.append(
            ("courier_waybill", _("A waybill number is 8 to 20 digits, optionally after a short letter prefix."))
        )
    if values.get("courier_staff_id") and not values.get("courier_outlet_id"):
        problems.append(("courier_outlet_id", _("Name the outlet of the staff member complained about.")))
    if (values.get("courier_item_value") or 0) < 0:
        problems.append(("courier_item_value", _("The item value cannot be negative.")))
    if values.get("courier_insured") and not values.get("courier_item_value"):
        problems.append(("courier_item_value", _("An insured item needs its declared value.")))
    return problems


@hookimpl
def complaint_select_deadline_policies(
    complaint: dict[str, Any], policies: list[dict[str, Any]]
) -> list[dict[str, Any]] | None:
    """A courier complaint runs on the network's own schedule: the courier
    policies that match it, most specific first.  Policies without a sector
    apply only when no courier policy matches (``None``: the default rule)."""
    if complaint.get("sector") != SECTOR:
        return None
    chosen = [p for p in policies if p.get("sector") == SECTOR and p.get("matches")]
    if not chosen:
        return None
    return sorted(chosen, key=lambda p: (-p.get("specificity", 0), p.get("sequence", 10), p.get("id", 0)))


@hookimpl
def complaint_assess_penalties(
    complaint: dict[str, Any], breach: dict[str, Any], rules: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Courier fines.

    * ``kind == "clock"`` (a deadline step): the base plugin fines the step's
      articles; this adds the articles they also levy.
    * ``kind == "courier_article"`` (an established complaint): the article's
      fine (reduced when unproven or caused by the customer), the surcharge
      of repeats (``ordinal``) and the articles it also levies.
    """
    if complaint.get("sector") != SECTOR:
        return []
    by_code = {rule["code"]: rule for rule in rules if rule.get("active", True)}
    if breach.get("kind") == "clock":
        fines = []
        for code in breach.get("rule_codes") or []:
            if code in by_code:
                fines += schedule.also_levied(complaint, by_code[code], by_code)
        return fines
    if breach.get("kind") == "courier_article":
        rule = by_code.get(breach.get("article"))
        if not rule:
            return []
        return schedule.article_fines(
            complaint, rule, by_code, bool(breach.get("reduced")), int(breach.get("ordinal") or 1)
        )
    return []


@hookimpl
def complaint_recurring_key(sector: str | None) -> list[str] | None:
    """The network's recurring complaints (seed 001: complaints analysed by
    type and outlet): the same type of complaint against the same outlet,
    whoever the courier or the contact complained about."""
    if sector != SECTOR:
        return None
    return ["category_id", "courier_outlet_id"]
