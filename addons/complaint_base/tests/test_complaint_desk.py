"""Issue 11: labels that say what they mean, and work that must not dead-end."""

from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ComplaintCase
from .common_deadlines import DeadlineCase, bj


@tagged("post_install", "-at_install")
class TestComplaintResolveGuard(ComplaintCase):
    def _mine(self, **values):
        return self._complaint(user_id=self.user_own.id, stage_id=self.stage_progress.id, **values)

    def test_lowest_user_cannot_resolve_an_undecided_complaint(self):
        complaint = self._mine()
        as_clerk = complaint.with_user(self.user_own)
        with self.assertRaisesRegex(UserError, complaint.name):
            as_clerk.action_resolve()
        self.assertEqual(complaint.state, "in_progress")
        # not only the button: any write into a resolved stage
        with self.assertRaises(UserError):
            as_clerk.write({"stage_id": self.stage_resolved.id})
        # a context flag from the client is no override for a handler
        with self.assertRaises(UserError):
            as_clerk.with_context(complaint_resolve_override=True).action_resolve()
        self.assertEqual(complaint.state, "in_progress")

    def test_the_message_says_what_is_missing(self):
        complaint = self._mine(validity="valid")
        with self.assertRaisesRegex(UserError, "write the resolution"):
            complaint.with_user(self.user_own).action_resolve()
        complaint.write({"validity": "pending", "resolution": "<p>已致歉。</p>"})
        with self.assertRaisesRegex(UserError, "decide whether the complaint is valid"):
            complaint.with_user(self.user_own).action_resolve()
        # an empty editor is no resolution
        complaint.write({"validity": "valid", "resolution": "<p><br></p>"})
        with self.assertRaisesRegex(UserError, "write the resolution"):
            complaint.with_user(self.user_own).action_resolve()
        self.assertEqual(complaint.state, "in_progress")

    def test_judged_complaint_resolves(self):
        complaint = self._judged(self._mine())
        complaint.with_user(self.user_own).action_resolve()
        self.assertEqual(complaint.state, "resolved")
        # written in the same write as the move: resolves as well
        other = self._mine()
        other.with_user(self.user_own).write(
            {"stage_id": self.stage_resolved.id, "validity": "invalid", "resolution": "<p>不属实。</p>"}
        )
        self.assertEqual(other.state, "resolved")

    def test_manager_overrides_with_a_reason(self):
        complaint = self._mine()
        action = complaint.with_user(self.manager).action_resolve()
        self.assertEqual(action["res_model"], "complaint.resolve.wizard")
        self.assertEqual(complaint.state, "in_progress")
        # a handler cannot use the wizard
        with self.assertRaises(AccessError):
            self.env["complaint.resolve.wizard"].with_user(self.user_own).create(
                {"complaint_id": complaint.id, "reason": "x"}
            )
        wizard = (
            self.env["complaint.resolve.wizard"]
            .with_user(self.manager)
            .with_context(action["context"])
            .create({"reason": "投诉人来电撤回投诉"})
        )
        self.assertIn("decide whether the complaint is valid", wizard.missing)
        wizard.action_confirm()
        self.assertEqual(complaint.state, "resolved")
        note = complaint.message_ids.filtered(lambda m: "投诉人来电撤回投诉" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.author_id, self.manager.partner_id)


