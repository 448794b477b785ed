"""Recurring complaint keys and the effectiveness of improvement actions, without Odoo."""

from datetime import datetime

import pytest
from complaint_engine import recurring
from complaint_plugins import call_hook, default, hookimpl


@pytest.mark.parametrize(
    "pairs",
    [
        [("category_id", 5), ("respondent_partner_id", 7)],
        [("category_id", 5), ("respondent_partner_id", False)],
        [("category_id", 5), ("outlet_code", "HZ|01=西湖")],
        [("category_id", 5), ("is_major", True), ("severity", "major")],
    ],
)
def test_key_round_trip(pairs):
    key = recurring.make_key(3, pairs)
    assert recurring.parse_key(key) == (3, pairs)


def test_key_is_readable_and_stable():
    assert recurring.make_key(1, [("category_id", 5), ("respondent_partner_id", None)]) == (
        "1|category_id=5|respondent_partner_id="
    )
    # an id and the same digits as text are different values
    assert recurring.make_key(1, [("code", "5")]) != recurring.make_key(1, [("code", 5)])


@pytest.mark.parametrize("key", ["", "1", "x|category_id=5", "1|category_id", "1|no such=1", "1|category_id=abc"])
def test_bad_keys_are_refused(key):
    with pytest.raises(ValueError):
        recurring.parse_key(key)


def test_key_domain():
    assert recurring.key_domain([("category_id", 5), ("respondent_partner_id", False)]) == [
        ("category_id", "=", 5),
        ("respondent_partner_id", "=", False),
    ]


def test_clean_key_fields():
    types = {"category_id": "many2one", "vehicle_model": "char", "description": "html", "date_received": "datetime"}
    assert recurring.clean_key_fields(["category_id", "vehicle_model", "category_id"], types) == [
        "category_id",
        "vehicle_model",
    ]
    assert recurring.clean_key_fields(["description", "date_received", "nope"], types) == list(
        recurring.DEFAULT_KEY_FIELDS
    )
    assert recurring.clean_key_fields(None, types) == list(recurring.DEFAULT_KEY_FIELDS)


def test_window_threshold_and_verdict():
    now = datetime(2026, 3, 20, 2, 0)
    assert recurring.window_start(now, 30) == datetime(2026, 2, 18, 2, 0)
    with pytest.raises(ValueError):
        recurring.window_start(now, 0)
    assert recurring.is_recurring(3, 3) and not recurring.is_recurring(2, 3)
    assert not recurring.is_recurring(1, 1), "a single complaint never recurs"
    assert recurring.effectiveness_due(datetime(2026, 4, 1, 2, 0), 90) == datetime(2026, 6, 30, 2, 0)
    assert recurring.effectiveness_due(None, 90) is None
    assert recurring.effectiveness_verdict(0) == "effective"
    assert recurring.effectiveness_verdict(2) == "not_effective"


def test_default_key_hook_and_override(fresh_manager):
    assert call_hook("complaint_recurring_key", sector="courier") == list(recurring.DEFAULT_KEY_FIELDS)
    assert tuple(default.RECURRING_KEY_FIELDS) == recurring.DEFAULT_KEY_FIELDS

    class Vehicles:
        @hookimpl
        def complaint_recurring_key(self, sector):
            return ["category_id", "vehicle_model_id"] if sector == "automotive" else None

    fresh_manager.register_addon_plugin("complaint_automotive", Vehicles())
    assert call_hook("complaint_recurring_key", sector="automotive") == ["category_id", "vehicle_model_id"]
    assert call_hook("complaint_recurring_key", sector="courier") == list(recurring.DEFAULT_KEY_FIELDS)
    # in a database without the automotive addon, the default answers
    assert call_hook("complaint_recurring_key", {"complaint_base"}, sector="automotive") == list(
        recurring.DEFAULT_KEY_FIELDS
    )
