import psycopg2.errors

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintValidation(ComplaintCase):
    def test_missing_subject(self):
        with self.assertRaisesRegex(ValidationError, "needs a subject"):
            self._complaint(subject="   ")

    def test_unparseable_email_and_phone(self):
        with self.assertRaisesRegex(ValidationError, "e-mail address is not valid"):
            self._complaint(contact_email="zhang at example")
        with self.assertRaisesRegex(ValidationError, "phone number is not valid"):
            self._complaint(contact_phone="call me")

    def test_missing_contact_on_a_named_complaint(self):
        with self.assertRaisesRegex(ValidationError, "mark the complaint as anonymous"):
            self._complaint(contact_name=False, contact_phone=False)
        anonymous = self._complaint(contact_name=False, contact_phone=False, is_anonymous=True)
        self.assertTrue(anonymous.is_anonymous)

    def test_anonymous_refused_when_switched_off(self):
        self.env["ir.config_parameter"].set_param("complaint_base.allow_anonymous", False)
        with self.assertRaisesRegex(ValidationError, "does not accept anonymous"):
            self._complaint(is_anonymous=True)

    def test_unknown_channel_and_category(self):
        missing = self.env["complaint.channel"].search([], order="id desc", limit=1).id + 1000
        with self.assertRaisesRegex(ValidationError, "Unknown channel"):
            self._complaint(channel_id=missing)
        category = self.env["complaint.category"].create({"name": "临时"})
        category_id = category.id
        category.unlink()
        with self.assertRaisesRegex(ValidationError, "Unknown category"):
            self._complaint(category_id=category_id)

    def test_script_is_sanitized(self):
        complaint = self._complaint(
            description='<p>噪音<script>alert("x")</script><img src=x onerror="alert(1)"></p>',
        )
        self.assertNotIn("<script", complaint.description)
        self.assertNotIn("onerror", complaint.description)
        self.assertIn("噪音", complaint.description)
        complaint.investigation = '<p onclick="steal()">查明</p><iframe src="http://evil"></iframe>'
        self.assertNotIn("onclick", complaint.investigation)
        self.assertNotIn("iframe", complaint.investigation)

    def test_failed_write_loses_nothing(self):
        complaint = self._complaint(contact_email="zhang@example.com", customer_demand="免费检查")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            complaint.write({"contact_email": "broken", "customer_demand": "changed"})
        complaint.invalidate_recordset()
        self.assertEqual(complaint.contact_email, "zhang@example.com")
        self.assertEqual(complaint.customer_demand, "免费检查")

    def test_messages_are_translated(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_base"], ["zh_CN"], overwrite=True)
        Complaint = self.env["complaint.complaint"].with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "主题"):
            Complaint.create({"subject": " ", "is_anonymous": True})

    def test_negative_compensation(self):
        complaint = self._complaint()
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            complaint.compensation_amount = -5
            complaint.flush_recordset()

    def test_party_contact_details(self):
        with self.assertRaisesRegex(ValidationError, "not valid"):
            self._complaint(party_ids=[(0, 0, {"role": "witness", "name": "王五", "email": "nope"})])