@tagged("post_install", "-at_install")
class TestComplaintDeskSettings(ComplaintCase):
    def test_managers_may_export(self):
        self.assertTrue(self.manager.has_group("base.group_allow_export"))
        self.assertTrue(self.admin.has_group("base.group_allow_export"))
        self.assertFalse(self.user_a.has_group("base.group_allow_export"))

    def test_exported_times_are_local(self):
        self.manager.sudo().tz = "Asia/Shanghai"
        complaint = self._complaint(date_received="2026-03-03 02:00:00")
        rows = complaint.with_user(self.manager).export_data(["name", "date_received"])["datas"]
        self.assertEqual(str(rows[0][1]), "2026-03-03 10:00:00")

    def test_repeat_settings_are_in_settings(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(
            (
                settings.complaint_repeat_window_days,
                settings.complaint_repeat_similarity,
                settings.complaint_repeat_raise_severity,
            ),
            (30, 30, True),
        )
        settings.write(
            {
                "complaint_repeat_window_days": 60,
                "complaint_repeat_similarity": 50,
                "complaint_repeat_raise_severity": False,
            }
        )
        settings.execute()
        self.assertEqual(self.env["complaint.complaint"]._repeat_settings(), (60, 0.5, False))
        again = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(again.complaint_repeat_similarity, 50)
        self.assertFalse(again.complaint_repeat_raise_severity)
        # throttle settings of the web form are there too
        self.assertEqual(again.complaint_web_limit_per_ip, 5)

    def test_settings_link_the_public_form(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertTrue(settings.complaint_public_form_url.endswith("/complaint/new"))

    @freeze_time("2026-05-04 08:00:00")
    def test_reference_prefix_shows_an_example(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        settings.complaint_reference_code = "TS"
        settings.complaint_reference_year = "full"
        settings.complaint_reference_separator = "-"
        settings.complaint_reference_padding = 6
        self.assertEqual(settings.complaint_reference_example, "TS2026-000001")
        settings.complaint_reference_year = "short"
        self.assertEqual(settings.complaint_reference_example, "TS26-000001")
        # a broken pattern set on the technical sequence is named, not shown raw
        settings.complaint_reference_prefix = "BAD%(nope)s"
        self.assertNotIn("%(", settings.complaint_reference_example)

    def test_working_schedules_from_the_complaint_configuration(self):
        menu = self.env.ref("complaint_base.complaint_resource_calendar_menu")
        self.assertEqual(menu.parent_id.parent_id, self.env.ref("complaint_base.complaint_menu_config"))
        complaint_admin = self.env["res.users"].create(
            {
                "name": "投诉管理员",
                "login": "cb_complaint_admin_only",
                "groups_id": [(6, 0, [self.env.ref("complaint_base.group_complaint_admin").id])],
            }
        )
        calendar = (
            self.env["resource.calendar"].with_user(complaint_admin).create({"name": "客服中心", "tz": "Asia/Shanghai"})
        )
        calendar.attendance_ids[:1].hour_to = 11.5
        self.assertEqual(calendar.tz, "Asia/Shanghai")


@tagged("post_install", "-at_install")
class TestComplaintDeskLabels(DeadlineCase):
    def test_labels_and_units(self):
        Target = self.env["complaint.deadline.target"]
        self.assertEqual(Target._fields["amount"].string, "Duration")
        self.assertEqual(self.env["complaint.clock"]._fields["amount"].string, "Duration")
        units = dict(Target._fields["unit"].selection)
        self.assertEqual(units["same_day"], "End of the Working Day")
        self.assertEqual(units["time_of_day"], "By a Time of Day")
        self.assertEqual(self.env["complaint.penalty"]._fields["name"].string, "Fine Number")

    def test_chinese_labels(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_base"], ["zh_CN"], overwrite=True)
        Target = self.env["complaint.deadline.target"].with_context(lang="zh_CN")
        fields = Target.fields_get(["amount", "unit"])
        self.assertEqual(fields["amount"]["string"], "时长")
        units = dict(fields["unit"]["selection"])
        self.assertEqual(
            [units[u] for u in ("working_hours", "working_days", "same_day", "time_of_day")],
            ["工作小时", "工作日", "当天下班前", "当日某时前"],
        )
        penalty = self.env["complaint.penalty"].with_context(lang="zh_CN").fields_get(["name"])
        self.assertEqual(penalty["name"]["string"], "罚款编号")

    def test_fine_rule_found_by_article_or_name(self):
        rule = self.env["complaint.penalty.rule"].create(
            {"code": "第九十九条", "name": "超时未回复投诉人", "amount": 50}
        )
        Rule = self.env["complaint.penalty.rule"]
        self.assertIn(rule.id, [r[0] for r in Rule.name_search("第九十九条")])
        self.assertIn(rule.id, [r[0] for r in Rule.name_search("未回复")])

    @freeze_time("2026-03-20 02:00:00")
    def test_sla_report_has_an_attainment_measure(self):
        self._policy(self.kind_resolve, 3, "days")
        on_time = self._judged(self._received(bj(2026, 3, 19, 10, 0)))
        late = self._judged(self._received(bj(2026, 3, 10, 10, 0)))
        running = self._received(bj(2026, 3, 20, 9, 0))  # still running: not counted
        on_time.action_resolve()
        late.action_resolve()
        Clock = self.env["complaint.clock"]
        domain = [("kind_id", "=", self.kind_resolve.id), ("complaint_id", "in", (on_time | late | running).ids)]
        self.assertEqual(sorted(Clock.search(domain).mapped("result")), ["late", "on_time", "pending"])
        [(rate,)] = Clock._read_group(domain, aggregates=["on_time_rate:avg"])
        self.assertAlmostEqual(rate, 50.0)
        groups = Clock.read_group(domain, ["on_time_rate:avg"], ["result"])
        self.assertEqual({g["result"]: g["on_time_rate"] for g in groups}.get("on_time"), 100.0)
        # the default filter reads as a period: this month
        action = self.env.ref("complaint_base.complaint_clock_action_sla")
        self.assertIn("search_default_filter_this_month", action.context)

    def test_holiday_years_read_without_separator(self):
        arch = self.env["complaint.holiday.year"].get_view(view_type="list")["arch"]
        self.assertIn("format", arch)

    def test_overdue_list_shows_date_and_time(self):
        action = self.env.ref("complaint_base.complaint_complaint_action_overdue")
        view = self.env.ref("complaint_base.complaint_complaint_view_list_overdue")
        self.assertEqual(action.view_ids[:1].view_id, view)
        self.assertNotIn("remaining_days", view.arch_db)


@tagged("post_install", "-at_install")
class TestReplyLetterWithoutPdf(DeadlineCase):
    def _no_pdf(self):
        return patch.object(type(self.env["ir.actions.report"]), "get_wkhtmltopdf_state", return_value="install")

    @freeze_time("2026-03-03 02:00:00")
    def test_letter_goes_out_without_pdf_and_meets_the_clock(self):
        self._policy(self.kind_reply, 48, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0), contact_email="zhangwei@example.com")
        complaint.write({"resolution": "<p>免费更换张紧轮</p>", "validity": "valid"})
        with self._no_pdf():
            action = complaint.with_user(self.user_a).action_send_reply_letter()
            composer = Form(self.env["mail.compose.message"].with_user(self.user_a).with_context(**action["context"]))
            composer.save().action_send_mail()
        self.assertEqual(self._clock(complaint, self.kind_reply).state, "met")
        letter = complaint.message_ids.filtered(lambda m: "免费更换张紧轮" in (m.body or ""))
        self.assertEqual(len(letter), 1)
        self.assertFalse(letter.attachment_ids)
        self.assertIn("wkhtmltopdf", letter.body)

    def test_letter_shows_no_markup_and_omits_empty_sections(self):
        complaint = self._complaint(
            description="<p>第一行<br>第二行，见 <a href='https://example.com/x'>照片</a></p>",
            customer_demand="免费检查\n书面说明",
            resolution="<p>已更换<br>零件</p>",
        )
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "complaint_base.report_complaint_reply_letter", complaint.ids
        )
        html = html.decode()
        self.assertNotIn("&lt;br", html)
        self.assertNotIn("&lt;a", html)
        self.assertRegex(html, r"免费检查<br\s*/?>\s*书面说明")
        self.assertIn("Measures taken", html)
        self.assertNotIn("Our investigation", html, "no investigation, no finding: the section is left out")
        self.assertNotIn("Prevention", html)
        record, __ = self.env["ir.actions.report"]._render_qweb_html(
            "complaint_base.report_complaint_registration", complaint.ids
        )
        self.assertNotIn("&lt;br", record.decode())
