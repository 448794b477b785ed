from odoo import SUPERUSER_ID, api, fields
from odoo.addons.complaint_base.tests.common import run_two_workers
from odoo.tests import TransactionCase, tagged


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
            run_two_workers(self, lambda env: env["complaint.clock"]._cron_process_clocks(batch_size=5))
            run_two_workers(self, lambda env: env["complaint.clock"]._cron_process_clocks(batch_size=100))
            run_two_workers(
                self,
                lambda env: (
                    env["complaint.clock"]
                    .search([("complaint_id", "in", ids["complaints"])])
                    ._process(fields.Datetime.now())
                ),
            )
            # 2 hours (200) and 17:00 (100) per query, each once
            self.assertEqual(self._count(ids, "complaints"), (24, 24, 12 * 300))
            # three strikes: both workers run the daily checks at once, then again
            run_two_workers(self, lambda env: env["complaint.complaint"]._cron_courier_network_checks(months=1200))
            run_two_workers(self, lambda env: env["complaint.complaint"]._cron_courier_network_checks(months=1200))
            self.assertEqual(self._count(ids, "strikes"), (3, 3, 300))
        finally:
            self._cleanup(ids)
