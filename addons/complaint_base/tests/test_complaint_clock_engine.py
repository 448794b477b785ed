"""The deadline engine as issue 9 fixed it: local working hours on a fresh
database, leaves read in the calendar's zone, clocks that keep their own
arithmetic, paused working time, callbacks after a reopen, fines that wait
for their payer, first contact and the reply letter decided on the server,
and what the scheduler writes in the company's language and local time."""

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common_deadlines import DeadlineCase, bj


@tagged("post_install", "-at_install")
class TestLocalCalendar(DeadlineCase):
    def test_shipped_calendar_is_beijing_time(self):
        calendar = self.env.ref("complaint_base.resource_calendar_complaint_cn")
        self.assertEqual(calendar.tz, "Asia/Shanghai")
        self.assertEqual(self.company.complaint_calendar_id, calendar)
        self.assertEqual(self.company._complaint_calendar(), calendar)
        # lunch break between the blocks
        business = calendar._complaint_business_calendar()
        self.assertEqual(business.week[1], ((8.5, 12.0), (13.0, 17.5)))

    def test_new_company_gets_the_beijing_calendar(self):
        company = self.env["res.company"].create({"name": "杭州新公司"})
        self.assertEqual(company.complaint_calendar_id, self.env.ref("complaint_base.resource_calendar_complaint_cn"))

    @freeze_time(bj(2026, 3, 3, 15, 15))
    def test_team_without_calendar_counts_beijing_hours(self):
        """Registered 15:15 Beijing time, first contact within 2 working hours:
        due 17:15 Beijing time, before the 17:30 close — not at 18:00 or the
        next day, as on Odoo's UTC standard calendar."""
        self.assertFalse(self.team_b.resource_calendar_id)
        self._policy(self.kind_contact, 2, "working_hours")
        complaint = self._received(bj(2026, 3, 3, 15, 15), team_id=self.team_b.id, user_id=self.user_b.id)
        self.assertEqual(self._clock(complaint, self.kind_contact).date_due, bj(2026, 3, 3, 17, 15))

    def test_leaves_are_read_in_the_calendar_time_zone(self):
        Leave = self.env["resource.calendar.leaves"]
        # a full Beijing day (as Odoo's form stores it: local midnight to 23:59:59)
        Leave.create(
            {
                "name": "公司年会",
                "calendar_id": self.calendar.id,
                "date_from": bj(2026, 3, 4, 0, 0),
                "date_to": bj(2026, 3, 4, 23, 59, 59),
            }
        )
        # two hours on Thursday afternoon
        Leave.create(
            {
                "name": "消防演练",
                "calendar_id": self.calendar.id,
                "date_from": bj(2026, 3, 5, 14, 0),
                "date_to": bj(2026, 3, 5, 16, 0),
            }
        )
        business = self.calendar._complaint_business_calendar()
        from datetime import date

        self.assertIn(date(2026, 3, 4), business.holidays)
        self.assertNotIn(date(2026, 3, 3), business.holidays)
        self.assertNotIn(date(2026, 3, 5), business.holidays)
        self.assertEqual(business.working_minutes(bj(2026, 3, 3, 0, 0), bj(2026, 3, 4, 0, 0)), 8 * 60)
        self.assertEqual(business.working_minutes(bj(2026, 3, 5, 0, 0), bj(2026, 3, 6, 0, 0)), 6 * 60)
        # two working hours from Thursday 13:30 end at 17:30, after the drill
        self.assertEqual(business.add(bj(2026, 3, 5, 13, 30), 120), bj(2026, 3, 5, 17, 30))


