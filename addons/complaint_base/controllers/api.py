"""JSON API for external systems (manufacturer, head office, hotline platform).

Every call authenticates with the key of one integration and then runs as
that integration's user, with that user's access rights.  Writes take an
``Idempotency-Key`` header: a retried call returns the first answer and
changes nothing; the same key with another body is refused.  Errors are
JSON objects ``{"error": {"code", "message", "fields": [{"field", "message"}]}}``
whose messages follow ``Accept-Language``.  An address that sends too many
wrong keys within a window is answered 429 with ``Retry-After`` until the
window ends (counters in ``complaint.intake.throttle``, keyed by a hash of the
address).  The contract is in ``docs/openapi.json``.
"""

import base64
import binascii
import hashlib
import json
import logging
from datetime import datetime, timezone

import psycopg2
import pytz

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import html2plaintext, plaintext2html

from .intake import MAX_FILES

_logger = logging.getLogger(__name__)

API_ROOT = "/api/complaint/v1"
MAX_BODY = 8 * 1024 * 1024
MAX_IDEMPOTENCY_KEY = 128
SEVERITIES = ("general", "major", "critical")
# name in the API -> (field of the complaint, maximum length)
TEXT_FIELDS = {
    "subject": ("subject", 200),
    "description": ("description", 20000),
    "customer_demand": ("customer_demand", 5000),
    "respondent": ("respondent_description", 200),
    "external_ref": ("external_ref", 100),
}
COMPLAINANT_FIELDS = {"name": ("contact_name", 200), "phone": ("contact_phone", 40), "email": ("contact_email", 200)}
CREATE_KEYS = set(TEXT_FIELDS) | {
    "complainant",
    "is_anonymous",
    "category",
    "channel",
    "severity",
    "date_received",
    "attachments",
}
# a sector's declared intake fields (complaint.complaint._complaint_intake_fields)
# are accepted too, at the top level under their "api_key"; the names of the
# fields a problem is reported on come from the same declarations


