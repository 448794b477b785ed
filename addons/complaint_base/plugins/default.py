"""The built-in rules of ``complaint_base``.

Every implementation is ``trylast`` so that a sector addon's answer comes
first for ``firstresult`` hooks.  Messages are English sentences; callers in
Odoo translate them.
"""

from __future__ import annotations

import re
from typing import Any

from .markers import hookimpl


def _(message: str) -> str:
    """Mark ``message`` for translation; the Odoo caller translates it."""
    return message


SEVERITIES = ("general", "major", "critical")
SEVERITY_PRIORITY = {"general": "1", "major": "2", "critical": "3"}
OUTCOME_SCORES = {"satisfied": 100.0, "accepted": 60.0, "dissatisfied": 0.0}

EMAIL_RE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")
PHONE_ALLOWED_RE = re.compile(r"^\+?[\d\s\-()./]+(?:\s*(?:ext\.?|x|转)\s*\d{1,6})?$", re.IGNORECASE)


def is_valid_email(value: str) -> bool:
    return bool(EMAIL_RE.match((value or "").strip()))


def is_valid_phone(value: str) -> bool:
    """Accept mobile, landline and hotline numbers: 5 to 20 digits."""
    value = (value or "").strip()
    if not value or not PHONE_ALLOWED_RE.match(value):
        return False
    digits = re.sub(r"\D", "", value.split("转")[0].lower().split("ext")[0].split("x")[0])
    return 5 <= len(digits) <= 20


@hookimpl(trylast=True)
def complaint_validate_intake(values: dict[str, Any], sector: str | None) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not (values.get("subject") or "").strip():
        problems.append(("subject", _("A complaint needs a subject.")))
    email = (values.get("contact_email") or "").strip()
    if email and not is_valid_email(email):
        problems.append(("contact_email", _("The e-mail address is not valid.")))
    phone = (values.get("contact_phone") or "").strip()
    if phone and not is_valid_phone(phone):
        problems.append(("contact_phone", _("The phone number is not valid.")))
    if values.get("severity") and values["severity"] not in SEVERITIES:
        problems.append(("severity", _("The severity is not one of general, major or critical.")))
    if values.get("is_anonymous") and values.get("anonymous_allowed") is False:
        problems.append(("is_anonymous", _("This organisation does not accept anonymous complaints.")))
    if not values.get("is_anonymous") and not values.get("partner_id"):
        if not (values.get("contact_name") or "").strip() or not (email or phone):
            problems.append(
                (
                    "contact_name",
                    _(
                        "Give the complainant (a contact, or a name with a phone number or "
                        "e-mail address), or mark the complaint as anonymous."
                    ),
                )
            )
    return problems


@hookimpl(trylast=True)
def complaint_classify(values: dict[str, Any], sector: str | None) -> dict[str, Any]:
    severity = values.get("severity") or "general"
    if values.get("media_involved") and severity == "general":
        severity = "major"
    answer = {
        "severity": severity,
        "priority": SEVERITY_PRIORITY[severity],
        "is_major": severity in ("major", "critical"),
    }
    if values.get("category_team_code"):
        # the category's "route to team"
        answer["team_code"] = values["category_team_code"]
    return answer


def policy_specificity(policy: dict[str, Any]) -> int:
    """More criteria set means more specific; a domain counts as one."""
    keys = ("sector", "category_ids", "channel_codes", "severities", "priorities", "team_ids", "company_ids")
    return sum(1 for key in keys if policy.get(key)) + (1 if policy.get("domain_matched") is not None else 0)


def policy_matches(complaint: dict[str, Any], policy: dict[str, Any]) -> bool:
    if policy.get("sector") and policy["sector"] != complaint.get("sector"):
        return False
    if policy.get("category_ids"):
        lineage = set(complaint.get("category_lineage_ids") or [])
        if not lineage & set(policy["category_ids"]):
            return False
    for key, attr in (
        ("channel_codes", "channel_code"),
        ("severities", "severity"),
        ("priorities", "priority"),
        ("team_ids", "team_id"),
        ("company_ids", "company_id"),
    ):
        if policy.get(key) and complaint.get(attr) not in policy[key]:
            return False
    return policy.get("domain_matched") is not False


@hookimpl(trylast=True)
def complaint_select_deadline_policies(
    complaint: dict[str, Any], policies: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    matching = [p for p in policies if policy_matches(complaint, p)]
    return sorted(matching, key=lambda p: (-policy_specificity(p), p.get("sequence", 10), p.get("id", 0)))


@hookimpl(trylast=True)
def complaint_escalation_actions(
    complaint: dict[str, Any], clock: dict[str, Any], step: dict[str, Any]
) -> list[dict[str, Any]]:
    return [dict(action) for action in step.get("actions", [])]


def amount_for_severity(rule: dict[str, Any], severity: str | None) -> float:
    """Fixed amount, or a point of the min-max range chosen by severity."""
    low = float(rule.get("amount_min") or rule.get("amount") or 0.0)
    high = float(rule.get("amount_max") or low)
    if high <= low:
        return low
    position = {"general": 0.0, "major": 0.5, "critical": 1.0}.get(severity or "general", 0.0)
    return round(low + (high - low) * position, 2)


@hookimpl(trylast=True)
def complaint_assess_penalties(
    complaint: dict[str, Any], breach: dict[str, Any], rules: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    wanted = breach.get("rule_codes") or []
    by_code = {rule["code"]: rule for rule in rules if rule.get("active", True)}
    fines = []
    for code in wanted:
        rule = by_code.get(code)
        if not rule:
            continue
        payers = rule.get("payers") or ["handler"]
        for payer in payers:
            fines.append(
                {
                    "rule_code": code,
                    "amount": amount_for_severity(rule, complaint.get("severity")),
                    "payer": payer,
                }
            )
    return fines


@hookimpl(trylast=True)
def complaint_satisfaction_score(outcome: str | None, score: int | None) -> float | None:
    if score is not None:
        if not 0 <= score <= 10:
            raise ValueError("a satisfaction score is between 0 and 10")
        return float(score) * 10.0
    return OUTCOME_SCORES.get(outcome or "")


#: the default recurring key: same category and same respondent
RECURRING_KEY_FIELDS = ["category_id", "respondent_partner_id"]


@hookimpl(trylast=True)
def complaint_recurring_key(sector: str | None) -> list[str]:
    return list(RECURRING_KEY_FIELDS)