@tagged("post_install", "-at_install")
class TestClockArithmetic(DeadlineCase):
    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_policy_edits_do_not_move_running_clocks(self):
        policy = self._policy(self.kind_resolve, 2, "working_hours")
        complaint = self._received(bj(2026, 3, 3, 9, 0))
        clock = self._clock(complaint, self.kind_resolve)
        self.assertEqual((clock.amount, clock.unit), (2, "working_hours"))
        self.assertEqual(clock.date_due, bj(2026, 3, 3, 11, 0))
        policy.target_ids.amount = 4
        clock._recompute_due()  # e.g. a holiday schedule changed
        self.assertEqual(clock.date_due, bj(2026, 3, 3, 11, 0))
        policy.with_user(self.admin).action_recompute_open_clocks()
        self.assertEqual(clock.amount, 4)
        self.assertEqual(clock.date_due, bj(2026, 3, 3, 14, 0))

    def test_recompute_adds_paused_working_time(self):
        """2 working hours from Friday 16:00 are due Monday 09:00; paused from
        Friday 16:30 to Monday 08:30 (one working hour) they are due Monday
        10:00 — when resumed and when recomputed alike."""
        self._policy(self.kind_resolve, 2, "working_hours")
        with freeze_time(bj(2026, 3, 6, 16, 0)):
            complaint = self._received(bj(2026, 3, 6, 16, 0))
        clock = self._clock(complaint, self.kind_resolve)
        self.assertEqual(clock.date_due, bj(2026, 3, 9, 9, 0))
        clock._pause(bj(2026, 3, 6, 16, 30))
        clock._resume(bj(2026, 3, 9, 8, 30))
        self.assertEqual(clock.date_due, bj(2026, 3, 9, 10, 0))
        self.assertEqual(clock.paused_work_minutes, 60)
        with freeze_time(bj(2026, 3, 9, 9, 0)):
            clock._recompute_due()
        self.assertEqual(clock.date_due, bj(2026, 3, 9, 10, 0))

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_reopened_complaint_gets_a_new_callback_clock(self):
        self._policy(self.kind_callback, 2, "working_days")
        complaint = self._judged(self._received(bj(2026, 3, 3, 9, 0)))
        complaint.stage_id = self.stage_resolved
        first = self._clock(complaint, self.kind_callback)
        self.assertEqual(first.state, "running")
        complaint._record_satisfaction("dissatisfied", comment="没解决")
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(first.state, "met")
        complaint.stage_id = self.stage_resolved
        callbacks = complaint.clock_ids.filtered(lambda c: c.kind_id == self.kind_callback)
        self.assertEqual(len(callbacks), 2)
        self.assertEqual((callbacks - first).state, "running")

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_appeal_before_the_callback_restarts_it_on_resolution(self):
        self._policy(self.kind_callback, 2, "working_days")
        complaint = self._judged(self._received(bj(2026, 3, 3, 9, 0)))
        complaint.stage_id = self.stage_resolved
        first = self._clock(complaint, self.kind_callback)
        complaint._appeal("处理结果不认可")
        self.assertEqual(first.state, "cancelled")
        complaint.stage_id = self.stage_resolved
        self.assertEqual(self._clock(complaint, self.kind_callback).state, "running")


