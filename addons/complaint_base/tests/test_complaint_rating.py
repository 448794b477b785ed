import re
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintCallbackPlanning(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.callback_type = cls.env.ref("complaint_base.mail_activity_type_callback")
        cls.team_a.leader_id = cls.manager

    def _callbacks(self, complaint):
        return complaint.activity_ids.filtered(lambda a: a.activity_type_id == self.callback_type)

    @freeze_time("2026-03-02 09:00:00")
    def test_resolution_plans_one_callback(self):
        complaint = self._judged(self._complaint(team_id=self.team_a.id))
        self.assertFalse(self._callbacks(complaint))
        complaint.action_resolve()
        callback = self._callbacks(complaint)
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.user_id, self.manager, "no specialist configured: the team leader calls back")
        self.assertEqual(callback.date_deadline, date(2026, 3, 4))
        # reopened and resolved again while the callback is still open: still one
        complaint.action_reopen()
        complaint.action_resolve()
        self.assertEqual(len(self._callbacks(complaint)), 1)

    @freeze_time("2026-03-02 09:00:00")
    def test_specialist_and_delay_from_settings(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        settings.complaint_callback_delay_days = 5
        settings.complaint_callback_user_id = self.user_b
        settings.execute()
        complaint = self._judged(self._complaint(team_id=self.team_a.id))
        complaint.action_resolve()
        callback = self._callbacks(complaint)
        self.assertEqual(callback.user_id, self.user_b)
        self.assertEqual(callback.date_deadline, date(2026, 3, 7))
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        settings.complaint_callback_delay_days = 400
        with self.assertRaises(ValidationError):
            settings.execute()


@tagged("post_install", "-at_install")
class TestComplaintRatingByEmail(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.env["ir.config_parameter"].sudo().set_param("complaint_base.rating_by_email", "1")
        cls.env["ir.config_parameter"].sudo().set_param("complaint_base.allow_anonymous", "1")
        cls.leader = cls.env["res.users"].create({"name": "组长", "login": "rating_leader", "email": "l@example.com"})
        cls.team = cls.env["complaint.team"].create({"name": "Rating Team", "code": "RT", "leader_id": cls.leader.id})

    def _resolved(self, **values):
        vals = {
            "subject": "维修后仍然漏油",
            "contact_name": "孙女士",
            "contact_email": "sun@example.com",
            "team_id": self.team.id,
            "validity": "valid",
            "resolution": "<p>已免费返修。</p>",
        }
        vals.update(values)
        complaint = self.env["complaint.complaint"].create(vals)
        complaint.action_resolve()
        return complaint

    def _rating_link(self, complaint):
        mail = self.env["mail.mail"].search(
            [("model", "=", complaint._name), ("res_id", "=", complaint.id), ("body_html", "like", "/rate/")]
        )
        self.assertEqual(len(mail), 1, "one rating request per resolution")
        self.assertIn(complaint.partner_id, mail.recipient_ids)
        return re.search(r'href="[^"]*(/rate/[\w-]+)/5"', mail.body_html).group(1)

    def test_request_is_sent_and_satisfied_rating_recorded(self):
        complaint = self._resolved()
        self.assertEqual(complaint.partner_id.email, "sun@example.com", "the complainant became a contact")
        link = self._rating_link(complaint)
        response = self.url_open(f"{link}/5")
        self.assertEqual(response.status_code, 200)
        complaint.invalidate_recordset()
        self.assertEqual(complaint.satisfaction_outcome, "satisfied")
        self.assertEqual(complaint.state, "resolved")
        self.assertEqual(complaint.rating_ids.rating, 5)

    def test_dissatisfied_rating_reopens_once(self):
        handler = self.env["res.users"].create({"name": "经办", "login": "rating_handler"})
        complaint = self._resolved(user_id=handler.id)
        link = self._rating_link(complaint)
        # opening the link (as a mail scanner does, even twice) reopens and reassigns nothing
        for __ in range(2):
            first = self.url_open(f"{link}/1")
            self.assertEqual(first.status_code, 200)
        self.assertIn("o_complaint_rating_confirm", first.text, "the page asks to confirm with the form")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', first.text).group(1)
        complaint.invalidate_recordset()
        self.assertRecordValues(
            complaint, [{"state": "resolved", "user_id": handler.id, "satisfaction_outcome": False}]
        )
        # the feedback form confirms the verdict with a comment: reopened at the next level
        page = self.url_open(f"{link}/submit_feedback", data={"rate": "1", "feedback": "漏油依旧", "csrf_token": csrf})
        self.assertEqual(page.status_code, 200)
        complaint.invalidate_recordset()
        self.assertRecordValues(
            complaint,
            [
                {
                    "state": "in_progress",
                    "user_id": self.leader.id,
                    "satisfaction_outcome": "dissatisfied",
                    "satisfaction_comment": "漏油依旧",
                }
            ],
        )
        # sending the form again: no second reopening
        page = self.url_open(f"{link}/submit_feedback", data={"rate": "1", "feedback": "漏油依旧", "csrf_token": csrf})
        self.assertEqual(page.status_code, 200)
        reopenings = complaint.message_ids.filtered(lambda m: "Dissatisfied at the callback" in (m.body or ""))
        self.assertEqual(len(reopenings), 1)
        # a POST without the form's CSRF token (a forged or replayed request) changes nothing either
        other = self._resolved(contact_email="li@example.com")
        other_link = self._rating_link(other)
        self.url_open(f"{other_link}/submit_feedback", data={"rate": "1", "feedback": "x"})
        other.invalidate_recordset()
        self.assertEqual(other.state, "resolved")
        # a made-up token finds nothing
        self.assertEqual(self.url_open("/rate/not-a-token/1").status_code, 404)

    def test_no_request_without_address_or_when_disabled(self):
        anonymous = self._resolved(contact_name=False, contact_email=False, is_anonymous=True)
        by_phone = self._resolved(contact_email=False, contact_phone="13900001111")
        self.env["ir.config_parameter"].sudo().set_param("complaint_base.rating_by_email", "")
        disabled = self._resolved(contact_email="zhou@example.com", contact_phone=False)
        for complaint in anonymous | by_phone | disabled:
            self.assertFalse(
                self.env["mail.mail"].search_count(
                    [("model", "=", complaint._name), ("res_id", "=", complaint.id), ("body_html", "like", "/rate/")]
                )
            )
