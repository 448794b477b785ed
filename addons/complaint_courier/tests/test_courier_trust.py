from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import CourierCase, bj

# every public method of the courier desk that meets or starts a clock, fines or notes
DESK_METHODS = (
    "action_courier_order_apology",
    "action_courier_apology_given",
    "action_courier_outlet_feedback",
    "action_courier_call_outlet",
    "action_courier_outlet_reached",
    "action_courier_establish",
    "action_courier_unfounded",
)
CLAIM_METHODS = ("action_file", "action_accept", "action_agree", "action_pay", "action_reject")


@tagged("post_install", "-at_install")
class TestCourierTrust(CourierCase):
    """The desk's methods are callable over JSON-RPC by anyone who reads the
    complaint: each checks the caller's rights before its superuser side
    effects.  The outlet manager (portal) acts through the portal only, and
    never reads or posts in the complainant's thread."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_b_courier = cls.env["complaint.team"].create(
            {
                "name": "总部客服二部",
                "code": "CR-HQ-B",
                "sector": "courier",
                "resource_calendar_id": cls.calendar.id,
                "member_ids": [(6, 0, cls.user_b.ids)],
            }
        )
        cls.base_clerk = new_test_user(
            cls.env,
            login="cr_base_clerk",
            name="Hotline Clerk",
            groups="base.group_user,complaint_base.group_complaint_user_team",
        )
        cls.team.member_ids = [(4, cls.base_clerk.id)]
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            cls.complaint = cls._courier_cls(
                courier_rule_id=cls.env.ref("complaint_courier.rule_sto_12").id,
                category_id=cls.category_query.id,
            )
            cls.complaint.action_courier_order_apology()

    @classmethod
    def _courier_cls(cls, **values):
        values.setdefault("team_id", cls.team.id)
        values.setdefault("user_id", cls.user_a.id)
        values.setdefault("courier_outlet_id", cls.outlet_a.id)
        values.setdefault("category_id", cls.category_attitude.id)
        return cls._complaint(**values)

    def _snapshot(self, complaint):
        # what waits for the commit (the acknowledgement) is done first
        self.env.cr.flush()
        self.env.invalidate_all()
        complaint = complaint.sudo()
        return {
            "clocks": sorted((c.id, c.state) for c in complaint.clock_ids),
            "events": len(self.env["complaint.clock.event"].sudo().search([("complaint_id", "=", complaint.id)])),
            "messages": len(complaint.message_ids),
            "breach": complaint.courier_breach_state,
            "answered": complaint.courier_date_outlet_answer,
            "fines": len(self._fines(complaint)),
        }

    def _assert_refused(self, user, complaint, methods=DESK_METHODS, error=AccessError):
        before = self._snapshot(complaint)
        for method in methods:
            with self.subTest(user=user.login, method=method), freeze_time(bj(2026, 3, 3, 10, 30)):
                with self.assertRaises(error):
                    getattr(complaint.with_user(user), method)()
                self.assertEqual(self._snapshot(complaint), before, f"{method} changed the complaint")

    def test_outlet_manager_cannot_call_the_desk(self):
        manager = self.outlet_manager_a
        # the attacker reads the complaint about their outlet ...
        self.complaint.with_user(manager).read(["name"])
        # ... and cannot meet or start its clocks, fine or note it
        self._assert_refused(manager, self.complaint)

    def test_base_user_without_the_courier_group_cannot_call_the_desk(self):
        self.complaint.with_user(self.base_clerk).check_access("write")
        self._assert_refused(self.base_clerk, self.complaint)

    def test_clerk_of_another_team_cannot_call_the_desk(self):
        self._assert_refused(self.user_b, self.complaint)

    def test_desk_records_on_its_complaints_only_while_open(self):
        with freeze_time(bj(2026, 3, 3, 10, 30)):
            self.complaint.with_user(self.user_a).action_courier_apology_given()
        apology = self.complaint.clock_ids.filtered(lambda c: c.kind_id.stop_event == "apology_given")
        self.assertEqual(apology.mapped("state"), ["met"])
        self.complaint.stage_id = self.stage_closed
        for method in ("action_courier_order_apology", "action_courier_call_outlet", "action_courier_outlet_feedback"):
            with self.subTest(method=method), self.assertRaises(UserError):
                getattr(self.complaint.with_user(self.user_a), method)()

    def test_claims_follow_the_desk_rights(self):
        claim = self.env["courier.claim"].create(
            {"complaint_id": self.complaint.id, "claim_type": "loss", "amount_claimed": 300, "reject_reason": "x"}
        )
        for user in (self.outlet_manager_a, self.base_clerk, self.user_b):
            for method in CLAIM_METHODS:
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(claim.with_user(user), method)()
        self.assertEqual(claim.state, "draft")
        self.assertFalse(claim.clock_ids)
        claim.with_user(self.user_a).action_file()
        self.assertEqual(claim.state, "filed")

    def test_outlet_manager_cannot_move_a_referral(self):
        referral = self.env["courier.referral"].create(
            {
                "outlet_id": self.outlet_a.id,
                "rule_id": self.complaint.courier_rule_id.id,
                "month": "2026-03-01",
            }
        )
        for method in ("action_start", "action_done", "action_reopen"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                getattr(referral.with_user(self.outlet_manager_a), method)()
        self.assertEqual(referral.state, "open")

    # --- the complainant's thread ---------------------------------------------
    def _public_message(self, complaint, body):
        return complaint.with_user(self.user_a).message_post(
            body=body, message_type="comment", subtype_xmlid="mail.mt_comment"
        )

    def test_outlet_manager_reads_and_posts_nothing_in_the_thread(self):
        manager = self.outlet_manager_a
        message = self._public_message(self.complaint, "张先生您好，我们已联系网点。")
        Message = self.env["mail.message"].with_user(manager)
        self.assertFalse(Message.search([("model", "=", "complaint.complaint"), ("res_id", "=", self.complaint.id)]))
        with self.assertRaises(AccessError):
            message.with_user(manager).read(["body"])
        Complaint = self.env["complaint.complaint"].with_user(manager)
        self.assertFalse(Complaint._get_thread_with_access(self.complaint.id, mode="read"))
        self.assertFalse(Complaint._get_thread_with_access(self.complaint.id, mode=Complaint._mail_post_access))
        # the complainant's token still opens it (the public tracking page)
        token = self.complaint.sudo()._portal_ensure_token()
        self.assertTrue(Complaint._get_thread_with_access(self.complaint.id, mode="read", token=token))

    def test_the_complainant_still_reads_their_thread(self):
        complainant = self.portal_user
        complaint = self._courier_cls(partner_id=complainant.partner_id.id)
        message = self._public_message(complaint, "已为您催促网点。")
        Message = self.env["mail.message"].with_user(complainant)
        self.assertIn(message, Message.search([("model", "=", "complaint.complaint"), ("res_id", "=", complaint.id)]))
        message.with_user(complainant).read(["body"])

    def test_answering_does_not_make_the_manager_a_follower(self):
        manager = self.outlet_manager_a
        complaint = self.complaint.with_user(manager).sudo().with_context(mail_create_nosubscribe=False)
        complaint._courier_outlet_answer("已联系客户，今日重新派送。", manager.partner_id)
        complaint._courier_outlet_apology(manager.partner_id)
        self.assertNotIn(manager.partner_id, self.complaint.message_partner_ids)
        notes = self.complaint.message_ids.filtered(lambda m: m.author_id == manager.partner_id)
        self.assertEqual(len(notes), 2)
        self.assertTrue(all(note.subtype_id.internal for note in notes), "the outlet's side is an internal note")
        # nor can anyone add them as a follower
        self.complaint.with_context(mail_create_nosubscribe=False).message_subscribe(partner_ids=manager.partner_id.ids)
        self.assertNotIn(manager.partner_id, self.complaint.message_partner_ids)

    def test_portal_methods_refuse_a_closed_complaint(self):
        manager = self.outlet_manager_a
        self.complaint.stage_id = self.stage_closed
        complaint = self.complaint.with_user(manager).sudo()
        before = self._snapshot(self.complaint)
        with self.assertRaises(UserError):
            complaint._courier_outlet_answer("迟到的答复", manager.partner_id)
        with self.assertRaises(UserError):
            complaint._courier_outlet_apology(manager.partner_id)
        self.assertEqual(self._snapshot(self.complaint), before)
        self.assertFalse(self.complaint.courier_outlet_answer)