@tagged("post_install", "-at_install")
class TestPendingFines(DeadlineCase):
    def _fining_policy(self):
        rule = self._rule("FC-01", 100, payer="handler")
        return self._policy(
            self.kind_contact,
            2,
            "working_hours",
            steps=[
                {
                    "name": "超时罚款",
                    "threshold": "after_due",
                    "threshold_value": 0,
                    "action": "fine",
                    "penalty_rule_ids": [(6, 0, rule.ids)],
                }
            ],
        )

    def test_fine_waits_for_its_payer_and_is_levied_once(self):
        self._fining_policy()
        with freeze_time(bj(2026, 3, 3, 9, 0)):
            complaint = self._received(bj(2026, 3, 3, 9, 0), user_id=False)
        clock = self._clock(complaint, self.kind_contact)
        with freeze_time(bj(2026, 3, 3, 12, 0)):
            self._run_scheduler()
        self.assertFalse(complaint.penalty_ids)
        self.assertTrue(clock.fine_pending_step_ids)
        with freeze_time(bj(2026, 3, 3, 13, 0)):
            complaint.user_id = self.user_a
        self.assertEqual(len(complaint.penalty_ids), 1)
        self.assertEqual(complaint.penalty_ids.user_id, self.user_a)
        self.assertFalse(clock.fine_pending_step_ids)
        with freeze_time(bj(2026, 3, 3, 14, 0)):
            self._run_scheduler()
            complaint.user_id = self.user_b
            self._run_scheduler()
        self.assertEqual(len(complaint.penalty_ids), 1)

    def test_scheduler_levies_a_waiting_fine(self):
        self._fining_policy()
        with freeze_time(bj(2026, 3, 3, 9, 0)):
            complaint = self._received(bj(2026, 3, 3, 9, 0), user_id=False)
        with freeze_time(bj(2026, 3, 3, 12, 0)):
            self._run_scheduler()
        # the payer arrives by a path that does not go through write()
        complaint._write({"user_id": self.user_a.id})
        with freeze_time(bj(2026, 3, 3, 13, 0)):
            self._run_scheduler()
            self._run_scheduler()
        self.assertEqual(len(complaint.penalty_ids), 1)

    def test_scheduler_texts_in_company_language_and_local_time(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.company.partner_id.lang = "zh_CN"
        self._fining_policy()
        with freeze_time(bj(2026, 3, 3, 9, 0)):
            complaint = self._received(bj(2026, 3, 3, 9, 0))
        with freeze_time(bj(2026, 3, 3, 12, 0)):
            self._run_scheduler()
        evidence = complaint.penalty_ids.evidence
        self.assertIn("11:00", evidence)  # due 11:00 Beijing time (03:00 UTC)
        self.assertNotIn("UTC", evidence)
        self.assertIn("超时", evidence)
        note = complaint.message_ids.filtered(lambda m: "超时罚款" in (m.body or ""))[:1]
        self.assertTrue(note)
        self.assertIn("升级", note.body)


@tagged("post_install", "-at_install")
class TestContactClocks(DeadlineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complainant = cls.env["res.partner"].create({"name": "张伟", "email": "zhangwei@example.com"})

    @freeze_time(bj(2026, 3, 3, 10, 0))
    def test_message_to_followers_only_is_no_contact(self):
        self._policy(self.kind_contact, 2, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        clock = self._clock(complaint, self.kind_contact)
        complaint.message_subscribe(partner_ids=self.manager.partner_id.ids)
        complaint.with_user(self.user_a).message_post(
            body="内部讨论", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        complaint.with_user(self.user_a).message_post(
            body="请经理跟进", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(clock.state, "running")
        complaint.with_user(self.user_a).message_post(
            body="您好，我们已收到您的投诉。",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.complainant.ids,
        )
        self.assertEqual(clock.state, "met")

    @freeze_time(bj(2026, 3, 3, 10, 0))
    def test_logged_call_that_reached_the_complainant_meets_first_contact(self):
        self._policy(self.kind_contact, 2, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        clock = self._clock(complaint, self.kind_contact)
        Wizard = self.env["complaint.call.wizard"].with_user(self.user_a)
        Wizard.create({"complaint_id": complaint.id, "outcome": "no_answer"}).action_confirm()
        self.assertEqual(clock.state, "running")
        Wizard.create({"complaint_id": complaint.id, "outcome": "reached", "note": "已致电"}).action_confirm()
        self.assertEqual(clock.state, "met")

    @freeze_time(bj(2026, 3, 3, 10, 0))
    def test_portal_user_cannot_log_a_call(self):
        self._policy(self.kind_contact, 2, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0), partner_id=self.portal_user.partner_id.id)
        clock = self._clock(complaint, self.kind_contact)
        with self.assertRaises(AccessError):
            self.env["complaint.call.wizard"].with_user(self.portal_user).create(
                {"complaint_id": complaint.id, "outcome": "reached"}
            ).action_confirm()
        # nor a team user who may not work on the complaint
        other = self._received(bj(2026, 3, 3, 10, 0), team_id=self.team_b.id, user_id=self.user_b.id)
        with self.assertRaises(AccessError):
            self.env["complaint.call.wizard"].with_user(self.user_a).create(
                {"complaint_id": other.id, "outcome": "reached"}
            ).action_confirm()
        self.assertEqual(clock.state, "running")
        self.assertEqual(self._clock(other, self.kind_contact).state, "running")

    @freeze_time(bj(2026, 3, 3, 10, 0))
    def test_reply_clock_ignores_a_client_context_key(self):
        self._policy(self.kind_reply, 48, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0), partner_id=self.complainant.id)
        clock = self._clock(complaint, self.kind_reply)
        complaint.with_user(self.user_a).with_context(complaint_reply_letter=True).message_post(
            body="随便一条消息", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        self.assertEqual(clock.state, "running")
        action = complaint.with_user(self.user_a).action_send_reply_letter()
        self.assertNotIn("complaint_reply_letter", action["context"])
        composer = Form(self.env["mail.compose.message"].with_user(self.user_a).with_context(**action["context"]))
        composer.save().action_send_mail()
        self.assertEqual(clock.state, "met")
