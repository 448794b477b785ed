"""The portal surface of the complaint suite, listed and proved (docs/security.md).

Every route a controller of a complaint addon adds, and every field of a
complaint a portal user may read, is listed here.  A new route or a new portal
field fails these tests until it is listed here and in docs/security.md."""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..models.complaint_complaint import PORTAL_READABLE_FIELDS

# {addon: {(url, auth, methods): who reaches it and what guards it}}; every
# route with auth "user" is reachable by portal users, "public" by anyone
PORTAL_ROUTES = {
    "complaint_base": {
        ("/my/complaints", "user", None): "complainant: the complaints the record rules let them read",
        ("/my/complaints/page/<int:page>", "user", None): "the same, paged",
        ("/my/complaints/<int:complaint_id>", "public", None): "complainant or access token "
        "(_document_check_access before sudo); 404 otherwise",
        ("/my/complaints/<int:complaint_id>/rate", "public", ("POST",)): "complainant or token, CSRF; "
        "resolved or closed complaints only",
        ("/my/complaints/<int:complaint_id>/appeal", "public", ("POST",)): "complainant or token, CSRF; "
        "resolved or closed complaints only",
        ("/complaint/new", "public", ("GET",)): "anyone: the empty web form (signed stamp)",
        ("/complaint/new", "public", ("POST",)): "anyone: CSRF, signed stamp that expires, honeypot, consent, "
        "throttle counters, attachment limits",
        ("/api/complaint/v1/complaints", "public", ("POST",)): "external systems: Bearer API key (hashed), "
        "acts as the integration's user",
        ("/api/complaint/v1/complaints/<string:reference>", "public", ("GET",)): "external systems: API key; "
        "their own complaints only",
        ("/api/complaint/v1/complaints/<string:reference>/messages", "public", ("POST",)): "external systems: "
        "API key; their own complaints only",
        ("/rate/<string:token>/<int:rate>", "public", None): "rating link of the e-mail (token): a GET "
        "records nothing that reopens or reassigns",
        ("/mail/attachment/upload", "public", ("POST",)): "mail's chatter upload (its access check): a portal "
        "or public user's file on a complaint passes the intake's upload check (size, type)",
    },
    "complaint_courier": {
        ("/my/outlet/complaints", "user", None): "outlet manager: the complaints of their outlet",
        ("/my/outlet/complaints/page/<int:page>", "user", None): "the same, paged",
        ("/my/outlet/complaints/<int:complaint_id>", "user", None): "outlet manager of the complaint's outlet "
        "(_document_check_access, then the outlet); 404 otherwise",
        ("/my/outlet/complaints/<int:complaint_id>/answer", "user", ("POST",)): "the same, CSRF; open complaints only",
        ("/my/outlet/complaints/<int:complaint_id>/apology", "user", ("POST",)): "the same, CSRF; open complaints only",
        ("/my/outlet/fines", "user", None): "outlet manager: the fines of their outlet",
        ("/my/outlet/fines/page/<int:page>", "user", None): "the same, paged",
        (
            "/my/outlet/fines/<int:penalty_id>",
            "user",
            None,
        ): "outlet manager: one fine of their outlet, with its appeal form",
        ("/my/outlet/fines/<int:penalty_id>/appeal", "user", ("POST",)): "outlet manager of the fine's outlet, CSRF",
    },
    "complaint_automotive": {
        ("/api/complaint/v1/automotive/survey-scores", "public", ("POST",)): "the manufacturer's system: the "
        "base's API key, acts as the integration's user, who must be in customer care (callbacks)",
    },
    "complaint_employee": {
        ("/grievance/report", "public", ("GET",)): "anyone: the empty anonymous report form",
        ("/grievance/report", "public", ("POST",)): "anyone: CSRF, upload check; written by the grievance intake "
        "user, day only, receipt code and secret shown once (scrypt hashes kept)",
        ("/grievance/follow-up", "public", ("GET",)): "anyone: the code + secret form",
        ("/grievance/follow-up", "public", ("POST",)): "receipt code + secret in the body (one answer for any "
        "mismatch, growing delays, no address kept), CSRF; no-store, no-referrer",
    },
    "complaint_hotline": {
        ("/open311/v2/services.json", "public", ("GET",)): "Open311 service list: a base API key, or none when "
        "the company opens reading (no personal data)",
        ("/open311/v2/services/<string:code>.json", "public", ("GET",)): "Open311 service definition, as above",
        ("/open311/v2/requests.json", "public", ("GET", "POST")): "Open311 requests: POST needs a base API key "
        "and acts as the integration's user; GET as the service list, without caller data",
        ("/open311/v2/requests/<string:reference>.json", "public", ("GET",)): "one Open311 request, as above",
        ("/my/hotline/orders", "user", None): "an outside unit's portal account: the orders of its departments",
        ("/my/hotline/orders/page/<int:page>", "user", None): "the same, paged",
        ("/my/hotline/orders/<int:order_id>", "user", None): "read check, then dispatched to one of the user's "
        "departments; 404 otherwise",
        ("/my/hotline/orders/<int:order_id>/sign", "user", ("POST",)): "the same, CSRF; the order's method checks "
        "the lead department, the state and the clocks",
        ("/my/hotline/orders/<int:order_id>/return", "user", ("POST",)): "the same, CSRF, with a reason",
        ("/my/hotline/orders/<int:order_id>/reply", "user", ("POST",)): "the same, CSRF, with the reply",
    },
}

