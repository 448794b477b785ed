import re

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaint(ComplaintCase):
    @freeze_time("2026-03-02 09:00:00")
    def test_reference_is_unique_and_never_reused(self):
        first = self._complaint()
        second = self._complaint(subject="第二件")
        self.assertRegex(first.name, r"^TS2026-\d{6}$")
        self.assertNotEqual(first.name, second.name)
        number = int(first.name.split("-")[1])
        self.assertEqual(int(second.name.split("-")[1]), number + 1)
        # archiving keeps the reference; a new complaint never takes it again
        first.action_archive()
        third = self._complaint(subject="第三件")
        self.assertNotIn(third.name, (first.name, second.name))
        self.assertEqual(first.display_name, f"{first.name} 发动机异响")

    def test_new_complaint_starts_in_the_new_stage(self):
        complaint = self._complaint()
        self.assertEqual(complaint.stage_id, self.stage_new)
        self.assertEqual(complaint.state, "new")
        self.assertEqual(complaint.validity, "pending")

    def test_classification_from_plugins(self):
        complaint = self._complaint(severity="critical")
        self.assertEqual(complaint.priority, "3")
        self.assertTrue(complaint.is_major)
        media = self._complaint(media_involved=True)
        self.assertEqual(media.severity, "major")
        # what the clerk set explicitly is kept
        explicit = self._complaint(severity="critical", priority="0")
        self.assertEqual(explicit.priority, "0")

    def test_partner_fills_the_contact(self):
        partner = self.env["res.partner"].create({"name": "李娜", "phone": "13987654321", "email": "li@example.com"})
        complaint = self.env["complaint.complaint"].create({"subject": "漏水", "partner_id": partner.id})
        self.assertEqual(complaint.contact_name, "李娜")
        self.assertEqual(complaint.contact_email, "li@example.com")

    def test_sector_follows_team(self):
        complaint = self._complaint(team_id=self.team_a.id)
        self.assertEqual(complaint.sector, "general")

    @freeze_time("2026-03-02 09:00:00")
    def test_life_cycle_dates_follow_the_state(self):
        complaint = self._judged(self._complaint()).with_user(self.manager)
        complaint.action_acknowledge()
        self.assertEqual(complaint.state, "acknowledged")
        complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        with freeze_time("2026-03-04 10:00:00"):
            complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertEqual(str(complaint.date_closed), "2026-03-04 10:00:00")
        complaint.action_reopen()
        self.assertEqual(complaint.state, "in_progress")
        self.assertFalse(complaint.date_closed)

    def test_closed_complaint_is_read_only_except_for_managers(self):
        complaint = self._complaint(team_id=self.team_a.id, user_id=self.user_a.id)
        complaint.stage_id = self.stage_closed
        as_handler = complaint.with_user(self.user_a)
        with self.assertRaisesRegex(UserError, "read-only"):
            as_handler.write({"subject": "changed"})
        self.assertEqual(complaint.subject, "发动机异响")
        # the handler can still discuss it in the chatter
        as_handler.message_post(body="客户来电询问")
        # a manager can reopen and edit
        complaint.with_user(self.manager).action_reopen()
        complaint.with_user(self.manager).write({"subject": "changed"})
        self.assertEqual(complaint.subject, "changed")

    def test_complaints_are_never_deleted(self):
        complaint = self._complaint()
        with self.assertRaisesRegex(UserError, "never deleted"):
            complaint.unlink()
        self.assertTrue(complaint.exists())

    def test_party_name_from_partner(self):
        partner = self.env["res.partner"].create({"name": "林芳", "phone": "13812340000"})
        complaint = self._complaint(
            party_ids=[
                (0, 0, {"role": "witness", "partner_id": partner.id}),
                (0, 0, {"role": "department", "name": "售后服务部"}),
            ]
        )
        witness, department = complaint.party_ids
        self.assertEqual((witness.name, witness.phone), ("林芳", "13812340000"))
        self.assertEqual(department.name, "售后服务部")

    def test_category_complete_name_and_cycle(self):
        parent = self.env["complaint.category"].create({"name": "服务"})
        child = self.env["complaint.category"].create({"name": "态度", "parent_id": parent.id})
        self.assertEqual(child.complete_name, "服务 / 态度")
        with self.assertRaises(UserError):  # ValidationError is a UserError
            parent.parent_id = child
            parent.flush_recordset()

    def test_stage_in_use_cannot_be_deleted(self):
        self._complaint()
        with self.assertRaises(UserError):
            self.stage_new.unlink()

    def test_team_counts_open_complaints(self):
        self._complaint(team_id=self.team_a.id)
        closed = self._complaint(team_id=self.team_a.id)
        closed.stage_id = self.stage_closed
        self.assertEqual(self.team_a.open_complaint_count, 1)
        action = self.team_a.action_open_complaints()
        self.assertEqual(action["domain"], [("team_id", "=", self.team_a.id)])

    def test_search_by_reference_or_phone(self):
        complaint = self._complaint(contact_phone="13900001111")
        Complaint = self.env["complaint.complaint"]
        self.assertIn(complaint, Complaint.search([("name", "ilike", complaint.name)]))
        found = Complaint.name_search("13900001111")
        self.assertIn(complaint.id, [row[0] for row in found])
        self.assertTrue(re.match(r"TS\d{4}-", complaint.name))
