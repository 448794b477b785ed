import base64
import io
from datetime import datetime
from unittest.mock import patch

import openpyxl
import xlsxwriter
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCase

HEADERS_ZH = ["外部编号", "投诉主题", "投诉内容", "投诉人", "联系电话", "邮箱", "类别", "严重程度", "投诉日期", "诉求"]
HEADERS_EN = ["external_ref", "subject", "contact_name", "contact_phone", "category", "date_received"]


def make_xlsx(headers, rows):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"remove_timezone": True})
    sheet = book.add_worksheet("投诉")
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    sheet.write_row(0, 0, headers)
    for index, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(index, column, value, stamp)
            elif value is not None:
                sheet.write(index, column, value)
    book.close()
    return buffer.getvalue()


def make_csv(headers, rows, encoding="utf-8-sig", delimiter=","):
    lines = [delimiter.join(headers)] + [delimiter.join("" if v is None else str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-05 02:00:00")
class TestComplaintImport(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.tz = "Asia/Shanghai"
        cls.Complaint = cls.env["complaint.complaint"]
        cls.category_product = cls.env.ref("complaint_base.complaint_category_product")
        cls.channel_system = cls.env.ref("complaint_base.complaint_channel_system")

    def _wizard(self, data, filename="list.xlsx", user=None, **values):
        return (
            self.env["complaint.import"]
            .with_user(user or self.manager)
            .create(
                {
                    "file": base64.b64encode(data),
                    "filename": filename,
                    "external_source": "Manufacturer DMS",
                    **values,
                }
            )
        )

    def _imported(self, source="Manufacturer DMS"):
        return self.Complaint.with_context(active_test=False).search(
            [("external_source", "=", source)], order="external_ref"
        )

    def _lines(self, wizard):
        return {line.row_number: line for line in wizard.line_ids}

    def _weekly_list(self):
        return make_xlsx(
            HEADERS_ZH,
            [
                [
                    "M-001",
                    "发动机异响",
                    "行驶中异响\n两次",
                    "张伟",
                    "13800000001",
                    "zw@example.cn",
                    "PRODUCT",
                    "重大",
                    datetime(2026, 3, 2, 9, 30),
                    "免费维修",
                ],
                [
                    "M-002",
                    "服务态度差",
                    None,
                    "李娜",
                    "13800000002",
                    None,
                    "Service Quality",
                    "general",
                    "2026年3月3日 14:05",
                    None,
                ],
                ["M-003", "", None, "王芳", "13800000003", None, None, None, None, None],
                ["M-004", "无人接电话", None, None, None, None, None, None, None, None],
                ["M-005", "配件价格", None, "赵强", "13800000005", None, "NOPE", None, None, None],
                ["M-006", "维修延误", None, "孙丽", "13800000006", None, None, None, "next tuesday", None],
                ["M-007", "回复慢", None, "周杰", "13800000007", "not-an-email", None, None, None, None],
                ["M-001", "重复行", None, "吴磊", "13800000008", None, None, None, None, None],
                ["M-009", "未来日期", None, "郑爽", "13800000009", None, None, "很严重吗", "2026-04-01", None],
            ],
        )

    # --- check --------------------------------------------------------------
    def test_check_reports_each_row_and_writes_nothing(self):
        wizard = self._wizard(self._weekly_list())
        wizard.action_check()
        self.assertEqual(wizard.state, "checked")
        self.assertEqual((wizard.count_create, wizard.count_update, wizard.count_reject), (2, 0, 7))
        lines = self._lines(wizard)
        self.assertEqual(lines[2].status, "create")
        self.assertEqual(lines[2].external_ref, "M-001")
        self.assertEqual(lines[3].status, "create")
        self.assertIn("投诉主题", lines[4].message)  # missing subject names the column as written
        self.assertIn("投诉人", lines[5].message)  # no contact on a non-anonymous complaint
        self.assertIn("NOPE", lines[6].message)
        self.assertIn("类别", lines[6].message)
        self.assertIn("next tuesday", lines[7].message)
        self.assertIn("邮箱", lines[8].message)
        self.assertIn("row 2", lines[9].message)  # duplicate reference in the file
        self.assertIn("future", lines[10].message)
        self.assertIn("严重程度", lines[10].message)
        self.assertFalse(self._imported())

    def test_strict_mode_refuses_and_writes_nothing(self):
        wizard = self._wizard(self._weekly_list())
        wizard.action_check()
        with self.assertRaisesRegex(UserError, "7 of the 9 rows are rejected"):
            wizard.action_import()
        self.assertFalse(self._imported())

    def test_non_strict_imports_only_valid_rows(self):
        wizard = self._wizard(self._weekly_list(), strict=False)
        wizard.action_check()
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        complaints = self._imported()
        self.assertRecordValues(
            complaints,
            [
                {
                    "external_ref": "M-001",
                    "subject": "发动机异响",
                    "contact_name": "张伟",
                    "contact_email": "zw@example.cn",
                    "category_id": self.category_product.id,
                    "channel_id": self.channel_system.id,
                    "severity": "major",
                    "customer_demand": "免费维修",
                    # 09:30 in Shanghai is 01:30 UTC
                    "date_received": datetime(2026, 3, 2, 1, 30),
                    "company_id": self.company.id,
                },
                {
                    "external_ref": "M-002",
                    "subject": "服务态度差",
                    "contact_name": "李娜",
                    "contact_email": False,
                    "category_id": self.category_service.id,
                    "channel_id": self.channel_system.id,
                    "severity": "general",
                    "customer_demand": False,
                    "date_received": datetime(2026, 3, 3, 6, 5),
                    "company_id": self.company.id,
                },
            ],
        )
        self.assertIn("<br>", complaints[0].description)  # plain text kept its line break, as HTML
        self.assertNotEqual(complaints[0].name, "New")  # the sequence gave the reference
        self.assertTrue(complaints[0].is_major)  # classified through the plugins, like any complaint
        lines = self._lines(wizard)
        self.assertEqual(lines[2].complaint_id, complaints[0])
        self.assertEqual((wizard.count_create, wizard.count_reject), (2, 7))

    def test_reimport_updates_only_given_columns(self):
        self._wizard(make_xlsx(HEADERS_ZH, [self._row("M-100")])).action_import()
        complaint = self._imported()
        self.assertEqual(len(complaint), 1)
        complaint.write({"user_id": self.user_a.id, "is_supervised": True})
        # the same file again: nothing changes, nothing is duplicated
        again = self._wizard(make_xlsx(HEADERS_ZH, [self._row("M-100")]))
        again.action_import()
        self.assertEqual(self._imported(), complaint)
        self.assertEqual(again.count_update, 1)
        self.assertEqual(again.line_ids.complaint_id, complaint)
        self.assertIn("Nothing to change", again.line_ids.message)
        # a follow-up list with fewer columns updates those columns only
        follow_up = self._wizard(
            make_csv(["外部编号", "投诉主题", "诉求"], [["M-100", "发动机异响(复查)", "更换发动机"]]), "follow.csv"
        )
        follow_up.action_check()
        self.assertEqual(follow_up.line_ids.status, "update")
        follow_up.action_import()
        self.assertRecordValues(
            complaint,
            [
                {
                    "subject": "发动机异响(复查)",
                    "customer_demand": "更换发动机",
                    "contact_name": "张伟",
                    "severity": "general",
                    "is_supervised": True,
                    "user_id": self.user_a.id,
                }
            ],
        )
        # another external system with the same reference is another complaint
        other = self._wizard(make_xlsx(HEADERS_ZH, [self._row("M-100")]), external_source="Head Office")
        other.action_import()
        self.assertEqual(len(self._imported("Head Office")), 1)

    def test_closed_complaint_is_not_updated(self):
        complaint = self._complaint(external_source="Manufacturer DMS", external_ref="M-200")
        complaint.stage_id = self.stage_closed
        wizard = self._wizard(make_xlsx(HEADERS_ZH, [self._row("M-200")]))
        wizard.action_check()
        self.assertEqual(wizard.line_ids.status, "reject")
        self.assertIn(complaint.name, wizard.line_ids.message)
        self.assertIn("closed", wizard.line_ids.message)

    def _row(self, ref, subject="发动机异响", phone="13900000001"):
        return [ref, subject, "异响", "张伟", phone, None, "PRODUCT", "一般", "2026-03-02 09:30", None]

    # --- never half an import -------------------------------------------------
    def test_failure_midway_rolls_back_everything(self):
        existing = self._complaint(external_source="Manufacturer DMS", external_ref="M-300", subject="旧主题")
        data = make_xlsx(
            HEADERS_ZH,
            [
                self._row("M-300", subject="新主题"),
                self._row("M-301", phone="13900000002"),
                self._row("M-302", subject="第三行出错", phone="13900000003"),
                self._row("M-303", phone="13900000004"),
            ],
        )
        wizard = self._wizard(data)
        wizard.action_check()
        self.assertEqual(wizard.count_reject, 0)
        Model = type(self.Complaint)
        check_references = Model._check_references_batch

        def failing(model, vals_list):
            if any(vals.get("subject") == "第三行出错" for vals in vals_list):
                raise ValidationError("constraint broken on purpose")  # pylint: disable=translation-required
            return check_references(model, vals_list)

        with patch.object(Model, "_check_references_batch", failing), self.assertRaises(UserError) as caught:
            wizard.action_import()
        self.assertIn("Row 4", str(caught.exception))
        self.assertIn("constraint broken on purpose", str(caught.exception))
        self.assertEqual(self._imported(), existing)
        self.assertEqual(existing.subject, "旧主题")  # the update before the failure is undone too
        # once the cause is gone the same file imports completely
        wizard.action_import()
        self.assertEqual(len(self._imported()), 4)
        self.assertEqual(existing.subject, "新主题")

    # --- content ------------------------------------------------------------
    def test_script_in_fields_is_neutralised(self):
        data = make_xlsx(
            HEADERS_ZH,
            [
                [
                    "X-1",
                    "<script>alert(1)</script>空调不制冷",
                    '<p>车内很热</p><script>alert(2)</script><img src="x" onerror="alert(3)">',
                    "<b>王五</b>",
                    "13700000001",
                    None,
                    None,
                    None,
                    None,
                    '<a href="javascript:alert(4)">退款</a>',
                ]
            ],
        )
        wizard = self._wizard(data)
        wizard.action_import()
        complaint = self._imported()
        self.assertEqual(complaint.subject, "空调不制冷")
        self.assertEqual(complaint.contact_name, "王五")
        self.assertEqual(complaint.customer_demand, "退款")
        self.assertIn("车内很热", complaint.description)
        self.assertNotIn("script", complaint.description)
        self.assertNotIn("onerror", complaint.description)
        self.assertIn("markup removed", wizard.line_ids.message)

    def test_too_long_and_anonymous(self):
        headers = ["ref", "subject", "anonymous", "contact_name", "phone"]
        data = make_csv(
            headers,
            [["A-1", "长" * 251, "否", "张三", "13600000001"], ["A-2", "匿名举报", "是", "李四", "13600000002"]],
        )
        self.env["ir.config_parameter"].sudo().set_param("complaint_base.allow_anonymous", "True")
        wizard = self._wizard(data, "list.csv")
        wizard.action_check()
        lines = self._lines(wizard)
        self.assertEqual(lines[2].status, "reject")
        self.assertIn("too long", lines[2].message)
        self.assertEqual(lines[3].status, "create")
        wizard.strict = False
        wizard.action_import()
        anonymous = self._imported()
        self.assertRecordValues(anonymous, [{"is_anonymous": True, "contact_name": False, "contact_phone": False}])

    # --- CSV --------------------------------------------------------------------
    def test_csv_utf8_bom_with_semicolons(self):
        data = make_csv(
            HEADERS_EN, [["C-1", "快件丢失", "陈晨", "13500000001", "DELIVERY", "2026/03/04 08:00"]], delimiter=";"
        )
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"))
        self._wizard(data, "list.csv").action_import()
        self.assertRecordValues(
            self._imported(),
            [{"subject": "快件丢失", "contact_name": "陈晨", "date_received": datetime(2026, 3, 4, 0, 0)}],
        )

    def test_csv_gbk_with_tabs_and_chinese_headers(self):
        data = make_csv(
            ["外部编号", "主题", "联系人", "电话", "渠道", "受理时间", "备注"],
            [["G-1", "网点电话打不通", "黄蓉", "13400000001", "Hotline", "2026年3月4日 16:20", "忽略"]],
            encoding="gbk",
            delimiter="\t",
        )
        with self.assertRaises(UnicodeDecodeError):
            data.decode("utf-8")
        wizard = self._wizard(data, "清单.csv")
        wizard.action_check()
        self.assertIn("备注", wizard.warning_message)  # unknown column reported, not silently dropped
        wizard.action_import()
        self.assertRecordValues(
            self._imported(),
            [
                {
                    "subject": "网点电话打不通",
                    "contact_name": "黄蓉",
                    "channel_id": self.env.ref("complaint_base.complaint_channel_hotline").id,
                    "date_received": datetime(2026, 3, 4, 8, 20),
                }
            ],
        )

    # --- bad files ----------------------------------------------------------
    def test_bad_files_are_refused_clearly(self):
        cases = [
            (b"", "list.xlsx", "Choose the file"),
            (b"this is no workbook", "list.xlsx", "not a valid Excel workbook"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "list.xls", r"\.xls"),
            (make_csv(["external_ref", "contact_name"], [["R-1", "x"]]), "list.csv", "no subject"),
            (make_csv(["foo", "bar"], [["1", "2"]]), "list.csv", "No column header"),
            (make_csv(["external_ref", "subject"], []), "list.csv", "no complaint under it"),
            (b"\r\n \r\n", "list.csv", "empty"),
        ]
        for data, filename, message in cases:
            with self.subTest(filename=filename, message=message), self.assertRaisesRegex(UserError, message):
                self._wizard(data, filename).action_check()

    def test_row_limit(self):
        data = make_csv(["external_ref", "subject"], [[f"L-{i}", "x"] for i in range(5)])
        with (
            patch("odoo.addons.complaint_base.engine.complaint_import.MAX_ROWS", 3),
            self.assertRaisesRegex(UserError, "more than 3 rows"),
        ):
            self._wizard(data, "big.csv").action_check()

    # --- access and files out -----------------------------------------------
    def test_access_needs_complaint_manager(self):
        for user in (self.user_own, self.user_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._wizard(make_xlsx(HEADERS_ZH, [self._row("Z-1")]), user=user)
        self.assertFalse(self._imported())

    def test_report_and_template_download(self):
        wizard = self._wizard(self._weekly_list(), strict=False)
        wizard.action_import()
        action = wizard.action_download_report()
        self.assertIn("field=report_file", action["url"])
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.report_file))).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("Row", "External Reference", "Status", "Complaint", "Message"))
        self.assertEqual(rows[1][:4], (2, "M-001", "Create", self._imported()[0].name))
        self.assertEqual(len(rows), 10)
        self.assertEqual(rows[3][2], "Reject")

        wizard.action_download_template()
        template = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.template_file)))
        headers = next(template.worksheets[0].iter_rows(values_only=True))
        self.assertIn("外部编号", headers)
        self.assertIn("投诉主题", headers)
        self.assertEqual(template.worksheets[0]["A1"].comment.text.split("\n")[0], "external_ref")
