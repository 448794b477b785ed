"""Anonymous filing and follow-up, server side (the pages are in
controllers/grievance.py).  Everything the reporter causes is written by the
grievance intake user (never the person logged in, if anyone is), without
followers, mail or tracking, and carries the day only."""

import base64
import time
from datetime import datetime
from datetime import time as dt_time

import pytz

from odoo import api, models
from odoo.tools import SQL

from ..rules import receipt as receipt_rules

INTAKE_USER = "complaint_employee.user_grievance_intake"
QUIET = {
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_auto_subscribe_no_notify": True,
    "mail_notify_force_send": False,
}
LOOKUP_WINDOW_MINUTES = 1


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    @api.model
    def _employee_intake_env(self):
        """Superuser rights under the grievance intake user, quiet."""
        user = self.env.ref(INTAKE_USER)
        company = self.env.company
        return self.env(user=user.id, su=True, context={**QUIET, "lang": company._complaint_lang()})

    @api.model
    def _employee_local_midnight(self, company):
        """Today's local midnight (company time zone), as naive UTC."""
        tz = pytz.timezone(company._complaint_tz())
        today = datetime.now(pytz.utc).astimezone(tz).date()
        return tz.localize(datetime.combine(today, dt_time.min)).astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _employee_file_anonymous(self, values, files=(), secret=None):
        """Create an anonymous grievance from the public page: (complaint,
        code, secret).  ``values``: subject, description, category_id,
        employee_event_date; ``files``: [(filename, bytes)]."""
        env = self._employee_intake_env()
        Complaint = env["complaint.complaint"]
        company = env.company
        team = env.ref("complaint_employee.complaint_team_grievance")
        midnight = self._employee_local_midnight(company)
        complaint = Complaint.create(
            {
                "subject": values["subject"],
                "description": values.get("description") or False,
                "category_id": values.get("category_id") or False,
                "employee_event_date": values.get("employee_event_date") or False,
                "channel_id": env.ref("complaint_employee.channel_employee_anonymous").id,
                "team_id": team.id,
                "company_id": company.id,
                "is_anonymous": True,
                "date_received": midnight,
                "user_id": False,
            }
        )
        code, secret = env["complaint.employee.receipt"]._issue(complaint, secret=secret)
        complaint._employee_add_files(files)
        complaint._employee_day_only()
        return complaint.with_env(self.env), code, secret

    def _employee_add_files(self, files, exchange=None):
        self.ensure_one()
        if not files:
            return self.env["ir.attachment"]
        attachments = self.env["ir.attachment"].create(
            [
                {
                    "name": (name or "file")[:200],
                    "datas": base64.b64encode(receipt_rules_strip(data, name)),
                    "res_model": "complaint.complaint",
                    "res_id": self.id,
                }
                for name, data in files
            ]
        )
        if exchange:
            exchange.attachment_ids = [(4, a.id) for a in attachments]
        return attachments

    def _employee_follow_up(self, kind, body, files=()):
        """The reporter adds information, appeals or reports retaliation."""
        self.ensure_one()
        env = self._employee_intake_env()
        complaint = self.with_env(env)
        exchange = env["complaint.employee.exchange"].create({"complaint_id": complaint.id, "kind": kind, "body": body})
        complaint._employee_add_files(files, exchange)
        if kind == "appeal" and complaint.employee_admin_reply_date and not complaint.employee_appeal_date:
            complaint._employee_appeal(when=self._employee_local_midnight(complaint.company_id))
        if kind == "retaliation":
            alert = env["complaint.employee.alert"].create(
                {"complaint_id": complaint.id, "event": "reported", "details": body}
            )
            alert._notify_officers()
        complaint._employee_day_only()
        return exchange

    def _employee_day_only(self):
        """Times the reporter caused become the day only (local midnight):
        the grievance, its receipt, exchanges, alerts, files and clocks."""
        self.env.flush_all()
        for complaint in self:
            midnight = self._employee_local_midnight(complaint.company_id)
            cr = self.env.cr
            cr.execute(
                SQL(
                    """UPDATE complaint_complaint SET create_date = %(m)s, write_date = %(m)s,
                              date_last_stage_update = LEAST(date_last_stage_update, %(m)s)
                        WHERE id = %(id)s""",
                    m=midnight,
                    id=complaint.id,
                )
            )
            for table, columns in self._employee_tables_with_times().items():
                cr.execute(
                    SQL(
                        "UPDATE %s SET %s WHERE complaint_id = %s AND create_date > %s",
                        SQL.identifier(table),
                        SQL(", ").join(SQL("%s = %s", SQL.identifier(column), midnight) for column in columns),
                        complaint.id,
                        midnight,
                    )
                )
            cr.execute(
                SQL(
                    """UPDATE ir_attachment SET create_date = %(m)s, write_date = %(m)s
                        WHERE res_model = 'complaint.complaint' AND res_id = %(id)s AND create_date > %(m)s""",
                    m=midnight,
                    id=complaint.id,
                )
            )
        self.env.invalidate_all()

    def _employee_tables_with_times(self):
        """{table: its create/write date columns} of the tables whose rows
        hang on a complaint (complaint_id) and record when they were made."""
        self.env.cr.execute(
            """
            SELECT c.table_name, array_agg(t.column_name::text ORDER BY t.column_name)
              FROM information_schema.columns c
              JOIN information_schema.tables tb ON tb.table_name = c.table_name AND tb.table_schema = c.table_schema
              JOIN information_schema.columns t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
                   AND t.column_name IN ('create_date', 'write_date')
             WHERE c.column_name = 'complaint_id' AND c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
             GROUP BY c.table_name
            """
        )
        return {table: columns for table, columns in self.env.cr.fetchall() if "create_date" in columns}


class ComplaintEmployeeReceipt(models.Model):
    _inherit = "complaint.employee.receipt"

    @api.model
    def _lookup(self, code, secret, sleep=time.sleep):
        """``_find`` behind a global brake: failed look-ups of the last
        minute (all reporters together, no address kept) slow every look-up
        down, so a wrong code and a wrong secret take the same time."""
        Throttle = self.env["complaint.intake.throttle"].sudo()
        get = self.env["ir.config_parameter"].sudo().get_param
        step = float(get("complaint_employee.lookup_delay_step", "0.5") or 0)
        global_key = Throttle._client_hash("grievance_lookup", "all")
        failures, __ = Throttle._count("grievance_lookup", global_key, LOOKUP_WINDOW_MINUTES)
        pause = receipt_rules.delay_for(failures // 20, step=step, cap=4.0)
        if pause:
            sleep(pause)
        found = self._find(code, secret, delay_step=step, sleep=sleep)
        if not found:
            Throttle._hit("grievance_lookup", global_key, LOOKUP_WINDOW_MINUTES)
        return found


def receipt_rules_strip(data, name):
    """The bytes of an upload without its author metadata where the format
    allows: images re-saved without EXIF (Pillow)."""
    from io import BytesIO

    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow is an Odoo dependency
        return data
    try:
        image = Image.open(BytesIO(data))
        image_format = image.format
    except Exception:
        return data
    if image_format not in ("JPEG", "PNG", "WEBP"):
        return data
    out = BytesIO()
    # saved without ``exif=`` / ``pnginfo=``: Pillow writes no metadata
    image.save(out, format=image_format)
    return out.getvalue()
