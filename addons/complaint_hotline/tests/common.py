from odoo.addons.complaint_base.tests.common_deadlines import DeadlineCase, bj  # noqa: F401
from odoo.tests import new_test_user


class HotlineCase(DeadlineCase):
    """A district hotline as shipped (hotline policies active, every other
    policy archived): a centre with an agent and a dispatcher, three
    departments with a handler each, areas, routes and a knowledge article."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].with_context(active_test=False).search(
            [("sector", "=", "hotline")]
        ).action_unarchive()
        cls.env["hotline.route"].search([]).action_archive()
        base = "base.group_user,complaint_hotline."
        cls.agent = new_test_user(cls.env, login="hl_agent", name="坐席小刘", groups=base + "group_hotline_agent")
        cls.dispatcher = new_test_user(
            cls.env, login="hl_dispatch", name="调度老张", groups=base + "group_hotline_dispatcher"
        )
        cls.water_user = new_test_user(
            cls.env, login="hl_water", name="水务小王", groups=base + "group_hotline_department"
        )
        cls.water_leader = new_test_user(
            cls.env, login="hl_water_lead", name="水务局长", groups=base + "group_hotline_department"
        )
        cls.urban_user = new_test_user(
            cls.env, login="hl_urban", name="城管小李", groups=base + "group_hotline_department"
        )
        cls.street_user = new_test_user(
            cls.env, login="hl_street", name="街道小赵", groups=base + "group_hotline_department"
        )
        Team = cls.env["complaint.team"]
        common = {"sector": "hotline", "resource_calendar_id": cls.calendar.id}
        cls.centre = Team.create(
            {
                "name": "测试热线中心",
                "code": "T-HL-C",
                "hotline_kind": "centre",
                "member_ids": [(6, 0, (cls.agent | cls.dispatcher).ids)],
                **common,
            }
        )
        cls.company.hotline_centre_team_id = cls.centre
        cls.water = Team.create(
            {
                "name": "测试水务",
                "code": "T-HL-W",
                "hotline_kind": "department",
                "member_ids": [(6, 0, cls.water_user.ids)],
                "leader_id": cls.water_leader.id,
                **common,
            }
        )
        cls.urban = Team.create(
            {
                "name": "测试城管",
                "code": "T-HL-U",
                "hotline_kind": "department",
                "member_ids": [(6, 0, cls.urban_user.ids)],
                **common,
            }
        )
        cls.street = Team.create(
            {
                "name": "测试街道",
                "code": "T-HL-S",
                "hotline_kind": "department",
                "member_ids": [(6, 0, cls.street_user.ids)],
                **common,
            }
        )
        Area = cls.env["hotline.area"]
        cls.district = Area.create({"name": "测试区", "code": "T-01", "level": "district"})
        cls.street_area = Area.create(
            {"name": "测试街道", "code": "T-0101", "level": "street", "parent_id": cls.district.id}
        )
        ref = cls.env.ref
        cls.cat_water = ref("complaint_hotline.hotline_category_water")
        cls.cat_city = ref("complaint_hotline.hotline_category_city")
        cls.cat_noise = ref("complaint_hotline.hotline_category_noise")
        cls.line_12345 = ref("complaint_hotline.hotline_line_12345")
        cls.line_12333 = ref("complaint_hotline.hotline_line_12333")
        Route = cls.env["hotline.route"]
        cls.route_water = Route.create(
            {
                "name": "停水",
                "sequence": 10,
                "keywords": "停水 水压",
                "lead_department_id": cls.water.id,
                "co_department_ids": [(6, 0, cls.street.ids)],
            }
        )
        cls.route_city = Route.create(
            {
                "name": "城管",
                "sequence": 20,
                "category_ids": [(6, 0, cls.cat_city.ids)],
                "lead_department_id": cls.urban.id,
            }
        )
        cls.kind_sign = ref("complaint_hotline.clock_kind_hotline_sign_for")
        cls.kind_return = ref("complaint_hotline.clock_kind_hotline_return_window")
        cls.kind_handle = ref("complaint_hotline.clock_kind_hotline_handle")

    _phone = 0

    def _order(self, when=None, user=None, **values):
        HotlineCase._phone += 1
        vals = {
            "hotline_order_type": "complaint",
            "team_id": self.centre.id,
            "hotline_line_id": self.line_12345.id,
            "subject": "小区停水三天",
            "contact_name": "张伟",
            "contact_phone": f"1390571{HotlineCase._phone:04d}",
            **values,
        }
        if when:
            vals["date_received"] = when
        Complaint = self.env["complaint.complaint"]
        if user:
            return Complaint.with_user(user).create(vals).with_user(self.env.user)
        return Complaint.create(vals)
