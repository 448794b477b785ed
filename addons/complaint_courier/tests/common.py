from odoo.addons.complaint_base.tests.common_deadlines import DeadlineCase, bj  # noqa: F401
from odoo.tests import new_test_user


class CourierCase(DeadlineCase):
    """The courier schedule as shipped (its policies active, every other one
    archived), a courier team on the Beijing calendar, two outlets with
    staff and an outlet manager each on the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].with_context(active_test=False).search(
            [("sector", "=", "courier")]
        ).action_unarchive()
        cls.team = cls.env["complaint.team"].create(
            {
                "name": "总部客服部",
                "code": "CR-HQ",
                "sector": "courier",
                "resource_calendar_id": cls.calendar.id,
                "leader_id": cls.manager.id,
                "member_ids": [(6, 0, cls.user_a.ids)],
            }
        )
        # the desk's staff of the base cases work at the courier desk
        cls.courier_group = cls.env.ref("complaint_courier.group_courier_user")
        (cls.user_own | cls.user_a | cls.user_b | cls.manager | cls.admin).write(
            {"groups_id": [(4, cls.courier_group.id)]}
        )
        cls.network_user = new_test_user(
            cls.env,
            login="cr_network",
            name="Network Zheng",
            groups="base.group_user,complaint_courier.group_courier_network",
        )
        cls.outlet_manager_a = new_test_user(cls.env, login="cr_outlet_a", name="王建国", groups="base.group_portal")
        cls.outlet_manager_b = new_test_user(cls.env, login="cr_outlet_b", name="李海峰", groups="base.group_portal")
        Outlet = cls.env["courier.outlet"]
        cls.outlet_a = Outlet.create(
            {"code": "T571001", "name": "测试西湖网点", "portal_user_ids": [(6, 0, cls.outlet_manager_a.ids)]}
        )
        cls.outlet_b = Outlet.create(
            {"code": "T571002", "name": "测试萧山网点", "portal_user_ids": [(6, 0, cls.outlet_manager_b.ids)]}
        )
        Staff = cls.env["courier.staff"]
        cls.staff_a1 = Staff.create({"name": "张磊", "employee_code": "T0101", "outlet_id": cls.outlet_a.id})
        cls.staff_a2 = Staff.create(
            {"name": "钱芳", "employee_code": "T0102", "outlet_id": cls.outlet_a.id, "role": "clerk"}
        )
        cls.staff_b1 = Staff.create({"name": "林浩", "employee_code": "T0201", "outlet_id": cls.outlet_b.id})
        cls.category_query = cls.env.ref("complaint_courier.courier_category_query")
        cls.category_attitude = cls.env.ref("complaint_courier.courier_category_attitude")

    @classmethod
    def _article(cls, name):
        return cls.env.ref(f"complaint_courier.{name}")

    def _courier(self, when=None, **values):
        """A courier complaint against outlet A, received ``when`` (Beijing)."""
        values.setdefault("team_id", self.team.id)
        values.setdefault("user_id", self.user_a.id)
        values.setdefault("courier_outlet_id", self.outlet_a.id)
        values.setdefault("category_id", self.category_attitude.id)
        if when:
            values["date_received"] = when
        return self._complaint(**values)

    def _fines(self, complaint_or_outlet):
        """The ledger lines of a complaint or an outlet (read as superuser)."""
        return self.env["complaint.penalty"].search(
            [("complaint_id", "=", complaint_or_outlet.id)]
            if complaint_or_outlet._name == "complaint.complaint"
            else [("courier_outlet_id", "=", complaint_or_outlet.id)],
            order="id",
        )

    def _kind(self, name):
        return self.env.ref(f"complaint_courier.clock_kind_{name}")
