"""Anonymity is a rule of the model: an anonymous complaint stores no name,
phone, e-mail or contact, whatever the channel (docs/security.md)."""

import base64
import json

from odoo.tests import HttpCase, tagged

from . import test_complaint_api as api_tests
from .common import ComplaintCase
from .test_complaint_import import make_csv

IDENTITY = {"partner_id": False, "contact_name": False, "contact_phone": False, "contact_email": False}

RAW = """Return-Path: <wang.qiang@example.net>
From: 王强 <wang.qiang@example.net>
To: {alias}@kefu.example.com
Subject: 举报网点私自收费
Message-ID: <anonymous-test-{n}@example.net>
Date: Tue, 03 Mar 2026 10:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

网点派件时每件加收两元。
"""


class AnonymityCase(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("complaint_base.allow_anonymous", "True")
        cls.wang = cls.env["res.partner"].create(
            {"name": "王强", "phone": "13700000001", "email": "wang.qiang@example.net"}
        )

    def assertAnonymous(self, complaint):
        self.assertEqual(len(complaint), 1)
        self.assertRecordValues(complaint, [{"is_anonymous": True, **IDENTITY}])
        outsiders = complaint.message_partner_ids.filtered(lambda p: not p.user_ids.filtered(lambda u: not u.share))
        self.assertFalse(outsiders, "nobody from outside follows an anonymous complaint")
        self.assertFalse(complaint.message_ids.author_id & self.wang, "no message is signed with the complainant")
        self.assertFalse(
            [m for m in complaint.message_ids if "wang.qiang" in (m.email_from or "")],
            "no message keeps the complainant's address",
        )


@tagged("post_install", "-at_install")
class TestComplaintAnonymity(AnonymityCase):
    # --- ORM, backend form ------------------------------------------------------
    def test_create_stores_no_identity(self):
        complaint = (
            self.env["complaint.complaint"]
            .with_user(self.user_own)
            .create(
                {
                    "subject": "举报收费",
                    "is_anonymous": True,
                    "partner_id": self.wang.id,
                    "contact_name": "王强",
                    "contact_phone": "13700000001",
                    "contact_email": "wang.qiang@example.net",
                }
            )
        )
        self.assertAnonymous(complaint.sudo())

    def test_write_after_creation(self):
        complaint = self._complaint(partner_id=self.wang.id)
        complaint.message_subscribe(partner_ids=self.wang.ids)
        # the complainant was tracked when they were set
        tracked = complaint.with_context(tracking_disable=False, mail_notrack=False)
        tracked.partner_id = self.env["res.partner"].create({"name": "X"})
        self.env.cr.precommit.run()
        tracked.partner_id = self.wang
        self.env.cr.precommit.run()
        self.assertTrue(self._tracked_names(complaint))
        # changed again in the same transaction, then made anonymous
        tracked.partner_id = self.wang.copy({"name": "王强 (2)"})
        tracked.with_user(self.manager).write({"is_anonymous": True})
        self.env.cr.precommit.run()
        self.assertAnonymous(complaint)
        self.assertTrue(complaint.message_ids.tracking_value_ids.filtered(lambda v: v.field_id.name == "is_anonymous"))
        self.assertFalse(self._tracked_names(complaint), "no tracked value names the complainant any more")
        # nothing brings the identity back while the complaint stays anonymous
        complaint.with_user(self.manager).write({"contact_phone": "13700000001", "partner_id": self.wang.id})
        complaint.with_user(self.manager).contact_name = "王强"
        self.assertAnonymous(complaint)
        complaint.message_subscribe(partner_ids=self.wang.ids)
        self.assertAnonymous(complaint)
        # anonymity is kept record by record in a mixed write
        named = self._complaint()
        (complaint | named).write({"contact_email": "x@example.net"})
        self.assertAnonymous(complaint)
        self.assertEqual(named.contact_email, "x@example.net")

    def _tracked_names(self, complaint):
        values = self.env["mail.tracking.value"].search(
            [("mail_message_id.model", "=", complaint._name), ("mail_message_id.res_id", "=", complaint.id)]
        )
        return [v for v in values if "王强" in (v.old_value_char or "") + (v.new_value_char or "")]

    # --- the registration wizard --------------------------------------------------
    def test_registration_wizard(self):
        wizard = (
            self.env["complaint.registration.wizard"]
            .with_user(self.user_own)
            .create(
                {
                    "subject": "举报收费",
                    "is_anonymous": True,
                    "partner_id": self.wang.id,
                    "contact_name": "王强",
                    "contact_phone": "13700000001",
                    "read_back_confirmed": True,
                }
            )
        )
        action = wizard.action_register()
        complaint = self.env["complaint.complaint"].browse(action["res_id"])
        self.assertAnonymous(complaint)
        self.assertNotIn("13700000001", str(complaint.message_ids.mapped("body")))

    # --- import -----------------------------------------------------------------
    def _import(self, rows):
        data = make_csv(["ref", "subject", "anonymous", "contact_name", "phone"], rows)
        wizard = (
            self.env["complaint.import"]
            .with_user(self.manager)
            .create({"file": base64.b64encode(data), "filename": "list.csv", "external_source": "Hotline"})
        )
        wizard.action_check()
        wizard.action_import()
        return self.env["complaint.complaint"].search(
            [("external_source", "=", "Hotline"), ("external_ref", "=", "H-1")]
        )

    def test_import_create_and_update(self):
        complaint = self._import([["H-1", "举报收费", "是", "王强", "13700000001"]])
        self.assertAnonymous(complaint)
        # a named complaint made anonymous by a later import forgets the name
        complaint.write({"is_anonymous": False, "contact_name": "王强", "contact_phone": "13700000001"})
        self.assertEqual(complaint.contact_phone, "13700000001")
        self.assertEqual(self._import([["H-1", "举报收费", "是", "王强", "13700000001"]]), complaint)
        self.assertAnonymous(complaint)

    # --- e-mail -------------------------------------------------------------------
    def test_email_to_an_anonymous_alias(self):
        """E-mail is anonymous when it reaches an alias whose defaults mark the
        complaints anonymous (a whistle-blowing address): the sender is no
        complainant, no follower and no author of the message."""
        domain = self.env["mail.alias.domain"].create({"name": "kefu.example.com"})
        self.company.alias_domain_id = domain
        self.team_a.write(
            {
                "alias_name": "jubao",
                "alias_domain_id": domain.id,
                "alias_defaults": f"{{'is_anonymous': True, 'team_id': {self.team_a.id}}}",
            }
        )
        thread_id = self.env["mail.thread"].message_process(None, RAW.format(alias="jubao", n=1))
        complaint = self.env["complaint.complaint"].browse(thread_id)
        self.assertEqual(complaint.team_id, self.team_a)
        self.assertIn("每件加收两元", complaint.description)
        self.assertAnonymous(complaint)
        self.assertTrue(complaint.message_ids.filtered(lambda m: "每件加收两元" in (m.body or "")))
        # the sender writes again on the thread: still nobody is attached
        reply = RAW.format(alias="jubao", n=2).replace(
            "Subject: 举报网点私自收费", f"Subject: Re: {complaint.name}\nIn-Reply-To: <anonymous-test-1@example.net>"
        )
        self.assertEqual(self.env["mail.thread"].message_process(None, reply), complaint.id)
        self.assertAnonymous(complaint)

    def test_email_to_an_ordinary_alias_names_the_sender(self):
        """The counterpart: an ordinary alias keeps the sender as complainant
        (an e-mail cannot ask to be anonymous by itself)."""
        domain = self.env["mail.alias.domain"].create({"name": "kefu.example.com"})
        self.company.alias_domain_id = domain
        self.team_a.write({"alias_name": "kefu", "alias_domain_id": domain.id})
        complaint = self.env["complaint.complaint"].browse(
            self.env["mail.thread"].message_process(None, RAW.format(alias="kefu", n=3))
        )
        self.assertRecordValues(
            complaint, [{"is_anonymous": False, "partner_id": self.wang.id, "contact_email": "wang.qiang@example.net"}]
        )


@tagged("post_install", "-at_install")
class TestComplaintAnonymityApi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("complaint_base.allow_anonymous", "True")
        user = cls.env["res.users"].create(
            {
                "name": "Hotline",
                "login": "cb_anon_api",
                "groups_id": [(6, 0, cls.env.ref("complaint_base.group_complaint_user_own").ids)],
            }
        )
        cls.integration = cls.env["complaint.api.integration"].create(
            {"name": "12345 Hotline", "code": "hotline_anon_test", "user_id": user.id}
        )
        cls.key = api_tests.TestComplaintApi._issue(cls.integration)

    def test_api(self):
        payload = {
            "subject": "举报网点私自收费",
            "description": "每件加收两元",
            "is_anonymous": True,
            "complainant": {"name": "王强", "phone": "13700000001", "email": "wang.qiang@example.net"},
            "external_ref": "12345-0001",
        }
        response = self.opener.post(
            self.base_url() + api_tests.API + "/complaints",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"},
            timeout=30,
        )
        self.assertEqual(response.status_code, 201, response.text)
        complaint = self.env["complaint.complaint"].search([("external_ref", "=", "12345-0001")])
        self.assertRecordValues(complaint, [{"is_anonymous": True, **IDENTITY}])
