from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EmployeeCase


@tagged("post_install", "-at_install")
class TestEmployeeIdentity(EmployeeCase):
    """A named grievance's reporter is sealed: custodians read it, officers
    ask with a reason, every read is logged in an append-only log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.grievance = cls._grievance(contact_phone="13800001111")

    def _log(self):
        return self.env["complaint.employee.access.log"].search([("complaint_id", "=", self.grievance.id)], order="id")

    def test_identity_is_not_on_the_grievance(self):
        self.assertTrue(self.grievance.employee_identity_sealed)
        self.assertFalse(self.grievance.partner_id or self.grievance.contact_name or self.grievance.contact_phone)
        identity = self.env["complaint.employee.identity"].search([("complaint_id", "=", self.grievance.id)])
        self.assertEqual(identity.employee_id, self.reporter)
        self.assertEqual(identity.reporter_phone, "13800001111")
        self.assertFalse(self.grievance.with_user(self.officer).employee_reporter_input_id)

    def test_officer_refused_without_approval(self):
        Identity = self.env["complaint.employee.identity"]
        for user in (self.officer, self.manager, self.admin, self.hr_user, self.auditor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Identity.with_user(user).search_read([("complaint_id", "=", self.grievance.id)], ["employee_id"])
        with self.assertRaises(AccessError):
            self.env["complaint.employee.access.log"].with_user(self.officer).search([])

    def test_custodian_reads_and_each_read_is_logged(self):
        identity = (
            self.env["complaint.employee.identity"]
            .with_user(self.custodian)
            .search([("complaint_id", "=", self.grievance.id)])
        )
        identity.read(["employee_id"])
        identity.read(["reporter_phone"])
        identity.search_read([("id", "=", identity.id)], ["reporter_name"])
        identity.web_search_read([("id", "=", identity.id)], {"reporter_name": {}})
        log = self._log()
        self.assertEqual(log.mapped("event"), ["custodian_read"] * 4)
        self.assertEqual(log.user_id, self.custodian)
        with self.assertRaises(UserError):
            log.with_user(self.custodian).sudo().write({"reason": "x"})
        with self.assertRaises(UserError):
            log.sudo().unlink()
        self.assertEqual(
            len(self.env["complaint.employee.access.log"].with_user(self.auditor).search([])),
            len(self.env["complaint.employee.access.log"].search([])),
        )

    def test_request_approved_by_a_custodian(self):
        Request = self.env["complaint.employee.identity.request"]
        with self.assertRaises(AccessError):
            Request.with_user(self.manager).create({"complaint_id": self.grievance.id, "reason": "x"})
        request = Request.with_user(self.officer).create(
            {"complaint_id": self.grievance.id, "reason": "需要当面核实加班记录"}
        )
        self.assertFalse(request.revealed_name)
        with self.assertRaises(AccessError):
            request.with_user(self.officer).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.officer).write({"state": "approved"})
        request.with_user(self.custodian).action_approve()
        request.invalidate_recordset()
        self.assertEqual(request.with_user(self.officer).revealed_name, "陈工")
        self.assertEqual(self._log().mapped("event"), ["requested", "approved", "officer_read"])
        # another officer learns nothing from it
        self.assertFalse(Request.with_user(self.officer2).search([("id", "=", request.id)]))
        with self.assertRaises(UserError):
            request.with_user(self.custodian).action_refuse()

    def test_refused_request_reveals_nothing(self):
        request = (
            self.env["complaint.employee.identity.request"]
            .with_user(self.officer)
            .create({"complaint_id": self.grievance.id, "reason": "想知道是谁"})
        )
        request.with_user(self.custodian).action_refuse()
        request.invalidate_recordset()
        self.assertFalse(request.with_user(self.officer).revealed_name)
        self.assertEqual(self._log().mapped("event"), ["requested", "refused"])
