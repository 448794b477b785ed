from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import AutomotiveCase, bj


@tagged("post_install", "-at_install")
class TestAutomotiveFormLost(AutomotiveCase):
    """A lost complaint form (seed 004, 七 7): every participant pays 50,
    once per complaint; only the customer-care manager or a director records
    it."""

    def _worked_complaint(self):
        """Assigned by customer care, signed for by the retail manager, a
        note by the callback specialist, an activity for the service
        manager."""
        complaint = self._dealer(bj(2026, 3, 3, 10, 0), user_id=False)
        complaint.with_user(self.care_manager).write({"user_id": self.owner.id})
        complaint.with_user(self.retail_manager).action_automotive_sign_for()
        complaint.with_user(self.callback_user).message_post(body="已电话联系客户", subtype_xmlid="mail.mt_note")
        complaint.activity_schedule("mail.mail_activity_data_todo", user_id=self.service_manager.id)
        return complaint

    def _wizard(self, complaint, user):
        return self.env["automotive.form.lost.wizard"].with_user(user).create({"complaint_id": complaint.id})

    def _lost_fines(self, complaint):
        return self._fines(complaint).filtered(lambda p: p.rule_id.code == "AUTO-LOST")

    @freeze_time("2026-03-03 02:00:00")
    def test_participants_proposed_from_the_record(self):
        complaint = self._worked_complaint()
        self.assertEqual(complaint.automotive_assigned_by_id, self.care_manager)
        wizard = self._wizard(complaint, self.care_manager)
        self.assertEqual(
            wizard.user_ids,
            self.owner | self.retail_manager | self.care_manager | self.callback_user | self.service_manager,
        )
        self.assertEqual((wizard.rule_id, wizard.amount), (self._rule_ref("rule_auto_form_lost"), 50))
        # the salesperson never touched it; the portal user, superuser and archived users never count
        self.assertNotIn(self.salesperson, wizard.user_ids)

    @freeze_time("2026-03-03 02:00:00")
    def test_each_participant_fined_once(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_base", "complaint_automotive"], ["zh_CN"], True)
        self.env.company.partner_id.lang = "zh_CN"
        complaint = self._worked_complaint()
        wizard = self._wizard(complaint, self.care_manager)
        # the manager leaves the service manager out (only set up a reminder) and confirms
        wizard.user_ids -= self.service_manager
        wizard.note = "回访确认时发现纸质抱怨单不见了"
        with freeze_time(bj(2026, 3, 4, 15, 30)):
            wizard.action_confirm()
        fines = self._lost_fines(complaint)
        self.assertEqual(fines.user_id, self.owner | self.retail_manager | self.care_manager | self.callback_user)
        self.assertEqual(set(fines.mapped("amount")), {50})
        self.assertEqual(set(fines.mapped("payer_type")), {"participant"})
        self.assertEqual(set(fines.mapped("state")), {"proposed"})
        self.assertEqual(fines.partner_id, fines.user_id.partner_id)
        evidence = fines[0].evidence
        self.assertIn("15:30", evidence, "local time")
        self.assertIn("遗失", evidence, "the company's language")
        self.assertIn("纸质抱怨单", evidence)
        self.assertRecordValues(
            complaint,
            [
                {
                    "automotive_form_lost": True,
                    "automotive_form_lost_by_id": self.care_manager.id,
                    "automotive_date_form_lost": bj(2026, 3, 4, 15, 30),
                }
            ],
        )
        note = complaint.message_ids[0]
        self.assertIn("遗失", note.body)
        self.assertIn(self.owner.name, note.body)
        # recorded again (a participant added): the others are not fined twice
        with freeze_time(bj(2026, 3, 4, 16, 0)):
            complaint.with_user(self.care_manager).action_automotive_record_form_lost(
                (self.owner | self.service_manager).ids
            )
        fines = self._lost_fines(complaint)
        self.assertEqual(len(fines), 5)
        self.assertEqual(len(fines.filtered(lambda p: p.user_id == self.owner)), 1)
        self.assertIn("已因此单遗失处罚过", complaint.message_ids[0].body)

    @freeze_time("2026-03-03 02:00:00")
    def test_rule_amount_is_editable(self):
        self._rule_ref("rule_auto_form_lost").amount = 80
        complaint = self._worked_complaint()
        complaint.with_user(self.care_manager).action_automotive_record_form_lost(self.owner.ids, "丢失")
        self.assertEqual(self._lost_fines(complaint).amount, 80)

    @freeze_time("2026-03-03 02:00:00")
    def test_only_internal_participants(self):
        complaint = self._worked_complaint()
        with self.assertRaises(UserError):
            complaint.with_user(self.care_manager).action_automotive_record_form_lost([])
        with self.assertRaises(UserError):
            complaint.with_user(self.care_manager).action_automotive_record_form_lost(
                (self.owner | self.portal_user).ids
            )
        self.assertFalse(self._lost_fines(complaint))

    @freeze_time("2026-03-03 02:00:00")
    def test_lower_users_are_refused(self):
        complaint = self._worked_complaint()
        wizard = self._wizard(complaint, self.care_manager)
        for user in (self.salesperson, self.retail_manager, self.owner, self.portal_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    complaint.with_user(user).action_automotive_record_form_lost(self.owner.ids)
                with self.assertRaises(AccessError):
                    complaint.with_user(user).action_automotive_form_lost()
                with self.assertRaises(AccessError):
                    wizard.with_user(user).action_confirm()
                with self.assertRaises(AccessError):
                    self._wizard(complaint, user)
        self.assertFalse(self._lost_fines(complaint))
        self.assertFalse(complaint.automotive_form_lost)
        # a director of the team (no complaint manager) may record it
        self.team.member_ids |= self.service_director
        self.assertFalse(self.service_director.has_group("complaint_base.group_complaint_manager"))
        complaint.with_user(self.service_director).action_automotive_record_form_lost(self.owner.ids)
        self.assertEqual(self._lost_fines(complaint).user_id, self.owner)
