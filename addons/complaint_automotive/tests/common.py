from odoo.addons.complaint_base.tests.common_deadlines import DeadlineCase, bj  # noqa: F401
from odoo.tests import new_test_user


class AutomotiveCase(DeadlineCase):
    """The dealer table as shipped (automotive policies active, every other
    policy archived), a 4S team on the Beijing calendar with the roles of
    seed 004, its desk staff in the Automotive Desk group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].with_context(active_test=False).search(
            [("sector", "=", "automotive")]
        ).action_unarchive()
        desk = "base.group_user,complaint_base.group_complaint_user_team,complaint_automotive.group_automotive_user"
        cls.care_manager = new_test_user(
            cls.env,
            login="au_care",
            name="王丽",
            groups=desk + ",complaint_base.group_complaint_manager",
        )
        care = desk + ",complaint_automotive.group_automotive_callback"
        cls.care_manager.groups_id = [(4, cls.env.ref("complaint_automotive.group_automotive_callback").id)]
        cls.callback_user = new_test_user(cls.env, login="au_callback", name="孙倩", groups=care, tz="Asia/Shanghai")
        cls.callback_second = new_test_user(cls.env, login="au_callback2", name="钱芳", groups=care)
        cls.service_director = new_test_user(cls.env, login="au_service_director", name="郑伟", groups=desk)
        cls.retail_manager = new_test_user(cls.env, login="au_retail", name="李强", groups=desk)
        cls.service_manager = new_test_user(cls.env, login="au_service", name="赵敏", groups=desk)
        cls.owner = new_test_user(cls.env, login="au_owner", name="周涛", groups=desk)
        cls.salesperson = new_test_user(
            cls.env,
            login="au_sales",
            name="吴敏",
            groups="base.group_user,complaint_automotive.group_automotive_user",
        )
        cls.team = cls.env["complaint.team"].create(
            {
                "name": "测试4S店客户关爱部",
                "code": "AU-T",
                "sector": "automotive",
                "resource_calendar_id": cls.calendar.id,
                "leader_id": cls.care_manager.id,
                "member_ids": [(6, 0, (cls.retail_manager | cls.service_manager | cls.owner | cls.callback_user).ids)],
            }
        )
        Role = cls.env["complaint.team.role"]
        for code, name, user in (
            ("retail_manager", "零售经理", cls.retail_manager),
            ("service_manager", "服务经理", cls.service_manager),
            ("callback_specialist", "回访专员", cls.callback_user),
            ("customer_care_manager", "客户关爱经理", cls.care_manager),
            ("sales_director", "销售总监", cls.director),
            ("service_director", "服务总监", cls.service_director),
        ):
            Role.create({"team_id": cls.team.id, "code": code, "name": name, "user_id": user.id})
        ref = cls.env.ref
        cls.cat_product = ref("complaint_automotive.automotive_category_product")
        cls.cat_service = ref("complaint_automotive.automotive_category_service")
        cls.cat_repair = ref("complaint_automotive.automotive_category_repair")
        cls.channel_system = ref("complaint_base.complaint_channel_system")
        cls.kind_response = ref("complaint_automotive.clock_kind_automotive_response")

    def _dealer(self, when, **values):
        values.setdefault("team_id", self.team.id)
        values.setdefault("user_id", self.owner.id)
        values.setdefault("category_id", self.cat_service.id)
        return self._complaint(date_received=when, **values)

    def _fines(self, complaint):
        return self.env["complaint.penalty"].search([("complaint_id", "=", complaint.id)], order="id")

    def _rule_ref(self, name):
        return self.env.ref(f"complaint_automotive.{name}")
