from freezegun import freeze_time

from odoo import SUPERUSER_ID, api
from odoo.addons.complaint_base.tests.common import run_two_workers
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from ..rules.vin import with_check_digit
from .common import AutomotiveCase, bj


@tagged("post_install", "-at_install")
class TestAutomotiveRecurring(AutomotiveCase):
    """Recurring complaints (seed 004, 七 11-12): the same vehicle twice or
    the same type three times within 90 days go on the directors' review
    list; they record the long-term measures, the sales director promotes
    the corrective action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        desk = "base.group_user,complaint_base.group_complaint_user_team,complaint_automotive.group_automotive_user"
        cls.care_director = new_test_user(cls.env, login="au_care_director", name="冯静", groups=desk)
        cls.team.member_ids |= cls.care_director | cls.service_director
        cls.env["complaint.team.role"].create(
            {
                "team_id": cls.team.id,
                "code": "customer_care_director",
                "name": "客户关爱总监",
                "user_id": cls.care_director.id,
            }
        )
        Vehicle = cls.env["automotive.vehicle"]
        cls.car = Vehicle.create({"vin": with_check_digit("LSVAU2180N2900001")})
        cls.other_car = Vehicle.create({"vin": with_check_digit("LSVAU2180N2900002")})
        cls.cat_user = cls.env.ref("complaint_automotive.automotive_category_user")
        cls.cat_other = cls.env.ref("complaint_automotive.automotive_category_other")

    def _cron(self):
        return self.env["complaint.complaint"]._cron_automotive_recurring()

    @freeze_time(bj(2026, 3, 10, 6, 0))
    def test_same_vehicle_twice_within_the_window(self):
        old = self._dealer(bj(2025, 12, 1, 10, 0), vehicle_id=self.car.id, category_id=self.cat_product.id)
        first = self._dealer(bj(2026, 1, 20, 10, 0), vehicle_id=self.car.id, category_id=self.cat_repair.id)
        alone = self._dealer(bj(2026, 3, 1, 10, 0), vehicle_id=self.other_car.id, category_id=self.cat_user.id)
        self.assertFalse(self._cron(), "old is outside the 90 days: one complaint of the car in the window")
        second = self._dealer(bj(2026, 3, 9, 10, 0), vehicle_id=self.car.id, category_id=self.cat_other.id)
        self.assertEqual(self._cron(), first | second)
        self.assertRecordValues(
            first | second,
            [
                {
                    "automotive_recurring": True,
                    "automotive_recurring_kind": "vehicle",
                    "automotive_recurring_count": 2,
                    "automotive_review_state": "to_review",
                    "automotive_date_recurring": bj(2026, 3, 10, 6, 0),
                }
            ]
            * 2,
        )
        self.assertFalse(old.automotive_recurring or alone.automotive_recurring)
        self.assertIn(self.car.vin, second.message_ids[0].body)
        # idempotent: a second run lists nothing and notes nothing
        messages = second.message_ids
        self.assertFalse(self._cron())
        self.assertEqual(second.message_ids, messages)
        review = self.env.ref("complaint_automotive.complaint_complaint_action_automotive_recurring")
        listed = self.env["complaint.complaint"].with_user(self.care_director).search(safe_eval(review.domain))
        self.assertEqual(listed, first | second)

    @freeze_time(bj(2026, 3, 10, 6, 0))
    def test_same_type_three_times_and_the_settings(self):
        complaints = self.env["complaint.complaint"]
        for day in (2, 4):
            complaints |= self._dealer(bj(2026, 3, day, 10, 0), category_id=self.cat_product.id)
        cancelled = self._dealer(bj(2026, 3, 5, 10, 0), category_id=self.cat_product.id)
        cancelled.stage_id = self.env.ref("complaint_base.complaint_stage_cancelled")
        other_sector = self._complaint(
            date_received=bj(2026, 3, 6, 10, 0), category_id=self.cat_product.id, team_id=self.team_a.id
        )
        self.assertNotEqual(other_sector.sector, "automotive")
        self.assertFalse(self._cron(), "two of a type, a cancelled one and a non-dealer one do not recur")
        complaints |= self._dealer(bj(2026, 3, 9, 10, 0), category_id=self.cat_product.id)
        self.assertEqual(self._cron(), complaints)
        self.assertEqual(set(complaints.mapped("automotive_recurring_kind")), {"topic"})
        self.assertEqual(set(complaints.mapped("automotive_recurring_count")), {3})
        # a shorter window and a higher count are the company's settings
        self.env.company.write({"automotive_recurring_days": 3, "automotive_recurring_vehicle_count": 3})
        a = self._dealer(bj(2026, 3, 5, 10, 0), vehicle_id=self.other_car.id, category_id=self.cat_user.id)
        b = self._dealer(bj(2026, 3, 8, 10, 0), vehicle_id=self.other_car.id, category_id=self.cat_other.id)
        c = self._dealer(bj(2026, 3, 9, 10, 0), vehicle_id=self.other_car.id, category_id=self.cat_user.id)
        self.assertFalse(self._cron(), "a is outside 3 days: two of the car in the window, three needed")
        d = self._dealer(bj(2026, 3, 9, 11, 0), vehicle_id=self.other_car.id, category_id=self.cat_product.id)
        self.assertEqual(self._cron(), b | c | d)
        self.assertFalse(a.automotive_recurring)
        self.assertEqual(d.automotive_recurring_kind, "vehicle")

    @freeze_time(bj(2026, 3, 10, 6, 0))
    def test_review_and_promotion(self):
        first = self._dealer(bj(2026, 3, 2, 10, 0), vehicle_id=self.car.id)
        second = self._dealer(bj(2026, 3, 9, 10, 0), vehicle_id=self.car.id)
        self._cron()
        # the retail manager, the owner and the service director do not review
        for user in (self.retail_manager, self.owner, self.service_director, self.salesperson, self.portal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                second.with_user(user).action_automotive_review_done()
        with self.assertRaisesRegex(UserError, "long-term measures"):
            second.with_user(self.care_director).action_automotive_review_done()
        second.with_user(self.care_director).write(
            {
                "root_cause": "异响源于副车架衬套批次质量问题",
                "corrective_action": "更换同批次衬套，技术经理试车确认后交车",
                "preventive_action": "同批次车辆保养时主动检查衬套",
            }
        )
        sales_director = new_test_user(
            self.env,
            login="au_sales_director",
            name="陈建华",
            groups="base.group_user,complaint_base.group_complaint_user_team,complaint_automotive.group_automotive_user",
        )
        self.team.member_ids |= sales_director
        self.team.role_ids.filtered(lambda r: r.code == "sales_director").user_id = sales_director
        with self.assertRaisesRegex(UserError, "Review"):
            second.with_user(sales_director).action_automotive_promote_measure()
        with freeze_time(bj(2026, 3, 10, 16, 45)):
            second.with_user(self.care_director).action_automotive_review_done()
        self.assertRecordValues(
            second,
            [
                {
                    "automotive_review_state": "done",
                    "automotive_reviewed_by_id": self.care_director.id,
                    "automotive_date_reviewed": bj(2026, 3, 10, 16, 45),
                }
            ],
        )
        self.assertEqual(first.automotive_review_state, "to_review")
        with self.assertRaises(UserError):
            second.with_user(self.care_director).action_automotive_review_done()
        # only the sales director promotes
        for user in (self.care_director, self.retail_manager, self.portal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                second.with_user(user).action_automotive_promote_measure()
        with freeze_time(bj(2026, 3, 11, 9, 0)):
            second.with_user(sales_director).action_automotive_promote_measure()
        self.assertRecordValues(
            second,
            [
                {
                    "automotive_measure_promoted": True,
                    "automotive_promoted_by_id": sales_director.id,
                    "automotive_date_promoted": bj(2026, 3, 11, 9, 0),
                }
            ],
        )
        note = second.message_ids[0]
        self.assertIn("更换同批次衬套", note.body)
        self.assertLessEqual((self.retail_manager | self.owner).partner_id, note.partner_ids, "the team is told")
        with self.assertRaises(UserError):
            second.with_user(sales_director).action_automotive_promote_measure()

    def test_settings_refuse_nonsense(self):
        with self.assertRaises(ValidationError):
            self.env.company.automotive_recurring_vehicle_count = 1
        with self.assertRaises(ValidationError):
            self.env.company.automotive_recurring_days = 0


@tagged("post_install", "-at_install")
class TestAutomotiveRecurringConcurrency(TransactionCase):
    """Two daily runs at once list and note each recurring complaint once."""

    def test_two_workers_note_once(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
            team = env["complaint.team"].create({"name": "并发反复4S店", "code": "AU-REC", "sector": "automotive"})
            car = env["automotive.vehicle"].create({"vin": with_check_digit("LSVAU2180N2900077")})
            complaints = env["complaint.complaint"].create(
                [
                    {
                        "subject": f"并发反复 {i}",
                        "is_anonymous": True,
                        "team_id": team.id,
                        "vehicle_id": car.id,
                        "date_received": f"2026-03-0{2 + i} 02:00:00",
                    }
                    for i in range(2)
                ]
            )
            ids = {"complaints": complaints.ids, "team": team.id, "car": car.id}
            cr.commit()
        try:
            with freeze_time("2026-03-09 00:00:00"):
                run_two_workers(self, lambda env: env["complaint.complaint"]._cron_automotive_recurring())
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM complaint_complaint WHERE id IN %s AND automotive_recurring",
                    [tuple(ids["complaints"])],
                )
                self.assertEqual(cr.fetchone()[0], 2)
                cr.execute(
                    "SELECT res_id, count(*) FROM mail_message WHERE model = 'complaint.complaint' AND res_id IN %s "
                    "AND body ILIKE %s GROUP BY res_id",
                    [tuple(ids["complaints"]), "%N2900077%"],
                )
                self.assertEqual(sorted(count for __, count in cr.fetchall()), [1, 1])
        finally:
            with self.registry.cursor() as cr:
                every = tuple(ids["complaints"])
                cr.execute("DELETE FROM complaint_clock WHERE complaint_id IN %s", [every])
                cr.execute(
                    "DELETE FROM mail_followers WHERE res_model = 'complaint.complaint' AND res_id IN %s", [every]
                )
                cr.execute("DELETE FROM mail_message WHERE model = 'complaint.complaint' AND res_id IN %s", [every])
                cr.execute("DELETE FROM complaint_complaint WHERE id IN %s", [every])
                cr.execute("DELETE FROM automotive_vehicle WHERE id = %s", [ids["car"]])
                cr.execute("DELETE FROM complaint_team WHERE id = %s", [ids["team"]])
                cr.commit()
