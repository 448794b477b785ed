import sys
import threading
import traceback

import psycopg2
import psycopg2.errors

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCourierConcurrency(TransactionCase):
    """Two scheduler workers on two connections at the same moment: every
    courier fine (deadline breaches and three-strikes groups) happens once."""

    def _setup_committed(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
            team = env["complaint.team"].create({"name": "并发测试客服部", "code": "CONC-CR", "sector": "courier"})
            outlet = env["courier.outlet"].create({"code": "CONC-O", "name": "并发测试网点"})
            staff = env["courier.staff"].create(
                {"name": "并发业务员", "employee_code": "CONC-1", "outlet_id": outlet.id}
            )
            query = env.ref("complaint_courier.courier_category_query")
            complaints = env["complaint.complaint"].create(
                [
                    {
                        "subject": f"并发查件 {i}",
                        "is_anonymous": True,
                        "team_id": team.id,
                        "category_id": query.id,
                        "courier_outlet_id": outlet.id,
                        "date_received": "2020-01-01 02:00:00",
                    }
                    for i in range(12)
                ]
            )
            strikes = env["complaint.complaint"].create(
                [
                    {
                        "subject": f"并发态度 {i}",
                        "is_anonymous": True,
                        "team_id": team.id,
                        "courier_outlet_id": outlet.id,
                        "courier_staff_id": staff.id,
                        "courier_rule_id": env.ref("complaint_courier.rule_sto_04").id,
                        "courier_breach_state": "recorded",
                    }
                    for i in range(3)
                ]
            )
            ids = {
                "complaints": complaints.ids,
                "strikes": strikes.ids,
                "team": team.id,
                "outlet": outlet.id,
                "staff": staff.id,
                "partner": outlet.partner_id.id,
            }
            cr.commit()
        return ids

    def _cleanup(self, ids):
        with self.registry.cursor() as cr:
            every = tuple(ids["complaints"] + ids["strikes"])
            cr.execute("DELETE FROM complaint_penalty WHERE complaint_id IN %s", [every])
            cr.execute("DELETE FROM courier_referral WHERE outlet_id = %s", [ids["outlet"]])
            cr.execute("DELETE FROM mail_message WHERE model = 'complaint.complaint' AND res_id IN %s", [every])
            cr.execute("DELETE FROM complaint_complaint WHERE id IN %s", [every])
            cr.execute("DELETE FROM courier_staff WHERE id = %s", [ids["staff"]])
            cr.execute("DELETE FROM mail_message WHERE model = 'courier.outlet' AND res_id = %s", [ids["outlet"]])
            cr.execute("DELETE FROM courier_outlet WHERE id = %s", [ids["outlet"]])
            cr.execute("DELETE FROM complaint_team WHERE id = %s", [ids["team"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["partner"]])
            cr.commit()

    def _run_workers(self, work):
        barrier = threading.Barrier(2)
        outcomes = []

        def worker():
            with self.registry.cursor() as cr:
                cr.transaction = api.Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait()
                try:
                    work(env)
                    cr.commit()
                    outcomes.append("committed")
                except (psycopg2.errors.SerializationFailure, psycopg2.errors.DeadlockDetected):
                    cr.rollback()
                    outcomes.append("rolled back")

        threads = [threading.Thread(target=worker, daemon=True) for __ in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        stuck = [thread for thread in threads if thread.is_alive()]
        if stuck:
            frames = sys._current_frames()
            stacks = "\n".join("".join(traceback.format_stack(frames[t.ident])) for t in stuck if t.ident in frames)
            self.fail(f"workers did not finish:\n{stacks}")
        self.assertIn("committed", outcomes)
        return outcomes

    def _count(self, ids, key):
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT count(*), count(DISTINCT breach_key), coalesce(sum(amount), 0)
                     FROM complaint_penalty WHERE complaint_id IN %s""",
                [tuple(ids[key])],
            )
            return cr.fetchone()

    def test_two_workers(self):
        ids = self._setup_committed()
        try:
            # deadline breaches: both workers run the scheduler, then both replay every clock
            self._run_workers(lambda env: env["complaint.clock"]._cron_process_clocks(batch_size=5))
            self._run_workers(lambda env: env["complaint.clock"]._cron_process_clocks(batch_size=100))
            self._run_workers(
                lambda env: env["complaint.clock"]
                .search([("complaint_id", "in", ids["complaints"])])
                ._process(fields.Datetime.now())
            )
            # 2 hours (200) and 17:00 (100) per query, each once
            self.assertEqual(self._count(ids, "complaints"), (24, 24, 12 * 300))
            # three strikes: both workers run the daily checks at once, then again
            self._run_workers(lambda env: env["complaint.complaint"]._cron_courier_network_checks(months=1200))
            self._run_workers(lambda env: env["complaint.complaint"]._cron_courier_network_checks(months=1200))
            self.assertEqual(self._count(ids, "strikes"), (3, 3, 300))
        finally:
            self._cleanup(ids)
