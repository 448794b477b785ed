import logging
from datetime import timedelta

from markupsafe import Markup
from psycopg2.errors import SerializationFailure

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine.deadlines import compute_due, is_working_unit, remaining_minutes, resumed_due, threshold_time
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
# the complaint's fields a clock keeps a copy of
DENORMALISED_FIELDS = frozenset({"company_id", "team_id", "user_id"})
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
    ("fine_pending", "Fine Waiting for a Payer"),
]
PRIORITY_ORDER = ["0", "1", "2", "3"]


class ComplaintClock(models.Model):
    _name = "complaint.clock"
    _inherit = ["complaint.batch.create.mixin"]
    _description = "Complaint Deadline Clock"
    _order = "date_due, id"
    _rec_name = "kind_id"

    # the record the clock runs on: a complaint, or another owner a model adds
    # (an improvement action); see _clock_owner()
    complaint_id = fields.Many2one("complaint.complaint", index=True, ondelete="cascade")
    kind_id = fields.Many2one("complaint.clock.kind", string="Clock", required=True, ondelete="restrict", index=True)
    target_id = fields.Many2one("complaint.deadline.target", ondelete="set null")
    policy_id = fields.Many2one("complaint.deadline.policy", ondelete="set null", index=True)
    # the arithmetic of the clock, fixed when it starts (after the plugins'
    # adjustments): editing the policy later changes no running clock until
    # "Recompute Open Clocks" is pressed on the policy
    amount = fields.Float(string="Duration", readonly=True, help="The clock's length, as it started.")
    unit = fields.Selection(
        selection=lambda self: self.env["complaint.deadline.target"]._fields["unit"]._description_selection(self.env),
        readonly=True,
        help="The clock's unit, as it started.",
    )
    time_of_day = fields.Float(readonly=True, help="For 'by a time of day' clocks: the hour, as it started.")
    state = fields.Selection(CLOCK_STATES, required=True, default="running", index=True)
    date_start = fields.Datetime(string="Started On", required=True)
    date_due = fields.Datetime(string="Due On", index=True)
    date_paused = fields.Datetime(string="Paused Since")
    remaining_minutes = fields.Float(help="Time left when the clock was paused (working minutes for working units).")
    paused_minutes = fields.Float(string="Paused (minutes)", help="Wall-clock minutes spent paused.")
    paused_work_minutes = fields.Float(
        string="Paused (clock minutes)",
        help="Time spent paused as the clock counts it: working minutes for working units, else wall-clock minutes. "
        "A recomputed due time adds it back.",
    )
    fine_pending_step_ids = fields.Many2many(
        "complaint.escalation.step",
        "complaint_clock_fine_pending_rel",
        "clock_id",
        "step_id",
        string="Fines Waiting for a Payer",
        readonly=True,
        help="Escalation steps whose fine found nobody to pay yet (e.g. no outlet named): the fine is levied, once, "
        "as soon as the payer is known.",
    )
    date_met = fields.Datetime(string="Met On")
    date_breached = fields.Datetime(string="Breached On")
    is_late = fields.Boolean(string="Met Late", help="Met after its due time.")
    next_check = fields.Datetime(
        index=True, help="When the scheduler next looks at this clock (next escalation step or the due time)."
    )
    event_ids = fields.One2many("complaint.clock.event", "clock_id", string="History")
    # copies of the complaint's company, team and handler, for reporting and
    # record rules: written with the clock and kept in step by the complaint's
    # write() (DENORMALISED_FIELDS), so a batch of clocks costs one INSERT
    # and no recomputation
    company_id = fields.Many2one("res.company", string="Company", index=True, readonly=True)
    team_id = fields.Many2one("complaint.team", string="Team", index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", index=True, readonly=True)
    result = fields.Selection(
        [("pending", "Pending"), ("on_time", "On Time"), ("late", "Late")],
        compute="_compute_result",
        store=True,
        # precomputed and given by _start_many: the INSERT carries it, no UPDATE
        # follows (clocks are read-only to users: nobody writes it by hand)
        precompute=True,
        readonly=False,
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

    @api.model_create_multi
    def create(self, vals_list):
        for owner_field in self._clock_owner_fields():
            missing = [vals for vals in vals_list if not DENORMALISED_FIELDS <= vals.keys() and vals.get(owner_field)]
            if not missing:
                continue
            comodel = self.env[self._fields[owner_field].comodel_name].sudo()
            owners = comodel.browse({vals[owner_field] for vals in missing})
            for vals in missing:
                owner = owners.browse(vals[owner_field])
                for name in DENORMALISED_FIELDS - vals.keys():
                    vals[name] = owner[name].id
        return super().create(vals_list)

    # ------------------------------------------------------------------ owner
    @api.model
    def _clock_owner_fields(self):
        """The many2one fields naming what a clock runs on, in order: a model
        that owns clocks (an improvement action) adds its field.  A clock has
        exactly one owner.  The owner has ``company_id``, ``team_id`` and
        ``user_id`` (copied onto the clock), ``_plugin_data()`` and
        ``_installed_complaint_addons()``."""
        return ["complaint_id"]

    def _clock_owner(self):
        """The record this clock runs on (its complaint, or the record of
        another owner field)."""
        self.ensure_one()
        for name in self._clock_owner_fields():
            if self[name]:
                return self[name]
        return self.complaint_id

    @api.model
    def _clock_owner_field(self, owner):
        """The owner field of a clock running on ``owner``."""
        for name in self._clock_owner_fields():
            if self._fields[name].comodel_name == owner._name:
                return name
        raise UserError(self.env._("Deadline clocks do not run on %s.", owner._description))

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
                    # the related value given here is not recomputed after the insert
                    "complaint_id": clock.complaint_id.id,
                    "event": event,
                    "date": when or fields.Datetime.now(),
                    "note": note,
                }
                for clock in self
            ]
        )

    @api.model
    def _arithmetic(self, complaint, target, plugin_data=None, installed=None):
        """(amount, unit, time of day) of a clock of ``target`` on ``complaint``,
        after the plugins' adjustments."""
        values = {"kind": target.kind_id.code, "amount": target.amount, "unit": target.unit}
        for change in call_hook(
            "complaint_adjust_deadline",
            installed if installed is not None else complaint._installed_complaint_addons(),
            complaint=plugin_data or complaint._plugin_data(),
            clock=dict(values),
        ):
            values.update(change or {})
        return values["amount"], values["unit"], target.time_of_day or 0.0

    @api.model
    def _start(self, complaint, target, start, calendar_of=None):
        return self._start_many([(complaint, target, start)], calendar_of)

    @api.model
    def _start_many(self, items, calendar_of=None, plugin_data=None):
        """Start a clock for each (complaint, target, start) of ``items``: the
        due time and the first check are computed before the insert, so a
        batch costs one insert of clocks and one of their history."""
        if not items:
            return self.browse()
        calendar_of = calendar_of or self._calendars()
        plugin_data = plugin_data if plugin_data is not None else {}
        installed = self.env["complaint.complaint"]._installed_complaint_addons()
        vals_list = []
        for complaint, target, start in items:
            data = plugin_data.get(complaint.id) or complaint._plugin_data()
            plugin_data[complaint.id] = data
            calendar = calendar_of(complaint)
            amount, unit, time_of_day = self._arithmetic(complaint, target, data, installed)
            due = compute_due(calendar, start, amount, unit, time_of_day or None)
            checks = [due] + [
                threshold_time(
                    calendar,
                    unit,
                    start,
                    due,
                    step.threshold,
                    step.threshold_value,
                    step.threshold_unit or "hours",
                )
                for step in target.step_ids
            ]
            vals_list.append(
                {
                    self._clock_owner_field(complaint): complaint.id,
                    "kind_id": target.kind_id.id,
                    "target_id": target.id,
                    "policy_id": target.policy_id.id,
                    "amount": amount,
                    "unit": unit,
                    "time_of_day": time_of_day,
                    "date_start": start,
                    "date_due": due,
                    "next_check": min(checks),
                    "state": "running",
                    "result": "pending",
                    "on_time_rate": 0.0,
                    # the denormalised values, given so that no UPDATE follows the insert
                    "company_id": complaint.company_id.id,
                    "team_id": complaint.team_id.id,
                    "user_id": complaint.user_id.id,
                }
            )
        clocks = self.sudo().create(vals_list)
        self.env["complaint.clock.event"].sudo().create(
            [
                {
                    "clock_id": clock.id,
                    "complaint_id": vals.get("complaint_id", False),
                    "event": "start",
                    "date": vals["date_start"],
                }
                for clock, vals in zip(clocks, vals_list, strict=True)
            ]
        )
        return clocks

    def _meet(self, when=None):
        when = when or fields.Datetime.now()
        clocks = self.filtered(lambda c: c.state in OPEN_CLOCK_STATES)
        late = clocks.filtered(lambda c: c.state == "breached" or (c.date_due and when > c.date_due))
        values = {"state": "met", "date_met": when, "next_check": False, "date_paused": False}
        (clocks - late).write({**values, "is_late": False})
        late.write({**values, "is_late": True})
        clocks._log("met", when=when)

    def _cancel(self):
        open_clocks = self.filtered(lambda c: c.state in OPEN_CLOCK_STATES)
        open_clocks.write({"state": "cancelled", "next_check": False})
        open_clocks._log("cancel")

    def _pause(self, when=None):
        when = when or fields.Datetime.now()
        calendar_of = self._calendars()
        for clock in self.filtered(lambda c: c.state == "running"):
            left = remaining_minutes(calendar_of(clock._clock_owner()), clock.unit or "hours", when, clock.date_due)
            clock.write({"state": "paused", "date_paused": when, "remaining_minutes": left, "next_check": False})
            clock._log("pause", when=when)

    def _resume(self, when=None):
        when = when or fields.Datetime.now()
        calendar_of = self._calendars()
        for clock in self.filtered(lambda c: c.state == "paused"):
            calendar = calendar_of(clock._clock_owner())
            unit = clock.unit or "hours"
            due = resumed_due(calendar, unit, when, clock.remaining_minutes)
            wall = (when - clock.date_paused).total_seconds() / 60
            work = calendar.working_minutes(clock.date_paused, when) if is_working_unit(unit) else wall
            clock.write(
                {
                    "state": "running",
                    "date_due": due,
                    "date_paused": False,
                    "paused_minutes": clock.paused_minutes + wall,
                    "paused_work_minutes": clock.paused_work_minutes + work,
                }
            )
            clock._log("resume", when=when, note=clock._due_note(due))
            clock._schedule_next_check(calendar_of)

    def _company_env(self):
        """The environment of texts written for the people of this clock's
        company: their language and time zone, whoever runs the code (cron)."""
        self.ensure_one()
        return self._clock_owner().company_id.sudo()._complaint_env()

    def _format_local(self, value):
        self.ensure_one()
        return self._clock_owner().company_id.sudo()._complaint_format_datetime(value)

    def _due_note(self, due):
        self.ensure_one()
        return self._company_env()._("New due time: %s", self._format_local(due))

    def _recompute_due(self, from_policy=False):
        """Recompute the due times of open clocks (calendar or holidays changed).

        ``from_policy``: take the amount and unit from the policy again (the
        administrator pressed "Recompute Open Clocks" after editing it);
        otherwise the clock keeps the arithmetic it started with."""
        calendar_of = self._calendars()
        for clock in self.filtered(lambda c: c.state in ("running", "breached")):
            calendar = calendar_of(clock._clock_owner())
            values = {}
            if from_policy and clock.target_id:
                amount, unit, time_of_day = self._arithmetic(clock._clock_owner(), clock.target_id)
                values.update(amount=amount, unit=unit, time_of_day=time_of_day)
            else:
                amount, unit, time_of_day = clock.amount, clock.unit or "hours", clock.time_of_day
            due = compute_due(calendar, clock.date_start, amount, unit, time_of_day or None)
            # time spent paused does not count against the complainant's clock,
            # measured as the clock counts: working time for working units
            paused = clock.paused_work_minutes or 0
            if paused:
                due = calendar.add(due, paused) if is_working_unit(unit) else due + timedelta(minutes=paused)
            state = clock.state
            if state == "breached" and due > fields.Datetime.now():
                state = "running"
            clock.write({**values, "date_due": due, "state": state})
            clock._log("recompute", note=clock._due_note(due))
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
                clock._step_time(step, calendar_of(clock._clock_owner()))
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
        try:
            with self.env.cr.savepoint(flush=False):
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
                ids = [row[0] for row in self.env.cr.fetchall()]
        except SerializationFailure:
            # another scheduler (a second cron record or server) changed a due
            # clock after this transaction began: nothing is claimed here, the
            # run starts again at once with a fresh snapshot (not a failure,
            # which would count towards deactivating the job)
            _logger.info("Deadline clocks: a concurrent scheduler changed due clocks; running again")
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            if cron := self.env.ref("complaint_base.ir_cron_complaint_clocks", raise_if_not_found=False):
                cron.sudo()._trigger()
            return 0
        clocks = self.browse(ids)
        clocks._process(now)
        # fines that waited for their payer (the scheduler retries them; the
        # ledger's breach key keeps each one single)
        self.env.cr.execute(
            SQL(
                """SELECT id FROM complaint_clock
                    WHERE id IN (SELECT clock_id FROM complaint_clock_fine_pending_rel)
                    ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
                batch_size,
            )
        )
        self.browse([row[0] for row in self.env.cr.fetchall()])._levy_pending_fines()
        remaining = self.search_count([("next_check", "<=", now), ("state", "in", ("running", "breached"))])
        self.env["ir.cron"]._notify_progress(done=len(clocks), remaining=remaining)
        return len(clocks)

    def _process(self, now):
        calendar_of = self._calendars()
        breaching = self.filtered(lambda c: c.state == "running" and c.date_due <= now)
        for clock in breaching:
            clock.write({"state": "breached", "date_breached": clock.date_due})
        self.env["complaint.clock.event"].sudo().create(
            [
                {"clock_id": clock.id, "complaint_id": clock.complaint_id.id, "event": "breach", "date": clock.date_due}
                for clock in breaching
            ]
        )
        context = {"rules": {}, "fines": []}
        posts = {}
        fired_by_clock = {clock.id: clock._fired_step_ids() for clock in self}
        # the steps now due, claimed in one insert (a step another run claimed is left out)
        due = [
            (clock, step)
            for clock in self
            for step in clock.target_id.step_ids
            if step.id not in fired_by_clock[clock.id]
            and clock._step_time(step, calendar_of(clock._clock_owner())) <= now
        ]
        claimed = self._claim_steps(due, now)
        for clock in self:
            fired = fired_by_clock[clock.id]
            notes, partners = [], self.env["res.partner"]
            for step in clock.target_id.step_ids:
                if (clock.id, step.id) in claimed:
                    fired.add(step.id)
                    step_notes, step_partners = clock._apply_step(step, context)
                    notes += step_notes
                    partners |= step_partners
            if notes:
                posts[clock] = (notes, partners)
            clock._schedule_next_check(calendar_of, fired)
        self.env["complaint.penalty"].sudo()._create_batch_once(context["fines"])
        self._post_escalations(posts)

    def _claim_steps(self, pairs, now):
        """Insert the log rows of the (clock, step) ``pairs`` in one statement;
        the set of (clock id, step id) claimed here (not by another run)."""
        if not pairs:
            return set()
        rows = SQL(", ").join(
            SQL(
                "(%s, %s, %s, 'step', %s, %s, NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC')",
                clock.id,
                clock.complaint_id.id or None,
                step.id,
                now,
                self.env.uid,
                self.env.uid,
            )
            for clock, step in pairs
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO complaint_clock_event
                       (clock_id, complaint_id, step_id, event, date, create_uid, create_date, write_uid, write_date)
                   VALUES %s
                   ON CONFLICT (clock_id, step_id) WHERE step_id IS NOT NULL DO NOTHING
                   RETURNING clock_id, step_id""",
                rows,
            )
        )
        claimed = {(clock_id, step_id) for clock_id, step_id in self.env.cr.fetchall()}
        if claimed:
            self.browse({clock_id for clock_id, __ in claimed}).invalidate_recordset(["event_ids"])
        return claimed

    def _claim_step(self, step, now):
        """Insert the step's log row; False when another run already did."""
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                """INSERT INTO complaint_clock_event
                       (clock_id, complaint_id, step_id, event, date, create_uid, create_date, write_uid, write_date)
                   VALUES (%s, %s, %s, 'step', %s, %s, NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC')
                   ON CONFLICT (clock_id, step_id) WHERE step_id IS NOT NULL DO NOTHING
                   RETURNING id""",
                self.id,
                self.complaint_id.id or None,
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
        complaint = self._clock_owner()
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
        # what the steps write is read by the company's people: their language
        self = self.with_env(self._company_env())  # noqa: PLW0642
        step = step.with_env(self.env)
        context = context if context is not None else {"rules": {}, "fines": None}
        notes, partners = [], self.env["res.partner"]
        for action in self._step_actions(step):
            method = getattr(self, f"_action_{action['action']}", None)
            if method is None:
                _logger.warning("unknown escalation action %s in step %s", action["action"], step.id)
                continue
            text, recipients = method(step, action, context)
            if text:
                notes.append(Markup("%s: %s") % (step.name, text))
            partners |= recipients
        return notes, partners

    def _step_actions(self, step):
        """The actions of ``step`` on this clock, as the plugins decide them."""
        self.ensure_one()
        complaint = self._clock_owner().sudo()
        answers = call_hook(
            "complaint_escalation_actions",
            complaint._installed_complaint_addons(),
            complaint=complaint._plugin_data(),
            clock=self._plugin_data(),
            step=step._as_plugin_dict(),
        )
        return [action for answer in answers for action in (answer or [])]

    def _post_escalations(self, posts):
        """Write what the escalation steps did to the chatter, in one batch:
        one message per complaint and pass, listing every action; the people
        addressed are notified in their Odoo inbox.  E-mail goes out once a
        day in the overdue digest rather than once per breach."""
        if not posts:
            return
        by_complaint = {}
        for posted, (notes, partners) in posts.items():
            entry = by_complaint.setdefault(posted._clock_owner(), [[], self.env["res.partner"]])
            clock = posted.with_env(posted._company_env())
            entry[0].append(
                Markup("<p><b>%s</b> — %s</p><ul>%s</ul>")
                % (
                    clock.env._("Escalation"),
                    clock.kind_id.name,
                    Markup("").join(Markup("<li>%s</li>") % note for note in notes),
                )
            )
            entry[1] |= partners
        notifications = []
        # the recipients written once per set of recipients (not once per message)
        by_recipients = {}
        # one batch of messages per owner model (complaints, improvement actions...)
        for model in {owner._name for owner in by_complaint}:
            complaints = self.env[model].sudo().browse([c.id for c in by_complaint if c._name == model])
            messages = complaints._message_log_batch(
                bodies={complaint.id: Markup("").join(by_complaint[complaint][0]) for complaint in complaints},
            )
            for complaint, message in zip(complaints, messages, strict=True):
                partners = by_complaint[complaint][1]
                if partners:
                    by_recipients.setdefault(tuple(sorted(partners.ids)), []).append(message.id)
                    notifications += [
                        {"mail_message_id": message.id, "res_partner_id": partner.id, "notification_type": "inbox"}
                        for partner in partners
                    ]
        for partner_ids, message_ids in by_recipients.items():
            self.env["mail.message"].sudo().browse(message_ids).write({"partner_ids": [(6, 0, list(partner_ids))]})
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
            "clock %(clock)s due %(due)s; notified %(users)s",
            clock=self.kind_id.name,
            due=self._format_local(self.date_due),
            users=names,
        )
        return text, users.partner_id

    def _action_reassign(self, step, action, context):
        users = self._recipients(action)[:1]
        complaint = self._clock_owner().sudo()
        if not users or users == complaint.user_id:
            return None, self.env["res.partner"]
        complaint.with_context(complaint_escalation=True).write({"user_id": users.id})
        return self.env._("reassigned to %s", users.name), users.partner_id

    def _action_raise_priority(self, step, action, context):
        complaint = self._clock_owner().sudo()
        if "priority" not in complaint._fields:
            return None, self.env["res.partner"]
        index = PRIORITY_ORDER.index(complaint.priority or "1")
        if index + 1 < len(PRIORITY_ORDER):
            complaint.with_context(complaint_escalation=True).priority = PRIORITY_ORDER[index + 1]
        return self.env._("priority raised"), self.env["res.partner"]

    def _action_activity(self, step, action, context):
        complaint = self._clock_owner().sudo()
        user = self._recipients(action)[:1] or complaint.user_id or complaint.team_id.leader_id
        complaint.activity_schedule(
            activity_type_id=(step.activity_type_id or self.env.ref("mail.mail_activity_data_todo")).id,
            summary=step.activity_summary or step.name,
            user_id=user.id or self.env.uid,
            date_deadline=fields.Date.context_today(self),
        )
        return self.env._("activity planned for %s", user.name or "-"), self.env["res.partner"]

    def _action_supervise(self, step, action, context):
        complaint = self._clock_owner().sudo()
        if "is_supervised" not in complaint._fields:
            return None, self.env["res.partner"]
        if not complaint.is_supervised:
            complaint.with_context(complaint_escalation=True).write(
                {"is_supervised": True, "date_supervised": fields.Datetime.now(), "supervision_reason": step.name}
            )
        return self.env._("put on the supervision list"), self.env["res.partner"]

    def _fine_rules(self, context):
        """The fine rules a breach of this clock may cite: the active rules of
        the complaint's company that belong to its sector or to none — a
        sector's articles never fine another sector's complaints."""
        complaint = self.complaint_id.sudo()
        key = (complaint.company_id.id, complaint.sector or False)
        if key not in context["rules"]:
            context["rules"][key] = (
                self.env["complaint.penalty.rule"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", complaint.company_id.id),
                        ("sector", "in", [False, complaint.sector or "general"]),
                    ]
                )
            )
        return context["rules"][key]

    def _action_fine(self, step, action, context):
        if not self.complaint_id:
            # fines are levied on complaints (their payers are the complaint's people)
            return None, self.env["res.partner"]
        complaint = self.complaint_id.sudo()
        rules = self._fine_rules(context)
        fines = call_hook(
            "complaint_assess_penalties",
            complaint._installed_complaint_addons(),
            complaint=complaint._plugin_data(),
            breach={"kind": "clock", "clock_kind": self.kind_id.code, "rule_codes": action.get("rule_codes") or []},
            rules=[rule._as_plugin_dict() for rule in rules],
        )
        values, unpaid = [], False
        Penalty = self.env["complaint.penalty"]
        evidence = self.env._(
            "Clock %(clock)s was due %(due)s and breached.",
            clock=self.kind_id.name,
            due=self._format_local(self.date_due),
        )
        for fine in (f for result in fines for f in (result or [])):
            rule = rules.filtered(lambda r, code=fine["rule_code"]: r.code == code)[:1]
            payers = complaint._penalty_payers(fine["payer"])
            unpaid = unpaid or not payers
            for partner, user in payers:
                values.append(
                    Penalty._fine_values(
                        complaint,
                        fine,
                        rule,
                        partner,
                        user,
                        f"clock:{self.id}:step:{step.id}:rule:{rule.id}:{fine['payer']}:partner:{partner.id}",
                        evidence,
                        clock_id=self.id,
                        step_id=step.id,
                    )
                )
        # a fine that found nobody to pay waits for its payer (the step itself
        # is used up: its other actions never run twice)
        if unpaid and step not in self.fine_pending_step_ids:
            self.sudo().fine_pending_step_ids = [Command.link(step.id)]
            self._log(
                "fine_pending", note=self.env._("%s: nobody to fine yet; levied once the payer is known.", step.name)
            )
        elif not unpaid and step in self.fine_pending_step_ids:
            self.sudo().fine_pending_step_ids = [Command.unlink(step.id)]
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

    def _levy_pending_fines(self):
        """Retry the fines that waited for their payer (the complaint now names
        its handler, respondent or outlet).  Each is levied exactly once: the
        breach key of the ledger decides."""
        context = {"rules": {}, "fines": []}
        posts = {}
        for pending in self.sudo().filtered("fine_pending_step_ids"):
            clock = pending.with_env(pending._company_env())
            if not clock.complaint_id or clock.complaint_id.state == "cancelled":
                clock.fine_pending_step_ids = [Command.clear()]
                continue
            notes = []
            for step in clock.fine_pending_step_ids.with_env(clock.env):
                for action in clock._step_actions(step):
                    if action.get("action") == "fine":
                        text, __ = clock._action_fine(step, action, context)
                        if text:
                            notes.append(Markup("%s: %s") % (step.name, text))
            if notes:
                posts[clock] = (notes, self.env["res.partner"])
        created = self.env["complaint.penalty"].sudo()._create_batch_once(context["fines"])
        self._post_escalations(posts)
        return created

    def unlink(self):
        if not self.env.su:
            raise UserError(self.env._("Deadline clocks are part of the complaint record and are not deleted."))
        return super().unlink()


class ComplaintClockEvent(models.Model):
    _name = "complaint.clock.event"
    _inherit = ["complaint.batch.create.mixin"]
    _description = "Complaint Clock Event"
    _order = "date, id"

    clock_id = fields.Many2one("complaint.clock", required=True, index=True, ondelete="cascade")
    # the clock's complaint (a clock never changes complaint), written with the event
    complaint_id = fields.Many2one("complaint.complaint", string="Complaint", index=True, readonly=True)
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

    @api.model_create_multi
    def create(self, vals_list):
        missing = [vals for vals in vals_list if not vals.get("complaint_id") and vals.get("clock_id")]
        if missing:
            clocks = self.env["complaint.clock"].browse({vals["clock_id"] for vals in missing})
            complaint_of = {clock.id: clock.complaint_id.id for clock in clocks.sudo()}
            for vals in missing:
                vals["complaint_id"] = complaint_of.get(vals["clock_id"], False)
        return super().create(vals_list)

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The clock history is append-only."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        if not self.env.su:
            raise UserError(self.env._("The clock history is append-only."))
