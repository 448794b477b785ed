from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EmployeeCase


@tagged("post_install", "-at_install")
class TestEmployeeRetaliation(EmployeeCase):
    """Adverse HR events for a named reporter in the watch period raise an
    alert only the officers see (seed 000, 第五条)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-03-02 02:00:00"):
            cls.grievance = cls._grievance()
        cls.department = cls.env["hr.department"].create({"name": "仓储部"})

    def _alerts(self):
        return self.env["complaint.employee.alert"].search([("complaint_id", "=", self.grievance.id)])

    @freeze_time("2026-06-01 02:00:00")
    def test_department_job_manager_change_raise_alerts(self):
        reporter = self.reporter.with_user(self.hr_user)
        reporter.write({"department_id": self.department.id})
        reporter.write({"parent_id": self.gm.id})
        reporter.write({"job_title": "普工"})  # not adverse by itself
        self.assertEqual(sorted(self._alerts().mapped("event")), ["department", "manager"])
        alerts = self._alerts()
        self.assertEqual(alerts.changed_by_id, self.hr_user)
        # the HR user who made the change learns nothing
        with self.assertRaises(AccessError):
            alerts.with_user(self.hr_user).read(["event"])
        with self.assertRaises(AccessError):
            self.grievance.with_user(self.hr_user).read(["subject"])
        self.assertTrue(alerts.with_user(self.officer).read(["event"]))
        self.assertTrue(alerts.activity_ids, "the officers get a to-do")

    @freeze_time("2026-06-01 02:00:00")
    def test_departure_and_disciplinary_entry(self):
        self.env["complaint.employee.discipline"].with_user(self.hr_user).create(
            {"employee_id": self.reporter.id, "outcome": "demerit", "description": "迟到三次"}
        )
        self.reporter.with_user(self.hr_user).action_archive()
        self.assertEqual(sorted(self._alerts().mapped("event")), ["departure", "discipline"])

    def test_no_alert_after_the_watch_period(self):
        with freeze_time("2027-03-03 02:00:00"):
            self.reporter.write({"department_id": self.department.id})
        self.assertFalse(self._alerts())
        # other employees' changes raise nothing
        with freeze_time("2026-06-01 02:00:00"):
            self.leader.write({"department_id": self.department.id})
        self.assertFalse(self._alerts())

    @freeze_time("2026-06-01 02:00:00")
    def test_close_with_proven_retaliation_records_the_outcome(self):
        self.reporter.write({"department_id": self.department.id})
        alert = self._alerts().with_user(self.officer)
        alert.action_investigate()
        with self.assertRaises(UserError):
            alert.action_close()
        alert.write({"finding": "proven", "finding_note": "调岗发生在投诉后第三天，无业务理由。"})
        with self.assertRaises(UserError):
            alert.action_close()
        alert.write({"responsible_employee_id": self.leader.id, "disciplinary_outcome": "demerit"})
        with self.assertRaises(UserError):
            alert.action_close()
        alert.disciplinary_outcome = "major_demerit"
        alert.action_close()
        self.assertEqual(alert.state, "closed")
        self.assertRecordValues(alert.discipline_id, [{"employee_id": self.leader.id, "outcome": "major_demerit"}])
        with self.assertRaises(AccessError):
            alert.with_user(self.manager).action_close()
