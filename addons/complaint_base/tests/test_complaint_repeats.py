from freezegun import freeze_time

from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestRepeatedComplaints(ComplaintCase):
    @freeze_time("2026-03-10 02:00:00")
    def test_same_contact_similar_subject_is_a_repeat(self):
        first = self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
        again = self._complaint(subject="发动机异响，保养后更严重了", contact_phone="13811112222")
        self.assertRecordValues(
            again, [{"is_repeated": True, "repeat_of_id": first.id, "severity": "major", "is_major": True}]
        )
        self.assertIn(first.name, again.message_ids[0].body)
        self.assertFalse(first.is_repeated)

    @freeze_time("2026-03-10 02:00:00")
    def test_same_category_counts_and_severity_climbs(self):
        base = {"contact_email": "li@example.com", "contact_phone": False, "category_id": self.category_service.id}
        self._complaint(subject="前台态度冷淡", severity="major", **base)
        again = self._complaint(subject="等候太久无人理会", severity="major", **base)
        self.assertEqual((again.is_repeated, again.severity), (True, "critical"))

    @freeze_time("2026-03-10 02:00:00")
    def test_not_a_repeat(self):
        self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
        other_matter = self._complaint(subject="前台接待态度冷淡", contact_phone="13811112222")
        other_person = self._complaint(subject="保养后发动机异响", contact_phone="13900000000")
        anonymous = self._complaint(subject="保养后发动机异响", contact_phone="13811112222", is_anonymous=True)
        self.assertFalse((other_matter | other_person | anonymous).filtered("is_repeated"))

    def test_old_closed_complaints_are_not_repeats(self):
        with freeze_time("2026-01-01 02:00:00"):
            old = self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
            old.stage_id = self.stage_closed
        with freeze_time("2026-03-10 02:00:00"):
            again = self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
        self.assertFalse(again.is_repeated)
        self.env["ir.config_parameter"].set_param("complaint_base.repeat_window_days", 120)
        self.env["ir.config_parameter"].set_param("complaint_base.repeat_raise_severity", "False")
        with freeze_time("2026-03-11 02:00:00"):
            third = self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
        self.assertEqual((third.is_repeated, third.severity), (True, "general"))
