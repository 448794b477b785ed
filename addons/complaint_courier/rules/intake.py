"""Checks of a courier complaint's own data at intake."""

from __future__ import annotations

import re

WAYBILL_RE = re.compile(r"^[A-Z]{0,4}\d{8,20}$")
SEPARATORS_RE = re.compile(r"[\s,;，；、/]+")
EMPLOYEE_CODE_RE = re.compile(r"^[A-Za-z0-9-]{2,20}$")


def split_waybills(text: str | None) -> list[str]:
    """The waybill numbers of a free text (one or several, any separator)."""
    return [token.upper() for token in SEPARATORS_RE.split(text or "") if token]


def invalid_waybills(text: str | None) -> list[str]:
    return [number for number in split_waybills(text) if not WAYBILL_RE.match(number)]


def is_valid_employee_code(code: str | None) -> bool:
    return bool(EMPLOYEE_CODE_RE.match((code or "").strip()))


def _(message: str) -> str:
    """Mark ``message`` for translation; the Odoo caller translates it."""
    return message


#: the courier's intake fields, offered by every channel (complaint_base's
#: ``engine/intake.py`` describes the keys); the outlet is given by its code
INTAKE_FIELDS: tuple[dict, ...] = (
    {
        "name": "courier_waybill",
        "type": "char",
        "label": _("Waybill Number(s)"),
        "help": _("One or several, separated by spaces or commas."),
        "api_key": "waybill",
        "column": "waybill",
        "headers": ("运单号", "快递单号", "waybill no", "tracking number", "courier_waybill"),
        "max_length": 500,
        "channels": ("wizard", "web_form", "api", "import"),
    },
    {
        "name": "courier_outlet_id",
        "type": "many2one",
        "label": _("Outlet Code"),
        "help": _("The number of the outlet complained about, e.g. T571001."),
        "api_key": "outlet",
        "column": "outlet",
        "headers": ("网点编号", "网点", "网点代码", "outlet code", "courier_outlet"),
        "max_length": 64,
        "comodel": "courier.outlet",
        "lookup": "code",
        "reference": "outlet",
        "channels": ("wizard", "web_form", "api", "import"),
    },
    {
        "name": "courier_item_value",
        "type": "float",
        "label": _("Item Value"),
        "help": _("The declared value of the parcel, in yuan."),
        "api_key": "item_value",
        "column": "item_value",
        "headers": ("物品价值", "申报价值", "item value", "courier_item_value"),
        "minimum": 0,
        "channels": ("wizard", "web_form", "api", "import"),
    },
    {
        "name": "courier_insured",
        "type": "boolean",
        "label": _("Insured"),
        "help": _("The parcel was sent with insurance (保价)."),
        "api_key": "insured",
        "column": "insured",
        "headers": ("保价", "是否保价", "courier_insured"),
        "channels": ("wizard", "web_form", "api", "import"),
    },
)
