import hashlib
import hmac
import json
import re
import time
import types

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from ..plugins import hookimpl, manager
from .common import ComplaintCase

RAW = """Return-Path: <wang.fang@example.net>
From: 王芳 <wang.fang@example.net>
To: kefu@example.com
Subject: 退款迟迟不到账
Message-ID: <complaint-routing-{n}@example.net>
Date: Tue, 03 Mar 2026 10:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

申请退款两周了还没有到账。
"""


def _routing_plugin():
    plugin = types.ModuleType("complaint_routing_test")

    @hookimpl
    def complaint_classify(values, sector):
        if "转B组" in (values.get("subject") or ""):
            return {"severity": "general", "team_code": "TB"}
        return None

    plugin.complaint_classify = complaint_classify
    return plugin


@tagged("post_install", "-at_install")
class TestComplaintRouting(ComplaintCase):
    """Complaints without a team land in one: the plugins' team, else the
    category's "route to team", else the default team of Settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls.env.ref("complaint_base.complaint_team_default")
        cls.refunds = cls.env["complaint.category"].create(
            {"name": "退款", "code": "REFUND-T", "team_id": cls.team_b.id}
        )
        cls.refund_late = cls.env["complaint.category"].create({"name": "退款超时", "parent_id": cls.refunds.id})

    def test_install_names_the_default_team(self):
        param = self.env["ir.config_parameter"].sudo().get_param("complaint_base.default_team_id")
        self.assertEqual(param, str(self.desk.id))
        self.assertEqual(self.desk.code, "DESK")
        # an existing default is kept when the install step runs again
        self.env["ir.config_parameter"].sudo().set_param("complaint_base.default_team_id", self.team_a.id)
        self.env["res.config.settings"]._complaint_ensure_default_team()
        self.assertEqual(self.env["complaint.complaint"]._default_team_id(), self.team_a)

    def test_without_team_goes_to_the_default_team(self):
        self.assertEqual(self._complaint().team_id, self.desk)
        # even when the caller passes an empty team explicitly (imports, API code)
        self.assertEqual(self._complaint(team_id=False).team_id, self.desk)

    def test_category_routes_to_its_team(self):
        self.assertEqual(self._complaint(category_id=self.refunds.id).team_id, self.team_b)
        # a subcategory without a team of its own follows its parent
        self.assertEqual(self._complaint(category_id=self.refund_late.id).team_id, self.team_b)
        # a team chosen by the caller is never changed
        self.assertEqual(self._complaint(category_id=self.refunds.id, team_id=self.team_a.id).team_id, self.team_a)
        chosen = (
            self.env["complaint.complaint"]
            .with_context(default_team_id=self.team_a.id)
            .create(
                {
                    "subject": "退款",
                    "contact_name": "刘洋",
                    "contact_phone": "13912340000",
                    "category_id": self.refunds.id,
                }
            )
        )
        self.assertEqual(chosen.team_id, self.team_a)
        # a category routing to another company's team is ignored
        other_company = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["complaint.team"].create({"name": "Foreign", "company_id": other_company.id})
        self.refund_late.team_id = foreign
        self.assertEqual(self._complaint(category_id=self.refund_late.id).team_id, self.desk)

    def test_plugin_team_code_routes(self):
        pm = manager.get_plugin_manager()
        pm.register_for_addon(_routing_plugin(), "complaint_base", name="test:routing")
        try:
            self.assertEqual(self._complaint(subject="请转B组处理").team_id, self.team_b)
            self.assertEqual(self._complaint(subject="请转B组处理", team_id=self.team_a.id).team_id, self.team_a)
            self.assertEqual(self._complaint(subject="普通投诉").team_id, self.desk)
        finally:
            pm.unregister(name="test:routing")

    def test_default_classify_names_the_category_team(self):
        from ..plugins import default

        answer = default.complaint_classify(values={"category_team_code": "TB"}, sector=None)
        self.assertEqual(answer["team_code"], "TB")
        self.assertNotIn("team_code", default.complaint_classify(values={}, sector=None))

    def test_email_without_alias_goes_to_the_default_team(self):
        thread_id = self.env["mail.thread"].message_process("complaint.complaint", RAW.format(n=1))
        complaint = self.env["complaint.complaint"].browse(thread_id)
        self.assertEqual(complaint.subject, "退款迟迟不到账")
        self.assertEqual(complaint.team_id, self.desk)

    def test_settings_require_a_default_team(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(settings.complaint_default_team_id, self.desk)
        settings.complaint_default_team_id = False
        with self.assertRaisesRegex(ValidationError, "default team"):
            settings.execute()
        self.assertEqual(self.env["complaint.complaint"]._default_team_id(), self.desk)


@tagged("post_install", "-at_install")
class TestComplaintRoutingChannels(HttpCase):
    """The web form and the API, as their callers use them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.desk = cls.env.ref("complaint_base.complaint_team_default")
        cls.parcel_team = cls.env["complaint.team"].create({"name": "快件理赔组", "code": "PARCEL-T"})
        cls.parcel = cls.env["complaint.category"].create(
            {"name": "快件破损", "code": "PARCEL-T", "team_id": cls.parcel_team.id}
        )
        cls.plain = cls.env.ref("complaint_base.complaint_category_service")

    def _web_form(self, category, phone):
        page = self.url_open("/complaint/new")
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        stamp = str(int(time.time()) - 30)
        signature = hmac.new(secret.encode(), f"complaint-form:{stamp}".encode(), hashlib.sha256).hexdigest()
        response = self.url_open(
            "/complaint/new",
            data={
                "csrf_token": csrf,
                "form_stamp": stamp,
                "form_signature": signature,
                "subject": "快递外包装破损",
                "description": "瓷器碎了",
                "contact_name": "王先生",
                "contact_phone": phone,
                "category_id": str(category.id),
                "consent": "1",
            },
        )
        self.assertEqual(response.status_code, 200)
        return self.env["complaint.complaint"].search([("contact_phone", "=", phone)])

    def test_web_form_is_routed(self):
        self.assertEqual(self._web_form(self.plain, "13900005555").team_id, self.desk)
        self.assertEqual(self._web_form(self.parcel, "13900006666").team_id, self.parcel_team)

    def test_api_without_team_is_routed(self):
        user = new_test_user(
            self.env, login="api_route", groups="base.group_user,complaint_base.group_complaint_user_own"
        )
        integration = self.env["complaint.api.integration"].create(
            {"name": "Mall", "code": "mall_route_test", "user_id": user.id}
        )
        key = integration.action_issue_key()["context"]["default_key"]

        def post(ref, category):
            payload = {
                "subject": "商城订单投诉",
                "complainant": {"name": "赵先生", "phone": "13800138000"},
                "category": category,
                "external_ref": ref,
            }
            return self.opener.post(
                self.base_url() + "/api/complaint/v1/complaints",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
                timeout=30,
            )

        self.plain.code = self.plain.code or "SERVICE-RT"
        self.assertEqual(post("R-1", self.plain.code).status_code, 201)
        self.assertEqual(post("R-2", "PARCEL-T").status_code, 201)
        Complaint = self.env["complaint.complaint"]
        by_ref = {c.external_ref: c for c in Complaint.search([("external_source", "=", "mall_route_test")])}
        self.assertEqual(by_ref["R-1"].team_id, self.desk)
        self.assertEqual(by_ref["R-2"].team_id, self.parcel_team)
