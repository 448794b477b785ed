from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlineServiceArea(HotlineCase):
    """Seed 002, the highway service area: complaints come from the opinion
    box and the posted complaint number, the head office's QC department
    handles them, the service area's manager is their first responsible
    person: assigned, told first, and works them like the department."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        base = "base.group_user,complaint_hotline."
        cls.site_manager = new_test_user(
            cls.env, login="hl_site", name="服务区经理老何", groups=base + "group_hotline_department"
        )
        cls.other_manager = new_test_user(
            cls.env, login="hl_site2", name="另一服务区经理", groups=base + "group_hotline_department"
        )
        cls.qc_user = new_test_user(cls.env, login="hl_qc", name="质检员", groups=base + "group_hotline_department")
        cls.qc = cls.env["complaint.team"].create(
            {
                "name": "测试质检部",
                "code": "T-HL-QC",
                "sector": "hotline",
                "hotline_kind": "department",
                "member_ids": [(6, 0, cls.qc_user.ids)],
                "resource_calendar_id": cls.calendar.id,
            }
        )
        Area = cls.env["hotline.area"]
        cls.service_area = Area.create(
            {"name": "测试服务区", "code": "T-SA", "level": "service_area", "site_manager_id": cls.site_manager.id}
        )
        cls.north = Area.create(
            {"name": "测试服务区北区", "code": "T-SA-N", "level": "service_area", "parent_id": cls.service_area.id}
        )
        cls.other_area = Area.create(
            {"name": "另一服务区", "code": "T-SA2", "level": "service_area", "site_manager_id": cls.other_manager.id}
        )
        cls.env["hotline.route"].create(
            {
                "name": "服务区 → 质检部",
                "sequence": 5,
                "category_ids": [(6, 0, cls.env.ref("complaint_hotline.hotline_category_service_area").ids)],
                "lead_department_id": cls.qc.id,
            }
        )
        cls.opinion_box = cls.env.ref("complaint_base.complaint_channel_opinion_box")
        cls.posted_number = cls.env.ref("complaint_hotline.hotline_channel_posted_number")

    def _sa_order(self, area, channel, **values):
        values.setdefault("subject", "卫生间无纸巾")
        return self._order(
            bj(2026, 3, 2, 9, 0),
            category_id=self.env.ref("complaint_hotline.hotline_category_sa_toilets").id,
            hotline_area_id=area.id,
            channel_id=channel.id,
            **values,
        )

    @freeze_time("2026-03-02 01:00:00")
    def test_site_manager_is_first_responsible(self):
        order = self._sa_order(self.north, self.opinion_box)
        order.with_user(self.dispatcher).action_hotline_dispatch()
        # the QC department handles, the manager of the enclosing service area answers first
        self.assertEqual(order.hotline_department_id, self.qc)
        self.assertEqual(order.hotline_site_manager_id, self.site_manager)
        self.assertEqual(order.user_id, self.site_manager)
        told = order.message_ids.filtered(lambda m: self.site_manager.partner_id in m.partner_ids)
        self.assertTrue(told)
        self.assertIn(self.north.name, " ".join(told.mapped("body")))
        # he sees it and works it like the department: sign for, reply
        Complaint = self.env["complaint.complaint"]
        self.assertIn(order, Complaint.with_user(self.site_manager).search([("sector", "=", "hotline")]))
        self.assertEqual(
            order.hotline_hop_ids.with_user(self.site_manager).search([("order_id", "=", order.id)]).order_id, order
        )
        order.with_user(self.site_manager).action_hotline_sign()
        self.assertEqual(order.hotline_signed_by_id, self.site_manager)
        order.with_user(self.site_manager).action_hotline_reply("已补充纸巾，加强巡查。")
        self.assertEqual(order.hotline_state, "replied")
        # the QC department sees it too; another service area's manager neither sees nor acts
        self.assertIn(order, Complaint.with_user(self.qc_user).search([("sector", "=", "hotline")]))
        self.assertNotIn(order, Complaint.with_user(self.other_manager).search([("sector", "=", "hotline")]))
        with self.assertRaises(AccessError):
            order.with_user(self.other_manager).action_hotline_callback("satisfied")

    @freeze_time("2026-03-02 01:00:00")
    def test_other_manager_cannot_act(self):
        order = self._sa_order(self.service_area, self.posted_number)
        order.with_user(self.dispatcher).action_hotline_dispatch()
        for user in (self.other_manager, self.water_user, self.portal_user):
            with self.assertRaises(AccessError, msg=user.login):
                order.with_user(user).action_hotline_sign()
        self.assertEqual(order.hotline_state, "dispatched")
        # a re-dispatch to another area's order: the manager follows the area
        other = self._sa_order(self.other_area, self.posted_number, subject="加油站排队太久")
        other.with_user(self.dispatcher).action_hotline_dispatch()
        self.assertEqual(other.user_id, self.other_manager)
        with self.assertRaises(AccessError):
            other.with_user(self.site_manager).action_hotline_sign()

    @freeze_time("2026-03-02 01:00:00")
    def test_without_site_manager_the_department_handles(self):
        order = self._order(bj(2026, 3, 2, 9, 0), hotline_area_id=self.street_area.id)
        order.with_user(self.dispatcher).action_hotline_dispatch()
        self.assertEqual(order.hotline_department_id, self.water)
        self.assertFalse(order.hotline_site_manager_id)
        # the handler is the department's own user, not the centre's
        self.assertEqual(order.user_id, self.water_user)
        order.with_user(self.water_user).action_hotline_sign()
        self.assertEqual(order.user_id, self.water_user)

    def test_site_manager_is_internal(self):
        with self.assertRaises(ValidationError):
            self.service_area.site_manager_id = self.portal_user

    def test_demo_service_area(self):
        demo = self.env.ref("complaint_hotline.hotline_order_service_area", raise_if_not_found=False)
        if not demo:
            self.skipTest("installed without demo data")
        posted = self.env.ref("complaint_hotline.hotline_order_service_area_posted")
        self.assertEqual(demo.channel_id, self.opinion_box)
        self.assertEqual(posted.channel_id, self.posted_number)
        self.assertEqual(demo.hotline_department_id, self.env.ref("complaint_hotline.hotline_team_service_area_qc"))
        manager = self.env.ref("complaint_hotline.demo_user_site_manager")
        self.assertEqual(demo.hotline_site_manager_id, manager)
        self.assertEqual(demo.user_id, manager)
        self.assertEqual(demo.hotline_hop_ids.filtered(lambda h: h.kind == "sign").user_id, manager)
