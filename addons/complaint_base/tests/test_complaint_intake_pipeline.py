"""The one intake pipeline: uploads checked once (the portal chatter too),
HTML cleaned once, the field names of every channel declared once."""

from markupsafe import Markup

from odoo import http
from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..plugins import hookimpl, manager
from .common import ComplaintCase

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100
EXE = b"MZ\x90\x00" + b"\x00" * 100


@tagged("post_install", "-at_install")
class TestComplaintIntakePipeline(ComplaintCase):
    def test_portal_chatter_files_are_checked(self):
        complaint = self._complaint(partner_id=self.portal_user.partner_id.id)
        # as the chatter controller does: sudo() for the post, the portal user stays the author
        as_portal = complaint.with_user(self.portal_user).sudo()
        Message = self.env["mail.message"]

        def posted(text):
            return Message.search_count(
                [("model", "=", complaint._name), ("res_id", "=", complaint.id), ("body", "ilike", text)]
            )

        with self.assertRaises(ValidationError):
            as_portal.message_post(body="看附件", message_type="comment", attachments=[("virus.exe", EXE)])
        attachment = self.env["ir.attachment"].create(
            {"name": "big.png", "raw": PNG + b"0" * (5 * 1024 * 1024), "res_model": "mail.compose.message", "res_id": 0}
        )
        with self.assertRaises(ValidationError):
            as_portal.message_post(body="看附件", message_type="comment", attachment_ids=attachment.ids)
        self.assertFalse(posted("看附件"))
        as_portal.message_post(body="照片", message_type="comment", attachments=[("photo.png", PNG)])
        self.assertEqual(posted("照片"), 1)
        # the desk is not limited
        complaint.with_user(self.manager).message_post(
            body="内部", message_type="comment", attachments=[("tool.exe", EXE)]
        )

    def test_upload_check_is_one_function(self):
        Intake = self.env["complaint.intake"]
        self.assertEqual(Intake._check_uploads([("a.png", PNG)]), [])
        problems = Intake._check_uploads([("a.png", PNG), ("b.exe", EXE), ("c.txt", b"")])
        self.assertEqual([index for index, __ in problems], [1, 2])
        self.assertEqual(Intake._check_uploads([("a.png", PNG)] * 6)[0][0], None)

    def test_html_is_cleaned_once(self):
        Intake = self.env["complaint.intake"]
        # plain-text fields (subject, names) keep the words only
        self.assertEqual(Intake._plain_text("<script>alert(1)</script>空调不制冷"), ("空调不制冷", True))
        self.assertEqual(Intake._plain_text("<b>王五</b>"), ("王五", True))
        self.assertEqual(Intake._plain_text("价格 < 100 元 and 3 > 2"), ("价格 < 100 元 and 3 > 2", False))
        self.assertEqual(Intake._plain_text("<img src=x onerror=alert(1)>"), (None, True))
        self.assertEqual(Intake._plain_text("<script>never closed"), (None, True))
        # a description: HTML sanitized, plain text escaped
        html, unsafe = Intake._clean_html('<p>车内很热</p><img src="x" onerror="alert(3)">')
        self.assertTrue(unsafe)
        self.assertIn("车内很热", html)
        self.assertNotIn("onerror", html)
        self.assertEqual(Intake._clean_html("<p>好</p>"), (Markup("<p>好</p>"), False))
        html, unsafe = Intake._clean_html("a <script>b</script>", is_html=False)
        self.assertIn("&lt;script&gt;", html)
        self.assertFalse(unsafe)

    def test_mail_goes_through_the_pipeline(self):
        complaint = self.env["complaint.complaint"].message_new(
            {
                "subject": "投诉",
                "email_from": "王先生 <wang@example.com>",
                "body": '<p style="color: red">服务差</p><script>alert(1)</script>',
            }
        )
        self.assertIn("服务差", complaint.description)
        self.assertNotIn("script", complaint.description)
        self.assertEqual(complaint.contact_email, "wang@example.com")

    def test_plugin_category_code_is_applied(self):
        """``category_code`` of complaint_classify puts a complaint the caller
        did not categorise in that category, whose routing then applies."""
        refunds = self.env["complaint.category"].create({"name": "退款", "code": "REFUND-P", "team_id": self.team_b.id})

        class Plugin:
            @hookimpl
            def complaint_classify(self, values, sector):
                if "退款" in (values.get("subject") or ""):
                    return {"severity": "general", "category_code": "REFUND-P"}
                return None

        pm = manager.get_plugin_manager()
        pm.register_for_addon(Plugin(), "complaint_base", name="test:category_code")
        try:
            complaint = self._complaint(subject="退款迟迟不到账")
            self.assertRecordValues(complaint, [{"category_id": refunds.id, "team_id": self.team_b.id}])
            # a category the caller chose is kept
            chosen = self._complaint(subject="退款迟迟不到账", category_id=self.category_service.id)
            self.assertEqual(chosen.category_id, self.category_service)
        finally:
            pm.unregister(name="test:category_code")

    def test_unknown_reference_is_named(self):
        with self.assertRaisesRegex(ValidationError, "category"):
            self._complaint(category_id=999999)


@tagged("post_install", "-at_install")
class TestComplaintPortalUpload(HttpCase):
    def test_portal_upload_route_checks_the_file(self):
        portal = new_test_user(self.env, login="cb_upload", name="Portal Upload", groups="base.group_portal")
        complaint = self.env["complaint.complaint"].create(
            {"subject": "快递员态度恶劣", "partner_id": portal.partner_id.id}
        )
        self.authenticate("cb_upload", "cb_upload")

        def upload(name, data):
            with mute_logger("odoo.http"):
                return self.url_open(
                    "/mail/attachment/upload",
                    data={
                        "csrf_token": http.Request.csrf_token(self),
                        "thread_id": complaint.id,
                        "thread_model": "complaint.complaint",
                    },
                    files={"ufile": (name, data)},
                )

        self.assertEqual(upload("virus.exe", EXE).status_code, 400)
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "virus.exe")]))
        self.assertEqual(upload("photo.png", PNG).status_code, 200)
        self.assertTrue(self.env["ir.attachment"].search([("name", "=", "photo.png")]))
