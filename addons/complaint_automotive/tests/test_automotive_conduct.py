from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.addons.complaint_base.tests.common import run_two_workers
from odoo.tests import TransactionCase, tagged

from .common import AutomotiveCase, bj


@tagged("post_install", "-at_install")
class TestAutomotiveConduct(AutomotiveCase):
    """Staff attitude or process: 100 to the person and a department notice;
    more than 3 in one ISO week (Beijing time) in a department: the manager
    pays 50, once."""

    def _conduct(self, when, **values):
        complaint = self._dealer(when, respondent_user_id=self.owner.id, **values)
        with freeze_time(when):
            complaint.with_user(self.care_manager).action_automotive_establish_conduct()
        return complaint

    def _weekly(self):
        return self.env["complaint.penalty"].search([("rule_id.code", "=", "AUTO-WEEKLY")])

    @freeze_time("2026-03-01 02:00:00")
    def test_conduct_fine_and_notice(self):
        complaint = self._conduct(bj(2026, 3, 2, 10, 0))
        fine = self._fines(complaint).filtered(lambda p: p.rule_id.code == "AUTO-CONDUCT")
        self.assertEqual((fine.user_id, fine.amount), (self.owner, 100))
        self.assertIn("通报批评", complaint.message_ids[0].body)

    @freeze_time("2026-03-01 02:00:00")
    def test_more_than_three_in_an_iso_week_manager_pays_once(self):
        # Monday 2 March to Sunday 8 March 2026 (Beijing); Sunday 23:30 Beijing is Sunday 15:30 UTC
        for when in (bj(2026, 3, 2, 10, 0), bj(2026, 3, 3, 10, 0), bj(2026, 3, 5, 10, 0)):
            self._conduct(when)
        with freeze_time(bj(2026, 3, 8, 23, 50)):
            self.env["complaint.penalty"]._cron_automotive_conduct_week()
        self.assertFalse(self._weekly(), "three in a week are allowed")
        # Monday 9 March 00:30 Beijing is still Sunday in UTC: next ISO week locally
        self._conduct(bj(2026, 3, 9, 0, 30))
        with freeze_time(bj(2026, 3, 9, 1, 0)):
            self.env["complaint.penalty"]._cron_automotive_conduct_week()
        self.assertFalse(self._weekly(), "the fourth fell into the next local week")
        self._conduct(bj(2026, 3, 8, 23, 30))
        # another department (after-sales) does not count with sales
        self._conduct(bj(2026, 3, 4, 10, 0), category_id=self.cat_repair.id)
        with freeze_time(bj(2026, 3, 9, 8, 0)):
            self.env["complaint.penalty"]._cron_automotive_conduct_week()
            self.env["complaint.penalty"]._cron_automotive_conduct_week()
        weekly = self._weekly()
        self.assertEqual(len(weekly), 1)
        self.assertEqual((weekly.user_id, weekly.amount), (self.retail_manager, 50))
        self.assertIn("2026-W10", weekly.evidence)


@tagged("post_install", "-at_install")
class TestAutomotiveConductConcurrency(TransactionCase):
    """Two daily runs of the weekly rule at once levy the manager's fine once."""

    def test_two_workers_levy_once(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
            manager = env["res.users"].create({"name": "并发零售经理", "login": "au_conc_manager"})
            staff = env["res.users"].create({"name": "并发顾问", "login": "au_conc_staff"})
            team = env["complaint.team"].create({"name": "并发4S店", "code": "AU-CONC", "sector": "automotive"})
            env["complaint.team.role"].create(
                {"team_id": team.id, "code": "retail_manager", "name": "零售经理", "user_id": manager.id}
            )
            service = env.ref("complaint_automotive.automotive_category_service")
            complaints = env["complaint.complaint"].create(
                [
                    {
                        "subject": f"并发态度 {i}",
                        "is_anonymous": True,
                        "team_id": team.id,
                        "category_id": service.id,
                        "respondent_user_id": staff.id,
                        "date_received": f"2026-03-0{2 + i} 02:00:00",
                    }
                    for i in range(4)
                ]
            )
            complaints.action_automotive_establish_conduct()
            ids = {
                "complaints": complaints.ids,
                "team": team.id,
                "users": (manager | staff).ids,
                "partners": (manager | staff).partner_id.ids,
            }
            cr.commit()
        try:
            with freeze_time("2026-03-09 00:00:00"):
                run_two_workers(self, lambda env: env["complaint.penalty"]._cron_automotive_conduct_week())
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM complaint_penalty WHERE rule_code = 'AUTO-WEEKLY' AND team_id = %s",
                    [ids["team"]],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with self.registry.cursor() as cr:
                every = tuple(ids["complaints"])
                cr.execute("DELETE FROM complaint_penalty WHERE complaint_id IN %s", [every])
                cr.execute("DELETE FROM mail_message WHERE model = 'complaint.complaint' AND res_id IN %s", [every])
                cr.execute("DELETE FROM complaint_complaint WHERE id IN %s", [every])
                cr.execute("DELETE FROM complaint_team WHERE id = %s", [ids["team"]])
                cr.execute("DELETE FROM res_users WHERE id IN %s", [tuple(ids["users"])])
                cr.execute("DELETE FROM res_partner WHERE id IN %s", [tuple(ids["partners"])])
                cr.commit()
