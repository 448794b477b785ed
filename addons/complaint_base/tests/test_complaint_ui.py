from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestComplaintUi(HttpCase):
    def test_complaint_tour(self):
        """Kanban, form (register, acknowledge) and list, as a user clicks them."""
        self.start_tour("/odoo/action-complaint_base.complaint_complaint_action", "complaint_base_tour", login="admin")
        complaint = self.env["complaint.complaint"].search([("subject", "=", "前台接待态度冷淡")])
        self.assertEqual(len(complaint), 1)
        self.assertEqual(complaint.state, "acknowledged")
        self.assertRegex(complaint.name, r"^TS\d{4}-\d{6}$")

    def test_views_load_for_a_team_user(self):
        """Every view of the main action renders for the lowest complaint group."""
        user = self.env["res.users"].create(
            {
                "name": "Viewer",
                "login": "cb_viewer",
                "password": "cb_viewer_pw",
                "groups_id": [(6, 0, [self.env.ref("complaint_base.group_complaint_user_own").id])],
            }
        )
        Complaint = self.env["complaint.complaint"].with_user(user)
        for view_type in ("kanban", "list", "form", "search", "calendar", "pivot", "graph", "activity"):
            arch = Complaint.get_views([(False, view_type)])["views"][view_type]["arch"]
            self.assertTrue(arch)
