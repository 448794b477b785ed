"""Recurring complaints and the effectiveness of improvement actions (8D),
without Odoo.

A recurring group is the set of complaints of one company whose key fields
(by default the category and the respondent; a sector plugin chooses others
through the ``complaint_recurring_key`` hook) hold the same values.  The key
of a group is a string that names the company and every field's value, so
that an improvement action remembers which group it answers and the
effectiveness check finds the group's new complaints again.

    >>> make_key(1, [("category_id", 5), ("respondent_partner_id", False)])
    '1|category_id=5|respondent_partner_id='
    >>> parse_key('1|category_id=5|respondent_partner_id=')
    (1, [('category_id', 5), ('respondent_partner_id', False)])
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote, unquote

DEFAULT_KEY_FIELDS = ("category_id", "respondent_partner_id")
# the kinds of fields a recurring key may use (values compared with "=")
KEY_FIELD_TYPES = ("many2one", "selection", "char", "integer", "boolean")


def make_key(company_id: int, pairs: list[tuple[str, object]]) -> str:
    """The key of the group of ``company_id`` whose fields hold ``pairs``
    ((field name, value); a record id for a many2one, ``False`` when empty)."""
    parts = [str(int(company_id))]
    for name, value in pairs:
        if value is False or value is None or value == "":
            encoded = ""
        elif isinstance(value, bool):
            encoded = "b:1"
        elif isinstance(value, int):
            encoded = str(value)
        else:
            encoded = "s:" + quote(str(value), safe="")
        parts.append(f"{name}={encoded}")
    return "|".join(parts)


def parse_key(key: str) -> tuple[int, list[tuple[str, object]]]:
    """(company id, [(field name, value)]) of a key made by :func:`make_key`."""
    if not key or "|" not in key:
        raise ValueError(f"not a recurring key: {key!r}")
    company, *parts = key.split("|")
    pairs: list[tuple[str, object]] = []
    for part in parts:
        name, sep, encoded = part.partition("=")
        if not sep or not name.isidentifier():
            raise ValueError(f"not a recurring key: {key!r}")
        if encoded == "":
            value: object = False
        elif encoded == "b:1":
            value = True
        elif encoded.startswith("s:"):
            value = unquote(encoded[2:])
        else:
            value = int(encoded)
        pairs.append((name, value))
    return int(company), pairs


def key_domain(pairs: list[tuple[str, object]]) -> list[tuple[str, str, object]]:
    """The search domain of the complaints of a group (without the company)."""
    return [(name, "=", value) for name, value in pairs]


def clean_key_fields(names, fields: dict[str, str]) -> list[str]:
    """The key fields a plugin asked for that exist and can be compared
    (``fields`` maps field names to their type), without duplicates; the
    default key when nothing usable is left."""
    chosen: list[str] = []
    for name in names or ():
        if fields.get(name) in KEY_FIELD_TYPES and name not in chosen:
            chosen.append(name)
    return chosen or list(DEFAULT_KEY_FIELDS)


def window_start(now: datetime, window_days: int) -> datetime:
    """The first moment of a window of ``window_days`` days ending ``now``."""
    if window_days < 1:
        raise ValueError("the window of recurring complaints is at least one day")
    return now - timedelta(days=window_days)


def is_recurring(count: int, threshold: int) -> bool:
    """A group recurs from ``threshold`` complaints on (at least two)."""
    return count >= max(int(threshold), 2)


def effectiveness_due(date_closed: datetime | None, check_days: int) -> datetime | None:
    """When the effectiveness of an action closed on ``date_closed`` is checked."""
    if not date_closed:
        return None
    return date_closed + timedelta(days=max(int(check_days), 1))


def effectiveness_verdict(recurrences: int) -> str:
    """``effective`` when the group did not come back after the closing,
    ``not_effective`` when at least one complaint of the group did."""
    return "not_effective" if recurrences > 0 else "effective"
