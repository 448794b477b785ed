from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCourierUi(HttpCase):
    def test_courier_tour(self):
        """Outlet card → its complaints → courier tab → breach established → fine."""
        outlet = self.env["courier.outlet"].create({"code": "UI001", "name": "巡检测试网点"})
        team = self.env["complaint.team"].create({"name": "巡检测试客服部", "code": "UI-HQ", "sector": "courier"})
        complaint = self.env["complaint.complaint"].create(
            {
                "subject": "巡检测试不上门",
                "contact_name": "张先生",
                "contact_phone": "13900008001",
                "team_id": team.id,
                "courier_outlet_id": outlet.id,
                "courier_waybill": "268800008001",
                "courier_rule_id": self.env.ref("complaint_courier.rule_sto_12").id,
            }
        )
        self.start_tour("/odoo/action-complaint_courier.courier_outlet_action", "complaint_courier_tour", login="admin")
        self.assertEqual(complaint.courier_breach_state, "fined")
        self.assertEqual(complaint.penalty_ids.mapped("amount"), [200.0])

    def test_views_load_for_the_lowest_groups(self):
        user = new_test_user(self.env, login="cr_viewer", groups="base.group_user,complaint_courier.group_courier_user")
        for model, view_types in {
            "courier.outlet": ("kanban", "list", "form", "search"),
            "courier.staff": ("list", "form", "search"),
            "courier.claim": ("kanban", "list", "form", "search", "pivot"),
            "complaint.complaint": ("list", "form", "search"),
            "complaint.penalty.rule": ("list", "form", "search"),
        }.items():
            for view_type in view_types:
                arch = self.env[model].with_user(user).get_views([(False, view_type)])["views"][view_type]["arch"]
                self.assertTrue(arch, f"{model} {view_type}")
        network = new_test_user(
            self.env, login="cr_net_viewer", groups="base.group_user,complaint_courier.group_courier_network"
        )
        for view_type in ("list", "form", "search", "pivot"):
            self.assertTrue(
                self.env["courier.referral"].with_user(network).get_views([(False, view_type)])["views"][view_type]
            )
        manager = new_test_user(
            self.env, login="cr_mgr_viewer", groups="base.group_user,complaint_base.group_complaint_manager"
        )
        self.assertTrue(self.env["courier.outlet.statement"].with_user(manager).get_views([(False, "form")]))
