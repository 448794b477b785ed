"""Creating complaints is batched: the query count of a create does not grow
with the number of complaints created in one call (issue 10)."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common_deadlines import DeadlineCase, bj


@tagged("post_install", "-at_install")
class TestIntakeQueries(DeadlineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        policy = cls._policy(cls.kind_contact, 2, "working_hours")
        policy.target_ids = [
            (0, 0, {"kind_id": cls.kind_resolve.id, "amount": 3, "unit": "working_days"}),
            (0, 0, {"kind_id": cls.kind_close.id, "amount": 7, "unit": "days"}),
        ]
        cls.Complaint = cls.env["complaint.complaint"].with_context(tracking_disable=True)

    def _vals(self, count, start=0):
        return [
            {
                "subject": f"投诉 {start + index}",
                "contact_name": "王芳",
                "contact_phone": f"1390000{start + index:04d}",
                "channel_id": self.channel_phone.id,
                "team_id": self.team_a.id,
                "user_id": self.user_a.id,
                "date_received": bj(2026, 3, 3, 9, 0),
            }
            for index in range(count)
        ]

    def _queries(self, vals_list):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        complaints = self.Complaint.create(vals_list)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before, complaints

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_batch_create_costs_at_most_twice_a_single_one(self):
        self._queries(self._vals(2, 9000))  # warm the caches
        one, single = self._queries(self._vals(1, 0))
        twenty, batch = self._queries(self._vals(20, 100))
        self.assertEqual(len(single.clock_ids), 3)
        self.assertEqual(len(batch.clock_ids), 60)
        self.assertEqual(len(batch.clock_ids.event_ids), 60)
        # the denormalised values written with the insert are the complaint's
        self.env.invalidate_all()
        self.assertEqual(batch.clock_ids.team_id, self.team_a)
        self.assertEqual(batch.clock_ids.user_id, self.user_a)
        self.assertEqual(batch.clock_ids.company_id, self.company)
        self.assertEqual(batch.clock_ids.event_ids.complaint_id, batch)
        self.assertTrue(batch[:1].name.startswith(single.name[:-6]), "numbered like a single complaint")
        self.assertLessEqual(twenty, 2 * one, f"1 complaint: {one} queries, 20 complaints: {twenty} queries")

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_query_counts(self):
        """Fixed counts: a change that adds queries to the hot path shows here."""
        self._queries(self._vals(2, 9000))
        # 18 for the complaints and their clocks (no UPDATE follows the
        # INSERTs but the complaints' next due time), 3 for the acknowledgement
        # notes written before the commit (assertQueryCount runs the precommit)
        with self.assertQueryCount(__system__=21):
            self.Complaint.create(self._vals(1, 0))
            self.env.flush_all()
        with self.assertQueryCount(__system__=21):
            self.Complaint.create(self._vals(20, 100))
            self.env.flush_all()

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_clock_copies_follow_the_complaint(self):
        """A clock keeps a copy of its complaint's company, team and handler
        (record rules and reports read it): reassigning the complaint moves them."""
        complaint = self.Complaint.create(self._vals(1, 0))
        complaint.write({"team_id": self.team_b.id, "user_id": self.user_b.id})
        self.env.invalidate_all()
        self.assertEqual(complaint.clock_ids.team_id, self.team_b)
        self.assertEqual(complaint.clock_ids.user_id, self.user_b)
        # the team handler of the new team sees the clocks; the old one does not
        Clock = self.env["complaint.clock"]
        self.assertEqual(
            Clock.with_user(self.user_b).search([("complaint_id", "=", complaint.id)]), complaint.clock_ids
        )
        self.assertFalse(Clock.with_user(self.user_a).search([("complaint_id", "=", complaint.id)]))
        # a clock or an event created without the copies gets them from its complaint
        clock = Clock.sudo().create(
            {"complaint_id": complaint.id, "kind_id": self.kind_custom.id, "date_start": bj(2026, 3, 3, 9, 0)}
        )
        self.assertEqual((clock.team_id, clock.user_id, clock.company_id), (self.team_b, self.user_b, self.company))
        event = self.env["complaint.clock.event"].sudo().create({"clock_id": clock.id, "event": "start"})
        self.assertEqual(event.complaint_id, complaint)

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_resolving_a_batch_costs_at_most_twice_a_single_one(self):
        """Resolving plans one callback activity per complaint, created in one
        batch per callback owner (with their follower rows). The owner here is
        the user resolving: Odoo's assignment e-mail to another owner is one
        message per activity, whatever the batch."""
        self.team_a.leader_id = self.env.user
        resolved = self.env.ref("complaint_base.complaint_stage_resolved")
        judged = {"validity": "valid", "resolution": "<p>已处理</p>"}

        def resolve(count, start):
            complaints = self.Complaint.create([{**vals, **judged} for vals in self._vals(count, start)])
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            complaints.write({"stage_id": resolved.id})
            self.env.flush_all()
            return self.env.cr.sql_log_count - before, complaints

        resolve(2, 9000)
        one, single = resolve(1, 0)
        twenty, batch = resolve(20, 100)
        callback = self.env.ref("complaint_base.mail_activity_type_callback")
        for complaint in single | batch:
            activities = complaint.activity_ids.filtered(lambda a: a.activity_type_id == callback)
            self.assertEqual(len(activities), 1, "one callback each")
            self.assertEqual(activities.user_id, self.env.user, "for the team leader")
        self.assertLessEqual(twenty, 2 * one, f"1 complaint: {one} queries, 20 complaints: {twenty} queries")
