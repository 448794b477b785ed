"""The built-in router of work orders (``complaint_dispatch``).

A rule matches when each of its criteria that is set holds: the order's type
is one of its types, the order's category or area (or one of their
ancestors) is one of its categories or areas, and one of its keywords occurs
in the order's text.  The first matching rule (lowest sequence) wins; major
and repeated orders go straight to the leaders of the departments.  The
implementation is ``trylast`` so that a site's router answers first.
"""

from __future__ import annotations

from typing import Any

from .markers import hookimpl


def rule_matches(order: dict[str, Any], rule: dict[str, Any]) -> bool:
    if rule.get("sector") and rule["sector"] != order.get("sector"):
        return False
    if rule.get("order_types") and order.get("order_type") not in rule["order_types"]:
        return False
    if rule.get("category_ids") and not set(rule["category_ids"]) & set(order.get("category_lineage_ids") or []):
        return False
    if rule.get("area_ids") and not set(rule["area_ids"]) & set(order.get("area_lineage_ids") or []):
        return False
    if rule.get("keywords"):
        text = (order.get("text") or "").lower()
        if not any(word.lower() in text for word in rule["keywords"] if word):
            return False
    return bool(rule.get("lead_id"))


@hookimpl(trylast=True)
def complaint_dispatch(order: dict[str, Any], rules: list[dict[str, Any]]) -> dict[str, Any] | None:
    for rule in sorted(rules, key=lambda r: (r.get("sequence", 10), r.get("id", 0))):
        if rule_matches(order, rule):
            return {
                "rule_id": rule.get("id"),
                "lead_id": rule["lead_id"],
                "co_ids": [i for i in rule.get("co_ids") or [] if i != rule["lead_id"]],
                "to_leader": bool(rule.get("to_leader") or order.get("is_major") or order.get("is_repeated")),
            }
    return None
