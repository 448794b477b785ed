from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common_deadlines import DeadlineCase, bj


@tagged("post_install", "-at_install")
class TestComplaintReports(DeadlineCase):
    def _handled(self, **values):
        return self._complaint(
            subject="保养后发动机异响",
            description="<p>取车后冷启动异响</p>",
            customer_demand="免费检查",
            investigation="<p>检查发现正时皮带张紧轮松动</p>",
            determination="our_fault",
            resolution="<p>免费更换张紧轮</p>",
            preventive_action="加强保养后路试检查",
            compensation_amount=200,
            **values,
        )

    def _html(self, report, complaint):
        html, __ = self.env["ir.actions.report"]._render_qweb_html(report, complaint.ids)
        return html.decode()

    def test_reply_letter_has_the_four_parts(self):
        complaint = self._handled()
        html = self._html("complaint_base.report_complaint_reply_letter", complaint)
        for text in (
            complaint.name,
            "张伟",
            "取车后冷启动异响",
            "免费检查",
            "正时皮带张紧轮松动",
            "免费更换张紧轮",
            "加强保养后路试检查",
            "apologise",
        ):
            self.assertIn(text, html)

    def test_reply_letter_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_base"], ["zh_CN"], overwrite=True)
        complaint = self._handled()
        html, __ = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html("complaint_base.report_complaint_reply_letter", complaint.ids)
        )
        self.assertIn("投诉回复函", html.decode())

    def test_registration_record_hides_an_anonymous_identity(self):
        named = self._handled()
        anonymous = self._handled(is_anonymous=True, contact_name="不应出现", contact_phone="13700009999")
        self.assertIn(named.contact_phone, self._html("complaint_base.report_complaint_registration", named))
        html = self._html("complaint_base.report_complaint_registration", anonymous)
        self.assertNotIn("13700009999", html)
        self.assertNotIn("不应出现", html)

    @freeze_time("2026-03-03 02:00:00")
    def test_sending_the_letter_meets_the_reply_clock(self):
        self._policy(self.kind_reply, 48, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0), contact_email="zhangwei@example.com")
        action = complaint.with_user(self.user_a).action_send_reply_letter()
        # a server that makes PDFs (under tests, Odoo renders the HTML in their place)
        with patch.object(type(self.env["ir.actions.report"]), "get_wkhtmltopdf_state", return_value="ok"):
            composer = Form(self.env["mail.compose.message"].with_user(self.user_a).with_context(**action["context"]))
            composer.save().action_send_mail()
        clock = self._clock(complaint, self.kind_reply)
        self.assertEqual(clock.state, "met")
        letter = complaint.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(letter)
        self.assertIn(complaint.name, letter.attachment_ids.name)
