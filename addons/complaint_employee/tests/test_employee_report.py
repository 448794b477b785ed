from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import EmployeeCase


@tagged("post_install", "-at_install")
class TestEmployeeReport(EmployeeCase):
    """Statistics hide any group of fewer than five grievances."""

    def test_small_groups_hidden(self):
        made = self.env["complaint.complaint"]
        for __ in range(5):
            made |= self._grievance(category_id=self.cat_pay.id)
        for __ in range(2):
            made |= self._grievance(category_id=self.cat_assign.id)
        Report = self.env["complaint.employee.report"].with_user(self.officer)
        mine = [("id", "in", made.ids)]  # not the demo's grievances
        groups = Report.read_group(mine, ["category_id"], ["category_id"])
        self.assertEqual([(g["category_id"][0], g["category_id_count"]) for g in groups], [(self.cat_pay.id, 5)])
        rows = Report._read_group(mine, ["category_id"], ["__count"])
        self.assertEqual(rows, [(self.cat_pay, 5)])
        self.assertFalse(Report._read_group([*mine, ("category_id", "=", self.cat_assign.id)], [], ["__count"]))
        with self.assertRaises(AccessError):
            Report.search_read([], ["category_id"])
        with self.assertRaises(AccessError):
            self.env["complaint.employee.report"].with_user(self.manager).read_group(
                [], ["category_id"], ["category_id"]
            )
