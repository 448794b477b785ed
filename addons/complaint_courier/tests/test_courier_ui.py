from odoo.addons.complaint_base.tests.test_complaint_ui import datetimes_showing_seconds
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

    def test_courier_views_show_times_to_the_minute(self):
        ref = self.env.ref
        views = [
            # the courier's fields on the base's complaint and fine views
            ("complaint.complaint", False, "form"),
            ("complaint.complaint", False, "list"),
            ("complaint.penalty", False, "form"),
        ]
        self.assertEqual(datetimes_showing_seconds(self.env, views, {"complaint_courier"}), [])
        own_views = [
            ("complaint.complaint", ref("complaint_courier.complaint_complaint_view_list_courier").id, "list"),
            ("courier.claim", False, "list"),
            ("courier.claim", False, "kanban"),
            ("courier.claim", False, "form"),
            ("courier.referral", False, "form"),
        ]
        self.assertEqual(datetimes_showing_seconds(self.env, own_views, {"complaint_base", "complaint_courier"}), [])


@tagged("post_install", "-at_install")
class TestCourierOutletPortalTour(HttpCase):
    """The outlet manager, on the portal in Chinese: the outlet's complaints, one opened and answered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(
            ["base", "web", "mail", "portal", "complaint_base", "complaint_courier"], ["zh_CN"], overwrite=True
        )
        cls.outlet_manager = new_test_user(
            cls.env,
            login="tour_outlet_manager",
            password="tour_outlet_manager_pw",
            groups="base.group_portal",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        outlet = cls.env["courier.outlet"].create(
            {"code": "TOUR01", "name": "门户巡检网点", "portal_user_ids": [(6, 0, cls.outlet_manager.ids)]}
        )
        team = cls.env["complaint.team"].create({"name": "门户巡检客服部", "code": "TOUR-HQ", "sector": "courier"})
        cls.complaint = cls.env["complaint.complaint"].create(
            {
                "subject": "门户巡检不上门",
                "contact_name": "张先生",
                "contact_phone": "13900007001",
                "team_id": team.id,
                "courier_outlet_id": outlet.id,
                "courier_waybill": "268800007001",
                "courier_rule_id": cls.env.ref("complaint_courier.rule_sto_12").id,
            }
        )

    def test_outlet_manager_answers_from_the_portal(self):
        self.start_tour("/my/outlet/complaints", "courier_outlet_portal_tour", login="tour_outlet_manager")
        self.assertEqual(self.complaint.courier_outlet_answer, "已致电客户道歉，明日上门取件。")
        self.assertTrue(self.complaint.courier_date_outlet_answer)
