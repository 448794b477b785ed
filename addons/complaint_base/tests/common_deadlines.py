from datetime import datetime, timedelta

from .common import ComplaintCase


def bj(*args):
    """Beijing wall-clock time as naive UTC, the way Odoo stores datetimes."""
    return datetime(*args) - timedelta(hours=8)


class DeadlineCase(ComplaintCase):
    """A team on a Beijing 8:30-12:00 / 13:00-17:30 calendar, no other policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        attendances = [(5, 0, 0)]
        for day in range(5):
            attendances += [
                (
                    0,
                    0,
                    {"name": "AM", "dayofweek": str(day), "hour_from": 8.5, "hour_to": 12.0, "day_period": "morning"},
                ),
                (
                    0,
                    0,
                    {
                        "name": "PM",
                        "dayofweek": str(day),
                        "hour_from": 13.0,
                        "hour_to": 17.5,
                        "day_period": "afternoon",
                    },
                ),
            ]
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "北京工作时间", "tz": "Asia/Shanghai", "attendance_ids": attendances}
        )
        cls.team_a.write({"resource_calendar_id": cls.calendar.id, "leader_id": cls.manager.id})
        cls.director = cls.admin
        cls.env["complaint.team.role"].create(
            {"team_id": cls.team_a.id, "code": "sales_director", "name": "销售总监", "user_id": cls.director.id}
        )
        Kind = cls.env["complaint.clock.kind"]
        cls.kind_contact = cls.env.ref("complaint_base.clock_kind_first_contact")
        cls.kind_reply = cls.env.ref("complaint_base.clock_kind_reply")
        cls.kind_resolve = cls.env.ref("complaint_base.clock_kind_resolve")
        cls.kind_close = cls.env.ref("complaint_base.clock_kind_close")
        cls.kind_callback = cls.env.ref("complaint_base.clock_kind_callback")
        cls.kind_ack = cls.env.ref("complaint_base.clock_kind_acknowledge")
        cls.kind_custom = Kind.create(
            {"name": "Custom", "code": "custom_test", "start_event": "create", "stop_event": "resolved"}
        )

    @classmethod
    def _policy(cls, kind, amount=1.0, unit="hours", time_of_day=0.0, steps=(), **criteria):
        values = {
            "name": f"{kind.code} {amount} {unit}",
            "target_ids": [
                (
                    0,
                    0,
                    {
                        "kind_id": kind.id,
                        "amount": amount,
                        "unit": unit,
                        "time_of_day": time_of_day,
                        "step_ids": [(0, 0, step) for step in steps],
                    },
                )
            ],
        }
        values.update(criteria)
        return cls.env["complaint.deadline.policy"].create(values)

    @classmethod
    def _rule(cls, code, amount, **values):
        return cls.env["complaint.penalty.rule"].create(
            {"code": code, "name": f"Rule {code}", "amount": amount, **values}
        )

    def _received(self, when, **values):
        values.setdefault("team_id", self.team_a.id)
        values.setdefault("user_id", self.user_a.id)
        return self._complaint(date_received=when, **values)

    @staticmethod
    def _clock(complaint, kind):
        return complaint.clock_ids.filtered(lambda c: c.kind_id == kind and c.state != "cancelled")

    def _run_scheduler(self):
        self.env["complaint.clock"]._cron_process_clocks()
        self.env.invalidate_all()
