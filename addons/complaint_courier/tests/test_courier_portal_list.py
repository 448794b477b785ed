from odoo.tests import tagged

from .test_courier_portal import OutletPortalCase


@tagged("post_install", "-at_install")
class TestOutletNotComplainant(OutletPortalCase):
    def test_my_complaints_lists_only_the_users_own(self):
        """An outlet manager reads the complaints about the outlet on the outlet
        pages; they are not the manager's own complaints (/my/complaints)."""
        self.authenticate("portal_outlet_a", "portal_outlet_a")
        page = self.url_open("/my/complaints")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(self.complaint_a.name, page.text)
        self.assertNotIn("甲网点不上门", page.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["complaint_count"]})
        self.assertEqual(counters["complaint_count"], 0)
