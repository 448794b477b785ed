import base64
import hashlib
import hmac
import time
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from ..models.complaint_intake import ALLOWED_MIMETYPES, MAX_FILE_SIZE, MAX_FILES  # noqa: F401 (used by the API)

# a human takes a few seconds to fill the form; bots post at once
MIN_FILL_SECONDS = 3
# a form older than this is refused (a stamp copied once cannot be replayed for ever)
MAX_FORM_AGE_HOURS = 2
# complaints from one address are counted per hour
WEB_WINDOW_MINUTES = 60
FIELDS = ("subject", "description", "contact_name", "contact_phone", "contact_email", "customer_demand")


class ComplaintIntake(http.Controller):
    """Public complaint form: no account, no website module."""

    def _secret(self):
        return request.env["ir.config_parameter"].sudo().get_param("database.secret")

    def _sign(self, value):
        return hmac.new(self._secret().encode(), f"complaint-form:{value}".encode(), hashlib.sha256).hexdigest()

    def _client_hash(self):
        """A keyed hash of the sender's address, kept only in the throttle
        counters (purged hourly), never on the complaint.  Behind a reverse
        proxy the address is right only when Odoo runs with ``proxy_mode``."""
        Throttle = request.env["complaint.intake.throttle"].sudo()
        return Throttle._client_hash("web_form", request.httprequest.remote_addr)

    def _limits(self):
        get = request.env["ir.config_parameter"].sudo().get_param
        return int(get("complaint_base.web_limit_per_ip", "5")), int(get("complaint_base.web_limit_per_contact", "3"))

    def _categories(self):
        return request.env["complaint.category"].sudo().search([("company_id", "=", False)])

    def _render_form(self, values=None, errors=None):
        stamp = str(int(time.time()))
        return request.render(
            "complaint_base.complaint_public_form",
            {
                "values": values or {},
                "errors": errors or [],
                "categories": self._categories(),
                "intake_fields": request.env["complaint.intake"]._offered("web_form", sector_only=True),
                "form_stamp": stamp,
                "form_signature": self._sign(stamp),
            },
        )

    @http.route("/complaint/new", type="http", auth="public", methods=["GET"], sitemap=False, website=True)
    def complaint_form(self, **kw):
        return self._render_form()

    def _check_request(self, post, files):
        env = request.env
        errors = []
        stamp, signature = post.get("form_stamp", ""), post.get("form_signature", "")
        if post.get("website_url") or not stamp.isdigit() or not hmac.compare_digest(self._sign(stamp), signature):
            errors.append(env._("The form could not be verified; reload the page and try again."))
        elif time.time() - int(stamp) > MAX_FORM_AGE_HOURS * 3600:
            errors.append(
                env._(
                    "This form was opened more than %(hours)s hours ago and has expired; "
                    "check what you typed below and send it again.",
                    hours=MAX_FORM_AGE_HOURS,
                )
            )
        elif time.time() - int(stamp) < MIN_FILL_SECONDS:
            errors.append(env._("The form was sent too fast; please check it and send it again."))
        if not post.get("consent"):
            errors.append(env._("Please agree to the processing of your personal data for handling the complaint."))
        uploads = []
        for upload in files:
            uploads.append((upload.filename, upload.read()))
            upload.seek(0)
        errors += [message for __, message in env["complaint.intake"]._check_uploads(uploads)]
        per_ip, per_contact = self._limits()
        since = fields.Datetime.now() - timedelta(hours=1)
        Complaint = env["complaint.complaint"].sudo().with_context(active_test=False)
        sent, __ = env["complaint.intake.throttle"].sudo()._count("web_form", self._client_hash(), WEB_WINDOW_MINUTES)
        if sent >= per_ip:
            errors.append(
                env._("Too many complaints were sent from your connection; please try again in an hour or call us.")
            )
        contact = [
            (name, "=", post[name].strip()) for name in ("contact_phone", "contact_email") if post.get(name, "").strip()
        ]
        if contact:
            domain = ["|", *contact] if len(contact) == 2 else contact
            if Complaint.search_count([*domain, ("create_date", ">=", since)]) >= per_contact:
                errors.append(env._("You have already sent several complaints in the last hour; we are handling them."))
        return errors

    @http.route("/complaint/new", type="http", auth="public", methods=["POST"], csrf=True, sitemap=False, website=True)
    def complaint_submit(self, **post):
        files = [f for f in request.httprequest.files.getlist("attachments") if f and f.filename]
        values = {name: (post.get(name) or "").strip() for name in FIELDS}
        values["category_id"] = post.get("category_id") or ""
        Intake = request.env["complaint.intake"]
        declared = Intake._offered("web_form", sector_only=True)
        values.update({decl["name"]: (post.get(decl["name"]) or "").strip() for decl in declared})
        errors = self._check_request(post, files)
        company = request.env.company
        sector_vals, problems = Intake._read_declared("web_form", values, company)
        errors += [f"{decl['label']}: {message}" for decl, message in problems]
        category = self._categories().filtered(lambda c: str(c.id) == values["category_id"])
        if values["category_id"] and not category:
            errors.append(request.env._("Unknown category."))
        if errors:
            return self._render_form(values, errors)
        env = request.env
        channel = env.ref("complaint_base.complaint_channel_web", raise_if_not_found=False)
        vals = {
            "subject": values["subject"][:200],
            "description": Intake._clean_html(values["description"][:20000], is_html=False)[0],
            "contact_name": values["contact_name"][:200],
            "contact_phone": values["contact_phone"][:40] or False,
            "contact_email": values["contact_email"][:200] or False,
            "customer_demand": values["customer_demand"][:5000] or False,
            "category_id": category.id or False,
            "channel_id": channel.id if channel else False,
            **sector_vals,
        }
        try:
            # only the whitelisted values above reach the record; rules of the
            # model (validation, classification, deadlines) apply as usual
            with env.cr.savepoint():
                complaint = Intake.sudo()._create_complaints([vals])
        except ValidationError as error:
            return self._render_form(values, [str(error.args[0])])
        env["complaint.intake.throttle"].sudo()._hit("web_form", self._client_hash(), WEB_WINDOW_MINUTES)
        if files:
            env["ir.attachment"].sudo().create(
                [
                    {
                        "name": upload.filename[:200],
                        "datas": base64.b64encode(upload.read()),
                        "res_model": "complaint.complaint",
                        "res_id": complaint.id,
                    }
                    for upload in files
                ]
            )
        return request.render(
            "complaint_base.complaint_public_thanks",
            {"complaint": complaint, "tracking_url": complaint.get_base_url() + complaint.get_portal_url()},
        )
