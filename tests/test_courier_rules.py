"""The courier network's rules (seed 001), without Odoo.

``addons/complaint_courier/rules`` never imports Odoo; it is loaded here as
the package ``courier_rules`` and its plugin is registered in the suite's
plugin manager like the addon does."""

from datetime import date, datetime

import pytest
from conftest import ADDONS, load_package

rules = load_package("courier_rules", ADDONS / "complaint_courier" / "rules")
from courier_rules import intake, plugin, schedule, strikes  # noqa: E402

PUSH = {  # 第二条（一）
    "code": "STO-02-1",
    "amount": 200.0,
    "amount_min": 200.0,
    "amount_max": 200.0,
    "payers": ["outlet"],
    "courier_evidence_kinds": ["surname", "employee_id", "landline"],
    "courier_repeat_threshold": 3,
    "courier_repeat_surcharge": 200.0,
    "active": True,
}
RUDE = {  # 第十四条
    "code": "STO-14",
    "amount": 0.0,
    "amount_min": 10.0,
    "amount_max": 100.0,
    "payers": ["outlet"],
    "courier_reduced_amount": 10.0,
    "courier_evidence_kinds": ["surname", "employee_id", "recording"],
    "active": True,
}
ETIQUETTE = {  # 第四条
    "code": "STO-04",
    "amount": 100.0,
    "payers": ["outlet"],
    "courier_evidence_kinds": ["surname", "employee_id", "recording"],
    "courier_three_strikes": True,
    "active": True,
}
FORWARDED = {
    "code": "STO-02-4",
    "amount": 200.0,
    "payers": ["outlet"],
    "courier_also_codes": ["STO-02-4X"],
    "active": True,
}
FORWARDED_X = {"code": "STO-02-4X", "amount_min": 100.0, "amount_max": 1000.0, "payers": ["outlet"], "active": True}
VALUABLE = {"code": "STO-01-V", "amount": 5000.0, "courier_mode": "count", "courier_count_size": 3, "active": True}
COURIER = {"sector": "courier", "severity": "general"}


@pytest.mark.parametrize(
    "evidence, expected",
    [
        ({"surname": "张"}, ["surname"]),
        ({"surname": "  ", "employee_id": "T0101", "recording": False}, ["employee_id"]),
        ({"recording": True, "message": True}, ["message", "recording"]),
        ({}, []),
    ],
)
def test_given_evidence(evidence, expected):
    assert schedule.given_evidence(evidence) == expected


def test_proof_needs_an_accepted_kind():
    assert schedule.is_proven(["surname", "employee_id", "landline"], ["landline"])
    assert not schedule.is_proven(["surname", "employee_id"], ["recording"])
    assert not schedule.is_proven(["surname"], [])
    assert schedule.is_proven([], []), "an article naming no evidence needs none"


@pytest.mark.parametrize(
    "rule, proven, by_customer, expected",
    [
        (PUSH, True, False, schedule.FINE),
        (PUSH, False, False, schedule.RECORD),
        (ETIQUETTE, False, False, schedule.RECORD),
        (RUDE, False, False, schedule.REDUCED),
        (RUDE, True, True, schedule.REDUCED),
        (RUDE, True, False, schedule.FINE),
        (PUSH, True, True, schedule.FINE),  # no reduced amount: the customer's part changes nothing
        (VALUABLE, True, False, schedule.COUNT),
        (VALUABLE, False, False, schedule.COUNT),
    ],
)
def test_decide(rule, proven, by_customer, expected):
    assert schedule.decide(rule, proven, by_customer) == expected


@pytest.mark.parametrize("severity, amount", [("general", 10.0), ("major", 55.0), ("critical", 100.0), (None, 10.0)])
def test_range_by_severity(severity, amount):
    assert schedule.rule_amount(RUDE, severity) == amount
    assert schedule.rule_amount(RUDE, severity, reduced=True) == 10.0


