from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_deadlines import DeadlineCase, bj


@tagged("post_install", "-at_install")
class TestComplaintTeamRolePayer(DeadlineCase):
    """A fine rule paid by a team role: the holder of the role in the
    complaint's team pays, once per breach; no holder, the fine waits."""

    def _fine_step(self, *rules):
        return {
            "name": "超时罚款",
            "threshold": "after_due",
            "threshold_value": 0,
            "action": "fine",
            "penalty_rule_ids": [(6, 0, [rule.id for rule in rules])],
        }

    def test_role_code_required(self):
        with self.assertRaises(ValidationError):
            self._rule("ROLE-X", 50, payer="team_role")

    @freeze_time("2026-03-03 02:00:00")
    def test_role_holder_pays(self):
        handler_rule = self._rule("ROLE-H", 50, payer="handler")
        role_rule = self._rule("ROLE-D", 50, payer="team_role", payer_role_code="sales_director")
        self._policy(self.kind_contact, 1, "hours", steps=[self._fine_step(handler_rule, role_rule)])
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        with freeze_time(bj(2026, 3, 3, 11, 30)):
            self._run_scheduler()
            self._run_scheduler()
        fines = self.env["complaint.penalty"].search([("complaint_id", "=", complaint.id)])
        self.assertEqual(len(fines), 2, "handler and director pay once each")
        by_rule = {fine.rule_id: fine for fine in fines}
        self.assertEqual(by_rule[role_rule].user_id, self.director)
        self.assertEqual(by_rule[role_rule].payer_type, "team_role")
        self.assertEqual(by_rule[role_rule].payer_role_code, "sales_director")
        self.assertEqual(by_rule[handler_rule].user_id, self.user_a)

    @freeze_time("2026-03-03 02:00:00")
    def test_role_without_holder_waits(self):
        role_rule = self._rule("ROLE-G", 100, payer="team_role", payer_role_code="general_manager")
        self._policy(self.kind_contact, 1, "hours", steps=[self._fine_step(role_rule)])
        complaint = self._received(bj(2026, 3, 3, 10, 0))
        with freeze_time(bj(2026, 3, 3, 11, 30)):
            self._run_scheduler()
        self.assertFalse(self.env["complaint.penalty"].search([("complaint_id", "=", complaint.id)]))
        self.assertTrue(self._clock(complaint, self.kind_contact).fine_pending_step_ids)
