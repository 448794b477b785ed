import base64
import io
import types
from unittest.mock import patch

import openpyxl
import psycopg2
import psycopg2.errors
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..plugins import hookimpl, manager
from .common import run_two_workers
from .common_deadlines import DeadlineCase, bj


@tagged("post_install", "-at_install")
class TestEscalation(DeadlineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule_contact = cls._rule("T-03", 100)
        cls.rule_three_days = cls._rule("T-04", 50, also_team_leader=True)

    @freeze_time("2026-03-03 02:00:00")
    def test_breach_levies_the_fine_once(self):
        self._policy(
            self.kind_contact,
            2,
            "hours",
            steps=[
                {
                    "name": "超时罚款",
                    "threshold": "after_due",
                    "action": "fine",
                    "penalty_rule_ids": [(6, 0, self.rule_contact.ids)],
                }
            ],
        )
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        clock = self._clock(complaint, self.kind_contact)
        self.assertEqual(clock.next_check, bj(2026, 3, 3, 12, 0))
        with freeze_time(bj(2026, 3, 3, 11, 59)):
            self._run_scheduler()
        self.assertEqual(clock.state, "running")
        self.assertFalse(complaint.penalty_ids)
        with freeze_time(bj(2026, 3, 3, 12, 1)):
            self._run_scheduler()
            self._run_scheduler()
        self.assertEqual(clock.state, "breached")
        self.assertEqual(clock.date_breached, bj(2026, 3, 3, 12, 0))
        self.assertTrue(complaint.is_overdue)
        self.assertFalse(clock.next_check, "nothing left to do on this clock")
        fine = complaint.penalty_ids
        self.assertRecordValues(
            fine,
            [
                {
                    "amount": 100.0,
                    "partner_id": self.user_a.partner_id.id,
                    "rule_id": self.rule_contact.id,
                    "state": "proposed",
                }
            ],
        )
        self.assertIn("T-03", complaint.message_ids[0].body)
        # meeting the clock late records it as late, and the complaint is no longer overdue
        with freeze_time(bj(2026, 3, 3, 14, 0)):
            self.env["complaint.call.wizard"].with_user(self.user_a).create(
                {"complaint_id": complaint.id, "outcome": "reached"}
            ).action_confirm()
        self.assertEqual((clock.state, clock.is_late, clock.result), ("met", True, "late"))
        self.assertFalse(complaint.is_overdue)

    @freeze_time("2026-03-03 02:00:00")
    def test_handler_and_manager_pay_fifty_each(self):
        self._policy(
            self.kind_resolve,
            3,
            "days",
            steps=[
                {
                    "name": "3日未处理完毕",
                    "threshold": "after_due",
                    "action": "fine",
                    "penalty_rule_ids": [(6, 0, self.rule_three_days.ids)],
                }
            ],
        )
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        with freeze_time(bj(2026, 3, 6, 10, 5)):
            self._run_scheduler()
        self.assertEqual(
            sorted((p.partner_id.id, p.amount) for p in complaint.penalty_ids),
            sorted([(self.user_a.partner_id.id, 50.0), (self.manager.partner_id.id, 50.0)]),
        )

    @freeze_time("2026-03-03 02:00:00")
    def test_ladder(self):
        """80 %: tell the handler; at breach: reassign to the leader and raise
        the priority; a working day later: director, supervision, activity."""
        steps = [
            {
                "name": "80%提醒",
                "threshold": "percent",
                "threshold_value": 80,
                "action": "notify",
                "recipient": "handler",
            },
            {"name": "超时改派", "threshold": "after_due", "action": "reassign", "recipient": "team_leader"},
            {"name": "超时升级", "threshold": "after_due", "action": "raise_priority"},
            {
                "name": "报销售总监",
                "threshold": "after_due",
                "threshold_value": 1,
                "threshold_unit": "working_days",
                "action": "notify",
                "recipient": "team_role",
                "role_code": "sales_director",
            },
            {
                "name": "督办",
                "threshold": "after_due",
                "threshold_value": 1,
                "threshold_unit": "working_days",
                "action": "supervise",
            },
            {
                "name": "跟进",
                "threshold": "after_due",
                "threshold_value": 1,
                "threshold_unit": "working_days",
                "action": "activity",
                "recipient": "team_role",
                "role_code": "sales_director",
                "activity_summary": "督办跟进",
            },
        ]
        self._policy(self.kind_resolve, 4, "working_hours", steps=steps)
        complaint = self._received(bj(2026, 3, 3, 10, 0))  # due 15:00
        clock = self._clock(complaint, self.kind_resolve)
        self.assertEqual(clock.next_check, bj(2026, 3, 3, 14, 12))  # 80 % of 240 working minutes
        with freeze_time(bj(2026, 3, 3, 14, 15)):
            self._run_scheduler()
        note = complaint.message_ids[0]
        self.assertIn("80%提醒", note.body)
        self.assertIn(self.user_a.partner_id, note.partner_ids)
        self.assertEqual(clock.next_check, bj(2026, 3, 3, 15, 0))
        self.assertEqual(complaint.user_id, self.user_a)
        with freeze_time(bj(2026, 3, 3, 15, 1)):
            self._run_scheduler()
        self.assertEqual(complaint.user_id, self.manager)
        self.assertEqual(complaint.priority, "2")
        self.assertFalse(complaint.is_supervised)
        self.assertEqual(clock.next_check, bj(2026, 3, 4, 15, 0))
        with freeze_time(bj(2026, 3, 4, 15, 1)):
            self._run_scheduler()
            self._run_scheduler()
        self.assertTrue(complaint.is_supervised)
        self.assertEqual(complaint.activity_ids.user_id, self.director)
        self.assertEqual(complaint.activity_ids.summary, "督办跟进")
        director_notes = complaint.message_ids.filtered(lambda m: self.director.partner_id in m.partner_ids)
        self.assertEqual(len(director_notes), 1)
        self.assertEqual(len(clock.event_ids.filtered(lambda e: e.event == "step")), 6)
        self.assertIn(complaint, self.env["complaint.complaint"].search([("is_supervised", "=", True)]))

    @freeze_time("2026-03-03 02:00:00")
    def test_a_step_never_fires_twice(self):
        self._policy(
            self.kind_contact,
            1,
            "hours",
            steps=[
                {
                    "name": "罚",
                    "threshold": "after_due",
                    "action": "fine",
                    "penalty_rule_ids": [(6, 0, self.rule_contact.ids)],
                }
            ],
        )
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        clock = self._clock(complaint, self.kind_contact)
        step = clock.target_id.step_ids
        with freeze_time(bj(2026, 3, 3, 12, 0)):
            self.assertTrue(clock._claim_step(step, bj(2026, 3, 3, 12, 0)))
            self.assertFalse(clock._claim_step(step, bj(2026, 3, 3, 12, 0)))
            # even when the step is replayed by hand, the ledger refuses a second fine
            clock._apply_step(step)
            clock._apply_step(step)
        self.assertEqual(len(complaint.penalty_ids), 1)

    def test_a_concurrent_scheduler_is_not_a_failure(self):
        """Two schedulers (cron records or servers): when another one changed a
        due clock after this run's snapshot, the claim meets a serialization
        failure. The run claims nothing, fails nothing, and asks to run again."""
        self._policy(self.kind_contact, 1, "hours")
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        clock = self._clock(complaint, self.kind_contact)
        cr = self.env.cr
        execute = cr.execute

        def concurrent(query, params=None, log_exceptions=True):
            if "FOR UPDATE SKIP LOCKED" in str(query) and "next_check" in str(query):
                raise psycopg2.errors.SerializationFailure("could not serialize access due to concurrent update")
            return execute(query, params, log_exceptions)

        cron = self.env.ref("complaint_base.ir_cron_complaint_clocks")
        self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]).unlink()
        with freeze_time(bj(2026, 3, 3, 12, 0)), patch.object(cr, "execute", side_effect=concurrent):
            self.assertEqual(self.env["complaint.clock"]._cron_process_clocks(), 0)
        self.assertEqual(clock.state, "running", "nothing claimed, nothing breached")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]), "runs again at once")
        # the next run, with a fresh snapshot, does the work
        with freeze_time(bj(2026, 3, 3, 12, 0)):
            self._run_scheduler()
        self.assertEqual(clock.state, "breached")

    @freeze_time("2026-03-03 02:00:00")
    def test_penalty_ledger(self):
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        Penalty = self.env["complaint.penalty"].with_user(self.manager)
        fine = Penalty.create(
            {
                "complaint_id": complaint.id,
                "rule_id": self.rule_contact.id,
                "partner_id": self.user_a.partner_id.id,
                "amount": 100,
            }
        )
        self.assertRegex(fine.name, r"^FK2026-\d{5}$")
        fine.action_confirm()
        self.assertEqual((fine.state, fine.decided_by_id), ("confirmed", self.manager))
        fine.action_settle()
        self.assertTrue(fine.date_settled)
        with self.assertRaises(UserError):
            fine.write({"amount": 10})
        with self.assertRaises(ValidationError):
            fine.action_confirm()
        with self.assertRaises(UserError):
            fine.sudo().unlink()
        with self.assertRaises(psycopg2.errors.UniqueViolation), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["complaint.penalty"].create(
                [
                    {"partner_id": self.user_a.partner_id.id, "amount": 5, "breach_key": "same"},
                    {"partner_id": self.user_a.partner_id.id, "amount": 5, "breach_key": "same"},
                ]
            )
        # a handler reads their own fines, not another's, and cannot confirm
        own = fine.with_user(self.user_a)
        own.read(["amount"])
        with self.assertRaises(UserError):
            own.action_waive()
        with self.assertRaises(AccessError):
            Penalty.create({"partner_id": self.user_b.partner_id.id, "amount": 5, "user_id": self.user_b.id}).with_user(
                self.user_a
            ).read(["amount"])

    @freeze_time("2026-03-31 02:00:00")
    def test_statement_adds_up_to_the_ledger(self):
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        Penalty = self.env["complaint.penalty"]
        values = {"complaint_id": complaint.id, "rule_id": self.rule_contact.id}
        Penalty.create({**values, "partner_id": self.user_a.partner_id.id, "amount": 100, "date": bj(2026, 3, 5, 9, 0)})
        Penalty.create({**values, "partner_id": self.user_a.partner_id.id, "amount": 50, "date": bj(2026, 3, 20, 9, 0)})
        Penalty.create(
            {**values, "partner_id": self.manager.partner_id.id, "amount": 50, "date": bj(2026, 3, 20, 9, 0)}
        )
        Penalty.create({**values, "partner_id": self.manager.partner_id.id, "amount": 70, "date": bj(2026, 4, 1, 9, 0)})
        Penalty.create(
            {**values, "partner_id": self.manager.partner_id.id, "amount": 30, "date": bj(2026, 3, 21, 9, 0)}
        ).action_waive()
        wizard = (
            self.env["complaint.penalty.statement"]
            .with_user(self.manager)
            .create({"date_from": "2026-03-01", "date_to": "2026-03-31"})
        )
        action = wizard.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        fines, per_party = book.worksheets
        rows = list(fines.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Paid By")
        self.assertEqual(len(rows), 1 + 3 + 1)
        self.assertEqual(rows[-1][-1], 200)
        totals = {row[0]: row[1] for row in per_party.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(totals[self.user_a.partner_id.display_name], 150)
        self.assertEqual(totals[self.manager.partner_id.display_name], 50)
        empty = self.env["complaint.penalty.statement"].create({"date_from": "2025-01-01", "date_to": "2025-01-31"})
        with self.assertRaises(UserError):
            empty.action_export_xlsx()

    @freeze_time("2026-03-03 02:00:00")
    def test_plugin_changes_a_deadline_and_adds_a_fine(self):
        extra_rule = self._rule("EXTRA", 300)
        plugin = types.ModuleType("complaint_test_sector")

        @hookimpl
        def complaint_adjust_deadline(complaint, clock):
            if complaint["severity"] == "critical" and clock["kind"] == "resolve":
                return {"amount": 1, "unit": "working_hours"}
            return None

        @hookimpl
        def complaint_assess_penalties(complaint, breach, rules):
            if complaint["severity"] == "critical":
                return [{"rule_code": "EXTRA", "amount": 300.0, "payer": "team_leader"}]
            return []

        plugin.complaint_adjust_deadline = complaint_adjust_deadline
        plugin.complaint_assess_penalties = complaint_assess_penalties
        pm = manager.get_plugin_manager()
        pm.register_for_addon(plugin, "complaint_base", name="test:sector")
        self.addCleanup(pm.unregister, name="test:sector")
        self._policy(
            self.kind_resolve,
            3,
            "days",
            steps=[
                {
                    "name": "罚",
                    "threshold": "after_due",
                    "action": "fine",
                    "penalty_rule_ids": [(6, 0, self.rule_contact.ids)],
                }
            ],
        )
        critical = self._received(bj(2026, 3, 3, 10, 0), severity="critical")
        general = self._received(bj(2026, 3, 3, 10, 0))
        self.assertEqual(self._clock(critical, self.kind_resolve).date_due, bj(2026, 3, 3, 11, 0))
        self.assertEqual(self._clock(general, self.kind_resolve).date_due, bj(2026, 3, 6, 10, 0))
        with freeze_time(bj(2026, 3, 3, 11, 30)):
            self._run_scheduler()
        # the base rule (the step's article, for the handler) plus the sector's extra article
        self.assertEqual(
            sorted((p.rule_code, p.partner_id.id, p.amount) for p in critical.penalty_ids),
            [("EXTRA", self.manager.partner_id.id, 300.0), ("T-03", self.user_a.partner_id.id, 100.0)],
        )
        self.assertEqual(critical.penalty_ids.filtered(lambda p: p.rule_code == "EXTRA").rule_id, extra_rule)
        self.assertFalse(general.penalty_ids)

    @freeze_time("2026-03-03 02:00:00")
    def test_scheduler_ignores_what_is_not_due(self):
        self._policy(self.kind_resolve, 3, "days", steps=[{"name": "n", "threshold": "after_due", "action": "notify"}])
        for __ in range(5):
            self._received(bj(2026, 3, 3, 10, 0))
        with freeze_time(bj(2026, 3, 4, 10, 0)):
            self.assertEqual(self.env["complaint.clock"]._cron_process_clocks(), 0)
        with freeze_time(bj(2026, 3, 6, 10, 1)), self.assertQueryCount(__system__=120):
            self.assertEqual(self.env["complaint.clock"]._cron_process_clocks(), 5)


@tagged("post_install", "-at_install")
class TestDigest(DeadlineCase):
    @freeze_time("2026-03-04 00:00:00")
    def test_one_digest_per_person_per_day(self):
        self._policy(self.kind_resolve, 1, "days")
        overdue_a = self._received(bj(2026, 3, 2, 10, 0), subject="发动机异响")
        soon_a = self._received(bj(2026, 3, 3, 9, 0), subject="保养收费")
        self._received(bj(2026, 3, 3, 9, 0), subject="B 队投诉", team_id=self.team_b.id, user_id=self.user_b.id)
        self._received(bj(2026, 3, 3, 23, 0), subject="下周到期")  # due tomorrow 23:00, beyond 24 h
        self.env["ir.config_parameter"].set_param("complaint_base.digest_lookahead_hours", 12)
        self._run_scheduler()
        self.assertTrue(overdue_a.is_overdue)
        mails = self.env["complaint.digest"]._cron_send_digests()
        by_recipient = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(set(by_recipient), {self.user_a.partner_id, self.user_b.partner_id, self.manager.partner_id})
        mail_a = by_recipient[self.user_a.partner_id]
        self.assertIn("1 overdue, 1 due soon", mail_a.subject)
        self.assertIn(overdue_a.name, mail_a.body_html)
        self.assertIn(soon_a.name, mail_a.body_html)
        self.assertNotIn("下周到期", mail_a.body_html)
        self.assertIn("mail/view?model=complaint.complaint", mail_a.body_html)
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(mail_a.attachment_ids.datas)))
        rows = list(book.active.iter_rows(values_only=True))
        self.assertEqual(rows[0][:3], ("Reference", "Subject", "Clock"))
        self.assertEqual({row[0] for row in rows[1:]}, {overdue_a.name, soon_a.name})
        self.assertIn("Team A", by_recipient[self.manager.partner_id].subject)
        # the same day again: nothing more
        self.assertFalse(self.env["complaint.digest"]._cron_send_digests())
        with freeze_time("2026-03-05 00:00:00"):
            self.assertTrue(self.env["complaint.digest"]._cron_send_digests())

    @freeze_time("2026-03-04 00:00:00")
    def test_digest_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_base"], ["zh_CN"], overwrite=True)
        self.user_a.lang = "zh_CN"
        self.env["ir.config_parameter"].set_param("complaint_base.digest_leaders", "False")
        self._policy(self.kind_resolve, 1, "days")
        self._received(bj(2026, 3, 2, 10, 0))
        self._run_scheduler()
        mail = self.env["complaint.digest"]._cron_send_digests()
        self.assertEqual(len(mail), 1)
        self.assertIn("逾期", mail.subject)
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(mail.attachment_ids.datas)))
        self.assertEqual(next(book.active.iter_rows(values_only=True))[0], "投诉编号")

    def test_settings_move_the_digest_hour(self):
        self.admin.tz = "Asia/Shanghai"
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        settings.complaint_digest_hour = 7.5
        settings.execute()
        cron = self.env.ref("complaint_base.ir_cron_complaint_digest")
        self.assertEqual((cron.nextcall.hour, cron.nextcall.minute), (23, 30))  # 07:30 in Beijing
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        self.assertEqual(settings.complaint_digest_hour, 7.5)


