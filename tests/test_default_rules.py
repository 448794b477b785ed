"""The default rules of complaint_base, without Odoo."""

import pytest
from complaint_plugins import default


@pytest.mark.parametrize(
    "email, ok",
    [
        ("zhangwei@example.com", True),
        ("li.na+complaint@mail.example.cn", True),
        ("not-an-email", False),
        ("a@b", False),
        ("a b@example.com", False),
        ("<script>@x.com", False),
    ],
)
def test_email(email, ok):
    assert default.is_valid_email(email) is ok


@pytest.mark.parametrize(
    "phone, ok",
    [
        ("13812345678", True),
        ("+86 138 1234 5678", True),
        ("0571-88886666", True),
        ("(0571) 8888 6666 转 8021", True),
        ("12345", True),
        ("1234", False),
        ("call me maybe", False),
        ("1381234567a", False),
        ("1" * 21, False),
    ],
)
def test_phone(phone, ok):
    assert default.is_valid_phone(phone) is ok


def fields_of(problems):
    return sorted(field for field, _ in problems)


def test_intake_accepts_a_named_contact():
    values = {"subject": "发动机异响", "contact_name": "张伟", "contact_phone": "13812345678"}
    assert default.complaint_validate_intake(values=values, sector=None) == []


def test_intake_accepts_a_partner_or_anonymous():
    assert default.complaint_validate_intake(values={"subject": "x", "partner_id": 7}, sector=None) == []
    assert default.complaint_validate_intake(values={"subject": "x", "is_anonymous": True}, sector=None) == []


def test_intake_problems():
    problems = default.complaint_validate_intake(
        values={"subject": "  ", "contact_email": "nope", "contact_phone": "abc", "severity": "huge"},
        sector=None,
    )
    assert fields_of(problems) == ["contact_email", "contact_name", "contact_phone", "severity", "subject"]


def test_intake_name_without_means_of_contact():
    problems = default.complaint_validate_intake(values={"subject": "x", "contact_name": "张伟"}, sector=None)
    assert fields_of(problems) == ["contact_name"]


def test_anonymous_refused_when_not_allowed():
    problems = default.complaint_validate_intake(
        values={"subject": "x", "is_anonymous": True, "anonymous_allowed": False}, sector=None
    )
    assert fields_of(problems) == ["is_anonymous"]


@pytest.mark.parametrize(
    "values, expected",
    [
        ({}, {"severity": "general", "priority": "1", "is_major": False}),
        ({"severity": "major"}, {"severity": "major", "priority": "2", "is_major": True}),
        ({"severity": "critical"}, {"severity": "critical", "priority": "3", "is_major": True}),
        ({"media_involved": True}, {"severity": "major", "priority": "2", "is_major": True}),
    ],
)
def test_classify(values, expected):
    assert default.complaint_classify(values=values, sector=None) == expected


def test_policy_selection_prefers_specific_policies():
    complaint = {
        "sector": "automotive",
        "category_lineage_ids": [1, 5],
        "channel_code": "system",
        "severity": "major",
        "team_id": 3,
        "company_id": 1,
    }
    policies = [
        {"id": 1, "sequence": 10},  # catch-all
        {"id": 2, "sequence": 10, "channel_codes": ["system"]},
        {"id": 3, "sequence": 10, "channel_codes": ["system"], "sector": "automotive"},
        {"id": 4, "sequence": 10, "channel_codes": ["walk_in"]},  # other channel
        {"id": 5, "sequence": 5, "category_ids": [5]},  # child category matches through lineage
        {"id": 6, "sequence": 1, "severities": ["critical"]},
        {"id": 7, "sequence": 1, "domain_matched": False},
    ]
    chosen = default.complaint_select_deadline_policies(complaint=complaint, policies=policies)
    assert [p["id"] for p in chosen] == [3, 5, 2, 1]


@pytest.mark.parametrize(
    "rule, severity, amount",
    [
        ({"amount": 100}, "critical", 100.0),
        ({"amount_min": 100, "amount_max": 1000}, "general", 100.0),
        ({"amount_min": 100, "amount_max": 1000}, "major", 550.0),
        ({"amount_min": 100, "amount_max": 1000}, "critical", 1000.0),
        ({"amount_min": 10, "amount_max": 100}, None, 10.0),
    ],
)
def test_amount_for_severity(rule, severity, amount):
    assert default.amount_for_severity(rule, severity) == amount


def test_assess_penalties_each_payer_once():
    rules = [
        {"code": "D-3D", "amount": 50, "payers": ["handler", "manager"]},
        {"code": "D-2H", "amount": 100},
        {"code": "OLD", "amount": 999, "active": False},
    ]
    fines = default.complaint_assess_penalties(
        complaint={"severity": "general"}, breach={"rule_codes": ["D-3D", "D-2H", "OLD", "MISSING"]}, rules=rules
    )
    assert fines == [
        {"rule_code": "D-3D", "amount": 50.0, "payer": "handler"},
        {"rule_code": "D-3D", "amount": 50.0, "payer": "manager"},
        {"rule_code": "D-2H", "amount": 100.0, "payer": "handler"},
    ]


def test_escalation_actions_copy_the_step():
    step = {"actions": [{"action": "notify", "target": "team_leader"}]}
    actions = default.complaint_escalation_actions(complaint={}, clock={}, step=step)
    assert actions == step["actions"] and actions[0] is not step["actions"][0]


@pytest.mark.parametrize(
    "outcome, score, expected",
    [
        ("satisfied", None, 100.0),
        ("accepted", None, 60.0),
        ("dissatisfied", None, 0.0),
        ("other", None, None),
        (None, 7, 70.0),
        ("dissatisfied", 10, 100.0),
    ],
)
def test_satisfaction(outcome, score, expected):
    assert default.complaint_satisfaction_score(outcome=outcome, score=score) == expected


def test_satisfaction_out_of_range():
    with pytest.raises(ValueError):
        default.complaint_satisfaction_score(outcome=None, score=11)
