from freezegun import freeze_time

from odoo.tests import tagged

from .common import AutomotiveCase, bj


@tagged("post_install", "-at_install")
class TestAutomotiveDeadlines(AutomotiveCase):
    """The dealer table of seed 004 as shipped, under frozen time."""

    @freeze_time("2026-03-03 02:00:00")
    def test_first_contact_within_2_hours_else_owner_pays_100(self):
        complaint = self._dealer(bj(2026, 3, 3, 10, 0))
        clock = self._clock(complaint, self.kind_contact)
        self.assertEqual(clock.date_due, bj(2026, 3, 3, 12, 0))
        with freeze_time(bj(2026, 3, 3, 11, 59)):
            self._run_scheduler()
        self.assertFalse(self._fines(complaint))
        with freeze_time(bj(2026, 3, 3, 12, 1)):
            self._run_scheduler()
            self._run_scheduler()
        fines = self._fines(complaint)
        self.assertEqual(fines.rule_id, self._rule_ref("rule_auto_contact"))
        self.assertEqual(fines.user_id, self.owner)
        self.assertEqual(fines.amount, 100)

    @freeze_time("2026-03-03 02:00:00")
    def test_handled_within_3_days_else_owner_and_line_manager_pay_50_each(self):
        sales = self._dealer(bj(2026, 3, 3, 10, 0), category_id=self.cat_product.id)
        service = self._dealer(bj(2026, 3, 3, 10, 0), category_id=self.cat_repair.id)
        self.assertEqual(sales.automotive_line, "sales")
        self.assertEqual(service.automotive_line, "service")
        self.assertEqual(self._clock(sales, self.kind_resolve).date_due, bj(2026, 3, 6, 10, 0))
        with freeze_time(bj(2026, 3, 6, 10, 1)):
            self._run_scheduler()
        for complaint, manager in ((sales, self.retail_manager), (service, self.service_manager)):
            fines = self._fines(complaint).filtered(lambda p: p.clock_id.kind_id == self.kind_resolve)
            self.assertEqual(sorted(fines.mapped("amount")), [50, 50])
            self.assertEqual(fines.user_id, self.owner | manager)
            manager_fine = fines.filtered(lambda p, m=manager: p.user_id == m)
            self.assertEqual(manager_fine.payer_type, "team_role")
            self.assertEqual(manager_fine.rule_id, self._rule_ref("rule_auto_handle_manager"))

    @freeze_time("2026-03-03 02:00:00")
    def test_on_site_verbal_complaint_handled_the_same_day(self):
        complaint = self._dealer(bj(2026, 3, 3, 10, 0), channel_id=self.channel_walk_in.id)
        clock = self._clock(complaint, self.kind_resolve)
        self.assertEqual(clock.date_due, bj(2026, 3, 3, 17, 30), "the end of the working day")
        with freeze_time(bj(2026, 3, 3, 17, 31)):
            self._run_scheduler()
        fines = self._fines(complaint).filtered(lambda p: p.clock_id.kind_id == self.kind_resolve)
        self.assertEqual(fines.user_id, self.owner | self.retail_manager)
        self.assertEqual(sum(fines.mapped("amount")), 100)

    @freeze_time("2026-03-03 02:00:00")
    def test_manufacturer_system_response_30_minutes_and_closure_7_days(self):
        late = self._dealer(bj(2026, 3, 3, 10, 0), channel_id=self.channel_system.id)
        on_time = self._dealer(bj(2026, 3, 3, 10, 0), channel_id=self.channel_system.id)
        self.assertEqual(self._clock(late, self.kind_response).date_due, bj(2026, 3, 3, 10, 30))
        self.assertEqual(self._clock(late, self.kind_close).date_due, bj(2026, 3, 10, 10, 0))
        with freeze_time(bj(2026, 3, 3, 10, 20)):
            on_time.with_user(self.callback_user).action_automotive_respond()
        self.assertEqual(self._clock(on_time, self.kind_response).state, "met")
        with freeze_time(bj(2026, 3, 3, 10, 31)):
            self._run_scheduler()
        response = self._rule_ref("rule_auto_system_response")
        self.assertEqual(self._fines(late).filtered(lambda p: p.rule_id == response).user_id, self.callback_user)
        self.assertFalse(self._fines(on_time).filtered(lambda p: p.rule_id == response))
        with freeze_time(bj(2026, 3, 10, 10, 1)):
            self._run_scheduler()
        close = self._rule_ref("rule_auto_system_close")
        closing = self._fines(late).filtered(lambda p: p.rule_id == close)
        self.assertEqual((closing.user_id, closing.amount), (self.callback_user, 100))

    @freeze_time("2026-03-03 02:00:00")
    def test_callback_within_2_days_of_handling(self):
        complaint = self._dealer(bj(2026, 3, 3, 10, 0))
        complaint.write({"validity": "valid", "resolution": "<p>已当面致歉并免费检修。</p>"})
        with freeze_time(bj(2026, 3, 3, 15, 0)):
            complaint.action_resolve()
        clock = self._clock(complaint, self.kind_callback)
        self.assertEqual(clock.date_due, bj(2026, 3, 5, 15, 0))

    @freeze_time("2026-03-03 02:00:00")
    def test_sign_for_records_who_and_when_and_meets_the_response(self):
        complaint = self._dealer(bj(2026, 3, 3, 10, 0), channel_id=self.channel_system.id, user_id=False)
        with freeze_time(bj(2026, 3, 3, 10, 10)):
            complaint.with_user(self.retail_manager).action_automotive_sign_for()
        self.assertEqual(complaint.automotive_signed_by_id, self.retail_manager)
        self.assertEqual(complaint.automotive_date_signed, bj(2026, 3, 3, 10, 10))
        self.assertEqual(complaint.user_id, self.retail_manager, "a signed-for complaint has an owner")
        self.assertEqual(self._clock(complaint, self.kind_response).state, "met")
