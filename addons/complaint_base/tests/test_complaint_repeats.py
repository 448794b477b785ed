import re

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ComplaintCase


@tagged("post_install", "-at_install")
class TestRepeatedComplaints(ComplaintCase):
    @freeze_time("2026-03-10 02:00:00")
    def test_same_contact_similar_subject_is_a_repeat(self):
        first = self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
        again = self._complaint(subject="发动机异响，保养后更严重了", contact_phone="13811112222")
        self.assertRecordValues(
            again, [{"is_repeated": True, "repeat_of_id": first.id, "severity": "major", "is_major": True}]
        )
        self.assertIn(first.name, again.message_ids[0].body)
        self.assertFalse(first.is_repeated)

    @freeze_time("2026-03-10 02:00:00")
    def test_same_category_counts_and_severity_climbs(self):
        base = {"contact_email": "li@example.com", "contact_phone": False, "category_id": self.category_service.id}
        self._complaint(subject="前台态度冷淡", severity="major", **base)
        again = self._complaint(subject="等候太久无人理会", severity="major", **base)
        self.assertEqual((again.is_repeated, again.severity), (True, "critical"))

    @freeze_time("2026-03-10 02:00:00")
    def test_not_a_repeat(self):
        self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
        other_matter = self._complaint(subject="前台接待态度冷淡", contact_phone="13811112222")
        other_person = self._complaint(subject="保养后发动机异响", contact_phone="13900000000")
        anonymous = self._complaint(subject="保养后发动机异响", contact_phone="13811112222", is_anonymous=True)
        self.assertFalse((other_matter | other_person | anonymous).filtered("is_repeated"))

    def test_old_closed_complaints_are_not_repeats(self):
        with freeze_time("2026-01-01 02:00:00"):
            old = self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
            old.stage_id = self.stage_closed
        with freeze_time("2026-03-10 02:00:00"):
            again = self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
        self.assertFalse(again.is_repeated)
        self.env["ir.config_parameter"].set_param("complaint_base.repeat_window_days", 120)
        self.env["ir.config_parameter"].set_param("complaint_base.repeat_raise_severity", "False")
        with freeze_time("2026-03-11 02:00:00"):
            third = self._complaint(subject="保养后发动机异响", contact_phone="13811112222")
        self.assertEqual((third.is_repeated, third.severity), (True, "general"))

    @freeze_time("2026-03-10 02:00:00")
    def test_phone_and_email_are_compared_normalized(self):
        first = self._complaint(subject="保养后发动机异响", contact_phone="138-1111-2222")
        again = self._complaint(subject="保养后发动机异响", contact_phone="138 1111 2222")
        by_mail = self._complaint(subject="前台态度冷淡", contact_email=" Li@Example.com", contact_phone=False)
        again_mail = self._complaint(subject="前台态度冷淡", contact_email="li@example.COM", contact_phone=False)
        self.assertEqual(again.repeat_of_id, first)
        self.assertEqual(again_mail.repeat_of_id, by_mail)

    @freeze_time("2026-03-10 02:00:00")
    def test_batch_create_links_repeats_as_one_by_one(self):
        earlier = self._complaint(subject="保养后发动机异响", contact_phone="13811113333")
        vals = {"contact_name": "张伟", "channel_id": self.channel_phone.id}
        batch = self.env["complaint.complaint"].create(
            [
                {**vals, "subject": "保养后发动机异响严重", "contact_phone": "13811113333"},
                {**vals, "subject": "空调不制冷", "contact_phone": "13811113333"},
                {**vals, "subject": "保养后发动机异响", "contact_phone": "13922224444"},
            ]
        )
        self.assertEqual(batch.mapped("is_repeated"), [True, False, False])
        self.assertEqual(batch[0].repeat_of_id, earlier)


