"""Periods and rates of the complaint analysis report, without Odoo."""

from datetime import date

import pytest
from complaint_engine import analysis


def test_month_and_quarter_bounds():
    assert analysis.period_bounds("month", date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert analysis.period_bounds("month", date(2028, 2, 29)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert analysis.period_bounds("month", date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert analysis.period_bounds("quarter", date(2026, 11, 5)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert analysis.period_bounds("quarter", date(2026, 1, 1)) == (date(2026, 1, 1), date(2026, 3, 31))


def test_previous_and_last_year_periods_cross_the_year():
    assert analysis.previous_period("month", date(2026, 1, 20)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert analysis.previous_period("quarter", date(2026, 2, 1)) == (date(2025, 10, 1), date(2025, 12, 31))
    assert analysis.same_period_last_year("month", date(2028, 2, 10)) == (date(2027, 2, 1), date(2027, 2, 28))
    assert analysis.same_period_last_year("quarter", date(2026, 8, 1)) == (date(2025, 7, 1), date(2025, 9, 30))
    # the scheduler on 1 December writes November's report, on 1 January the last quarter's
    assert analysis.last_finished_period("month", date(2026, 12, 1)) == (date(2026, 11, 1), date(2026, 11, 30))
    assert analysis.last_finished_period("quarter", date(2027, 1, 1)) == (date(2026, 10, 1), date(2026, 12, 31))


def test_trend_and_codes():
    starts = analysis.trend_starts("month", date(2026, 3, 9))
    # from the same month last year to this one
    assert len(starts) == 13
    assert starts[0] == date(2025, 3, 1) and starts[-1] == date(2026, 3, 1)
    assert analysis.trend_starts("quarter", date(2026, 5, 1))[0] == date(2025, 4, 1)
    assert analysis.trend_starts("quarter", date(2026, 5, 1), 3) == [
        date(2025, 10, 1),
        date(2026, 1, 1),
        date(2026, 4, 1),
    ]
    assert analysis.period_code("month", date(2026, 3, 9)) == "2026-03"
    assert analysis.period_code("quarter", date(2026, 12, 9)) == "2026-Q4"
    with pytest.raises(ValueError):
        analysis.period_bounds("week", date(2026, 3, 9))


def test_rates_and_changes():
    assert analysis.rate(1, 3) == 33.3
    assert analysis.rate(0, 0) is None
    assert analysis.change(12, 8) == {"delta": 4, "pct": 50.0}
    assert analysis.change(5, 0) == {"delta": 5, "pct": None}
    assert analysis.change(0, 4) == {"delta": -4, "pct": -100.0}
    # running clocks (pending) are not in the attainment
    assert analysis.attainment(3, 1) == 75.0
    assert analysis.attainment(0, 0) is None


def test_top_is_stable_and_drops_zeros():
    rows = [{"id": 3, "count": 2}, {"id": 1, "count": 5}, {"id": 2, "count": 2}, {"id": 4, "count": 0}]
    assert [row["id"] for row in analysis.top(rows, 3)] == [1, 2, 3]
    assert analysis.shares([{"id": 1, "count": 1}], 4) == [{"id": 1, "count": 1, "share": 25.0}]
