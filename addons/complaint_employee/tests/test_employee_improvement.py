from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import EmployeeCase, bj


@tagged("post_install", "-at_install")
class TestEmployeeImprovement(EmployeeCase):
    """The base's improvement actions (8D) are company-wide: grievances never
    feed one, and the clocks of an improvement action stay readable beside
    the sealed grievance clocks."""

    def test_no_improvement_action_on_grievances(self):
        grievance = self._grievance(bj(2026, 3, 3, 10, 0))
        self.officer.groups_id = [(4, self.env.ref("complaint_base.group_complaint_manager").id)]
        with self.assertRaises(UserError):
            grievance.with_user(self.officer).action_open_improvement()
        self.assertFalse(self.env["complaint.improvement"].search([("complaint_ids", "in", grievance.ids)]))
        # a complaint of another sector still opens one
        other = self._received(bj(2026, 3, 3, 10, 0))
        opened = other.with_user(self.manager).action_open_improvement()
        self.assertEqual(self.env["complaint.improvement"].browse(opened["res_id"]).complaint_ids, other)

    def test_improvement_clocks_pass_the_grievance_rules(self):
        self.env.ref("complaint_base.policy_improvement_default").action_unarchive()
        action = (
            self.env["complaint.improvement"]
            .with_user(self.manager)
            .create({"title": "改进", "team_id": self.team_a.id, "state": "open"})
        )
        self.assertTrue(action.clock_ids)
        Clock = self.env["complaint.clock"].with_user(self.user_b)
        self.assertEqual(Clock.search([("improvement_id", "=", action.id)]), action.clock_ids)
        self.assertTrue(action.clock_ids.with_user(self.user_b).event_ids)
