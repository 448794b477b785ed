from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CourierCase, bj


@tagged("post_install", "-at_install")
class TestCourierFineOutlet(CourierCase):
    """complaint.penalty.courier_outlet_id names the paying outlet, written
    once when the fine is created: a handler's or team leader's fine never
    lands on an outlet's statement or portal, and a later change of the
    complaint's outlet moves no fine."""

    def _fine(self, complaint, payer, partner, user=None, amount=50.0):
        return (
            self.env["complaint.penalty"]
            .sudo()
            ._create_batch_once(
                [
                    {
                        "complaint_id": complaint.id,
                        "payer_type": payer,
                        "partner_id": partner.id,
                        "user_id": user.id if user else False,
                        "team_id": complaint.team_id.id,
                        "amount": amount,
                        "breach_key": f"test:{complaint.id}:{payer}:{partner.id}",
                    }
                ]
            )
        )

    def _statement_outlets(self, user=None):
        Statement = self.env["courier.outlet.statement"].with_user(user or self.manager)
        wizard = Statement.create({"date_from": "2026-03-01", "date_to": "2026-03-31", "include_proposed": True})
        return {
            (line["reference"], data["outlet"])
            for data in wizard._statement_data()["outlets"]
            for line in data["lines"]
        }

    @freeze_time(bj(2026, 3, 3, 10, 0))
    def test_only_outlet_payers_name_an_outlet(self):
        complaint = self._courier()
        handler_fine = self._fine(complaint, "handler", self.user_a.partner_id, self.user_a)
        leader_fine = self._fine(complaint, "team_leader", self.manager.partner_id, self.manager)
        outlet_fine = self._fine(complaint, "outlet", self.outlet_a.partner_id)
        respondent_fine = self._fine(complaint, "respondent", self.outlet_a.partner_id)
        self.assertFalse(handler_fine.courier_outlet_id, "a handler's fine named the outlet")
        self.assertFalse(leader_fine.courier_outlet_id, "a team leader's fine named the outlet")
        self.assertEqual(outlet_fine.courier_outlet_id, self.outlet_a)
        self.assertEqual(respondent_fine.courier_outlet_id, self.outlet_a)
        # the outlet's portal and statement show the outlet's fines only
        portal = self.env["complaint.penalty"].with_user(self.outlet_manager_a).search([])
        self.assertEqual(portal, outlet_fine | respondent_fine)
        with self.assertRaises(AccessError):
            handler_fine.with_user(self.outlet_manager_a).read(["amount"])
        references = {reference for reference, __ in self._statement_outlets()}
        self.assertIn(outlet_fine.name, references)
        self.assertNotIn(handler_fine.name, references)
        self.assertNotIn(leader_fine.name, references)
        self.assertEqual(self.outlet_a.penalty_count, 2)

    @freeze_time(bj(2026, 3, 3, 10, 0))
    def test_a_respondent_that_is_no_outlet_names_none(self):
        landlord = self.env["res.partner"].create({"name": "某小区物业公司", "is_company": True})
        complaint = self._courier(respondent_partner_id=landlord.id)
        fine = self._fine(complaint, "respondent", landlord)
        self.assertFalse(fine.courier_outlet_id)

    @freeze_time(bj(2026, 3, 3, 10, 0))
    def test_changing_the_outlet_moves_no_fine(self):
        complaint = self._courier(courier_rule_id=self._article("rule_sto_24").id)
        complaint.action_courier_establish()
        outlet_fines = self._fines(complaint)
        self.assertEqual(outlet_fines.courier_outlet_id, self.outlet_a)
        handler_fine = self._fine(complaint, "handler", self.user_a.partner_id, self.user_a)
        outlet_fines.action_confirm()
        outlet_fines.action_settle()
        complaint.courier_outlet_id = self.outlet_b
        self.env.invalidate_all()
        self.assertEqual(outlet_fines.courier_outlet_id, self.outlet_a, "a settled fine moved to the new outlet")
        self.assertFalse(handler_fine.courier_outlet_id)
        self.assertFalse(self.env["complaint.penalty"].with_user(self.outlet_manager_b).search([]))


