from freezegun import freeze_time

from odoo.tests import tagged

from .common import CourierCase, bj


@tagged("post_install", "-at_install")
class TestThreeStrikes(CourierCase):
    """第四条/第十三条/第十六条: unproven complaints are recorded against the
    person; at the third of the same kind all three are fined together."""

    def _unproven(self, when, staff=None, rule="rule_sto_04", **values):
        complaint = self._courier(
            when,
            courier_rule_id=self._article(rule).id,
            courier_staff_id=(staff or self.staff_a1).id,
            **values,
        )
        complaint.action_courier_establish()
        return complaint

    @freeze_time("2026-04-30 02:00:00")
    def test_the_third_fines_all_three_once(self):
        first = self._unproven(bj(2026, 3, 2, 10, 0))
        second = self._unproven(bj(2026, 3, 9, 10, 0))
        self.assertEqual((first.courier_breach_state, second.courier_breach_state), ("recorded", "recorded"))
        self.assertFalse(self._fines(self.outlet_a))
        self.assertEqual(self.staff_a1.recorded_count, 2)
        third = self._unproven(bj(2026, 4, 20, 10, 0))  # the strikes are not bound to a month
        group = first | second | third
        self.assertEqual(set(group.mapped("courier_breach_state")), {"fined"})
        self.assertEqual(set(group.mapped("courier_strike_group")), {1})
        fines = self._fines(self.outlet_a)
        self.assertEqual(sorted(fines.complaint_id.ids), sorted(group.ids))
        self.assertEqual(fines.mapped("amount"), [100.0, 100.0, 100.0])
        self.assertEqual(fines.courier_staff_id, self.staff_a1)
        for fine in fines:
            self.assertTrue(
                fine.breach_key.startswith(
                    f"courier:strike:staff:{self.staff_a1.id}:rule:{self._article('rule_sto_04').id}:group:1:"
                )
            )
        # run again, by hand and by the daily checks: the ledger says it is done
        third._courier_apply_strikes()
        self.env["complaint.complaint"]._cron_courier_network_checks(months=3)
        self.assertEqual(len(self._fines(self.outlet_a)), 3)
        # the next three make the second group
        fourth = self._unproven(bj(2026, 4, 21, 10, 0))
        fifth = self._unproven(bj(2026, 4, 22, 10, 0))
        self.assertEqual(len(self._fines(self.outlet_a)), 3)
        sixth = self._unproven(bj(2026, 4, 23, 10, 0))
        self.assertEqual(set((fourth | fifth | sixth).mapped("courier_strike_group")), {2})
        self.assertEqual(len(self._fines(self.outlet_a)), 6)

    @freeze_time("2026-03-02 02:00:00")
    def test_strikes_count_per_person_and_kind(self):
        self._unproven(bj(2026, 3, 2, 10, 0))
        self._unproven(bj(2026, 3, 3, 10, 0))
        self._unproven(bj(2026, 3, 4, 10, 0), staff=self.staff_a2)  # another person
        self._unproven(bj(2026, 3, 5, 10, 0), rule="rule_sto_16")  # another kind
        self._unproven(bj(2026, 3, 6, 10, 0), rule="rule_sto_13")  # another kind
        self.assertFalse(self._fines(self.outlet_a))
        # a proven one is fined at once and does not count as a strike
        proven = self._unproven(bj(2026, 3, 7, 10, 0), courier_evidence_surname="张")
        self.assertEqual(proven.courier_breach_state, "fined")
        self.assertEqual(len(self._fines(self.outlet_a)), 1)
        self.assertEqual(self.staff_a1.recorded_count, 4)

    @freeze_time("2026-03-02 02:00:00")
    def test_unknown_person_counts_against_the_outlet(self):
        complaints = self.env["complaint.complaint"]
        for day in (2, 3, 4):
            complaint = self._courier(bj(2026, 3, day, 10, 0), courier_rule_id=self._article("rule_sto_16").id)
            complaint.action_courier_establish()
            complaints |= complaint
        fines = self._fines(self.outlet_a)
        self.assertEqual(len(fines), 3)
        self.assertIn(f"courier:strike:outlet:{self.outlet_a.id}:", fines[0].breach_key)


