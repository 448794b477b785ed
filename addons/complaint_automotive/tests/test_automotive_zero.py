import base64
from datetime import date
from unittest.mock import patch

import psycopg2
from freezegun import freeze_time

from odoo.addons.complaint_base.tests.test_complaint_import import make_csv, make_xlsx
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from ..rules.vin import with_check_digit
from .common import AutomotiveCase, bj

HEADERS = ["车架号", "客户姓名", "联系电话", "进店日期", "回访日期", "调查问题", "得分", "客户意见", "回访类型"]
# Tuesday 10 March 2026, 10:00 in Beijing
NOW = "2026-03-10 02:00:00"


def vin(serial):
    """A valid VIN (SAIC-VW WMI, check digit computed) for a serial number."""
    return with_check_digit(f"LSVAU2180N2{serial:06d}")


class ZeroCase(AutomotiveCase):
    """A dealer team taking the zero-complaint cases, its customer care
    (callback specialists 孙倩 and 钱芳, manager 王丽) and its directors."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.automotive_zero_team_id = cls.team
        cls.env.company.automotive_recheck_sample_percent = 10
        cls.Score = cls.env["automotive.survey.score"]
        cls.kind_recheck = cls.env.ref("complaint_automotive.clock_kind_automotive_recheck")
        cls.kind_zero_resolve = cls.env.ref("complaint_automotive.clock_kind_automotive_zero_resolve")
        cls.channel_callback = cls.env.ref("complaint_base.complaint_channel_callback")

    def _row(self, serial, score, survey="2026-03-06", question="总体满意度", customer="张伟", **values):
        row = {
            "车架号": vin(serial),
            "客户姓名": customer,
            "联系电话": f"13900{serial:06d}",
            "进店日期": "2026-03-01",
            "回访日期": survey,
            "调查问题": question,
            "得分": score,
            "客户意见": "交车时没有讲解功能" if isinstance(score, int) and score <= 6 else None,
            "回访类型": "销售",
        }
        row.update(values)
        return [row[header] for header in HEADERS]

    def _wizard(self, rows, user=None, filename="scores.xlsx", headers=HEADERS, **values):
        data = make_csv(headers, rows) if filename.endswith(".csv") else make_xlsx(headers, rows)
        return (
            self.env["complaint.import"]
            .with_user(user or self.callback_user)
            .create(
                {
                    "target": "automotive_survey",
                    "file": base64.b64encode(data),
                    "filename": filename,
                    "external_source": "测试回访导入",
                    **values,
                }
            )
        )

    def _import(self, rows, **values):
        wizard = self._wizard(rows, **values)
        wizard.action_import()
        return wizard

    def _scores(self, *serials):
        return self.Score.search([("vin", "in", [vin(s) for s in serials])], order="id")

    def _case(self, serial):
        return self._scores(serial).complaint_id

    def _record(self, case, outcome, user=None, note="客户表示满意", draw=0.99, **kw):
        with patch.object(type(case), "_automotive_sample_draw", return_value=draw):
            case.with_user(user or self.callback_user).action_automotive_record_recheck(outcome, note, **kw)
        self.env.invalidate_all()

    def _zero_fines(self, case):
        return self.env["complaint.penalty"].search([("complaint_id", "=", case.id), ("rule_code", "=", "AUTO-ZERO")])


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAutomotiveSurveyImport(ZeroCase):
    """The manufacturer's survey results through the base import wizard: per
    row check, all-or-nothing, duplicates refused, 6 opens a case and 7 not."""

    def _mixed(self):
        return [
            self._row(1, 5),
            self._row(2, 9, customer=None),
            self._row(3, 8, 车架号="LSVAU2185N2183294"),  # wrong check digit
            self._row(4, 11),
            self._row(5, 4, 回访日期=None),
            self._row(1, 3),  # the same VIN, survey date and question as row 2
            self._row(6, "很好"),
            self._row(7, 2, customer=None),
            self._row(8, 7, 回访日期="2026-03-20"),
        ]

    def test_check_reports_each_row_and_writes_nothing(self):
        wizard = self._wizard(self._mixed())
        wizard.action_check()
        self.assertEqual((wizard.count_create, wizard.count_reject), (2, 7))
        lines = {line.row_number: line for line in wizard.line_ids}
        self.assertEqual((lines[2].status, lines[2].external_ref), ("create", f"{vin(1)} 2026-03-06"))
        self.assertIn("zero-complaint", lines[2].message)
        self.assertEqual(lines[3].status, "create")
        self.assertIn("车架号", lines[4].message)
        self.assertIn("check digit", lines[4].message)
        self.assertIn("得分", lines[5].message)
        self.assertIn("out of range", lines[5].message)
        self.assertIn("回访日期", lines[6].message)
        self.assertIn("empty", lines[6].message)
        self.assertIn("row 2", lines[7].message)
        self.assertIn("很好", lines[8].message)
        self.assertIn("客户姓名", lines[9].message)  # a low score needs the customer
        self.assertIn("future", lines[10].message)
        self.assertFalse(self.Score.search([("source", "=", "测试回访导入")]))
        self.assertFalse(
            self.env["complaint.complaint"].search([("automotive_survey_vin", "in", [vin(i) for i in range(9)])])
        )

    def test_all_or_nothing(self):
        with self.assertRaisesRegex(UserError, "7 of the 9 rows are rejected"):
            self._wizard(self._mixed()).action_import()
        self.assertFalse(self.Score.search([("source", "=", "测试回访导入")]))
        wizard = self._import(self._mixed(), strict=False)
        self.assertEqual(wizard.state, "done")
        self.assertEqual(self.Score.search([("source", "=", "测试回访导入")]), self._scores(1, 2))
        self.assertEqual(wizard.line_ids.filtered(lambda line: line.row_number == 2).complaint_id, self._case(1))

    def test_csv_with_english_headers(self):
        headers = ["VIN", "customer", "survey_date", "question", "score"]
        rows = [[vin(11), "李娜", "2026/3/5", "Overall", "6"], [vin(12), "王强", "2026年3月5日", "Overall", 10]]
        wizard = self._wizard(rows, filename="scores.csv", headers=headers)
        wizard.action_import()
        self.assertEqual(wizard.count_create, 2)
        self.assertEqual(self._scores(11).survey_date, date(2026, 3, 5))
        self.assertTrue(self._case(11))
        self.assertFalse(self._case(12))

    def test_six_opens_a_case_seven_does_not(self):
        owner = self.env["res.partner"].create({"name": "刘芳", "phone": "13857102222"})
        known = self.env["automotive.vehicle"].create({"vin": vin(22), "partner_id": owner.id})
        self._import(
            [
                self._row(21, 6, question="交车讲解"),
                self._row(21, 4, question="总体满意度"),
                self._row(22, 3, customer="刘女士"),
                self._row(23, 7),
                self._row(24, 10),
            ]
        )
        six, seven, ten = self._scores(21)[0], self._scores(23), self._scores(24)
        self.assertEqual(
            (six.nps_band, seven.nps_band, ten.nps_band, six.nps_value), ("detractor", "passive", "promoter", -100)
        )
        self.assertFalse((seven | ten).complaint_id, "7 to 10 are kept for the statistics only")
        case = self._case(21)
        self.assertEqual(len(case), 1, "two low questions of one survey are one case")
        self.assertRecordValues(
            case,
            [
                {
                    "automotive_zero_case": True,
                    "automotive_survey_date": date(2026, 3, 6),
                    "automotive_lowest_score": 4,
                    "channel_id": self.channel_callback.id,
                    "category_id": self.cat_service.id,
                    "team_id": self.team.id,
                    "user_id": self.callback_user.id,
                    "sector": "automotive",
                    "automotive_line": "sales",
                    "state": "new",
                }
            ],
        )
        self.assertEqual(case.partner_id.name, "张伟")
        self.assertEqual(case.vehicle_id.vin, vin(21))
        self.assertEqual(case.vehicle_id.partner_id, case.partner_id, "the vehicle was created for the customer")
        self.assertIn("4", case.subject)
        # the vehicle known by its VIN is linked, with its owner
        other = self._case(22)
        self.assertEqual((other.vehicle_id, other.partner_id), (known, owner))
        # its own clocks: resolve quickly from now, the recheck 7 days after the survey day
        self.assertEqual(self._clock(case, self.kind_zero_resolve).date_due, bj(2026, 3, 12, 10, 0))
        recheck = self._clock(case, self.kind_recheck)
        self.assertEqual(recheck.date_due, bj(2026, 3, 14, 0, 0), "the end of 13 March, 7 days after the 6th")
        self.assertEqual(recheck.policy_id, self.env.ref("complaint_automotive.policy_automotive_zero"))
        self.assertEqual(case.automotive_recheck_due, recheck.date_due)
        # the dealer's usual rules still apply to the case
        self.assertTrue(self._clock(case, self.kind_contact))

    def test_duplicates_refused(self):
        self._import([self._row(31, 5)])
        again = self._wizard([self._row(31, 8), self._row(31, 9, question="服务顾问态度")])
        again.action_check()
        lines = {line.row_number: line for line in again.line_ids}
        self.assertEqual(lines[2].status, "reject")
        self.assertIn("already received", lines[2].message)
        self.assertEqual(lines[3].status, "create", "another question of the same survey is no duplicate")
        # the database refuses it too
        with self.assertRaises(psycopg2.errors.UniqueViolation), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.Score.create({"vin": vin(31), "survey_date": "2026-03-06", "question": "总体满意度 ", "score": 1})
            self.env.flush_all()
        # a later survey of the same vehicle joins no earlier case
        self._import([self._row(31, 2, survey="2026-03-08")])
        self.assertEqual(len(self._scores(31).complaint_id), 2)

    def test_only_customer_care_imports(self):
        for user in (self.salesperson, self.retail_manager):
            with self.assertRaises(AccessError):
                self._wizard([self._row(41, 5)], user=user).action_import()
        self.assertFalse(self._scores(41))
        # a callback specialist imports scores, not complaint lists
        wizard = (
            self.env["complaint.import"]
            .with_user(self.callback_user)
            .create(
                {"file": base64.b64encode(make_csv(["外部编号", "投诉主题"], [["X-1", "x"]])), "external_source": "DMS"}
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_check()

    def test_template(self):
        wizard = self._wizard([self._row(51, 5)])
        wizard.action_download_template()
        self.assertEqual(wizard.template_filename, "survey-score-template.xlsx")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAutomotiveRecheck(ZeroCase):
    """The manufacturer's recheck, both ways; the 3000 fine against the
    dealer once per case; rights; the sampled second call."""

    def setUp(self):
        super().setUp()
        self._import([self._row(101, 5, survey="2026-03-06"), self._row(102, 3, survey="2026-03-06")])
        self.case = self._case(101)
        self.other = self._case(102)

    def test_satisfied_is_a_zero_complaint(self):
        with freeze_time(bj(2026, 3, 13, 15, 30)):
            self._record(self.case, "satisfied")
        self.assertRecordValues(
            self.case,
            [
                {
                    "automotive_recheck_outcome": "satisfied",
                    "automotive_recheck_user_id": self.callback_user.id,
                    "automotive_recheck_date": bj(2026, 3, 13, 15, 30),
                    "automotive_recheck_note": "客户表示满意",
                    "automotive_zero_complaint": True,
                    "automotive_second_call_pending": False,
                    "automotive_zero_state": "zero",
                }
            ],
        )
        recheck = self._clock(self.case, self.kind_recheck)
        self.assertEqual((recheck.state, recheck.result), ("met", "on_time"))
        self.assertEqual(self.case.automotive_recheck_ids.user_id, self.callback_user)
        when = self.env.company._complaint_format_datetime(bj(2026, 3, 13, 15, 30))
        self.assertIn("3:30", when, "Beijing time")
        self.assertIn(when, self.case.message_ids[0].body, "who called and when")
        self.assertIn(self.callback_user.name, self.case.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "already recorded"):
            self._record(self.case, "dissatisfied")
        with freeze_time(bj(2026, 3, 20, 9, 0)):
            self._run_scheduler()
        self.assertFalse(self._zero_fines(self.case))
        self.case.with_user(self.care_manager).write(
            {"stage_id": self.env.ref("complaint_base.complaint_stage_closed").id}
        )
        report = self.env["automotive.zero.report"].search([("complaint_id", "=", self.case.id)])
        self.assertEqual((report.zero_count, report.fined_count, report.zero_rate), (1, 0, 100.0))

    def test_dissatisfied_fines_the_dealer_once_and_tells_the_directors(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_base", "complaint_automotive"], ["zh_CN"], True)
        self.env.company.partner_id.lang = "zh_CN"
        with freeze_time(bj(2026, 3, 13, 16, 5)):
            self._record(self.case, "dissatisfied", note="客户仍要求更换车辆")
        fine = self._zero_fines(self.case)
        self.assertRecordValues(
            fine,
            [
                {
                    "amount": 3000,
                    "partner_id": self.env.company.partner_id.id,
                    "payer_type": "company",
                    "payer_company_id": self.env.company.id,
                    "user_id": False,
                    "state": "proposed",
                }
            ],
        )
        # customer care sees the manufacturer's fine; the desk does not
        self.assertEqual(
            self.env["complaint.penalty"].with_user(self.callback_second).search([("id", "=", fine.id)]), fine
        )
        self.assertFalse(self.env["complaint.penalty"].with_user(self.salesperson).search([("id", "=", fine.id)]))
        self.assertIn("仍不满意", fine.evidence)
        self.assertIn("16:05", fine.evidence, "the call's local time")
        self.assertIn(self.callback_user.name, fine.evidence)
        told = self.case.message_ids.filtered(lambda m: "3000" in (m.body or ""))
        self.assertTrue(told)
        self.assertLessEqual((self.director | self.service_director).partner_id, told.partner_ids)
        self.assertEqual((self.case.automotive_zero_complaint, self.case.automotive_zero_state), (False, "fined"))
        # the recheck clock is met: an overdue run fines nothing more
        with freeze_time(bj(2026, 3, 20, 9, 0)):
            self._run_scheduler()
        self.assertEqual(self._zero_fines(self.case), fine)
        report = self.env["automotive.zero.report"].search([("complaint_id", "=", self.case.id)])
        self.assertEqual((report.zero_count, report.fined_count, report.fine_amount, report.zero_rate), (0, 1, 3000, 0))

    def test_overdue_recheck_fines_once(self):
        with self.assertRaisesRegex(UserError, "before closing"):
            self.case.with_user(self.care_manager).write(
                {"stage_id": self.env.ref("complaint_base.complaint_stage_closed").id}
            )
        with freeze_time(bj(2026, 3, 13, 23, 50)):
            self._run_scheduler()
        self.assertFalse(self._zero_fines(self.case), "not due before the end of the 13th")
        with freeze_time(bj(2026, 3, 14, 0, 10)):
            self._run_scheduler()
            self._run_scheduler()
        fine = self._zero_fines(self.case)
        self.assertEqual(len(fine), 1)
        self.assertEqual((fine.amount, fine.partner_id), (3000, self.env.company.partner_id))
        notes = self.case.message_ids.filtered(lambda m: m.partner_ids & self.service_director.partner_id)
        self.assertTrue(notes, "the ladder told the service director")
        self.assertIn(self.director.partner_id, notes.partner_ids)
        # a late "still dissatisfied" books no second fine
        with freeze_time(bj(2026, 3, 14, 9, 0)):
            self._record(self.case, "dissatisfied")
        self.assertEqual(self._zero_fines(self.case), fine)
        self.assertEqual(self._clock(self.case, self.kind_recheck).result, "late")
        # the other case was fined too, on its own
        self.assertEqual(len(self._zero_fines(self.other)), 1)

    def test_rights(self):
        portal = new_test_user(self.env, login="au_portal_owner", groups="base.group_portal")
        self.case.partner_id = portal.partner_id  # the customer may read their complaint
        for user in (self.salesperson, self.retail_manager, portal):
            with self.assertRaises(AccessError):
                self.case.with_user(user).action_automotive_record_recheck("satisfied")
            with self.assertRaises(AccessError):
                self.case.with_user(user).action_automotive_recheck()
            with self.assertRaises(AccessError):
                self.env["automotive.recheck.wizard"].with_user(user).create(
                    {"complaint_id": self.case.id, "outcome": "satisfied"}
                )
            with self.assertRaises(AccessError):
                self.env["automotive.recheck"].with_user(user).create(
                    {"complaint_id": self.case.id, "user_id": user.id, "date": NOW, "outcome": "satisfied"}
                )
        with self.assertRaises(AccessError):
            self.Score.with_user(self.salesperson).create({"vin": vin(103), "survey_date": "2026-03-06", "score": 1})
        self.assertFalse(self.case.automotive_recheck_outcome)
        # customer care does it through the form
        action = self.case.with_user(self.callback_second).action_automotive_recheck()
        wizard = (
            self.env["automotive.recheck.wizard"]
            .with_user(self.callback_second)
            .with_context(action["context"])
            .create({"outcome": "satisfied", "note": "满意"})
        )
        with patch.object(type(self.case), "_automotive_sample_draw", return_value=0.99):
            wizard.action_record()
        self.assertEqual(self.case.automotive_recheck_user_id, self.callback_second)
        with self.assertRaises(UserError):
            self.case.automotive_recheck_ids.with_user(self.callback_second).write({"outcome": "dissatisfied"})

    def test_sampled_second_call_overrides(self):
        self.assertEqual(self.case._automotive_sample_draw(), self.case._automotive_sample_draw())
        self.assertTrue(0 <= self.case._automotive_sample_draw() < 1)
        self._record(self.other, "satisfied", draw=0.5)
        self.assertFalse(self.other.automotive_second_call_pending, "not in the 10 %")
        self._record(self.case, "satisfied", draw=0.05)
        self.assertTrue(self.case.automotive_second_call_pending)
        second = self.case.automotive_second_call_user_id
        self.assertEqual(second, self.care_manager, "the team's customer care, not the first caller")
        activity = self.case.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("complaint_automotive.mail_activity_type_second_call")
        )
        self.assertEqual(activity.user_id, second)
        with self.assertRaisesRegex(AccessError, "someone other than"):
            self._record(self.case, "dissatisfied")
        with freeze_time(bj(2026, 3, 12, 11, 0)):
            self._record(self.case, "dissatisfied", user=second, note="客户说并未接到回访电话")
        self.assertRecordValues(
            self.case,
            [
                {
                    "automotive_recheck_outcome": "dissatisfied",
                    "automotive_recheck_user_id": second.id,
                    "automotive_zero_complaint": False,
                    "automotive_second_call_pending": False,
                }
            ],
        )
        self.assertEqual(self.case.automotive_recheck_ids.mapped("call"), ["second", "first"])
        self.assertFalse(self.case.activity_ids.filtered(lambda a: a.activity_type_id == activity.activity_type_id))
        self.assertEqual(len(self._zero_fines(self.case)), 1)
        # no share, no second call
        self.env.company.automotive_recheck_sample_percent = 0
        self._import([self._row(104, 2)])
        self._record(self._case(104), "satisfied", draw=0.0)
        self.assertFalse(self._case(104).automotive_second_call_pending)

    def test_views_and_filters(self):
        Complaint = self.env["complaint.complaint"]
        due_this_week = Complaint.search(
            [("automotive_recheck_outcome", "=", False), ("automotive_recheck_due", "<", "2026-03-16")]
        )
        self.assertEqual(due_this_week, self.case | self.other)
        self.assertFalse(Complaint.search([("automotive_recheck_due", "<", "2026-03-13")]))
        action = self.env.ref("complaint_automotive.complaint_complaint_action_automotive_zero")
        for view_type in ("list", "form", "search"):
            Complaint.with_user(self.callback_user).get_views([(False, view_type)], {"action_id": action.id})
        self.env["automotive.zero.report"].with_user(self.callback_user).read_group(
            [], ["zero_rate:avg", "fine_amount:sum"], ["survey_date:month"]
        )
        groups = self.Score.read_group([], ["nps_value:avg"], ["nps_band"])
        self.assertTrue(groups)
        # the team's desk reads the case's zero-complaint status, not customer care's scores and calls
        desk_view = Complaint.with_user(self.retail_manager).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("automotive_zero_state", desk_view)
        self.assertNotIn("automotive_survey_score_ids", desk_view)
        self.case.with_user(self.retail_manager).read(
            [
                "automotive_zero_state",
                "automotive_recheck_due",
                "automotive_zero_fine_amount",
                "automotive_lowest_score",
            ]
        )
        with self.assertRaises(AccessError):
            self.Score.with_user(self.retail_manager).search([])
