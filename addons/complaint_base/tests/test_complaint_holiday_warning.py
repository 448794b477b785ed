from freezegun import freeze_time

from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestHolidayYearWarning(ComplaintCase):
    """From 1 October (Beijing date), administrators are warned when next
    year's public holidays are missing: one activity per missing year."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["complaint_base"], ["zh_CN"], overwrite=True)
        cls.company.partner_id.lang = "zh_CN"
        Year = cls.env["complaint.holiday.year"]
        cls.cn = cls.env.ref("base.cn")
        # only the shipped 2025 and 2026 schedules, whatever the day the suite runs
        Year.with_context(active_test=False).search([("year", ">", 2026)]).unlink()
        cls.y2026 = cls.env.ref("complaint_base.holiday_year_cn_2026")
        cls.activity_type = cls.env.ref("complaint_base.mail_activity_type_holiday_missing")
        cls.env["mail.activity"].search([("activity_type_id", "=", cls.activity_type.id)]).unlink()

    def _warnings(self):
        return self.env["mail.activity"].search(
            [("res_model", "=", "complaint.holiday.year"), ("activity_type_id", "=", self.activity_type.id)]
        )

    def _run(self):
        self.env["complaint.holiday.year"]._cron_warn_missing_years()
        return self._warnings()

    @freeze_time("2026-09-30 12:00:00")  # 20:00 in Beijing, still 30 September
    def test_nothing_before_october(self):
        self.assertFalse(self._run())
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertFalse(settings.complaint_holiday_warning)

    @freeze_time("2026-09-30 17:00:00")  # 1 October 01:00 in Beijing
    def test_one_activity_from_october_first(self):
        warnings = self._run()
        self.assertEqual(len(warnings), 1)
        self.assertEqual(warnings.res_id, self.y2026.id)
        self.assertTrue(warnings.user_id.has_group("complaint_base.group_complaint_admin"))
        self.assertFalse(warnings.user_id.share)
        # written in the company's language
        self.assertIn("2027", warnings.summary)
        self.assertIn("法定节假日", warnings.summary)
        self.assertIn("春节", str(warnings.note))
        # the next day's run adds nothing
        self.assertEqual(self._run(), warnings)
        with freeze_time("2026-10-02 01:00:00"):
            self.assertEqual(self._run(), warnings)
        # Settings show the banner too
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertIn("2027", settings.complaint_holiday_warning)

    @freeze_time("2026-10-01 02:00:00")
    def test_no_activity_when_next_year_is_entered(self):
        self.env["complaint.holiday.year"].create({"name": "2027年节假日", "year": 2027, "country_id": self.cn.id})
        self.assertFalse(self._run())
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertFalse(settings.complaint_holiday_warning)

    @freeze_time("2026-10-01 02:00:00")
    def test_entering_the_year_closes_the_warning(self):
        self.assertEqual(len(self._run()), 1)
        self.env["complaint.holiday.year"].create({"name": "2027年节假日", "year": 2027, "country_id": self.cn.id})
        self.assertFalse(self._warnings())
        self.assertFalse(self._run())

    @freeze_time("2027-02-01 02:00:00")
    def test_this_year_missing_is_warned_at_any_time(self):
        warnings = self._run()
        self.assertEqual(len(warnings), 1)
        self.assertIn("2027", warnings.summary)
