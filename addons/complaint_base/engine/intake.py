"""Intake field declarations and their value parsers, without Odoo.

A complaint arrives through several channels: the registration wizard, the
public web form, e-mail, the JSON API, the Excel/CSV import and the portal.
Each field a channel accepts is *declared* once, as a plain dict, and every
channel reads the declarations instead of keeping its own name map:

``name``
    the field of ``complaint.complaint``;
``type``
    ``char``, ``text``, ``html``, ``boolean``, ``float``, ``selection``,
    ``datetime`` or ``many2one``;
``label``
    English label (the Odoo caller translates it with the catalogue of the
    addon that declares the field);
``channels``
    the channels that offer the field (see :data:`CHANNELS`);
``api_key``
    its name in the JSON API (``complainant.phone`` for a nested key);
``column`` and ``headers``
    its canonical import column and the headers accepted for it (English and
    Chinese); the first Chinese header is the template's;
``max_length``, ``minimum``
    checks of the value itself;
``comodel``, ``lookup``
    for a ``many2one``: the model and its field the channels give (a code);
``reference``
    for a ``many2one`` checked at create: the word naming it in the error
    "Unknown <reference> (id N)";
``builtin``
    True for the base's own fields, which each channel reads with its own
    rules (typed nested objects in the API, lookups by code or name in the
    import...); the other (sector) fields are read generically from the
    declaration.

Parsers return ``(value, problem)`` where ``problem`` is ``None`` or a code
(``text``, ``too_long``, ``number``, ``negative``, ``boolean``, ``code``)
that the Odoo caller words.
"""

from __future__ import annotations

import math
from typing import Any

CHANNELS = ("wizard", "web_form", "email", "api", "import", "portal")
ALL = CHANNELS
TYPES = ("char", "text", "html", "boolean", "float", "selection", "datetime", "many2one")
TRUE_WORDS = ("1", "y", "yes", "true", "x", "是", "√", "✓", "on")
FALSE_WORDS = ("0", "n", "no", "false", "否", "不", "off")


def _(message: str) -> str:
    """Mark ``message`` for translation; the Odoo caller translates it."""
    return message


#: the base's own intake fields: one place for the names each channel uses
BASE_FIELDS: tuple[dict[str, Any], ...] = (
    {
        "name": "subject",
        "type": "char",
        "label": _("Subject"),
        "api_key": "subject",
        "column": "subject",
        "max_length": 200,
    },
    {
        "name": "description",
        "type": "html",
        "label": _("Description"),
        "api_key": "description",
        "column": "description",
    },
    # a problem of the contact is reported on the complainant's name
    {
        "name": "partner_id",
        "type": "many2one",
        "label": _("Complainant"),
        "channels": ("wizard", "email"),
        "column": "contact_name",
        "reference": "complainant",
        "comodel": "res.partner",
    },
    {
        "name": "contact_name",
        "type": "char",
        "label": _("Name"),
        "api_key": "complainant.name",
        "column": "contact_name",
    },
    {
        "name": "contact_phone",
        "type": "char",
        "label": _("Phone"),
        "api_key": "complainant.phone",
        "column": "contact_phone",
    },
    {
        "name": "contact_email",
        "type": "char",
        "label": _("E-mail"),
        "api_key": "complainant.email",
        "column": "contact_email",
    },
    {
        "name": "is_anonymous",
        "type": "boolean",
        "label": _("Anonymous"),
        "channels": ("wizard", "api", "import"),
        "api_key": "is_anonymous",
        "column": "is_anonymous",
    },
    {
        "name": "severity",
        "type": "selection",
        "label": _("Severity"),
        "channels": ("wizard", "api", "import"),
        "api_key": "severity",
        "column": "severity",
    },
    {"name": "customer_demand", "type": "text", "label": _("Remedy Sought"), "api_key": "customer_demand"},
    {
        "name": "respondent_description",
        "type": "char",
        "label": _("Complained About"),
        "channels": ("wizard", "api", "import"),
        "api_key": "respondent",
        "column": "respondent",
    },
    {
        "name": "category_id",
        "type": "many2one",
        "label": _("Category"),
        "api_key": "category",
        "column": "category",
        "reference": "category",
        "comodel": "complaint.category",
        "lookup": "code",
    },
    {
        "name": "channel_id",
        "type": "many2one",
        "label": _("Channel"),
        "channels": ("wizard", "api", "import"),
        "api_key": "channel",
        "column": "channel",
        "reference": "channel",
        "comodel": "complaint.channel",
        "lookup": "code",
    },
    {
        "name": "team_id",
        "type": "many2one",
        "label": _("Team"),
        "channels": ("wizard", "import"),
        "column": "team",
        "reference": "team",
        "comodel": "complaint.team",
        "lookup": "code",
    },
    {
        "name": "date_received",
        "type": "datetime",
        "label": _("Received On"),
        "channels": ("wizard", "api", "import"),
        "api_key": "date_received",
        "column": "date_received",
    },
    {
        "name": "external_ref",
        "type": "char",
        "label": _("External Reference"),
        "channels": ("api", "import"),
        "api_key": "external_ref",
        "column": "external_ref",
    },
    {"name": "media_involved", "type": "boolean", "label": _("Media Involved"), "channels": ("wizard",)},
    # references checked at create that no channel offers
    {"name": "stage_id", "type": "many2one", "label": _("Stage"), "channels": (), "reference": "stage"},
    {
        "name": "respondent_partner_id",
        "type": "many2one",
        "label": _("Respondent"),
        "channels": (),
        "reference": "respondent",
    },
    {"name": "user_id", "type": "many2one", "label": _("Handler"), "channels": (), "reference": "handler"},
)


