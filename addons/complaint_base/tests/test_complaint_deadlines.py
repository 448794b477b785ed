from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_deadlines import DeadlineCase, bj

# Every row of SPEC's deadline table: (source, amount, unit, time of day,
# received (Beijing), due (Beijing)).  The team works 8:30-12:00, 13:00-17:30
# on China's calendar (2026 public holidays and make-up days from the data).
SPEC_ROWS = [
    (
        "000/004 manufacturer system: respond within 30 minutes",
        30,
        "minutes",
        0,
        bj(2026, 3, 3, 22, 0),
        bj(2026, 3, 3, 22, 30),
    ),
    ("000/004 manufacturer system: close within 7 days", 7, "days", 0, bj(2026, 3, 3, 22, 0), bj(2026, 3, 10, 22, 0)),
    ("004 first contact within 2 hours", 2, "hours", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 3, 12, 0)),
    ("004 handled within 3 days", 3, "days", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 6, 10, 0)),
    ("004 on-site verbal complaint: the same day", 0, "same_day", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 3, 17, 30)),
    ("000 reply within 48 hours", 48, "hours", 0, bj(2026, 9, 30, 20, 0), bj(2026, 10, 2, 20, 0)),
    (
        "003 cross-department: escalate within 1 working day",
        1,
        "working_days",
        0,
        bj(2026, 9, 30, 20, 0),
        bj(2026, 10, 9, 8, 30),
    ),
    ("003 cross-department: reply within 24 h", 24, "hours", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 4, 10, 0)),
    (
        "003 HQ clerk dispatches within 2 working hours",
        2,
        "working_hours",
        0,
        bj(2026, 9, 30, 16, 0),
        bj(2026, 10, 8, 9, 0),
    ),
    (
        "003 regional manager on site within 3 working hours",
        3,
        "working_hours",
        0,
        bj(2026, 3, 3, 16, 0),
        bj(2026, 3, 4, 10, 0),
    ),
    ("003 IT service: first reply within 2 hours", 2, "hours", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 3, 12, 0)),
    ("003 IT service: resolved within half a month", 15, "days", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 18, 10, 0)),
    ("003 after-sales: answer within 24 h", 24, "hours", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 4, 10, 0)),
    ("003 after-sales: engineer dispatched within 48 h", 48, "hours", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 5, 10, 0)),
    ("004 8D: severe complaint contained within 24 h", 24, "hours", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 4, 10, 0)),
    ("004 8D: severe complaint closed within 1 week", 7, "days", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 10, 10, 0)),
    ("004 8D: response within 2 working days", 2, "working_days", 0, bj(2026, 9, 29, 11, 0), bj(2026, 10, 8, 11, 0)),
    ("004 8D: analysis within 7 working days", 7, "working_days", 0, bj(2026, 9, 18, 11, 0), bj(2026, 9, 29, 11, 0)),
    ("001 courier: query answered within 2 hours", 2, "hours", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 3, 12, 0)),
    (
        "001 courier: feedback by 17:00 the same day",
        0,
        "time_of_day",
        17.0,
        bj(2026, 3, 3, 15, 0),
        bj(2026, 3, 3, 17, 0),
    ),
    (
        "001 courier: feedback by 17:00, received after 17:00",
        0,
        "time_of_day",
        17.0,
        bj(2026, 3, 3, 17, 20),
        bj(2026, 3, 4, 17, 0),
    ),
    ("001 courier: apology within 24 h", 24, "hours", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 4, 10, 0)),
    (
        "001 courier: outlet reachable within 15 minutes",
        15,
        "minutes",
        0,
        bj(2026, 3, 3, 10, 0),
        bj(2026, 3, 3, 10, 15),
    ),
    ("001 courier: loss claim settled within 1 month", 30, "days", 0, bj(2026, 3, 3, 10, 0), bj(2026, 4, 2, 10, 0)),
    (
        "001 courier: delay/damage claim accepted within 3 working days",
        3,
        "working_days",
        0,
        bj(2026, 9, 28, 10, 0),
        bj(2026, 10, 8, 10, 0),
    ),
    (
        "001 courier: delay/damage claim handled within 10 working days",
        10,
        "working_days",
        0,
        bj(2026, 9, 28, 10, 0),
        bj(2026, 10, 16, 10, 0),
    ),
    (
        "001 courier: delay/damage claim paid within 1 month",
        30,
        "days",
        0,
        bj(2026, 9, 28, 10, 0),
        bj(2026, 10, 28, 10, 0),
    ),
    (
        "000 employee grievance: written reply within 1 week",
        7,
        "days",
        0,
        bj(2026, 3, 3, 10, 0),
        bj(2026, 3, 10, 10, 0),
    ),
    (
        "000 employee grievance: appeal to the GM within 1 week",
        7,
        "days",
        0,
        bj(2026, 3, 3, 10, 0),
        bj(2026, 3, 10, 10, 0),
    ),
    (
        "000 employee grievance: GM replies within half a month",
        15,
        "days",
        0,
        bj(2026, 3, 3, 10, 0),
        bj(2026, 3, 18, 10, 0),
    ),
    ("004 callback within 2 days after handling", 2, "days", 0, bj(2026, 3, 3, 10, 0), bj(2026, 3, 5, 10, 0)),
]


