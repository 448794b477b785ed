from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_deadlines import DeadlineCase, bj


@tagged("post_install", "-at_install")
class TestComplaintClockExtension(DeadlineCase):
    """An extension moves the due time on the clock's calendar and revives a
    breached clock whose new due time lies ahead."""

    @freeze_time("2026-03-02 02:00:00")
    def test_extend_in_working_days_and_revive(self):
        self._policy(self.kind_resolve, 1, "working_days")
        complaint = self._received(bj(2026, 3, 2, 10, 0))
        clock = self._clock(complaint, self.kind_resolve)
        self.assertEqual(clock.date_due, bj(2026, 3, 3, 10, 0))
        with freeze_time(bj(2026, 3, 3, 11, 0)):
            self._run_scheduler()
            self.assertEqual(clock.state, "breached")
            # Tuesday 10:00 + 2 working days: Thursday 10:00
            clock._extend(2, "working_days", note="延期")
            self.assertEqual(clock.date_due, bj(2026, 3, 5, 10, 0))
            self.assertEqual(clock.state, "running")
            self.assertFalse(clock.date_breached)
            self.assertEqual(clock.next_check, bj(2026, 3, 5, 10, 0))
            self.assertIn("延期", clock.event_ids.filtered(lambda e: e.event == "recompute").note)
        with self.assertRaises(UserError):
            clock._extend(0, "hours")

    @freeze_time("2026-03-02 02:00:00")
    def test_met_clocks_stay(self):
        self._policy(self.kind_resolve, 2, "hours")
        complaint = self._received(bj(2026, 3, 2, 10, 0))
        clock = self._clock(complaint, self.kind_resolve)
        clock._meet()
        due = clock.date_due
        clock._extend(1, "days")
        self.assertEqual(clock.date_due, due)
