"""The manufacturer's survey scores through the base JSON API.

``POST /api/complaint/v1/automotive/survey-scores`` with ``{"scores": [...]}``
records a batch of scores all-or-nothing, with the base's API key
authentication, idempotency keys, error format and languages; the
integration's user needs the customer-care (callback) group.  Each score:
``vin``, ``customer``, ``phone``, ``visit_date``, ``survey_date``
(YYYY-MM-DD), ``question``, ``score`` (0–10), ``comment``, ``kind``
(sales/service)."""

from odoo import http
from odoo.addons.complaint_base.controllers.api import API_ROOT, ApiError, ComplaintApi
from odoo.addons.complaint_base.engine.complaint_import import MAX_ROWS
from odoo.http import request

SCORE_KEYS = ("vin", "customer", "phone", "visit_date", "survey_date", "question", "score", "comment", "kind")


class AutomotiveSurveyApi(ComplaintApi):
    @http.route(
        f"{API_ROOT}/automotive/survey-scores",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def api_automotive_survey_scores(self, **kw):
        def work(integration, payload):
            Score = request.env["automotive.survey.score"]
            Score._automotive_check_callback()
            _ = request.env._
            errors = [(name, _("Unknown field.")) for name in sorted(payload) if name != "scores"]
            rows = payload.get("scores")
            if not isinstance(rows, list) or not rows:
                errors.append(("scores", _("Give a non-empty list of scores.")))
                rows = []
            elif len(rows) > MAX_ROWS:
                errors.append(("scores", _("Send at most %s scores per call.", MAX_ROWS)))
                rows = []
            labelled = []
            for index, raw in enumerate(rows):
                label = f"scores[{index}]"
                if not isinstance(raw, dict):
                    errors.append((label, _("Give each score as an object.")))
                    continue
                errors += [(f"{label}.{name}", _("Unknown field.")) for name in sorted(raw) if name not in SCORE_KEYS]
                labelled.append((label, {key: raw.get(key) for key in SCORE_KEYS}))
            checked = Score._survey_check_rows(labelled, integration.company_id)
            for (label, __), (___, problems) in zip(labelled, checked, strict=True):
                errors += [(f"{label}.{column}", message) for column, message in problems]
            if errors:
                raise ApiError(422, "validation_error", _("No score was recorded; see the fields."), errors)
            scores = Score._automotive_receive(
                [values for values, __ in checked], integration.company_id, integration.code
            )
            cases = scores.sudo().complaint_id
            answer = {
                "received": len(scores),
                "low_scores": len(scores.filtered("is_low")),
                "cases": [
                    {
                        "reference": case.name,
                        "vin": case.automotive_survey_vin,
                        "survey_date": case.automotive_survey_date,
                        "recheck_due": case.automotive_recheck_due,
                    }
                    for case in cases
                ],
            }
            return 201, answer, cases[:1].id or None

        return self._handle(work, write=True)