@tagged("post_install", "-at_install")
class TestRegistrationWizard(ComplaintCase):
    @freeze_time("2026-03-10 02:00:00")
    def test_read_back_duplicates_and_register(self):
        earlier = self._complaint(subject="保养后发动机异响", contact_phone="13811112222", user_id=self.user_own.id)
        hidden = self._complaint(subject="发动机异响又出现", contact_phone="13811112222", team_id=self.team_b.id)
        Wizard = self.env["complaint.registration.wizard"].with_user(self.user_own)
        wizard = Wizard.create(
            {
                "contact_name": "张伟",
                "contact_phone": "13811112222",
                "subject": "发动机异响，保养后更严重",
                "description": "冷启动时异响",
                "customer_demand": "免费检查",
                "read_back_confirmed": True,
            }
        )
        # the clerk sees the earlier complaint they may read, not the other team's
        self.assertIn(earlier, wizard.duplicate_ids)
        self.assertNotIn(hidden, wizard.duplicate_ids)
        self.assertIn("发动机异响，保养后更严重", wizard.read_back)
        self.assertIn("免费检查", wizard.read_back)
        self.assertIn("13811112222", wizard.read_back)
        action = wizard.action_register()
        complaint = self.env["complaint.complaint"].browse(action["res_id"])
        self.assertEqual(complaint.channel_id, self.channel_phone)
        self.assertTrue(complaint.is_repeated)
        self.assertIn("confirmed", complaint.message_ids.mapped("body")[0])

    def test_anonymous_registration_keeps_no_identity(self):
        wizard = self.env["complaint.registration.wizard"].create(
            {"is_anonymous": True, "contact_name": "不应保存", "contact_phone": "13700001111", "subject": "加班费未发"}
        )
        self.assertFalse(wizard.duplicate_ids)
        self.assertNotIn("不应保存", wizard.read_back)
        complaint = self.env["complaint.complaint"].browse(wizard.action_register()["res_id"])
        self.assertRecordValues(complaint, [{"is_anonymous": True, "contact_name": False, "contact_phone": False}])


@tagged("post_install", "-at_install")
class TestRegistrationReadBack(ComplaintCase):
    """What the clerk reads back to the complainant: the time in the clerk's
    time zone as their language writes it (no seconds, no ISO), nothing for
    what is not given, a dash where a sentence needs a value not yet typed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["complaint_base"], ["zh_CN"], overwrite=True)
        cls.user_own.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})

    def _wizard(self, **values):
        return self._wizards().create(values)

    def _wizards(self):
        # as the web client calls it: in the user's language
        return self.env["complaint.registration.wizard"].with_user(self.user_own).with_context(lang="zh_CN")

    def _lines(self, wizard):
        return re.findall(r"<p>(.*?)</p>", wizard.read_back)

    def test_read_back_in_the_clerks_language_and_time(self):
        wizard = self._wizard(
            contact_name="张伟",
            contact_phone="13811113333",
            subject="发动机异响",
            date_received="2026-12-01 02:00:00",
        )
        self.assertEqual(
            self._lines(wizard),
            [
                "2026年12月01日 10时00分，张伟 通过电话投诉：发动机异响。",
                "我们将通过以下方式答复您：13811113333",
                "以上内容是否正确？",
            ],
        )
        # a clerk in another time zone reads their own time
        self.user_own.tz = "Europe/Berlin"
        wizard.invalidate_recordset(["read_back"])
        self.assertIn("2026年12月01日 03时00分", wizard.read_back)

    def test_nothing_typed_yet_reads_dashes_never_question_marks(self):
        # as the form shows it before anything is typed (a new record, not saved)
        wizard = self._wizards().new({"date_received": "2026-12-01 02:00:00"})
        self.assertNotIn("?", wizard.read_back.replace("？", ""))
        self.assertEqual(self._lines(wizard)[0], "2026年12月01日 10时00分，— 通过电话投诉：—。")
        self.assertEqual(len(self._lines(wizard)), 2, "no line for what is not given")
