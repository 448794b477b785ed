import base64
import io
import uuid
from datetime import date
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import run_two_workers
from .common_deadlines import DeadlineCase, bj

# 10:00 in Beijing on 2 December 2026: the last finished month is November
NOW = "2026-12-02 02:00:00"


@tagged("post_install", "-at_install")
class AnalysisCase(DeadlineCase):
    """A small company history with figures computed by hand:

    November 2026 (the report's month, Beijing days), 5 complaints:
      n1 service/phone/team A/critical/respondent P1, received 1 Nov 00:30 (31 Oct UTC), closed
      n2 service/phone/team A/general/P1, resolved, re-handled once
      n3 product/walk-in/team B/major/P2, new, appealed
      n4 service/walk-in/team A/general/P1, received 30 Nov 23:50
      n5 product/phone/team B/general/no respondent, in progress
    and, not counted: an archived one, one received 1 Dec 00:10, one 31 Oct 23:30.
    October 2026: 2 (service, product).  November 2025: 4 (service).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["complaint_base"], ["zh_CN"], overwrite=True)
        cls.category_product = cls.env["complaint.category"].create({"name": "产品质量"})
        Partner = cls.env["res.partner"]
        cls.p1 = Partner.create({"name": "西湖网点"})
        cls.p2 = Partner.create({"name": "滨江网点"})
        # a company of its own: the database's other complaints (demo) stay out of the figures
        cls.co = cls.env["res.company"].create({"name": "分析测试有限公司"})
        for user in (cls.user_a, cls.user_b, cls.manager, cls.admin, cls.user_own):
            user.company_ids = [(4, cls.co.id)]
        cls.manager.write({"lang": "zh_CN", "email": "manager@example.com"})
        cls.admin.write({"lang": "en_US", "email": "admin@example.com"})
        cls.user_b.write({"lang": "en_US", "email": "handler.b@example.com"})
        Team = cls.env["complaint.team"]
        cls.team_x = Team.create(
            {
                "name": "客服一组",
                "code": "AX",
                "company_id": cls.co.id,
                "leader_id": cls.manager.id,
                "member_ids": [(6, 0, cls.user_a.ids)],
            }
        )
        cls.team_y = Team.create(
            {"name": "客服二组", "code": "AY", "company_id": cls.co.id, "member_ids": [(6, 0, cls.user_b.ids)]}
        )
        cls.Report = cls.env["complaint.analysis.report"]

    def _in(self, when, category=None, team=None, **values):
        values.setdefault("channel_id", self.channel_phone.id)
        return self._complaint(
            date_received=when,
            category_id=(category or self.category_service).id,
            team_id=(team or self.team_x).id,
            company_id=self.co.id,
            **values,
        )

    def _fixture(self):
        service, product = self.category_service, self.category_product
        walk_in = self.channel_walk_in.id
        n1 = self._in(bj(2026, 11, 1, 0, 30), service, severity="critical", respondent_partner_id=self.p1.id)
        n2 = self._in(bj(2026, 11, 10, 9, 0), service, respondent_partner_id=self.p1.id)
        n3 = self._in(
            bj(2026, 11, 20, 14, 0), product, self.team_y, severity="major", respondent_partner_id=self.p2.id,
            channel_id=walk_in,
        )  # fmt: skip
        n4 = self._in(bj(2026, 11, 30, 23, 50), service, channel_id=walk_in, respondent_partner_id=self.p1.id)
        n5 = self._in(bj(2026, 11, 15, 10, 0), product, self.team_y)
        self._in(bj(2026, 11, 12, 10, 0), service, active=False)
        self._in(bj(2026, 12, 1, 0, 10), service)
        o1 = self._in(bj(2026, 10, 31, 23, 30), service)
        self._in(bj(2026, 10, 5, 10, 0), product, self.team_y)
        for day in (3, 8, 15, 29):
            self._in(bj(2025, 11, day, 9, 0), service)
        self._judged(n1).stage_id = self.stage_closed
        self._judged(n2).stage_id = self.stage_resolved
        n5.stage_id = self.stage_progress
        # the callbacks: two scored, one without a score; one in October, one in December
        n1.write(
            {"satisfaction_outcome": "satisfied", "satisfaction_score": 9, "date_satisfaction": bj(2026, 11, 5, 9, 0)}
        )
        n2.write(
            {
                "satisfaction_outcome": "dissatisfied",
                "satisfaction_score": 3,
                "date_satisfaction": bj(2026, 11, 12, 9, 0),
                "rehandling_count": 1,
            }
        )
        n3.write({"satisfaction_outcome": "accepted", "date_satisfaction": bj(2026, 11, 30, 23, 0), "appeal_count": 1})
        o1.write(
            {"satisfaction_outcome": "satisfied", "satisfaction_score": 8, "date_satisfaction": bj(2026, 10, 31, 23, 0)}
        )
        n4.write({"satisfaction_outcome": "satisfied", "date_satisfaction": bj(2026, 12, 1, 0, 30)})
        # the deadlines: reply 1 on time, 2 late (one of them breached), 1 running; resolve 2 on time
        Clock = self.env["complaint.clock"]

        def clock(complaint, kind, state, late=False, start=None):
            return Clock.create(
                {
                    "complaint_id": complaint.id,
                    "kind_id": kind.id,
                    "state": state,
                    "is_late": late,
                    "date_start": start or complaint.date_received,
                    "date_due": start or complaint.date_received,
                }
            )

        clock(n1, self.kind_reply, "met")
        clock(n2, self.kind_reply, "met", late=True)
        clock(n3, self.kind_reply, "breached")
        clock(n4, self.kind_reply, "running")
        clock(n5, self.kind_reply, "cancelled")
        clock(n1, self.kind_resolve, "met")
        clock(n2, self.kind_resolve, "met")
        clock(o1, self.kind_reply, "met")
        # the fines: handler A 100 confirmed + 50 settled, handler B 30 waived; October 80
        Penalty = self.env["complaint.penalty"]
        handler_a, handler_b = self.user_a.partner_id, self.user_b.partner_id
        for complaint, partner, amount, state, when in (
            (n1, handler_a, 100, "confirmed", bj(2026, 11, 3, 9, 0)),
            (n2, handler_a, 50, "settled", bj(2026, 11, 20, 9, 0)),
            (n3, handler_b, 30, "waived", bj(2026, 11, 25, 9, 0)),
            (o1, handler_a, 80, "confirmed", bj(2026, 10, 20, 9, 0)),
        ):
            Penalty.create(
                {
                    "complaint_id": complaint.id,
                    "partner_id": partner.id,
                    "team_id": complaint.team_id.id,
                    "company_id": self.co.id,
                    "amount": amount,
                    "state": state,
                    "date": when,
                }
            )
        return n1, n2, n3, n4, n5

    def _november(self, team=None, kind="month"):
        return self.Report._generate(self.co, team, kind, date(2026, 11, 1))

    @staticmethod
    def _sheet_rows(data, name):
        book = openpyxl.load_workbook(io.BytesIO(data))
        return [list(row) for row in book[name].iter_rows(values_only=True)]


class TestComplaintAnalysisReport(AnalysisCase):
    @freeze_time(NOW)
    def test_figures_of_the_month_against_hand_counts(self):
        self._fixture()
        report = self._november()
        data = report.data
        summary = data["summary"]
        self.assertEqual(
            {
                key: summary["current"][key]
                for key in ("received", "done", "open", "critical", "major", "rehandled", "appealed")
            },
            {"received": 5, "done": 2, "open": 3, "critical": 1, "major": 1, "rehandled": 1, "appealed": 1},
        )
        self.assertEqual(summary["previous"]["received"], 2)
        self.assertEqual(summary["last_year"]["received"], 4)
        # n1: received 31 Oct 16:30 UTC, closed now (2 Dec 02:00 UTC): 753.5 hours
        self.assertEqual(summary["current"]["hours_to_close"], 753.5)
        self.assertRecordValues(
            report,
            [
                {
                    "received_count": 5,
                    "received_change": 150.0,
                    "received_yoy": 25.0,
                    "done_rate": 40.0,
                    "sla_rate": 60.0,
                    "satisfied_rate": 33.3,
                    "fine_amount": 150.0,
                    "state": "done",
                    "date_from": date(2026, 11, 1),
                    "date_to": date(2026, 11, 30),
                }
            ],
        )
        breakdown = data["breakdown"]
        self.assertEqual(
            [(row["id"], row["count"], row["previous"]) for row in breakdown["category_id"]],
            [(self.category_service.id, 3, 1), (self.category_product.id, 2, 1)],
        )
        self.assertEqual(
            [(row["id"], row["count"]) for row in breakdown["respondent_partner_id"]],
            [(self.p1.id, 3), (False, 1), (self.p2.id, 1)],
        )
        self.assertEqual(
            [(row["id"], row["count"]) for row in breakdown["team_id"]], [(self.team_x.id, 3), (self.team_y.id, 2)]
        )
        self.assertEqual(
            {row["id"]: row["count"] for row in breakdown["channel_id"]},
            {self.channel_phone.id: 3, self.channel_walk_in.id: 2},
        )
        sla = {row["id"]: row for row in data["sla"]}
        self.assertEqual(sla[self.kind_reply.id]["current"], {"on_time": 1, "late": 2, "running": 1, "breached": 1})
        self.assertEqual(sla[self.kind_reply.id]["previous"], {"on_time": 1, "late": 0, "running": 0, "breached": 0})
        self.assertEqual(sla[self.kind_resolve.id]["current"]["on_time"], 2)
        fines = data["fines"]
        self.assertEqual(
            [(row["id"], row["count"], row["amount"], row["settled"], row["waived"]) for row in fines["rows"]],
            [(self.user_a.partner_id.id, 2, 150.0, 50.0, 0), (self.user_b.partner_id.id, 0, 0.0, 0.0, 1)],
        )
        self.assertEqual(fines["totals"]["previous"], {"count": 1, "amount": 80.0})
        satisfaction = data["satisfaction"]
        self.assertEqual(
            {key: satisfaction["current"][key] for key in ("rated", "satisfied", "accepted", "dissatisfied", "score")},
            {"rated": 3, "satisfied": 1, "accepted": 1, "dissatisfied": 1, "score": 6.0},
        )
        self.assertEqual(satisfaction["previous"]["rated"], 1)
        trend = {row["period"]: row["received"] for row in data["trend"]}
        self.assertEqual(len(trend), 13)
        self.assertEqual((trend["2026-11"], trend["2026-10"], trend["2025-12"], trend["2025-11"]), (5, 2, 0, 4))

    @freeze_time(NOW)
    def test_team_report_and_quarter_comparisons(self):
        self._fixture()
        team = self._november(self.team_x)
        self.assertEqual(team.received_count, 3)
        self.assertEqual(
            team.data["breakdown"]["team_id"],
            [{"id": self.team_x.id, "count": 3, "previous": 1, "done": 2, "overdue": 0}],
        )
        # the fines of team A only
        self.assertEqual(team.fine_amount, 150.0)
        quarter = self._november(kind="quarter")
        self.assertEqual((quarter.date_from, quarter.date_to), (date(2026, 10, 1), date(2026, 12, 31)))
        summary = quarter.data["summary"]
        # Q4 2026 so far: November's 5, October's 2 and 1 December; Q3 2026 nothing; Q4 2025 four
        self.assertEqual(
            (summary["current"]["received"], summary["previous"]["received"], summary["last_year"]["received"]),
            (8, 0, 4),
        )
        self.assertEqual(quarter.received_yoy, 100.0)
        self.assertEqual([row["period"] for row in quarter.data["trend"]][-2:], ["2026-Q3", "2026-Q4"])

    @freeze_time(NOW)
    def test_excel_reads_back_in_chinese(self):
        self._fixture()
        report = self._november().with_context(lang="zh_CN")
        data = report._xlsx()
        book = openpyxl.load_workbook(io.BytesIO(data))
        self.assertEqual(book.sheetnames[:3], ["概况", "趋势", "分类"])
        rows = self._sheet_rows(data, "概况")
        self.assertEqual(rows[0], ["指标", "本期", "上期", "去年同期", "环比", "同比"])
        self.assertEqual(rows[1], ["受理投诉", 5, 2, 4, "+150.0%", "+25.0%"])
        categories = self._sheet_rows(data, "分类")
        self.assertEqual(
            categories[1][:5], [self.category_service.with_context(lang="zh_CN").display_name, 3, 60, 1, "+200.0%"]
        )
        fines = self._sheet_rows(data, "罚款")
        self.assertEqual(fines[1][:3], [self.user_a.partner_id.name, 2, 150])
        self.assertEqual(fines[-1][:3], ["总计", 2, 150])
        deadlines = self._sheet_rows(data, "时限")
        reply = next(row for row in deadlines if row[0] == self.kind_reply.with_context(lang="zh_CN").name)
        self.assertEqual(reply[1:6], [1, 2, 1, 1, "33.3%"])

    @freeze_time(NOW)
    def test_pdf_renders_in_chinese(self):
        self._fixture()
        report = self._november()
        Pdf = self.env["ir.actions.report"].with_context(lang="zh_CN")
        html, __ = Pdf._render_qweb_html("complaint_base.complaint_analysis_report_pdf", report.ids)
        html = html.decode()
        for text in ("投诉统计分析报告", "2026年11月", "一、", "处理时效", "回访与满意度", "西湖网点", "主要发现"):
            self.assertIn(text, html)
        # wkhtmltopdf makes the PDF; the stylesheets it would fetch from this very
        # server (busy running the test) are refused at once instead
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        pdf, kind = Pdf.with_context(force_report_rendering=True)._render_qweb_pdf(
            "complaint_base.complaint_analysis_report_pdf", report.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    @freeze_time(NOW)
    def test_recurring_groups_and_improvements_when_they_exist(self):
        n1, n2, *__ = self._fixture()
        group = {
            "key": "c-r",
            "label": "服务态度 / 西湖网点",
            "category_id": self.category_service.id,
            "respondent_id": self.p1.id,
            "count": 3,
            "complaint_ids": [n1.id, n2.id],
            "date_first": bj(2026, 11, 1, 0, 30),
            "date_last": bj(2026, 11, 30, 23, 50),
            "improvement_id": False,
        }
        Complaint = type(self.env["complaint.complaint"])
        with patch.object(Complaint, "_recurring_groups", create=True, return_value=[group]) as finder:
            report = self._november()
        finder.assert_called_once()
        self.assertIn(("company_id", "=", self.co.id), finder.call_args.kwargs["domain"])
        self.assertEqual(report.recurring_count, 1)
        rows = self._sheet_rows(report.with_context(lang="zh_CN")._xlsx(), "反复投诉")
        self.assertEqual(
            rows[1][:4],
            ["服务态度 / 西湖网点", self.category_service.with_context(lang="zh_CN").display_name, "西湖网点", 3],
        )
        self.assertEqual(rows[1][6], "否")
        improvements = report.data["improvements"]
        self.assertEqual(improvements["available"], "complaint.improvement" in self.env)

    @freeze_time(NOW)
    def test_recurring_groups_of_the_period_and_open_actions(self):
        # the real finder, computed on 2 December: the window is November's
        # local days, not the 30 days before now (which miss n1 of 1 November)
        n1, n2, __, n4, __ = self._fixture()
        self.co.write({"complaint_recurring_threshold": 3, "complaint_recurring_window_days": 30})
        action = self.env["complaint.improvement"].create(
            {"title": "西湖网点服务态度", "company_id": self.co.id, "complaint_ids": [(6, 0, (n1 | n2).ids)]}
        )
        report = self._november()
        rows = report.data["recurring"]["rows"]
        self.assertEqual([(row["respondent_id"], row["count"]) for row in rows], [(self.p1.id, 3)])
        self.assertEqual(report.recurring_count, 1)
        improvements = report.data["improvements"]
        self.assertTrue(improvements["available"])
        self.assertEqual([row["id"] for row in improvements["rows"]], action.ids)
        self.assertEqual(improvements["rows"][0]["complaint_count"], 2)
        # the same month computed later still finds its group
        with freeze_time("2027-01-20 02:00:00"):
            self.assertEqual(report.with_context(lang="en_US")._collect_recurring()["rows"][0]["count"], 3)
        self.assertEqual(n4.respondent_partner_id, self.p1)

    def test_periods_are_local_days(self):
        # a complaint at 00:30 on 1 November in Beijing is 31 October in UTC
        start, end = self.Report._utc_bounds(self.co, date(2026, 11, 1), date(2026, 11, 30))
        self.assertEqual((start, end), (bj(2026, 11, 1, 0, 0), bj(2026, 12, 1, 0, 0)))


class TestComplaintAnalysisSending(AnalysisCase):
    @freeze_time(NOW)
    def test_cron_writes_each_report_once(self):
        self._fixture()
        self.co.complaint_report_user_ids = self.manager | self.admin
        Report = self.Report
        made = Report._cron_generate_reports(self.co)
        keys = sorted((r.period_type, r.team_id.id or 0, str(r.date_from)) for r in made)
        # November for the company and its two teams; Q4 is not over, Q3 had no complaints of a team
        self.assertEqual(
            keys,
            sorted(
                [
                    ("month", 0, "2026-11-01"),
                    ("month", self.team_x.id, "2026-11-01"),
                    ("month", self.team_y.id, "2026-11-01"),
                    ("quarter", 0, "2026-07-01"),
                ]
            ),
        )
        mails = self.env["mail.mail"].search([("model", "=", "complaint.analysis.report")])
        self.assertTrue(mails)
        again = Report._cron_generate_reports(self.co)
        self.assertFalse(again)
        self.assertEqual(Report.search_count([("company_id", "=", self.co.id)]), 4)
        self.assertEqual(self.env["mail.mail"].search([("model", "=", "complaint.analysis.report")]), mails)
        # a manual run of the same period computes the same record again
        self.assertEqual(Report._generate(self.co, None, "month", date(2026, 11, 17)), made.filtered(
            lambda r: r.period_type == "month" and not r.team_id
        ))  # fmt: skip

    @freeze_time(NOW)
    def test_mail_goes_to_the_subscribers_in_their_language(self):
        self._fixture()
        self.co.complaint_report_user_ids = self.manager | self.admin | self.user_b
        company_report = self._november()
        company_report._send()
        mails = self.env["mail.mail"].search([("model", "=", company_report._name), ("res_id", "=", company_report.id)])
        by_partner = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(len(mails), 2, "one mail per language")
        chinese = by_partner[self.manager.partner_id]
        english = next(mail for mail in mails if self.admin.partner_id in mail.recipient_ids)
        self.assertIn(self.user_b.partner_id, english.recipient_ids)
        self.assertIn("投诉统计分析报告", chinese.subject)
        self.assertIn("2026年11月", chinese.subject)
        self.assertIn("November 2026", english.subject)
        self.assertIn("受理投诉", chinese.body_html)
        # computed at 10:00 Beijing time, not 02:00 UTC
        self.assertIn("10:00", english.body_html)
        self.assertEqual(
            sorted(chinese.attachment_ids.mapped("mimetype")),
            ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]
            if len(chinese.attachment_ids) == 1
            else sorted(["application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
        )
        self.assertEqual(company_report.state, "sent")
        self.assertEqual(company_report.sent_user_ids, self.manager | self.admin | self.user_b)
        # sent once: the scheduler does not send it again
        company_report._send()
        self.assertEqual(
            self.env["mail.mail"].search_count(
                [("res_id", "=", company_report.id), ("model", "=", company_report._name)]
            ),
            2,
        )
        # team Y's report goes to its members among the subscribers only
        team_report = self._november(self.team_y)
        team_report._send()
        team_mails = self.env["mail.mail"].search([("model", "=", team_report._name), ("res_id", "=", team_report.id)])
        self.assertEqual(team_mails.recipient_ids, self.user_b.partner_id)

    @freeze_time(NOW)
    def test_buttons_need_a_manager(self):
        self._fixture()
        report = self._november()
        self.co.complaint_report_user_ids = self.manager
        for user in (self.portal_user, self.user_a, self.user_own):
            Report = self.env["complaint.analysis.report"].with_user(user)
            for method in ("action_recompute", "action_print_pdf", "action_download_xlsx", "action_send"):
                with self.assertRaises(AccessError, msg=f"{method} as {user.login}"):
                    getattr(Report.browse(report.id), method)()
            with self.assertRaises(AccessError):
                self.env["complaint.analysis.overview"].with_user(user).action_open_overview()
            with self.assertRaises(AccessError):
                self.env["complaint.analysis.report.wizard"].with_user(user).create({"period_type": "month"})
        as_manager = report.with_user(self.manager).with_context(lang="zh_CN")
        self.assertTrue(as_manager.action_recompute())
        self.assertEqual(as_manager.action_print_pdf()["report_name"], "complaint_base.complaint_analysis_report_pdf")
        download = as_manager.action_download_xlsx()
        attachment = self.env["ir.attachment"].browse(int(download["url"].split("/")[3].split("?")[0]))
        self.assertEqual(self._sheet_rows(base64.b64decode(attachment.datas), "概况")[1][1], 5)
        self.assertTrue(as_manager.action_send())
        wizard = (
            self.env["complaint.analysis.report.wizard"]
            .with_user(self.manager)
            .create(
                {"period_type": "month", "date": date(2026, 10, 9), "company_id": self.co.id, "team_id": self.team_y.id}
            )
        )
        action = wizard.action_generate()
        october = self.Report.browse(action["res_id"])
        self.assertEqual(
            (october.team_id, october.date_from, october.received_count), (self.team_y, date(2026, 10, 1), 1)
        )


@tagged("post_install", "-at_install")
class TestComplaintAnalysisTwoWorkers(DeadlineCase):
    def test_two_workers_write_one_report(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.company"].create({"name": f"并发报告公司 {uuid.uuid4().hex[:8]}"})
            complaint = env["complaint.complaint"].create(
                {
                    "subject": "并发",
                    "contact_name": "王芳",
                    "contact_phone": "13900001111",
                    "company_id": company.id,
                    "team_id": False,
                    "date_received": "2026-11-10 02:00:00",
                }
            )
            ids = {"company": company.id, "complaint": complaint.id}
            cr.commit()
        try:
            with freeze_time(NOW):
                run_two_workers(
                    self,
                    lambda env: env["complaint.analysis.report"]._cron_generate_reports(
                        env["res.company"].browse(ids["company"])
                    ),
                )
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT period_type, date_from::text, state FROM complaint_analysis_report WHERE company_id = %s ORDER BY 1",
                    [ids["company"]],
                )
                self.assertEqual(cr.fetchall(), [("month", "2026-11-01", "done"), ("quarter", "2026-07-01", "done")])
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM complaint_analysis_report WHERE company_id = %s", [ids["company"]])
                cr.execute("DELETE FROM complaint_clock WHERE complaint_id = %s", [ids["complaint"]])
                cr.execute(
                    "DELETE FROM mail_message WHERE model = 'complaint.complaint' AND res_id = %s", [ids["complaint"]]
                )
                cr.execute("DELETE FROM complaint_complaint WHERE id = %s", [ids["complaint"]])
                api.Environment(cr, SUPERUSER_ID, {})["res.company"].browse(ids["company"]).active = False
                cr.commit()
