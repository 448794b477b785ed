from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from ..rules.types import SECTOR

#: the longest text a portal form accepts (a reason, a reply)
MAX_TEXT = 5000


class HotlineDepartmentPortal(CustomerPortal):
    """An outside unit's portal (a water company, a service area operator):
    its portal accounts (the department's *Portal Accounts*) see the work
    orders dispatched to their department and sign for, return and reply to
    them.  Orders are searched with the portal user's own rights (the record
    rule ``complaint_complaint_rule_hotline_portal``); every action is the
    order's own method called as the portal user, which checks that the user
    is an account of the order's current lead department, its state and its
    clocks, exactly as in the backend.  Only the pages are rendered as
    superuser, after that read check (the hotline columns are not among the
    order's portal-readable fields); nothing is written as superuser here."""

    def _hotline_domain(self):
        """The orders of the user's departments, as ids the user reads (the
        hotline columns are not portal-readable: the department filter is
        searched as superuser, within the user's departments only)."""
        Complaint = request.env["complaint.complaint"]
        return [("id", "in", Complaint.sudo()._search(self._hotline_department_domain()))]

    def _hotline_department_domain(self):
        departments = request.env["complaint.complaint"]._hotline_user_departments()
        return [
            ("sector", "=", SECTOR),
            ("hotline_state", "not in", (False, "merged")),
            "|",
            ("hotline_department_id", "in", departments.ids),
            ("hotline_co_department_ids", "in", departments.ids),
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "hotline_order_count" in counters:
            Complaint = request.env["complaint.complaint"]
            values["hotline_order_count"] = (
                Complaint.search_count(self._hotline_domain())
                if request.env.user.share and Complaint.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/hotline/orders", "/my/hotline/orders/page/<int:page>"], type="http", auth="user", website=True)
    def portal_hotline_orders(self, page=1, **kw):
        Complaint = request.env["complaint.complaint"]
        domain = self._hotline_domain()
        count = Complaint.search_count(domain)
        pager = portal_pager(url="/my/hotline/orders", total=count, page=page, step=self._items_per_page)
        orders = Complaint.search(
            domain, order="date_received desc, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        return request.render(
            "complaint_hotline.portal_hotline_orders",
            {
                "orders": orders.sudo(),
                "pager": pager,
                "page_name": "hotline_orders",
                "default_url": "/my/hotline/orders",
            },
        )

    def _hotline_order(self, order_id):
        """The order, read with the portal user's rights, or 404."""
        order = request.env["complaint.complaint"].browse(order_id).exists()
        try:
            if not order or order.sector != SECTOR:
                raise MissingError(request.env._("This work order does not exist."))
            order.check_access("read")
            if not order.sudo().filtered_domain(self._hotline_department_domain()):
                raise AccessError(request.env._("This work order is not dispatched to your department."))
        except (AccessError, MissingError):
            raise request.not_found() from None
        return order

    def _render_order(self, order, **values):
        order_sudo = order.sudo()
        mine = request.env["complaint.complaint"]._hotline_user_departments()
        clocks = {
            code: order_sudo._hotline_clock(code)
            for code in ("hotline_sign_for", "hotline_return_window", "hotline_handle")
        }
        return request.render(
            "complaint_hotline.portal_hotline_order_page",
            {
                "order": order_sudo,
                "is_lead": order_sudo.hotline_department_id in mine,
                "clocks": clocks,
                "hops": order_sudo.hotline_hop_ids.sorted(lambda h: (h.date, h.id)),
                "page_name": "hotline_order",
                **values,
            },
        )

    @http.route("/my/hotline/orders/<int:order_id>", type="http", auth="user", website=True)
    def portal_hotline_order(self, order_id, **kw):
        return self._render_order(self._hotline_order(order_id))

    def _hotline_post(self, order_id, action):
        order = self._hotline_order(order_id)
        try:
            action(order)
        except AccessError:
            raise request.not_found() from None
        except UserError as error:  # ValidationError included
            return self._render_order(order, form_error=error.args[0])
        return request.redirect(f"/my/hotline/orders/{order.id}?done=1")

    @http.route("/my/hotline/orders/<int:order_id>/sign", type="http", auth="user", methods=["POST"], website=True)
    def portal_hotline_sign(self, order_id, **kw):
        return self._hotline_post(order_id, lambda order: order.action_hotline_sign())

    @http.route("/my/hotline/orders/<int:order_id>/return", type="http", auth="user", methods=["POST"], website=True)
    def portal_hotline_return(self, order_id, reason=None, dispute=None, **kw):
        return self._hotline_post(
            order_id, lambda order: order.action_hotline_return((reason or "")[:MAX_TEXT], dispute=bool(dispute))
        )

    @http.route("/my/hotline/orders/<int:order_id>/reply", type="http", auth="user", methods=["POST"], website=True)
    def portal_hotline_reply(self, order_id, reply=None, **kw):
        return self._hotline_post(order_id, lambda order: order.action_hotline_reply((reply or "")[:MAX_TEXT]))
