import base64
import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CourierCase, bj


@tagged("post_install", "-at_install")
class TestOutletStatement(CourierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Penalty = cls.env["complaint.penalty"]
        # March: outlet A fined through the schedule, outlet B by hand; one waived,
        # one proposed, one in April, one compensation paid in March
        with freeze_time(bj(2026, 3, 10, 10, 0)):
            cls.forwarded = cls._complaint(
                subject="转交投诉未处理",
                team_id=cls.team.id,
                courier_outlet_id=cls.outlet_a.id,
                severity="major",
                courier_rule_id=cls.env.ref("complaint_courier.rule_sto_02_4").id,
                courier_waybill="268800001001",
            )
            cls.forwarded.action_courier_establish()  # 200 + 550
            cls.false_info = cls._complaint(
                subject="虚假签收",
                team_id=cls.team.id,
                courier_outlet_id=cls.outlet_b.id,
                courier_rule_id=cls.env.ref("complaint_courier.rule_sto_23_1").id,
            )
            cls.false_info.action_courier_establish()  # 1000
        rule_scope = cls.env.ref("complaint_courier.rule_sto_25")
        values = {
            "complaint_id": cls.false_info.id,
            "rule_id": rule_scope.id,
            "payer_type": "outlet",
            "partner_id": cls.outlet_b.partner_id.id,
        }
        Penalty.create({**values, "amount": 200, "date": bj(2026, 3, 20, 9, 0)}).action_confirm()
        Penalty.create({**values, "amount": 300, "date": bj(2026, 3, 21, 9, 0)}).action_waive()
        Penalty.create({**values, "amount": 700, "date": bj(2026, 4, 1, 9, 0)})
        Penalty.create({**values, "amount": 50, "date": bj(2026, 3, 31, 23, 30)})  # still March in Beijing
        with freeze_time(bj(2026, 3, 5, 10, 0)):
            cls.claim = cls.env["courier.claim"].create(
                {
                    "complaint_id": cls.forwarded.id,
                    "claim_type": "loss",
                    "amount_claimed": 600,
                    "date_filed": bj(2026, 3, 5, 10, 0),
                }
            )
            cls.claim.action_file()
            cls.claim.amount_agreed = 480
            cls.claim.action_agree()
        with freeze_time(bj(2026, 3, 28, 10, 0)):
            cls.claim.action_pay()
        cls.manager.tz = "Asia/Shanghai"

    def _ledger(self, outlet=None, states=("proposed", "confirmed", "appealed", "settled")):
        domain = [
            ("date", ">=", bj(2026, 3, 1, 0, 0)),
            ("date", "<", bj(2026, 4, 1, 0, 0)),
            ("state", "in", states),
            ("courier_outlet_id", "!=", False),
        ]
        if outlet:
            domain.append(("courier_outlet_id", "=", outlet.id))
        return sum(self.env["complaint.penalty"].search(domain).mapped("amount"))

    def _wizard(self, **values):
        return (
            self.env["courier.outlet.statement"]
            .with_user(self.manager)
            .create({"date_from": "2026-03-01", "date_to": "2026-03-31", **values})
        )

    def _workbook(self, wizard):
        action = wizard.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))

    def test_excel_statement_adds_up_to_the_ledger(self):
        book = self._workbook(self._wizard())
        details, per_outlet = book.worksheets
        rows = list(per_outlet.iter_rows(values_only=True))
        self.assertEqual(
            rows[0], ("Outlet Code", "Outlet", "Settles Through", "Fines", "Compensation", "Total Deduction")
        )
        by_code = {row[0]: row for row in rows[1:-1]}
        self.assertEqual(set(by_code), {self.outlet_a.code, self.outlet_b.code})
        for outlet in (self.outlet_a, self.outlet_b):
            self.assertAlmostEqual(by_code[outlet.code][3], self._ledger(outlet))
        self.assertEqual(by_code[self.outlet_a.code][3], 750)
        self.assertEqual(by_code[self.outlet_b.code][3], 1250)
        self.assertEqual(by_code[self.outlet_a.code][4], 480, "compensation paid in March")
        self.assertEqual(by_code[self.outlet_a.code][5], 1230)
        network = rows[-1]
        self.assertEqual(network[0], "Network Total")
        self.assertAlmostEqual(network[3], self._ledger())
        self.assertEqual(network[4], 480)
        self.assertAlmostEqual(network[5], self._ledger() + 480)
        lines = list(details.iter_rows(values_only=True))
        self.assertEqual(lines[0][6], "Article")
        self.assertEqual(len(lines), 1 + 6 + 1)  # header, 5 fines and 1 compensation, total
        self.assertAlmostEqual(lines[-1][10], self._ledger())
        self.assertIn("STO-02-4X", [line[6] for line in lines])
        self.assertIn("268800001001", [line[5] for line in lines])

    def test_confirmed_only_and_one_outlet(self):
        book = self._workbook(self._wizard(include_proposed=False, outlet_ids=[(6, 0, self.outlet_b.ids)]))
        rows = list(book.worksheets[1].iter_rows(values_only=True))
        self.assertEqual(len(rows), 3)
        self.assertEqual(rows[1][3], self._ledger(self.outlet_b, states=("confirmed", "appealed", "settled")))
        self.assertEqual(rows[1][3], 200)

    def test_pdf_statement(self):
        wizard = self._wizard()
        html = self.env["ir.actions.report"]._render_qweb_html("complaint_courier.report_outlet_statement", wizard.ids)[
            0
        ]
        html = html.decode()
        self.assertIn(self.outlet_a.display_name, html)
        self.assertIn("Network Total", html)
        self.assertIn("2,480.00", html)  # fines 750 + 1250, compensation 480
        self.assertEqual(wizard.action_print_pdf()["report_name"], "complaint_courier.report_outlet_statement")

    def test_empty_period_and_rights(self):
        with self.assertRaises(UserError):
            self._wizard(date_from="2025-01-01", date_to="2025-01-31").action_export_xlsx()
        with self.assertRaises(AccessError):
            self.env["courier.outlet.statement"].with_user(self.user_a).create(
                {"date_from": "2026-03-01", "date_to": "2026-03-31"}
            )
