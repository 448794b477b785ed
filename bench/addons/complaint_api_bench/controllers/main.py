from odoo import http
from odoo.addons.complaint_base.controllers.api import API_ROOT, ApiError, ComplaintApi
from odoo.http import request


class ComplaintApiBench(ComplaintApi):
    """Same authentication, JSON parsing, idempotency claim and answer as
    POST /complaints; only the record created differs."""

    @http.route(
        f"{API_ROOT}/bench-records", type="http", auth="public", methods=["POST"], csrf=False, save_session=False
    )
    def api_create_bench_record(self, **kw):
        def work(integration, payload):
            name = payload.get("subject")
            if not isinstance(name, str) or not name.strip():
                raise ApiError(422, "validation_error", "subject", [("subject", "required")])
            record = request.env["complaint.bench.record"].create({"name": name.strip()[:200]})
            return 201, {"id": record.id, "name": record.name}, None

        return self._handle(work, write=True)