# {addon: fields of complaint.complaint a portal user may read}
PORTAL_FIELDS = {
    "complaint_base": {
        "id",
        "display_name",
        "name",
        "subject",
        "description",
        "customer_demand",
        "active",
        "company_id",
        "currency_id",
        "date_received",
        "channel_id",
        "category_id",
        "sector",
        "priority",
        "stage_id",
        "state",
        "date_closed",
        "date_next_due",
        "access_url",
        "access_warning",
        "create_date",
        "write_date",
    },
    "complaint_courier": {
        "courier_waybill",
        "courier_outlet_id",
        "courier_rule_id",
        "courier_outlet_answer",
        "courier_date_outlet_answer",
    },
}

# never readable by a portal user, whatever a sector adds (issue 9)
NEVER_PORTAL_FIELDS = {
    "investigation",
    "validity",
    "validity_reason",
    "root_cause",
    "corrective_action",
    "preventive_action",
    "supervision_reason",
    "is_supervised",
    "respondent_user_id",
    "respondent_partner_id",
    "user_id",
    "team_id",
    "contact_name",
    "contact_phone",
    "contact_email",
    "partner_id",
    "access_token",
    "clock_ids",
    "penalty_ids",
    "party_ids",
    "message_ids",
    "courier_evidence_surname",
    "courier_evidence_employee_code",
    "courier_evidence_landline",
    "courier_evidence_note",
    "courier_staff_id",
    "courier_sender_phone",
    "courier_recipient_phone",
}


def complaint_routes(env):
    """{(url, auth, methods): addon} of the routes whose method a controller of
    a complaint addon defines or overrides."""
    routes = {}
    for rule in env["ir.http"].routing_map().iter_rules():
        endpoint = rule.endpoint
        func = getattr(endpoint, "func", None)
        controller = getattr(func, "__self__", None)
        if controller is None:
            continue
        name = func.__name__
        addons = {
            cls.__module__.split(".")[2]
            for cls in type(controller).mro()
            if name in cls.__dict__ and cls.__module__.startswith("odoo.addons.complaint_")
        }
        if not addons:
            continue
        methods = endpoint.routing.get("methods")
        key = (rule.rule, endpoint.routing["auth"], tuple(sorted(methods)) if methods else None)
        routes[key] = ", ".join(sorted(addons))
    return routes