def test_surcharge_beyond_three():
    assert [schedule.surcharge(PUSH, n) for n in range(1, 7)] == [0, 0, 0, 200.0, 200.0, 200.0]
    assert schedule.surcharge(RUDE, 10) == 0


def test_article_fines():
    by_code = {r["code"]: r for r in (PUSH, FORWARDED, FORWARDED_X)}
    assert schedule.article_fines(COURIER, PUSH, by_code, reduced=False, ordinal=4) == [
        {"rule_code": "STO-02-1", "amount": 200.0, "payer": "outlet", "part": "main"},
        {"rule_code": "STO-02-1", "amount": 200.0, "payer": "outlet", "part": "surcharge"},
    ]
    critical = dict(COURIER, severity="critical")
    assert [
        (f["rule_code"], f["amount"], f["part"]) for f in schedule.article_fines(critical, FORWARDED, by_code, False, 1)
    ] == [
        ("STO-02-4", 200.0, "main"),
        ("STO-02-4X", 1000.0, "extra"),
    ]
    retired = dict(by_code, **{"STO-02-4X": dict(FORWARDED_X, active=False)})
    assert len(schedule.article_fines(critical, FORWARDED, retired, False, 1)) == 1


def test_strike_groups():
    recorded = [{"id": i, "date": datetime(2026, 3, i)} for i in (5, 1, 3, 7, 9, 8, 2)]
    assert strikes.strike_groups(recorded, already_fined=[], groups_done=0) == [(1, [1, 2, 3]), (2, [5, 7, 8])]
    # the ledger already holds group 1: the rest continue from it; 2 left pending
    assert strikes.strike_groups(recorded, already_fined=[1, 2, 3], groups_done=1) == [(2, [5, 7, 8])]
    assert strikes.strike_groups(recorded[:2], already_fined=[], groups_done=0) == []


def test_count_groups_and_ordinal():
    items = [{"id": i, "date": date(2026, 3, i)} for i in (4, 1, 2, 3, 6, 5, 7)]
    assert strikes.count_groups(items, 3) == [(1, 3), (2, 6)]
    assert strikes.ordinal(items, 5) == 5
    with pytest.raises(ValueError):
        strikes.ordinal(items, 99)


def test_monthly_repeats():
    complaints = [
        {"id": 1, "outlet_id": 10, "kind_id": 7, "date": datetime(2026, 3, 1, 0, 30)},
        {"id": 2, "outlet_id": 10, "kind_id": 7, "date": datetime(2026, 3, 15)},
        {"id": 3, "outlet_id": 10, "kind_id": 7, "date": datetime(2026, 3, 31, 23, 0)},
        {"id": 4, "outlet_id": 10, "kind_id": 7, "date": datetime(2026, 4, 1)},
        {"id": 5, "outlet_id": 10, "kind_id": 8, "date": datetime(2026, 3, 2)},
        {"id": 6, "outlet_id": 11, "kind_id": 7, "date": datetime(2026, 3, 2)},
        {"id": 7, "outlet_id": None, "kind_id": 7, "date": datetime(2026, 3, 2)},
    ]
    assert strikes.monthly_repeats(complaints) == {(10, 7, "2026-03"): [1, 2, 3]}
    assert strikes.monthly_repeats(complaints, threshold=4) == {}


@pytest.mark.parametrize(
    "text, bad",
    [
        ("268812345678", []),
        ("268812345678, 268812345679；ST1234567890", []),
        ("12-34", ["12-34"]),
        ("abc", ["ABC"]),
        ("", []),
    ],
)
def test_waybills(text, bad):
    assert intake.invalid_waybills(text) == bad


def test_plugin_answers_only_in_its_databases(fresh_manager):
    from complaint_plugins import manager

    manager.register_addon_plugin("complaint_courier", plugin)
    base_only = {"complaint_base"}
    both = {"complaint_base", "complaint_courier"}
    values = {"subject": "查件", "is_anonymous": True, "courier_waybill": "12-34"}
    problems = manager.call_hook("complaint_validate_intake", both, values=values, sector="courier")
    assert [field for result in problems for field, __ in result] == ["courier_waybill"]
    assert not any(manager.call_hook("complaint_validate_intake", base_only, values=values, sector="courier"))
    assert not any(manager.call_hook("complaint_validate_intake", both, values=values, sector="general"))