@tagged("post_install", "-at_install")
class TestMonthlyRepeats(CourierCase):
    """Three or more complaints of the same kind against one outlet in a
    calendar month go to network management."""

    def _complaint_of(self, when, outlet=None, rule="rule_sto_07"):
        return self._courier(
            when, courier_outlet_id=(outlet or self.outlet_a).id, courier_rule_id=self._article(rule).id
        )

    def _referrals(self, outlet=None):
        return self.env["courier.referral"].search([("outlet_id", "=", (outlet or self.outlet_a).id)])

    @freeze_time("2026-03-31 02:00:00")
    def test_the_third_of_a_month_refers_the_outlet(self):
        self._complaint_of(bj(2026, 2, 28, 10, 0))  # February
        first = self._complaint_of(bj(2026, 3, 1, 0, 30))  # 1 March in Beijing, still February in UTC
        second = self._complaint_of(bj(2026, 3, 12, 10, 0))
        self._complaint_of(bj(2026, 3, 13, 10, 0), rule="rule_sto_12")  # another kind
        self._complaint_of(bj(2026, 3, 14, 10, 0), outlet=self.outlet_b)  # another outlet
        self.assertFalse(self._referrals())
        self.assertFalse(self.outlet_a.is_referred)
        third = self._complaint_of(bj(2026, 3, 31, 23, 0))  # 31 March in Beijing, still March
        referral = self._referrals()
        self.assertRecordValues(
            referral,
            [{"rule_id": self._article("rule_sto_07").id, "state": "open", "complaint_count": 3}],
        )
        self.assertEqual(referral.month.isoformat(), "2026-03-01")
        self.assertEqual(referral.complaint_ids, first | second | third)
        self.assertTrue(self.outlet_a.is_referred)
        self.assertFalse(self._referrals(self.outlet_b))
        # network management is told, once
        notes = referral.message_ids.filtered(lambda m: self.network_user.partner_id in m.partner_ids)
        self.assertEqual(len(notes), 1)
        # a fourth joins the same referral; the checks add nothing
        fourth = self._complaint_of(bj(2026, 3, 20, 10, 0))
        self.env["complaint.complaint"]._cron_courier_network_checks()
        self.assertEqual(self._referrals(), referral)
        self.assertIn(fourth, referral.complaint_ids)
        self.assertEqual(len(referral.message_ids.filtered(lambda m: self.network_user.partner_id in m.partner_ids)), 1)
        # network management deals with it
        referral.with_user(self.network_user).action_start()
        referral.with_user(self.network_user).write({"decision": "约谈负责人，暂停新增承包区一个月"})
        referral.with_user(self.network_user).action_done()
        self.assertFalse(self.outlet_a.is_referred)

    @freeze_time("2026-03-31 02:00:00")
    def test_unfounded_complaints_do_not_count(self):
        complaints = [self._complaint_of(bj(2026, 3, day, 10, 0)) for day in (2, 3)]
        complaints[0].action_courier_unfounded()
        self._complaint_of(bj(2026, 3, 4, 10, 0))
        self.assertFalse(self._referrals())
        self._complaint_of(bj(2026, 3, 5, 10, 0))
        self.assertEqual(self._referrals().complaint_count, 3)

    @freeze_time("2026-03-31 02:00:00")
    def test_complaints_classified_later_count_too(self):
        complaints = [self._courier(bj(2026, 3, day, 10, 0)) for day in (2, 3, 4)]
        self.assertFalse(self._referrals())
        for complaint in complaints:
            complaint.courier_rule_id = self._article("rule_sto_23_1")
        self.assertEqual(len(self._referrals()), 1)
