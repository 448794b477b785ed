from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import EmployeeCase


@tagged("post_install", "-at_install")
class TestEmployeePurge(EmployeeCase):
    """Closed grievances past the retention period: a warning first, then a
    purge two administrators agree on, after which nothing names them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin2 = new_test_user(
            cls.env, login="em_admin2", name="第二管理员", groups="base.group_user,base.group_system"
        )
        cls.company.write({"employee_retention_months": 12, "employee_retention_warning_days": 30})

    def _closed_grievance(self):
        with freeze_time("2025-01-06 02:00:00"):
            grievance = self._grievance(contact_phone="13800002222")
            grievance.employee_concerned_ids = [(6, 0, self.head.ids)]
            grievance.message_post(body="调查记录", message_type="comment", subtype_xmlid="mail.mt_note")
            self.env["ir.attachment"].create(
                {"name": "记录.txt", "raw": b"x", "res_model": "complaint.complaint", "res_id": grievance.id}
            )
            self.env["complaint.employee.exchange"].with_user(self.officer).create(
                {"complaint_id": grievance.id, "kind": "answer", "body": "已处理"}
            )
            self.env["complaint.employee.identity"].with_user(self.custodian).search(
                [("complaint_id", "=", grievance.id)]
            ).read(["employee_id"])
            self.env["complaint.employee.alert"].create(
                {"complaint_id": grievance.id, "event": "job", "details": "调岗"}
            )._notify_officers()
            self._judged(grievance)
            grievance.write({"stage_id": self.stage_closed.id})
        return grievance

    def test_warning_before_the_end_of_retention(self):
        grievance = self._closed_grievance()
        Purge = self.env["complaint.employee.purge"]
        with freeze_time("2025-12-01 02:00:00"):
            Purge._cron_warn()
        self.assertFalse(grievance.activity_ids)
        with freeze_time("2025-12-10 02:00:00"):
            Purge._cron_warn()
            Purge._cron_warn()
        self.assertEqual(len(grievance.activity_ids), 1, "once")
        self.assertEqual(grievance.activity_ids.user_id, self.officer)

    def test_two_administrators_and_nothing_left(self):
        grievance = self._closed_grievance()
        gid, ref = grievance.id, grievance.name
        Purge = self.env["complaint.employee.purge"]
        with freeze_time("2025-12-20 02:00:00"):
            with self.assertRaises(UserError):
                Purge.with_user(self.admin).action_request()  # not due yet
        with freeze_time("2026-01-07 02:00:00"):
            with self.assertRaises(AccessError):
                Purge.with_user(self.officer).action_request()
            purge = Purge.with_user(self.admin).action_request()
            self.assertEqual(purge.complaint_ids, grievance)
            with self.assertRaises(UserError):
                purge.with_user(self.admin).action_approve()
            with self.assertRaises(AccessError):
                purge.with_user(self.officer).action_approve()
            self.assertTrue(grievance.exists())
            purge.with_user(self.admin2).action_approve()
        self.assertEqual(purge.state, "done")
        self.assertFalse(self.env["complaint.complaint"].browse(gid).exists())
        self.env.flush_all()
        self.assertEqual(self._references(gid), [])
        self.assertFalse(
            self.env["complaint.employee.access.log"].search_count([("complaint_ref", "=", ref)]),
            "the access log names it no more",
        )

    def _references(self, gid):
        """Every row still pointing at complaint ``gid``: foreign keys to
        complaint_complaint, (model, res_id) pairs, the access log."""
        cr = self.env.cr
        left = []
        cr.execute(
            """
            SELECT cl.relname, att.attname FROM pg_constraint con
              JOIN pg_class cl ON cl.oid = con.conrelid
              JOIN pg_class ref ON ref.oid = con.confrelid
              JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY(con.conkey)
             WHERE con.contype = 'f' AND ref.relname = 'complaint_complaint'
            """
        )
        for table, column in cr.fetchall():
            cr.execute(SQL("SELECT count(*) FROM %s WHERE %s = %s", SQL.identifier(table), SQL.identifier(column), gid))
            if cr.fetchone()[0]:
                left.append(f"{table}.{column}")
        cr.execute("SELECT count(*) FROM complaint_complaint WHERE id = %s", [gid])
        if cr.fetchone()[0]:
            left.append("complaint_complaint")
        cr.execute(
            """SELECT c.table_name, c.column_name FROM information_schema.columns c
                 JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.column_name IN ('model', 'res_model')
                  AND EXISTS (SELECT 1 FROM information_schema.columns r
                               WHERE r.table_name = c.table_name AND r.column_name = 'res_id')"""
        )
        for table, column in cr.fetchall():
            cr.execute(
                SQL(
                    "SELECT count(*) FROM %s WHERE %s IN ('complaint.complaint', 'complaint.employee.alert') AND res_id = %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    gid,
                )
            )
            if cr.fetchone()[0] and table not in ("ir_model_data",):
                left.append(f"{table}.{column}")
        return left
