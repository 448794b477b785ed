from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintAccess(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint_a = cls._complaint(subject="A 队投诉", team_id=cls.team_a.id)
        cls.complaint_b = cls._complaint(subject="B 队投诉", team_id=cls.team_b.id)

    def test_team_user_cannot_read_another_team(self):
        self.complaint_a.with_user(self.user_a).read(["subject"])
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.user_a).read(["subject"])
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.user_a).write({"subject": "hijack"})
        visible = self.env["complaint.complaint"].with_user(self.user_a).search([("team_id", "!=", False)])
        self.assertIn(self.complaint_a, visible)
        self.assertNotIn(self.complaint_b, visible)

    def test_own_user_sees_only_own_complaints(self):
        Complaint = self.env["complaint.complaint"].with_user(self.user_own)
        mine = Complaint.create({"subject": "前台登记", "contact_name": "孙立", "contact_phone": "13711112222"})
        self.assertEqual(Complaint.search([]), mine)
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.user_own).read(["subject"])
        self.complaint_a.user_id = self.user_own
        self.complaint_a.with_user(self.user_own).read(["subject"])

    def test_nobody_deletes(self):
        for user in (self.user_own, self.user_a, self.manager, self.admin):
            with self.assertRaises(AccessError):
                self.complaint_a.with_user(user).unlink()
        # not even the superuser: records are archived, never deleted
        with self.assertRaises(UserError):
            self.complaint_a.unlink()
        self.assertTrue(self.complaint_a.exists())

    def test_manager_sees_everything_and_archives(self):
        Complaint = self.env["complaint.complaint"].with_user(self.manager)
        self.assertGreaterEqual(Complaint.search_count([("id", "in", (self.complaint_a | self.complaint_b).ids)]), 2)
        self.complaint_b.with_user(self.manager).action_archive()
        self.assertFalse(self.complaint_b.active)

    def test_portal_user_reads_only_own(self):
        mine = self._complaint(partner_id=self.portal_user.partner_id.id)
        theirs = self._complaint(partner_id=self.other_portal_user.partner_id.id)
        Complaint = self.env["complaint.complaint"].with_user(self.portal_user)
        self.assertEqual(Complaint.search([]), mine)
        mine.with_user(self.portal_user).read(["subject", "state"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_user).read(["subject"])
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_user).write({"subject": "changed"})
        with self.assertRaises(AccessError):
            Complaint.create({"subject": "x", "is_anonymous": True})

    def test_configuration_is_for_administrators(self):
        with self.assertRaises(AccessError):
            self.env["complaint.channel"].with_user(self.manager).create({"name": "微信", "code": "wechat"})
        with self.assertRaises(AccessError):
            self.team_a.with_user(self.user_a).write({"name": "renamed"})
        channel = self.env["complaint.channel"].with_user(self.admin).create({"name": "微信", "code": "wechat"})
        self.assertEqual(channel.code, "wechat")

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "杭州分公司"})
        foreign = self._complaint(company_id=other_company.id)
        with self.assertRaises(AccessError):
            foreign.with_user(self.manager).read(["subject"])
        self.manager.company_ids = [(4, other_company.id)]
        foreign.with_user(self.manager).with_context(allowed_company_ids=[self.company.id, other_company.id]).read(
            ["subject"]
        )

    def test_parties_follow_the_complaint(self):
        party = self.env["complaint.party"].create(
            {"complaint_id": self.complaint_b.id, "role": "witness", "name": "证人"}
        )
        with self.assertRaises(AccessError):
            party.with_user(self.user_a).read(["name"])
        party.with_user(self.user_b).read(["name"])
