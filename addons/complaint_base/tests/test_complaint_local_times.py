"""Every date a person reads is in their time zone, else the company's
(Beijing on the shipped working hours), never UTC."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common_deadlines import DeadlineCase

# 15:15 in Beijing
RECEIVED = datetime(2026, 3, 3, 7, 15)
# 4 March 01:30 in Beijing, still 3 March in UTC
LATE_EVENING = datetime(2026, 3, 3, 17, 30)


@tagged("post_install", "-at_install")
class TestTrackingPageLocalTime(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["complaint.deadline.policy"].search([]).action_archive()
        cls.portal_user = new_test_user(cls.env, login="lt_portal", name="Portal Chen", groups="base.group_portal")
        cls.complaint = cls.env["complaint.complaint"].create(
            {
                "subject": "柜台服务态度差",
                "partner_id": cls.portal_user.partner_id.id,
                "date_received": RECEIVED,
            }
        )
        cls.late = cls.env["complaint.complaint"].create(
            {
                "subject": "夜间投诉",
                "partner_id": cls.portal_user.partner_id.id,
                "date_received": LATE_EVENING,
            }
        )

    def test_public_tracking_page_in_company_time(self):
        complaint = self.complaint
        page = self.url_open(f"/my/complaints/{complaint.id}?access_token={complaint._portal_ensure_token()}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("15:15", page.text)
        self.assertNotIn("07:15", page.text)

    def test_portal_pages_in_the_reader_time(self):
        self.authenticate("lt_portal", "lt_portal")
        page = self.url_open(f"/my/complaints/{self.complaint.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("15:15", page.text)
        self.assertNotIn("07:15", page.text)
        # the list shows the Beijing date of a complaint received late in the evening
        listing = self.url_open("/my/complaints")
        row = listing.text.split(self.late.name, 1)[1].split("</tr>", 1)[0]
        self.assertIn("2026-03-04", row)
        self.assertNotIn("2026-03-03", row)
        # a reader with their own time zone reads in it
        self.portal_user.tz = "Europe/Paris"
        page = self.url_open(f"/my/complaints/{self.complaint.id}")
        self.assertIn("08:15", page.text)
        self.assertNotIn("15:15", page.text)


@tagged("post_install", "-at_install")
class TestLettersAndDigestsLocalTime(DeadlineCase):
    def _html(self, report, complaint):
        html, __ = self.env["ir.actions.report"].with_user(self.manager)._render_qweb_html(report, complaint.ids)
        return html.decode()

    def test_registration_record_in_company_time(self):
        complaint = self._complaint(date_received=RECEIVED)
        html = self._html("complaint_base.report_complaint_registration", complaint)
        self.assertIn("15:15", html)
        self.assertNotIn("07:15", html)

    @freeze_time("2026-03-03 17:45:00")
    def test_reply_letter_dates_in_company_time(self):
        complaint = self._complaint(date_received=LATE_EVENING, resolution="<p>已退款</p>")
        html = self._html("complaint_base.report_complaint_reply_letter", complaint)
        # received and written on 4 March in Beijing
        self.assertIn("03/04/2026", html)
        self.assertNotIn("03/03/2026", html)

    def _digest_mail(self):
        self._policy(self.kind_resolve, 1, "days")
        complaint = self._received(RECEIVED)
        # due one working day later: 4 March 15:15 in Beijing
        self.assertEqual(self._clock(complaint, self.kind_resolve).date_due, datetime(2026, 3, 4, 7, 15))
        self.env["ir.config_parameter"].set_param("complaint_base.digest_leaders", "False")
        with freeze_time("2026-03-04 00:00:00"):
            mail = self.env["complaint.digest"]._cron_send_digests()
        self.assertEqual(len(mail), 1)
        return mail

    def _xlsx_due(self, mail):
        import base64
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(mail.attachment_ids.datas)))
        return list(book.active.iter_rows(values_only=True))[1][3]

    @freeze_time("2026-03-03 07:15:00")
    def test_digest_in_company_time(self):
        self.assertFalse(self.user_a.tz)
        mail = self._digest_mail()
        self.assertIn("15:15", mail.body_html)
        self.assertNotIn("07:15", mail.body_html)
        self.assertEqual(self._xlsx_due(mail), datetime(2026, 3, 4, 15, 15))

    @freeze_time("2026-03-03 07:15:00")
    def test_digest_follows_the_company_time_zone(self):
        tokyo = self.env.ref("complaint_base.resource_calendar_complaint_cn").copy({"tz": "Asia/Tokyo"})
        self.company.complaint_calendar_id = tokyo
        mail = self._digest_mail()
        self.assertIn("16:15", mail.body_html)
        self.assertEqual(self._xlsx_due(mail), datetime(2026, 3, 4, 16, 15))
