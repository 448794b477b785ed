"""Working-time arithmetic, with China's 2026 holidays and make-up days.

Times in the tests are written in Beijing time and converted: the calendar
takes and returns naive UTC datetimes like Odoo.
"""

from datetime import date, datetime, timedelta

import pytest
from complaint_engine.business_calendar import BusinessCalendar, NoWorkingTime, split_leave
from complaint_engine.deadlines import compute_due, remaining_minutes, resumed_due, threshold_time

# 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)
HOLIDAYS_2026 = (
    {date(2026, 1, d) for d in (1, 2, 3)}
    | {date(2026, 2, d) for d in range(15, 24)}
    | {date(2026, 10, d) for d in range(1, 8)}
    | {date(2026, 9, d) for d in (25, 26, 27)}
)
WORKDAYS_2026 = {date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 9, 20), date(2026, 10, 10)}

CAL = BusinessCalendar(holidays=frozenset(HOLIDAYS_2026), workdays=frozenset(WORKDAYS_2026))


def bj(*args):
    """Beijing wall-clock time -> naive UTC."""
    return datetime(*args) - timedelta(hours=8)


def test_plain_working_hours():
    # Tuesday 10:00 + 2 working hours = 12:00
    assert CAL.add(bj(2026, 3, 3, 10, 0), 120) == bj(2026, 3, 3, 12, 0)
    # 11:00 + 2h crosses lunch (12:00-13:00) -> 14:00
    assert CAL.add(bj(2026, 3, 3, 11, 0), 120) == bj(2026, 3, 3, 14, 0)
    # Friday 17:00 + 1h -> Monday 09:00
    assert CAL.add(bj(2026, 3, 6, 17, 0), 60) == bj(2026, 3, 9, 9, 0)


def test_evening_before_national_day():
    # received 2026-09-30 20:00; holidays 10-01..10-07; next working day is Thursday 10-08
    assert CAL.add(bj(2026, 9, 30, 20, 0), 120) == bj(2026, 10, 8, 10, 30)
    assert CAL.add_working_days(bj(2026, 9, 30, 20, 0), 1) == bj(2026, 10, 9, 8, 30)
    # the make-up Saturday 10-10 is a working day
    assert CAL.add_working_days(bj(2026, 10, 9, 9, 0), 1) == bj(2026, 10, 10, 9, 0)


def test_received_on_a_make_up_sunday():
    # Sunday 2026-09-20 is worked (调休): 2 working hours from 09:00 -> 11:00 the same Sunday
    sunday = bj(2026, 9, 20, 9, 0)
    assert CAL.is_working_day(date(2026, 9, 20))
    assert CAL.add(sunday, 120) == bj(2026, 9, 20, 11, 0)
    # an ordinary Sunday is not
    assert CAL.add(bj(2026, 9, 13, 9, 0), 120) == bj(2026, 9, 14, 10, 30)


def test_spring_festival_week():
    # Friday 2026-02-13 16:00 + 3 working hours: 1.5h that day, Saturday 02-14 is worked
    assert CAL.add(bj(2026, 2, 13, 16, 0), 180) == bj(2026, 2, 14, 10, 0)
    # Saturday 02-14 17:00 + 1h: the holiday runs 02-15..02-23, next is Tuesday 02-24
    assert CAL.add(bj(2026, 2, 14, 17, 0), 60) == bj(2026, 2, 24, 9, 0)


def test_working_minutes_and_subtract():
    a, b = bj(2026, 9, 30, 16, 0), bj(2026, 10, 8, 10, 0)
    assert CAL.working_minutes(a, b) == 90 + 90
    assert CAL.working_minutes(b, a) == -180
    assert CAL.add(b, -180) == a


def test_same_day_and_by_17():
    # on-site complaint at 10:00 handled the same day -> 17:30
    assert CAL.end_of_working_day(bj(2026, 3, 3, 10, 0)) == bj(2026, 3, 3, 17, 30)
    # after hours -> the end of the next working day
    assert CAL.end_of_working_day(bj(2026, 3, 3, 19, 0)) == bj(2026, 3, 4, 17, 30)
    # courier: feedback by 17:00 the same day
    assert CAL.at_time_of_day(bj(2026, 3, 3, 10, 0), 17) == bj(2026, 3, 3, 17, 0)
    assert CAL.at_time_of_day(bj(2026, 3, 3, 17, 5), 17) == bj(2026, 3, 4, 17, 0)
    assert CAL.at_time_of_day(bj(2026, 9, 30, 18, 0), 17) == bj(2026, 10, 8, 17, 0)


