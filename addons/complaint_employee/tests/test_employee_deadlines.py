from freezegun import freeze_time

from odoo.tests import tagged

from .common import EmployeeCase, bj


@tagged("post_install", "-at_install")
class TestEmployeeDeadlines(EmployeeCase):
    """Seed 000 第二、三条 and the 7-day / 3-month references as shipped base
    policies, on the Beijing calendar, under frozen time."""

    def _running(self, complaint):
        return complaint.clock_ids.filtered(lambda c: c.state != "cancelled").kind_id

    @freeze_time("2026-09-01 02:00:00")
    def test_every_grievance_acknowledged_in_7_days_feedback_in_3_months(self):
        for path in ("formal", "informal", "anonymous"):
            with self.subTest(path=path):
                grievance = self._grievance(bj(2026, 9, 1, 10, 0), path=path)
                self.assertEqual(self._clock(grievance, self.kind_ack).date_due, bj(2026, 9, 8, 10, 0))
                self.assertEqual(self._clock(grievance, self.kind_feedback).date_due, bj(2026, 12, 1, 10, 0))
        grievance = self._grievance(bj(2026, 9, 1, 10, 0))
        with freeze_time(bj(2026, 9, 8, 9, 59)):
            self._run_scheduler()
        self.assertEqual(self._clock(grievance, self.kind_ack).state, "running")
        with freeze_time(bj(2026, 9, 8, 10, 1)):
            self._run_scheduler()
        self.assertEqual(self._clock(grievance, self.kind_ack).state, "breached")
        # an answer to the reporter is the feedback
        with freeze_time(bj(2026, 10, 9, 15, 0)):
            self.env["complaint.employee.exchange"].with_user(self.officer).create(
                {"complaint_id": grievance.id, "kind": "answer", "body": "已核实加班记录，差额将随十月工资补发。"}
            )
        feedback = self._clock(grievance, self.kind_feedback)
        self.assertEqual(feedback.state, "met")
        self.assertEqual(feedback.date_met, bj(2026, 10, 9, 15, 0))

    @freeze_time("2026-09-01 02:00:00")
    def test_formal_reply_in_a_week_appeal_in_a_week_gm_in_half_a_month(self):
        grievance = self._grievance(bj(2026, 9, 1, 10, 0))
        self.assertEqual(self._clock(grievance, self.kind_admin_reply).date_due, bj(2026, 9, 8, 10, 0))
        self.assertFalse(self._clock(grievance, self.kind_gm_answer), "the GM's clock waits for an appeal")
        self.assertFalse(self._clock(grievance, self.kind_informal))
        with freeze_time(bj(2026, 9, 8, 10, 1)):
            self._run_scheduler()
        reply = self._clock(grievance, self.kind_admin_reply)
        self.assertEqual(reply.state, "breached")
        self.assertTrue(grievance.is_supervised, "a late written reply goes on the supervision list")
        with freeze_time(bj(2026, 9, 9, 11, 0)):
            grievance.with_user(self.officer).action_employee_admin_reply()
        self.assertTrue(reply.is_late)
        window = self._clock(grievance, self.kind_appeal_window)
        self.assertEqual(window.date_start, bj(2026, 9, 9, 11, 0))
        self.assertEqual(window.date_due, bj(2026, 9, 16, 11, 0))
        with freeze_time(bj(2026, 9, 15, 16, 0)):
            grievance.with_user(self.officer).action_employee_appeal_gm()
        self.assertFalse(grievance.employee_appeal_late)
        self.assertEqual(window.state, "met")
        gm = self._clock(grievance, self.kind_gm_answer)
        self.assertEqual(gm.date_due, bj(2026, 9, 30, 16, 0))
        with freeze_time(bj(2026, 9, 30, 15, 0)):
            grievance.with_user(self.officer).action_employee_gm_answer()
        self.assertEqual(gm.state, "met")
        self.assertFalse(gm.is_late)

    @freeze_time("2026-09-01 02:00:00")
    def test_late_appeal_is_flagged_not_refused(self):
        grievance = self._grievance(bj(2026, 9, 1, 10, 0))
        with freeze_time(bj(2026, 9, 2, 10, 0)):
            grievance.with_user(self.officer).action_employee_admin_reply()
        with freeze_time(bj(2026, 9, 9, 10, 1)):
            grievance.with_user(self.officer).action_employee_appeal_gm()
        self.assertTrue(grievance.employee_appeal_late)
        self.assertEqual(self._clock(grievance, self.kind_gm_answer).date_due, bj(2026, 9, 24, 10, 1))

    @freeze_time("2026-09-07 02:00:00")
    def test_filing_within_a_week_of_the_event_in_local_time(self):
        # 9 Sept 00:30 in Beijing is still 8 Sept in UTC: the local day counts
        on_time = self._grievance(bj(2026, 9, 8, 23, 30), employee_event_date="2026-09-01")
        late = self._grievance(bj(2026, 9, 9, 0, 30), employee_event_date="2026-09-01")
        self.assertEqual(late.employee_filed_on.isoformat(), "2026-09-09")
        self.assertFalse(on_time.employee_filed_late)
        self.assertTrue(late.employee_filed_late)
        self.assertTrue(late.clock_ids, "a late filing is registered and runs its clocks")
        informal = self._grievance(bj(2026, 9, 20, 10, 0), path="informal", employee_event_date="2026-09-01")
        self.assertFalse(informal.employee_filed_late, "the one-week window is the formal path's")

    @freeze_time("2026-09-01 02:00:00")
    def test_informal_goes_up_the_manager_chain_level_by_level(self):
        # Tuesday 10:00; 3 working days → Friday 10:00
        grievance = self._grievance(bj(2026, 9, 1, 10, 0), path="informal")
        clock = self._clock(grievance, self.kind_informal)
        self.assertEqual(clock.date_due, bj(2026, 9, 4, 10, 0))
        self.assertFalse(self._clock(grievance, self.kind_admin_reply))
        grievance.with_user(self.officer).action_acknowledge()

        def notified():
            messages = self.env["mail.message"].search(
                [("model", "=", "complaint.complaint"), ("res_id", "=", grievance.id)]
            )
            return messages.partner_ids

        with freeze_time(bj(2026, 9, 4, 10, 1)):
            self._run_scheduler()
        self.assertEqual(notified(), self.head_user.partner_id, "one level above the team leader")
        # two working days later (Tuesday 10:00, over the weekend)
        with freeze_time(bj(2026, 9, 8, 10, 1)):
            self._run_scheduler()
        self.assertEqual(notified(), (self.head_user | self.gm_user).partner_id)
        # the chain ends at the GM: the third step addresses the top
        with freeze_time(bj(2026, 9, 10, 10, 1)):
            self._run_scheduler()
        self.assertEqual(notified(), (self.head_user | self.gm_user).partner_id)

    @freeze_time("2026-09-01 02:00:00")
    def test_informal_escalation_skips_a_manager_named_in_it(self):
        grievance = self._grievance(
            bj(2026, 9, 1, 10, 0), path="informal", employee_concerned_ids=[(6, 0, self.head.ids)]
        )
        with freeze_time(bj(2026, 9, 4, 10, 1)):
            self._run_scheduler()
        messages = self.env["mail.message"].search(
            [("model", "=", "complaint.complaint"), ("res_id", "=", grievance.id)]
        )
        self.assertEqual(messages.partner_ids, self.gm_user.partner_id)

    def test_policies_are_editable_data_of_the_employee_sector(self):
        policies = self.env["complaint.deadline.policy"].search([("sector", "=", "employee")])
        self.assertEqual(len(policies), 3)
        formal = self.env.ref("complaint_employee.target_employee_admin_reply")
        formal.amount = 5
        with freeze_time("2026-09-01 02:00:00"):
            grievance = self._grievance(bj(2026, 9, 1, 10, 0))
        self.assertEqual(self._clock(grievance, self.kind_admin_reply).date_due, bj(2026, 9, 6, 10, 0))