def declaration(values: dict[str, Any], builtin: bool = False) -> dict[str, Any]:
    """A declaration with its defaults filled in (offered on every channel,
    the field name as API key and import column unless told otherwise)."""
    decl = dict(values)
    if decl.get("type") not in TYPES:
        raise ValueError(f"intake field {decl.get('name')!r}: unknown type {decl.get('type')!r}")
    decl.setdefault("builtin", builtin)
    decl["channels"] = tuple(decl.get("channels", ALL))
    unknown = set(decl["channels"]) - set(CHANNELS)
    if unknown:
        raise ValueError(f"intake field {decl['name']!r}: unknown channels {sorted(unknown)}")
    if not builtin:
        decl.setdefault("api_key", decl["name"])
        decl.setdefault("column", decl["name"])
    decl.setdefault("api_key", None)
    decl.setdefault("column", None)
    decl["headers"] = tuple(decl.get("headers", ()))
    return decl


def base_fields() -> list[dict[str, Any]]:
    return [declaration(values, builtin=True) for values in BASE_FIELDS]


def offered(declarations: list[dict[str, Any]], channel: str, sector_only: bool = False) -> list[dict[str, Any]]:
    """The declarations ``channel`` offers (only the sectors' ones when asked)."""
    return [d for d in declarations if channel in d["channels"] and not (sector_only and d["builtin"])]


def problem_keys(declarations: list[dict[str, Any]], kind: str) -> dict[str, str]:
    """{field: name in the channel} to report a problem found on a field:
    ``kind`` is ``api_key`` or ``column``."""
    return {d["name"]: d[kind] for d in declarations if d.get(kind)}


def checked_references(declarations: list[dict[str, Any]]) -> dict[str, str]:
    """{many2one field: word naming it} of the references checked at create."""
    return {d["name"]: d["reference"] for d in declarations if d["type"] == "many2one" and d.get("reference")}


def import_headers(declarations: list[dict[str, Any]]) -> dict[str, tuple[str, ...]]:
    """{column: accepted headers} of the sectors' import columns."""
    return {
        d["column"]: (d["column"], *d["headers"])
        for d in offered(declarations, "import", sector_only=True)
        if d.get("column")
    }


def template_header(decl: dict[str, Any]) -> str:
    """The template's header of a column: its first Chinese header, else its name."""
    chinese = [h for h in decl["headers"] if any("\u4e00" <= ch <= "\u9fff" for ch in h)]
    return chinese[0] if chinese else decl["column"]


# --- values --------------------------------------------------------------
def _text_of(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float | str):
        return str(value).strip()
    return None


def parse_value(decl: dict[str, Any], value: Any, strict: bool = False) -> tuple[Any, str | None]:
    """(value for the complaint, problem code) of one channel input.

    ``strict`` (the JSON API) wants JSON types: text for text and codes, a
    number for a number, true/false for a flag; otherwise (form, file) text
    is read as a number or a yes/no word.  Blank input gives ``(None, None)``.
    A ``many2one`` gives the code to look up."""
    kind = decl["type"]
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if kind == "boolean":
        if isinstance(value, bool):
            return value, None
        if strict:
            return None, "boolean"
        word = (_text_of(value) or "").lower()
        if word in TRUE_WORDS:
            return True, None
        if word in FALSE_WORDS:
            return False, None
        return None, "boolean"
    if kind == "float":
        if isinstance(value, bool) or (strict and not isinstance(value, int | float)):
            return None, "number"
        try:
            number = float(str(value).replace(",", "").replace("，", "").strip())
        except ValueError:
            return None, "number"
        if not math.isfinite(number):
            return None, "number"
        if decl.get("minimum") is not None and number < decl["minimum"]:
            return None, "negative"
        return number, None
    if strict and not isinstance(value, str):
        return None, "code" if kind == "many2one" else "text"
    text = _text_of(value)
    if text is None:
        return None, "code" if kind == "many2one" else "text"
    if kind in ("char", "many2one", "selection"):
        text = " ".join(text.split())
    if decl.get("max_length") and len(text) > decl["max_length"]:
        return None, "too_long"
    return (text or None), None