@tagged("post_install", "-at_install")
class TestCourierClaimRules(CourierCase):
    """courier.claim follows its complaint: a clerk of team A neither reads
    nor edits the claims of team B's complaints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_b_courier = cls.env["complaint.team"].create(
            {"name": "总部客服二部", "code": "CR-HQ-B2", "sector": "courier", "member_ids": [(6, 0, cls.user_b.ids)]}
        )
        Claim = cls.env["courier.claim"]
        with freeze_time(bj(2026, 3, 3, 10, 0)):
            cls.complaint_a = cls._complaint(
                team_id=cls.team.id, user_id=cls.user_a.id, courier_outlet_id=cls.outlet_a.id
            )
            cls.complaint_b = cls._complaint(
                team_id=cls.team_b_courier.id, user_id=cls.user_b.id, courier_outlet_id=cls.outlet_b.id
            )
            cls.complaint_own = cls._complaint(
                team_id=cls.team_b_courier.id, user_id=cls.user_own.id, courier_outlet_id=cls.outlet_b.id
            )
        cls.claim_a = Claim.create({"complaint_id": cls.complaint_a.id, "amount_claimed": 100})
        cls.claim_b = Claim.create({"complaint_id": cls.complaint_b.id, "amount_claimed": 200})
        cls.claim_own = Claim.create({"complaint_id": cls.complaint_own.id, "amount_claimed": 300})

    def test_team_clerk_sees_and_edits_their_teams_claims_only(self):
        Claim = self.env["courier.claim"].with_user(self.user_a)
        self.assertEqual(Claim.search([]), self.claim_a)
        self.claim_a.with_user(self.user_a).write({"note": "已核实"})
        with self.assertRaises(AccessError):
            self.claim_b.with_user(self.user_a).read(["amount_claimed"])
        with self.assertRaises(AccessError):
            self.claim_b.with_user(self.user_a).write({"amount_claimed": 1})
        with self.assertRaises(AccessError):
            self.claim_b.with_user(self.user_a).action_file()
        self.assertEqual(self.claim_b.amount_claimed, 200)
        self.assertEqual(self.claim_b.state, "draft")
        self.assertEqual(self.env["courier.claim"].with_user(self.user_b).search([]), self.claim_b | self.claim_own)

    def test_own_clerk_sees_the_claims_of_their_complaints(self):
        self.assertEqual(self.env["courier.claim"].with_user(self.user_own).search([]), self.claim_own)
        with self.assertRaises(AccessError):
            self.claim_a.with_user(self.user_own).read(["amount_claimed"])

    def test_manager_and_outlet(self):
        claims = self.claim_a | self.claim_b | self.claim_own
        self.assertEqual(self.env["courier.claim"].with_user(self.manager).search([("id", "in", claims.ids)]), claims)
        self.assertEqual(
            self.env["courier.claim"].with_user(self.outlet_manager_b).search([]), self.claim_b | self.claim_own
        )


@tagged("post_install", "-at_install")
class TestCourierLanguage(CourierCase):
    """What the courier desk and its scheduler write reads in the company's
    language with the network's local times, whatever the language of the
    user or cron that wrote it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.company.partner_id.lang = "zh_CN"
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    def test_cron_referral_message_reads_chinese_with_local_times(self):
        rule = self._article("rule_sto_12")
        complaints = self.env["complaint.complaint"]
        for day in (3, 4, 5):
            with freeze_time(bj(2026, 3, day, 10, 15)):
                complaint = self._courier(bj(2026, 3, day, 10, 15))
            # the article is named later, with no referral check: the daily cron finds the repeats
            complaint.with_context(courier_no_referral_check=True).courier_rule_id = rule
            complaints |= complaint
        self.assertFalse(self.env["courier.referral"].search([("outlet_id", "=", self.outlet_a.id)]))
        with freeze_time(bj(2026, 3, 6, 2, 0)):
            self.env["complaint.complaint"].with_context(lang="en_US")._cron_courier_network_checks()
        referral = self.env["courier.referral"].search([("outlet_id", "=", self.outlet_a.id)])
        self.assertEqual(len(referral), 1)
        body = referral.message_ids.filtered(lambda m: m.body and "T571001" in m.body)[:1].body
        self.assertIn("交网点管理中心严肃处理", body)
        self.assertNotIn("Sent to network management", body)
        self.assertIn("10:15", body, "received times are Beijing times")
        self.assertNotIn("02:15", body)
        for complaint in complaints:
            self.assertIn(complaint.name, body)

    @freeze_time(bj(2026, 3, 3, 10, 15))
    def test_fine_evidence_reads_chinese_with_local_times(self):
        complaint = self._courier(
            bj(2026, 3, 3, 9, 40),
            courier_rule_id=self._article("rule_sto_24").id,
            courier_evidence_surname="徐",
            courier_evidence_landline="0571-82660000",
        )
        complaint.with_user(self.user_a).with_context(lang="en_US").action_courier_establish()
        fine = self._fines(complaint)
        self.assertTrue(fine)
        self.assertIn("经查实", fine.evidence)
        # the evidence is named as the desk calls it in the company's language, not by its codes
        kinds = self.env(context={"lang": "zh_CN"})["courier.evidence.kind"].search([])
        names = {kind.code: kind.name for kind in kinds}
        self.assertIn(f"{names['landline']}, {names['surname']}", fine.evidence)
        self.assertNotIn("landline", fine.evidence)
        self.assertIn("09:40", fine.evidence)
        note = complaint.message_ids.filtered(lambda m: m.body and "拟处罚款" in m.body)
        self.assertTrue(note, "the fines proposed note is in Chinese")
