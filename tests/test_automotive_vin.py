"""The 4S dealer's Odoo-free rules: VIN validation (GB 16735 / ISO 3779),
warranty windows and the weekly conduct count.

``addons/complaint_automotive/rules`` never imports Odoo; it is loaded here
as the package ``automotive_rules``."""

from datetime import date

import pytest
from conftest import ADDONS, load_package

rules = load_package("automotive_rules", ADDONS / "complaint_automotive" / "rules")
from automotive_rules import conduct, vin, warranty  # noqa: E402

# real-format Chinese VINs (WMI of SAIC-VW, FAW-VW, BMW Brilliance, Dongfeng
# Nissan, SAIC-GM), check digits computed by hand with the GB 16735 weights
VALID = [
    "LSVAU218XN2183294",
    "LFV2A21K7R3012345",
    "LBVPZ1103MSX45678",
    "LGBH52E06NY123456",
    "LSGKB54H1KV012345",
]


@pytest.mark.parametrize("value", VALID)
def test_valid_chinese_vins(value):
    assert vin.validate(value) == value


def test_check_digit_worked_example():
    # LFV2A21K?R3012345: L3 F6 V5 2 A1 2 1 K2 . R9 3 0 1 2 3 4 5
    # 3*8+6*7+5*6+2*5+1*4+2*3+1*2+2*10+9*9+3*8+0*7+1*6+2*5+3*4+4*3+5*2 = 293; 293 mod 11 = 7
    assert vin.check_digit("LFV2A21K0R3012345") == "7"
    # the ISO 3779 textbook example, remainder 10 written X
    assert vin.check_digit("1M8GDM9A0KP042788") == "X"
    assert vin.validate("1M8GDM9AXKP042788")


def test_lowercase_and_spaces_normalised():
    assert vin.validate(" lsvau218xn2183294 ") == "LSVAU218XN2183294"
    assert vin.validate("LSV-AU218X-N2183294") == "LSVAU218XN2183294"


def test_wrong_check_digit():
    with pytest.raises(vin.VinError) as error:
        vin.validate("LSVAU2185N2183294")
    assert error.value.params == {"vin": "LSVAU2185N2183294", "found": "5", "expected": "X"}
    assert "check digit" in str(error.value)


def test_degenerate_vin_rejected_though_its_check_digit_fits():
    assert vin.check_digit("11111111111111111") == "1"
    with pytest.raises(vin.VinError, match="one character repeated"):
        vin.validate("11111111111111111")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("LSVAU218XN218329", "17 characters"),
        ("LSVAU218XN21832945", "17 characters"),
        ("", "17 characters"),
        ("LSVAU218XO2183294", "I, O or Q"),
        ("LSVAQ218XN2183294", "I, O or Q"),
        ("LSVAU218XN21832*4", "only digits"),
    ],
)
def test_malformed_vins(value, fragment):
    with pytest.raises(vin.VinError, match=fragment.replace("*", r"\*")):
        vin.validate(value)


def test_warranty_windows():
    purchase = date(2024, 3, 15)
    assert warranty.warranty_end(purchase, 24) == date(2026, 3, 14)
    assert warranty.covered(purchase, 24, date(2026, 3, 14))
    assert not warranty.covered(purchase, 24, date(2026, 3, 15))
    assert not warranty.covered(None, 24, date(2026, 3, 1))
    assert warranty.warranty_end(date(2024, 1, 31), 1) == date(2024, 2, 28)


def test_weekly_conduct_breaches_per_department_and_iso_week():
    # 2026-03-02 is a Monday; 2026-03-08 the Sunday of the same ISO week
    rows = [("sales", date(2026, 3, d), i) for i, d in enumerate((2, 3, 5, 8), start=1)]
    rows += [("service", date(2026, 3, 2), 10 + i) for i in range(3)]  # only 3: allowed
    rows += [("sales", date(2026, 3, 9), 20)]  # next week
    assert conduct.weekly_breaches(rows) == [("sales", "2026-W10", [1, 2, 3, 4])]
    assert conduct.iso_week(date(2026, 1, 1)) == "2026-W01"
    assert conduct.iso_week(date(2027, 1, 1)) == "2026-W53"
