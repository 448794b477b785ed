from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request


class ComplaintPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "complaint_count" in counters:
            Complaint = request.env["complaint.complaint"]
            values["complaint_count"] = (
                Complaint.sudo().search_count(self._complaint_portal_domain()) if Complaint.has_access("read") else 0
            )
        return values

    def _complaint_portal_domain(self):
        """The complainant's own complaints: those they filed or follow.  A
        sector may let other portal users read complaints (an outlet the
        complaints about it); those are not the user's complaints."""
        partner = request.env.user.partner_id
        # what the user may read (record rules, with the user's rights) ...
        readable = request.env["complaint.complaint"]._search([])
        # ... narrowed on fields the portal does not read itself
        return [
            ("id", "in", readable),
            "|",
            ("partner_id", "=", partner.id),
            ("message_partner_ids", "in", partner.ids),
        ]

    @http.route(["/my/complaints", "/my/complaints/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_complaints(self, page=1, **kw):
        Complaint = request.env["complaint.complaint"]
        domain = self._complaint_portal_domain()
        count = Complaint.sudo().search_count(domain)
        pager = portal_pager(url="/my/complaints", total=count, page=page, step=self._items_per_page)
        complaints = Complaint.browse(
            Complaint.sudo()
            .search(domain, order="date_received desc", limit=self._items_per_page, offset=pager["offset"])
            .ids
        )
        return request.render(
            "complaint_base.portal_my_complaints",
            {"complaints": complaints, "pager": pager, "page_name": "complaint", "default_url": "/my/complaints"},
        )

    @http.route("/my/complaints/<int:complaint_id>", type="http", auth="public", website=True)
    def portal_complaint_page(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._document_check_access("complaint.complaint", complaint_id, access_token)
        except (AccessError, MissingError):
            # the same answer whether the complaint exists or not
            raise request.not_found() from None
        values = self._get_page_view_values(
            complaint_sudo,
            access_token,
            {"complaint": complaint_sudo, "page_name": "complaint"},
            "my_complaints_history",
            False,
            **kw,
        )
        return request.render("complaint_base.portal_complaint_page", values)

    def _complaint_action(self, complaint_id, access_token, action):
        try:
            complaint_sudo = self._document_check_access("complaint.complaint", complaint_id, access_token)
        except (AccessError, MissingError):
            raise request.not_found() from None
        query = f"access_token={access_token}&" if access_token else ""
        try:
            action(complaint_sudo)
        except UserError as error:  # ValidationError included
            values = self._get_page_view_values(
                complaint_sudo,
                access_token,
                {"complaint": complaint_sudo, "page_name": "complaint", "form_error": error.args[0]},
                "my_complaints_history",
                False,
            )
            return request.render("complaint_base.portal_complaint_page", values)
        return request.redirect(f"/my/complaints/{complaint_sudo.id}?{query}done=1")

    @http.route("/my/complaints/<int:complaint_id>/rate", type="http", auth="public", methods=["POST"], website=True)
    def portal_complaint_rate(self, complaint_id, access_token=None, outcome=None, score=None, comment=None, **kw):
        def rate(complaint):
            if complaint.state not in ("resolved", "closed"):
                raise UserError(request.env._("You can rate the handling once the complaint is resolved."))
            value = int(score) if score not in (None, "") and str(score).isdigit() else None
            complaint._record_satisfaction(outcome, value, (comment or "")[:5000])

        return self._complaint_action(complaint_id, access_token, rate)

    @http.route("/my/complaints/<int:complaint_id>/appeal", type="http", auth="public", methods=["POST"], website=True)
    def portal_complaint_appeal(self, complaint_id, access_token=None, reason=None, **kw):
        return self._complaint_action(complaint_id, access_token, lambda complaint: complaint._appeal(reason))
