from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintSettings(ComplaintCase):
    @freeze_time("2026-05-06 10:00:00")
    def test_reference_prefix_and_default_team(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        settings.complaint_reference_code = "KS"
        settings.complaint_reference_year = "full"
        settings.complaint_reference_separator = ""
        settings.complaint_reference_padding = 5
        settings.complaint_default_team_id = self.team_b
        settings.execute()
        complaint = self._complaint()
        self.assertRegex(complaint.name, r"^KS2026\d{5}$")
        self.assertEqual(complaint.team_id, self.team_b)
        values = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertRecordValues(
            values,
            [
                {
                    "complaint_reference_prefix": "KS%(year)s",
                    "complaint_reference_code": "KS",
                    "complaint_reference_year": "full",
                    "complaint_reference_separator": False,
                    "complaint_reference_custom": False,
                }
            ],
        )

    def test_bad_prefix_is_refused(self):
        # a pattern set on the technical sequence, which the settings keep as it is
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        settings.complaint_reference_prefix = "TS%(nonsense)s"
        with self.assertRaisesRegex(ValidationError, "not valid"):
            settings.execute()
        settings.complaint_reference_prefix = "TS"
        settings.complaint_reference_padding = 40
        with self.assertRaises(ValidationError):
            settings.execute()


@tagged("post_install", "-at_install")
class TestComplaintReferenceSettings(ComplaintCase):
    """The reference is set as a prefix, the year or not, a separator and the
    digits; the sequence keeps its technical prefix, which the settings read
    back into the same parts and never rewrite unless a part changes."""

    def setUp(self):
        super().setUp()
        self.sequence = self.env.ref("complaint_base.seq_complaint_complaint")
        self.sequence.write({"prefix": "TS%(year)s-", "padding": 6, "company_id": False})

    def _settings(self):
        return self.env["res.config.settings"].with_user(self.admin).create({})

    @freeze_time("2026-05-06 10:00:00")
    def test_the_shipped_pattern_reads_as_parts(self):
        settings = self._settings()
        self.assertRecordValues(
            settings,
            [
                {
                    "complaint_reference_code": "TS",
                    "complaint_reference_year": "full",
                    "complaint_reference_separator": "-",
                    "complaint_reference_padding": 6,
                    "complaint_reference_example": "TS2026-000001",
                    "complaint_reference_custom": False,
                }
            ],
        )
        # saved as it is: the sequence is not rewritten
        write_date = self.sequence.write_date
        settings.execute()
        self.assertEqual(self.sequence.prefix, "TS%(year)s-")
        self.assertEqual(self.sequence.write_date, write_date)

    @freeze_time("2026-05-06 10:00:00")
    def test_parts_round_trip_through_the_sequence(self):
        for code, year, separator, prefix, reference in (
            ("TS", "short", "-", "TS%(y)s-", r"^TS26-\d{6}$"),
            ("TS", "none", "-", "TS-", r"^TS-\d{6}$"),
            ("KS", "full", "", "KS%(year)s", r"^KS2026\d{6}$"),
            ("投诉", "full", "/", "投诉%(year)s/", r"^投诉2026/\d{6}$"),
            ("A%B", "none", "", "A%%B", r"^A%B\d{6}$"),
        ):
            with self.subTest(prefix=prefix):
                settings = self._settings()
                settings.write(
                    {
                        "complaint_reference_code": code,
                        "complaint_reference_year": year,
                        "complaint_reference_separator": separator,
                    }
                )
                settings.execute()
                self.assertEqual(self.sequence.prefix, prefix)
                self.assertRegex(self._complaint().name, reference)
                again = self._settings()
                self.assertEqual(
                    (
                        again.complaint_reference_code,
                        again.complaint_reference_year,
                        again.complaint_reference_separator or "",
                    ),
                    (code, year, separator),
                )
                self.assertNotIn("%(", again.complaint_reference_example)

    @freeze_time("2026-05-06 10:00:00")
    def test_a_pattern_set_on_the_sequence_is_kept_until_a_part_changes(self):
        self.sequence.prefix = "TS%(year)s%(month)s-"
        settings = self._settings()
        self.assertTrue(settings.complaint_reference_custom)
        self.assertEqual(settings.complaint_reference_example, "TS202605-000001")
        self.assertEqual(
            (settings.complaint_reference_code, settings.complaint_reference_year),
            ("TS", "full"),
        )
        settings.execute()
        self.assertEqual(self.sequence.prefix, "TS%(year)s%(month)s-")
        # a part changed: the parts make the pattern
        settings = self._settings()
        settings.complaint_reference_code = "KS"
        self.assertFalse(settings.complaint_reference_custom)
        self.assertEqual(settings.complaint_reference_example, "KS2026-000001")
        settings.execute()
        self.assertEqual(self.sequence.prefix, "KS%(year)s-")

    def test_a_complaint_user_cannot_change_the_reference(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.user_own).create(
                {"complaint_reference_code": "XX"}
            ).execute()
        self.assertEqual(self.sequence.prefix, "TS%(year)s-")
