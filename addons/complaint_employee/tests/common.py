from odoo.addons.complaint_base.tests.common_deadlines import DeadlineCase, bj  # noqa: F401
from odoo.tests import new_test_user


class EmployeeCase(DeadlineCase):
    """The grievance policies as shipped (every other policy archived), the
    grievance desk on the Beijing calendar, an HR tree: 周总 (GM) ← 吴部长
    (department head) ← 郑组长 (team leader) ← 陈工 (the reporter)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].with_context(active_test=False).search(
            [("sector", "=", "employee")]
        ).action_unarchive()
        officer = "base.group_user,complaint_employee.group_grievance_officer"
        cls.officer = new_test_user(cls.env, login="em_officer", name="林主任", groups=officer)
        cls.officer2 = new_test_user(cls.env, login="em_officer2", name="何专员", groups=officer)
        cls.custodian = new_test_user(
            cls.env,
            login="em_custodian",
            name="冯保管",
            groups="base.group_user,complaint_employee.group_identity_custodian",
        )
        cls.auditor = new_test_user(
            cls.env,
            login="em_auditor",
            name="秦审计",
            groups="base.group_user,complaint_employee.group_grievance_auditor",
        )
        cls.hr_user = new_test_user(cls.env, login="em_hr", name="许人事", groups="base.group_user,hr.group_hr_manager")
        cls.gm_user = new_test_user(cls.env, login="em_gm", name="周总", groups="base.group_user")
        cls.head_user = new_test_user(cls.env, login="em_head", name="吴部长", groups="base.group_user")
        cls.leader_user = new_test_user(cls.env, login="em_leader", name="郑组长", groups="base.group_user")
        cls.reporter_user = new_test_user(cls.env, login="em_reporter", name="陈工", groups="base.group_user")
        Employee = cls.env["hr.employee"]
        cls.gm = Employee.create({"name": "周总", "user_id": cls.gm_user.id})
        cls.head = Employee.create({"name": "吴部长", "user_id": cls.head_user.id, "parent_id": cls.gm.id})
        cls.leader = Employee.create({"name": "郑组长", "user_id": cls.leader_user.id, "parent_id": cls.head.id})
        cls.reporter = Employee.create({"name": "陈工", "user_id": cls.reporter_user.id, "parent_id": cls.leader.id})
        cls.team = cls.env.ref("complaint_employee.complaint_team_grievance")
        cls.team.write(
            {
                "resource_calendar_id": cls.calendar.id,
                "leader_id": cls.officer.id,
                "member_ids": [(6, 0, (cls.officer | cls.officer2).ids)],
            }
        )
        ref = cls.env.ref
        cls.channel_informal = ref("complaint_employee.channel_employee_informal")
        cls.channel_formal = ref("complaint_employee.channel_employee_formal")
        cls.channel_anonymous = ref("complaint_employee.channel_employee_anonymous")
        cls.cat_pay = ref("complaint_employee.employee_category_pay")
        cls.cat_assign = ref("complaint_employee.employee_category_assign")
        cls.kind_admin_reply = ref("complaint_employee.clock_kind_employee_admin_reply")
        cls.kind_appeal_window = ref("complaint_employee.clock_kind_employee_appeal_window")
        cls.kind_gm_answer = ref("complaint_employee.clock_kind_employee_gm_answer")
        cls.kind_feedback = ref("complaint_employee.clock_kind_employee_feedback")
        cls.kind_informal = ref("complaint_employee.clock_kind_employee_informal")

    @classmethod
    def _grievance(cls, when=None, path="formal", **values):
        channel = {"formal": cls.channel_formal, "informal": cls.channel_informal}.get(path, cls.channel_anonymous)
        vals = {
            "subject": "加班费未按规定核算",
            "team_id": cls.team.id,
            "channel_id": channel.id,
            "category_id": cls.cat_pay.id,
        }
        if path == "anonymous":
            vals["is_anonymous"] = True
        else:
            vals["employee_reporter_input_id"] = cls.reporter.id
        if when:
            vals["date_received"] = when
        vals.update(values)
        return cls.env["complaint.complaint"].create(vals)
