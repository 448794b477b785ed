from odoo.tests import tagged

from .common import ComplaintCase

RAW = """Return-Path: <li.na@example.net>
From: 李娜 <li.na@example.net>
To: complaints@kefu.example.com
Subject: 快件破损要求赔偿
Message-ID: <complaint-test-{n}@example.net>
Date: Tue, 03 Mar 2026 10:00:00 +0800
MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 8bit

<p>收到的快件外包装破损，里面的瓷器碎了。<script>alert(1)</script></p>
"""

REPLY = """From: 李娜 <li.na@example.net>
To: complaints@kefu.example.com
Subject: Re: 快件破损要求赔偿
Message-ID: <complaint-reply-{n}@example.net>
In-Reply-To: {parent}
References: {parent}
Date: Tue, 03 Mar 2026 11:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

补充：快递单号 773012345678。
"""


@tagged("post_install", "-at_install")
class TestComplaintMailGateway(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        domain = cls.env["mail.alias.domain"].create({"name": "kefu.example.com"})
        cls.company.alias_domain_id = domain
        cls.team_a.write({"alias_name": "complaints", "alias_domain_id": domain.id})

    def test_alias_creates_and_threads_complaints(self):
        self.assertEqual(self.team_a.alias_id.alias_model_id.model, "complaint.complaint")
        thread_id = self.env["mail.thread"].message_process(None, RAW.format(n=1))
        complaint = self.env["complaint.complaint"].browse(thread_id)
        self.assertRecordValues(
            complaint,
            [
                {
                    "subject": "快件破损要求赔偿",
                    "team_id": self.team_a.id,
                    "contact_email": "li.na@example.net",
                    "contact_name": "李娜",
                    "channel_id": self.env.ref("complaint_base.complaint_channel_email").id,
                    "user_id": False,
                }
            ],
        )
        self.assertRegex(complaint.name, r"^TS\d{4}-\d{6}$")
        self.assertIn("瓷器碎了", complaint.description)
        self.assertNotIn("<script", complaint.description)
        # the complainant's answer joins the same complaint
        parent = "<complaint-test-1@example.net>"
        again = self.env["mail.thread"].message_process(None, REPLY.format(n=1, parent=parent))
        self.assertEqual(again, complaint.id)
        self.assertIn("773012345678", complaint.message_ids[0].body)
        self.assertEqual(self.env["complaint.complaint"].search_count([("subject", "like", "快件破损")]), 1)
