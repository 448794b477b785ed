"""The outlet's portal after issue 11: one fine appealed on its own page with
a reason and a supporting file; an answered complaint no longer reads as new;
times read without seconds in local time; the home cards show counts."""

import re

from odoo.tests import tagged

from .test_courier_portal import OutletPortalCase


@tagged("post_install", "-at_install")
class TestOutletPortalFine(OutletPortalCase):
    def test_appeal_one_fine_with_a_file(self):
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        page = self.url_open(f"/my/outlet/fines/{self.fine_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('enctype="multipart/form-data"', page.text)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        # another outlet's fine: not found, nothing written
        self.assertEqual(self.url_open(f"/my/outlet/fines/{self.fine_b.id}").status_code, 404)
        response = self.url_open(
            f"/my/outlet/fines/{self.fine_a.id}/appeal",
            data={"csrf_token": token, "reason": "客户拒收，有签收单"},
            files={"attachment": ("签收单.jpg", b"\xff\xd8\xff fake jpeg", "image/jpeg")},
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.fine_a.state, "appealed")
        self.assertEqual(self.fine_b.state, "proposed", "only the fine appealed")
        attachment = self.fine_a.message_ids.attachment_ids
        self.assertEqual(attachment.mapped("name"), ["签收单.jpg"])
        self.assertEqual(attachment.res_model, "complaint.penalty")

    def test_answered_complaint_is_not_new_and_times_are_clean(self):
        self.complaint_a.sudo()._courier_outlet_answer("已联系客户", self.manager_a.partner_id)
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        listing = self.url_open("/my/outlet/complaints").text
        self.assertIn("Answered, under review", listing)
        detail = self.url_open(f"/my/outlet/complaints/{self.complaint_a.id}").text
        self.assertIn("Answered, under review", detail)
        self.assertNotRegex(detail, r"\d{2}:\d{2}:\d{2}", "no seconds on the page")
        self.assertRegex(detail, r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")

    def test_home_cards_show_counts(self):
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        home = self.url_open("/my").text
        self.assertIn('data-placeholder_count="courier_fine_count"', home)
        self.assertRegex(home, r'class="fw-bold" data-placeholder_count="courier_fine_count"')
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["courier_fine_count", "courier_complaint_count"]}
        )
        self.assertEqual(counters["courier_fine_count"], 1)
        self.assertEqual(counters["courier_complaint_count"], 1)
