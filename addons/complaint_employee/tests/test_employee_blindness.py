from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import EmployeeCase


@tagged("post_install", "-at_install")
class TestEmployeeBlindness(EmployeeCase):
    """A manager named in a grievance never sees it: not as officer, not as
    the reporter's manager, follower, handler or through reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the named manager is even a grievance officer
        cls.head_user.groups_id = [(4, cls.env.ref("complaint_employee.group_grievance_officer").id)]
        cls.grievance = cls._grievance(employee_concerned_ids=[(6, 0, cls.head.ids)])

    def test_named_manager_cannot_read_search_or_group(self):
        Complaint = self.env["complaint.complaint"].with_user(self.head_user)
        self.assertFalse(Complaint.search([("id", "=", self.grievance.id)]))
        self.assertFalse(Complaint.search_count([("sector", "=", "employee"), ("id", "=", self.grievance.id)]))
        with self.assertRaises(AccessError):
            self.grievance.with_user(self.head_user).read(["subject"])
        groups = Complaint.read_group([("id", "=", self.grievance.id)], ["subject"], ["employee_path"])
        self.assertFalse(groups)
        # nor its deadlines
        self.assertFalse(
            self.env["complaint.clock"].with_user(self.head_user).search([("complaint_id", "=", self.grievance.id)])
        )
        # an officer not named sees it
        self.assertEqual(
            self.env["complaint.complaint"].with_user(self.officer).search([("id", "=", self.grievance.id)]),
            self.grievance,
        )

    def test_named_later_loses_sight(self):
        grievance = self._grievance()
        self.assertTrue(grievance.with_user(self.head_user).read(["subject"]))
        grievance.with_user(self.officer).employee_concerned_ids = [(4, self.head.id)]
        grievance.invalidate_recordset()
        with self.assertRaises(AccessError):
            grievance.with_user(self.head_user).read(["subject"])

    def test_never_follower_nor_handler(self):
        self.grievance.message_subscribe(partner_ids=self.head_user.partner_id.ids)
        self.assertNotIn(self.head_user.partner_id, self.grievance.message_partner_ids)
        with self.assertRaises(ValidationError):
            self.grievance.with_user(self.officer).user_id = self.head_user
        # a follower named afterwards is unsubscribed
        grievance = self._grievance()
        grievance.message_subscribe(partner_ids=self.leader_user.partner_id.ids)
        self.assertIn(self.leader_user.partner_id, grievance.message_partner_ids)
        grievance.employee_concerned_ids = [(4, self.leader.id)]
        self.assertNotIn(self.leader_user.partner_id, grievance.message_partner_ids)

    def test_manager_chain_gives_no_sight(self):
        # the reporter's own managers (not officers) see nothing either
        for user in (self.leader_user, self.gm_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.grievance.with_user(user).read(["subject"])
        department_manager = new_test_user(
            self.env, login="em_dept", name="部门经理", groups="base.group_user,complaint_base.group_complaint_manager"
        )
        self.env["hr.department"].create(
            {
                "name": "生产部",
                "manager_id": self.env["hr.employee"].create({"name": "部门经理", "user_id": department_manager.id}).id,
                "member_ids": [(4, self.reporter.id)],
            }
        )
        with self.assertRaises(AccessError):
            self.grievance.with_user(department_manager).read(["subject"])
