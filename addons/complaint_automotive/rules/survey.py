"""The manufacturer's callback survey and the 零抱怨 (zero complaint) cycle
(seed 000/004, 七 3): scores 0–10 per question; 6 or less sends the dealer a
customer complaint to resolve quickly, the manufacturer calls back 7 days
after the survey — satisfied counts as a zero complaint, still dissatisfied
costs the dealer 3000.

Odoo-free: the checks of one survey row (from a spreadsheet or the
manufacturer's API), the NPS bands, the grouping of low scores into cases and
the sampling of satisfied rechecks for a second call.  Messages are English
sentences with %(name)s placeholders, translated by the Odoo caller."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from . import vin as vin_rules

SCORE_MIN, SCORE_MAX = 0, 10
# 6 or less opens a zero-complaint case (分值6分及以下)
LOW_SCORE_MAX = 6
PASSIVE_MAX = 8
RECHECK_DAYS = 7
BANDS = ("detractor", "passive", "promoter")
NPS_VALUES = {"detractor": -100, "passive": 0, "promoter": 100}
KINDS = ("sales", "service")
KIND_WORDS = {
    "sales": ("sales", "sale", "delivery", "销售", "交车", "新车", "购车"),
    "service": ("service", "after-sales", "aftersales", "visit", "售后", "维修", "保养", "服务", "进店"),
}
MAX_LENGTHS = {"customer": 128, "phone": 32, "question": 200, "comment": 5000}


def _(message: str) -> str:
    """Mark ``message`` for translation; the Odoo caller translates it."""
    return message


def band(score: int) -> str:
    """NPS band of a 0–10 score: 0–6 detractor, 7–8 passive, 9–10 promoter."""
    if score <= LOW_SCORE_MAX:
        return "detractor"
    return "passive" if score <= PASSIVE_MAX else "promoter"


def is_low(score: int) -> bool:
    return score <= LOW_SCORE_MAX


def parse_score(value: Any) -> int:
    """A whole score 0–10 from a cell or JSON value; ValueError otherwise."""
    if isinstance(value, bool) or value is None:
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace("分", "")
        if not text:
            raise ValueError(value)
        number = float(text)
    if math.isnan(number) or not number.is_integer():
        raise ValueError(value)
    return int(number)


def parse_kind(value: Any) -> str | None:
    text = "".join(str(value or "").split()).lower()
    if not text:
        return None
    for kind, words in KIND_WORDS.items():
        if text in words:
            return kind
    raise ValueError(value)


def normalize_question(value: Any) -> str:
    """The question as compared for duplicates: spaces collapsed."""
    return " ".join(str(value or "").split())


def survey_key(vin: str, survey_date: date, question: str | None) -> tuple[str, str, str]:
    """What makes a score unique: the same VIN, survey date and question."""
    return (vin, survey_date.isoformat(), normalize_question(question).lower())


def _text(raw: dict[str, Any], column: str) -> str | None:
    value = raw.get(column)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split()) if column != "comment" else str(value).strip()
    return text or None


def check_row(
    raw: dict[str, Any],
    today: date,
    parse_date: Callable[[Any], date | None],
    is_valid_phone: Callable[[str], bool] | None = None,
) -> tuple[dict[str, Any], list[tuple[str, str, dict[str, Any]]]]:
    """Check one survey row.  ``raw``: {vin, customer, phone, visit_date,
    survey_date, question, score, comment, kind} as given; ``parse_date``
    turns a cell or text into a date (ValueError when it cannot).  Returns
    (values, problems) with problems as (column, message, params)."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str, dict[str, Any]]] = []

    vin_text = _text(raw, "vin")
    if not vin_text:
        problems.append(("vin", _("empty; every score names the vehicle's VIN."), {}))
    else:
        try:
            values["vin"] = vin_rules.validate(vin_text)
        except vin_rules.VinError as error:
            problems.append(("vin", error.message, error.params))

    raw_score = raw.get("score")
    if raw_score is None or (isinstance(raw_score, str) and not raw_score.strip()):
        problems.append(("score", _("empty; give the score from 0 to 10."), {}))
    else:
        try:
            score = parse_score(raw_score)
        except (TypeError, ValueError):
            problems.append(("score", _("%(value)s is not a whole number from 0 to 10."), {"value": raw_score}))
        else:
            if not SCORE_MIN <= score <= SCORE_MAX:
                problems.append(("score", _("%(value)s is out of range: a score is from 0 to 10."), {"value": score}))
            else:
                values["score"] = score

    for column, required in (("survey_date", True), ("visit_date", False)):
        value = raw.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                problems.append((column, _("empty; give the date of the survey, e.g. 2026-03-02."), {}))
            continue
        try:
            day = parse_date(value)
        except (TypeError, ValueError, OverflowError):
            problems.append((column, _("%(value)s is not a date; write it like 2026-03-02."), {"value": value}))
            continue
        if day is None:
            if required:
                problems.append((column, _("empty; give the date of the survey, e.g. 2026-03-02."), {}))
            continue
        if day > today:
            problems.append((column, _("%(value)s is in the future."), {"value": day.isoformat()}))
            continue
        values[column] = day
    if values.get("visit_date") and values.get("survey_date") and values["visit_date"] > values["survey_date"]:
        problems.append(
            (
                "visit_date",
                _("%(visit)s is after the survey date %(survey)s."),
                {"visit": values["visit_date"].isoformat(), "survey": values["survey_date"].isoformat()},
            )
        )

    for column in ("customer", "phone", "question", "comment"):
        text = _text(raw, column)
        if text is None:
            continue
        if len(text) > MAX_LENGTHS[column]:
            problems.append(
                (
                    column,
                    _("too long (%(length)s characters, at most %(limit)s)."),
                    {"length": len(text), "limit": MAX_LENGTHS[column]},
                )
            )
            continue
        values[column] = text
    if values.get("phone") and is_valid_phone and not is_valid_phone(values["phone"]):
        problems.append(("phone", _("%(value)s is not a phone number."), {"value": values["phone"]}))
        values.pop("phone")

    if values.get("score") is not None and is_low(values["score"]) and not values.get("customer"):
        problems.append(
            ("customer", _("empty; a score of 6 or less opens a complaint for the customer: give their name."), {})
        )

    if raw.get("kind") is not None:
        try:
            kind = parse_kind(raw["kind"])
        except ValueError:
            problems.append(
                ("kind", _("%(value)s is neither sales nor after-sales (销售/售后)."), {"value": raw["kind"]})
            )
        else:
            if kind:
                values["kind"] = kind
    return values, problems


