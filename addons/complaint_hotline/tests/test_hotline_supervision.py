from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlineSupervision(HotlineCase):
    """Reminders, the supervision list, escalated supervision, reply, close,
    callback and re-handling."""

    def _handled(self, order, reply="已处理"):
        order.with_user(self.water_user).action_hotline_sign()
        order.with_user(self.water_user).action_hotline_reply(reply)
        order.with_user(self.dispatcher).action_hotline_close()

    @freeze_time("2026-03-02 02:00:00")
    def test_reminders_then_supervision(self):
        order = self._order(bj(2026, 3, 2, 10, 0))
        order.with_user(self.dispatcher).action_hotline_dispatch()
        order.with_user(self.dispatcher).action_hotline_remind("请尽快签收")
        order.with_user(self.dispatcher).action_hotline_remind("再次催办")
        self.assertFalse(order.is_supervised)
        order.with_user(self.dispatcher).action_hotline_remind("第三次催办")
        self.assertEqual(order.hotline_reminder_count, 3)
        self.assertTrue(order.is_supervised)
        self.assertIn("supervision", order.hotline_hop_ids.mapped("kind"))

    @freeze_time("2026-03-02 02:00:00")
    def test_overdue_goes_on_the_supervision_list(self):
        order = self._order(bj(2026, 3, 2, 10, 0), hotline_urgency="emergency")
        order.with_user(self.dispatcher).action_hotline_dispatch()
        with freeze_time(bj(2026, 3, 2, 11, 59)):
            self._run_scheduler()
        self.assertFalse(order.is_supervised)
        with freeze_time(bj(2026, 3, 2, 12, 30)):
            self._run_scheduler()
        self.assertTrue(order.is_supervised)

    @freeze_time("2026-03-02 02:00:00")
    def test_bounced_between_three_departments_escalates(self):
        order = self._order(bj(2026, 3, 2, 10, 0))
        order.with_user(self.dispatcher).action_hotline_dispatch()
        order.with_user(self.dispatcher).action_hotline_transfer(self.urban, "转城管")
        self.assertFalse(order.hotline_escalated)
        order.with_user(self.dispatcher).action_hotline_transfer(self.street, "转街道")
        self.assertEqual(order.hotline_department_count, 3)
        self.assertTrue(order.hotline_escalated)
        self.assertTrue(order.is_supervised)
        self.assertEqual(order.priority, "3")
        self.assertEqual(order.hotline_hop_ids.filtered(lambda h: h.kind == "escalated").order_id, order)

    @freeze_time("2026-03-02 02:00:00")
    def test_reply_close_callback_and_rework(self):
        order = self._order(bj(2026, 3, 2, 10, 0))
        order.with_user(self.dispatcher).action_hotline_dispatch()
        self._handled(order)
        self.assertEqual(order.hotline_state, "closed")
        self.assertEqual(order.state, "closed")
        self.assertTrue(order.hotline_reply_on_time)
        callback = order.clock_ids.filtered(lambda c: c.kind_id == self.kind_callback and c.state == "running")
        # the callback is due the next working day
        self.assertEqual(callback.date_due, bj(2026, 3, 3, 10, 0))
        with self.assertRaises(AccessError):
            order.with_user(self.water_user).action_hotline_callback("satisfied")
        order.with_user(self.agent).action_hotline_callback("dissatisfied", False, "仍未解决")
        self.assertEqual(callback.state, "met")
        self.assertEqual(order.hotline_rework_count, 1)
        self.assertEqual(order.hotline_state, "dispatched")
        self.assertEqual(order.hotline_department_id, self.water)
        self.assertEqual(order.state, "in_progress")
        self.assertTrue(order.clock_ids.filtered(lambda c: c.kind_id == self.kind_handle and c.state == "running"))
        # reworked more than three times: escalated supervision
        for __ in range(3):
            self.assertFalse(order.hotline_escalated)
            self._handled(order)
            order.with_user(self.agent).action_hotline_callback("dissatisfied", False, "仍不满意")
        self.assertEqual(order.hotline_rework_count, 4)
        self.assertTrue(order.hotline_escalated)
        self._handled(order)
        order.with_user(self.agent).action_hotline_callback("satisfied", True)
        self.assertEqual(order.hotline_state, "closed")
        self.assertEqual(order.hotline_satisfaction, "satisfied")
