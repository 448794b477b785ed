from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AutomotiveCase, bj


@tagged("post_install", "-at_install")
class TestAutomotiveAccess(AutomotiveCase):
    """Menus, windows and actions of the dealer's desk are the Automotive
    Desk's; the lowest users calling the public methods get nothing done."""

    def test_base_user_sees_no_automotive_menu(self):
        base_manager = new_test_user(
            self.env, login="au_menu_base", groups="base.group_user,complaint_base.group_complaint_manager"
        )
        Menu = self.env["ir.ui.menu"]
        menus = Menu.with_context(**{"ir.ui.menu.full_list": True}).search(
            [("id", "child_of", self.env.ref("complaint_automotive.automotive_menu").id)]
        )
        self.assertGreaterEqual(len(menus), 4)
        visible = Menu.with_user(base_manager)._visible_menu_ids()
        self.assertIn(self.env.ref("complaint_base.complaint_menu_root").id, visible)
        self.assertFalse(set(menus.ids) & set(visible), "a base-only user sees automotive menus")
        self.assertIn(
            self.env.ref("complaint_automotive.automotive_menu").id, Menu.with_user(self.owner)._visible_menu_ids()
        )
        group = self.env.ref("complaint_automotive.group_automotive_user")
        for xmlid in (
            "automotive_vehicle_action",
            "automotive_script_action",
            "complaint_complaint_action_automotive",
            "complaint_penalty_rule_action_automotive",
        ):
            self.assertEqual(self.env.ref(f"complaint_automotive.{xmlid}").groups_id, group, xmlid)
        implying = self.env["res.groups"].search([("implied_ids", "in", group.ids)])
        own = (
            self.env["ir.model.data"]
            .search([("module", "=", "complaint_automotive"), ("model", "=", "res.groups")])
            .mapped("res_id")
        )
        self.assertFalse(implying.filtered(lambda g: g.id not in own), "no group of another addon implies the desk")

    @freeze_time("2026-03-03 02:00:00")
    def test_retail_manager_sees_their_teams_complaints_only(self):
        ours = self._dealer(bj(2026, 3, 3, 10, 0))
        other_team = self.env["complaint.team"].create({"name": "另一家店", "code": "AU-O", "sector": "automotive"})
        theirs = self._dealer(bj(2026, 3, 3, 10, 0), team_id=other_team.id, user_id=False)
        visible = self.env["complaint.complaint"].with_user(self.retail_manager).search([("sector", "=", "automotive")])
        self.assertIn(ours, visible)
        self.assertNotIn(theirs, visible)

    @freeze_time("2026-03-03 02:00:00")
    def test_salesperson_cannot_confirm_fines(self):
        complaint = self._dealer(bj(2026, 3, 3, 10, 0), user_id=self.salesperson.id)
        with freeze_time(bj(2026, 3, 3, 12, 30)):
            self._run_scheduler()
        fine = self._fines(complaint)
        self.assertEqual(fine.user_id, self.salesperson)
        with self.assertRaises(AccessError):
            fine.with_user(self.salesperson).action_confirm()
        self.assertEqual(fine.state, "proposed")

    @freeze_time("2026-03-03 02:00:00")
    def test_sign_for_needs_the_desk_or_the_handler(self):
        complaint = self._dealer(bj(2026, 3, 3, 10, 0))
        with self.assertRaises(AccessError):
            complaint.with_user(self.user_a).action_automotive_sign_for()
        with self.assertRaises(AccessError):
            complaint.with_user(self.portal_user).action_automotive_sign_for()
        with self.assertRaises(AccessError):
            complaint.with_user(self.owner).action_automotive_establish_conduct()
        self.assertFalse(complaint.automotive_signed_by_id)
        self.assertFalse(complaint.automotive_conduct_established)
