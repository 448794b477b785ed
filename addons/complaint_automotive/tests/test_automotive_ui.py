from odoo.addons.complaint_base.tests.test_complaint_ui import datetimes_showing_seconds
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAutomotiveViews(TransactionCase):
    """The dealer's times read to the minute, as the base's and the courier's do."""

    def test_automotive_views_show_times_to_the_minute(self):
        ref = self.env.ref
        # the dealer's pages are its groups': a customer-care manager sees them all
        care = new_test_user(
            self.env,
            login="auto_ui_care",
            groups="base.group_user,complaint_base.group_complaint_manager,"
            "complaint_automotive.group_automotive_user,complaint_automotive.group_automotive_callback",
        )
        env = self.env(user=care)
        views = [
            # the dealer's fields on the base's complaint views
            ("complaint.complaint", False, "form"),
            ("complaint.complaint", False, "list"),
        ]
        # loaded for the header buttons' conditions, not shown
        kept = {("complaint.complaint", "form"): {("complaint.complaint", "automotive_date_responded")}}
        self.assertEqual(datetimes_showing_seconds(env, views, {"complaint_automotive"}, kept), [])
        own_views = [
            (
                "complaint.complaint",
                ref("complaint_automotive.complaint_complaint_view_list_automotive_zero").id,
                "list",
            ),
            ("automotive.vehicle", False, "list"),
            ("automotive.vehicle", False, "form"),
            ("automotive.survey.score", False, "list"),
            ("automotive.survey.score", False, "form"),
            ("automotive.zero.report", False, "list"),
        ]
        self.assertEqual(datetimes_showing_seconds(env, own_views, {"complaint_base", "complaint_automotive"}), [])
