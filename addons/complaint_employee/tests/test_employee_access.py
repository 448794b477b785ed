from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import EmployeeCase


@tagged("post_install", "-at_install")
class TestEmployeeAccess(EmployeeCase):
    """Only grievance officers see grievances (record rules for every role)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grievance = cls._grievance()
        cls.other = cls._complaint(team_id=cls.team_a.id, user_id=cls.user_a.id)
        cls.public_user = cls.env.ref("base.public_user")

    def _visible(self, user):
        Complaint = self.env["complaint.complaint"].with_user(user)
        if not Complaint.has_access("read"):
            return Complaint
        return Complaint.search([("id", "in", (self.grievance | self.other).ids)])

    def test_officer_sees_grievances(self):
        self.assertIn(self.grievance, self._visible(self.officer))
        self.grievance.with_user(self.officer).read(["subject", "employee_path"])

    def test_other_roles_see_none(self):
        automotive_like = new_test_user(
            self.env,
            login="em_sector",
            name="Other Desk",
            groups="base.group_user,complaint_base.group_complaint_user_own",
        )
        for user in (
            self.user_own,
            self.user_a,
            self.manager,
            self.admin,
            self.hr_user,
            self.custodian,
            self.auditor,
            self.leader_user,
            self.reporter_user,
            self.portal_user,
            automotive_like,
        ):
            with self.subTest(user=user.login):
                self.assertNotIn(self.grievance, self._visible(user))
                with self.assertRaises(AccessError):
                    self.grievance.with_user(user).read(["subject"])
                if user.has_group("complaint_base.group_complaint_user_own"):
                    groups = (
                        self.env["complaint.complaint"]
                        .with_user(user)
                        .read_group([("sector", "=", "employee")], ["subject"], ["sector"])
                    )
                    self.assertFalse(groups)
        # the public user has no complaint rights at all
        with self.assertRaises(AccessError):
            self.grievance.with_user(self.public_user).read(["subject"])

    def test_other_sector_complaints_stay_visible(self):
        self.assertIn(self.other, self._visible(self.user_a))
        self.assertIn(self.other, self._visible(self.manager))

    def test_clocks_and_parties_follow(self):
        clocks = self.grievance.sudo().clock_ids
        self.assertTrue(clocks)
        Clock = self.env["complaint.clock"]
        self.assertFalse(Clock.with_user(self.manager).search([("id", "in", clocks.ids)]))
        self.assertEqual(Clock.with_user(self.officer).search([("id", "in", clocks.ids)]), clocks)

    def test_menus_only_for_officers(self):
        menu = self.env.ref("complaint_employee.complaint_complaint_menu_employee")
        visible = self.env["ir.ui.menu"].with_user(self.manager)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.officer)._visible_menu_ids())

    def test_officer_actions_refused_to_others(self):
        """The officers' buttons, called over RPC by anyone else: refused,
        down to the portal user and the reporter themself."""
        methods = (
            "action_employee_admin_reply",
            "action_employee_appeal_gm",
            "action_employee_gm_answer",
            "action_employee_request_identity",
        )
        for user in (self.manager, self.admin, self.hr_user, self.custodian, self.reporter_user, self.portal_user):
            for method in methods:
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(self.grievance.with_user(user), method)()
        self.assertFalse(self.grievance.employee_admin_reply_date)