@tagged("post_install", "-at_install")
class TestSchedulerConcurrency(TransactionCase):
    """Two scheduler workers on two database connections at the same moment:
    every fine, step and notification happens exactly once."""

    def _setup_committed(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env["complaint.deadline.policy"].search([]).write({"active": False})
            kind = env.ref("complaint_base.clock_kind_first_contact")
            rule = env["complaint.penalty.rule"].create({"code": "CONC-1", "name": "concurrency", "amount": 100})
            user = env["res.users"].create({"name": "Conc Handler", "login": "conc_handler"})
            policy = env["complaint.deadline.policy"].create(
                {
                    "name": "concurrency",
                    "target_ids": [
                        (
                            0,
                            0,
                            {
                                "kind_id": kind.id,
                                "amount": 10,
                                "unit": "minutes",
                                "step_ids": [
                                    (
                                        0,
                                        0,
                                        {
                                            "name": "罚",
                                            "threshold": "after_due",
                                            "action": "fine",
                                            "penalty_rule_ids": [(6, 0, rule.ids)],
                                        },
                                    ),
                                    (
                                        0,
                                        0,
                                        {
                                            "name": "告",
                                            "threshold": "after_due",
                                            "action": "notify",
                                            "recipient": "handler",
                                        },
                                    ),
                                ],
                            },
                        )
                    ],
                }
            )
            complaints = env["complaint.complaint"].create(
                [
                    {
                        "subject": f"并发 {i}",
                        "is_anonymous": True,
                        "user_id": user.id,
                        "date_received": "2020-01-01 00:00:00",
                    }
                    for i in range(20)
                ]
            )
            ids = {"complaints": complaints.ids, "rule": rule.id, "user": user.id, "policy": policy.id}
            cr.commit()
        return ids

    def _cleanup(self, ids):
        with self.registry.cursor() as cr:
            complaints = tuple(ids["complaints"])
            cr.execute("DELETE FROM complaint_penalty WHERE complaint_id IN %s", [complaints])
            cr.execute("DELETE FROM mail_message WHERE model = 'complaint.complaint' AND res_id IN %s", [complaints])
            cr.execute("DELETE FROM complaint_complaint WHERE id IN %s", [complaints])
            cr.execute("DELETE FROM complaint_deadline_policy WHERE id = %s", [ids["policy"]])
            cr.execute("DELETE FROM complaint_penalty_rule WHERE id = %s", [ids["rule"]])
            cr.execute("UPDATE complaint_deadline_policy SET active = true")
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.users"].browse(ids["user"]).unlink()
            cr.commit()

    def test_two_workers(self):
        ids = self._setup_committed()
        try:
            # round 1: the cron of two workers (SKIP LOCKED shares the clocks)
            run_two_workers(self, lambda env: env["complaint.clock"]._cron_process_clocks(batch_size=7))
            run_two_workers(self, lambda env: env["complaint.clock"]._cron_process_clocks(batch_size=50))
            # round 2: both replay every clock without locking: the claims decide
            run_two_workers(
                self,
                lambda env: (
                    env["complaint.clock"]
                    .search([("complaint_id", "in", ids["complaints"])])
                    ._process(fields.Datetime.now())
                ),
            )
            with self.registry.cursor() as cr:
                complaints = tuple(ids["complaints"])
                cr.execute(
                    "SELECT count(*), count(DISTINCT complaint_id) FROM complaint_penalty WHERE complaint_id IN %s",
                    [complaints],
                )
                self.assertEqual(cr.fetchone(), (20, 20))
                cr.execute(
                    """SELECT count(*) FROM complaint_clock_event e JOIN complaint_clock c ON c.id = e.clock_id
                        WHERE c.complaint_id IN %s AND e.event = 'step'""",
                    [complaints],
                )
                self.assertEqual(cr.fetchone()[0], 40)
                cr.execute(
                    """SELECT count(*) FROM mail_message WHERE model = 'complaint.complaint' AND res_id IN %s
                        AND body LIKE %s""",
                    [complaints, "%告%"],
                )
                self.assertEqual(cr.fetchone()[0], 20)
        finally:
            self._cleanup(ids)