def duplicates(keys: Iterable[tuple[int, tuple[str, str, str] | None]]) -> dict[int, int]:
    """{row: earlier row with the same key} for the rows repeating a key."""
    first: dict[tuple[str, str, str], int] = {}
    repeated: dict[int, int] = {}
    for row, key in keys:
        if key is None:
            continue
        if key in first:
            repeated[row] = first[key]
        else:
            first[key] = row
    return repeated


def cases(scores: Iterable[dict[str, Any]]) -> list[tuple[tuple[Any, str, date], list[dict[str, Any]]]]:
    """The zero-complaint cases low ``scores`` open: one per company, VIN and
    survey date (several low questions of one survey are one complaint),
    each with its scores lowest first."""
    groups: dict[tuple[Any, str, date], list[dict[str, Any]]] = {}
    for score in scores:
        if is_low(score["score"]):
            groups.setdefault((score.get("company_id"), score["vin"], score["survey_date"]), []).append(score)
    return [
        (key, sorted(rows, key=lambda s: (s["score"], s.get("id") or 0)))
        for key, rows in sorted(groups.items(), key=lambda item: (str(item[0][0]), item[0][2], item[0][1]))
    ]


def sampled(draw: float, percent: float) -> bool:
    """Whether a satisfied recheck with random ``draw`` in [0, 1) is in the
    ``percent`` % queued for a second call."""
    return percent > 0 and draw * 100 < percent
