import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine.deadlines import compute_due, remaining_minutes, resumed_due, threshold_time
from ..plugins import call_hook

_logger = logging.getLogger(__name__)

CLOCK_STATES = [
    ("running", "Running"),
    ("paused", "Paused"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("cancelled", "Cancelled"),
]
OPEN_CLOCK_STATES = ("running", "paused", "breached")
CLOCK_EVENTS = [
    ("start", "Started"),
    ("pause", "Paused"),
    ("resume", "Resumed"),
    ("met", "Met"),
    ("breach", "Breached"),
    ("reset", "Reset"),
    ("cancel", "Cancelled"),
    ("recompute", "Due Time Recomputed"),
    ("step", "Escalation Step"),
]
PRIORITY_ORDER = ["0", "1", "2", "3"]


class ComplaintClock(models.Model):
    _name = "complaint.clock"
    _description = "Complaint Deadline Clock"
    _order = "date_due, id"
    _rec_name = "kind_id"

    complaint_id = fields.Many2one("complaint.complaint", required=True, index=True, ondelete="cascade")
    kind_id = fields.Many2one("complaint.clock.kind", string="Clock", required=True, ondelete="restrict", index=True)
    target_id = fields.Many2one("complaint.deadline.target", ondelete="set null")
    policy_id = fields.Many2one("complaint.deadline.policy", ondelete="set null", index=True)
    unit = fields.Selection(related="target_id.unit")
    state = fields.Selection(CLOCK_STATES, required=True, default="running", index=True)
    date_start = fields.Datetime(string="Started On", required=True)
    date_due = fields.Datetime(string="Due On", index=True)
    date_paused = fields.Datetime(string="Paused Since")
    remaining_minutes = fields.Float(help="Time left when the clock was paused (working minutes for working units).")
    paused_minutes = fields.Float(string="Paused (minutes)", help="Wall-clock minutes spent paused.")
    date_met = fields.Datetime(string="Met On")
    date_breached = fields.Datetime(string="Breached On")
    is_late = fields.Boolean(string="Met Late", help="Met after its due time.")
    next_check = fields.Datetime(
        index=True, help="When the scheduler next looks at this clock (next escalation step or the due time)."
    )
    event_ids = fields.One2many("complaint.clock.event", "clock_id", string="History")
    # denormalised for reporting and record rules
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    team_id = fields.Many2one(related="complaint_id.team_id", store=True, index=True)
    user_id = fields.Many2one(related="complaint_id.user_id", store=True, index=True, string="Handler")
    result = fields.Selection(
        [("pending", "Pending"), ("on_time", "On Time"), ("late", "Late")],
        compute="_compute_result",
        store=True,
        help="On time: met before its due time; late: breached or met after it.",
    )

    @api.depends("state", "is_late")
    def _compute_result(self):
        for clock in self:
            if clock.state == "met":
                clock.result = "late" if clock.is_late else "on_time"
            elif clock.state == "breached":
                clock.result = "late"
            else:
                clock.result = "pending"

    @api.depends("kind_id", "date_due")
    def _compute_display_name(self):
        for clock in self:
            clock.display_name = clock.kind_id.name or ""

    # ------------------------------------------------------------------ calendar
    def _calendars(self):
        """Business calendar per complaint team calendar, built once a batch."""
        holidays = self.env["resource.calendar"]._complaint_holiday_sets()
        cache = {}

        def calendar_of(complaint):
            calendar = complaint.team_id.resource_calendar_id or complaint.company_id._complaint_calendar()
            if calendar.id not in cache:
                cache[calendar.id] = calendar.sudo()._complaint_business_calendar(holidays)
            return cache[calendar.id]

        return calendar_of

    # ------------------------------------------------------------------ events
    def _log(self, event, note=None, when=None):
        self.env["complaint.clock.event"].sudo().create(
            [
                {
                    "clock_id": clock.id,
                    "event": event,
                    "date": when or fields.Datetime.now(),
                    "note": note,
                }
                for clock in self
            ]
        )

    @api.model
    def _start(self, complaint, target, start, calendar_of=None):
        calendar_of = calendar_of or self._calendars()
        values = {"kind": target.kind_id.code, "amount": target.amount, "unit": target.unit}
        for change in call_hook(
            "complaint_adjust_deadline",
            complaint._installed_complaint_addons(),
            complaint=complaint._plugin_data(),
            clock=dict(values),
        ):
            values.update(change or {})
        due = compute_due(calendar_of(complaint), start, values["amount"], values["unit"], target.time_of_day or None)
        clock = self.sudo().create(
            {
                "complaint_id": complaint.id,
                "kind_id": target.kind_id.id,
                "target_id": target.id,
                "policy_id": target.policy_id.id,
                "date_start": start,
                "date_due": due,
            }
        )
        clock._log("start", when=start)
        clock._schedule_next_check(calendar_of)
        return clock

    def _meet(self, when=None):
        when = when or fields.Datetime.now()
        for clock in self.filtered(lambda c: c.state in OPEN_CLOCK_STATES):
            late = clock.state == "breached" or (clock.date_due and when > clock.date_due)
            clock.write({"state": "met", "date_met": when, "is_late": late, "next_check": False, "date_paused": False})
            clock._log("met", when=when)

    def _cancel(self):
        open_clocks = self.filtered(lambda c: c.state in OPEN_CLOCK_STATES)
        open_clocks.write({"state": "cancelled", "next_check": False})
        open_clocks._log("cancel")

    def _pause(self, when=None):
        when = when or fields.Datetime.now()
        calendar_of = self._calendars()
        for clock in self.filtered(lambda c: c.state == "running"):
            left = remaining_minutes(calendar_of(clock.complaint_id), clock.unit or "hours", when, clock.date_due)
            clock.write({"state": "paused", "date_paused": when, "remaining_minutes": left, "next_check": False})
            clock._log("pause", when=when)

    def _resume(self, when=None):
        when = when or fields.Datetime.now()
        calendar_of = self._calendars()
        for clock in self.filtered(lambda c: c.state == "paused"):
            due = resumed_due(calendar_of(clock.complaint_id), clock.unit or "hours", when, clock.remaining_minutes)
            clock.write(
                {
                    "state": "running",
                    "date_due": due,
                    "date_paused": False,
                    "paused_minutes": clock.paused_minutes + (when - clock.date_paused).total_seconds() / 60,
                }
            )
            clock._log("resume", when=when, note=self.env._("New due time: %s UTC", due))
            clock._schedule_next_check(calendar_of)

    def _recompute_due(self):
        calendar_of = self._calendars()
        for clock in self.filtered(lambda c: c.state in ("running", "breached") and c.target_id):
            target = clock.target_id
            due = compute_due(
                calendar_of(clock.complaint_id),
                clock.date_start,
                target.amount,
                target.unit,
                target.time_of_day or None,
            )
            # time spent paused does not count against the complainant's clock
            due += timedelta(minutes=clock.paused_minutes or 0)
            state = clock.state
            if state == "breached" and due > fields.Datetime.now():
                state = "running"
            clock.write({"date_due": due, "state": state})
            clock._log("recompute", note=self.env._("New due time: %s UTC", due))
            clock._schedule_next_check(calendar_of)

    # ------------------------------------------------------------ thresholds
    def _step_time(self, step, calendar):
        self.ensure_one()
        return threshold_time(
            calendar,
            self.unit or "hours",
            self.date_start,
            self.date_due,
            step.threshold,
            step.threshold_value,
            step.threshold_unit or "hours",
        )

    def _fired_step_ids(self):
        self.ensure_one()
        return set(self.event_ids.filtered(lambda e: e.event == "step").step_id.ids)

    def _schedule_next_check(self, calendar_of=None, fired=None):
        calendar_of = calendar_of or self._calendars()
        for clock in self:
            if clock.state not in ("running", "breached") or not clock.date_due:
                clock.next_check = False
                continue
            done = fired if fired is not None else clock._fired_step_ids()
            times = [
                clock._step_time(step, calendar_of(clock.complaint_id))
                for step in clock.target_id.step_ids
                if step.id not in done
            ]
            if clock.state == "running":
                times.append(clock.date_due)
            clock.next_check = min(times) if times else False

    # ------------------------------------------------------------ scheduler
    @api.model
    def _cron_process_clocks(self, batch_size=500):
        """Breach due clocks and apply escalation steps, one batch a run.

        Clocks are locked with SKIP LOCKED so that two workers share the work;
        each escalation step is claimed by a unique row in the event log, so a
        step (and the fines and messages it brings) never happens twice.
        The cron commits after each batch and runs again while work remains.
        """
        now = fields.Datetime.now()
        self.flush_model(["next_check", "state"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM complaint_clock
                    WHERE next_check <= %s AND state IN ('running', 'breached')
                    ORDER BY next_check, id
                    LIMIT %s
                    FOR UPDATE SKIP LOCKED""",
                now,
                batch_size,
            )
        )
        clocks = self.browse([row[0] for row in self.env.cr.fetchall()])
        clocks._process(now)
        remaining = self.search_count([("next_check", "<=", now), ("state", "in", ("running", "breached"))])
        self.env["ir.cron"]._notify_progress(done=len(clocks), remaining=remaining)
        return len(clocks)

    def _process(self, now):
        calendar_of = self._calendars()
        breaching = self.filtered(lambda c: c.state == "running" and c.date_due <= now)
        for clock in breaching:
            clock.write({"state": "breached", "date_breached": clock.date_due})
        self.env["complaint.clock.event"].sudo().create(
            [{"clock_id": clock.id, "event": "breach", "date": clock.date_due} for clock in breaching]
        )
        context = {"rules": {}, "fines": []}
        posts = {}
        fired_by_clock = {clock.id: clock._fired_step_ids() for clock in self}
        for clock in self:
            calendar = calendar_of(clock.complaint_id)
            fired = fired_by_clock[clock.id]
            notes, partners = [], self.env["res.partner"]
            for step in clock.target_id.step_ids:
                if step.id in fired or clock._step_time(step, calendar) > now:
                    continue
                if clock._claim_step(step, now):
                    fired.add(step.id)
                    step_notes, step_partners = clock._apply_step(step, context)
                    notes += step_notes
                    partners |= step_partners
            if notes:
                posts[clock] = (notes, partners)
            clock._schedule_next_check(calendar_of, fired)
        self.env["complaint.penalty"].sudo()._create_batch_once(context["fines"])
        self._post_escalations(posts)

    def _claim_step(self, step, now):
        """Insert the step's log row; False when another run already did."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """INSERT INTO complaint_clock_event
                       (clock_id, step_id, event, date, create_uid, create_date, write_uid, write_date)
                   VALUES (%s, %s, 'step', %s, %s, NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC')
                   ON CONFLICT (clock_id, step_id) WHERE step_id IS NOT NULL DO NOTHING
                   RETURNING id""",
                self.id,
                step.id,
                now,
                self.env.uid,
                self.env.uid,
            )
        )
        claimed = bool(self.env.cr.fetchone())
        if claimed:
            self.invalidate_recordset(["event_ids"])
        return claimed

    # ------------------------------------------------------------ actions
    def _recipients(self, action):
        """Users addressed by an escalation action."""
        complaint = self.complaint_id
        recipient = action.get("recipient")
        if recipient == "handler":
            return complaint.user_id
        if recipient == "team_leader":
            return complaint.team_id.leader_id
        if recipient == "team_role":
            roles = complaint.team_id.role_ids.filtered(lambda r: r.code == action.get("role_code"))
            return roles.user_id
        if recipient == "user":
            return self.env["res.users"].browse(action.get("user_id") or [])
        if recipient == "group":
            return self.env["res.groups"].browse(action.get("group_id") or []).users.filtered(lambda u: not u.share)
        return self.env["res.users"]

    def _apply_step(self, step, context=None):
        """Run the actions of ``step``; return (chatter lines, partners to notify)."""
        self.ensure_one()
        context = context if context is not None else {"rules": {}, "fines": None}
        complaint = self.complaint_id.sudo()
        actions = call_hook(
            "complaint_escalation_actions",
            complaint._installed_complaint_addons(),
            complaint=complaint._plugin_data(),
            clock=self._plugin_data(),
            step=step._as_plugin_dict(),
        )
        notes, partners = [], self.env["res.partner"]
        for action in (a for result in actions for a in (result or [])):
            method = getattr(self, f"_action_{action['action']}", None)
            if method is None:
                _logger.warning("unknown escalation action %s in step %s", action["action"], step.id)
                continue
            text, recipients = method(step, action, context)
            if text:
                notes.append(Markup("%s: %s") % (step.name, text))
            partners |= recipients
        return notes, partners

    def _post_escalations(self, posts):
        """Write what the escalation steps did to the chatter, in one batch:
        one message per complaint and pass, listing every action; the people
        addressed are notified in their Odoo inbox.  E-mail goes out once a
        day in the overdue digest rather than once per breach."""
        if not posts:
            return
        by_complaint = {}
        for clock, (notes, partners) in posts.items():
            entry = by_complaint.setdefault(clock.complaint_id, [[], self.env["res.partner"]])
            entry[0].append(
                Markup("<p><b>%s</b> — %s</p><ul>%s</ul>")
                % (
                    self.env._("Escalation"),
                    clock.kind_id.name,
                    Markup("").join(Markup("<li>%s</li>") % note for note in notes),
                )
            )
            entry[1] |= partners
        complaints = self.env["complaint.complaint"].sudo().browse([c.id for c in by_complaint])
        messages = complaints._message_log_batch(
            bodies={complaint.id: Markup("").join(by_complaint[complaint][0]) for complaint in complaints},
        )
        notifications = []
        for complaint, message in zip(complaints, messages, strict=True):
            partners = by_complaint[complaint][1]
            if partners:
                message.partner_ids = [(6, 0, partners.ids)]
                notifications += [
                    {"mail_message_id": message.id, "res_partner_id": partner.id, "notification_type": "inbox"}
                    for partner in partners
                ]
        self.env["mail.notification"].sudo().create(notifications)

    def _plugin_data(self):
        self.ensure_one()
        return {
            "id": self.id,
            "kind": self.kind_id.code,
            "state": self.state,
            "date_start": self.date_start,
            "date_due": self.date_due,
            "unit": self.unit,
        }

    def _action_notify(self, step, action, context):
        users = self._recipients(action)
        names = ", ".join(users.mapped("name")) or self.env._("nobody (no recipient configured)")
        text = self.env._(
            "clock %(clock)s due %(due)s UTC; notified %(users)s",
            clock=self.kind_id.name,
            due=self.date_due,
            users=names,
        )
        return text, users.partner_id

    def _action_reassign(self, step, action, context):
        users = self._recipients(action)[:1]
        complaint = self.complaint_id.sudo()
        if not users or users == complaint.user_id:
            return None, self.env["res.partner"]
        complaint.with_context(complaint_escalation=True).write({"user_id": users.id})
        return self.env._("reassigned to %s", users.name), users.partner_id

    def _action_raise_priority(self, step, action, context):
        complaint = self.complaint_id.sudo()
        index = PRIORITY_ORDER.index(complaint.priority or "1")
        if index + 1 < len(PRIORITY_ORDER):
            complaint.with_context(complaint_escalation=True).priority = PRIORITY_ORDER[index + 1]
        return self.env._("priority raised"), self.env["res.partner"]

    def _action_activity(self, step, action, context):
        complaint = self.complaint_id.sudo()
        user = self._recipients(action)[:1] or complaint.user_id or complaint.team_id.leader_id
        complaint.activity_schedule(
            activity_type_id=(step.activity_type_id or self.env.ref("mail.mail_activity_data_todo")).id,
            summary=step.activity_summary or step.name,
            user_id=user.id or self.env.uid,
            date_deadline=fields.Date.context_today(self),
        )
        return self.env._("activity planned for %s", user.name or "-"), self.env["res.partner"]

    def _action_supervise(self, step, action, context):
        complaint = self.complaint_id.sudo()
        if not complaint.is_supervised:
            complaint.with_context(complaint_escalation=True).write(
                {"is_supervised": True, "date_supervised": fields.Datetime.now(), "supervision_reason": step.name}
            )
        return self.env._("put on the supervision list"), self.env["res.partner"]

    def _action_fine(self, step, action, context):
        complaint = self.complaint_id.sudo()
        company = complaint.company_id
        # plugins may cite any active article of the company, not only the step's
        if company.id not in context["rules"]:
            context["rules"][company.id] = (
                self.env["complaint.penalty.rule"].sudo().search([("company_id", "=", company.id)])
            )
        rules = context["rules"][company.id]
        fines = call_hook(
            "complaint_assess_penalties",
            complaint._installed_complaint_addons(),
            complaint=complaint._plugin_data(),
            breach={"kind": "clock", "clock_kind": self.kind_id.code, "rule_codes": action.get("rule_codes") or []},
            rules=[rule._as_plugin_dict() for rule in rules],
        )
        values = []
        for fine in (f for result in fines for f in (result or [])):
            rule = rules.filtered(lambda r, code=fine["rule_code"]: r.code == code)[:1]
            for partner, user in complaint._penalty_payers(fine["payer"]):
                values.append(
                    {
                        "complaint_id": complaint.id,
                        "clock_id": self.id,
                        "step_id": step.id,
                        "rule_id": rule.id,
                        "payer_type": fine["payer"],
                        "partner_id": partner.id,
                        "user_id": user.id,
                        "team_id": complaint.team_id.id,
                        "amount": fine["amount"],
                        "company_id": company.id,
                        "breach_key": f"clock:{self.id}:step:{step.id}:rule:{rule.id}:{fine['payer']}:partner:{partner.id}",
                        "evidence": self.env._(
                            "Clock %(clock)s was due %(due)s UTC and breached.",
                            clock=self.kind_id.name,
                            due=self.date_due,
                        ),
                    }
                )
        if context.get("fines") is None:  # called outside a scheduler pass
            self.env["complaint.penalty"].sudo()._create_batch_once(values)
        else:
            context["fines"] += values
        if not values:
            return None, self.env["res.partner"]
        Partner = self.env["res.partner"]
        return (
            self.env._(
                "fines proposed: %s",
                ", ".join(
                    f"{Partner.browse(v['partner_id']).name} {v['amount']:g} ({rules.browse(v['rule_id']).code})"
                    for v in values
                ),
            ),
            Partner,
        )

    def unlink(self):
        if not self.env.su:
            raise UserError(self.env._("Deadline clocks are part of the complaint record and are not deleted."))
        return super().unlink()


class ComplaintClockEvent(models.Model):
    _name = "complaint.clock.event"
    _description = "Complaint Clock Event"
    _order = "date, id"

    clock_id = fields.Many2one("complaint.clock", required=True, index=True, ondelete="cascade")
    complaint_id = fields.Many2one(related="clock_id.complaint_id", store=True, index=True)
    event = fields.Selection(CLOCK_EVENTS, required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    step_id = fields.Many2one("complaint.escalation.step", ondelete="set null")
    note = fields.Char()

    def init(self):
        # a step fires once per clock: the scheduler claims it with this index
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS complaint_clock_event_step_once
                   ON complaint_clock_event (clock_id, step_id) WHERE step_id IS NOT NULL"""
        )

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The clock history is append-only."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        if not self.env.su:
            raise UserError(self.env._("The clock history is append-only."))
