from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlineDispatch(HotlineCase):
    """Routing, sign-for, return, re-dispatch, arbitration and extensions on
    the shipped clocks (Monday 2 March 2026, Beijing calendar)."""

    def _clock_of(self, order, kind):
        return order.clock_ids.filtered(lambda c: c.kind_id == kind and c.state in ("running", "breached"))

    @freeze_time("2026-03-02 02:00:00")
    def test_routing_and_time_limits(self):
        order = self._order(bj(2026, 3, 2, 10, 0), description="<p>3号楼停水三天</p>")
        # general: 7 working days from Monday 10:00 is the next Wednesday 10:00
        self.assertEqual(self._clock_of(order, self.kind_handle).date_due, bj(2026, 3, 11, 10, 0))
        order.with_user(self.dispatcher).action_hotline_dispatch()
        self.assertRecordValues(
            order,
            [
                {
                    "hotline_state": "dispatched",
                    "hotline_department_id": self.water.id,
                    "hotline_route_id": self.route_water.id,
                    "hotline_to_leader": False,
                    "hotline_department_count": 1,
                    "hotline_hop_count": 1,
                }
            ],
        )
        self.assertEqual(order.hotline_co_department_ids, self.street)
        self.assertEqual(self._clock_of(order, self.kind_sign).date_due, bj(2026, 3, 2, 12, 0))
        self.assertEqual(self._clock_of(order, self.kind_return).date_due, bj(2026, 3, 3, 10, 0))
        self.assertEqual(order.hotline_hop_ids.deadline, bj(2026, 3, 2, 12, 0))
        emergency = self._order(bj(2026, 3, 2, 10, 0), hotline_urgency="emergency")
        utility = self._order(bj(2026, 3, 2, 10, 0), hotline_urgency="utility")
        complex_ = self._order(bj(2026, 3, 2, 10, 0), hotline_urgency="complex")
        self.assertEqual(self._clock_of(emergency, self.kind_handle).date_due, bj(2026, 3, 2, 12, 0))
        self.assertEqual(self._clock_of(utility, self.kind_handle).date_due, bj(2026, 3, 3, 10, 0))
        self.assertEqual(self._clock_of(complex_, self.kind_handle).date_due, bj(2026, 3, 23, 10, 0))
        # the area and the category route too; no rule: the dispatcher chooses
        noise = self._order(bj(2026, 3, 2, 10, 0), subject="夜间噪音", category_id=self.cat_noise.id)
        noise.with_user(self.dispatcher).action_hotline_dispatch()
        self.assertEqual(noise.hotline_department_id, self.urban)
        self.env["hotline.route"].create(
            {
                "name": "区域",
                "sequence": 1,
                "area_ids": [(6, 0, self.district.ids)],
                "lead_department_id": self.street.id,
            }
        )
        there = self._order(bj(2026, 3, 2, 10, 0), subject="停水", hotline_area_id=self.street_area.id)
        there.with_user(self.dispatcher).action_hotline_dispatch()
        self.assertEqual(there.hotline_department_id, self.street)
        lost = self._order(bj(2026, 3, 2, 10, 0), subject="其他事项")
        with self.assertRaises(UserError):
            lost.with_user(self.dispatcher).action_hotline_dispatch()
        lost.hotline_department_id = self.urban
        lost.with_user(self.dispatcher).action_hotline_dispatch()
        self.assertEqual(lost.hotline_state, "dispatched")

    @freeze_time("2026-03-02 02:00:00")
    def test_major_and_repeated_go_to_leaders(self):
        order = self._order(bj(2026, 3, 2, 10, 0), is_major=True)
        order.with_user(self.dispatcher).action_hotline_dispatch()
        self.assertTrue(order.hotline_to_leader)
        self.assertEqual(order.user_id, self.water_leader)
        self.assertIn(self.water_leader.partner_id, order.message_ids[0].partner_ids)
        self.assertNotIn(self.water_user.partner_id, order.message_ids[0].partner_ids)

    @freeze_time("2026-03-02 02:00:00")
    def test_sign_for_on_time_and_late(self):
        early = self._order(bj(2026, 3, 2, 10, 0))
        late = self._order(bj(2026, 3, 2, 10, 0))
        (early | late).with_user(self.dispatcher).action_hotline_dispatch()
        with freeze_time(bj(2026, 3, 2, 11, 0)):
            early.with_user(self.water_user).action_hotline_sign()
        with freeze_time(bj(2026, 3, 2, 13, 0)):
            late.with_user(self.water_user).action_hotline_sign()
        self.assertEqual(early.hotline_hop_ids.filtered(lambda h: h.kind == "sign").on_time, True)
        self.assertEqual(late.hotline_hop_ids.filtered(lambda h: h.kind == "sign").on_time, False)
        self.assertEqual(early.hotline_state, "signed")
        self.assertEqual(early.hotline_signed_by_id, self.water_user)
        sign_clock = early.clock_ids.filtered(lambda c: c.kind_id == self.kind_sign)
        self.assertEqual(sign_clock.state, "met")
        self.assertTrue(late.clock_ids.filtered(lambda c: c.kind_id == self.kind_sign).is_late)

    @freeze_time("2026-03-02 02:00:00")
    def test_return_transfer_and_arbitration(self):
        order = self._order(bj(2026, 3, 2, 10, 0))
        order.with_user(self.dispatcher).action_hotline_dispatch()
        with self.assertRaises(ValidationError):
            order.with_user(self.water_user).action_hotline_return("  ")
        with freeze_time(bj(2026, 3, 2, 11, 0)):
            order.with_user(self.water_user).action_hotline_return("属城管职责", dispute=True)
        self.assertEqual(order.hotline_state, "returned")
        self.assertEqual(order.hotline_return_count, 1)
        self.assertFalse(order.clock_ids.filtered(lambda c: c.kind_id == self.kind_sign and c.state == "running"))
        with freeze_time(bj(2026, 3, 2, 14, 0)):
            order.with_user(self.dispatcher).action_hotline_transfer(self.urban, "转城管")
        self.assertEqual(order.hotline_department_id, self.urban)
        self.assertEqual(order.hotline_transfer_count, 1)
        self.assertEqual(order.hotline_department_count, 2)
        # a new sign-for clock from the transfer: 2 hours
        self.assertEqual(self._clock_of(order, self.kind_sign).date_due, bj(2026, 3, 2, 16, 0))
        # the first department sees it no more
        self.assertFalse(self.env["complaint.complaint"].with_user(self.water_user).search([("id", "=", order.id)]))
        with freeze_time(bj(2026, 3, 2, 15, 0)):
            order.with_user(self.urban_user).action_hotline_return("属水务职责", dispute=True)
        with freeze_time(bj(2026, 3, 2, 16, 0)):
            order.with_user(self.dispatcher).action_hotline_arbitrate(self.water, "供水管网属水务集团，由水务牵头")
        self.assertTrue(order.hotline_arbitrated)
        self.assertEqual(order.hotline_department_id, self.water)
        self.assertEqual(order.hotline_department_count, 2)
        with self.assertRaises(UserError):
            order.with_user(self.water_user).action_hotline_return("仍不归我们")
        self.assertEqual(
            order.hotline_hop_ids.sorted("id").mapped("kind"),
            ["dispatch", "return", "transfer", "return", "arbitration"],
        )
        self.assertEqual(order.hotline_hop_count, 5)

    @freeze_time("2026-03-02 02:00:00")
    def test_return_limit(self):
        order = self._order(bj(2026, 3, 2, 10, 0))
        order.with_user(self.dispatcher).action_hotline_dispatch()
        with freeze_time(bj(2026, 3, 3, 11, 0)):
            with self.assertRaises(UserError):
                order.with_user(self.water_user).action_hotline_return("太晚了")
        self.assertEqual(order.hotline_state, "dispatched")

    @freeze_time("2026-03-02 02:00:00")
    def test_extension_needs_the_centre(self):
        order = self._order(bj(2026, 3, 2, 10, 0))
        order.with_user(self.dispatcher).action_hotline_dispatch()
        order.with_user(self.water_user).action_hotline_sign()
        handle = self._clock_of(order, self.kind_handle)
        self.assertEqual(handle.date_due, bj(2026, 3, 11, 10, 0))
        request = (
            self.env["hotline.extension"]
            .with_user(self.water_user)
            .create({"order_id": order.id, "amount": 2, "unit": "working_days", "reason": "需协调管网改造"})
        )
        self.assertEqual(request.state, "requested")
        self.assertEqual(handle.date_due, bj(2026, 3, 11, 10, 0))
        request.with_user(self.dispatcher).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(handle.date_due, bj(2026, 3, 13, 10, 0))
        self.assertIn("extension", order.hotline_hop_ids.mapped("kind"))
        with self.assertRaises(UserError):
            request.with_user(self.dispatcher).action_approve()