def annotate(complaint, policies):
    """What the base adds to each candidate policy before calling the hook."""
    from complaint_plugins.default import policy_matches, policy_specificity

    return [dict(p, matches=policy_matches(complaint, p), specificity=policy_specificity(p)) for p in policies]


def test_plugin_selects_the_courier_schedule(fresh_manager):
    from complaint_plugins import manager

    manager.register_addon_plugin("complaint_courier", plugin)
    policies = [
        {"id": 1, "sequence": 10, "sector": None},
        {"id": 2, "sequence": 50, "sector": "courier"},
        {"id": 3, "sequence": 40, "sector": "courier", "category_ids": [5]},
        {"id": 4, "sequence": 10, "sector": "automotive"},
    ]
    both = {"complaint_base", "complaint_courier"}
    query = {"sector": "courier", "category_lineage_ids": [1, 5]}
    policies = annotate(query, policies)
    assert [p["id"] for p in policies if p["matches"]] == [1, 2, 3]
    chosen = manager.call_hook("complaint_select_deadline_policies", both, complaint=query, policies=policies)
    assert [p["id"] for p in chosen] == [3, 2]
    general = {"sector": "general", "category_lineage_ids": []}
    chosen = manager.call_hook("complaint_select_deadline_policies", both, complaint=general, policies=policies)
    assert [p["id"] for p in chosen] == [1]
    # without the courier addon, the base rule: sector policies first, then generic ones
    chosen = manager.call_hook(
        "complaint_select_deadline_policies", {"complaint_base"}, complaint=query, policies=policies
    )
    assert [p["id"] for p in chosen] == [3, 2, 1]
    # no courier policy matches: the generic ones still apply
    chosen = manager.call_hook("complaint_select_deadline_policies", both, complaint=query, policies=policies[:1])
    assert [p["id"] for p in chosen] == [1]


def test_plugin_assesses_courier_breaches(fresh_manager):
    from complaint_plugins import manager

    manager.register_addon_plugin("complaint_courier", plugin)
    both = {"complaint_base", "complaint_courier"}
    rules_list = [PUSH, FORWARDED, FORWARDED_X, RUDE]
    complaint = dict(COURIER, severity="major")
    # a deadline step fining STO-02-4: the base fines the article, the courier plugin the one it also levies
    answers = manager.call_hook(
        "complaint_assess_penalties",
        both,
        complaint=complaint,
        breach={"kind": "clock", "rule_codes": ["STO-02-4"]},
        rules=rules_list,
    )
    lines = sorted((f["rule_code"], f["amount"]) for answer in answers for f in answer)
    assert lines == [("STO-02-4", 200.0), ("STO-02-4X", 550.0)]
    # an established complaint: only the courier plugin answers
    answers = manager.call_hook(
        "complaint_assess_penalties",
        both,
        complaint=complaint,
        breach={"kind": "courier_article", "article": "STO-14", "reduced": False, "ordinal": 1},
        rules=rules_list,
    )
    assert [(f["rule_code"], f["amount"]) for answer in answers for f in answer] == [("STO-14", 55.0)]
    # another sector's complaint: nothing from the courier plugin
    answers = manager.call_hook(
        "complaint_assess_penalties",
        both,
        complaint={"sector": "general", "severity": "major"},
        breach={"kind": "courier_article", "article": "STO-14"},
        rules=rules_list,
    )
    assert not any(answers)


def test_recurring_key_is_type_and_outlet():
    assert plugin.complaint_recurring_key(sector="courier") == ["category_id", "courier_outlet_id"]
    assert plugin.complaint_recurring_key(sector="general") is None