def test_working_days_keep_the_time_of_day():
    assert CAL.add_working_days(bj(2026, 3, 3, 10, 15), 2) == bj(2026, 3, 5, 10, 15)
    # Friday 16:00 + 1 working day -> Monday 16:00
    assert CAL.add_working_days(bj(2026, 3, 6, 16, 0), 1) == bj(2026, 3, 9, 16, 0)
    # during lunch -> moved to 13:00 first
    assert CAL.add_working_days(bj(2026, 3, 3, 12, 30), 1) == bj(2026, 3, 4, 13, 0)


def test_no_working_time_raises():
    closed = BusinessCalendar(week={})
    with pytest.raises(NoWorkingTime):
        closed.add(bj(2026, 3, 3, 10, 0), 60)


def test_invalid_interval():
    with pytest.raises(ValueError):
        BusinessCalendar(week={0: ((18, 9),)})


def test_round_the_clock_calendar():
    always = BusinessCalendar(week={d: ((0, 24),) for d in range(7)})
    assert always.add(bj(2026, 10, 1, 23, 0), 120) == bj(2026, 10, 2, 1, 0)


@pytest.mark.parametrize(
    "received, amount, unit, tod, expected",
    [
        # 000/004 manufacturer system: respond within 30 minutes, close within 7 days
        (bj(2026, 3, 3, 22, 0), 30, "minutes", None, bj(2026, 3, 3, 22, 30)),
        (bj(2026, 3, 3, 22, 0), 7, "days", None, bj(2026, 3, 10, 22, 0)),
        # 004 first contact within 2 hours; handled within 3 days; walk-in the same day
        (bj(2026, 3, 3, 10, 0), 2, "hours", None, bj(2026, 3, 3, 12, 0)),
        (bj(2026, 3, 3, 10, 0), 3, "days", None, bj(2026, 3, 6, 10, 0)),
        (bj(2026, 3, 3, 10, 0), 0, "same_day", None, bj(2026, 3, 3, 17, 30)),
        # 000 reply within 48 hours
        (bj(2026, 9, 30, 20, 0), 48, "hours", None, bj(2026, 10, 2, 20, 0)),
        # 003 cross-department: escalate within 1 working day, reply within 24 h
        (bj(2026, 9, 30, 20, 0), 1, "working_days", None, bj(2026, 10, 9, 8, 30)),
        # 003 HQ dispatch within 2 working hours; manager on site within 3
        (bj(2026, 9, 30, 16, 0), 2, "working_hours", None, bj(2026, 10, 8, 9, 0)),
        (bj(2026, 3, 3, 16, 0), 3, "working_hours", None, bj(2026, 3, 4, 10, 0)),
        # 004 8D: response within 2 working days, analysis within 7 working days
        (bj(2026, 9, 29, 11, 0), 2, "working_days", None, bj(2026, 10, 8, 11, 0)),
        # (Sunday 09-20 is worked, 09-25 is the Mid-Autumn holiday)
        (bj(2026, 9, 18, 11, 0), 7, "working_days", None, bj(2026, 9, 29, 11, 0)),
        # 001 courier: feedback by 17:00 the same day; outlet reachable in 15 minutes
        (bj(2026, 3, 3, 15, 0), 0, "time_of_day", 17.0, bj(2026, 3, 3, 17, 0)),
        (bj(2026, 3, 3, 15, 0), 15, "minutes", None, bj(2026, 3, 3, 15, 15)),
        # 001 delay/damage claims accepted in 3 working days, handled in 10
        (bj(2026, 9, 28, 10, 0), 3, "working_days", None, bj(2026, 10, 8, 10, 0)),
        (bj(2026, 9, 28, 10, 0), 10, "working_days", None, bj(2026, 10, 16, 10, 0)),
        # 001 loss claims settled and compensation paid within one month
        (bj(2026, 3, 2, 10, 0), 1, "months", None, bj(2026, 4, 2, 10, 0)),
    ],
)
def test_spec_deadlines(received, amount, unit, tod, expected):
    assert compute_due(CAL, received, amount, unit, tod) == expected


