"""The intake field declarations and their parsers, without Odoo."""

import pytest
from complaint_engine import intake
from conftest import ADDONS, load_package

courier_rules = load_package("courier_rules", ADDONS / "complaint_courier" / "rules")
from courier_rules import intake as courier_intake  # noqa: E402


def declarations():
    return intake.base_fields() + [intake.declaration(values) for values in courier_intake.INTAKE_FIELDS]


def test_one_place_for_the_names_of_each_channel():
    decls = declarations()
    # the API names (former API_FIELD_NAMES) and the import columns (former FIELD_COLUMNS)
    api = intake.problem_keys(decls, "api_key")
    assert api["contact_phone"] == "complainant.phone"
    assert api["respondent_description"] == "respondent"
    assert api["category_id"] == "category"
    assert api["courier_waybill"] == "waybill"
    assert api["courier_outlet_id"] == "outlet"
    columns = intake.problem_keys(decls, "column")
    assert columns["partner_id"] == "contact_name"
    assert columns["is_anonymous"] == "is_anonymous"
    assert columns["courier_item_value"] == "item_value"
    # the references checked at create (former CHECKED_REFERENCES), the outlet too
    assert intake.checked_references(decls) == {
        "partner_id": "complainant",
        "category_id": "category",
        "channel_id": "channel",
        "team_id": "team",
        "stage_id": "stage",
        "respondent_partner_id": "respondent",
        "user_id": "handler",
        "courier_outlet_id": "outlet",
    }


def test_sector_fields_are_offered_on_their_channels():
    decls = declarations()
    names = {d["name"] for d in intake.offered(decls, "api", sector_only=True)}
    assert names == {"courier_waybill", "courier_outlet_id", "courier_item_value", "courier_insured"}
    assert intake.offered(decls, "email", sector_only=True) == []
    headers = intake.import_headers(decls)
    assert "运单号" in headers["waybill"] and headers["outlet"][0] == "outlet"
    outlet = next(d for d in decls if d["name"] == "courier_outlet_id")
    assert intake.template_header(outlet) == "网点编号"


def test_declarations_are_checked():
    with pytest.raises(ValueError):
        intake.declaration({"name": "x_vin", "type": "vin"})
    with pytest.raises(ValueError):
        intake.declaration({"name": "x_vin", "type": "char", "channels": ("fax",)})
    vin = intake.declaration({"name": "x_vin", "type": "char", "label": "VIN"})
    assert vin["api_key"] == "x_vin" and vin["column"] == "x_vin" and vin["channels"] == intake.CHANNELS


@pytest.mark.parametrize(
    ("kind", "value", "strict", "expected"),
    [
        ("char", "  SF 1234 ", False, ("SF 1234", None)),
        ("char", "", False, (None, None)),
        ("char", 12345678.0, False, ("12345678", None)),
        ("char", 12345678, True, (None, "text")),
        ("char", "x" * 11, False, (None, "too_long")),
        ("many2one", "T571001", True, ("T571001", None)),
        ("many2one", 7, True, (None, "code")),
        ("float", "1,200.5", False, (1200.5, None)),
        ("float", 300, True, (300.0, None)),
        ("float", "300", True, (None, "number")),
        ("float", "abc", False, (None, "number")),
        ("float", "nan", False, (None, "number")),
        ("float", -1, True, (None, "negative")),
        ("boolean", True, True, (True, None)),
        ("boolean", "是", False, (True, None)),
        ("boolean", "否", False, (False, None)),
        ("boolean", "1", False, (True, None)),
        ("boolean", "yes", True, (None, "boolean")),
        ("boolean", "maybe", False, (None, "boolean")),
    ],
)
def test_parse_value(kind, value, strict, expected):
    decl = intake.declaration({"name": "x", "type": kind, "label": "X", "max_length": 10, "minimum": 0})
    assert intake.parse_value(decl, value, strict=strict) == expected
