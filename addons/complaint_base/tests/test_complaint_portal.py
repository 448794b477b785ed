import hashlib
import hmac
import re
import time
from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestComplaintWebForm(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.category = cls.env.ref("complaint_base.complaint_category_service")

    def _form(self, age=30):
        response = self.url_open("/complaint/new")
        self.assertEqual(response.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        stamp = str(int(time.time()) - age)  # filled in by a person, 30 s ago by default
        signature = hmac.new(secret.encode(), f"complaint-form:{stamp}".encode(), hashlib.sha256).hexdigest()
        return {"csrf_token": csrf, "form_stamp": stamp, "form_signature": signature}

    def _post(self, files=None, age=30, **values):
        data = self._form(age)
        data.update(
            {
                "subject": "快递员态度恶劣",
                "description": "派件时辱骂客户<script>alert(1)</script>",
                "contact_name": "王先生",
                "contact_phone": "13900001234",
                "category_id": str(self.category.id),
                "consent": "1",
            }
        )
        data.update(values)
        return self.url_open("/complaint/new", data=data, files=files or {})

    def _count(self):
        return self.env["complaint.complaint"].search_count([("subject", "=", "快递员态度恶劣")])

    def test_submit_and_follow(self):
        response = self._post(files={"attachments": ("photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")})
        self.assertEqual(response.status_code, 200)
        complaint = self.env["complaint.complaint"].search([("subject", "=", "快递员态度恶劣")])
        self.assertEqual(len(complaint), 1)
        self.assertIn(complaint.name, response.text)
        self.assertEqual(complaint.channel_id, self.env.ref("complaint_base.complaint_channel_web"))
        self.assertEqual(complaint.category_id, self.category)
        # the sender's address is not on the complaint, only counted (hashed) in the throttle table
        self.assertNotIn("intake_fingerprint", complaint._fields)
        counter = self.env["complaint.intake.throttle"].search([("scope", "=", "web_form")])
        self.assertRecordValues(counter, [{"count": 1}])
        self.assertNotIn("127.0.0.1", counter.client_hash)
        self.assertNotIn("<script", complaint.description)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "complaint.complaint"), ("res_id", "=", complaint.id)]
        )
        self.assertEqual(attachment.name, "photo.png")
        # the private link works without an account
        url = re.search(r'href="([^"]*access_token=[^"]+)"', response.text).group(1).replace("&amp;", "&")
        self.url_open("/web/session/logout")
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("快递员态度恶劣", page.text)
        # a guessed token or another id answers 404, telling nothing
        self.assertEqual(self.url_open(f"/my/complaints/{complaint.id}?access_token=guess").status_code, 404)
        self.assertEqual(self.url_open(f"/my/complaints/{complaint.id + 999}?access_token=guess").status_code, 404)
        self.assertEqual(self.url_open(f"/my/complaints/{complaint.id}").status_code, 404)

    def test_bad_input_keeps_what_was_typed(self):
        response = self._post(contact_phone="", contact_email="")
        self.assertEqual(self._count(), 0)
        self.assertIn("alert-danger", response.text)
        self.assertIn('value="快递员态度恶劣"', response.text)
        response = self._post(contact_email="not-an-email")
        self.assertEqual(self._count(), 0)
        self.assertIn("not valid", response.text)
        response = self._post(consent="")
        self.assertEqual(self._count(), 0)
        response = self._post(category_id="999999")
        self.assertIn("Unknown category", response.text)
        self.assertEqual(self._count(), 0)

    def test_bots_and_files_are_refused(self):
        self._post(website_url="http://spam.example")
        self.assertEqual(self._count(), 0)
        data = self._form()
        data["form_stamp"] = str(int(time.time()))  # signature no longer matches
        self.url_open("/complaint/new", data={**data, "subject": "快递员态度恶劣", "consent": "1"})
        self.assertEqual(self._count(), 0)
        response = self._post(
            files={"attachments": ("tool.exe", b"MZ\x90\x00" + b"\x00" * 200, "application/octet-stream")}
        )
        self.assertIn("not an accepted file type", response.text)
        big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 10)
        response = self._post(files={"attachments": ("big.pdf", big, "application/pdf")})
        self.assertIn("larger than", response.text)
        self.assertEqual(self._count(), 0)

    def test_flood_is_throttled(self):
        self.env["ir.config_parameter"].set_param("complaint_base.web_limit_per_ip", 2)
        self.env["ir.config_parameter"].set_param("complaint_base.web_limit_per_contact", 10)
        for phone in ("13900000001", "13900000002"):
            self._post(contact_phone=phone)
        self.assertEqual(self._count(), 2)
        response = self._post(contact_phone="13900000003")
        self.assertIn("Too many complaints", response.text)
        self.assertEqual(self._count(), 2)

    def test_expired_form_keeps_what_was_typed(self):
        response = self._post(age=2 * 3600 + 60)
        self.assertEqual(self._count(), 0)
        self.assertIn("has expired", response.text)
        self.assertIn('value="快递员态度恶劣"', response.text)
        self.assertIn('value="13900001234"', response.text)
        # the page carries a fresh stamp: sent again (after a moment), it is accepted
        self.assertEqual(self._post(age=2 * 3600 - 60).status_code, 200)
        self.assertEqual(self._count(), 1)

    def test_no_address_is_stored_and_counters_are_purged(self):
        self._post()
        self.assertEqual(self._count(), 1)
        # no column of any table holds the client's address (the test client is 127.0.0.1)
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name IN ('complaint_complaint', 'complaint_intake_throttle')
                  AND data_type IN ('character varying', 'text')"""
        )
        for table, column in self.env.cr.fetchall():
            self.env.cr.execute(
                SQL(
                    "SELECT count(*) FROM %s WHERE %s LIKE %s",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    "%127.0.0.1%",
                )
            )
            self.assertEqual(self.env.cr.fetchone()[0], 0, f"{table}.{column} holds the address")
        Throttle = self.env["complaint.intake.throttle"]
        self.assertEqual(Throttle.search_count([]), 1)
        counter = Throttle.search([])
        with freeze_time(counter.date_expires - timedelta(seconds=1)):
            self.env.ref("complaint_base.ir_cron_complaint_throttle_purge").method_direct_trigger()
        self.assertEqual(Throttle.search_count([]), 1, "the window is not over")
        with freeze_time(counter.date_expires + timedelta(minutes=1)):
            self.env.ref("complaint_base.ir_cron_complaint_throttle_purge").method_direct_trigger()
        self.assertFalse(Throttle.search_count([]))

    def test_same_contact_is_throttled(self):
        self.env["ir.config_parameter"].set_param("complaint_base.web_limit_per_contact", 1)
        self._post()
        response = self._post()
        self.assertIn("already sent several complaints", response.text)
        self.assertEqual(self._count(), 1)


@tagged("post_install", "-at_install")
class TestComplaintPortal(HttpCase):
    def test_portal_user_sees_only_own_complaints(self):
        zhang = new_test_user(self.env, login="portal_zhang", password="portal_zhang_pw", groups="base.group_portal")
        li = new_test_user(self.env, login="portal_li", password="portal_li_pw", groups="base.group_portal")
        Complaint = self.env["complaint.complaint"]
        mine = Complaint.create({"subject": "张的投诉", "partner_id": zhang.partner_id.id})
        theirs = Complaint.create({"subject": "李的投诉", "partner_id": li.partner_id.id})
        self.authenticate("portal_zhang", "portal_zhang_pw")
        listing = self.url_open("/my/complaints")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(mine.name, listing.text)
        self.assertNotIn(theirs.name, listing.text)
        self.assertEqual(self.url_open(f"/my/complaints/{mine.id}").status_code, 200)
        self.assertEqual(self.url_open(f"/my/complaints/{theirs.id}").status_code, 404)
        home = self.url_open("/my/home")
        self.assertIn("/my/complaints", home.text)


@tagged("post_install", "-at_install")
class TestRatingAndAppeal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.leader = new_test_user(cls.env, login="cb_leader", groups="complaint_base.group_complaint_manager")
        cls.team = cls.env["complaint.team"].create({"name": "售后", "leader_id": cls.leader.id})

    def _resolved(self):
        complaint = self.env["complaint.complaint"].create(
            {
                "subject": "维修后仍漏油",
                "contact_name": "赵先生",
                "contact_phone": "13600001111",
                "team_id": self.team.id,
                "validity": "valid",
                "resolution": "<p>已免费返修。</p>",
            }
        )
        complaint.action_resolve()
        complaint._portal_ensure_token()
        return complaint

    def _post(self, complaint, route, csrf=None, **data):
        if csrf is None:
            page = self.url_open(f"/my/complaints/{complaint.id}?access_token={complaint.access_token}")
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            f"/my/complaints/{complaint.id}/{route}",
            data={"csrf_token": csrf, "access_token": complaint.access_token, **data},
        )

    def test_rating(self):
        complaint = self._resolved()
        response = self._post(complaint, "rate", outcome="accepted", score="7", comment="还行")
        self.assertEqual(response.status_code, 200)
        self.assertRecordValues(
            complaint,
            [
                {
                    "satisfaction_outcome": "accepted",
                    "satisfaction_score": 7,
                    "satisfaction_value": 70.0,
                    "state": "resolved",
                }
            ],
        )

    def test_dissatisfied_reopens_for_rehandling(self):
        complaint = self._resolved()
        self._post(complaint, "rate", outcome="dissatisfied")
        self.assertEqual(complaint.state, "in_progress")
        self.assertEqual(complaint.user_id, self.leader)
        self.assertTrue(complaint.message_ids.filtered(lambda m: self.leader.partner_id in m.partner_ids))

    def test_appeal(self):
        complaint = self._resolved()
        self._post(complaint, "appeal", reason="处理结果不公平，要求更换发动机")
        self.assertEqual((complaint.appeal_count, complaint.state, complaint.priority), (1, "in_progress", "2"))
        self.assertEqual(complaint.appeal_reason, "处理结果不公平，要求更换发动机")

    def test_bad_requests_change_nothing(self):
        complaint = self._resolved()
        response = self._post(complaint, "rate", outcome="excellent")
        self.assertIn("alert-danger", response.text)
        self.assertFalse(complaint.satisfaction_outcome)
        response = self._post(complaint, "appeal", reason="   ")
        self.assertIn("alert-danger", response.text)
        self.assertEqual(complaint.appeal_count, 0)
        page = self.url_open(f"/my/complaints/{complaint.id}?access_token={complaint.access_token}")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        complaint.action_reopen()
        response = self._post(complaint, "appeal", csrf=csrf, reason="再申诉")
        self.assertIn("alert-danger", response.text)
        self.assertEqual(complaint.appeal_count, 0)
        # a guessed token changes nothing and tells nothing
        response = self.url_open(
            f"/my/complaints/{complaint.id}/appeal", data={"csrf_token": csrf, "access_token": "guess", "reason": "x"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(complaint.appeal_count, 0)

    def test_callback_wizard(self):
        complaint = self._resolved()
        wizard = self.env["complaint.callback.wizard"].create(
            {"complaint_id": complaint.id, "outcome": "satisfied", "has_score": True, "score": 9}
        )
        wizard.action_confirm()
        self.assertEqual((complaint.satisfaction_outcome, complaint.satisfaction_value), ("satisfied", 90.0))
        wizard = self.env["complaint.callback.wizard"].create(
            {"complaint_id": complaint.id, "outcome": "other", "has_score": True, "score": 11}
        )
        with self.assertRaises(ValidationError):
            wizard.action_confirm()
