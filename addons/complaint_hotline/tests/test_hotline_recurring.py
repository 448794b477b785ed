from freezegun import freeze_time

from odoo.tests import tagged

from .common import HotlineCase, bj


@tagged("post_install", "-at_install")
class TestHotlineRecurring(HotlineCase):
    """The hotline's recurring complaints are keyed by category and area (the
    ``complaint_recurring_key`` hook): calls name no respondent."""

    @freeze_time("2026-03-20 02:00:00")
    def test_same_category_from_the_same_area(self):
        self.env.company.write({"complaint_recurring_threshold": 3, "complaint_recurring_window_days": 30})
        street = self.env["complaint.complaint"]
        for day in (2, 5, 9):
            street |= self._order(bj(2026, 3, day, 10, 0), category_id=self.cat_water.id,
                                  hotline_area_id=self.street_area.id)  # fmt: skip
        # the same category elsewhere, another category in the street: not with them
        self._order(bj(2026, 3, 6, 10, 0), category_id=self.cat_water.id, hotline_area_id=self.district.id)
        self._order(bj(2026, 3, 7, 10, 0), category_id=self.cat_noise.id, hotline_area_id=self.street_area.id)
        Complaint = self.env["complaint.complaint"]
        self.assertEqual(Complaint._recurring_key_fields("hotline"), ("category_id", "hotline_area_id"))
        groups = [g for g in Complaint._recurring_groups() if set(g["complaint_ids"]) & set(street.ids)]
        self.assertEqual([sorted(g["complaint_ids"]) for g in groups], [sorted(street.ids)])
        self.assertEqual(groups[0]["label"], f"{self.cat_water.display_name} / {self.street_area.display_name}")
