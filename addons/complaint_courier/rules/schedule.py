"""The fine schedule: what one established breach of an article costs."""

from __future__ import annotations

from typing import Any

try:  # in Odoo: the base's one rule for a fine's amount by severity
    from odoo.addons.complaint_base.plugins.default import amount_for_severity
except ModuleNotFoundError:  # without Odoo (tests/): the base's plugins are loaded as complaint_plugins
    from complaint_plugins.default import amount_for_severity

SECTOR = "courier"

#: what happens to a complaint whose breach is established (see :func:`decide`)
FINE = "fine"  # fined at the article's amount
REDUCED = "reduced"  # fined at the article's reduced amount (第十四条: 10)
RECORD = "record"  # unproven: recorded against the person and kind (备案)
COUNT = "count"  # counted; the outlet is fined at each N-th of the month (第一条)


def given_evidence(evidence: dict[str, Any]) -> list[str]:
    """The evidence kinds a complainant gave, from the complaint's values."""
    return sorted(kind for kind, value in evidence.items() if value and (not isinstance(value, str) or value.strip()))


def is_proven(accepted: list[str] | None, given: list[str] | None) -> bool:
    """A breach is proven when the complainant gave one of the kinds of
    evidence the article accepts (e.g. surname, employee ID or landline);
    an article that names no evidence needs none."""
    if not accepted:
        return True
    return bool(set(accepted) & set(given or ()))


def decide(rule: dict[str, Any], proven: bool, caused_by_customer: bool = False) -> str:
    """What an established breach of ``rule`` leads to.

    * an article fined per N complaints of a month (``courier_mode == "count"``)
      only counts the complaint;
    * unproven (or caused by the customer) with a reduced amount: the reduced
      fine (第十四条: 10 yuan when it cannot be proven or the customer caused it);
    * unproven otherwise: recorded against the person (备案); articles with
      the three-strikes clause fine all three at the third of the same kind;
    * else the article's fine.
    """
    if rule.get("courier_mode") == "count":
        return COUNT
    reduced = float(rule.get("courier_reduced_amount") or 0.0) > 0
    if not proven:
        return REDUCED if reduced else RECORD
    if caused_by_customer and reduced:
        return REDUCED
    return FINE


def rule_amount(rule: dict[str, Any], severity: str | None, reduced: bool = False) -> float:
    """The fixed amount, or the point of the range chosen by severity
    (general: minimum, major: middle, critical: maximum); the reduced
    amount when asked for and the article has one."""
    if reduced and float(rule.get("courier_reduced_amount") or 0.0) > 0:
        return float(rule["courier_reduced_amount"])
    return amount_for_severity(rule, severity)


def surcharge(rule: dict[str, Any], ordinal: int) -> float:
    """The extra for the ``ordinal``-th complaint of this article against the
    outlet (第二条(一): beyond three, each one more adds 200)."""
    threshold = int(rule.get("courier_repeat_threshold") or 0)
    extra = float(rule.get("courier_repeat_surcharge") or 0.0)
    if threshold > 0 and extra > 0 and ordinal > threshold:
        return extra
    return 0.0


def payers(rule: dict[str, Any]) -> list[str]:
    return list(rule.get("payers") or ["outlet"])


def article_fines(
    complaint: dict[str, Any],
    rule: dict[str, Any],
    rules_by_code: dict[str, dict[str, Any]],
    reduced: bool,
    ordinal: int,
) -> list[dict[str, Any]]:
    """The ledger lines of one established breach: the article itself, the
    surcharge for repeats, and the articles it also levies (第二条(四): 200
    plus 100-1000 by severity)."""
    fines = []
    severity = complaint.get("severity")
    for payer in payers(rule):
        fines.append(
            {"rule_code": rule["code"], "amount": rule_amount(rule, severity, reduced), "payer": payer, "part": "main"}
        )
        extra = surcharge(rule, ordinal)
        if extra:
            fines.append({"rule_code": rule["code"], "amount": extra, "payer": payer, "part": "surcharge"})
    if not reduced:
        fines += also_levied(complaint, rule, rules_by_code)
    return [fine for fine in fines if fine["amount"] > 0]


def also_levied(
    complaint: dict[str, Any], rule: dict[str, Any], rules_by_code: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The fines of the articles ``rule`` also levies, at their own amounts."""
    fines = []
    for code in rule.get("courier_also_codes") or []:
        extra = rules_by_code.get(code)
        if not extra or not extra.get("active", True):
            continue
        for payer in payers(extra):
            fines.append(
                {
                    "rule_code": code,
                    "amount": rule_amount(extra, complaint.get("severity")),
                    "payer": payer,
                    "part": "extra",
                }
            )
    return fines
