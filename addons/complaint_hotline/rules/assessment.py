"""Department assessment (考核) figures from counts, without Odoo.

``counts`` per department: ``dispatched`` (orders dispatched or transferred
to it), ``signed_on_time``, ``returned``, ``replied`` (orders it replied to
as lead department), ``replied_on_time``, ``callbacks`` (callbacks of its
orders), ``resolved`` (callbacks saying the problem was solved),
``satisfied`` (satisfied or basically satisfied) and ``reworked`` (orders
sent back for re-handling)."""

from __future__ import annotations

RATES = (
    ("sign_rate", "signed_on_time", "dispatched"),
    ("ontime_rate", "replied_on_time", "replied"),
    ("resolution_rate", "resolved", "callbacks"),
    ("satisfaction_rate", "satisfied", "callbacks"),
    ("rework_rate", "reworked", "replied"),
    ("return_rate", "returned", "dispatched"),
)
#: weights of the composite score used for the ranking (a rate is 0-100)
WEIGHTS = {
    "sign_rate": 0.15,
    "ontime_rate": 0.25,
    "resolution_rate": 0.2,
    "satisfaction_rate": 0.3,
    "rework_rate": -0.05,
    "return_rate": -0.05,
}


def rate(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


def rates(counts: dict[str, int]) -> dict[str, float]:
    result = {name: rate(counts.get(part, 0), counts.get(whole, 0)) for name, part, whole in RATES}
    result["score"] = round(sum(result[name] * weight for name, weight in WEIGHTS.items()), 2)
    return result


def ranking(scores: dict[int, float]) -> dict[int, int]:
    """Rank 1 for the best score; equal scores share a rank."""
    ordered = sorted(scores.values(), reverse=True)
    return {key: ordered.index(score) + 1 for key, score in scores.items()}