@pytest.mark.parametrize(
    "start, months, expected",
    [
        # the end of a longer month becomes the end of the shorter one
        (bj(2026, 1, 31, 9, 0), 1, bj(2026, 2, 28, 9, 0)),
        (bj(2028, 1, 31, 9, 0), 1, bj(2028, 2, 29, 9, 0)),
        # counted on the Beijing date, not the UTC one (07:00 local is 23:00 UTC the day before)
        (bj(2026, 3, 31, 7, 0), 1, bj(2026, 4, 30, 7, 0)),
        (bj(2026, 12, 15, 18, 0), 1, bj(2027, 1, 15, 18, 0)),
        (bj(2026, 11, 30, 12, 0), 3, bj(2027, 2, 28, 12, 0)),
    ],
)
def test_calendar_months(start, months, expected):
    assert CAL.add_months(start, months) == expected
    assert compute_due(CAL, start, months, "months") == expected


def test_pause_and_resume_working_clock():
    start = bj(2026, 3, 3, 10, 0)
    due = compute_due(CAL, start, 4, "working_hours")  # 15:00 (lunch 12-13)
    assert due == bj(2026, 3, 3, 15, 0)
    paused = bj(2026, 3, 3, 11, 0)
    left = remaining_minutes(CAL, "working_hours", paused, due)
    assert left == 180
    # waiting for the customer until the next morning 09:00
    assert resumed_due(CAL, "working_hours", bj(2026, 3, 4, 9, 0), left) == bj(2026, 3, 4, 12, 0)


def test_pause_and_resume_calendar_clock():
    start = bj(2026, 3, 3, 10, 0)
    due = compute_due(CAL, start, 48, "hours")
    left = remaining_minutes(CAL, "hours", bj(2026, 3, 4, 10, 0), due)
    assert left == 24 * 60
    assert resumed_due(CAL, "hours", bj(2026, 3, 6, 10, 0), left) == bj(2026, 3, 7, 10, 0)


def test_thresholds():
    start, due = bj(2026, 3, 3, 10, 0), bj(2026, 3, 3, 15, 0)  # 4 working hours
    assert threshold_time(CAL, "working_hours", start, due, "percent", 50) == bj(2026, 3, 3, 12, 0)
    assert threshold_time(CAL, "hours", start, due, "percent", 80) == bj(2026, 3, 3, 14, 0)
    assert threshold_time(CAL, "hours", start, due, "after_due", 1, "working_days") == bj(2026, 3, 4, 15, 0)
    assert threshold_time(CAL, "hours", start, due, "before_due", 30, "minutes") == bj(2026, 3, 3, 14, 30)
    assert threshold_time(CAL, "hours", start, due, "after_due", 2, "working_hours") == bj(2026, 3, 3, 17, 0)
    with pytest.raises(ValueError):
        threshold_time(CAL, "hours", start, due, "sideways", 1)
    with pytest.raises(ValueError):
        compute_due(CAL, start, 1, "fortnights")


BEIJING = BusinessCalendar().zone


def local(*args):
    return datetime(*args, tzinfo=BEIJING)


def test_full_day_leave_is_that_local_day_only():
    # Odoo stores a full Beijing day as local midnight to 23:59:59
    days, parts = split_leave(local(2026, 3, 4), local(2026, 3, 4, 23, 59, 59))
    assert days == {date(2026, 3, 4)}
    assert parts == []


def test_multi_day_leave_with_part_days_at_both_ends():
    days, parts = split_leave(local(2026, 3, 4, 14, 0), local(2026, 3, 6, 10, 0))
    assert days == {date(2026, 3, 5)}
    assert parts == [(local(2026, 3, 4, 14, 0), local(2026, 3, 5)), (local(2026, 3, 6), local(2026, 3, 6, 10, 0))]


def test_part_day_closure_removes_only_its_hours():
    calendar = BusinessCalendar(closures=((bj(2026, 3, 5, 14, 0), bj(2026, 3, 5, 16, 0)),))
    assert calendar.working_minutes(bj(2026, 3, 5, 0, 0), bj(2026, 3, 6, 0, 0)) == 6 * 60
    assert calendar.is_working_day(date(2026, 3, 5))
    # two working hours from 13:30: 30 minutes before the closure, 90 after it
    assert calendar.add(bj(2026, 3, 5, 13, 30), 120) == bj(2026, 3, 5, 17, 30)
    assert calendar.add(bj(2026, 3, 5, 17, 30), -120) == bj(2026, 3, 5, 13, 30)


def test_closure_must_end_after_it_starts():
    with pytest.raises(ValueError):
        BusinessCalendar(closures=((bj(2026, 3, 5, 16, 0), bj(2026, 3, 5, 14, 0)),))
