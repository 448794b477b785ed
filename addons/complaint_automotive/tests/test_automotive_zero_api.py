import json

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.addons.complaint_base.tests.common import run_two_workers
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from .test_automotive_zero import vin

API = "/api/complaint/v1/automotive/survey-scores"


@tagged("post_install", "-at_install")
class TestAutomotiveSurveyApi(HttpCase):
    """The manufacturer's system sends survey scores through the base JSON
    API: its key, its all-or-nothing call, its error format."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([("sector", "!=", "automotive")]).action_archive()
        cls.team = cls.env["complaint.team"].create({"name": "接口4S店", "code": "AU-API", "sector": "automotive"})
        cls.specialist = new_test_user(cls.env, login="au_api_specialist", name="回访员甲", groups="base.group_user")
        cls.env["complaint.team.role"].create(
            {"team_id": cls.team.id, "code": "callback_specialist", "name": "回访专员", "user_id": cls.specialist.id}
        )
        cls.env.company.automotive_zero_team_id = cls.team
        cls.feed_user = new_test_user(
            cls.env,
            login="au_api_feed",
            name="厂家回访接口",
            groups="base.group_user,complaint_automotive.group_automotive_callback",
            tz="Asia/Shanghai",
        )
        cls.integration = cls.env["complaint.api.integration"].create(
            {"name": "厂家回访系统", "code": "oem_survey_test", "user_id": cls.feed_user.id}
        )
        cls.key = cls.integration.action_issue_key()["context"]["default_key"]
        desk_user = new_test_user(
            cls.env, login="au_api_desk", groups="base.group_user,complaint_automotive.group_automotive_user"
        )
        cls.desk_integration = cls.env["complaint.api.integration"].create(
            {"name": "无权限接口", "code": "oem_desk_test", "user_id": desk_user.id}
        )
        cls.desk_key = cls.desk_integration.action_issue_key()["context"]["default_key"]

    def _post(self, payload, key=None, headers=None):
        all_headers = {"Content-Type": "application/json", "Authorization": f"Bearer {key or self.key}"}
        all_headers.update(headers or {})
        response = self.opener.post(self.base_url() + API, data=json.dumps(payload), headers=all_headers, timeout=30)
        return response.status_code, response.json()

    def _score(self, serial, score, **values):
        return {
            "vin": vin(serial),
            "customer": "赵先生",
            "phone": "13800138000",
            "visit_date": "2026-03-01",
            "survey_date": "2026-03-04",
            "question": "总体满意度",
            "score": score,
            "comment": "等待时间太长",
            "kind": "service",
            **values,
        }

    def _scores(self, *serials):
        return self.env["automotive.survey.score"].search([("vin", "in", [vin(s) for s in serials])])

    @freeze_time("2026-03-05 02:00:00")
    def test_scores_in_one_call(self):
        status, body = self._post({"scores": [self._score(201, 6), self._score(202, 7), self._score(203, 10)]})
        self.assertEqual(status, 201, body)
        self.assertEqual((body["received"], body["low_scores"]), (3, 1))
        case = self._scores(201).complaint_id
        self.assertEqual(body["cases"][0]["reference"], case.name)
        self.assertEqual(body["cases"][0]["vin"], vin(201))
        self.assertEqual(body["cases"][0]["recheck_due"], "2026-03-11 16:00:00")
        self.assertFalse(self._scores(202, 203).complaint_id)
        self.assertEqual(self._scores(201).source, "oem_survey_test")
        self.assertEqual((case.user_id, case.automotive_line), (self.specialist, "service"))

    @freeze_time("2026-03-05 02:00:00")
    def test_bad_rows_refuse_the_whole_call(self):
        payload = {
            "scores": [
                self._score(211, 5),
                self._score(212, 5, vin="LSVAU2185N2183294"),
                self._score(213, 12),
                self._score(214, 4, survey_date=None),
                self._score(211, 2),
                {"vin": vin(215), "score": 8, "survey_date": "2026-03-04", "colour": "red"},
            ],
            "batch": 7,
        }
        status, body = self._post(payload, headers={"Accept-Language": "en"})
        self.assertEqual(status, 422, body)
        self.assertEqual(body["error"]["code"], "validation_error")
        errors = {item["field"]: item["message"] for item in body["error"]["fields"]}
        self.assertIn("check digit", errors["scores[1].vin"])
        self.assertIn("out of range", errors["scores[2].score"])
        self.assertIn("empty", errors["scores[3].survey_date"])
        self.assertIn("scores[0]", errors["scores[4].question"])
        self.assertIn("scores[5].colour", errors)
        self.assertIn("batch", errors)
        self.assertFalse(self._scores(211, 215))
        # a score already received is a duplicate on the next call
        self.assertEqual(self._post({"scores": [self._score(216, 9)]})[0], 201)
        status, body = self._post({"scores": [self._score(216, 8)]})
        self.assertEqual(status, 422)
        self.assertIn("already received", body["error"]["fields"][0]["message"])

    @freeze_time("2026-03-05 02:00:00")
    def test_rights_and_replay(self):
        status, body = self._post({"scores": [self._score(221, 3)]}, key=self.desk_key)
        self.assertEqual((status, body["error"]["code"]), (403, "forbidden"))
        self.assertFalse(self._scores(221))
        status, body = self._post({"scores": []})
        self.assertEqual(status, 422)
        headers = {"Idempotency-Key": "survey-2026-03-04"}
        first = self._post({"scores": [self._score(222, 3)]}, headers=headers)
        again = self._post({"scores": [self._score(222, 3)]}, headers=headers)
        self.assertEqual(first, again, "a retried call changes nothing and answers the same")
        self.assertEqual(len(self._scores(222)), 1)


@tagged("post_install", "-at_install")
class TestAutomotiveZeroConcurrency(TransactionCase):
    """Two schedulers at once on an overdue recheck: the dealer is fined 3000 once."""

    def test_two_schedulers_fine_once(self):
        with self.registry.cursor() as cr, freeze_time("2026-03-10 02:00:00"):
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
            specialist = env["res.users"].create({"name": "并发回访员", "login": "au_conc_callback"})
            director = env["res.users"].create({"name": "并发销售总监", "login": "au_conc_director"})
            team = env["complaint.team"].create({"name": "并发零抱怨", "code": "AU-ZC", "sector": "automotive"})
            for code, user in (("callback_specialist", specialist), ("sales_director", director)):
                env["complaint.team.role"].create({"team_id": team.id, "code": code, "name": code, "user_id": user.id})
            company = env.company
            previous_team = company.automotive_zero_team_id.id
            company.automotive_zero_team_id = team
            env.ref("complaint_automotive.policy_automotive_zero").active = True
            scores = env["automotive.survey.score"]._automotive_receive(
                [
                    {
                        "vin": vin(301),
                        "customer": "并发客户",
                        "survey_date": fields.Date.to_date("2026-03-02"),
                        "score": 2,
                    }
                ],
                company,
                "conc",
            )
            case = scores.complaint_id
            recheck = case.clock_ids.filtered(lambda c: c.kind_id.code == "automotive_recheck")
            ids = {
                "case": case.id,
                "clock": recheck.id,
                "scores": scores.ids,
                "vehicle": case.vehicle_id.id,
                "partners": (case.partner_id | specialist.partner_id | director.partner_id).ids,
                "users": (specialist | director).ids,
                "team": team.id,
                "previous_team": previous_team,
            }
            cr.commit()
        try:
            with freeze_time("2026-03-10 03:00:00"):
                # both replay the overdue clock without the scheduler's SKIP LOCKED: the step's claim decides
                run_two_workers(
                    self, lambda env: env["complaint.clock"].browse(ids["clock"])._process(fields.Datetime.now())
                )
                run_two_workers(self, lambda env: env["complaint.clock"]._cron_process_clocks())
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*), sum(amount) FROM complaint_penalty WHERE complaint_id = %s AND rule_code = 'AUTO-ZERO'",
                    [ids["case"]],
                )
                self.assertEqual(cr.fetchone(), (1, 3000))
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM complaint_penalty WHERE complaint_id = %s", [ids["case"]])
                cr.execute("DELETE FROM automotive_survey_score WHERE id IN %s", [tuple(ids["scores"])])
                cr.execute(
                    "DELETE FROM mail_message WHERE model = 'complaint.complaint' AND res_id = %s", [ids["case"]]
                )
                cr.execute(
                    "DELETE FROM mail_followers WHERE res_model = 'complaint.complaint' AND res_id = %s", [ids["case"]]
                )
                cr.execute("DELETE FROM complaint_complaint WHERE id = %s", [ids["case"]])
                cr.execute("DELETE FROM automotive_vehicle WHERE id = %s", [ids["vehicle"]])
                cr.execute(
                    "UPDATE res_company SET automotive_zero_team_id = %s WHERE id = %s",
                    [ids["previous_team"] or None, self.env.company.id],
                )
                cr.execute("DELETE FROM complaint_team WHERE id = %s", [ids["team"]])
                cr.execute("DELETE FROM res_users WHERE id IN %s", [tuple(ids["users"])])
                cr.execute("DELETE FROM res_partner WHERE id IN %s", [tuple(ids["partners"])])
                cr.commit()
