from lxml import etree

from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval


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

    def test_main_views_show_times_to_the_minute(self):
        """Lists, cards and forms of complaints, clocks, fines and the overdue
        list read 2026-12-01 10:00, not 10:00:00: every datetime field of the
        base they show hides the seconds (or the time: a card shows the day).
        Only the clock's own form keeps them where a deadline is met or missed
        by seconds."""
        kept = {
            ("complaint.clock", "form"): {
                ("complaint.clock", "date_met"),
                ("complaint.clock", "date_breached"),
                ("complaint.clock", "next_check"),
                ("complaint.clock.event", "date"),
            }
        }
        views = [
            ("complaint.complaint", False, "list"),
            ("complaint.complaint", False, "form"),
            ("complaint.complaint", False, "kanban"),
            ("complaint.complaint", self.env.ref("complaint_base.complaint_complaint_view_kanban_desk").id, "kanban"),
            ("complaint.complaint", self.env.ref("complaint_base.complaint_complaint_view_list_overdue").id, "list"),
            ("complaint.clock", False, "list"),
            ("complaint.clock", False, "form"),
            ("complaint.penalty", False, "list"),
            ("complaint.penalty", False, "form"),
        ]
        self.assertEqual(datetimes_showing_seconds(self.env, views, {"complaint_base"}, kept), [])


def datetimes_showing_seconds(env, views, modules, kept=None):
    """The datetime fields defined by ``modules`` that ``views`` [(model,
    view id, view type)] show with their seconds (a sector checks its own
    fields on the views it extends, and every field of its own views)."""
    kept = kept or {}
    found = []
    for model, view_id, view_type in views:
        result = env[model].get_views([(view_id, view_type)])
        arch = etree.fromstring(result["views"][view_type]["arch"])
        for node in arch.iter("field"):
            # the model of the node: a field of a sub-list (the clocks of a complaint) is the comodel's
            owner = model
            for parent in reversed(list(node.iterancestors("field"))):
                owner = result["models"][owner]["fields"][parent.get("name")]["relation"]
            name = node.get("name")
            field = env[owner]._fields.get(name)
            if not field or field.type != "datetime" or field._module not in modules:
                continue
            if node.get("widget") == "remaining_days" or (owner, name) in kept.get((model, view_type), ()):
                continue
            if view_type == "kanban" and not any(parent.tag == "templates" for parent in node.iterancestors()):
                continue  # loaded for the card's conditions, not shown
            options = safe_eval(node.get("options") or "{}", {"false": False, "true": True})
            if options.get("show_seconds") is not False and options.get("show_time") is not False:
                found.append(f"{model} {view_type}: {owner}.{name}")
    return found
