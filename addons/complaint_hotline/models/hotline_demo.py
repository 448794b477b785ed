"""The demo's month at the district hotline: the plan of
:mod:`..rules.demo_month` played through the work orders' own methods, each
step by the demo user whose job it is and at its own time in the past.

The steps run under a demo clock: while a step runs, ``fields.Datetime.now()``
(and every default that calls it: the hops' dates, the chatter's, the clocks')
answers the step's time, in this thread only.  Demo data only: nothing else
calls it."""

import logging
import random
import threading
import time as timer
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo import fields as odoo_fields
from odoo.exceptions import UserError

from ..rules import demo_month

_logger = logging.getLogger(__name__)
_REAL_DATETIME = datetime
_DEMO_TIME = threading.local()
UTC = ZoneInfo("UTC")

XMLID = "hotline_month_order_%03d"
CATEGORIES = {
    "water": "hotline_category_water",
    "noise": "hotline_category_noise",
    "city": "hotline_category_city",
    "urban": "hotline_category_urban",
    "sanitation": "hotline_category_sanitation",
    "property": "hotline_category_property",
    "wages": "hotline_category_wages",
    "insurance": "hotline_category_insurance",
    "sa_toilets": "hotline_category_sa_toilets",
    "sa_catering": "hotline_category_sa_catering",
    "sa_fuel": "hotline_category_sa_fuel",
}
#: categories whose routing rule picks the right department; the others are dispatched by hand
ROUTED = {"water", "noise", "city", "wages", "insurance", "sa_toilets", "sa_catering", "sa_fuel"}
DEPARTMENTS = {
    "water": ("hotline_team_water", "demo_user_water"),
    "urban": ("hotline_team_urban", "demo_user_urban"),
    "street": ("hotline_team_street", "demo_user_street"),
    "hrss": ("hotline_team_hrss", "demo_user_hrss"),
    # seed 002: the service area's manager, first responsible person, signs for and replies
    "service_area": ("hotline_team_service_area_qc", "demo_user_site_manager"),
}
AREAS = {
    "wenxin": "hotline_area_street",
    "cuiyuan": "hotline_area_cuiyuan",
    "gudang": "hotline_area_gudang",
    "beishan": "hotline_area_beishan",
    "liuxia": "hotline_area_liuxia",
    "service_area": "hotline_area_service_area",
}
CHANNELS = {
    "hotline": "complaint_base.complaint_channel_hotline",
    "email": "complaint_base.complaint_channel_email",
    "opinion_box": "complaint_base.complaint_channel_opinion_box",
    "app": "complaint_hotline.hotline_channel_app",
    "mini_program": "complaint_hotline.hotline_channel_mini_program",
    "posted_number": "complaint_hotline.hotline_channel_posted_number",
}


class _DemoDatetimeType(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, _REAL_DATETIME)

    def __subclasscheck__(cls, subclass):
        return issubclass(subclass, _REAL_DATETIME)


class _DemoDatetime(_REAL_DATETIME, metaclass=_DemoDatetimeType):
    """``datetime`` whose ``now()`` answers the demo step's time in the
    thread that plays the demo, the real time elsewhere."""

    @classmethod
    def now(cls, tz=None):
        when = getattr(_DEMO_TIME, "now", None)
        if when is None:
            return _REAL_DATETIME.now(tz)
        return when if tz is None else when.replace(tzinfo=UTC).astimezone(tz)


@contextmanager
def demo_clock():
    """Yield ``at(when)``, a context manager running its block at ``when``
    (naive UTC) for ``fields.Datetime.now()``."""

    @contextmanager
    def at(when):
        _DEMO_TIME.now = when.replace(microsecond=0)
        try:
            yield
        finally:
            _DEMO_TIME.now = None

    saved = odoo_fields.datetime
    odoo_fields.datetime = _DemoDatetime
    try:
        yield at
    finally:
        odoo_fields.datetime = saved
        _DEMO_TIME.now = None


