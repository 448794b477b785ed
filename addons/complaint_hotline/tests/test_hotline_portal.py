import re

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlinePortal(HttpCase, HotlineCase):
    """An outside unit works its orders on the portal: the water company's
    account sees the water department's orders only, signs for, returns and
    replies within the same time limits as the backend; another unit's
    order answers 404 and its methods refuse another unit's account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.water_portal = new_test_user(
            cls.env,
            login="hl_water_portal",
            password="hl_water_portal_pw",
            name="水务调度室",
            groups="base.group_portal",
        )
        cls.urban_portal = new_test_user(
            cls.env, login="hl_urban_portal", password="hl_urban_portal_pw", name="城管外包", groups="base.group_portal"
        )
        cls.water.hotline_portal_user_ids = cls.water_portal
        cls.urban.hotline_portal_user_ids = cls.urban_portal

    def _dispatched(self):
        water_order = self._order(bj(2026, 3, 2, 9, 0), subject="学院路停水")
        city_order = self._order(bj(2026, 3, 2, 9, 0), subject="占道经营", category_id=self.cat_city.id)
        with freeze_time(bj(2026, 3, 2, 9, 0)):
            (water_order | city_order).with_user(self.dispatcher).action_hotline_dispatch()
        self.assertEqual(water_order.hotline_department_id, self.water)
        self.assertEqual(city_order.hotline_department_id, self.urban)
        return water_order, city_order

    def _post(self, order, action, **data):
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open("/my/account").text).group(1)
        return self.url_open(f"/my/hotline/orders/{order.id}/{action}", data={"csrf_token": token, **data})

    def test_portal_account_must_be_a_portal_user(self):
        with self.assertRaises(ValidationError):
            self.water.hotline_portal_user_ids = self.water_user
        with self.assertRaises(ValidationError):
            self.centre.hotline_portal_user_ids = self.water_portal

    def test_portal_sees_only_its_department(self):
        water_order, city_order = self._dispatched()
        Complaint = self.env["complaint.complaint"]
        self.assertEqual(Complaint.with_user(self.water_portal).search([("sector", "=", "hotline")]), water_order)
        self.assertEqual(Complaint.with_user(self.urban_portal).search([("sector", "=", "hotline")]), city_order)
        self.assertFalse(Complaint.with_user(self.portal_user).search([("sector", "=", "hotline")]))
        self.authenticate("hl_water_portal", "hl_water_portal_pw")
        with freeze_time(bj(2026, 3, 2, 9, 30)):
            page = self.url_open("/my/hotline/orders")
            self.assertEqual(page.status_code, 200)
            self.assertIn(water_order.name, page.text)
            self.assertNotIn(city_order.name, page.text)
            page = self.url_open(f"/my/hotline/orders/{water_order.id}")
            self.assertEqual(page.status_code, 200)
            self.assertIn("学院路停水", page.text)
            # the sign-for limit in Beijing time: dispatched 09:00, 2 working hours
            self.assertIn("2026-03-02 11:00", page.text)
            self.assertEqual(self.url_open(f"/my/hotline/orders/{city_order.id}").status_code, 404)
            self.assertEqual(self.url_open("/my/hotline/orders/999999").status_code, 404)
            home = self.url_open("/my")
            self.assertIn("/my/hotline/orders", home.text)

    @freeze_time("2026-03-02 01:30:00")
    def test_portal_signs_for_and_replies(self):
        water_order, city_order = self._dispatched()
        self.authenticate("hl_water_portal", "hl_water_portal_pw")
        # another unit's order: 404, nothing done
        self.assertEqual(self._post(city_order, "sign").status_code, 404)
        self.assertEqual(city_order.hotline_state, "dispatched")
        response = self._post(water_order, "sign")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(water_order.hotline_state, "signed")
        self.assertEqual(water_order.hotline_signed_by_id, self.water_portal)
        sign = water_order.hotline_hop_ids.filtered(lambda h: h.kind == "sign")
        self.assertEqual((sign.user_id, sign.on_time), (self.water_portal, True))
        # the handler stays the department's internal user, never the portal account
        self.assertEqual(water_order.user_id, self.water_user)
        # an empty reply is refused with the reason shown, nothing changes
        response = self._post(water_order, "reply", reply="  ")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_hotline_error", response.text)
        self.assertEqual(water_order.hotline_state, "signed")
        self._post(water_order, "reply", reply="管网已抢修，当晚恢复供水。")
        self.assertEqual(water_order.hotline_state, "replied")
        self.assertEqual(water_order.hotline_reply, "管网已抢修，当晚恢复供水。")
        self.assertTrue(water_order.hotline_reply_on_time)
        # closing stays the centre's
        with self.assertRaises(AccessError):
            water_order.with_user(self.water_portal).action_hotline_close()

    def test_portal_returns_within_the_limit(self):
        water_order, __ = self._dispatched()
        self.authenticate("hl_water_portal", "hl_water_portal_pw")
        with freeze_time(bj(2026, 3, 2, 10, 0)):
            response = self._post(water_order, "return", reason="")
            self.assertIn("o_hotline_error", response.text)
            self.assertEqual(water_order.hotline_state, "dispatched")
        # the return window (24 working hours from dispatch) is over three working days later
        with freeze_time(bj(2026, 3, 6, 10, 0)):
            response = self._post(water_order, "return", reason="不归水务管")
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_hotline_error", response.text)
            self.assertIn(water_order.name, response.text)
            self.assertEqual(water_order.hotline_state, "dispatched")
        other, __ = self._dispatched()
        with freeze_time(bj(2026, 3, 2, 10, 0)):
            self._post(other, "return", reason="属城管职责", dispute="1")
        self.assertEqual(other.hotline_state, "returned")
        back = other.hotline_hop_ids.filtered(lambda h: h.kind == "return")
        self.assertEqual((back.user_id, back.reason, back.department_id), (self.water_portal, "属城管职责", self.water))
        # returned: no form is offered any more
        page = self.url_open(f"/my/hotline/orders/{other.id}")
        self.assertNotIn("o_hotline_sign", page.text)
        self.assertNotIn("o_hotline_return", page.text)

    @freeze_time("2026-03-02 01:30:00")
    def test_methods_refuse_another_units_account(self):
        water_order, city_order = self._dispatched()
        for method, args in (
            ("action_hotline_sign", []),
            ("action_hotline_return", ["不归我们"]),
            ("action_hotline_reply", ["答复"]),
        ):
            with self.assertRaises(AccessError, msg=method):
                getattr(water_order.with_user(self.urban_portal), method)(*args)
            with self.assertRaises(AccessError, msg=method):
                getattr(water_order.with_user(self.portal_user), method)(*args)
        for method, args in (
            ("action_hotline_dispatch", []),
            ("action_hotline_transfer", [self.urban.id, "x"]),
            ("action_hotline_remind", ["x"]),
            ("action_hotline_supervise", ["x"]),
            ("action_hotline_callback", ["satisfied"]),
            ("action_hotline_merge_into", [city_order.id]),
        ):
            with self.assertRaises(AccessError, msg=method):
                getattr(water_order.with_user(self.water_portal), method)(*args)
        with self.assertRaises(AccessError):
            water_order.with_user(self.water_portal).write({"subject": "改了"})
        # over RPC, as a browser would send it
        self.authenticate("hl_urban_portal", "hl_urban_portal_pw")
        with self.assertRaises(JsonRpcException) as refused, mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/complaint.complaint/action_hotline_sign",
                {
                    "model": "complaint.complaint",
                    "method": "action_hotline_sign",
                    "args": [[water_order.id]],
                    "kwargs": {},
                },
            )
        self.assertEqual(refused.exception.args[0], "odoo.exceptions.AccessError")
        self.assertEqual(water_order.hotline_state, "dispatched")
        # the right unit over RPC: the same method, the same rules
        self.authenticate("hl_water_portal", "hl_water_portal_pw")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/complaint.complaint/action_hotline_sign",
            {"model": "complaint.complaint", "method": "action_hotline_sign", "args": [[water_order.id]], "kwargs": {}},
        )
        self.assertEqual(water_order.hotline_state, "signed")
