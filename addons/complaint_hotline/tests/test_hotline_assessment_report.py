import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlineAssessmentReport(HotlineCase):
    """The assessment as an Excel workbook (managers only) and the monthly
    report e-mailed to the leaders: ranking table, workbook attached, in the
    reader's language, once per period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.module.module"]._load_module_terms(["complaint_hotline"], ["zh_CN"], overwrite=True)
        base = "base.group_user,complaint_hotline."
        cls.manager = new_test_user(
            cls.env, login="hl_manager", name="热线主任", groups=base + "group_hotline_manager", lang="zh_CN"
        )
        cls.leader_zh = new_test_user(
            cls.env, login="hl_leader_zh", name="区长", email="quzhang@example.com", lang="zh_CN"
        )
        cls.leader_en = new_test_user(cls.env, login="hl_leader_en", name="Deputy", email="deputy@example.com")
        cls.leader_en.lang = "en_US"
        cls.company.hotline_report_user_ids = cls.leader_zh | cls.leader_en

    def _february(self):
        """February 2026: water signs for one order on time and replies on time,
        the city order is returned by the urban department."""
        water_order = self._order(bj(2026, 2, 10, 9, 0))
        city_order = self._order(bj(2026, 2, 10, 9, 0), subject="占道经营", category_id=self.cat_city.id)
        with freeze_time(bj(2026, 2, 10, 9, 30)):
            (water_order | city_order).with_user(self.dispatcher).action_hotline_dispatch()
        with freeze_time(bj(2026, 2, 10, 10, 0)):
            water_order.with_user(self.water_user).action_hotline_sign()
            water_order.with_user(self.water_user).action_hotline_reply("已抢修")
            city_order.with_user(self.urban_user).action_hotline_return("不属城管")
        return water_order, city_order

    def _read(self, content):
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        return sheet.title, rows[0], rows[1:]

    def test_excel_export_in_chinese(self):
        self._february()
        rows = self.env["hotline.assessment"].with_user(self.dispatcher)._compute_period("2026-02-01", "2026-02-28")
        rows = rows.filtered(lambda r: r.department_id in self.water | self.urban | self.street)
        action = rows.with_user(self.manager).with_context(lang="zh_CN").action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertEqual(attachment.create_uid, self.manager)
        self.assertTrue(attachment.name.endswith("-20260201-20260228.xlsx"), attachment.name)
        title, headers, body = self._read(base64.b64decode(attachment.datas))
        self.assertEqual(title, "承办单位考核")
        self.assertEqual(headers[:5], ("排名", "承办单位", "开始日期", "截止日期", "派单数"))
        for label in (
            "按时签收率（%）",
            "按时办结率（%）",
            "解决率（%）",
            "满意率（%）",
            "发回重办率（%）",
            "退单率（%）",
        ):
            self.assertIn(label, headers)
        by_department = {row[1]: dict(zip(headers, row, strict=True)) for row in body}
        self.assertEqual(set(by_department), {"测试水务", "测试城管", "测试街道"})
        water, urban = by_department["测试水务"], by_department["测试城管"]
        # water: 1 dispatched, signed for on time, replied on time; urban: 1 dispatched, 1 returned
        self.assertEqual((water["派单数"], water["按时签收率（%）"], water["按时办结率（%）"]), (1, 100.0, 100.0))
        self.assertEqual((urban["派单数"], urban["退单率（%）"], urban["按时签收率（%）"]), (1, 100.0, 0.0))
        self.assertEqual(water["排名"], 1)
        self.assertEqual([row[0] for row in body], sorted(row[0] for row in body))

    def test_export_is_for_managers_only(self):
        self._february()
        rows = self.env["hotline.assessment"].with_user(self.dispatcher)._compute_period("2026-02-01", "2026-02-28")
        for user in (self.dispatcher, self.agent, self.water_user, self.portal_user, self.user_a):
            with self.assertRaises(AccessError, msg=user.login):
                rows.with_user(user).action_export_xlsx()
        for user in (self.dispatcher, self.water_user, self.portal_user, self.user_a):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["hotline.assessment"].with_user(user)._send_monthly_report(
                    self.company, rows[0].date_from, rows[0].date_to
                )

    def _cron(self, when="2026-03-01 01:00:00"):
        with freeze_time(when):
            self.env["hotline.assessment"]._cron_monthly()
        return self.env["hotline.assessment.report.log"].search([], order="id").mail_id

    def test_monthly_report_to_the_leaders(self):
        self._february()
        # 1 March 09:00 in Beijing: February is last month
        mails = self._cron()
        self.assertEqual(len(mails), 2)
        zh = mails.filtered(lambda m: self.leader_zh.partner_id in m.recipient_ids)
        en = mails.filtered(lambda m: self.leader_en.partner_id in m.recipient_ids)
        self.assertEqual(len(zh.recipient_ids), 1)
        # the period in local dates, in the reader's language
        self.assertEqual(zh.subject, "承办单位考核：2026年02月01日至2026年02月28日")
        self.assertEqual(en.subject, "Department assessment, 02/01/2026 to 02/28/2026")
        self.assertIn("排名", zh.body_html)
        self.assertIn("按时签收率（%）", zh.body_html)
        self.assertIn("Rank", en.body_html)
        # the ranking table: water first, with its rates
        self.assertLess(zh.body_html.index("测试水务"), zh.body_html.index("测试城管"))
        self.assertIn("100.00", zh.body_html)
        __, headers, body = self._read(base64.b64decode(zh.attachment_ids.datas))
        self.assertEqual(headers[1], "承办单位")
        self.assertTrue({"测试水务", "测试城管", "测试街道"} <= {row[1] for row in body})
        __, en_headers, __ = self._read(base64.b64decode(en.attachment_ids.datas))
        self.assertEqual(en_headers[1], "Department")
        rows = self.env["hotline.assessment"].search([("date_from", "=", "2026-02-01")])
        self.assertEqual(set(rows.mapped("date_to")), {rows[0].date_to})
        self.assertEqual(str(rows[0].date_to), "2026-02-28")

    def test_monthly_report_is_sent_once(self):
        self._february()
        first = self._cron()
        self.assertEqual(len(first), 2)
        # the scheduler runs again the same month (a retry, a second worker)
        again = self._cron("2026-03-01 05:00:00")
        self.assertEqual(again, first)
        logs = self.env["hotline.assessment.report.log"].search([("company_id", "=", self.company.id)])
        self.assertEqual(len(logs), 2)
        self.assertEqual(logs.mail_id, first)
        # a new recipient added later gets it, the others not again
        late = new_test_user(self.env, login="hl_leader_late", name="副区长", email="late@example.com")
        self.company.hotline_report_user_ids |= late
        third = self._cron("2026-03-02 01:00:00")
        self.assertEqual(len(third - first), 1)
        self.assertEqual((third - first).recipient_ids, late.partner_id)

    def test_the_month_is_the_companys_local_month(self):
        """On 1 March at 01:00 in Beijing (28 February, 17:00 UTC) last month is February."""
        self._february()
        mails = self._cron("2026-02-28 17:00:00")
        self.assertEqual(len(mails), 2)
        logs = self.env["hotline.assessment.report.log"].search([])
        self.assertEqual({(str(log.date_from), str(log.date_to)) for log in logs}, {("2026-02-01", "2026-02-28")})

    def test_no_report_without_recipients(self):
        self._february()
        self.company.hotline_report_user_ids = False
        self.assertFalse(self._cron())
