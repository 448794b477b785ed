from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.addons.complaint_base.engine.similarity import normalize_phone, subject_similarity
from odoo.addons.complaint_base.plugins import call_hook
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

from ..rules.types import HOTLINE_STATES, ORDER_TYPES, SATISFACTION, SECTOR, URGENCIES, needs_escalated_supervision

GROUP_AGENT = "complaint_hotline.group_hotline_agent"
GROUP_DISPATCHER = "complaint_hotline.group_hotline_dispatcher"
GROUP_DEPARTMENT = "complaint_hotline.group_hotline_department"
# the clock kinds a (re-)dispatch starts again
DISPATCH_CLOCKS = ("hotline_sign_for", "hotline_return_window")
DUPLICATE_SIMILARITY = 0.5
# the hops that send the order to a department, and the counter each kind of hop bumps
DISPATCH_HOPS = ("dispatch", "transfer", "arbitration")
HOP_COUNTERS = {
    "return": "hotline_return_count",
    "transfer": "hotline_transfer_count",
    "rework": "hotline_rework_count",
    "reminder": "hotline_reminder_count",
}
# the order's own moves (dispatch, sign-for) are in its hop list: the chatter does not repeat them
NO_TRACKING = {"mail_notrack": True}


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    hotline_order_type = fields.Selection(ORDER_TYPES, string="Order Type", index=True, tracking=True)
    hotline_urgency = fields.Selection(
        URGENCIES,
        string="Urgency",
        default="general",
        tracking=True,
        help="Sets the handling time limit: emergencies 2 hours, water/power/gas/heating 24 hours, general "
        "requests 7 days, complex ones 15 days (shipped policies, editable).",
    )
    hotline_line_id = fields.Many2one("hotline.line", string="Source Line", index=True)
    hotline_area_id = fields.Many2one("hotline.area", string="Area", index=True)
    # the duplicate check looks orders up by caller number or by address
    hotline_address = fields.Char(string="Address", index="btree_not_null")
    hotline_recording_ref = fields.Char(string="Recording Reference", help="The call recording's number.")
    hotline_latitude = fields.Float(
        string="Latitude", digits=(10, 7), help="WGS84 latitude of the place, -90 to 90 (Open311 lat)."
    )
    hotline_longitude = fields.Float(
        string="Longitude", digits=(10, 7), help="WGS84 longitude of the place, -180 to 180 (Open311 long)."
    )
    hotline_agent_id = fields.Many2one(
        "res.users", string="Seat Agent", default=lambda self: self.env.user if not self.env.user.share else False
    )
    hotline_state = fields.Selection(HOTLINE_STATES, string="Hotline Status", index=True, copy=False)
    hotline_department_id = fields.Many2one(
        "complaint.team",
        string="Lead Department",
        index=True,
        copy=False,
        domain="[('hotline_kind', '=', 'department'), ('company_id', '=', company_id)]",
    )
    hotline_co_department_ids = fields.Many2many(
        "complaint.team",
        "complaint_hotline_co_department_rel",
        "complaint_id",
        "team_id",
        string="Co-Handling Departments",
        copy=False,
        domain="[('hotline_kind', '=', 'department'), ('company_id', '=', company_id)]",
    )
    hotline_route_id = fields.Many2one("hotline.route", string="Routing Rule", readonly=True, copy=False)
    hotline_site_manager_id = fields.Many2one(
        "res.users",
        string="Site Manager",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The manager of the service area the order is about: its first responsible person, assigned and "
        "told first when the order is dispatched.",
    )
    hotline_to_leader = fields.Boolean(string="Sent to the Leaders", readonly=True, copy=False)
    hotline_date_dispatched = fields.Datetime(string="Dispatched On", readonly=True, copy=False)
    hotline_date_signed = fields.Datetime(string="Department Signed For On", readonly=True, copy=False)
    hotline_signed_by_id = fields.Many2one("res.users", string="Department Signed For By", readonly=True, copy=False)
    hotline_arbitrated = fields.Boolean(
        string="Arbitrated", readonly=True, copy=False, help="The centre decided who handles it: no more returns."
    )
    hotline_knowledge_id = fields.Many2one("hotline.knowledge", string="Knowledge Base Article")
    hotline_answer = fields.Text(
        string="Answer Given",
        compute="_compute_hotline_answer",
        store=True,
        readonly=False,
        precompute=True,
        help="The answer given on the call (from the knowledge base, or typed).",
    )
    hotline_answered_on_call = fields.Boolean(
        string="Answered on the Call", help="A consultation answered at once: the order closes when saved."
    )
    hotline_reply = fields.Text(string="Reply to the Caller", readonly=True, copy=False)
    hotline_date_replied = fields.Datetime(string="Replied On", readonly=True, copy=False)
    hotline_reply_on_time = fields.Boolean(string="Replied on Time", readonly=True, copy=False)
    hotline_satisfaction = fields.Selection(SATISFACTION, string="Callback Satisfaction", readonly=True, copy=False)
    hotline_resolved = fields.Boolean(string="Problem Solved", readonly=True, copy=False)
    hotline_date_callback = fields.Datetime(string="Called Back On", readonly=True, copy=False)
    hotline_merged_into_id = fields.Many2one(
        "complaint.complaint", string="Merged Into", readonly=True, copy=False, index="btree_not_null"
    )
    hotline_merged_ids = fields.One2many("complaint.complaint", "hotline_merged_into_id", string="Merged Orders")
    hotline_caller_ids = fields.One2many("hotline.caller", "order_id", string="Callers")
    hotline_hop_ids = fields.One2many("hotline.hop", "order_id", string="Hops")
    hotline_hop_count = fields.Integer(string="Hop Count", readonly=True, copy=False)
    hotline_return_count = fields.Integer(string="Returns", readonly=True, copy=False)
    hotline_transfer_count = fields.Integer(string="Re-Dispatches", readonly=True, copy=False)
    hotline_department_count = fields.Integer(string="Departments Involved", readonly=True, copy=False)
    hotline_rework_count = fields.Integer(string="Times Sent Back for Re-Handling", readonly=True, copy=False)
    hotline_reminder_count = fields.Integer(string="Reminders", readonly=True, copy=False)
    hotline_escalated = fields.Boolean(string="Escalated Supervision", readonly=True, copy=False, index=True)
    hotline_extension_ids = fields.One2many("hotline.extension", "order_id", string="Extensions")
    hotline_caller_history_ids = fields.Many2many(
        "complaint.complaint", compute="_compute_hotline_caller_history", string="Caller's History"
    )
    hotline_caller_history_count = fields.Integer(compute="_compute_hotline_caller_history", string="Earlier Calls")
    hotline_duplicate_ids = fields.Many2many(
        "complaint.complaint", compute="_compute_hotline_duplicate_ids", string="Possible Duplicates"
    )

    @api.constrains("hotline_latitude", "hotline_longitude")
    def _check_hotline_coordinates(self):
        for order in self:
            if not -90 <= (order.hotline_latitude or 0.0) <= 90:
                raise ValidationError(self.env._("The latitude is between -90 and 90 degrees."))
            if not -180 <= (order.hotline_longitude or 0.0) <= 180:
                raise ValidationError(self.env._("The longitude is between -180 and 180 degrees."))

    @api.depends("hotline_knowledge_id")
    def _compute_hotline_answer(self):
        for order in self:
            if order.hotline_knowledge_id:
                order.hotline_answer = order.hotline_knowledge_id.answer
            else:
                order.hotline_answer = order.hotline_answer or False

    @api.depends("contact_phone")
    def _compute_hotline_caller_history(self):
        for order in self:
            phone = normalize_phone(order.contact_phone)
            history = self.browse()
            if phone and order.sector == SECTOR:
                history = self.search(
                    [("contact_phone_normalized", "=", phone), ("sector", "=", SECTOR), ("id", "!=", order._origin.id)],
                    order="date_received desc",
                    limit=20,
                )
            order.hotline_caller_history_ids = history
            order.hotline_caller_history_count = len(history)

    @api.depends("contact_phone", "hotline_address", "subject", "category_id")
    def _compute_hotline_duplicate_ids(self):
        for order in self:
            order.hotline_duplicate_ids = order._hotline_find_duplicates()

    def _hotline_find_duplicates(self):
        """Open orders of the same issue from the same caller or at the same
        address: same category (when both have one) and similar subject."""
        self.ensure_one()
        phone = normalize_phone(self.contact_phone)
        address = (self.hotline_address or "").strip()
        if self.sector != SECTOR or self.hotline_state in ("merged", "closed") or not (phone or address):
            return self.browse()
        place = []
        if phone:
            place.append(("contact_phone_normalized", "=", phone))
        if address:
            place.append(("hotline_address", "=", address))
        domain = [
            ("sector", "=", SECTOR),
            ("id", "!=", self._origin.id),
            ("hotline_state", "not in", ("closed", "merged")),
            ("company_id", "=", self.company_id.id),
        ]
        domain += ["|", *place] if len(place) == 2 else place
        found = self.search(domain, limit=50)
        return found.filtered(
            lambda o: (
                (not o.category_id or not self.category_id or o.category_id == self.category_id)
                and subject_similarity(o.subject or "", self.subject or "") >= DUPLICATE_SIMILARITY
            )
        )

    # --- CRUD -------------------------------------------------------------
    @api.model
    def default_get(self, fields_list):
        """A call registered from the hotline's forms (they give an order
        type) belongs to the company's hotline centre, not the base's
        default team."""
        values = super().default_get(fields_list)
        order_type = values.get("hotline_order_type") or self.env.context.get("default_hotline_order_type")
        if "team_id" in fields_list and order_type and not self.env.context.get("default_team_id"):
            centre = self.env.company.hotline_centre_team_id
            if centre:
                values["team_id"] = centre.id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("hotline_order_type") and not vals.get("team_id"):
                centre = self.env.company.hotline_centre_team_id
                if centre:
                    vals["team_id"] = centre.id
        model = self
        if vals_list and all(vals.get("hotline_order_type") for vals in vals_list) and not self.env.user.share:
            # the seat agent registers thousands of calls a month and follows none
            # of them: the centre's lists and the hops show the orders
            model = self.with_context(mail_create_nosubscribe=True)
        orders = super(ComplaintComplaint, model).create(vals_list).with_env(self.env)
        hotline = orders.filtered(lambda o: o.sector == SECTOR)
        if hotline:
            hotline.sudo().write({"hotline_state": "registered"})
            self.env["hotline.caller"].sudo().create(
                [
                    {
                        "order_id": o.id,
                        "source_order_id": o.id,
                        "name": o.contact_name or o.partner_id.name,
                        "phone": o.contact_phone,
                        "date": o.date_received,
                    }
                    for o in hotline
                    if o.contact_phone or o.contact_name or o.partner_id
                ]
            )
            answered = hotline.filtered(lambda o: o.hotline_answered_on_call and o.hotline_order_type == "consult")
            if answered:
                answered._hotline_close_on_call()
        return orders

    def _hotline_close_on_call(self):
        """A consultation answered from the knowledge base closes at once
        (the reply and close hops say so: the chatter does not repeat it).
        The seat agent who answered the call closes it (not the installer or
        the API's user): one batch per agent."""
        if any(not (order.hotline_answer or "").strip() for order in self):
            raise ValidationError(self.env._("Record the answer given on the call."))
        for agent, batch in self.grouped(lambda o: o.hotline_agent_id or self.env.user).items():
            batch.with_user(agent)._hotline_close_on_call_batch()

    def _hotline_close_on_call_batch(self):
        orders = self.sudo().with_context(**NO_TRACKING)
        for article in orders.hotline_knowledge_id:
            article.use_count += len(orders.filtered(lambda o, a=article: o.hotline_knowledge_id == a))
        now = fields.Datetime.now()
        for order in orders:
            order.write(
                {
                    "validity": "valid",
                    "resolution": Markup("<p>%s</p>") % order.hotline_answer,
                    "hotline_reply": order.hotline_answer,
                    "hotline_date_replied": now,
                    "hotline_reply_on_time": True,
                }
            )
        orders._move_to_state("resolved")
        orders._move_to_state("closed")
        orders.write({"hotline_state": "closed"})
        orders._hotline_hop(
            "reply", on_time=True, per_order={order.id: {"reason": order.hotline_answer} for order in orders}
        )
        orders._hotline_hop("close", on_time=True)

    # --- rights -------------------------------------------------------------
    def _hotline_user_departments(self):
        """The departments the current user works for: as a member or the
        leader (internal users), or as one of its portal accounts (an
        outside unit on the portal)."""
        user = self.env.user
        if user.share:
            domain = [("hotline_portal_user_ids", "in", user.id)]
        else:
            domain = ["|", ("member_ids", "in", user.id), ("leader_id", "=", user.id)]
        return self.env["complaint.team"].sudo().search([("hotline_kind", "=", "department"), *domain])

    def _hotline_check(self, role, states=None):
        """The caller may act on these orders as ``role``: ``agent``
        (the centre's seats), ``dispatcher`` (the centre's dispatchers and
        supervisors), ``lead`` (a member of the lead department) or
        ``handler`` (a member of the lead or a co-handling department).  A
        dispatcher may act for a department; the site manager of the
        order's service area acts as the lead department (first responsible
        person); a portal account of the lead department (an outside unit)
        acts as ``lead`` or ``handler`` from the portal, with the same rules
        and clocks.  ``states``: the hotline statuses allowed."""
        user = self.env.user
        # a portal user only reads orders (its record rule); what it may do
        # is decided by the role, then the methods write as superuser
        self.check_access("read" if user.share and not self.env.su else "write")
        self._hotline_check_role(role)
        _ = self.env._
        # read as superuser: a portal user reads only the portal fields
        for order in self.sudo():
            if order.sector != SECTOR:
                raise UserError(_("%s is not a hotline work order.", order.display_name))
            if states and order.hotline_state not in states:
                raise UserError(
                    _(
                        "%(order)s is %(state)s: this cannot be done now.",
                        order=order.display_name,
                        state=dict(self._fields["hotline_state"]._description_selection(self.env)).get(
                            order.hotline_state, ""
                        ),
                    )
                )

    def _hotline_check_role(self, role):
        """The current user may act as ``role`` on these orders (see
        :meth:`_hotline_check`), else AccessError; checked before the
        states, so that nobody learns an order's state this way."""
        if self.env.su:
            return
        user = self.env.user
        _ = self.env._
        if user.share:
            if role in ("lead", "handler") and user._is_portal():
                self._hotline_check_department(role)
                return
            raise AccessError(_("You may not do this on hotline work orders."))
        if user.has_group(GROUP_DISPATCHER):
            return
        if role == "agent" and user.has_group(GROUP_AGENT):
            return
        if role in ("lead", "handler") and user.has_group(GROUP_DEPARTMENT):
            self._hotline_check_department(role)
            return
        raise AccessError(_("You may not do this on hotline work orders."))

    def _hotline_check_department(self, role):
        """Every order is dispatched to a department of the current user (the
        lead one for ``lead``, a co-handling one too for ``handler``), or the
        user is the site manager of its service area."""
        mine = self._hotline_user_departments()
        user = self.env.user
        for order in self.sudo():
            allowed = order.hotline_department_id
            if role == "handler":
                allowed |= order.hotline_co_department_ids
            if allowed & mine:
                continue
            if not user.share and order.hotline_site_manager_id == user and order.hotline_department_id:
                continue
            raise AccessError(self.env._("%s is not dispatched to your department.", order.display_name))

    # --- hops -------------------------------------------------------------
    def _hotline_hop(
        self, kind, department=None, from_department=None, reason=None, deadline=None, on_time=False, per_order=None
    ):
        """Record one hop on each order and keep its counters.  ``per_order``:
        {order id: {hop field: value}} for what differs from one order to the
        next (the deadline of its own clock...).  One create for the batch,
        one write per set of equal counters."""
        Hop = self.env["hotline.hop"].sudo()
        per_order = per_order or {}
        hops = Hop.create(
            [
                {
                    "order_id": order.id,
                    "kind": kind,
                    "department_id": (department or order.hotline_department_id).id,
                    "from_department_id": from_department.id if from_department else False,
                    "reason": reason,
                    "deadline": deadline,
                    "on_time": on_time,
                    "user_id": self.env.uid,
                    **per_order.get(order.id, {}),
                }
                for order in self
            ]
        )
        counter = HOP_COUNTERS.get(kind)
        groups = {}
        for order in self.sudo():
            values = {"hotline_hop_count": order.hotline_hop_count + 1}
            if counter:
                values[counter] = order[counter] + 1
            if kind in DISPATCH_HOPS:
                values["hotline_department_count"] = len(
                    order.hotline_hop_ids.filtered(lambda h: h.kind in DISPATCH_HOPS).department_id
                )
            groups.setdefault(tuple(sorted(values.items())), []).append(order.id)
        for values, ids in groups.items():
            self.sudo().browse(ids).write(dict(values))
        if kind in ("return", "transfer", "rework", "arbitration"):
            self._hotline_check_escalation()
        return hops

    def _hotline_check_escalation(self):
        """Escalated supervision (提级督办): reworked more than 3 times or
        bounced between 3 or more departments."""
        for order in self.sudo().filtered(lambda o: not o.hotline_escalated):
            if needs_escalated_supervision(order.hotline_rework_count, order.hotline_department_count):
                reason = order._hotline_env()._(
                    "Escalated supervision: %(reworks)s re-handlings, %(departments)s departments.",
                    reworks=order.hotline_rework_count,
                    departments=order.hotline_department_count,
                )
                order.write(
                    {
                        "hotline_escalated": True,
                        "is_supervised": True,
                        "date_supervised": order.date_supervised or fields.Datetime.now(),
                        "supervision_reason": reason,
                        "priority": "3",
                    }
                )
                order._hotline_hop("escalated", reason=reason)
                order.message_post(body=reason, subtype_xmlid="mail.mt_note")

    def _hotline_env(self):
        self.ensure_one()
        return self.company_id.sudo()._complaint_env()

    def _hotline_clock(self, code):
        self.ensure_one()
        return self.sudo().clock_ids.filtered(
            lambda c: c.kind_id.code == code and c.state in ("running", "paused", "breached")
        )[:1]

    def _hotline_notify(self, users, body, force_send=True):
        """A note on each order to ``users`` (inbox or e-mail, as each
        prefers).  ``force_send=False``: the e-mails wait for the mail queue
        instead of being sent at the end of the request (a batch)."""
        partners = users.partner_id
        for order in self.sudo():
            order.message_post(body=body, partner_ids=partners.ids, subtype_xmlid="mail.mt_note", force_send=force_send)

    # --- dispatch ------------------------------------------------------------
    def _hotline_dispatch_data(self):
        self.ensure_one()
        return {
            **self._plugin_data(),
            "order_type": self.hotline_order_type,
            "area_lineage_ids": self.hotline_area_id._lineage_ids() if self.hotline_area_id else [],
            "text": " ".join(filter(None, [self.subject, html2plaintext(self.description or "")])),
        }

    def _hotline_route(self):
        """{order: answer of the ``complaint_dispatch`` hook, or None}."""
        routes = self.env["hotline.route"].sudo().search([("company_id", "in", self.company_id.ids)])
        by_company = {}
        for route in routes:
            by_company.setdefault(route.company_id.id, []).append(route._plugin_dict())
        addons = self._installed_complaint_addons()
        return {
            order: call_hook(
                "complaint_dispatch",
                addons,
                order=order._hotline_dispatch_data(),
                rules=by_company.get(order.company_id.id, []),
            )
            for order in self
        }

    def action_hotline_dispatch(self):
        """Dispatch (派单): the lead department chosen on the order, or by the
        routing rules; major and repeated orders go to the leaders."""
        self._hotline_check("dispatcher", states=("registered",))
        answers = self.filtered(lambda o: not o.hotline_department_id)._hotline_route()
        routed = {}
        for order, answer in answers.items():
            if not answer:
                raise UserError(
                    self.env._("No routing rule matches %s: choose the lead department.", order.display_name)
                )
            key = (
                answer["lead_id"],
                tuple(answer.get("co_ids") or []),
                answer.get("rule_id") or False,
                bool(answer.get("to_leader")),
            )
            routed.setdefault(key, []).append(order.id)
        # one write per routing answer, not per order
        for (lead, co_ids, rule, to_leader), ids in routed.items():
            self.sudo().browse(ids).with_context(**NO_TRACKING).write(
                {
                    "hotline_department_id": lead,
                    "hotline_co_department_ids": [Command.set(list(co_ids))],
                    "hotline_route_id": rule,
                    "hotline_to_leader": to_leader,
                }
            )
        self.sudo().filtered(lambda o: o.is_major or o.is_repeated).with_context(**NO_TRACKING).write(
            {"hotline_to_leader": True}
        )
        self._hotline_send("dispatch")
        return True

    def _hotline_send(self, kind, from_departments=None, reason=None):
        """Send the orders to their lead department: the sign-for and return
        clocks start again, the hop is recorded, leaders are told when the
        order goes to them."""
        now = fields.Datetime.now()
        orders = self.sudo().with_context(**NO_TRACKING)
        orders._hotline_cancel_dispatch_clocks()
        orders.write({"hotline_state": "dispatched", "hotline_date_dispatched": now, "hotline_date_signed": False})
        new = orders.filtered(lambda o: o.state == "new")
        if new:
            new._move_to_state("acknowledged")
        orders._clock_event("hotline_dispatched", now)
        signs = {order.id: order._hotline_clock("hotline_sign_for") for order in orders}
        from_departments = from_departments or {}
        orders._hotline_hop(
            kind,
            reason=reason,
            per_order={
                order.id: {
                    "deadline": signs[order.id].date_due,
                    "from_department_id": from_departments[order.id].id if order.id in from_departments else False,
                }
                for order in orders
            },
        )
        force_send = len(orders) == 1
        for order in orders:
            sign = signs[order.id]
            departments = order.hotline_department_id | order.hotline_co_department_ids
            users = departments.leader_id if order.hotline_to_leader else departments.member_ids | departments.leader_id
            order._hotline_assign_handler()
            if order.hotline_site_manager_id:
                order._hotline_notify(
                    order.hotline_site_manager_id,
                    order._hotline_env()._(
                        "You are the first responsible person of this order as manager of %(area)s.",
                        area=order.hotline_area_id.name,
                    ),
                )
            order._hotline_notify(
                users,
                order._hotline_env()._(
                    "Work order dispatched to %(department)s; sign for it by %(due)s.",
                    department=order.hotline_department_id.name,
                    due=order.company_id._complaint_format_datetime(sign.date_due) if sign else "-",
                ),
                force_send=force_send,
            )

    def _hotline_assign_handler(self):
        """The handler (处理人) of a dispatched order is the department's:
        the site manager of the order's service area (first responsible
        person, seed 002), else the lead department's first internal member,
        else its leader; the leader first when the order goes to the leaders.
        The centre's people do not stay the handler."""
        changes = defaultdict(self.browse)
        for order in self:
            manager = order.hotline_area_id._hotline_site_manager()
            department = order.hotline_department_id
            member = department.member_ids.filtered(lambda u: not u.share)[:1]
            if order.hotline_to_leader:
                handler = department.leader_id or manager or member
            else:
                handler = manager or member or department.leader_id
            values = {}
            if manager != order.hotline_site_manager_id:
                values["hotline_site_manager_id"] = manager.id
            if handler and handler != order.user_id:
                values["user_id"] = handler.id
            if values:
                changes[tuple(sorted(values.items()))] |= order
        # one write per set of equal values (a batch dispatched to one
        # department); the dispatch notice tells the handler, Odoo's "assigned
        # to you" mail would say it twice
        for values, orders in changes.items():
            orders.with_context(mail_auto_subscribe_no_notify=True).write(dict(values))

    def _hotline_cancel_dispatch_clocks(self):
        self.sudo().clock_ids.filtered(
            lambda c: c.kind_id.code in DISPATCH_CLOCKS and c.state in ("running", "paused", "breached")
        )._cancel()

    def action_hotline_sign(self):
        """Sign for (签收): the department accepts the order."""
        self._hotline_check("lead", states=("dispatched",))
        now = fields.Datetime.now()
        orders = self.sudo().with_context(**NO_TRACKING)
        signs = {order.id: order._hotline_clock("hotline_sign_for") for order in orders}
        on_time = {
            order_id: not sign or (sign.state != "breached" and now <= sign.date_due)
            for order_id, sign in signs.items()
        }
        orders.write({"hotline_state": "signed", "hotline_date_signed": now, "hotline_signed_by_id": self.env.uid})
        # the department's user who signs for it handles it (not a dispatcher
        # signing on its behalf, nor a portal account)
        user = self.env.user
        if not user.share and not self.env.su and not user.has_group(GROUP_DISPATCHER):
            orders.filtered(lambda o: o.user_id != user).write({"user_id": user.id})
        orders.filtered(lambda o: o.state in ("new", "acknowledged"))._move_to_state("in_progress")
        orders._hotline_hop(
            "sign",
            per_order={
                order_id: {"deadline": sign.date_due, "on_time": on_time[order_id]} for order_id, sign in signs.items()
            },
        )
        self.sudo()._clock_event("hotline_signed", now)
        return True

    def action_hotline_return(self, reason, dispute=False):
        """Return (退单) a mis-routed order to the centre, with a reason,
        within the return limit; not after an arbitration."""
        self._hotline_check("lead", states=("dispatched", "signed"))
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Say why the order is returned."))
        now = fields.Datetime.now()
        for order in self.sudo():
            if order.hotline_arbitrated:
                raise UserError(self.env._("%s was arbitrated by the centre: it cannot be returned.", order.name))
            window = order._hotline_clock("hotline_return_window")
            if window and (window.state == "breached" or now > window.date_due):
                raise UserError(
                    self.env._(
                        "The time to return %(order)s ended on %(due)s.",
                        order=order.name,
                        due=order.company_id._complaint_format_datetime(window.date_due),
                    )
                )
            department = order.hotline_department_id
            order._hotline_hop("return", department=department, reason=reason, on_time=True)
            order._hotline_cancel_dispatch_clocks()
            order.write({"hotline_state": "returned", "hotline_date_signed": False})
            order._hotline_notify(
                order.team_id.leader_id | order.team_id.member_ids,
                order._hotline_env()._(
                    "%(department)s returned the order%(dispute)s: %(reason)s",
                    department=department.name,
                    dispute=order._hotline_env()._(" (dispute, to arbitrate)") if dispute else "",
                    reason=reason,
                ),
            )
        return True

    def action_hotline_transfer(self, department, reason=None, co_departments=None):
        """Re-dispatch (转办) by the centre to another lead department."""
        self._hotline_check("dispatcher", states=("dispatched", "signed", "returned"))
        department = self.env["complaint.team"].browse(department.id if hasattr(department, "id") else department)
        if department.hotline_kind != "department":
            raise ValidationError(self.env._("Choose a handling department."))
        previous = {order.id: order.hotline_department_id for order in self}
        values = {"hotline_department_id": department.id}
        if co_departments is not None:
            values["hotline_co_department_ids"] = [Command.set(co_departments.ids)]
        self.sudo().with_context(**NO_TRACKING).write(values)
        self._hotline_send("transfer", from_departments=previous, reason=reason)
        return True

    def action_hotline_arbitrate(self, department, reason):
        """Arbitration (仲裁) of a dispute over who handles the order: the
        centre's decision is final, the department cannot return it again."""
        self._hotline_check("dispatcher", states=("returned", "dispatched"))
        if not (reason or "").strip():
            raise ValidationError(self.env._("Give the reason of the arbitration."))
        department = self.env["complaint.team"].browse(department.id if hasattr(department, "id") else department)
        if department.hotline_kind != "department":
            raise ValidationError(self.env._("Choose a handling department."))
        previous = {order.id: order.hotline_department_id for order in self}
        self.sudo().with_context(**NO_TRACKING).write(
            {"hotline_department_id": department.id, "hotline_arbitrated": True}
        )
        self._hotline_send("arbitration", from_departments=previous, reason=reason)
        return True

    # --- supervision -----------------------------------------------------------
    def action_hotline_remind(self, note=None):
        """Reminder (催办) to the department; the third one puts the order on
        the supervision list."""
        self._hotline_check("dispatcher", states=("dispatched", "signed"))
        for order in self.sudo():
            order._hotline_hop("reminder", reason=note)
            department = order.hotline_department_id
            order._hotline_notify(
                department.leader_id | department.member_ids,
                order._hotline_env()._("Reminder from the hotline centre: %s", note or order.name),
            )
            if order.hotline_reminder_count >= 3 and not order.is_supervised:
                order._hotline_supervise(order._hotline_env()._("Three reminders without result."))
        return True

    def action_hotline_supervise(self, reason=None):
        """Put the orders on the supervision list (督办)."""
        self._hotline_check("dispatcher")
        for order in self.sudo().filtered(lambda o: not o.is_supervised):
            order._hotline_supervise(reason or order._hotline_env()._("Supervised by the hotline centre."))
        return True

    def _hotline_supervise(self, reason):
        self.ensure_one()
        self.write({"is_supervised": True, "date_supervised": fields.Datetime.now(), "supervision_reason": reason})
        self._hotline_hop("supervision", reason=reason)

    # --- reply, close, callback ---------------------------------------------------
    def action_hotline_reply(self, reply):
        """Reply (答复) by the lead department: the handling clock is met,
        every caller of the order (its merged duplicates too) is told."""
        self._hotline_check("lead", states=("signed",))
        reply = (reply or "").strip()
        if not reply:
            raise ValidationError(self.env._("Write the reply to the caller."))
        now = fields.Datetime.now()
        for order in self.sudo():
            handle = order._hotline_clock("hotline_handle")
            on_time = not handle or (handle.state != "breached" and now <= handle.date_due)
            order.write(
                {
                    "hotline_reply": reply,
                    "hotline_date_replied": now,
                    "hotline_reply_on_time": on_time,
                    "hotline_state": "replied",
                    "validity": "valid" if order.validity == "pending" else order.validity,
                    "resolution": Markup("<p>%s</p>") % reply,
                }
            )
            order._hotline_hop("reply", reason=reply, deadline=handle.date_due, on_time=on_time)
            order._move_to_state("resolved")
            order._hotline_inform_callers(reply)
        return True

    def _hotline_inform_callers(self, reply):
        """Every caller of the order and of the orders merged into it hears
        the reply: the merged orders carry it and are closed along."""
        now = fields.Datetime.now()
        for order in self.sudo():
            order.hotline_caller_ids.filtered(lambda c: not c.date_informed).write({"date_informed": now})
            merged = order.hotline_merged_ids
            if merged:
                merged.write({"hotline_reply": reply, "hotline_date_replied": now})
                for duplicate in merged:
                    duplicate.message_post(
                        body=duplicate._hotline_env()._(
                            "Reply given under %(master)s: %(reply)s", master=order.name, reply=reply
                        ),
                        subtype_xmlid="mail.mt_note",
                    )

    def action_hotline_close(self):
        """Close (办结) after the reply; the callback clock keeps running."""
        self._hotline_check("dispatcher", states=("replied",))
        for order in self.sudo():
            order._move_to_state("closed")
            order.write({"hotline_state": "closed"})
            order._hotline_hop("close", on_time=order.hotline_reply_on_time)
        return True

    def action_hotline_callback(self, satisfaction, resolved=True, note=None):
        """Callback (回访) with the caller's satisfaction; a dissatisfied
        caller sends the order back to the department (重办)."""
        self._hotline_check("agent", states=("replied", "closed"))
        if satisfaction not in dict(self._fields["hotline_satisfaction"].selection):
            raise ValidationError(self.env._("Choose the caller's satisfaction."))
        now = fields.Datetime.now()
        for order in self.sudo():
            order.write(
                {
                    "hotline_satisfaction": satisfaction,
                    "hotline_resolved": bool(resolved),
                    "hotline_date_callback": now,
                    "satisfaction_outcome": "satisfied" if satisfaction != "dissatisfied" else "dissatisfied",
                    "date_satisfaction": now,
                }
            )
            order._hotline_hop(
                "callback",
                reason=note,
                on_time=True,
                per_order={order.id: {"callback_satisfaction": satisfaction, "callback_resolved": bool(resolved)}},
            )
            order._clock_event("callback_done", now)
            if satisfaction == "dissatisfied":
                order._hotline_rework(note or order._hotline_env()._("The caller is not satisfied."))
        return True

    def _hotline_rework(self, reason):
        """Re-handling (重办): back to the lead department, which signs for it
        again; the handling clock starts again."""
        self.ensure_one()
        self._hotline_hop("rework", reason=reason)
        self._reopen_for_rehandling(self._hotline_env()._("Re-handling (重办)"), reason)
        self.write({"hotline_reply": False, "hotline_date_replied": False})
        self._hotline_send("dispatch", reason=reason)

    # --- duplicates ----------------------------------------------------------------
    def action_hotline_merge_into(self, master):
        """Merge (并单) these duplicates into ``master``: their callers join
        the master's callers and hear its reply; their clocks stop."""
        self._hotline_check("agent")
        master = self.browse(master.id if hasattr(master, "id") else master)
        master._hotline_check("agent")
        if master in self or master.hotline_state in ("merged",):
            raise UserError(self.env._("Merge into another open order."))
        for order in self.sudo():
            if order.hotline_state in ("closed", "merged"):
                raise UserError(self.env._("%s is closed or merged already.", order.name))
            order.hotline_caller_ids.write({"order_id": master.id})
            order.write({"hotline_merged_into_id": master.id, "hotline_state": "merged"})
            order.clock_ids._cancel()
            order._hotline_hop("merge", reason=master.name)
            order.with_context(complaint_resolve_override=True)._move_to_state("cancelled")
        master.sudo()._hotline_hop("merge", reason=", ".join(self.mapped("name")))
        return True

    def _team_role_users(self, code):
        if code == "hotline_department_leader":
            self.ensure_one()
            return self.hotline_department_id.leader_id
        return super()._team_role_users(code)

    @api.model
    def _hotline_demo_story(self):
        """The demo's month at the district hotline: dispatches, a return and
        re-dispatch, reminders, supervision, replies and callbacks, each done
        by the demo user whose job it is (the centre's dispatcher and seat
        agent, the departments' handlers, the service area's manager)."""
        ref = self.env.ref
        self.env.company.hotline_centre_team_id = ref("complaint_hotline.hotline_team_centre")
        orders = self.with_context(tracking_disable=True, mail_notrack=True)

        def by(login, record):
            return orders.with_user(ref(f"complaint_hotline.{login}")).browse(ref(record).id)

        def pick(record, login):
            return by(login, f"complaint_hotline.{record}")

        centre = "demo_user_centre"
        (
            pick("hotline_order_water", centre)
            | pick("hotline_order_noise", centre)
            | pick("hotline_order_wages", centre)
            | pick("hotline_order_service_area", centre)
            | pick("hotline_order_water_leak", centre)
        ).action_hotline_dispatch()
        pick("hotline_order_water", "demo_user_water").action_hotline_sign()
        pick("hotline_order_water", "demo_user_water").action_hotline_reply(
            "已协调水务集团抢修，当晚恢复供水，并向居民致歉。"
        )
        pick("hotline_order_water", centre).action_hotline_close()
        pick("hotline_order_water", "demo_user_agent").action_hotline_callback("satisfied", True, "居民表示满意。")
        pick("hotline_order_noise", "demo_user_urban").action_hotline_return(
            "噪音属夜间施工许可事项，应由街道核查。", dispute=True
        )
        pick("hotline_order_noise", centre).action_hotline_transfer(
            ref("complaint_hotline.hotline_team_street"), "中心转办街道核查。"
        )
        pick("hotline_order_noise", "demo_user_street").action_hotline_sign()
        pick("hotline_order_wages", centre).action_hotline_remind("请尽快联系企业核实欠薪情况。")
        pick("hotline_order_wages", centre).action_hotline_supervise("欠薪涉及多名工人，列入督办。")
        # seed 002: the service area's manager, first responsible person, signs for and replies
        site = "demo_user_site_manager"
        pick("hotline_order_service_area", site).action_hotline_sign()
        pick("hotline_order_service_area", site).action_hotline_reply("已安排保洁加强巡查，补充纸巾并放置防滑提示。")
        pick("hotline_order_service_area", centre).action_hotline_close()
        pick("hotline_order_service_area", "demo_user_agent").action_hotline_callback(
            "dissatisfied", False, "回访时仍无纸巾。"
        )
