"""A courier complaint with its waybill and outlet arrives through every
channel of the base's one intake pipeline: the API, the import, the public
web form and the registration wizard (the courier declares its intake
fields; the channels accept and show them)."""

import base64
import hashlib
import hmac
import io
import json
import re
import time

import openpyxl

from odoo.addons.complaint_base.tests.test_complaint_import import make_xlsx
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

API = "/api/complaint/v1"


@tagged("post_install", "-at_install")
class TestCourierIntake(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.team = cls.env["complaint.team"].create({"name": "快递客服部", "code": "CR-INT", "sector": "courier"})
        cls.outlet = cls.env["courier.outlet"].create({"code": "T571009", "name": "测试滨江网点"})
        cls.Complaint = cls.env["complaint.complaint"].with_context(active_test=False)

    def _assert_courier(self, complaint, waybill="773012345678901"):
        self.assertEqual(len(complaint), 1)
        self.assertRecordValues(
            complaint,
            [
                {
                    "courier_waybill": waybill,
                    "courier_outlet_id": self.outlet.id,
                    # the courier's own rule of create still applies
                    "respondent_partner_id": self.outlet.partner_id.id,
                }
            ],
        )

    # --- API ------------------------------------------------------------------
    def _api(self, payload):
        if not hasattr(self, "api_key"):
            user = new_test_user(
                self.env,
                login="cr_api",
                name="Courier Platform",
                groups="base.group_user,complaint_base.group_complaint_user_own",
            )
            integration = self.env["complaint.api.integration"].create(
                {"name": "Courier Platform", "code": "courier_platform", "user_id": user.id, "team_id": self.team.id}
            )
            self.api_key = integration.action_issue_key()["context"]["default_key"]
        return self.opener.post(
            self.base_url() + API + "/complaints",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.api_key}"},
            timeout=30,
        )

    def test_api(self):
        payload = {
            "subject": "快件丢失",
            "complainant": {"name": "刘女士", "phone": "13800138001"},
            "external_ref": "CP-1",
            "waybill": "773012345678901",
            "outlet": "T571009",
            "item_value": 1200,
            "insured": True,
        }
        # the courier's rules are checked field by field, under the API's names
        response = self._api({**payload, "waybill": "12AB", "outlet": "NOPE", "item_value": "1200"})
        self.assertEqual(response.status_code, 422, response.text)
        fields = {item["field"] for item in response.json()["error"]["fields"]}
        self.assertEqual(fields, {"waybill", "outlet", "item_value"})
        self.assertFalse(self.Complaint.search([("external_ref", "=", "CP-1")]))
        response = self._api(payload)
        self.assertEqual(response.status_code, 201, response.text)
        complaint = self.Complaint.search([("external_ref", "=", "CP-1")])
        self._assert_courier(complaint)
        self.assertRecordValues(complaint, [{"courier_item_value": 1200.0, "courier_insured": True}])

    # --- import ---------------------------------------------------------------
    def test_import(self):
        manager = new_test_user(
            self.env,
            login="cr_import",
            name="Import Manager",
            groups="base.group_user,complaint_base.group_complaint_manager",
        )
        headers = ["外部编号", "投诉主题", "投诉人", "联系电话", "处理团队", "运单号", "网点编号", "物品价值", "保价"]
        rows = [
            ["IM-1", "快件丢失", "刘女士", "13800138001", "CR-INT", "773012345678901", "T571009", 300, "否"],
            ["IM-2", "快件破损", "王先生", "13800138002", "CR-INT", "773012345678902", "T000000", None, None],
            ["IM-3", "保价未赔", "赵女士", "13800138003", "CR-INT", "773012345678903", "T571009", None, "是"],
        ]
        wizard = (
            self.env["complaint.import"]
            .with_user(manager)
            .create(
                {
                    "file": base64.b64encode(make_xlsx(headers, rows)),
                    "filename": "courier.xlsx",
                    "external_source": "Courier Platform",
                    "strict": False,
                }
            )
        )
        wizard.action_check()
        lines = {line.external_ref: line for line in wizard.line_ids}
        self.assertEqual(lines["IM-1"].status, "create")
        self.assertEqual(lines["IM-2"].status, "reject")
        self.assertIn("网点编号", lines["IM-2"].message)
        # the courier plugin's rule, named by its column
        self.assertEqual(lines["IM-3"].status, "reject")
        self.assertIn("物品价值", lines["IM-3"].message)
        self.assertFalse(self.Complaint.search([("external_source", "=", "Courier Platform")]))
        wizard.action_import()
        complaint = self.Complaint.search([("external_source", "=", "Courier Platform")])
        self._assert_courier(complaint)
        self.assertRecordValues(complaint, [{"courier_item_value": 300.0, "courier_insured": False}])
        # the template offers the courier's columns
        wizard.action_download_template()
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template_file))).worksheets[0]
        template_headers = [cell.value for cell in sheet[1]]
        self.assertTrue({"运单号", "网点编号", "物品价值", "保价"} <= set(template_headers))

    # --- web form -------------------------------------------------------------
    def _form(self):
        response = self.url_open("/complaint/new")
        self.assertEqual(response.status_code, 200)
        # the form shows the courier's fields
        self.assertIn('name="courier_waybill"', response.text)
        self.assertIn('name="courier_outlet_id"', response.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        stamp = str(int(time.time()) - 30)
        signature = hmac.new(secret.encode(), f"complaint-form:{stamp}".encode(), hashlib.sha256).hexdigest()
        return {
            "csrf_token": csrf,
            "form_stamp": stamp,
            "form_signature": signature,
            "subject": "快递员未送货上门",
            "description": "快递员未联系就放在驿站",
            "contact_name": "陈先生",
            "contact_phone": "13900001299",
            "consent": "1",
        }

    def test_web_form(self):
        data = self._form()
        response = self.url_open(
            "/complaint/new", data={**data, "courier_waybill": "773012345678901", "courier_outlet_id": "T999999"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("T999999", response.text)  # what was typed is kept
        self.assertFalse(self.Complaint.search([("subject", "=", "快递员未送货上门")]))
        response = self.url_open(
            "/complaint/new", data={**data, "courier_waybill": "773012345678901", "courier_outlet_id": "T571009"}
        )
        self.assertEqual(response.status_code, 200)
        complaint = self.Complaint.search([("subject", "=", "快递员未送货上门")])
        self._assert_courier(complaint)
        self.assertIn(complaint.name, response.text)

    # --- registration wizard --------------------------------------------------
    def test_wizard(self):
        clerk = new_test_user(
            self.env, login="cr_clerk", name="Desk Clerk", groups="base.group_user,complaint_courier.group_courier_user"
        )
        Wizard = self.env["complaint.registration.wizard"].with_user(clerk)
        values = {
            "contact_name": "孙女士",
            "contact_phone": "13700001234",
            "subject": "快件延误",
            "team_id": self.team.id,
            "courier_waybill": "773012345678901",
            "courier_outlet_id": self.outlet.id,
            "courier_item_value": 500,
            "courier_insured": True,
        }
        # the courier plugin checks the waybill of a courier complaint
        with self.assertRaises(ValidationError):
            Wizard.create({**values, "courier_waybill": "12AB"}).action_register()
        action = Wizard.create(values).action_register()
        complaint = self.Complaint.browse(action["res_id"])
        self._assert_courier(complaint)
        self.assertRecordValues(
            complaint, [{"courier_item_value": 500.0, "courier_insured": True, "sector": "courier"}]
        )

    def test_wizard_reads_back_the_courier_fields(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["complaint_base", "complaint_courier"], ["zh_CN"], overwrite=True
        )
        clerk = new_test_user(
            self.env,
            login="cr_clerk_zh",
            name="Desk Clerk",
            groups="base.group_user,complaint_courier.group_courier_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        wizard = (
            self.env["complaint.registration.wizard"]
            .with_user(clerk)
            .with_context(lang="zh_CN")
            .create(
                {
                    "contact_name": "孙女士",
                    "subject": "快件破损",
                    "courier_waybill": "773012345678901",
                    "courier_outlet_id": self.outlet.id,
                    "courier_item_value": 500,
                    "courier_insured": True,
                }
            )
        )
        for line in (
            "运单号：773012345678901",
            "网点：[T571009] 测试滨江网点",
            "物品价值：¥&nbsp;500.00",
            "已保价：是",
        ):
            self.assertIn(line, wizard.read_back)
        # what is not given is not read
        wizard.write({"courier_insured": False, "courier_item_value": 0})
        self.assertNotIn("已保价", wizard.read_back)
        self.assertNotIn("物品价值", wizard.read_back)