class _Month:
    """Plays the plan: one order after the other, each of its steps at its time."""

    def __init__(self, env, plans, start, now, at):
        self.env = env
        self.plans = plans
        self.start = start  # first local day
        self.now = now  # the real time (naive UTC): nothing happens after it
        self.at = at
        self.company = env.company
        self.tz = ZoneInfo(self.company._complaint_tz())
        ref = env.ref
        self.user = {key: ref(f"complaint_hotline.{key}") for key in ("demo_user_agent", "demo_user_centre")}
        self.agent, self.centre = self.user["demo_user_agent"], self.user["demo_user_centre"]
        self.portal = ref("complaint_hotline.demo_user_water_portal")
        self.departments = {key: ref(f"complaint_hotline.{team}") for key, (team, __) in DEPARTMENTS.items()}
        self.handlers = {key: ref(f"complaint_hotline.{user}") for key, (__, user) in DEPARTMENTS.items()}
        self.wrong_handlers = dict(self.handlers, service_area=ref("complaint_hotline.demo_user_qc"))
        # demo orders, like those of the data files, send no acknowledgement to their callers
        self.Orders = env["complaint.complaint"].with_context(
            tracking_disable=True, mail_notrack=True, complaint_no_acknowledgement=True
        )
        self.xmlids = []
        self._ids = {}

    def ref_id(self, xmlid):
        if xmlid not in self._ids:
            self._ids[xmlid] = self.env.ref(xmlid if "." in xmlid else f"complaint_hotline.{xmlid}").id
        return self._ids[xmlid]

    # --- time ---------------------------------------------------------------
    def local(self, when):
        return when.replace(tzinfo=UTC).astimezone(self.tz)

    def utc(self, day, minute):
        local = datetime.combine(self.start + timedelta(days=day), time(minute // 60, minute % 60), tzinfo=self.tz)
        return local.astimezone(UTC).replace(tzinfo=None)

    def daytime(self, when, rng):
        """``when``, or the next morning when it falls in the night (08:30-21:00 local)."""
        local = self.local(when)
        if 8.5 <= local.hour + local.minute / 60 < 21:
            return when
        day = local.date() + timedelta(days=1 if local.hour >= 21 else 0)
        morning = datetime.combine(day, time(8, 30), tzinfo=self.tz) + timedelta(minutes=rng.randrange(150))
        return morning.astimezone(UTC).replace(tzinfo=None)

    def due(self, order, code):
        clock = order.sudo().clock_ids.filtered(
            lambda c: c.kind_id.code == code and c.state in ("running", "paused", "breached")
        )[:1]
        return clock.date_due

    def step(self, when, user, order, method, *args, **kwargs):
        """Run ``order.method(*args)`` as ``user`` at ``when``; False when
        ``when`` is still to come (the order stays where it is)."""
        if when >= self.now:
            return False
        with self.at(when):
            self.scheduler(order if order._name == "complaint.complaint" else order.order_id, when)
            getattr(order.with_user(user), method)(*args, **kwargs)
        return True

    def scheduler(self, orders, when):
        """What the scheduler did on these orders' clocks before ``when``:
        breaches and their escalation steps (overdue: supervision list)."""
        clocks = orders.sudo().clock_ids.filtered(
            lambda c: c.state in ("running", "breached") and c.next_check and c.next_check <= when
        )
        if clocks:
            clocks._process(when)

    # --- the month ------------------------------------------------------------
    def run(self):
        for plan in self.plans:
            when = self.utc(plan.day, plan.minute)
            if when >= self.now:
                continue
            rng = random.Random(plan.seed)  # noqa: S311 - demo data, reproducible on purpose
            order = self.register(plan, when)
            self.xmlids.append((XMLID % plan.index, order))
            if not plan.answered_on_call:
                self.work(plan, order, when, rng)
        self.env["ir.model.data"].create(
            [
                {
                    "module": "complaint_hotline",
                    "name": name,
                    "model": order._name,
                    "res_id": order.id,
                    "noupdate": True,
                }
                for name, order in self.xmlids
            ]
        )
        orders = self.Orders.browse([order.id for __, order in self.xmlids])
        with self.at(self.now):
            self.scheduler(orders, self.now)
        return orders

    def values(self, plan, when):
        ref_id = self.ref_id
        values = {
            "subject": plan.subject,
            "description": plan.description or False,
            "contact_name": plan.contact_name,
            "contact_phone": plan.contact_phone,
            "hotline_order_type": plan.order_type,
            "hotline_urgency": plan.urgency,
            "hotline_line_id": ref_id(f"hotline_line_{plan.line}"),
            "hotline_area_id": ref_id(AREAS[plan.area]),
            "hotline_address": plan.address or False,
            "channel_id": ref_id(CHANNELS[plan.channel]),
            "team_id": ref_id("hotline_team_centre"),
            "hotline_agent_id": self.agent.id,
            "hotline_recording_ref": f"REC-{self.local(when):%Y%m%d}-{plan.index:04d}"
            if plan.channel == "hotline"
            else False,
            "date_received": when,
        }
        if plan.category:
            values["category_id"] = ref_id(CATEGORIES[plan.category])
        if plan.knowledge:
            values["hotline_knowledge_id"] = ref_id(f"hotline_knowledge_{plan.knowledge}")
            values["hotline_answered_on_call"] = plan.answered_on_call
        return values

    def register(self, plan, when):
        """受理: the seat agent registers the call (a consultation answered
        from the knowledge base closes at once)."""
        with self.at(when):
            return self.Orders.with_user(self.agent).create(self.values(plan, when)).with_user(self.env.user)

    def dispatch(self, order, when, department, explicit):
        """派单 by the centre: by the routing rules, or to ``department`` by hand."""
        if when >= self.now:
            return False
        with self.at(when):
            centre = order.with_user(self.centre)
            if explicit:
                centre.write({"hotline_department_id": department.id})
            try:
                centre.action_hotline_dispatch()
            except UserError:  # no routing rule matched: the dispatcher chooses
                centre.write({"hotline_department_id": department.id})
                centre.action_hotline_dispatch()
        return True

    def work(self, plan, order, when, rng):
        right = self.departments[plan.department]
        explicit = plan.category not in ROUTED or plan.wrong_departments
        first = self.departments[plan.wrong_departments[0]] if plan.wrong_departments else right
        when = when + timedelta(minutes=rng.randint(3, 40))
        if not self.dispatch(order, when, first, explicit):
            return
        # mis-routed: the wrong department returns it, the centre re-dispatches or arbitrates
        for position, wrong in enumerate(plan.wrong_departments):
            when = self.daytime(when + timedelta(minutes=rng.randint(30, 300)), rng)
            reason = demo_month.RETURN_REASONS[wrong]
            if not self.step(when, self.wrong_handlers[wrong], order, "action_hotline_return", reason, plan.dispute):
                return
            when += timedelta(minutes=rng.randint(20, 120))
            following = plan.wrong_departments[position + 1 :]
            target = self.departments[following[0]] if following else right
            if not following and plan.arbitrate:
                done = self.step(
                    when, self.centre, order, "action_hotline_arbitrate", target, "经协调，由职能部门承办，不得再退单。"
                )
            else:
                done = self.step(when, self.centre, order, "action_hotline_transfer", target, "中心转办职能部门处理。")
            if not done:
                return
        satisfactions = list(plan.satisfactions)
        handler = self.portal if plan.portal else self.handlers[plan.department]
        duplicate = plan.duplicate_caller
        while True:
            # 签收
            due = self.due(order, "hotline_sign_for") or when + timedelta(hours=2)
            if plan.sign_late:
                sign_at = due + timedelta(minutes=rng.randint(20, 360))
            elif self.local(when).hour in range(8, 18):
                sign_at = min(when + timedelta(minutes=rng.randint(5, 90)), max(due - timedelta(minutes=5), when))
            else:
                sign_at = max(when + timedelta(minutes=5), due - timedelta(minutes=rng.randint(15, 100)))
            if duplicate:  # a second caller of the same issue, merged by the seat agent
                self.merge_duplicate(plan, order, when + (sign_at - when) / 2, duplicate)
                duplicate = None
            when = sign_at
            if not self.step(when, handler, order, "action_hotline_sign"):
                return
            if plan.extension and not plan.portal:
                when = self.daytime(when + timedelta(hours=rng.randint(2, 30)), rng)
                if when >= self.now:
                    return
                with self.at(when):
                    request = (
                        self.env["hotline.extension"]
                        .with_user(handler)
                        .create(
                            {"order_id": order.id, "amount": 3, "unit": "working_days", "reason": plan.extension_reason}
                        )
                    )
                when += timedelta(minutes=rng.randint(30, 240))
                decision = "action_approve" if plan.extension == "approve" else "action_refuse"
                if not self.step(when, self.centre, request, decision):
                    return
                plan.extension = None
            # 答复, with the centre's reminders and supervision on the way
            due = self.due(order, "hotline_handle") or when + timedelta(days=7)
            if plan.reply_late or due <= when:
                reply_at = max(due, when) + timedelta(minutes=rng.randint(60, 1800))
            else:
                reply_at = when + (due - when) * rng.uniform(0.1, 0.8)
            reply_at = self.daytime(reply_at, rng)
            for number in range(plan.reminders):
                remind_at = when + (reply_at - when) * (number + 1) / (plan.reminders + 2)
                note = demo_month.REMINDER_NOTES[number]
                if not self.step(remind_at, self.centre, order, "action_hotline_remind", note):
                    return
            if plan.supervise:
                supervise_at = when + (reply_at - when) * (plan.reminders + 1) / (plan.reminders + 2)
                reason = rng.choice(demo_month.SUPERVISION_REASONS)
                if not self.step(supervise_at, self.centre, order, "action_hotline_supervise", reason):
                    return
                plan.supervise = False
            plan.reminders = 0
            when = reply_at
            if not self.step(when, handler, order, "action_hotline_reply", plan.reply):
                return
            # 办结 by the centre, 回访 by a seat agent the next working day
            when = self.daytime(when + timedelta(minutes=rng.randint(20, 240)), rng)
            if not self.step(when, self.centre, order, "action_hotline_close"):
                return
            if not satisfactions:
                return
            satisfaction = satisfactions.pop(0)
            when = self.daytime(when + timedelta(hours=rng.randint(16, 28)), rng)
            note = rng.choice(demo_month.CALLBACK_NOTES[satisfaction])
            resolved = satisfaction != "dissatisfied" and rng.random() < 0.95
            if not self.step(when, self.agent, order, "action_hotline_callback", satisfaction, resolved, note):
                return
            if satisfaction != "dissatisfied":
                return
            # 重办: back to the department, which signs for it again
            plan.sign_late = plan.reply_late = False

    def merge_duplicate(self, plan, master, when, caller):
        if when >= self.now:
            return
        values = self.values(plan, when)
        values.update(contact_name=caller[0], contact_phone=caller[1], hotline_recording_ref=False)
        with self.at(when):
            duplicate = self.Orders.with_user(self.agent).create(values)
        self.xmlids.append((XMLID % plan.index + "_dup", duplicate))
        self.step(when + timedelta(minutes=4), self.agent, duplicate, "action_hotline_merge_into", master)


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    @api.model
    def _hotline_demo_month(self, count=160, seed=12345):
        """Demo data: a month of calls at the district hotline, every step
        by its demo user at its time (see :mod:`..rules.demo_month`), then
        the department assessment of last month and of this month.  Runs
        once (its orders keep their xml ids)."""
        if self.env.ref(f"complaint_hotline.{XMLID % 1}", raise_if_not_found=False):
            return False
        started = timer.monotonic()
        company = self.env.company
        tz = ZoneInfo(company._complaint_tz())
        now = fields.Datetime.now()
        today = now.replace(tzinfo=UTC).astimezone(tz).date()
        last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        # the 30 days before today, or from the first of last month when that is earlier:
        # last month's assessment covers a whole month of orders
        days = max(30, (today - last_month).days)
        start = today - timedelta(days=days)
        weekdays = [(start + timedelta(days=day)).weekday() for day in range(days)]
        plans = demo_month.plan_month(count=count, days=days, seed=seed, weekdays=weekdays)
        with demo_clock() as at:
            orders = _Month(self.env, plans, start, now, at).run()
        centre = self.env.ref("complaint_hotline.demo_user_centre")
        Assessment = self.env["hotline.assessment"].with_user(centre)
        Assessment._compute_period(last_month, today.replace(day=1) - timedelta(days=1), company)
        if today.day > 1:
            Assessment._compute_period(today.replace(day=1), today, company)
        _logger.info(
            "hotline demo: %s work orders over %s days from %s in %.1f s",
            len(orders),
            days,
            start,
            timer.monotonic() - started,
        )
        return len(orders)
