from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CourierCase, bj


@tagged("post_install", "-at_install")
class TestCourierDeadlines(CourierCase):
    """The deadline articles run on the base clocks; their fines reach the
    base ledger through the scheduler's escalation steps and the plugins."""

    def _lines(self, complaint):
        return sorted((p.rule_code, p.amount, p.partner_id.id) for p in self._fines(complaint))

    @freeze_time("2026-03-03 02:00:00")
    def test_query_feedback_within_two_hours_and_by_five(self):
        """第二条（二）: 2 hours after a query; 第二十二条: by 17:00 the same day."""
        self._policy(self.kind_contact, 2, "hours")  # a generic policy, without sector
        query = self._courier(bj(2026, 3, 3, 10, 0), category_id=self.category_query.id)
        other = self._courier(bj(2026, 3, 3, 10, 0), category_id=self.category_attitude.id)
        general = self._received(bj(2026, 3, 3, 10, 0))
        self.assertTrue(self._clock(general, self.kind_contact))
        self.assertFalse(self._clock(general, self._kind("courier_same_day")))
        self.assertEqual(self._clock(query, self._kind("courier_query")).date_due, bj(2026, 3, 3, 12, 0))
        self.assertEqual(self._clock(query, self._kind("courier_same_day")).date_due, bj(2026, 3, 3, 17, 0))
        self.assertFalse(self._clock(other, self._kind("courier_query")), "only queries have the 2-hour clock")
        self.assertEqual(self._clock(other, self._kind("courier_same_day")).date_due, bj(2026, 3, 3, 17, 0))
        self.assertFalse(self._clock(query, self.kind_contact), "courier complaints run on the courier schedule")
        with freeze_time(bj(2026, 3, 3, 11, 59)):
            self._run_scheduler()
        self.assertFalse(self._fines(query))
        with freeze_time(bj(2026, 3, 3, 12, 1)):
            self._run_scheduler()
            self._run_scheduler()
        self.assertEqual(self._lines(query), [("STO-02-2", 200.0, self.outlet_a.partner_id.id)])
        fine = self._fines(query)
        self.assertEqual(fine.date, bj(2026, 3, 3, 12, 0), "dated at the breach")
        self.assertEqual(fine.courier_outlet_id, self.outlet_a)
        with freeze_time(bj(2026, 3, 3, 17, 1)):
            self._run_scheduler()
        self.assertEqual(
            self._lines(query),
            [("STO-02-2", 200.0, self.outlet_a.partner_id.id), ("STO-22", 100.0, self.outlet_a.partner_id.id)],
        )
        self.assertEqual(self._lines(other), [("STO-22", 100.0, self.outlet_a.partner_id.id)])

    @freeze_time("2026-03-03 02:00:00")
    def test_fine_waits_until_the_outlet_is_named(self):
        """A query without an outlet breaches its 2-hour clock: nobody to fine
        yet.  Naming the outlet later levies the outlet's fine, once."""
        query = self._courier(bj(2026, 3, 3, 10, 0), category_id=self.category_query.id, courier_outlet_id=False)
        with freeze_time(bj(2026, 3, 3, 12, 1)):
            self._run_scheduler()
        self.assertFalse(self._fines(query))
        with freeze_time(bj(2026, 3, 3, 13, 0)):
            query.courier_outlet_id = self.outlet_a
            self._run_scheduler()
        self.assertEqual(self._lines(query), [("STO-02-2", 200.0, self.outlet_a.partner_id.id)])
        with freeze_time(bj(2026, 3, 3, 13, 30)):
            query.courier_outlet_id = self.outlet_b
            self._run_scheduler()
        self.assertEqual(self._lines(query), [("STO-02-2", 200.0, self.outlet_a.partner_id.id)], "levied once")

    @freeze_time("2026-03-03 02:00:00")
    def test_feedback_in_time_costs_nothing(self):
        query = self._courier(bj(2026, 3, 3, 10, 0), category_id=self.category_query.id)
        with freeze_time(bj(2026, 3, 3, 11, 30)):
            query._courier_outlet_answer("已查到，快件在派送途中，预计下午送达。", self.outlet_manager_a.partner_id)
        self.assertEqual(
            set(query.clock_ids.filtered(lambda c: c.kind_id.stop_event == "outlet_feedback").mapped("state")), {"met"}
        )
        self.assertTrue(query.courier_outlet_answer)
        with freeze_time(bj(2026, 3, 4, 9, 0)):
            self._run_scheduler()
        self.assertFalse(self._fines(query))

    @freeze_time("2026-03-03 02:00:00")
    def test_after_five_the_feedback_is_due_the_next_working_day(self):
        late = self._courier(bj(2026, 3, 6, 18, 0))  # a Friday evening
        self.assertEqual(self._clock(late, self._kind("courier_same_day")).date_due, bj(2026, 3, 9, 17, 0))

    @freeze_time("2026-03-03 02:00:00")
    def test_apology_within_24_hours(self):
        """第十三条: the outlet is told to apologise; 24 hours later it is fined 50."""
        late = self._courier(bj(2026, 3, 3, 9, 0))
        on_time = self._courier(bj(2026, 3, 3, 9, 0))
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            (late | on_time).action_courier_order_apology()
        self.assertEqual(self._clock(late, self._kind("courier_apology")).date_due, bj(2026, 3, 4, 10, 0))
        with freeze_time(bj(2026, 3, 4, 9, 0)):
            on_time.action_courier_apology_given()
        with freeze_time(bj(2026, 3, 4, 10, 1)):
            self._run_scheduler()
        self.assertIn(("STO-13", 50.0, self.outlet_a.partner_id.id), self._lines(late))
        self.assertNotIn("STO-13", self._fines(on_time).mapped("rule_code"))

    @freeze_time("2026-03-03 02:00:00")
    def test_outlet_reachable_within_fifteen_minutes(self):
        """第十八条: every call head office cannot get through within 15 minutes
        costs 100-1000 by severity."""
        complaint = self._courier(bj(2026, 3, 3, 10, 0), severity="major")
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            complaint.action_courier_call_outlet()
            with self.assertRaises(UserError):
                complaint.action_courier_call_outlet()
        with freeze_time(bj(2026, 3, 3, 10, 16)):
            self._run_scheduler()
        self.assertEqual(self._fines(complaint).filtered(lambda p: p.rule_code == "STO-18-1").amount, 550.0)
        with freeze_time(bj(2026, 3, 3, 10, 20)):
            complaint.action_courier_outlet_reached()
            complaint.action_courier_call_outlet()  # a second call, its own clock
        with freeze_time(bj(2026, 3, 3, 10, 30)):
            complaint.action_courier_outlet_reached()
        with freeze_time(bj(2026, 3, 3, 11, 0)):
            self._run_scheduler()
        reach = complaint.clock_ids.filtered(lambda c: c.kind_id == self._kind("courier_reach"))
        self.assertEqual(sorted(reach.mapped("result")), ["late", "on_time"])
        self.assertEqual(len(self._fines(complaint).filtered(lambda p: p.rule_code == "STO-18-1")), 1)

    def _claim(self, claim_type, when, **values):
        complaint = self._courier(when, category_id=self.category_query.id)
        with freeze_time(when):
            complaint._courier_outlet_answer("已受理", self.outlet_manager_a.partner_id)
        claim = (
            self.env["courier.claim"]
            .with_user(self.user_a)
            .create(
                {
                    "complaint_id": complaint.id,
                    "claim_type": claim_type,
                    "amount_claimed": 500,
                    "date_filed": when,
                    **values,
                }
            )
        )
        claim.action_file()
        return claim

    def _claim_fines(self, claim):
        return sorted((p.clock_id.kind_id.code, p.rule_code, p.amount) for p in self._fines(claim.complaint_id))

    @freeze_time("2026-03-02 02:00:00")
    def test_loss_claim_settled_within_a_month(self):
        """第二条第2款: a loss claim agreed or paid within 1 month, else 200."""
        late = self._claim("loss", bj(2026, 3, 2, 10, 0))
        settled = self._claim("loss", bj(2026, 3, 2, 10, 0))
        self.assertEqual(
            self._clock(late.complaint_id, self._kind("courier_claim_loss")).date_due, bj(2026, 4, 2, 10, 0)
        )
        with freeze_time(bj(2026, 3, 25, 10, 0)):
            settled.amount_agreed = 400
            settled.action_agree()
        with freeze_time(bj(2026, 4, 2, 10, 1)):
            self._run_scheduler()
        self.assertEqual(self._claim_fines(late), [("courier_claim_loss", "STO-02-L", 200.0)])
        self.assertFalse(self._claim_fines(settled))
        self.assertEqual(late.outlet_id, self.outlet_a)

    @freeze_time("2026-03-02 02:00:00")
    def test_delay_and_damage_claim_stages(self):
        """第二条第3款: accepted within 3 working days, handled within 10,
        paid within a month; each stage missed costs 200."""
        claim = self._claim("damage", bj(2026, 3, 2, 10, 0))  # a Monday
        complaint = claim.complaint_id
        self.assertEqual(self._clock(complaint, self._kind("courier_claim_accept")).date_due, bj(2026, 3, 5, 10, 0))
        self.assertEqual(self._clock(complaint, self._kind("courier_claim_handle")).date_due, bj(2026, 3, 16, 10, 0))
        self.assertEqual(self._clock(complaint, self._kind("courier_claim_pay")).date_due, bj(2026, 4, 2, 10, 0))
        with freeze_time(bj(2026, 3, 4, 15, 0)):
            claim.action_accept()
        with freeze_time(bj(2026, 3, 16, 10, 1)):
            self._run_scheduler()
        self.assertEqual(self._claim_fines(claim), [("courier_claim_handle", "STO-02-3", 200.0)])
        with freeze_time(bj(2026, 3, 18, 10, 0)):
            claim.amount_agreed = 450
            claim.action_agree()
        with freeze_time(bj(2026, 3, 30, 10, 0)):
            claim.action_pay()
        with freeze_time(bj(2026, 4, 2, 10, 0)):
            self._run_scheduler()
        self.assertEqual(self._claim_fines(claim), [("courier_claim_handle", "STO-02-3", 200.0)])
        self.assertRecordValues(claim, [{"state": "paid", "amount_paid": 450.0}])
        self.assertEqual(complaint.compensation_amount, 450.0, "compensation recorded apart from the fines")
        self.assertEqual(sum(self._fines(complaint).mapped("amount")), 200.0)

    @freeze_time("2026-03-02 02:00:00")
    def test_a_rejected_claim_stops_its_clocks(self):
        claim = self._claim("delay", bj(2026, 3, 2, 10, 0))
        with self.assertRaises(UserError):
            claim.action_reject()  # no reason given
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            claim.reject_reason = "快件在承诺时限内送达，不属延误"
            claim.action_reject()
        with freeze_time(bj(2026, 4, 10, 10, 0)):
            self._run_scheduler()
        self.assertFalse(self._claim_fines(claim))
        with self.assertRaises(UserError):
            claim.action_pay()
