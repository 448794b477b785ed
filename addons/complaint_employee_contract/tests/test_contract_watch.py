from freezegun import freeze_time

from odoo.addons.complaint_employee.tests.common import EmployeeCase
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestContractWatch(EmployeeCase):
    """Contract events of a named reporter in the watch period (seed 000,
    第五条: 不得以调岗、降薪、解除劳动合同等方式打击报复) raise the grievance
    addon's retaliation alert, written in the company's language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env.company.partner_id.lang = "zh_CN"
        cls.contract_hr = new_test_user(
            cls.env,
            login="em_contract_hr",
            name="孙薪酬",
            groups="base.group_user,hr_contract.group_hr_contract_manager",
        )
        with freeze_time("2026-03-02 02:00:00"):
            cls.grievance = cls._grievance()
        cls.Contract = cls.env["hr.contract"].with_user(cls.contract_hr)
        with freeze_time("2026-01-01 02:00:00"):
            cls.contract = cls.Contract.create(
                {
                    "name": "HT-2026-007",
                    "employee_id": cls.reporter.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                    "wage": 9000.0,
                    "state": "open",
                }
            )
            cls.other = cls.Contract.create(
                {
                    "name": "HT-2026-008",
                    "employee_id": cls.leader.id,
                    "date_start": "2026-01-01",
                    "wage": 12000.0,
                    "state": "open",
                }
            )

    def _alerts(self):
        return self.env["complaint.employee.alert"].search([("complaint_id", "=", self.grievance.id)])

    @freeze_time("2026-06-01 02:00:00")
    def test_pay_cut_raises_a_wage_alert_in_the_company_language(self):
        self.contract.write({"wage": 9500.0})  # a raise is not adverse
        self.assertFalse(self._alerts())
        self.contract.write({"wage": 7000.0})
        alert = self._alerts()
        self.assertRecordValues(alert, [{"event": "wage", "changed_by_id": self.contract_hr.id}])
        self.assertEqual(alert.details, "合同 HT-2026-007：月工资由 9,500.00 降至 7,000.00。")
        # whoever cut the pay learns nothing of the grievance
        with self.assertRaises(AccessError):
            alert.with_user(self.contract_hr).read(["details"])
        self.assertTrue(alert.with_user(self.officer).read(["details"]))

    @freeze_time("2026-06-01 02:00:00")
    def test_end_brought_forward_or_contract_closed_early(self):
        self.contract.write({"date_end": "2026-12-31"})  # unchanged: nothing
        self.contract.write({"date_end": "2026-07-31"})
        self.assertEqual(self._alerts().mapped("event"), ["contract"])
        self.assertEqual(self._alerts().details, "合同 HT-2026-007：终止日期改为 2026-07-31（原为：2026-12-31）。")
        self.contract.write({"state": "close"})  # closed before 31 July
        alerts = self._alerts()
        self.assertEqual(len(alerts), 2)
        self.assertEqual(alerts[0].details, "合同 HT-2026-007 在终止日期 2026-07-31 之前被终止。")

    @freeze_time("2026-06-01 02:00:00")
    def test_an_end_date_in_the_past_closes_once(self):
        # hr_contract closes a contract whose end is in the past (a nested
        # write): one alert, not two
        self.contract.write({"date_end": "2026-05-31"})
        self.assertEqual(self.contract.state, "close")
        self.assertEqual(len(self._alerts()), 1)

    @freeze_time("2026-06-01 02:00:00")
    def test_new_contract_at_a_lower_wage(self):
        self.Contract.create(
            {
                "name": "HT-2026-019",
                "employee_id": self.reporter.id,
                "date_start": "2026-06-01",
                "wage": 6000.0,
                "state": "draft",
            }
        )
        alert = self._alerts()
        self.assertEqual(alert.event, "wage")
        self.assertEqual(alert.details, "新合同 HT-2026-019 月工资 6,000.00，低于合同 HT-2026-007 的 9,000.00。")

    def test_natural_expiry_other_employees_and_after_the_watch(self):
        # the contract ending on its own date is not a new event
        with freeze_time("2027-01-02 02:00:00"):
            self.env["hr.contract"].update_state()
            self.assertEqual(self.contract.state, "close")
        self.assertFalse(self._alerts())
        with freeze_time("2026-06-01 02:00:00"):
            self.other.write({"wage": 8000.0, "date_end": "2026-06-30"})
        self.assertFalse(self._alerts())
        with freeze_time("2027-03-03 02:00:00"):
            self.Contract.create(
                {"name": "HT-2027-002", "employee_id": self.reporter.id, "date_start": "2027-03-03", "wage": 5000.0}
            )
        self.assertFalse(self._alerts(), "the watch period is over")
