"""The manufacturer's callback survey rules of the 4S dealer, without Odoo:
row checks, NPS bands, duplicates, cases and sampling."""

from datetime import date, datetime

import pytest
from complaint_engine.complaint_import import parse_datetime
from conftest import ADDONS, load_package

load_package("automotive_rules", ADDONS / "complaint_automotive" / "rules")
from automotive_rules import survey  # noqa: E402

TODAY = date(2026, 3, 10)


def parse_date(value):
    moment = parse_datetime(value)
    return moment.date() if moment else None


def check(**raw):
    row = {"vin": "LSVAU218XN2183294", "customer": "张伟", "survey_date": "2026-03-06", "score": 5, **raw}
    return survey.check_row(row, TODAY, parse_date, lambda phone: phone.isdigit())


@pytest.mark.parametrize(
    ("score", "band", "low"),
    [
        (0, "detractor", True),
        (6, "detractor", True),
        (7, "passive", False),
        (8, "passive", False),
        (9, "promoter", False),
        (10, "promoter", False),
    ],
)
def test_bands(score, band, low):
    assert survey.band(score) == band
    assert survey.is_low(score) is low


def test_nps_is_the_average_of_the_values():
    values = [survey.NPS_VALUES[survey.band(s)] for s in (10, 9, 9, 8, 3)]
    assert sum(values) / len(values) == 40  # 60 % promoters - 20 % detractors


def test_a_good_row():
    values, problems = check(
        phone="13800138000",
        visit_date=datetime(2026, 3, 1, 0, 0),
        question="  总体   满意度 ",
        comment="  交车讲解不够  ",
        kind="售后",
        score=7.0,
    )
    assert problems == []
    assert values == {
        "vin": "LSVAU218XN2183294",
        "score": 7,
        "survey_date": date(2026, 3, 6),
        "visit_date": date(2026, 3, 1),
        "customer": "张伟",
        "phone": "13800138000",
        "question": "总体 满意度",
        "comment": "交车讲解不够",
        "kind": "service",
    }


@pytest.mark.parametrize(
    ("raw", "column", "fragment"),
    [
        ({"vin": "LSVAU2185N2183294"}, "vin", "check digit"),
        ({"vin": None}, "vin", "empty"),
        ({"score": 11}, "score", "out of range"),
        ({"score": -1}, "score", "out of range"),
        ({"score": 6.5}, "score", "whole number"),
        ({"score": "差"}, "score", "whole number"),
        ({"score": True}, "score", "whole number"),
        ({"score": ""}, "score", "empty"),
        ({"survey_date": None}, "survey_date", "empty"),
        ({"survey_date": "下周二"}, "survey_date", "not a date"),
        ({"survey_date": "2026-03-11"}, "survey_date", "future"),
        ({"visit_date": "2026-03-07"}, "visit_date", "after the survey date"),
        ({"customer": None}, "customer", "6 or less"),
        ({"phone": "call me"}, "phone", "phone"),
        ({"kind": "试驾"}, "kind", "sales nor after-sales"),
        ({"question": "问" * 201}, "question", "too long"),
    ],
)
def test_bad_rows(raw, column, fragment):
    __, problems = check(**raw)
    assert [c for c, __, ___ in problems] == [column]
    message, params = problems[0][1], problems[0][2]
    assert fragment in message % params


def test_high_score_needs_no_customer():
    assert check(customer=None, score=9)[1] == []


def test_duplicates_and_keys():
    key = survey.survey_key("LSVAU218XN2183294", date(2026, 3, 6), " 总体  满意度")
    assert key == survey.survey_key("LSVAU218XN2183294", date(2026, 3, 6), "总体 满意度")
    other = survey.survey_key("LSVAU218XN2183294", date(2026, 3, 6), "服务态度")
    assert survey.duplicates([(2, key), (3, other), (4, None), (5, key), (6, key)]) == {5: 2, 6: 2}


def test_cases_one_per_survey_lowest_first():
    scores = [
        {"id": 1, "company_id": 1, "vin": "A", "survey_date": date(2026, 3, 6), "score": 6},
        {"id": 2, "company_id": 1, "vin": "A", "survey_date": date(2026, 3, 6), "score": 3},
        {"id": 3, "company_id": 1, "vin": "A", "survey_date": date(2026, 3, 7), "score": 2},
        {"id": 4, "company_id": 1, "vin": "B", "survey_date": date(2026, 3, 6), "score": 7},
        {"id": 5, "company_id": 2, "vin": "A", "survey_date": date(2026, 3, 6), "score": 0},
    ]
    cases = survey.cases(scores)
    assert [(key, [s["id"] for s in rows]) for key, rows in cases] == [
        ((1, "A", date(2026, 3, 6)), [2, 1]),
        ((1, "A", date(2026, 3, 7)), [3]),
        ((2, "A", date(2026, 3, 6)), [5]),
    ]


def test_sampling():
    assert survey.sampled(0.05, 10)
    assert not survey.sampled(0.10, 10)
    assert not survey.sampled(0.0, 0)
    assert survey.sampled(0.99, 100)
