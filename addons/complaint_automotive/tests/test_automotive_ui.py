from odoo.addons.complaint_base.tests.test_complaint_ui import datetimes_showing_seconds
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAutomotiveUi(TransactionCase):
    def test_automotive_views_show_times_to_the_minute(self):
        """The dealer's times (responded, signed for, form lost, listed for
        review, reviewed, promoted, rechecks) read 10:00, not 10:00:00, on
        the complaint views as customer care sees them and on the addon's own
        views."""
        care = new_test_user(
            self.env,
            login="au_ui_care",
            groups="base.group_user,complaint_base.group_complaint_manager,"
            "complaint_automotive.group_automotive_user,complaint_automotive.group_automotive_callback",
        )
        env = self.env(user=care)
        ref = self.env.ref
        form = env["complaint.complaint"].get_views([(False, "form")])["views"]["form"]["arch"]
        for name in ("automotive_date_responded", "automotive_date_form_lost", "automotive_date_reviewed"):
            self.assertIn(f'name="{name}"', form, "the desk's fields are on the form customer care sees")
        views = [
            # the addon's fields on the base's complaint and fine views
            ("complaint.complaint", False, "form"),
            ("complaint.complaint", False, "list"),
            ("complaint.penalty", False, "form"),
        ]
        self.assertEqual(datetimes_showing_seconds(env, views, {"complaint_automotive"}), [])
        own_views = [
            (
                "complaint.complaint",
                ref("complaint_automotive.complaint_complaint_view_list_automotive_recurring").id,
                "list",
            ),
            (
                "complaint.complaint",
                ref("complaint_automotive.complaint_complaint_view_list_automotive_zero").id,
                "list",
            ),
            ("automotive.recheck.wizard", False, "form"),
            ("automotive.form.lost.wizard", False, "form"),
            ("automotive.zero.report", False, "list"),
            ("automotive.survey.score", False, "list"),
            ("automotive.survey.score", False, "form"),
            ("automotive.vehicle", False, "list"),
            ("automotive.vehicle", False, "form"),
        ]
        self.assertEqual(datetimes_showing_seconds(env, own_views, {"complaint_base", "complaint_automotive"}), [])
