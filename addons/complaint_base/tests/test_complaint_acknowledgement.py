"""The acknowledgement (受理回执) of a new complaint: e-mail with the reference,
the next deadline in local time and the tracking link; a text message through
the ``complaint_send_sms`` hook; nothing for anonymous complaints; the
acknowledge clock met; per channel; batched."""

from freezegun import freeze_time

from odoo.tests import tagged

from ..plugins import get_plugin_manager, hookimpl
from .common_deadlines import DeadlineCase, bj


class SmsRecorder:
    """A test SMS sender plugin: records what it is asked to send."""

    def __init__(self):
        self.sent = []

    @hookimpl
    def complaint_send_sms(self, phone, text, complaint):
        self.sent.append((phone, text, complaint["name"]))
        return {"provider": "test", "message_id": str(len(self.sent))}


@tagged("post_install", "-at_install")
class TestComplaintAcknowledgement(DeadlineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        policy = cls._policy(cls.kind_ack, 2, "working_hours")
        policy.target_ids = [(0, 0, {"kind_id": cls.kind_resolve.id, "amount": 3, "unit": "working_days"})]
        cls.company.partner_id.lang = "en_US"
        cls.Mail = cls.env["mail.mail"].sudo()

    def _commit(self):
        """What the commit does before it commits: the queued acknowledgements go out."""
        self.env.cr.flush()
        self.env.invalidate_all()

    def _mails(self, complaint):
        return self.Mail.search([("model", "=", "complaint.complaint"), ("res_id", "=", complaint.id)])

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_email_with_reference_local_deadline_and_link(self):
        complaint = self._received(bj(2026, 3, 3, 9, 0), contact_email="wangfang@example.com")
        ack = self._clock(complaint, self.kind_ack)
        self.assertEqual(ack.state, "running")
        self.assertFalse(self._mails(complaint), "nothing is sent before the commit")
        self._commit()
        mail = self._mails(complaint)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "wangfang@example.com")
        self.assertIn(complaint.name, mail.subject)
        self.assertIn(complaint.name, mail.body_html)
        self.assertIn(complaint.subject, mail.body_html)
        # resolve: 3 working days from Tue 3 March 09:00 Beijing → Fri 6 March 09:00, local time
        self.assertIn("2026-03-06 09:00", mail.body_html)
        self.assertNotIn("01:00", mail.body_html, "not the UTC time")
        self.assertTrue(complaint.access_token)
        self.assertIn(f"/my/complaints/{complaint.id}?access_token={complaint.access_token}", mail.body_html)
        # the acknowledgement met the acknowledge clock; the stage did not move
        self.assertEqual(ack.state, "met")
        self.assertFalse(ack.is_late)
        self.assertEqual(complaint.state, "new")
        self.assertTrue(complaint.date_acknowledgement_sent)
        self.assertIn("wangfang@example.com", complaint.message_ids[:1].body)
        # committed again: nothing is sent twice
        complaint._queue_acknowledgement()
        self._commit()
        self.assertEqual(len(self._mails(complaint)), 1)

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_sms_plugin_is_called_with_the_phone(self):
        recorder = SmsRecorder()
        pm = get_plugin_manager()
        pm.register_for_addon(recorder, "complaint_base", name="test:sms")
        self.addCleanup(pm.unregister, name="test:sms")
        complaint = self._received(bj(2026, 3, 3, 9, 0), contact_phone="13900001234", contact_email=False)
        self._commit()
        self.assertEqual(len(recorder.sent), 1)
        phone, text, name = recorder.sent[0]
        self.assertEqual(phone, "13900001234")
        self.assertEqual(name, complaint.name)
        self.assertIn(complaint.name, text)
        self.assertIn("2026-03-06 09:00", text)
        self.assertIn(f"access_token={complaint.access_token}", text)
        self.assertEqual(self._clock(complaint, self.kind_ack).state, "met")
        self.assertIn("13900001234", complaint.message_ids[:1].body)

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_no_sms_sender_sends_nothing_and_says_so(self):
        complaint = self._received(bj(2026, 3, 3, 9, 0), contact_phone="13900005678", contact_email=False)
        self._commit()
        self.assertFalse(self._mails(complaint))
        self.assertIn("no SMS sender", complaint.message_ids[:1].body)
        # nothing reached the complainant: the clock still waits for a person
        self.assertEqual(self._clock(complaint, self.kind_ack).state, "running")
        self.assertFalse(complaint.date_acknowledgement_sent)

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_anonymous_complaints_get_none(self):
        recorder = SmsRecorder()
        pm = get_plugin_manager()
        pm.register_for_addon(recorder, "complaint_base", name="test:sms")
        self.addCleanup(pm.unregister, name="test:sms")
        complaint = self._received(
            bj(2026, 3, 3, 9, 0), is_anonymous=True, contact_phone="13900009999", contact_email="x@example.com"
        )
        self._commit()
        self.assertFalse(self._mails(complaint))
        self.assertFalse(recorder.sent)
        self.assertFalse(complaint.date_acknowledgement_sent)

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_channel_that_does_not_send(self):
        self.channel_walk_in.send_acknowledgement = False
        complaint = self._received(
            bj(2026, 3, 3, 9, 0), channel_id=self.channel_walk_in.id, contact_email="li@example.com"
        )
        self._commit()
        self.assertFalse(self._mails(complaint))
        self.assertEqual(self._clock(complaint, self.kind_ack).state, "running")

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_batch_is_rendered_once(self):
        vals = [
            {
                "subject": f"批量投诉 {index}",
                "contact_name": "赵磊",
                "contact_email": f"zhao{index}@example.com",
                "contact_phone": f"1370000{index:04d}",
                "channel_id": self.channel_phone.id,
                "team_id": self.team_a.id,
                "date_received": bj(2026, 3, 3, 9, 0),
            }
            for index in range(20)
        ]
        complaints = self.env["complaint.complaint"].create(vals)
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self._commit()
        queries = self.env.cr.sql_log_count - before
        self.assertEqual(
            len(self.Mail.search([("res_id", "in", complaints.ids), ("model", "=", "complaint.complaint")])), 20
        )
        self.assertEqual(
            set(complaints.clock_ids.filtered(lambda c: c.kind_id == self.kind_ack).mapped("state")), {"met"}
        )
        # tokens are written one by one; the rest is batched
        self.assertLess(queries, 20 * 4, f"{queries} queries for 20 acknowledgements")

    @freeze_time(bj(2026, 3, 3, 9, 0))
    def test_large_batch_is_acknowledged_by_the_scheduler(self):
        """An import of thousands is saved without waiting for thousands of
        e-mails: beyond the limit the scheduler sends them, once each."""
        self.env["ir.config_parameter"].sudo().set_param("complaint_base.acknowledgement_at_once", 3)
        cron = self.env.ref("complaint_base.ir_cron_complaint_acknowledgements")
        triggers = self.env["ir.cron.trigger"].sudo()
        before = triggers.search_count([("cron_id", "=", cron.id)])
        complaints = self.env["complaint.complaint"].create(
            [
                {
                    "subject": f"导入投诉 {index}",
                    "contact_name": "赵磊",
                    "contact_email": f"zhao{index}@example.com",
                    "channel_id": self.channel_phone.id,
                    "team_id": self.team_a.id,
                    "date_received": bj(2026, 3, 3, 9, 0),
                }
                for index in range(5)
            ]
            + [{"subject": "匿名", "is_anonymous": True, "team_id": self.team_a.id}]
        )
        self._commit()
        mails = self.Mail.search([("res_id", "in", complaints.ids), ("model", "=", "complaint.complaint")])
        self.assertFalse(mails, "not sent inside the transaction")
        self.assertEqual(complaints.mapped("acknowledgement_queued"), [True] * 5 + [False], "the anonymous one: none")
        self.assertEqual(triggers.search_count([("cron_id", "=", cron.id)]), before + 1, "the scheduler starts at once")
        Complaint = self.env["complaint.complaint"]
        self.assertEqual(Complaint._cron_send_acknowledgements(chunk=2), 2)
        self.assertEqual(Complaint._cron_send_acknowledgements(chunk=2), 2)
        self.assertEqual(Complaint._cron_send_acknowledgements(chunk=2), 1)
        self.assertEqual(Complaint._cron_send_acknowledgements(chunk=2), 0, "nothing sent twice")
        mails = self.Mail.search([("res_id", "in", complaints.ids), ("model", "=", "complaint.complaint")])
        self.assertEqual(sorted(mails.mapped("res_id")), sorted(complaints[:5].ids), "one each")
        self.assertFalse(any(complaints.mapped("acknowledgement_queued")))
        self.assertTrue(all(complaints[:5].mapped("date_acknowledgement_sent")))
        acks = complaints.clock_ids.filtered(lambda c: c.kind_id == self.kind_ack)
        self.assertEqual(set(acks.filtered(lambda c: c.complaint_id in complaints[:5]).mapped("state")), {"met"})

    def test_settings_open_the_template(self):
        action = self.env["res.config.settings"].create({}).action_complaint_acknowledgement_template()
        self.assertEqual(action["res_id"], self.env.ref("complaint_base.mail_template_complaint_acknowledgement").id)
