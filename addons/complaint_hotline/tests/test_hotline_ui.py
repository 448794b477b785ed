import ast

from lxml import etree

from odoo.tests import HttpCase, tagged

from .common import HotlineCase


@tagged("post_install", "-at_install")
class TestHotlineUi(HttpCase, HotlineCase):
    """The seat's keyboard-first registration in the browser, and what the
    forms and the demo show."""

    def test_registration_tour(self):
        """Caller number (the caller's history appears), request, type, save,
        dispatch: the routing rule sends it to the water department."""
        earlier = self._order(contact_phone="13905718888", subject="巡检测试上次来电")
        self.start_tour(
            "/odoo/action-complaint_hotline.complaint_complaint_action_hotline_register",
            "hotline_register_tour",
            login="hl_dispatch",
        )
        order = self.env["complaint.complaint"].search([("subject", "=", "学院路88号停水一天")])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.contact_phone_normalized, earlier.contact_phone_normalized)
        self.assertRecordValues(
            order,
            [
                {
                    "hotline_order_type": "complaint",
                    "team_id": self.centre.id,
                    "hotline_agent_id": self.dispatcher.id,
                    "hotline_line_id": self.line_12345.id,
                    "hotline_state": "dispatched",
                    "hotline_department_id": self.water.id,
                    "user_id": self.water_user.id,
                }
            ],
        )
        self.assertIn(earlier, order.hotline_caller_history_ids)

    def test_registration_defaults_to_the_centre(self):
        """The registration form's order belongs to the company's hotline
        centre, not the base's default team."""
        action = self.env.ref("complaint_hotline.complaint_complaint_action_hotline_register")
        context = ast.literal_eval(action.context)
        general = self.env["complaint.team"].create({"name": "通用投诉组", "code": "T-GEN"})
        self.env["ir.config_parameter"].sudo().set_param("complaint_base.default_team_id", general.id)
        Complaint = self.env["complaint.complaint"].with_user(self.agent).with_context(**context)
        self.assertEqual(Complaint.default_get(["team_id"])["team_id"], self.centre.id)
        # elsewhere, the base's default stays
        plain = self.env["complaint.complaint"].with_user(self.user_a).default_get(["team_id"])
        self.assertEqual(plain["team_id"], general.id)

    def test_merge_is_not_offered_on_an_unsaved_call(self):
        arch = (
            self.env["complaint.complaint"]
            .with_user(self.agent)
            .get_view(self.env.ref("complaint_hotline.complaint_complaint_view_form_hotline").id, "form")["arch"]
        )
        merge = [
            button
            for button in etree.fromstring(arch).iter("button")
            if "'default_action': 'merge'" in (button.get("context") or "")
        ]
        self.assertEqual(len(merge), 1)
        self.assertTrue(merge[0].get("invisible").startswith("not id"), merge[0].get("invisible"))


@tagged("post_install", "-at_install")
class TestHotlineDemo(HotlineCase):
    """The demo's work is done by its demo users, and its handlers are the
    departments' users."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("complaint_hotline.hotline_order_water", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        data = self.env["ir.model.data"].search(
            [("module", "=", "complaint_hotline"), ("model", "=", "complaint.complaint")]
        )
        self.demo_orders = self.env["complaint.complaint"].browse(data.mapped("res_id"))
        self.demo_users = self.env["res.users"].browse(
            self.env["ir.model.data"]
            .search([("module", "=", "complaint_hotline"), ("model", "=", "res.users")])
            .mapped("res_id")
        )

    def test_demo_hops_are_by_the_demo_users(self):
        hops = self.demo_orders.hotline_hop_ids
        self.assertTrue(hops)
        self.assertFalse(hops.user_id - self.demo_users, hops.user_id.mapped("login"))
        self.assertFalse(self.demo_orders.hotline_agent_id - self.env.ref("complaint_hotline.demo_user_agent"))

    def test_demo_handlers_are_the_departments_users(self):
        dispatched = self.demo_orders.filtered("hotline_department_id")
        self.assertTrue(dispatched)
        for order in dispatched:
            department = order.hotline_department_id
            allowed = department.member_ids | department.leader_id | order.hotline_site_manager_id
            self.assertIn(order.user_id, allowed, order.name)
        self.assertNotIn(self.env.ref("base.user_admin"), self.demo_orders.user_id)