class ApiError(Exception):
    """An answer other than success: status, machine code, message, field errors."""

    def __init__(self, status, code, message, field_errors=None, headers=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field_errors = field_errors or []
        self.headers = headers or []

    def payload(self):
        error = {"code": self.code, "message": self.message}
        if self.field_errors:
            error["fields"] = [{"field": name, "message": message} for name, message in self.field_errors]
        return {"error": error}


class ComplaintApi(http.Controller):
    # --- plumbing -----------------------------------------------------------
    def _respond(self, status, payload, headers=()):
        body = json.dumps(payload, ensure_ascii=False, default=str)
        return request.make_response(
            body,
            headers=[("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store"), *headers],
            status=status,
        )

    def _set_language(self):
        """Answer in the first installed language of ``Accept-Language``."""
        installed = {code for code, __ in request.env["res.lang"].get_installed()}
        for accepted in request.httprequest.accept_languages.values():
            code = accepted.replace("-", "_")
            candidates = [code, *(c for c in installed if c.split("_")[0] == code.split("_")[0])]
            for candidate in candidates:
                if candidate in installed:
                    request.update_context(lang=candidate)
                    return
        if request.env.user.lang in installed:
            request.update_context(lang=request.env.user.lang)

    def _auth_limits(self):
        """(refused keys allowed per window, window in minutes) from the Settings."""
        get = request.env["ir.config_parameter"].sudo().get_param
        try:
            limit, minutes = (
                int(get("complaint_base.api_auth_failure_limit", "10")),
                int(get("complaint_base.api_auth_window_minutes", "15")),
            )
        except ValueError:
            limit, minutes = 10, 15
        return max(limit, 1), max(minutes, 1)

    def _authenticate(self):
        self._set_language()
        headers = request.httprequest.headers
        authorization = headers.get("Authorization", "")
        if authorization[:7].lower() == "bearer ":
            key = authorization[7:].strip()
        else:
            key = headers.get("X-Api-Key", "").strip()
        challenge = [("WWW-Authenticate", 'Bearer realm="complaints"')]
        # an address that keeps sending wrong keys is paused, whatever it sends now:
        # otherwise the pause would still tell a guessed key from a wrong one
        Throttle = request.env["complaint.intake.throttle"].sudo()
        client = Throttle._client_hash("api_auth", request.httprequest.remote_addr)
        limit, minutes = self._auth_limits()
        failures, retry_after = Throttle._count("api_auth", client, minutes)
        if failures >= limit:
            raise ApiError(
                429,
                "too_many_requests",
                request.env._(
                    "Too many calls with a wrong API key came from this address; try again in %(seconds)s seconds.",
                    seconds=retry_after,
                ),
                headers=[("Retry-After", str(retry_after))],
            )
        if not key:
            raise ApiError(
                401,
                "unauthorized",
                request.env._("Send the integration's API key as 'Authorization: Bearer <key>'."),
                headers=challenge,
            )
        # the key is checked before any right exists: the lookup is the boundary
        integration = request.env["complaint.api.integration"].sudo()._find_by_key(key)
        if not integration:
            Throttle._hit("api_auth", client, minutes)
            raise ApiError(
                401, "unauthorized", request.env._("The API key is wrong or was revoked."), headers=challenge
            )
        request.update_env(user=integration.user_id.id)
        request.update_context(
            allowed_company_ids=[integration.company_id.id], tz=integration.user_id.tz or "Asia/Shanghai"
        )
        self._set_language()
        return integration.with_env(request.env)

    def _read_json(self):
        httprequest = request.httprequest
        if httprequest.mimetype != "application/json":
            raise ApiError(415, "unsupported_media_type", request.env._("Send the body as application/json."))
        if (httprequest.content_length or 0) > MAX_BODY:
            raise ApiError(
                413, "payload_too_large", request.env._("The body is larger than %s MB.", MAX_BODY // 1024 // 1024)
            )
        raw = httprequest.get_data(cache=True)
        if len(raw) > MAX_BODY:
            raise ApiError(
                413, "payload_too_large", request.env._("The body is larger than %s MB.", MAX_BODY // 1024 // 1024)
            )
        try:
            payload = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ApiError(400, "malformed_json", request.env._("The body is not UTF-8 text.")) from None
        except json.JSONDecodeError as error:
            raise ApiError(
                400,
                "malformed_json",
                request.env._(
                    "The body is not valid JSON: %(problem)s at line %(line)s, column %(column)s.",
                    problem=error.msg,
                    line=error.lineno,
                    column=error.colno,
                ),
            ) from None
        if not isinstance(payload, dict):
            raise ApiError(400, "malformed_json", request.env._("The body must be a JSON object."))
        return payload

    def _idempotency_key(self):
        key = request.httprequest.headers.get("Idempotency-Key", "").strip()
        if key and (len(key) > MAX_IDEMPOTENCY_KEY or not key.isprintable()):
            raise ApiError(
                400,
                "invalid_idempotency_key",
                request.env._("The Idempotency-Key header holds at most %s printable characters.", MAX_IDEMPOTENCY_KEY),
            )
        return key

    def _handle(self, work, *, write=False):
        """Run ``work(integration, payload)`` as one all-or-nothing call.

        ``work`` returns ``(status, payload, complaint_id)``.  Nothing it
        wrote stays when it fails; a successful write made with an
        idempotency key is remembered with its answer."""
        try:
            integration = self._authenticate()
            payload = self._read_json() if write else None
            key = self._idempotency_key() if write else ""
            with request.env.cr.savepoint():
                if key:
                    fingerprint = hashlib.sha256(
                        json.dumps(
                            [request.httprequest.method, request.httprequest.path, payload],
                            sort_keys=True,
                            ensure_ascii=False,
                            separators=(",", ":"),
                        ).encode()
                    ).hexdigest()
                    Requests = request.env["complaint.api.request"].sudo()
                    request_id, first = Requests._claim(integration, key, fingerprint)
                    if first is not None:
                        stored_hash, stored_status, stored_response = first
                        if stored_hash != fingerprint:
                            raise ApiError(
                                422,
                                "idempotency_key_reused",
                                request.env._(
                                    "This Idempotency-Key was already used for another request; "
                                    "use a new key for a new request."
                                ),
                            )
                        return self._respond(
                            stored_status, json.loads(stored_response), [("Idempotent-Replayed", "true")]
                        )
                status, answer, complaint_id = work(integration, payload)
                if key:
                    Requests._record_answer(request_id, status, answer, complaint_id)
            return self._respond(status, answer)
        except ApiError as error:
            return self._respond(error.status, error.payload(), error.headers)
        except AccessError as error:
            return self._respond(403, {"error": {"code": "forbidden", "message": str(error.args[0])}})
        except (ValidationError, UserError) as error:
            return self._respond(422, {"error": {"code": "validation_error", "message": str(error.args[0])}})
        except psycopg2.errors.UniqueViolation:
            # a concurrent call registered the same external reference first
            return self._respond(
                409,
                {
                    "error": {
                        "code": "conflict",
                        "message": request.env._("Another call registered the same complaint at the same moment."),
                    }
                },
            )

    # --- reading and checking ------------------------------------------------
    def _find_complaint(self, integration, reference):
        """A complaint this integration sent, by reference or external reference."""
        Complaint = request.env["complaint.complaint"].with_context(active_test=False)
        complaint = Complaint.search(
            [
                ("api_integration_id", "=", integration.id),
                "|",
                ("name", "=", reference),
                ("external_ref", "=", reference),
            ],
            limit=1,
        )
        if not complaint:
            raise ApiError(
                404, "not_found", request.env._("No complaint %s was received from this integration.", reference)
            )
        return complaint

    def _text(self, payload, name, limit, errors, field_label=None):
        value = payload.get(name)
        if value is None:
            return None
        label = field_label or name
        if not isinstance(value, str):
            errors.append((label, request.env._("Give text.")))
            return None
        value = value.strip()
        if len(value) > limit:
            errors.append((label, request.env._("At most %s characters.", limit)))
            return None
        return value

    def _lookup(self, model, code, label, errors):
        if code is None:
            return None
        if not isinstance(code, str) or not code.strip():
            errors.append((label, request.env._("Give the code as text.")))
            return None
        record = request.env[model].search([("code", "=", code.strip())], limit=1)
        if not record:
            errors.append((label, request.env._("Unknown code %s.", code.strip())))
        return record

    def _parse_datetime(self, value, errors):
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None:
            errors.append(
                ("date_received", request.env._("Give an ISO 8601 date and time, e.g. 2026-11-23T09:30:00+08:00."))
            )
            return None
        if moment.tzinfo is None:
            moment = pytz.timezone(request.env.context.get("tz") or "UTC").localize(moment)
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
        if moment > fields.Datetime.now():
            errors.append(("date_received", request.env._("A complaint cannot be received in the future.")))
            return None
        return moment

    def _parse_attachments(self, value, errors):
        if value is None:
            return []
        if not isinstance(value, list):
            errors.append(("attachments", request.env._("Give a list of files.")))
            return []
        if len(value) > MAX_FILES:
            errors.append(("attachments", request.env._("Send at most %s files.", MAX_FILES)))
            return []
        files, labels = [], []
        for index, item in enumerate(value):
            label = f"attachments[{index}]"
            if not isinstance(item, dict) or not isinstance(item.get("filename"), str) or not item["filename"].strip():
                errors.append((label, request.env._("Give each file as {filename, content} with base64 content.")))
                continue
            try:
                data = base64.b64decode(item.get("content") or "", validate=True)
            except (binascii.Error, TypeError, ValueError):
                errors.append((label, request.env._("The content is not valid base64.")))
                continue
            files.append((item["filename"].strip()[:200], data))
            labels.append(label)
        problems = request.env["complaint.intake"]._check_uploads(files)
        for index, message in problems:
            errors.append((labels[index] if index is not None else "attachments", message))
        return [] if problems else files

    def _complaint_values(self, integration, payload):
        """Check a create payload; return the complaint values and the files."""
        Intake = request.env["complaint.intake"]
        declared = {decl["api_key"] for decl in Intake._offered("api", sector_only=True)}
        errors = [
            (name, request.env._("Unknown field."))
            for name in sorted(payload)
            if name not in CREATE_KEYS and name not in declared
        ]
        vals, problems = Intake._read_declared("api", payload, integration.company_id, strict=True)
        errors += [(decl["api_key"], message) for decl, message in problems]
        for name, (field_name, limit) in TEXT_FIELDS.items():
            value = self._text(payload, name, limit, errors)
            if value:
                vals[field_name] = value
        if "subject" not in vals and not any(name == "subject" for name, __ in errors):
            errors.append(("subject", request.env._("A complaint needs a subject.")))
        complainant = payload.get("complainant")
        if complainant is not None and not isinstance(complainant, dict):
            errors.append(("complainant", request.env._("Give an object with name, phone and email.")))
            complainant = None
        for name in sorted(complainant or {}):
            if name not in COMPLAINANT_FIELDS:
                errors.append((f"complainant.{name}", request.env._("Unknown field.")))
        for name, (field_name, limit) in COMPLAINANT_FIELDS.items():
            value = self._text(complainant or {}, name, limit, errors, f"complainant.{name}")
            if value:
                vals[field_name] = value
        anonymous = payload.get("is_anonymous", False)
        if not isinstance(anonymous, bool):
            errors.append(("is_anonymous", request.env._("Give true or false.")))
        vals["is_anonymous"] = anonymous is True
        severity = payload.get("severity")
        if severity is not None:
            if severity not in SEVERITIES:
                errors.append(("severity", request.env._("The severity is not one of general, major or critical.")))
            else:
                vals["severity"] = severity
        category = self._lookup("complaint.category", payload.get("category"), "category", errors)
        channel = self._lookup("complaint.channel", payload.get("channel"), "channel", errors)
        vals["category_id"] = category.id if category else False
        vals["channel_id"] = channel.id if channel else integration.channel_id.id
        if integration.team_id:
            vals["team_id"] = integration.team_id.id
        received = self._parse_datetime(payload.get("date_received"), errors)
        if received:
            vals["date_received"] = received
        files = self._parse_attachments(payload.get("attachments"), errors)
        if "description" in vals:
            vals["description"] = Intake._clean_html(vals["description"], is_html=False)[0]
        # the rules every channel obeys, reported field by field
        Complaint = request.env["complaint.complaint"]
        problems = Intake._problems(vals, sector=integration.team_id.sector or False)
        names = Intake._problem_keys("api_key")
        known = {name for name, __ in errors}
        for field_name, message in problems:
            name = names.get(field_name, field_name)
            if name not in known:
                errors.append((name, message))
        if vals.get("external_ref"):
            duplicate = (
                Complaint.sudo()
                .with_context(active_test=False)
                .search_count(
                    [
                        ("company_id", "=", integration.company_id.id),
                        ("external_source", "=", integration.code),
                        ("external_ref", "=", vals["external_ref"]),
                    ],
                    limit=1,
                )
            )
            if duplicate:
                errors.append(
                    ("external_ref", request.env._("A complaint with this external reference was already received."))
                )
        if errors:
            raise ApiError(
                422, "validation_error", request.env._("The complaint was not registered; see the fields."), errors
            )
        vals.update(
            api_integration_id=integration.id,
            external_source=integration.code,
            company_id=integration.company_id.id,
        )
        return vals, files

    def _status(self, complaint):
        messages = request.env["mail.message"].search(
            [
                ("model", "=", complaint._name),
                ("res_id", "=", complaint.id),
                ("message_type", "in", ("comment", "email")),
                ("subtype_id.internal", "=", False),
            ],
            order="id",
        )
        return {
            "reference": complaint.name,
            "external_ref": complaint.external_ref or None,
            "subject": complaint.subject,
            "state": complaint.state,
            "stage": complaint.stage_id.name,
            "severity": complaint.severity,
            "date_received": complaint.date_received,
            "date_next_due": complaint.date_next_due or None,
            "is_overdue": complaint.is_overdue,
            "date_closed": complaint.date_closed or None,
            "tracking_url": complaint.get_base_url() + complaint.get_portal_url(),
            "messages": [
                {
                    "date": message.date,
                    "author": message.author_id.name or message.email_from or "",
                    "body": html2plaintext(message.body or ""),
                }
                for message in messages
            ],
        }

    def _attach(self, complaint, files):
        if not files:
            return request.env["ir.attachment"]
        # the files are checked above; attaching them needs write access to the complaint
        return request.env["ir.attachment"].create(
            [
                {
                    "name": name,
                    "raw": data,
                    "res_model": complaint._name,
                    "res_id": complaint.id,
                    "company_id": complaint.company_id.id,
                }
                for name, data in files
            ]
        )

    # --- routes -------------------------------------------------------------
    @http.route(f"{API_ROOT}/complaints", type="http", auth="public", methods=["POST"], csrf=False, save_session=False)
    def api_create_complaint(self, **kw):
        def work(integration, payload):
            vals, files = self._complaint_values(integration, payload)
            complaint = request.env["complaint.intake"]._create_complaints([vals])
            self._attach(complaint, files)
            return 201, self._status(complaint), complaint.id

        return self._handle(work, write=True)

    @http.route(
        f"{API_ROOT}/complaints/<string:reference>",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
    )
    def api_read_complaint(self, reference, **kw):
        def work(integration, payload):
            complaint = self._find_complaint(integration, reference)
            return 200, self._status(complaint), complaint.id

        return self._handle(work)

    @http.route(
        f"{API_ROOT}/complaints/<string:reference>/messages",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_add_message(self, reference, **kw):
        def work(integration, payload):
            complaint = self._find_complaint(integration, reference)
            errors = [
                (name, request.env._("Unknown field."))
                for name in sorted(payload)
                if name not in ("body", "attachments")
            ]
            body = self._text(payload, "body", 20000, errors)
            if not body and not any(name == "body" for name, __ in errors):
                errors.append(("body", request.env._("Write the message.")))
            files = self._parse_attachments(payload.get("attachments"), errors)
            if errors:
                raise ApiError(
                    422, "validation_error", request.env._("The message was not added; see the fields."), errors
                )
            if complaint.state in ("closed", "cancelled"):
                raise ApiError(
                    409,
                    "complaint_closed",
                    request.env._("Complaint %s is closed: appeal through the tracking page instead.", complaint.name),
                )
            attachments = self._attach(complaint, files)
            message = complaint.message_post(
                body=plaintext2html(body),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                attachment_ids=attachments.ids,
            )
            return 201, {"reference": complaint.name, "message_id": message.id}, complaint.id

        return self._handle(work, write=True)
