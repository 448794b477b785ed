"""The plan of the hotline demo's month (``complaint_hotline/rules/demo_month.py``), without Odoo."""

import importlib.util
from collections import Counter

from conftest import ADDONS

_spec = importlib.util.spec_from_file_location(
    "hotline_demo_month", ADDONS / "complaint_hotline" / "rules" / "demo_month.py"
)
demo_month = importlib.util.module_from_spec(_spec)
import sys  # noqa: E402

sys.modules["hotline_demo_month"] = demo_month
_spec.loader.exec_module(demo_month)

WEEK = [day % 7 for day in range(30)]


def test_same_seed_same_month():
    first = demo_month.plan_month(200, 30, 12345, WEEK)
    again = demo_month.plan_month(200, 30, 12345, WEEK)
    other = demo_month.plan_month(200, 30, 54321, WEEK)
    assert first == again
    assert first != other


def test_every_type_department_and_case():
    plans = demo_month.plan_month(200, 30, 12345, WEEK)
    types = Counter(p.order_type for p in plans)
    assert set(types) == set(demo_month.TYPE_WEIGHTS)
    assert min(types.values()) >= 8
    assert {p.department for p in plans if p.department} == set(demo_month.DEPARTMENTS)
    assert any(p.answered_on_call for p in plans)
    assert any(p.wrong_departments and p.arbitrate for p in plans)
    assert any(len(p.wrong_departments) == 2 for p in plans)  # bounced between three departments
    assert any(p.satisfactions.count("dissatisfied") > 3 for p in plans)  # re-handled four times
    assert any(p.extension == "approve" for p in plans) and any(p.extension == "refuse" for p in plans)
    assert any(p.reminders == 3 for p in plans) and any(p.supervise for p in plans)
    assert any(p.duplicate_caller for p in plans) and any(p.portal for p in plans)
    # no department returns an order it is the right department of
    assert all(p.department not in p.wrong_departments for p in plans)


def test_calls_in_time_order_in_the_day():
    plans = demo_month.plan_month(200, 30, 12345, WEEK)
    times = [(p.day, p.minute) for p in plans]
    assert times == sorted(times)
    assert all(7 * 60 <= p.minute < 23 * 60 for p in plans)
    assert len({p.day for p in plans}) >= 25
    weekend = sum(1 for p in plans if WEEK[p.day] >= 5) / 8
    weekday = sum(1 for p in plans if WEEK[p.day] < 5) / 22
    assert weekend < weekday


def test_texts_are_filled_in():
    plans = demo_month.plan_month(200, 30, 12345, WEEK)
    for plan in plans:
        assert "{" not in plan.subject + plan.description + plan.address + plan.reply
        assert plan.contact_phone.isdigit() and len(plan.contact_phone) == 11