@tagged("post_install", "-at_install")
class TestDeadlineRules(DeadlineCase):
    @freeze_time("2026-03-01 00:00:00")
    def test_every_row_of_the_spec_table(self):
        for label, amount, unit, time_of_day, received, due in SPEC_ROWS:
            with self.subTest(rule=label):
                category = self.env["complaint.category"].create({"name": label})
                self._policy(self.kind_custom, amount, unit, time_of_day, category_ids=[(6, 0, category.ids)])
                complaint = self._received(received, category_id=category.id)
                clock = self._clock(complaint, self.kind_custom)
                self.assertEqual(len(clock), 1)
                self.assertEqual(clock.date_start, received)
                self.assertEqual(clock.date_due, due, label)

    @freeze_time("2026-09-30 12:00:00")
    def test_evening_before_a_holiday(self):
        """Received 2026-09-30 20:00, the eve of the National Day week."""
        self._policy(self.kind_resolve, 2, "working_hours")
        self._policy(self.kind_reply, 1, "working_days", sequence=1, channel_ids=[(6, 0, self.channel_phone.ids)])
        complaint = self._received(bj(2026, 9, 30, 20, 0))
        self.assertEqual(self._clock(complaint, self.kind_resolve).date_due, bj(2026, 10, 8, 10, 30))
        self.assertEqual(self._clock(complaint, self.kind_reply).date_due, bj(2026, 10, 9, 8, 30))

    @freeze_time("2026-09-20 01:00:00")
    def test_received_on_a_make_up_sunday(self):
        """Sunday 2026-09-20 is a working day (调休); the Sunday before is not."""
        self._policy(self.kind_resolve, 2, "working_hours")
        worked = self._received(bj(2026, 9, 20, 9, 0))
        self.assertEqual(self._clock(worked, self.kind_resolve).date_due, bj(2026, 9, 20, 11, 0))
        ordinary = self._received(bj(2026, 9, 13, 9, 0))
        self.assertEqual(self._clock(ordinary, self.kind_resolve).date_due, bj(2026, 9, 14, 10, 30))

    @freeze_time("2026-03-03 02:00:00")
    def test_most_specific_policy_wins(self):
        self._policy(self.kind_resolve, 3, "days")
        self._policy(self.kind_resolve, 0, "same_day", channel_ids=[(6, 0, self.channel_walk_in.ids)])
        walk_in = self._received(bj(2026, 3, 3, 10, 0), channel_id=self.channel_walk_in.id)
        phone = self._received(bj(2026, 3, 3, 10, 0))
        self.assertEqual(self._clock(walk_in, self.kind_resolve).date_due, bj(2026, 3, 3, 17, 30))
        self.assertEqual(self._clock(phone, self.kind_resolve).date_due, bj(2026, 3, 6, 10, 0))

    def test_holiday_schedules_cite_their_notice(self):
        for year in (2025, 2026):
            schedule = self.env["complaint.holiday.year"].search([("year", "=", year)])
            self.assertIn("国务院办公厅", schedule.source)
            self.assertIn(f"{year}年", schedule.source)
        days = self.env["complaint.holiday.year"].search([("year", "=", 2026)]).day_ids
        self.assertEqual(len(days.filtered(lambda d: d.kind == "workday")), 6)
        self.assertIn("2026-02-15", [str(d) for d in days.mapped("date")])


