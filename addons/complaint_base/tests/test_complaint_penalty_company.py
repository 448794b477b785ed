from freezegun import freeze_time

from odoo.tests import tagged

from .common_deadlines import DeadlineCase, bj


@tagged("post_install", "-at_install")
class TestComplaintPenaltyCompany(DeadlineCase):
    """A fine paid by the company itself (not a person), and a rule fined at
    most once per complaint whichever clock or action cites it."""

    def _fine_step(self, *rules):
        return {
            "name": "超时罚款",
            "threshold": "after_due",
            "threshold_value": 0,
            "action": "fine",
            "penalty_rule_ids": [(6, 0, [rule.id for rule in rules])],
        }

    def _fines(self, complaint):
        return self.env["complaint.penalty"].search([("complaint_id", "=", complaint.id)])

    @freeze_time("2026-03-03 02:00:00")
    def test_company_pays(self):
        rule = self._rule("CO-1", 3000, payer="company")
        self._policy(self.kind_contact, 1, "hours", steps=[self._fine_step(rule)])
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        with freeze_time(bj(2026, 3, 3, 11, 30)):
            self._run_scheduler()
        fine = self._fines(complaint)
        self.assertRecordValues(
            fine,
            [
                {
                    "partner_id": self.company.partner_id.id,
                    "user_id": False,
                    "payer_type": "company",
                    "payer_company_id": self.company.id,
                    "amount": 3000,
                }
            ],
        )
        # the handler does not see (or appeal) the company's fine as their own
        self.assertFalse(fine.with_user(self.user_a).can_appeal_own)
        self.assertFalse(
            self.env["complaint.penalty"]
            .with_user(self.user_own)
            .search([("id", "=", fine.id), ("user_id", "=", self.user_own.id)])
        )

    @freeze_time("2026-03-03 02:00:00")
    def test_once_per_complaint_across_clocks_and_actions(self):
        once = self._rule("ONCE-1", 500, payer="company", once_per_complaint=True)
        every = self._rule("EVERY-1", 50, payer="handler")
        self._policy(self.kind_contact, 1, "hours", steps=[self._fine_step(once, every)])
        self._policy(self.kind_resolve, 2, "hours", steps=[self._fine_step(once, every)])
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        with freeze_time(bj(2026, 3, 3, 15, 0)):
            self._run_scheduler()
            self._run_scheduler()
        fines = self._fines(complaint)
        self.assertEqual(len(fines.filtered(lambda f: f.rule_id == once)), 1, "one fine per complaint")
        self.assertEqual(len(fines.filtered(lambda f: f.rule_id == every)), 2, "one fine per breached clock")
        # a sector action citing the rule with its own key books nothing more
        Penalty = self.env["complaint.penalty"]
        fine = {"rule_code": once.code, "amount": once.amount, "payer": "company"}
        values = Penalty._fine_values(
            complaint, fine, once, self.company.partner_id, self.env["res.users"], "sector:own:key", "再次"
        )
        self.assertFalse(Penalty._create_batch_once([values]))
        self.assertEqual(len(self._fines(complaint).filtered(lambda f: f.rule_id == once)), 1)
        # another complaint is fined on its own
        other = self._received(bj(2026, 3, 3, 10, 0))
        values = Penalty._fine_values(other, fine, once, self.company.partner_id, self.env["res.users"], "x", "另一")
        self.assertEqual(len(Penalty._create_batch_once([values])), 1)
