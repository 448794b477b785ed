from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import consteq


class CourierOutletPortal(CustomerPortal):
    """The outlet manager's portal: the complaints and fines against their
    outlet, the right to answer and to appeal a fine.  Every record is
    searched and checked with the portal user's own rights (record rules
    limit them to their outlet); only the answer, the apology and the appeal
    themselves are written as superuser, after that check and the check of
    the complaint's state.  The outlet answers through its form: the
    complainant's thread is not shown to it (nor can it read or post in it
    over the mail routes, see ``_get_thread_with_access``)."""

    def _outlet_domain(self):
        return [("courier_outlet_id.portal_user_ids", "in", request.env.user.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "courier_complaint_count" in counters:
            Complaint = request.env["complaint.complaint"]
            values["courier_complaint_count"] = (
                Complaint.search_count(self._outlet_domain()) if Complaint.has_access("read") else 0
            )
        if "courier_fine_count" in counters:
            Penalty = request.env["complaint.penalty"]
            values["courier_fine_count"] = (
                Penalty.search_count(self._outlet_domain()) if Penalty.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/outlet/complaints", "/my/outlet/complaints/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_outlet_complaints(self, page=1, **kw):
        Complaint = request.env["complaint.complaint"]
        domain = self._outlet_domain()
        count = Complaint.search_count(domain)
        pager = portal_pager(url="/my/outlet/complaints", total=count, page=page, step=self._items_per_page)
        complaints = Complaint.search(
            domain, order="date_received desc, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        return request.render(
            "complaint_courier.portal_outlet_complaints",
            {
                # found with the user's rights; shown as superuser (the courier
                # columns are not among the complaint's portal-readable fields)
                "complaints": complaints.sudo(),
                "pager": pager,
                "page_name": "outlet_complaints",
                "default_url": "/my/outlet/complaints",
            },
        )

    def _document_check_access(self, model_name, document_id, access_token=None):
        """The complainant's pages (``/my/complaints/...``: the thread, the
        rating, the appeal) are not opened by reading the complaint as its
        outlet's manager; only as the complainant, a follower or with the
        complaint's token."""
        document_sudo = super()._document_check_access(model_name, document_id, access_token=access_token)
        if model_name == "complaint.complaint" and document_sudo:
            outside = request.env["complaint.complaint"]._courier_outside_thread_ids(document_sudo.ids)
            if outside and not (
                access_token and document_sudo.access_token and consteq(document_sudo.access_token, access_token)
            ):
                raise AccessError(request.env._("This complaint is not yours."))
        return document_sudo

    def _outlet_record(self, model, record_id, missing, foreign):
        """The record (a complaint or a fine), sudo, once the user proved with
        their own rights that they read it as the manager of its outlet."""
        record = request.env[model].browse(record_id).exists()
        if not record:
            raise MissingError(missing)
        record.check_access("read")
        record_sudo = record.sudo()
        if request.env.user not in record_sudo.courier_outlet_id.portal_user_ids:
            raise AccessError(foreign)
        return record_sudo

    def _outlet_complaint(self, complaint_id):
        return self._outlet_record(
            "complaint.complaint",
            complaint_id,
            request.env._("This complaint does not exist."),
            request.env._("This complaint is not about your outlet."),
        )

    def _render_complaint(self, complaint_sudo, **values):
        penalties = request.env["complaint.penalty"].search(
            [*self._outlet_domain(), ("complaint_id", "=", complaint_sudo.id)], order="date, id"
        )
        apology_running = complaint_sudo.clock_ids.filtered(
            lambda c: c.kind_id.stop_event == "apology_given" and c.state in ("running", "breached")
        )
        page_values = self._get_page_view_values(
            complaint_sudo,
            None,
            {
                "complaint": complaint_sudo,
                "penalties": penalties,
                "apology_running": bool(apology_running),
                "page_name": "outlet_complaint",
                **values,
            },
            "my_outlet_complaints_history",
            False,
        )
        return request.render("complaint_courier.portal_outlet_complaint_page", page_values)

    @http.route("/my/outlet/complaints/<int:complaint_id>", type="http", auth="user", website=True)
    def portal_outlet_complaint(self, complaint_id, **kw):
        try:
            complaint_sudo = self._outlet_complaint(complaint_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return self._render_complaint(complaint_sudo)

    def _complaint_post(self, complaint_id, action):
        try:
            complaint_sudo = self._outlet_complaint(complaint_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        try:
            action(complaint_sudo)
        except UserError as error:
            return self._render_complaint(complaint_sudo, form_error=error.args[0])
        return request.redirect(f"/my/outlet/complaints/{complaint_sudo.id}?done=1")

    @http.route(
        "/my/outlet/complaints/<int:complaint_id>/answer", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_outlet_answer(self, complaint_id, answer=None, **kw):
        partner = request.env.user.partner_id
        return self._complaint_post(complaint_id, lambda complaint: complaint._courier_outlet_answer(answer, partner))

    @http.route(
        "/my/outlet/complaints/<int:complaint_id>/apology", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_outlet_apology(self, complaint_id, **kw):
        partner = request.env.user.partner_id
        return self._complaint_post(complaint_id, lambda complaint: complaint._courier_outlet_apology(partner))

    @http.route(["/my/outlet/fines", "/my/outlet/fines/page/<int:page>"], type="http", auth="user", website=True)
    def portal_outlet_fines(self, page=1, **kw):
        Penalty = request.env["complaint.penalty"]
        domain = self._outlet_domain()
        count = Penalty.search_count(domain)
        pager = portal_pager(url="/my/outlet/fines", total=count, page=page, step=self._items_per_page)
        penalties = Penalty.search(
            domain, order="date desc, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        totals = dict(Penalty._read_group([*domain, ("state", "!=", "waived")], ["state"], ["amount:sum"]))
        return request.render(
            "complaint_courier.portal_outlet_fines",
            {
                "penalties": penalties,
                "pager": pager,
                "totals": totals,
                "total": sum(totals.values()),
                "currency": request.env.company.currency_id,
                "page_name": "outlet_fines",
                "default_url": "/my/outlet/fines",
                "form_error": kw.get("error"),
            },
        )

    #: the largest supporting file an outlet may attach to an appeal
    APPEAL_FILE_MAX_BYTES = 10 * 1024 * 1024

    def _outlet_fine(self, penalty_id):
        return self._outlet_record(
            "complaint.penalty",
            penalty_id,
            request.env._("This fine does not exist."),
            request.env._("This fine is not your outlet's."),
        )

    def _render_fine(self, penalty_sudo, **values):
        return request.render(
            "complaint_courier.portal_outlet_fine_page",
            {"penalty": penalty_sudo, "page_name": "outlet_fine", **values},
        )

    @http.route("/my/outlet/fines/<int:penalty_id>", type="http", auth="user", website=True)
    def portal_outlet_fine(self, penalty_id, **kw):
        try:
            penalty_sudo = self._outlet_fine(penalty_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        return self._render_fine(penalty_sudo)

    @http.route("/my/outlet/fines/<int:penalty_id>/appeal", type="http", auth="user", methods=["POST"], website=True)
    def portal_outlet_fine_appeal(self, penalty_id, reason=None, attachment=None, **kw):
        try:
            penalty_sudo = self._outlet_fine(penalty_id)
        except (AccessError, MissingError):
            raise request.not_found() from None
        attachments = []
        if attachment and getattr(attachment, "filename", None):
            content = attachment.read(self.APPEAL_FILE_MAX_BYTES + 1)
            if len(content) > self.APPEAL_FILE_MAX_BYTES:
                return self._render_fine(
                    penalty_sudo, form_error=request.env._("The file is too large (at most 10 MB).")
                )
            if content:
                attachments.append((attachment.filename[:200], content))
        try:
            penalty_sudo._courier_appeal(reason, request.env.user.partner_id, attachments=attachments)
        except UserError as error:
            return self._render_fine(penalty_sudo, form_error=error.args[0])
        return request.redirect(f"/my/outlet/fines/{penalty_sudo.id}?done=1")
