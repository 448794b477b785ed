from freezegun import freeze_time

from odoo.tests import tagged

from .common import CourierCase, bj


@tagged("post_install", "-at_install")
class TestCourierRecurring(CourierCase):
    """The courier's recurring complaints are keyed by type and outlet (the
    ``complaint_recurring_key`` hook); other sectors keep the base's key."""

    @freeze_time("2026-03-20 02:00:00")
    def test_same_type_against_the_same_outlet(self):
        self.company.write({"complaint_recurring_threshold": 3, "complaint_recurring_window_days": 30})
        Partner = self.env["res.partner"]
        outlet_a = self.env["complaint.complaint"]
        for day, staff in ((2, self.staff_a1), (5, self.staff_a2), (9, self.staff_a1)):
            # three couriers or contacts complained about, one outlet
            outlet_a |= self._courier(
                bj(2026, 3, day, 10, 0),
                courier_staff_id=staff.id,
                respondent_partner_id=Partner.create({"name": f"快递员{day}"}).id,
            )
        self._courier(bj(2026, 3, 6, 10, 0), courier_outlet_id=self.outlet_b.id)
        self._courier(bj(2026, 3, 7, 10, 0), category_id=self.category_query.id)
        # three general complaints against one respondent, in the same category
        respondent = Partner.create({"name": "某供应商"})
        general = self.env["complaint.complaint"]
        for day in (3, 4, 8):
            general |= self._received(
                bj(2026, 3, day, 10, 0), category_id=self.category_attitude.id, respondent_partner_id=respondent.id
            )
        Complaint = self.env["complaint.complaint"]
        self.assertEqual(Complaint._recurring_key_fields("courier"), ("category_id", "courier_outlet_id"))
        groups = {tuple(g["complaint_ids"]): g for g in Complaint._recurring_groups()}
        self.assertEqual(set(groups), {tuple(sorted(outlet_a.ids)), tuple(sorted(general.ids))})
        courier = groups[tuple(sorted(outlet_a.ids))]
        self.assertEqual(courier["label"], f"{self.category_attitude.display_name} / {self.outlet_a.display_name}")
        self.assertFalse(courier["respondent_id"])
        self.assertEqual(groups[tuple(sorted(general.ids))]["respondent_id"], respondent.id)
        # the improvement action of the group remembers the outlet for its effectiveness check
        action = self.env["complaint.improvement"]._open_from_complaints(outlet_a, key=courier["key"])
        self.assertEqual(action.recurring_key, courier["key"])
        self.assertIn(("courier_outlet_id", "=", self.outlet_a.id), action._recurrence_domain(bj(2026, 6, 1, 0, 0)))
