from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

# Odoo's own modules whose views the roles meet, and ours
ZH_MODULES = ["base", "web", "mail", "portal", "resource", "rating", "complaint_base"]


class ChineseDeskCase(HttpCase):
    """The desk as a Chinese team meets it: users speak zh_CN, the model terms
    (views, menus, selections) are loaded in Chinese."""

    zh_modules = ZH_MODULES

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(cls.zh_modules, ["zh_CN"], overwrite=True)
        cls.team = cls.env["complaint.team"].create({"name": "巡检客服一组", "code": "TOUR-1"})

    @classmethod
    def _user(cls, login, groups):
        return new_test_user(
            cls.env,
            login=login,
            password=f"{login}_pw",
            groups=groups,
            lang="zh_CN",
            tz="Asia/Shanghai",
        )


@tagged("post_install", "-at_install")
class TestComplaintDeskTour(ChineseDeskCase):
    """One tour per role, in Chinese: clerk, handler, manager, administrator, citizen."""

    def test_the_app_tile_opens_the_desk(self):
        root = self.env.ref("complaint_base.complaint_menu_root")
        self.assertEqual(root.action, self.env.ref("complaint_base.complaint_complaint_action_desk"))

    def test_the_desk_and_the_default_team_have_their_own_names(self):
        zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.assertEqual(zh.ref("complaint_base.complaint_complaint_action_desk").name, "投诉工作台")
        self.assertEqual(zh.ref("complaint_base.complaint_desk_menu").name, "投诉工作台")
        self.assertEqual(zh.ref("complaint_base.complaint_team_default").name, "客户投诉组")

    def test_clerk_registers_from_the_desk(self):
        self._user("desk_clerk", "base.group_user,complaint_base.group_complaint_user_own")
        self.start_tour("/odoo", "complaint_desk_clerk_tour", login="desk_clerk")
        complaint = self.env["complaint.complaint"].search([("subject", "=", "快递员态度恶劣")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.contact_phone, "13755556666")
        self.assertRegex(complaint.name, r"^TS\d{4}-\d{6}$")

    def test_handler_works_a_complaint_to_resolved(self):
        handler = self._user("desk_handler", "base.group_user,complaint_base.group_complaint_user_team")
        self.team.member_ids = [(4, handler.id)]
        complaint = self.env["complaint.complaint"].create(
            {
                "subject": "包裹破损无人处理",
                "contact_name": "刘洋",
                "contact_phone": "13800002222",
                "team_id": self.team.id,
                "user_id": handler.id,
            }
        )
        complaint.action_acknowledge()
        self.start_tour("/odoo/complaint-desk", "complaint_desk_handler_tour", login="desk_handler")
        self.assertEqual(complaint.state, "resolved")
        self.assertEqual(complaint.validity, "valid")
        self.assertIn("补发商品", complaint.resolution)
        self.assertTrue(complaint.message_ids.filtered(lambda m: "已致电投诉人" in (m.body or "")))

    def test_manager_sees_the_overdue_list_and_confirms_a_fine(self):
        manager = self._user("desk_manager", "base.group_user,complaint_base.group_complaint_manager")
        self.team.member_ids = [(4, manager.id)]
        late = self.env["complaint.complaint"].create(
            {
                "subject": "逾期测试投诉",
                "contact_name": "王芳",
                "contact_phone": "13800003333",
                "team_id": self.team.id,
                "date_received": fields.Datetime.now() - timedelta(days=40),
            }
        )
        late.clock_ids.filtered(lambda clock: clock.state == "running")[:1].write(
            {"state": "breached", "date_breached": fields.Datetime.now() - timedelta(days=30)}
        )
        self.assertTrue(late.is_overdue)
        payer = self.env["res.partner"].create({"name": "经理确认测试员工"})
        fine = self.env["complaint.penalty"].create(
            {"complaint_id": late.id, "partner_id": payer.id, "payer_type": "handler", "amount": 100}
        )
        self.start_tour("/odoo/complaint-desk", "complaint_desk_manager_tour", login="desk_manager")
        self.assertEqual(fine.state, "confirmed")
        self.assertEqual(fine.decided_by_id, manager)

    def test_administrator_finds_working_hours_and_policies(self):
        self._user("desk_admin", "base.group_user,base.group_system,complaint_base.group_complaint_admin")
        self.start_tour("/odoo/complaint-desk", "complaint_desk_admin_tour", login="desk_admin")

    def test_citizen_sends_the_public_form(self):
        """The form, then the tracking page it links to, whose chatter reads in Chinese."""
        self.start_tour("/zh_CN/complaint/new", "complaint_public_form_tour", login=None)
        complaint = self.env["complaint.complaint"].search([("subject", "=", "营业厅排队时间过长")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.contact_name, "陈静")
