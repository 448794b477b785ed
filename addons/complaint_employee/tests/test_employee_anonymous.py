import io
import re

from freezegun import freeze_time
from PIL import Image

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestEmployeeAnonymous(HttpCase):
    """The public report page and its follow-up: no login, no trace of the
    reporter, receipts as hashes, generic answers, no-store pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("complaint_employee.lookup_delay_step", "0.01")
        cls.employee_user = new_test_user(cls.env, login="em_anon_emp", password="em_anon_emp_pw", name="匿名者本人")
        cls.officer = new_test_user(
            cls.env,
            login="em_anon_officer",
            name="林主任",
            groups="base.group_user,complaint_employee.group_grievance_officer",
        )
        cls.scope = cls.env.ref("complaint_employee.employee_category_assign")

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.headers.get("Cache-Control"), "no-store")
        self.assertEqual(page.headers.get("Referrer-Policy"), "no-referrer")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _file(self, files=None, **values):
        data = {
            "csrf_token": self._csrf("/grievance/report"),
            "subject": "出差安排不公",
            "description": "连续三个月被安排外地出差，其他同事没有。",
            "category_id": str(self.scope.id),
            "event_date": "2026-05-06",
        }
        data.update(values)
        response = self.url_open("/grievance/report", data=data, files=files or {})
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        code = re.search(r'<code class="fs-4">(\d{16})</code>', response.text).group(1)
        secret = re.findall(r'<code class="fs-4">([^<]+)</code>', response.text)[1]
        complaint = self.env["complaint.complaint"].search([("sector", "=", "employee")], order="id desc", limit=1)
        return complaint, code, secret

    def _follow(self, code, secret, **values):
        data = {"csrf_token": self._csrf("/grievance/follow-up"), "code": code, "secret": secret, **values}
        return self.url_open("/grievance/follow-up", data=data)

    def test_public_filing_and_follow_up(self):
        complaint, code, secret = self._file()
        self.assertRecordValues(
            complaint,
            [{"is_anonymous": True, "employee_path": "anonymous", "category_id": self.scope.id, "partner_id": False}],
        )
        intake = self.env.ref("complaint_employee.user_grievance_intake")
        self.assertEqual(complaint.create_uid, intake)
        self.assertFalse(complaint.message_follower_ids)
        self.assertFalse(
            self.env["mail.mail"].search([("model", "=", "complaint.complaint"), ("res_id", "=", complaint.id)])
        )
        # the day only: local midnight
        local = complaint.date_received.replace(tzinfo=None)
        self.assertEqual((local.hour, local.minute), (16, 0), "00:00 in Beijing")
        self.assertEqual(complaint.create_date, complaint.date_received)
        # only hashes
        receipt = self.env["complaint.employee.receipt"].search([("complaint_id", "=", complaint.id)])
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT code_hash, secret_hash, secret_salt FROM complaint_employee_receipt WHERE id = %s", [receipt.id]
        )
        row = self.env.cr.fetchone()
        self.assertNotIn(code, " ".join(row))
        self.assertNotIn(secret, " ".join(row))
        # follow-up: the desk answers, the reporter reads it and adds information
        self.env["complaint.employee.exchange"].with_user(self.officer).create(
            {"complaint_id": complaint.id, "kind": "answer", "body": "已收到，正在调查出差安排记录。"}
        )
        page = self._follow(code, secret)
        self.assertEqual(page.status_code, 200)
        self.assertIn("正在调查出差安排记录", page.text)
        self.assertEqual(page.headers.get("Cache-Control"), "no-store")
        self.assertEqual(page.headers.get("Referrer-Policy"), "no-referrer")
        self.assertNotIn(code, page.url)
        added = self._follow(code, secret, action="information", body="补充：五月的出差单号 CC-0506。")
        self.assertEqual(added.status_code, 200)
        exchange = complaint.employee_exchange_ids.filtered(lambda e: e.kind == "information")
        self.assertEqual(exchange.create_uid, intake)
        self.assertEqual(exchange.body, "补充：五月的出差单号 CC-0506。")
        self._follow(code, secret, action="retaliation", body="投诉后被调离岗位。")
        alert = self.env["complaint.employee.alert"].search([("complaint_id", "=", complaint.id)])
        self.assertEqual(alert.event, "reported")

    def test_wrong_and_malformed_codes_get_one_answer(self):
        complaint, code, secret = self._file()
        answers = []
        for guess_code, guess_secret in (
            (code, "wrong-secret-xx"),
            ("1234567890123456", secret),
            ("12ab", secret),
            ("", ""),
            (code + "9", secret),
        ):
            response = self._follow(guess_code, guess_secret)
            self.assertEqual(response.status_code, 403)
            # the CSRF tokens of the page carry the time: everything else is the same
            answers.append(re.sub(r'csrf_token(" value=|: )"[^"]+"', "", response.text))
        self.assertEqual(len(set(answers)), 1, "identical answers")
        receipt = self.env["complaint.employee.receipt"].search([("complaint_id", "=", complaint.id)])
        self.assertEqual(receipt.failed_attempts, 1)
        # failures never lock the reporter out
        for __ in range(3):
            self._follow(code, "still-wrong-xx")
        receipt.invalidate_recordset()
        self.assertEqual(receipt.failed_attempts, 4)
        self.assertEqual(self._follow(code, secret).status_code, 200)
        receipt.invalidate_recordset()
        self.assertEqual(receipt.failed_attempts, 0)

    def test_failed_lookups_slow_down(self):
        __, code, secret = self._file()
        # one throttle window (a minute) for the whole test
        self.startPatcher(freeze_time("2026-06-01 02:00:10"))
        Receipt = self.env["complaint.employee.receipt"]
        pauses = []
        for __ in range(3):
            Receipt._lookup(code, "nope-nope-nope", sleep=pauses.append)
        self.assertEqual(pauses, [0.01, 0.02], "a growing wait before each check of a code guessed wrong")
        pauses.clear()
        self.assertTrue(Receipt._lookup(code, secret, sleep=pauses.append))
        self.assertEqual(pauses, [0.04], "the right secret waits, then passes")
        # the global brake: 20 failed look-ups in the minute slow every look-up down
        for index in range(20):
            Receipt._lookup(f"99999999999999{index:02d}", "x", sleep=lambda s: None)
        pauses.clear()
        Receipt._lookup("8888888888888888", "x", sleep=pauses.append)
        self.assertEqual(pauses, [0.01])

    def test_signed_receipt_verified_by_an_officer(self):
        complaint, code, secret = self._file()
        response = self._follow(code, secret, action="receipt")
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        text = response.content.decode()
        self.assertIn(f"reference: {complaint.name}", text)
        Verify = self.env["complaint.employee.receipt.verify"].with_user(self.officer)
        check = Verify.create({"receipt_text": text})
        check.action_verify()
        self.assertTrue(check.valid)
        forged = Verify.create({"receipt_text": text.replace(str(complaint.employee_filed_on), "2020-01-01")})
        forged.action_verify()
        self.assertFalse(forged.valid)

    def test_exif_is_removed_from_images(self):
        image = Image.new("RGB", (4, 4), "red")
        exif = Image.Exif()
        exif[0x013B] = "陈工"  # Artist
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", exif=exif)
        complaint, __, __ = self._file(files={"attachments": ("photo.jpg", buffer.getvalue(), "image/jpeg")})
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "complaint.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(len(attachment), 1)
        self.assertFalse(Image.open(io.BytesIO(attachment.raw)).getexif())

    def test_logged_in_employee_leaves_no_trace(self):
        """Filed by a logged-in employee: no new row anywhere names them."""
        self.authenticate("em_anon_emp", "em_anon_emp_pw")
        user = self.employee_user
        partner = user.partner_id
        self._csrf("/grievance/report")  # assets and session ready before the count
        self._csrf("/grievance/follow-up")
        before = self._rows_naming(user.id, partner.id)
        complaint, code, secret = self._file(files={"attachments": ("note.txt", "五月出差记录".encode(), "text/plain")})
        self._follow(code, secret, action="information", body="补充说明")
        self._follow(code, secret, action="retaliation", body="被调岗")
        self.env.flush_all()
        after = self._rows_naming(user.id, partner.id)
        self.assertEqual(after, before, "rows naming the reporter appeared")
        self.assertTrue(complaint.exists())
        self.assertEqual(complaint.create_uid, self.env.ref("complaint_employee.user_grievance_intake"))

    def _rows_naming(self, user_id, partner_id):
        """{(table, column): ids of the rows whose column is user_id (or
        partner_id)} over every foreign key to res_users and res_partner,
        plus the author/partner columns of mail and bus tables."""
        cr = self.env.cr
        cr.execute(
            """
            SELECT cl.relname, att.attname, ref.relname
              FROM pg_constraint con
              JOIN pg_class cl ON cl.oid = con.conrelid
              JOIN pg_class ref ON ref.oid = con.confrelid
              JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY(con.conkey)
             WHERE con.contype = 'f' AND ref.relname IN ('res_users', 'res_partner')
            """
        )
        columns = set(cr.fetchall())
        columns |= {
            ("mail_message", "author_id", "res_partner"),
            ("mail_followers", "partner_id", "res_partner"),
            ("mail_notification", "res_partner_id", "res_partner"),
            ("ir_attachment", "create_uid", "res_users"),
        }
        found = {}
        for table, column, ref in sorted(columns):
            value = user_id if ref == "res_users" else partner_id
            key = SQL("id") if self._has_id(table) else SQL("1")
            cr.execute(
                SQL(
                    "SELECT %s FROM %s WHERE %s = %s ORDER BY 1",
                    key,
                    SQL.identifier(table),
                    SQL.identifier(column),
                    value,
                )
            )
            rows = [row[0] for row in cr.fetchall()]
            if rows:
                found[(table, column)] = rows
        # the bus payloads name partners by id
        cr.execute(
            "SELECT count(*) FROM bus_bus WHERE message LIKE %s OR channel LIKE %s",
            [f'%"id": {partner_id}%', f"%{partner_id}%"],
        )
        found["bus_bus"] = cr.fetchone()[0]
        return found

    def _has_id(self, table):
        self.env.cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = 'id'", [table]
        )
        return bool(self.env.cr.fetchone())
