"""The grievance desk's Odoo-free rules: receipt codes and secrets, the
growing delay after failed look-ups, receipt signatures, the formal path's
filing window and the manager chain of the informal path.

``addons/complaint_employee/rules`` never imports Odoo; it is loaded here as
the package ``employee_rules``."""

from datetime import date

from conftest import ADDONS, load_package

rules = load_package("employee_rules", ADDONS / "complaint_employee" / "rules")
from employee_rules import chain, filing, receipt  # noqa: E402


def test_codes_are_16_random_digits():
    codes = {receipt.new_code() for __ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 16 and code.isdigit() and code[0] != "0" for code in codes)


def test_normalize_code_accepts_spaces_and_dashes_only():
    assert receipt.normalize_code("1234 5678-9012 3456") == "1234567890123456"
    for bad in ("", None, "123", "12345678901234567", "abcd567890123456", "1234567890123456\n1"):
        assert receipt.normalize_code(bad) is None


def test_secret_hash_is_salted_and_checked():
    salt = receipt.new_salt()
    stored = receipt.slow_hash("my-long-secret", salt)
    assert stored != receipt.slow_hash("my-long-secret", receipt.new_salt())
    assert receipt.check_secret("my-long-secret", salt, stored)
    assert not receipt.check_secret("my-long-secreT", salt, stored)
    assert not receipt.check_secret("my-long-secret", None, None), "an unknown code never passes"


def test_delay_grows_and_is_capped():
    assert receipt.delay_for(0) == 0
    assert [receipt.delay_for(n, step=0.5) for n in (1, 2, 3, 4)] == [0.5, 1.0, 2.0, 4.0]
    assert receipt.delay_for(40, step=0.5) == 8.0


def test_signature_proves_reference_and_date():
    text = "\n".join(
        ["x", "reference: GR-0001", "filed_on: 2026-05-06", f"signature: {receipt.sign('k', 'GR-0001', '2026-05-06')}"]
    )
    values = receipt.parse_receipt(text)
    assert receipt.verify_signature("k", values["reference"], values["filed_on"], values["signature"])
    assert not receipt.verify_signature("k", values["reference"], "2026-05-07", values["signature"])
    assert not receipt.verify_signature("other", values["reference"], values["filed_on"], values["signature"])


def test_filing_window_of_a_week():
    assert not filing.filed_late(date(2026, 5, 1), date(2026, 5, 8), 7)
    assert filing.filed_late(date(2026, 5, 1), date(2026, 5, 9), 7)
    assert not filing.filed_late(None, date(2026, 5, 9), 7)


def test_manager_chain_levels_skip_the_people_named():
    assert chain.level_of("employee_manager_2") == 2
    assert chain.level_of("employee_manager_0") is None
    assert chain.level_of("sales_director") is None
    assert chain.manager_at([10, 20, 30], 2, set()) == 20
    assert chain.manager_at([10, 20, 30], 2, {20}) == 30
    assert chain.manager_at([10, 20, 30], 9, set()) == 30, "the top when the chain is shorter"
    assert chain.manager_at([10], 1, {10}) is None
