"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the
hotline's work orders: the order types and hotline categories as services,
the dispatched department as ``agency_responsible``, the handling time limit
as ``expected_datetime``.  JSON only.  Writing needs the API key of a base
integration (``api_key`` parameter, or the base's Bearer header); reading
needs one too unless the company opens it (Settings).  No personal data
(caller name, phone, e-mail) is ever returned."""

import json

from odoo import fields, http
from odoo.http import request

from ..rules.types import ORDER_TYPES, SECTOR

SERVICE_FIELDS = ("service_code", "service_name", "description", "metadata", "type", "keywords", "group")
REQUEST_FIELDS = (
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
)
MAX_REQUESTS = 1000
DEFAULT_DAYS = 90


def _iso(value):
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


class Open311Error(Exception):
    def __init__(self, status, code, description):
        super().__init__(description)
        self.status, self.code, self.description = status, code, description


class Open311Controller(http.Controller):
    def _respond(self, status, payload):
        return request.make_response(
            json.dumps(payload, ensure_ascii=False),
            headers=[("Content-Type", "application/json; charset=utf-8")],
            status=status,
        )

    def _error(self, error):
        return self._respond(error.status, [{"code": error.code, "description": error.description}])

    def _key(self, params):
        key = (params.get("api_key") or "").strip()
        authorization = request.httprequest.headers.get("Authorization", "")
        if not key and authorization[:7].lower() == "bearer ":
            key = authorization[7:].strip()
        return key

    def _integration(self, params, required):
        """The base integration of the key (its user becomes the caller), or
        None for a public read when the company allows it."""
        Throttle = request.env["complaint.intake.throttle"].sudo()
        client = Throttle._client_hash("api_auth", request.httprequest.remote_addr)
        failures, __ = Throttle._count("api_auth", client, 15)
        if failures >= 10:
            raise Open311Error(429, 429, request.env._("Too many wrong API keys; try again later."))
        key = self._key(params)
        if not key:
            company = request.env["res.company"].sudo().search([("hotline_open311_public", "=", True)], limit=1)
            if required or not company:
                raise Open311Error(403, 403, request.env._("An api_key is required."))
            return None, company
        integration = request.env["complaint.api.integration"].sudo()._find_by_key(key)
        if not integration:
            Throttle._hit("api_auth", client, 15)
            raise Open311Error(403, 403, request.env._("The API key is wrong or was revoked."))
        request.update_env(user=integration.user_id.id)
        request.update_context(allowed_company_ids=[integration.company_id.id])
        return integration.with_env(request.env), integration.company_id

    def _categories(self, company):
        root = request.env.ref("complaint_hotline.hotline_category_root", raise_if_not_found=False)
        if not root:
            return request.env["complaint.category"]
        return (
            request.env["complaint.category"]
            .sudo()
            .search([("id", "child_of", root.id), ("id", "!=", root.id), ("company_id", "in", [False, company.id])])
        )

    def _services(self, company):
        services = []
        for code, label in ORDER_TYPES:
            services.append(
                {
                    "service_code": code,
                    "service_name": request.env["complaint.complaint"]._translate_plugin_message(label),
                    "description": "",
                    "metadata": False,
                    "type": "realtime",
                    "keywords": "",
                    "group": "order_type",
                }
            )
        for category in self._categories(company):
            services.append(
                {
                    "service_code": category.code,
                    "service_name": category.name,
                    "description": category.complete_name if "complete_name" in category._fields else category.name,
                    "metadata": False,
                    "type": "realtime",
                    "keywords": "",
                    "group": category.parent_id.name or "",
                }
            )
        return services

    def _status(self, order):
        return (
            "closed"
            if order.hotline_state in ("closed", "merged") or order.state in ("closed", "cancelled")
            else "open"
        )

    def _request_dict(self, order):
        order = order.sudo()
        handle = order.clock_ids.filtered(lambda c: c.kind_id.code == "hotline_handle" and c.state != "cancelled")[:1]
        service_code = order.category_id.code or order.hotline_order_type
        service_name = order.category_id.name or dict(
            order._fields["hotline_order_type"]._description_selection(request.env)
        ).get(order.hotline_order_type)
        return {
            "service_request_id": order.name,
            "status": self._status(order),
            "status_notes": order.hotline_reply or "",
            "service_name": service_name or "",
            "service_code": service_code or "",
            "description": order.subject or "",
            "agency_responsible": order.hotline_department_id.name or "",
            "service_notice": "",
            "requested_datetime": _iso(order.date_received),
            "updated_datetime": _iso(order.write_date),
            "expected_datetime": _iso(handle.date_due),
            "address": order.hotline_address or "",
            "address_id": order.hotline_area_id.code or "",
            "zipcode": "",
            "lat": order.hotline_latitude if order.hotline_latitude or order.hotline_longitude else None,
            "long": order.hotline_longitude if order.hotline_latitude or order.hotline_longitude else None,
            "media_url": "",
        }

    def _orders_domain(self, company):
        return [("sector", "=", SECTOR), ("company_id", "=", company.id), ("hotline_state", "!=", False)]

    @http.route("/open311/v2/services.json", type="http", auth="public", methods=["GET"], csrf=False)
    def open311_services(self, **params):
        try:
            __, company = self._integration(params, required=False)
            return self._respond(200, self._services(company))
        except Open311Error as error:
            return self._error(error)

    @http.route("/open311/v2/services/<string:code>.json", type="http", auth="public", methods=["GET"], csrf=False)
    def open311_service_definition(self, code, **params):
        try:
            __, company = self._integration(params, required=False)
            if code not in {s["service_code"] for s in self._services(company)}:
                raise Open311Error(404, 404, request.env._("Unknown service code."))
            return self._respond(200, {"service_code": code, "attributes": []})
        except Open311Error as error:
            return self._error(error)

    @http.route("/open311/v2/requests.json", type="http", auth="public", methods=["GET", "POST"], csrf=False)
    def open311_requests(self, **params):
        try:
            if request.httprequest.method == "POST":
                return self._create(params)
            __, company = self._integration(params, required=False)
            domain = self._orders_domain(company)
            ids = [i.strip() for i in (params.get("service_request_id") or "").split(",") if i.strip()]
            if ids:
                domain.append(("name", "in", ids))
            else:
                start = self._date(params.get("start_date"))
                end = self._date(params.get("end_date"))
                if not start and not end:
                    start = fields.Datetime.subtract(fields.Datetime.now(), days=DEFAULT_DAYS)
                if start:
                    domain.append(("date_received", ">=", start))
                if end:
                    domain.append(("date_received", "<=", end))
                codes = [c.strip() for c in (params.get("service_code") or "").split(",") if c.strip()]
                if codes:
                    domain += ["|", ("category_id.code", "in", codes), ("hotline_order_type", "in", codes)]
                status = params.get("status")
                if status == "closed":
                    domain.append(("hotline_state", "in", ("closed", "merged")))
                elif status == "open":
                    domain.append(("hotline_state", "not in", ("closed", "merged")))
            orders = (
                request.env["complaint.complaint"].sudo().search(domain, limit=MAX_REQUESTS, order="date_received desc")
            )
            return self._respond(200, [self._request_dict(order) for order in orders])
        except Open311Error as error:
            return self._error(error)

    @http.route("/open311/v2/requests/<string:reference>.json", type="http", auth="public", methods=["GET"], csrf=False)
    def open311_request(self, reference, **params):
        try:
            __, company = self._integration(params, required=False)
            order = (
                request.env["complaint.complaint"]
                .sudo()
                .search([*self._orders_domain(company), ("name", "=", reference)], limit=1)
            )
            if not order:
                raise Open311Error(404, 404, request.env._("Unknown service request."))
            return self._respond(200, [self._request_dict(order)])
        except Open311Error as error:
            return self._error(error)

    def _date(self, value):
        if not value:
            return None
        try:
            parsed = fields.Datetime.to_datetime(value.replace("T", " ").replace("Z", "")[:19])
        except ValueError:
            raise Open311Error(400, 400, request.env._("Dates are in W3C format, e.g. 2026-03-02T10:00:00Z.")) from None
        return parsed

    def _coordinates(self, params):
        """(lat, long) as floats in range, (None, None) when not given;
        both or none (WGS84 decimal degrees, as GeoReport v2 says)."""
        raw = {key: (params.get(key) or "").strip() for key in ("lat", "long")}
        if not raw["lat"] and not raw["long"]:
            return None, None
        if not (raw["lat"] and raw["long"]):
            raise Open311Error(400, 400, request.env._("Give both lat and long, or neither."))
        try:
            latitude, longitude = float(raw["lat"]), float(raw["long"])
        except ValueError:
            raise Open311Error(400, 400, request.env._("lat and long are decimal degrees, e.g. 30.2741.")) from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude, longitude) == (0.0, 0.0):
            raise Open311Error(400, 400, request.env._("lat is between -90 and 90, long between -180 and 180 (WGS84)."))
        return latitude, longitude

    def _create(self, params):
        integration, company = self._integration(params, required=True)
        code = (params.get("service_code") or "").strip()
        if not code:
            raise Open311Error(400, 400, request.env._("service_code is required."))
        types = dict(ORDER_TYPES)
        values = {"hotline_order_type": code if code in types else "complaint"}
        if code in types:
            service_name = request.env["complaint.complaint"]._translate_plugin_message(types[code])
        else:
            category = self._categories(company).filtered(lambda c: c.code == code)[:1]
            if not category:
                raise Open311Error(404, 404, request.env._("Unknown service code."))
            values["category_id"] = category.id
            service_name = category.name
        description = (params.get("description") or "").strip()
        address = (params.get("address_string") or "").strip()
        latitude, longitude = self._coordinates(params)
        if not (address or latitude is not None):
            raise Open311Error(400, 400, request.env._("Give a location (lat/long or address_string)."))
        name = " ".join(filter(None, [params.get("last_name"), params.get("first_name")])).strip()
        values.update(
            {
                "subject": (description or address or f"{service_name} ({latitude}, {longitude})")[:200],
                "description": description,
                "hotline_address": address[:300] or False,
                "hotline_latitude": latitude or 0.0,
                "hotline_longitude": longitude or 0.0,
                "contact_name": name or False,
                "contact_phone": (params.get("phone") or "").strip() or False,
                "contact_email": (params.get("email") or "").strip() or False,
                "is_anonymous": not name,
                "api_integration_id": integration.id,
                "external_source": integration.code,
                "channel_id": integration.channel_id.id,
                "company_id": company.id,
            }
        )
        if integration.team_id:
            values["team_id"] = integration.team_id.id
        elif company.hotline_centre_team_id:
            values["team_id"] = company.hotline_centre_team_id.id
        Intake = request.env["complaint.intake"]
        problems = Intake._problems(values, sector=SECTOR)
        if problems:
            raise Open311Error(400, 400, " ".join(message for __, message in problems))
        order = Intake._create_complaints([values])
        return self._respond(200, [{"service_request_id": order.name, "service_notice": "", "account_id": None}])
