import re

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlinePortalUnits(HttpCase, HotlineCase):
    """Outside units on the portal: their accounts get an e-mail with the
    order's portal link, in their language, when an order is dispatched to
    their department; they ask for an extension from the portal with the
    backend's rules, and another unit cannot, neither by the page nor by RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.water_portal = new_test_user(
            cls.env,
            login="hl_water_unit",
            password="hl_water_unit_pw",
            name="水务调度室",
            email="dispatch@water.example.com",
            groups="base.group_portal",
            lang="zh_CN",
        )
        cls.urban_portal = new_test_user(
            cls.env,
            login="hl_urban_unit",
            password="hl_urban_unit_pw",
            name="City Contractor",
            email="desk@urban.example.com",
            groups="base.group_portal",
            lang="en_US",
        )
        cls.no_mail_portal = new_test_user(
            cls.env, login="hl_water_nomail", password="hl_water_nomail_pw", name="无邮箱", groups="base.group_portal"
        )
        cls.no_mail_portal.partner_id.email = False
        cls.water.hotline_portal_user_ids = cls.water_portal | cls.no_mail_portal
        cls.urban.hotline_portal_user_ids = cls.urban_portal

    def _mails(self, order, user):
        return self.env["mail.message"].search(
            [
                ("model", "=", "complaint.complaint"),
                ("res_id", "=", order.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", user.partner_id.ids),
            ]
        )

    def _post(self, order, action, **data):
        token = re.search(r'name="csrf_token" value="([^"]+)"', self.url_open("/my/account").text).group(1)
        return self.url_open(f"/my/hotline/orders/{order.id}/{action}", data={"csrf_token": token, **data})

    @freeze_time("2026-03-02 01:00:00")
    def test_dispatch_mails_the_units_accounts_in_their_language(self):
        order = self._order(bj(2026, 3, 2, 9, 0), subject="学院路停水")
        order.with_user(self.dispatcher).action_hotline_dispatch()
        self.assertEqual(order.hotline_department_id, self.water)
        mail = self._mails(order, self.water_portal)
        self.assertEqual(len(mail), 1)
        self.assertIn(f"/my/hotline/orders/{order.id}", mail.body)
        # in the account's language, the sign-for limit in Beijing time (09:00 + 2 working hours)
        self.assertIn("热线中心", mail.body)
        self.assertIn("11时00分", mail.body)
        self.assertIn(order.name, mail.subject)
        # sent by e-mail, to this account only (the account without an address is left out)
        self.assertEqual(mail.partner_ids, self.water_portal.partner_id)
        self.assertTrue(
            self.env["mail.mail"]
            .search([("mail_message_id", "=", mail.id)])
            .filtered(lambda m: self.water_portal.partner_id in m.recipient_ids)
        )
        # not a note in the order's chatter for the account, and the other unit hears nothing
        notes = order.message_ids.filtered(lambda m: m.message_type != "user_notification")
        self.assertNotIn(self.water_portal.partner_id, notes.partner_ids)
        self.assertFalse(self._mails(order, self.urban_portal))
        # re-dispatched to the city contractor's department: its account hears in English
        order.with_user(self.water_user).action_hotline_return("属城管职责")
        order.with_user(self.dispatcher).action_hotline_transfer(self.urban, "转城管")
        mail = self._mails(order, self.urban_portal)
        self.assertEqual(len(mail), 1)
        self.assertIn("The hotline centre dispatched work order", mail.body)
        self.assertIn(f"/my/hotline/orders/{order.id}", mail.body)
        self.assertEqual(len(self._mails(order, self.water_portal)), 1)

    def test_portal_asks_for_an_extension(self):
        with freeze_time(bj(2026, 3, 2, 9, 0)):
            order = self._order(bj(2026, 3, 2, 9, 0), subject="学院路停水")
            city = self._order(bj(2026, 3, 2, 9, 0), subject="占道经营", category_id=self.cat_city.id)
            (order | city).with_user(self.dispatcher).action_hotline_dispatch()
        handle = order.clock_ids.filtered(lambda c: c.kind_id == self.kind_handle)
        due = handle.date_due
        self.authenticate("hl_water_unit", "hl_water_unit_pw")
        with freeze_time(bj(2026, 3, 2, 10, 0)):
            page = self.url_open(f"/my/hotline/orders/{order.id}")
            self.assertIn("o_hotline_extension", page.text)
            self._post(order, "sign")
            self.assertEqual(order.hotline_state, "signed")
            # checked at the boundary, with the reason shown
            for data in (
                {"amount": "abc", "unit": "working_days", "reason": "x"},
                {"amount": "0", "unit": "working_days", "reason": "x"},
                {"amount": "2", "unit": "weeks", "reason": "x"},
                {"amount": "2", "unit": "working_days", "reason": "  "},
                {"amount": "99", "unit": "working_days", "reason": "x"},
            ):
                response = self._post(order, "extension", **data)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_hotline_error", response.text, data)
            self.assertFalse(order.hotline_extension_ids)
            response = self._post(order, "extension", amount="2", unit="working_days", reason="需协调管网改造")
            self.assertEqual(response.status_code, 200)
            request = order.hotline_extension_ids
            self.assertEqual(
                (request.state, request.amount, request.requested_by_id), ("requested", 2, self.water_portal)
            )
            self.assertIn("需协调管网改造", response.text)
            # the centre is told; the time limit moves only when it approves
            self.assertIn(self.dispatcher.partner_id, order.message_ids.partner_ids)
            self.assertEqual(handle.date_due, due)
            # one request at a time
            response = self._post(order, "extension", amount="1", unit="days", reason="再延一天")
            self.assertIn("o_hotline_error", response.text)
            self.assertEqual(len(order.hotline_extension_ids), 1)
            # the other unit's order: 404, nothing asked
            self.assertEqual(self._post(city, "extension", amount="1", unit="days", reason="x").status_code, 404)
            self.assertFalse(city.hotline_extension_ids)
            request.with_user(self.dispatcher).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertGreater(handle.date_due, due)
        page = self.url_open(f"/my/hotline/orders/{order.id}")
        self.assertIn("o_hotline_extensions", page.text)

    @freeze_time("2026-03-02 01:30:00")
    def test_another_unit_cannot_ask_by_rpc(self):
        order = self._order(bj(2026, 3, 2, 9, 0), subject="学院路停水")
        order.with_user(self.dispatcher).action_hotline_dispatch()
        order.with_user(self.water_portal).action_hotline_sign()
        values = {"order_id": order.id, "amount": 1, "unit": "working_days", "reason": "x"}
        for user in (self.urban_portal, self.portal_user):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["hotline.extension"].with_user(user).create(values)
        # the unit's account may not decide its own request
        request = self.env["hotline.extension"].with_user(self.water_portal).create(values)
        for method in ("action_approve", "action_refuse"):
            with self.assertRaises(AccessError):
                getattr(request.with_user(self.water_portal), method)()
        with self.assertRaises(AccessError):
            request.with_user(self.water_portal).write({"state": "approved"})
        with self.assertRaises(UserError):
            self.env["hotline.extension"].with_user(self.water_portal).create(values)
        self.authenticate("hl_urban_unit", "hl_urban_unit_pw")
        with self.assertRaises(JsonRpcException) as refused, mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/hotline.extension/create",
                {"model": "hotline.extension", "method": "create", "args": [values], "kwargs": {}},
            )
        self.assertEqual(refused.exception.args[0], "odoo.exceptions.AccessError")
        self.assertEqual(len(order.hotline_extension_ids), 1)
