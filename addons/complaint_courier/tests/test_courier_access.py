from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CourierCase, bj


@tagged("post_install", "-at_install")
class TestCourierAccess(CourierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            cls.complaint_a = cls._complaint(
                team_id=cls.team.id,
                courier_outlet_id=cls.outlet_a.id,
                courier_rule_id=cls.env.ref("complaint_courier.rule_sto_24").id,
            )
            cls.complaint_b = cls._complaint(
                team_id=cls.team.id,
                courier_outlet_id=cls.outlet_b.id,
                courier_rule_id=cls.env.ref("complaint_courier.rule_sto_24").id,
            )
            (cls.complaint_a | cls.complaint_b).action_courier_establish()
        cls.fine_a = cls.env["complaint.penalty"].search([("complaint_id", "=", cls.complaint_a.id)])
        cls.fine_b = cls.env["complaint.penalty"].search([("complaint_id", "=", cls.complaint_b.id)])
        cls.claim_b = cls.env["courier.claim"].create({"complaint_id": cls.complaint_b.id, "claim_type": "loss"})

    def test_outlet_manager_sees_only_their_outlet(self):
        manager = self.outlet_manager_a
        Complaint = self.env["complaint.complaint"].with_user(manager)
        self.assertEqual(Complaint.search([("sector", "=", "courier")]), self.complaint_a)
        self.complaint_a.with_user(manager).read(["name", "courier_waybill", "courier_rule_id"])
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(manager).read(["name"])
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(manager).write({"subject": "改一改"})
        Penalty = self.env["complaint.penalty"].with_user(manager)
        self.assertEqual(Penalty.search([]), self.fine_a)
        self.fine_a.with_user(manager).read(["amount", "rule_id", "state"])
        with self.assertRaises(AccessError):
            self.fine_b.with_user(manager).read(["amount"])
        with self.assertRaises(AccessError):
            self.fine_a.with_user(manager).action_waive()
        self.assertEqual(self.env["courier.outlet"].with_user(manager).search([]), self.outlet_a)
        self.assertEqual(self.env["courier.staff"].with_user(manager).search([]), self.staff_a1 | self.staff_a2)
        self.assertFalse(self.env["courier.claim"].with_user(manager).search([]))
        with self.assertRaises(AccessError):
            self.claim_b.with_user(manager).read(["amount_claimed"])
        # the other outlet's manager sees the other side
        self.assertEqual(self.env["complaint.penalty"].with_user(self.outlet_manager_b).search([]), self.fine_b)

    def test_portal_user_of_no_outlet_sees_nothing(self):
        stranger = new_test_user(self.env, login="cr_stranger", groups="base.group_portal")
        self.assertFalse(self.env["complaint.complaint"].with_user(stranger).search([("sector", "=", "courier")]))
        self.assertFalse(self.env["complaint.penalty"].with_user(stranger).search([]))
        self.assertFalse(self.env["courier.outlet"].with_user(stranger).search([]))

    def test_outlet_accounts_are_portal_users(self):
        with self.assertRaises(ValidationError):
            self.outlet_a.portal_user_ids = [(4, self.user_a.id)]

    def test_internal_rights(self):
        self.env["courier.outlet"].with_user(self.user_own).search([]).read(["code"])
        with self.assertRaises(AccessError):
            self.env["courier.outlet"].with_user(self.user_own).create({"code": "X1", "name": "X"})
        outlet = self.env["courier.outlet"].with_user(self.manager).create({"code": "X1", "name": "新网点"})
        self.assertTrue(outlet.partner_id.is_company)
        with self.assertRaises(AccessError):
            outlet.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            self.env["courier.referral"].with_user(self.user_own).search([])
        self.env["courier.referral"].with_user(self.network_user).search([])
        with self.assertRaises(AccessError):
            self._article("rule_sto_24").with_user(self.manager).write({"amount": 1})
        self._article("rule_sto_24").with_user(self.admin).write({"amount": 600})

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "申通江苏网络"})
        outlet = self.env["courier.outlet"].create({"code": "JS001", "name": "南京网点", "company_id": other.id})
        self.assertNotIn(outlet, self.env["courier.outlet"].with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            outlet.with_user(self.manager).read(["name"])
