from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintSettings(ComplaintCase):
    @freeze_time("2026-05-06 10:00:00")
    def test_reference_prefix_and_default_team(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        settings.complaint_reference_prefix = "KS%(year)s"
        settings.complaint_reference_padding = 5
        settings.complaint_default_team_id = self.team_b
        settings.execute()
        complaint = self._complaint()
        self.assertRegex(complaint.name, r"^KS2026\d{5}$")
        self.assertEqual(complaint.team_id, self.team_b)
        values = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(values.complaint_reference_prefix, "KS%(year)s")

    def test_bad_prefix_is_refused(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        settings.complaint_reference_prefix = "TS%(nonsense)s"
        with self.assertRaisesRegex(ValidationError, "not valid"):
            settings.execute()
        settings.complaint_reference_prefix = "TS"
        settings.complaint_reference_padding = 40
        with self.assertRaises(ValidationError):
            settings.execute()
