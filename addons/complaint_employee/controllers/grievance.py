"""The anonymous grievance pages: file a report, follow it up with the
receipt code and secret.  No login, no JavaScript, plain form posts with
Odoo's CSRF token; the code and secret travel in the POST body only."""

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from ..rules import receipt as receipt_rules

MAX_FILES = 5
NO_TRACE_HEADERS = [
    ("Cache-Control", "no-store"),
    ("Pragma", "no-cache"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Content-Type-Options", "nosniff"),
]
FOLLOW_UP_KINDS = ("information", "appeal", "retaliation")


class GrievanceController(http.Controller):
    def _render(self, template, values=None, status=200):
        response = request.render(template, dict(values or {}), status=status, headers=NO_TRACE_HEADERS)
        return response

    def _scopes(self):
        return (
            request.env["complaint.category"]
            .sudo()
            .search([("code", "=like", "EMP-%")], order="parent_path, id")
            .filtered("parent_id")
        )

    def _files(self):
        uploads = [f for f in request.httprequest.files.getlist("attachments") if f and f.filename]
        files = [(upload.filename, upload.read()) for upload in uploads]
        problems = request.env["complaint.intake"].sudo()._check_uploads(files)
        return files, [message for __, message in problems]

    @http.route("/grievance/report", type="http", auth="public", methods=["GET"], sitemap=False)
    def grievance_form(self, **kw):
        return self._render("complaint_employee.grievance_report_form", {"scopes": self._scopes(), "values": {}})

    @http.route("/grievance/report", type="http", auth="public", methods=["POST"], csrf=True, sitemap=False)
    def grievance_submit(self, **post):
        _ = request.env._
        values = {
            "subject": (post.get("subject") or "").strip()[:200],
            "description": (post.get("description") or "").strip()[:20000],
            "category_id": post.get("category_id") or "",
            "employee_event_date": (post.get("event_date") or "").strip(),
        }
        secret = (post.get("secret") or "").strip()
        errors = []
        if not values["subject"]:
            errors.append(_("Say in a few words what the grievance is about."))
        if secret and len(secret) < 10:
            errors.append(_("Choose a secret of at least 10 characters, or leave it empty to be given one."))
        scope = self._scopes().filtered(lambda c: str(c.id) == values["category_id"])
        if values["category_id"] and not scope:
            errors.append(_("Unknown scope."))
        event_date = False
        if values["employee_event_date"]:
            try:
                event_date = fields.Date.to_date(values["employee_event_date"])
            except ValueError:
                errors.append(_("Give the date of the event as YYYY-MM-DD."))
        files, problems = self._files()
        errors += problems
        if errors:
            return self._render(
                "complaint_employee.grievance_report_form",
                {"scopes": self._scopes(), "values": values, "errors": errors},
                status=400,
            )
        Intake = request.env["complaint.intake"].sudo()
        vals = {
            "subject": values["subject"],
            "description": Intake._clean_html(values["description"], is_html=False)[0] if values["description"] else "",
            "category_id": scope.id or False,
            "employee_event_date": event_date,
        }
        try:
            with request.env.cr.savepoint():
                complaint, code, secret = (
                    request.env["complaint.complaint"]
                    .sudo()
                    ._employee_file_anonymous(vals, files, secret=secret or None)
                )
        except ValidationError as error:
            return self._render(
                "complaint_employee.grievance_report_form",
                {"scopes": self._scopes(), "values": values, "errors": [str(error.args[0])]},
                status=400,
            )
        return self._render(
            "complaint_employee.grievance_report_receipt",
            {"reference": complaint.sudo().name, "code": code, "secret": secret},
        )

    @http.route("/grievance/follow-up", type="http", auth="public", methods=["GET"], sitemap=False)
    def grievance_follow_up_form(self, **kw):
        return self._render("complaint_employee.grievance_follow_up_login", {})

    @http.route("/grievance/follow-up", type="http", auth="public", methods=["POST"], csrf=True, sitemap=False)
    def grievance_follow_up(self, **post):
        _ = request.env._
        code = post.get("code") or ""
        secret = post.get("secret") or ""
        receipt = request.env["complaint.employee.receipt"].sudo()._lookup(code, secret)
        if not receipt:
            # one answer for a wrong, unknown or malformed code and a wrong secret
            return self._render(
                "complaint_employee.grievance_follow_up_login",
                {"errors": [_("This receipt code and secret do not match a report.")]},
                status=403,
            )
        complaint = receipt.complaint_id
        action = post.get("action") or "view"
        notice = None
        if action == "receipt":
            text = receipt._receipt_text()
            headers = [
                *NO_TRACE_HEADERS,
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="receipt-{complaint.name}.txt"'),
            ]
            return request.make_response(text, headers=headers)
        if action in FOLLOW_UP_KINDS:
            body = (post.get("body") or "").strip()[:20000]
            files, problems = self._files()
            if not body:
                problems.append(_("Write what you want to tell the desk."))
            if problems:
                return self._render(
                    "complaint_employee.grievance_follow_up_page",
                    self._page_values(complaint, code, secret, errors=problems),
                    status=400,
                )
            complaint._employee_follow_up(action, body, files)
            notice = _("Thank you: the grievance desk has received it.")
        return self._render(
            "complaint_employee.grievance_follow_up_page", self._page_values(complaint, code, secret, notice=notice)
        )

    def _page_values(self, complaint, code, secret, errors=None, notice=None):
        complaint = complaint.sudo()
        return {
            "complaint": complaint,
            "reference": complaint.name,
            "stage": complaint.stage_id.name,
            "filed_on": complaint.employee_filed_on,
            "exchanges": complaint.employee_exchange_ids,
            "can_appeal": bool(complaint.employee_admin_reply_date and not complaint.employee_appeal_date),
            "code": receipt_rules.normalize_code(code),
            "secret": secret,
            "errors": errors or [],
            "notice": notice,
        }
