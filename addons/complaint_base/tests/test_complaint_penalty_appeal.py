from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintPenaltyAppeal(ComplaintCase):
    """The fined employee appeals their own fine (they may only read fines);
    nobody else below a manager can, and a portal user not at all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.team_a.leader_id = cls.manager
        # a team leader who reads the fine (team rule) but is not its payer
        cls.team_c = cls.env["complaint.team"].create({"name": "Team C", "code": "TC", "leader_id": cls.user_a.id})
        cls.complaint = cls._complaint(team_id=cls.team_a.id)
        cls.fine = cls.env["complaint.penalty"].create(
            {
                "complaint_id": cls.complaint.id,
                "partner_id": cls.user_own.partner_id.id,
                "user_id": cls.user_own.id,
                "payer_type": "handler",
                "team_id": cls.team_c.id,
                "amount": 200,
            }
        )

    def _untouched(self):
        self.fine.invalidate_recordset()
        self.assertRecordValues(self.fine, [{"state": "proposed", "appeal_reason": False, "appealed_by_id": False}])
        self.assertFalse(self.fine.activity_ids)
        self.assertFalse(self.fine.message_ids.filtered(lambda m: "Appeal by" in (m.body or "")))

    def test_payer_appeals_own_fine_through_the_form(self):
        fine = self.fine.with_user(self.user_own)
        self.assertTrue(fine.can_appeal_own)
        action = fine.action_appeal()
        self.assertEqual(action["res_model"], "complaint.penalty.appeal")
        wizard = (
            self.env["complaint.penalty.appeal"]
            .with_user(self.user_own)
            .with_context(action["context"])
            .create({"reason": "当天系统故障，工单无法派发，有截图为证。"})
        )
        wizard.action_appeal()
        self.fine.invalidate_recordset()
        self.assertRecordValues(
            self.fine,
            [
                {
                    "state": "appealed",
                    "appeal_reason": "当天系统故障，工单无法派发，有截图为证。",
                    "appealed_by_id": self.user_own.id,
                }
            ],
        )
        self.assertTrue(self.fine.date_appealed)
        message = self.fine.message_ids.filtered(lambda m: "Appeal by" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.user_own.partner_id)
        self.assertIn("系统故障", message.body)
        activity = self.fine.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager, "the complaint's team leader, a manager, decides")
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        # decided by the manager as usual
        self.fine.with_user(self.manager).action_confirm()
        self.assertEqual(self.fine.state, "confirmed")

    def test_payer_calls_the_method_directly(self):
        self.fine.with_user(self.user_own).action_appeal_own("金额与条款不符")
        self.assertEqual(self.fine.state, "appealed")
        with self.assertRaises(UserError):
            # already appealed
            self.fine.with_user(self.user_own).action_appeal_own("再次申诉")

    def test_others_cannot_appeal(self):
        # a team leader who reads the fine but does not pay it
        leader_view = self.fine.with_user(self.user_a)
        leader_view.read(["amount"])
        self.assertFalse(leader_view.can_appeal_own)
        with self.assertRaises(AccessError):
            leader_view.action_appeal_own("不是我的罚款")
        with self.assertRaises(AccessError):
            leader_view.action_appeal()
        # a user who cannot even read it, and a portal user over JSON-RPC
        for user in (self.user_b, self.portal_user):
            with self.assertRaises(AccessError):
                self.fine.with_user(user).action_appeal_own("随便")
            with self.assertRaises(AccessError):
                self.env["complaint.penalty.appeal"].with_user(user).create(
                    {"penalty_ids": [(6, 0, self.fine.ids)], "reason": "随便"}
                ).action_appeal()
        self._untouched()

    def test_reason_and_state_are_required(self):
        with self.assertRaises(UserError):
            self.fine.with_user(self.user_own).action_appeal_own("   ")
        self._untouched()
        self.fine.action_confirm()
        self.fine.action_settle()
        with self.assertRaises(UserError):
            self.fine.with_user(self.user_own).action_appeal_own("结算后申诉")
        self.assertEqual(self.fine.state, "settled")
        self.assertFalse(self.fine.with_user(self.user_own).can_appeal_own)
