from freezegun import freeze_time

from odoo.tests import tagged

from .common import EmployeeCase, bj


@tagged("post_install", "-at_install")
class TestEmployeeDigest(EmployeeCase):
    """Officers learn of new reports once a day, never when one arrives."""

    def _notes(self, user):
        return self.env["mail.message"].search(
            [("partner_ids", "in", user.partner_id.ids), ("subject", "=", "Grievances filed yesterday")]
        )

    def test_one_note_a_day_to_each_officer(self):
        with freeze_time(bj(2026, 9, 1, 15, 0)):
            self._grievance(bj(2026, 9, 1, 15, 0), path="anonymous")
            self._grievance(bj(2026, 9, 1, 9, 0))
        self.assertFalse(self._notes(self.officer), "nothing when the report arrives")
        Complaint = self.env["complaint.complaint"]
        with freeze_time(bj(2026, 9, 2, 7, 0)):
            Complaint._cron_employee_new_reports_digest()
            Complaint._cron_employee_new_reports_digest()
        notes = self._notes(self.officer)
        self.assertEqual(len(notes), 1, "once a day")
        self.assertIn("2 new grievance(s) filed on 2026-09-01", notes.body)
        self.assertEqual(len(self._notes(self.officer2)), 1)
        self.assertFalse(self._notes(self.manager), "officers only")
        self.assertEqual(notes.author_id, self.env.ref("base.partner_root"))