@tagged("post_install", "-at_install")
class TestComplaintPortalSurface(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, mail_create_nosubscribe=True))
        cls.installed = set(cls.env["complaint.complaint"]._installed_complaint_addons())
        cls.portal = new_test_user(cls.env, login="cb_surface_portal", name="门户 王", groups="base.group_portal")
        cls.handler = new_test_user(
            cls.env,
            login="cb_surface_handler",
            name="Handler",
            groups="base.group_user,complaint_base.group_complaint_manager",
        )
        cls.complaint = cls.env["complaint.complaint"].create(
            {
                "subject": "维修后异响",
                "description": "<p>第三次维修后仍有异响</p>",
                "partner_id": cls.portal.partner_id.id,
                "contact_phone": "13812340001",
                "investigation": "<p>内部调查：技师操作不当</p>",
                "validity_reason": "内部判定理由",
                "root_cause": "培训不足",
                "supervision_reason": "总经理督办",
                "respondent_user_id": cls.handler.id,
            }
        )
        cls.expected_fields = set().union(*(PORTAL_FIELDS.get(addon, set()) for addon in cls.installed))

    # --- the lists ----------------------------------------------------------
    def test_routes_are_listed(self):
        expected = {key: addon for addon, routes in PORTAL_ROUTES.items() if addon in self.installed for key in routes}
        actual = complaint_routes(self.env)
        self.assertEqual(
            set(actual),
            set(expected),
            "A complaint route was added or removed: list it in PORTAL_ROUTES and docs/security.md",
        )
        self.assertTrue(all(actual[key] == expected[key] for key in expected))

    def test_readable_fields_are_listed(self):
        Complaint = self.env["complaint.complaint"]
        self.assertEqual(set(Complaint._portal_readable_fields()), self.expected_fields)
        self.assertEqual(set(PORTAL_READABLE_FIELDS), PORTAL_FIELDS["complaint_base"])
        self.assertFalse(self.expected_fields & NEVER_PORTAL_FIELDS)
        self.assertFalse(self.expected_fields - set(Complaint._fields), "a listed field does not exist")

    # --- the ORM, as the portal user -------------------------------------------
    def test_portal_reads_the_listed_fields_only(self):
        mine = self.complaint.with_user(self.portal)
        for name in sorted(self.expected_fields):
            mine.read([name])
        for name in sorted(set(mine._fields) - self.expected_fields):
            with self.subTest(field=name), self.assertRaises(AccessError):
                mine.read([name])
        self.assertEqual(mine.read(["subject"])[0]["subject"], "维修后异响")
        # read() without fields, fields_get and web_read show only the portal fields
        self.assertLessEqual(set(mine.read()[0]), self.expected_fields)
        self.assertLessEqual(set(mine.fields_get()), self.expected_fields)
        self.assertEqual(mine.web_read({"name": {}, "subject": {}})[0]["subject"], "维修后异响")
        with self.assertRaises(AccessError):
            mine.web_read({"subject": {}, "investigation": {}})
        # the attribute access of server code running as the portal user
        mine.invalidate_recordset()
        self.assertEqual(mine.subject, "维修后异响")
        with self.assertRaises(AccessError):
            mine.investigation  # noqa: B018
        # the internal users are not concerned
        self.assertIn("技师", self.complaint.with_user(self.handler).investigation)

    def test_portal_search_read_read_group_and_domains(self):
        Complaint = self.env["complaint.complaint"].with_user(self.portal)
        rows = Complaint.search_read([("id", "=", self.complaint.id)], ["name", "subject"])
        self.assertEqual(rows[0]["subject"], "维修后异响")
        self.assertLessEqual(set(Complaint.search_read([("id", "=", self.complaint.id)])[0]), self.expected_fields)
        with self.assertRaises(AccessError):
            Complaint.search_read([("id", "=", self.complaint.id)], ["name", "root_cause"])
        # forbidden fields are no oracle either: not in a domain, an order or a group
        with self.assertRaises(AccessError):
            Complaint.search([("contact_phone", "=", "13812340001")])
        with self.assertRaises(AccessError):
            Complaint.search([("investigation", "ilike", "技师")])
        with self.assertRaises(AccessError):
            Complaint.search([], order="respondent_user_id")
        with self.assertRaises(AccessError):
            Complaint.read_group([], ["validity"], ["validity"])
        self.assertEqual(Complaint.search([]), self.complaint)

    # --- JSON-RPC, as an attacker would ----------------------------------------
    def _call_kw(self, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/complaint.complaint/{method}",
            {"model": "complaint.complaint", "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_json_rpc_read(self):
        self.authenticate("cb_surface_portal", "cb_surface_portal")
        result = self._call_kw("read", [[self.complaint.id], ["name", "subject", "state"]])
        self.assertEqual(result[0]["subject"], "维修后异响")
        for forbidden in ("investigation", "validity_reason", "root_cause", "supervision_reason", "contact_phone"):
            with self.subTest(field=forbidden), mute_logger("odoo.http"):
                with self.assertRaises(JsonRpcException) as caught:
                    self._call_kw("read", [[self.complaint.id], ["name", forbidden]])
                self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self._call_kw("search_read", [[]], {"fields": ["respondent_user_id"]})
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        rows = self._call_kw("search_read", [[]], {"fields": ["name", "subject"]})
        self.assertEqual([row["id"] for row in rows], self.complaint.ids)
        # without fields, only the portal ones come back
        rows = self._call_kw("search_read", [[]])
        self.assertLessEqual(set(rows[0]), self.expected_fields)
        self.assertNotIn("内部", str(rows))

    # --- the pages still work (they read as superuser after the access check) ---
    def test_portal_pages(self):
        self.authenticate("cb_surface_portal", "cb_surface_portal")
        listing = self.url_open("/my/complaints")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(f'href="/my/complaints/{self.complaint.id}"', listing.text)
        page = self.url_open(f"/my/complaints/{self.complaint.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("第三次维修后仍有异响", page.text)
        for internal in ("技师操作不当", "内部判定理由", "培训不足", "总经理督办"):
            self.assertNotIn(internal, page.text)
