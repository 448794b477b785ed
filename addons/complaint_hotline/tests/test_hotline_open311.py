import json

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, tagged

from ..controllers.open311 import REQUEST_FIELDS, SERVICE_FIELDS
from .common import HotlineCase

# GeoReport v2 (wiki.open311.org/GeoReport_v2): the fields of a service and of a service request
SPEC_SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
SPEC_REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


@tagged("post_install", "-at_install")
class TestHotlineOpen311(HttpCase, HotlineCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.integration = cls.env["complaint.api.integration"].create(
            {"name": "市民App", "code": "citizen_app", "user_id": cls.agent.id, "team_id": cls.centre.id}
        )
        cls.key = cls.integration.action_issue_key()["context"]["default_key"]

    def _get(self, path, **params):
        response = self.url_open(path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""))
        return response.status_code, response.json()

    def test_field_lists_follow_the_spec(self):
        self.assertEqual(set(SERVICE_FIELDS), SPEC_SERVICE_FIELDS)
        self.assertEqual(set(REQUEST_FIELDS), SPEC_REQUEST_FIELDS)

    def test_services(self):
        status, body = self._get("/open311/v2/services.json")
        self.assertEqual(status, 403)
        status, body = self._get("/open311/v2/services.json", api_key=self.key)
        self.assertEqual(status, 200)
        self.assertEqual(set(body[0]), SPEC_SERVICE_FIELDS)
        codes = {s["service_code"] for s in body}
        self.assertTrue({"consult", "complaint", "HL-0101"} <= codes)
        status, body = self._get("/open311/v2/services/HL-0101.json", api_key=self.key)
        self.assertEqual((status, body["service_code"]), (200, "HL-0101"))
        status, __ = self._get("/open311/v2/services/NOPE.json", api_key=self.key)
        self.assertEqual(status, 404)

    @freeze_time("2026-03-02 02:00:00")
    def test_requests(self):
        response = self.url_open(
            "/open311/v2/requests.json",
            data={
                "api_key": self.key,
                "service_code": "HL-0101",
                "description": "学院路停水",
                "address_string": "学院路88号",
                "first_name": "伟",
                "last_name": "张",
                "phone": "13905711234",
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        reference = response.json()[0]["service_request_id"]
        order = self.env["complaint.complaint"].search([("name", "=", reference)])
        self.assertEqual(order.category_id, self.cat_water)
        self.assertEqual(order.hotline_state, "registered")
        self.assertEqual(order.api_integration_id, self.integration)
        order.with_user(self.dispatcher).action_hotline_dispatch()
        status, body = self._get(f"/open311/v2/requests/{reference}.json", api_key=self.key)
        self.assertEqual(status, 200)
        self.assertEqual(set(body[0]), SPEC_REQUEST_FIELDS)
        self.assertEqual(body[0]["agency_responsible"], self.water.name)
        self.assertEqual(body[0]["status"], "open")
        handle = order.clock_ids.filtered(lambda c: c.kind_id == self.kind_handle)
        self.assertEqual(body[0]["expected_datetime"], handle.date_due.isoformat() + "Z")
        self.assertNotIn("13905711234", json.dumps(body, ensure_ascii=False))
        status, body = self._get("/open311/v2/requests.json", api_key=self.key, service_code="HL-0101", status="open")
        self.assertIn(reference, [r["service_request_id"] for r in body])
        status, body = self._get("/open311/v2/requests.json", api_key=self.key, status="closed")
        self.assertNotIn(reference, [r["service_request_id"] for r in body])
        status, body = self._get("/open311/v2/requests.json", api_key=self.key, service_request_id=reference)
        self.assertEqual([r["service_request_id"] for r in body], [reference])
        # a wrong key, a missing service code
        response = self.url_open("/open311/v2/requests.json", data={"api_key": "cpk_wrong", "service_code": "x"})
        self.assertEqual(response.status_code, 403)
        response = self.url_open("/open311/v2/requests.json", data={"api_key": self.key, "description": "x"})
        self.assertEqual(response.status_code, 400)
        # public reading when the company opens it
        self.company.hotline_open311_public = True
        status, body = self._get(f"/open311/v2/requests/{reference}.json")
        self.assertEqual(status, 200)

    @freeze_time("2026-03-02 02:00:00")
    def test_requests_keep_their_coordinates(self):
        """lat/long are stored on the order and returned as numbers; out of
        range, unreadable or half-given coordinates are refused (400)."""
        response = self.url_open(
            "/open311/v2/requests.json",
            data={"api_key": self.key, "service_code": "HL-0101", "lat": "30.2867", "long": "120.1301"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        reference = response.json()[0]["service_request_id"]
        order = self.env["complaint.complaint"].search([("name", "=", reference)])
        self.assertAlmostEqual(order.hotline_latitude, 30.2867, places=6)
        self.assertAlmostEqual(order.hotline_longitude, 120.1301, places=6)
        status, body = self._get(f"/open311/v2/requests/{reference}.json", api_key=self.key)
        self.assertEqual(status, 200)
        self.assertEqual((body[0]["lat"], body[0]["long"]), (30.2867, 120.1301))
        # an order without coordinates answers null, not 0
        plain = self._order()
        status, body = self._get(f"/open311/v2/requests/{plain.name}.json", api_key=self.key)
        self.assertEqual((body[0]["lat"], body[0]["long"]), (None, None))
        for lat, long in (("91", "120"), ("30", "-180.5"), ("北纬30", "120"), ("30.1", ""), ("nan", "120")):
            count = self.env["complaint.complaint"].search_count([])
            response = self.url_open(
                "/open311/v2/requests.json",
                data={"api_key": self.key, "service_code": "HL-0101", "lat": lat, "long": long, "description": "x"},
            )
            self.assertEqual(response.status_code, 400, (lat, long, response.text))
            self.assertIn("description", response.json()[0])
            self.assertEqual(self.env["complaint.complaint"].search_count([]), count)

    def test_coordinates_are_checked_on_the_order(self):
        with self.assertRaises(ValidationError):
            self._order(hotline_latitude=95.0)
        with self.assertRaises(ValidationError):
            self._order(hotline_longitude=-181.0)
        order = self._order(hotline_latitude=-33.8688, hotline_longitude=151.2093)
        self.assertEqual(order.hotline_longitude, 151.2093)