@tagged("post_install", "-at_install")
class TestClockLifeCycle(DeadlineCase):
    @freeze_time("2026-03-03 02:00:00")
    def test_first_message_to_the_complainant_meets_first_contact(self):
        self._policy(self.kind_contact, 2, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        clock = self._clock(complaint, self.kind_contact)
        complaint.with_user(self.user_a).message_post(body="内部备注", subtype_xmlid="mail.mt_note")
        self.assertEqual(clock.state, "running")
        complainant = self.env["res.partner"].create({"name": "张伟", "email": "zhangwei@example.com"})
        with freeze_time("2026-03-03 03:00:00"):
            complaint.with_user(self.user_a).message_post(
                body="您好，我们已收到您的投诉。",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=complainant.ids,
            )
        self.assertEqual(clock.state, "met")
        self.assertEqual(clock.date_met, bj(2026, 3, 3, 11, 0))
        self.assertFalse(clock.is_late)
        self.assertEqual(clock.result, "on_time")

    @freeze_time("2026-03-03 02:00:00")
    def test_pause_resume_gives_the_right_due_time(self):
        self._policy(self.kind_resolve, 4, "working_hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0)).with_user(self.user_a)
        clock = self._clock(complaint, self.kind_resolve)
        self.assertEqual(clock.date_due, bj(2026, 3, 3, 15, 0))
        with freeze_time(bj(2026, 3, 3, 11, 0)):
            complaint.stage_id = self.env.ref("complaint_base.complaint_stage_waiting")
        self.assertEqual(clock.state, "paused")
        self.assertEqual(clock.remaining_minutes, 180)
        self.assertFalse(complaint.date_next_due)
        # the complainant answers the next morning at 09:00
        with freeze_time(bj(2026, 3, 4, 9, 0)):
            complaint.stage_id = self.stage_progress
        self.assertEqual(clock.state, "running")
        self.assertEqual(clock.date_due, bj(2026, 3, 4, 12, 0))
        self.assertEqual(clock.paused_minutes, 22 * 60)
        self.assertEqual(clock.event_ids.mapped("event"), ["start", "pause", "resume"])
        self.assertEqual(complaint.date_next_due, bj(2026, 3, 4, 12, 0))

    @freeze_time("2026-03-03 02:00:00")
    def test_state_changes_meet_and_start_clocks(self):
        self._policy(self.kind_ack, 1, "hours")
        self._policy(self.kind_resolve, 3, "days", sequence=1, channel_ids=[(6, 0, self.channel_phone.ids)])
        self._policy(self.kind_callback, 2, "days", sequence=2, team_ids=[(6, 0, self.team_a.ids)])
        complaint = self._judged(self._received(bj(2026, 3, 3, 10, 0))).with_user(self.user_a)
        self.assertEqual(complaint.clock_ids.kind_id, self.kind_ack | self.kind_resolve)
        complaint.action_acknowledge()
        self.assertEqual(self._clock(complaint, self.kind_ack).state, "met")
        with freeze_time("2026-03-04 02:00:00"):
            complaint.action_resolve()
        self.assertEqual(self._clock(complaint, self.kind_resolve).state, "met")
        callback = self._clock(complaint, self.kind_callback)
        self.assertEqual(callback.date_due, bj(2026, 3, 6, 10, 0))
        complaint.action_close()
        self.assertEqual(callback.state, "running", "the callback survives closing")
        action = complaint.action_callback_done()
        self.assertEqual(action["res_model"], "complaint.callback.wizard")
        wizard = (
            self.env["complaint.callback.wizard"]
            .with_user(self.user_a)
            .create({"complaint_id": complaint.id, "outcome": "satisfied"})
        )
        wizard.action_confirm()
        self.assertEqual(callback.state, "met")
        self.assertEqual(complaint.state, "closed")

    @freeze_time("2026-03-03 02:00:00")
    def test_reopening_restarts_the_resolve_clock(self):
        self._policy(self.kind_resolve, 3, "days")
        complaint = self._judged(self._received(bj(2026, 3, 3, 10, 0)))
        complaint.with_user(self.user_a).action_resolve()
        first = self._clock(complaint, self.kind_resolve)
        self.assertEqual(first.state, "met")
        with freeze_time("2026-03-10 02:00:00"):
            complaint.with_user(self.manager).action_reopen()
        clocks = complaint.clock_ids.filtered(lambda c: c.kind_id == self.kind_resolve)
        self.assertEqual(len(clocks), 2)
        new = clocks.filtered(lambda c: c.state == "running")
        self.assertEqual(new.date_due, bj(2026, 3, 13, 10, 0))
        self.assertIn("reset", first.event_ids.mapped("event"))

    @freeze_time("2026-03-03 02:00:00")
    def test_closing_and_cancelling_stop_the_clocks(self):
        self._policy(self.kind_reply, 48, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        complaint.with_user(self.user_a).action_cancel()
        self.assertEqual(self._clock(complaint, self.kind_reply), self.env["complaint.clock"])
        self.assertEqual(complaint.clock_ids.state, "cancelled")

    @freeze_time("2026-03-03 02:00:00")
    def test_policy_change_recomputes_open_clocks(self):
        policy = self._policy(self.kind_resolve, 3, "days")
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        policy.target_ids.amount = 5
        policy.with_user(self.admin).action_recompute_open_clocks()
        self.assertEqual(self._clock(complaint, self.kind_resolve).date_due, bj(2026, 3, 8, 10, 0))
        self.assertIn("recompute", self._clock(complaint, self.kind_resolve).event_ids.mapped("event"))

    def test_clock_history_is_append_only(self):
        self._policy(self.kind_resolve, 3, "days")
        complaint = self._complaint(team_id=self.team_a.id)
        event = complaint.clock_ids.event_ids[:1]
        with self.assertRaises(UserError):
            event.write({"note": "rewritten"})
        with self.assertRaises(UserError):
            event.with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            complaint.clock_ids.with_user(self.manager).unlink()

    def test_invalid_targets_and_steps(self):
        with self.assertRaises(UserError):
            self._policy(self.kind_resolve, 0, "hours")
        with self.assertRaises(UserError):
            self._policy(self.kind_resolve, 0, "time_of_day", time_of_day=25)
        with self.assertRaises(UserError):
            self._policy(
                self.kind_resolve, 1, "hours", steps=[{"name": "x", "threshold": "percent", "threshold_value": 150}]
            )
        with self.assertRaises(UserError):
            self._policy(self.kind_resolve, 1, "hours", steps=[{"name": "x", "action": "fine"}])
        with self.assertRaises(UserError):
            self._policy(self.kind_resolve, 1, "hours", domain="[('nonsense', '=', 1)]")
