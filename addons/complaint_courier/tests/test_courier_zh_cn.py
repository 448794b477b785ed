from odoo.tests import tagged

from .common import CourierCase


@tagged("post_install", "-at_install")
class TestCourierTextsInCompanyLanguage(CourierCase):
    def test_phone_history_reads_in_the_company_language(self):
        """ "Phone number registered … (Responsible Manager)" was written in the
        language of whoever registered the number (English for the demo's
        install): the outlet's history reads in the company's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_courier"], ["zh_CN"], overwrite=True)
        self.company.partner_id.lang = "zh_CN"
        phone = (
            self.env["courier.outlet.phone"]
            .with_context(lang="en_US", tracking_disable=False)
            .create({"outlet_id": self.outlet_a.id, "number": "13800138000", "purpose": "manager"})
        )
        body = str(self.outlet_a.message_ids[:1].body)
        self.assertIn("13800138000", body)
        self.assertNotIn("registered", body)
        self.assertNotIn("Responsible Manager", body)
        phone.with_context(lang="en_US").number = "13800138001"
        body = str(self.outlet_a.message_ids[:1].body)
        self.assertIn("13800138001", body)
        self.assertNotIn("changed", body)
