from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import CourierCase, bj


@tagged("post_install", "-at_install")
class TestCourierSector(CourierCase):
    """Rules kept to their sector, with the base and the courier addon
    installed: a courier complaint is never fined by another sector's rule,
    a general complaint never by a courier article, and the courier menus
    are the courier desk's."""

    def _fine_step(self, *rules):
        return {
            "name": "超时罚款",
            "threshold": "after_due",
            "threshold_value": 0,
            "action": "fine",
            "penalty_rule_ids": [(6, 0, [rule.id for rule in rules])],
        }

    @freeze_time("2026-03-03 02:00:00")
    def test_each_sector_is_fined_by_its_own_rules_only(self):
        general_rule = self._rule("GEN-T1", 77, sector="general", payer="handler")
        unsectored_rule = self._rule("ANY-T1", 5, payer="handler")
        courier_article = self._article("rule_sto_22")
        # each policy cites the rules of both sectors: the complaint's sector decides which may fine
        citing = (general_rule, unsectored_rule, courier_article)
        self._policy(self.kind_contact, 1, "hours", sector="general", steps=[self._fine_step(*citing)])
        self._policy(self.kind_contact, 1, "hours", sector="courier", steps=[self._fine_step(*citing)])
        courier = self._courier(bj(2026, 3, 3, 10, 0))
        general = self._received(bj(2026, 3, 3, 10, 0))
        self.assertEqual(general.sector, "general")
        self.assertEqual(courier.sector, "courier")
        self.assertTrue(self._clock(courier, self.kind_contact))
        self.assertTrue(self._clock(general, self.kind_contact))
        with freeze_time(bj(2026, 3, 3, 11, 30)):
            self._run_scheduler()
        courier_fines = self._fines(courier).filtered(lambda p: p.clock_id.kind_id == self.kind_contact)
        general_fines = self._fines(general)
        self.assertTrue(courier_fines and general_fines, "both breaches are fined")
        self.assertNotIn(general_rule, courier_fines.rule_id, "a general rule fined a courier complaint")
        self.assertFalse(courier_fines.rule_id.filtered(lambda r: r.sector not in (False, "courier")))
        self.assertNotIn(courier_article, general_fines.rule_id, "a courier article fined a general complaint")
        self.assertFalse(general_fines.rule_id.filtered(lambda r: r.sector == "courier"))
        self.assertIn(general_rule, general_fines.rule_id)
        self.assertFalse(general_fines.courier_outlet_id)

    def test_shipped_rules_carry_their_sector(self):
        Data = self.env["ir.model.data"]
        for model in ("complaint.penalty.rule", "complaint.deadline.policy"):
            records = (
                self.env[model]
                .with_context(active_test=False)
                .browse(Data.search([("module", "=", "complaint_courier"), ("model", "=", model)]).mapped("res_id"))
            )
            self.assertTrue(records)
            self.assertEqual(set(records.mapped("sector")), {"courier"}, model)
        # a step of any shipped or demo policy cites rules of the policy's own sector (or of none)
        steps = self.env["complaint.escalation.step"].with_context(active_test=False).search([])
        for step in steps.filtered("penalty_rule_ids"):
            policy = step.target_id.policy_id
            with self.subTest(policy=policy.name, step=step.name):
                self.assertTrue(policy.sector, "a fining policy names its sector")
                self.assertFalse(step.penalty_rule_ids.filtered(lambda r, p=policy: r.sector not in (False, p.sector)))

    @freeze_time("2026-03-03 02:00:00")
    def test_demo_dealer_fines_stay_with_the_dealer(self):
        """The base demo's 4S dealer fines (4S-03 …) reach neither a courier
        complaint nor a general one of another team."""
        dealer_team = self.env.ref("complaint_base.demo_team_dealer", raise_if_not_found=False)
        if not dealer_team:
            self.skipTest("demo data not installed")
        Policy = self.env["complaint.deadline.policy"].with_context(active_test=False)
        demo = Policy.browse(
            self.env["ir.model.data"]
            .search([("module", "=", "complaint_base"), ("model", "=", "complaint.deadline.policy")])
            .mapped("res_id")
        )
        demo.action_unarchive()
        dealer_rules = self.env["complaint.penalty.rule"].search([("code", "=like", "4S-%")])
        self.assertTrue(dealer_rules)

        def cited(complaint):
            targets = complaint._deadline_targets().values()
            return self.env["complaint.penalty.rule"].union(*(t.step_ids.penalty_rule_ids for t in targets))

        courier = self._courier(bj(2026, 3, 3, 10, 0))
        self.assertFalse(
            [t.policy_id.name for t in courier._deadline_targets().values() if t.policy_id.sector != "courier"]
        )
        self.assertFalse(cited(courier) & dealer_rules)
        hotline = self._received(bj(2026, 3, 3, 10, 0))
        self.assertFalse(cited(hotline) & dealer_rules, "a dealer fine on a general complaint of another team")
        dealer = self._received(bj(2026, 3, 3, 10, 0), team_id=dealer_team.id)
        self.assertIn(self.env.ref("complaint_base.demo_rule_first_contact"), cited(dealer))

    def test_courier_menus_are_the_courier_desks(self):
        base_manager = new_test_user(
            self.env, login="cr_menu_base", groups="base.group_user,complaint_base.group_complaint_manager"
        )
        Menu = self.env["ir.ui.menu"]
        root = self.env.ref("complaint_base.complaint_menu_root")
        courier_menus = Menu.search([("id", "child_of", self.env.ref("complaint_courier.courier_menu").id)])
        self.assertGreater(len(courier_menus), 5)
        visible = Menu.with_user(base_manager)._visible_menu_ids()
        self.assertIn(root.id, visible)
        self.assertFalse(set(courier_menus.ids) & set(visible), "a base-only user sees courier menus")
        loaded = Menu.with_user(base_manager).load_menus(debug=False)
        self.assertFalse(set(courier_menus.ids) & set(loaded))
        # the courier desk sees them
        self.assertIn(
            self.env.ref("complaint_courier.courier_menu").id, Menu.with_user(self.user_own)._visible_menu_ids()
        )
        # and the courier windows are the desk's
        for xmlid in (
            "courier_outlet_action",
            "courier_staff_action",
            "courier_claim_action",
            "courier_referral_action",
        ):
            action = self.env.ref(f"complaint_courier.{xmlid}")
            self.assertIn(self.courier_group, action.groups_id, xmlid)
