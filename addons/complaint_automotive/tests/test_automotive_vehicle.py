from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AutomotiveCase, bj


@tagged("post_install", "-at_install")
class TestAutomotiveVehicle(AutomotiveCase):
    """Vehicles: VIN checked (GB 16735), unique per company; warranty windows
    shown on the complaint; standard answers offered by type."""

    def _vehicle(self, vin="LSVCC6A47PN000001", **values):
        return self.env["automotive.vehicle"].create({"vin": vin, **values})

    def test_vin_normalised_and_checked(self):
        vehicle = self._vehicle(" lsvcc6a47pn000001 ", license_plate="浙a 8k2m6")
        self.assertEqual(vehicle.vin, "LSVCC6A47PN000001")
        self.assertEqual(vehicle.license_plate, "浙A8K2M6")
        with self.assertRaisesRegex(ValidationError, "should be X"):
            self._vehicle("LSVAU2185N2183294")
        with self.assertRaisesRegex(ValidationError, "one character repeated"):
            self._vehicle("11111111111111111")
        with self.assertRaisesRegex(ValidationError, "I, O or Q"):
            vehicle.write({"vin": "LSVCC6A47PO000001"})

    def test_vin_error_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["complaint_automotive"], ["zh_CN"], overwrite=True)
        Vehicle = self.env["automotive.vehicle"].with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "校验位"):
            Vehicle.create({"vin": "LSVAU2185N2183294"})

    @mute_logger("odoo.sql_db")
    def test_vin_unique_per_company(self):
        self._vehicle()
        other = self.env["res.company"].create({"name": "另一家4S店"})
        self._vehicle(company_id=other.id)
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self._vehicle()

    @freeze_time("2026-03-03 02:00:00")
    def test_warranty_windows_on_the_complaint(self):
        vehicle = self._vehicle(purchase_date=date(2024, 3, 4))
        complaint = self._dealer(
            bj(2026, 3, 3, 10, 0),
            category_id=self.cat_repair.id,
            vehicle_id=vehicle.id,
            automotive_parts_invoice_date=date(2025, 3, 3),
        )
        self.assertEqual(complaint.automotive_vehicle_warranty_end, date(2026, 3, 3))
        self.assertTrue(complaint.automotive_vehicle_covered, "the last day of 24 months is covered")
        self.assertEqual(complaint.automotive_parts_warranty_end, date(2026, 3, 2))
        self.assertFalse(complaint.automotive_parts_covered, "parts 12 months from the invoice: over")
        later = self._dealer(bj(2026, 3, 4, 0, 30), category_id=self.cat_repair.id, vehicle_id=vehicle.id)
        self.assertFalse(later.automotive_vehicle_covered, "00:30 Beijing is already the next day")
        # editable per company
        self.env.company.automotive_vehicle_warranty_months = 36
        later.invalidate_recordset()
        self.assertTrue(later.automotive_vehicle_covered)

    def test_scripts_offered_for_the_complaint_type(self):
        complaint = self._dealer(bj(2026, 3, 3, 10, 0), category_id=self.cat_repair.id)
        topics = complaint.automotive_script_ids.mapped("name")
        self.assertIn("抱怨同一问题多次检修总是修不好", topics)
        self.assertNotIn("抱怨车子耗油高", topics)
        script = self.env.ref("complaint_automotive.script_repeated_repair")
        action = (
            script.with_user(self.owner).with_context(automotive_complaint_id=complaint.id).action_compose_message()
        )
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["context"]["default_res_ids"], complaint.ids)
        self.assertIn("间歇性", action["context"]["default_body"])
