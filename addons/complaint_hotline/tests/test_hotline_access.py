from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlineAccess(HotlineCase):
    """A department sees only its orders; every action refuses the wrong
    department, the portal and other sectors' users."""

    @freeze_time("2026-03-02 02:00:00")
    def test_department_sees_only_its_orders(self):
        water_order = self._order(bj(2026, 3, 2, 10, 0))
        city_order = self._order(bj(2026, 3, 2, 10, 0), subject="占道经营", category_id=self.cat_city.id)
        (water_order | city_order).with_user(self.dispatcher).action_hotline_dispatch()
        self.assertEqual(water_order.hotline_department_id, self.water)
        self.assertEqual(city_order.hotline_department_id, self.urban)
        Complaint = self.env["complaint.complaint"]
        mine = Complaint.with_user(self.water_user).search([("sector", "=", "hotline")])
        self.assertEqual(mine, water_order)
        self.assertEqual(Complaint.with_user(self.urban_user).search([("sector", "=", "hotline")]), city_order)
        # the co-handling department sees the order, the leader too
        self.assertEqual(Complaint.with_user(self.street_user).search([("sector", "=", "hotline")]), water_order)
        self.assertIn(water_order, Complaint.with_user(self.water_leader).search([]))
        with self.assertRaises(AccessError):
            city_order.with_user(self.water_user).read(["subject"])
        self.assertEqual(self.env["hotline.hop"].with_user(self.water_user).search([]).order_id, water_order)
        # the centre sees both
        self.assertEqual(
            Complaint.with_user(self.agent).search([("id", "in", (water_order | city_order).ids)]),
            water_order | city_order,
        )

    @freeze_time("2026-03-02 02:00:00")
    def test_actions_refuse_wrong_users(self):
        order = self._order(bj(2026, 3, 2, 10, 0))
        portal = self.portal_user
        courier_like = self.user_a  # a team user of another (general) team
        for user in (self.water_user, self.agent, portal, courier_like):
            with self.assertRaises(AccessError, msg=user.login):
                order.with_user(user).action_hotline_dispatch()
        order.with_user(self.dispatcher).action_hotline_dispatch()
        for user in (self.urban_user, self.street_user, portal, courier_like):
            with self.assertRaises(AccessError, msg=user.login):
                order.with_user(user).action_hotline_sign()
            with self.assertRaises(AccessError, msg=user.login):
                order.with_user(user).action_hotline_return("不归我们管")
        with self.assertRaises(AccessError):
            order.with_user(self.water_user).action_hotline_transfer(self.urban, "x")
        with self.assertRaises(AccessError):
            order.with_user(self.water_user).action_hotline_remind("x")
        order.with_user(self.water_user).action_hotline_sign()
        with self.assertRaises(AccessError):
            order.with_user(self.urban_user).action_hotline_reply("答复")
        with self.assertRaises(AccessError):
            self.env["hotline.extension"].with_user(self.urban_user).create(
                {"order_id": order.id, "amount": 1, "unit": "working_days", "reason": "x"}
            )
        extension = (
            self.env["hotline.extension"]
            .with_user(self.water_user)
            .create({"order_id": order.id, "amount": 1, "unit": "working_days", "reason": "需现场勘查"})
        )
        with self.assertRaises(AccessError):
            extension.with_user(self.water_user).action_approve()
        with self.assertRaises(AccessError):
            extension.with_user(self.water_user).write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.env["hotline.assessment"].with_user(self.water_user)._compute_period("2026-03-01", "2026-03-31")
        for user in (self.water_user, self.agent, portal, courier_like):
            with self.assertRaises(AccessError, msg=user.login):
                order.with_user(user).action_hotline_supervise("x")
            with self.assertRaises(AccessError, msg=user.login):
                self.env["hotline.assessment.wizard"].with_user(user).create({}).action_compute()
        self.assertFalse(order.is_supervised)

    def test_other_sectors_do_not_see_hotline_orders(self):
        order = self._order()
        other = new_test_user(
            self.env, login="hl_other", name="Other", groups="base.group_user,complaint_base.group_complaint_user_team"
        )
        self.assertFalse(self.env["complaint.complaint"].with_user(other).search([("id", "=", order.id)]))
        self.assertFalse(self.env["complaint.complaint"].with_user(self.user_a).search([("id", "=", order.id)]))

    def test_shipped_policies_carry_the_sector(self):
        Data = self.env["ir.model.data"]
        policies = (
            self.env["complaint.deadline.policy"]
            .with_context(active_test=False)
            .browse(
                Data.search([("module", "=", "complaint_hotline"), ("model", "=", "complaint.deadline.policy")]).mapped(
                    "res_id"
                )
            )
        )
        self.assertEqual(len(policies), 4)
        self.assertEqual(set(policies.mapped("sector")), {"hotline"})

    @freeze_time("2026-03-02 02:00:00")
    def test_other_sector_policies_never_start_hotline_clocks(self):
        self._policy(self.kind_resolve, 1, "hours")  # no sector
        self._policy(self.kind_resolve, 1, "hours", sector="general")
        order = self._order(bj(2026, 3, 2, 10, 0))
        self.assertFalse(order.clock_ids.filtered(lambda c: c.policy_id.sector != "hotline"))
        self.assertTrue(order.clock_ids.filtered(lambda c: c.kind_id == self.kind_handle))
        general = self._received(bj(2026, 3, 2, 10, 0))
        self.assertFalse(general.clock_ids.filtered(lambda c: c.policy_id.sector == "hotline"))
