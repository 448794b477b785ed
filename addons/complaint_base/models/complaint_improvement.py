"""Improvement actions (改进措施, CAPA / 8D): recurring or serious complaints
lead to an action that goes through the eight disciplines (seed 004), each
step with its deadline on the base clocks and their escalation ladders, and
whose effectiveness is checked some time after closing: did the complaint
group come back?"""

from collections import Counter

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, is_html_empty

from ..engine.recurring import (
    DEFAULT_KEY_FIELDS,
    effectiveness_due,
    effectiveness_verdict,
    key_domain,
    make_key,
    parse_key,
)
from .complaint_clock import OPEN_CLOCK_STATES
from .complaint_complaint import SEVERITIES
from .complaint_fields import SanitizedHtml

IMPROVEMENT_STATES = [
    ("draft", "Draft"),
    ("open", "In Progress"),
    ("verify", "Verification"),
    ("done", "Closed"),
    ("cancel", "Cancelled"),
]
CLOSED_IMPROVEMENT_STATES = ("done", "cancel")
STEPS = [
    ("d1", "D1 Team"),
    ("d2", "D2 Problem Description"),
    ("d3", "D3 Containment"),
    ("d4", "D4 Root Cause"),
    ("d5", "D5 Corrective Action"),
    ("d6", "D6 Preventive Action"),
    ("d7", "D7 Verification"),
    ("d8", "D8 Closing & Lessons Shared"),
]
STEP_CODES = [code for code, __ in STEPS]
# the text of each step
STEP_TEXT_FIELDS = {
    "d1": "d1_team_notes",
    "d2": "d2_problem",
    "d3": "d3_containment",
    "d4": "d4_root_cause",
    "d5": "d5_corrective",
    "d6": "d6_preventive",
    "d7": "d7_verification",
    "d8": "d8_lessons",
}
EFFECTIVENESS = [
    ("pending", "To Check"),
    ("effective", "Effective"),
    ("not_effective", "Not Effective"),
    ("not_checkable", "Not Checkable"),
]
SEVERITY_RANK = {"general": 0, "major": 1, "critical": 2}
MANAGER_GROUP = "complaint_base.group_complaint_manager"


class ComplaintImprovement(models.Model):
    _name = "complaint.improvement"
    _description = "Improvement Action (8D)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_open desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    title = fields.Char(required=True, tracking=True, help="The problem in a few words.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, tracking=True
    )
    team_id = fields.Many2one(
        "complaint.team",
        string="Team",
        index=True,
        tracking=True,
        check_company=True,
        domain="[('company_id', '=', company_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Who leads the improvement action (the 8D champion).",
    )
    member_ids = fields.Many2many(
        "res.users",
        "complaint_improvement_member_rel",
        "improvement_id",
        "user_id",
        string="8D Team",
        domain="[('share', '=', False)]",
    )
    sector = fields.Selection(
        selection=lambda self: self.env["complaint.team"]._fields["sector"]._description_selection(self.env),
        compute="_compute_sector",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    severity = fields.Selection(SEVERITIES, required=True, default="general", tracking=True, index=True)
    state = fields.Selection(IMPROVEMENT_STATES, required=True, default="draft", tracking=True, index=True, copy=False)
    step = fields.Selection(
        STEPS, required=True, default="d1", tracking=True, index=True, copy=False, group_expand="_read_group_step"
    )
    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_improvement_complaint_rel",
        "improvement_id",
        "complaint_id",
        string="Complaints",
        check_company=True,
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count", string="Complaint Count")
    category_id = fields.Many2one("complaint.category", string="Category", index=True, tracking=True)
    respondent_id = fields.Many2one("res.partner", string="Respondent", index=True, tracking=True)
    recurring_key = fields.Char(
        index=True,
        copy=False,
        help="The recurring-complaint group this action answers (company, category, respondent or the fields a "
        "sector chooses); the effectiveness check looks for new complaints of the same group.",
    )
    recurring_label = fields.Char(
        string="Recurring Group",
        compute="_compute_recurring_label",
        help="The group's fields, as the reader reads them.",
    )
    date_open = fields.Datetime(string="Opened On", readonly=True, copy=False, index=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False, index=True)

    # --- the eight disciplines ------------------------------------------------
    d1_team_notes = SanitizedHtml(string="Team Notes", sanitize=True, help="Who works on the problem and their roles.")
    d1_date_done = fields.Datetime(string="D1 Done On", readonly=True, copy=False)
    d2_problem = SanitizedHtml(string="Problem Description", sanitize=True, help="What, where, when, how many.")
    d2_date_done = fields.Datetime(string="D2 Done On", readonly=True, copy=False)
    d3_containment = SanitizedHtml(
        string="Containment", sanitize=True, help="Immediate actions that protect the customer until the fix."
    )
    d3_date_done = fields.Datetime(string="D3 Done On", readonly=True, copy=False)
    d4_root_cause = SanitizedHtml(string="Root Cause", sanitize=True, help="Why it happened and why it escaped.")
    d4_date_done = fields.Datetime(string="D4 Done On", readonly=True, copy=False)
    d5_corrective = SanitizedHtml(string="Corrective Action", sanitize=True)
    d5_date_done = fields.Datetime(string="D5 Done On", readonly=True, copy=False)
    d6_preventive = SanitizedHtml(string="Preventive Action", sanitize=True)
    d6_date_done = fields.Datetime(string="D6 Done On", readonly=True, copy=False)
    d7_verification = SanitizedHtml(string="Verification", sanitize=True, help="Evidence that the actions work.")
    d7_date_done = fields.Datetime(string="D7 Done On", readonly=True, copy=False)
    d8_lessons = SanitizedHtml(
        string="Closing & Lessons Shared", sanitize=True, help="What the team learnt and with whom it was shared."
    )
    d8_date_done = fields.Datetime(string="D8 Done On", readonly=True, copy=False)

    # --- deadlines ------------------------------------------------------------
    clock_ids = fields.One2many("complaint.clock", "improvement_id", string="Deadlines")
    date_deadline = fields.Datetime(
        string="Next Deadline",
        compute="_compute_deadlines",
        store=True,
        index=True,
        help="The earliest due time of the running clocks.",
    )
    is_overdue = fields.Boolean(string="Overdue", compute="_compute_deadlines", store=True, index=True)

    # --- effectiveness --------------------------------------------------------
    effectiveness = fields.Selection(EFFECTIVENESS, tracking=True, copy=False, index=True)
    date_effectiveness_due = fields.Datetime(
        string="Effectiveness Check On",
        readonly=True,
        copy=False,
        index=True,
        help="When the scheduler checks whether the complaints came back (the closing plus the days of Settings).",
    )
    date_effectiveness_checked = fields.Datetime(string="Effectiveness Checked On", readonly=True, copy=False)
    recurrence_ids = fields.Many2many(
        "complaint.complaint",
        "complaint_improvement_recurrence_rel",
        "improvement_id",
        "complaint_id",
        string="Recurring After Closing",
        readonly=True,
        copy=False,
        help="Complaints of the same group received between the closing and the effectiveness check.",
    )
    recurrence_count = fields.Integer(compute="_compute_recurrence_count", string="Recurrences")
    color = fields.Integer(compute="_compute_color")

    _sql_constraints = [
        ("name_company_unique", "unique(name, company_id)", "An improvement action reference is never reused."),
    ]

    # --- computes -------------------------------------------------------------
    @api.depends("team_id")
    def _compute_sector(self):
        for action in self:
            action.sector = action.team_id.sector or action.sector or "general"

    @api.depends("clock_ids.state", "clock_ids.date_due", "state")
    def _compute_deadlines(self):
        for action in self:
            running = action.clock_ids.filtered(lambda c: c.state == "running" and c.date_due)
            action.date_deadline = min(running.mapped("date_due")) if running else False
            action.is_overdue = action.state not in CLOSED_IMPROVEMENT_STATES and any(
                c.state == "breached" for c in action.clock_ids
            )

    @api.depends("recurring_key")
    @api.depends_context("lang")
    def _compute_recurring_label(self):
        Complaint = self.env["complaint.complaint"]
        for action in self:
            label = False
            try:
                __, pairs = parse_key(action.recurring_key) if action.recurring_key else (None, [])
            except ValueError:
                pairs = []
            if pairs and all(name in Complaint._fields for name, __ in pairs):
                values = []
                for name, value in pairs:
                    field = Complaint._fields[name]
                    values.append(
                        self.env[field.comodel_name].browse(value or []) if field.type == "many2one" else value
                    )
                label = Complaint._key_label([name for name, __ in pairs], values)
            action.recurring_label = label

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for action in self:
            action.complaint_count = len(action.complaint_ids)

    @api.depends("recurrence_ids")
    def _compute_recurrence_count(self):
        for action in self:
            action.recurrence_count = len(action.recurrence_ids)

    @api.depends("severity", "is_overdue")
    def _compute_color(self):
        for action in self:
            action.color = 1 if action.is_overdue else {"critical": 1, "major": 2}.get(action.severity, 0)

    @api.model
    def _read_group_step(self, steps, domain):
        return STEP_CODES

    # --- CRUD -----------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        new = self.env._("New")
        for vals in vals_list:
            if vals.get("name", new) == new or not vals.get("name"):
                company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
                vals["name"] = (
                    self.env["ir.sequence"].sudo().with_company(company).next_by_code("complaint.improvement") or new
                )
            if vals.get("state", "draft") != "draft":
                vals.setdefault("date_open", fields.Datetime.now())
        actions = super().create(vals_list)
        actions.filtered(
            lambda a: not a.recurring_key and (a.complaint_ids or a.category_id)
        )._set_recurring_key_from_complaints()
        opened = actions.filtered(lambda a: a.state == "open")
        for action in opened:
            action._improvement_clock_event("improvement_open", action.date_open)
        return actions

    @api.ondelete(at_uninstall=False)
    def _unlink_except_open(self):
        if any(action.state not in ("draft", "cancel") for action in self):
            raise UserError(self.env._("Only draft or cancelled improvement actions can be deleted."))

    def _set_recurring_key_from_complaints(self):
        """An action linked to complaints of one recurring group answers that
        group, so that its effectiveness can be checked."""
        Complaint = self.env["complaint.complaint"]
        for action in self.sudo():
            keys = {complaint._recurring_key() for complaint in action.complaint_ids}
            if len(keys) == 1 and (key := keys.pop()):
                pass
            elif action.category_id and Complaint._recurring_key_fields(action.sector) == DEFAULT_KEY_FIELDS:
                # the complaints differ: the action's own category and respondent name the group
                key = make_key(
                    action.company_id.id,
                    [
                        ("category_id", action.category_id.id),
                        ("respondent_partner_id", action.respondent_id.id or False),
                    ],
                )
            else:
                continue
            action.recurring_key = key

    # --- rights ---------------------------------------------------------------
    def _check_improvement_manager(self):
        """Improvement actions are opened, moved and closed by complaint
        managers (the quality desk); everyone else reads them."""
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        raise AccessError(self.env._("Only complaint managers open, move and close improvement actions."))

    # --- plugin data and clocks -----------------------------------------------
    def _installed_complaint_addons(self):
        return self.env["complaint.complaint"]._installed_complaint_addons()

    def _plugin_data(self):
        """The improvement action as plain data for the plugin hooks (the
        deadline policies match it like a complaint)."""
        self.ensure_one()
        lineage = [int(i) for i in (self.category_id.parent_path or "").split("/") if i]
        return {
            "id": self.id,
            "name": self.name,
            "subject": self.title,
            "model": self._name,
            "sector": self.sector,
            "category_lineage_ids": lineage,
            "category_code": self.category_id.code,
            "channel_code": None,
            "severity": self.severity,
            "priority": None,
            "team_id": self.team_id.id,
            "company_id": self.company_id.id,
            "is_major": self.severity in ("major", "critical"),
            "step": self.step,
        }

    def _deadline_targets_batch(self):
        """{action id: {clock kind: target}} from the deadline policies that
        apply to improvement actions, chosen through the same hook as a
        complaint's (most specific first)."""
        return self.env["complaint.deadline.policy"]._targets_for(self, "improvement")

    def _improvement_clock_event(self, event, when=None):
        """Meet the clocks this event stops and start those it starts."""
        when = when or fields.Datetime.now()
        actions = self.sudo()
        Clock = self.env["complaint.clock"].sudo()
        actions.clock_ids.filtered(lambda c: c.kind_id.stop_event == event and c.state in OPEN_CLOCK_STATES)._meet(when)
        starting = self.env["complaint.clock.kind"].sudo().search([("start_event", "=", event)])
        if not starting:
            return
        targets = actions._deadline_targets_batch()
        to_start = []
        for action in actions:
            running = action.clock_ids.filtered(lambda c: c.state in OPEN_CLOCK_STATES).kind_id
            for kind in starting:
                if kind in targets[action.id] and kind not in running:
                    to_start.append((action, targets[action.id][kind], when))
        Clock._start_many(to_start, plugin_data={})

    # --- the life cycle -------------------------------------------------------
    def action_open(self):
        """Start the action: its clocks run from now."""
        self._check_improvement_manager()
        for action in self:
            if action.state != "draft":
                raise UserError(self.env._("%s is already open.", action.name))
        now = fields.Datetime.now()
        self.write({"state": "open", "date_open": now})
        for action in self:
            action._improvement_clock_event("improvement_open", now)
        return True

    def action_complete_step(self):
        """The current discipline is done: record when, meet its clock and go
        on to the next one; D8 closes the action."""
        self._check_improvement_manager()
        for action in self:
            if action.state not in ("open", "verify"):
                raise UserError(self.env._("Open %s before completing its steps.", action.name))
            action._complete_current_step()
        return True

    def _complete_current_step(self):
        self.ensure_one()
        step = self.step
        labels = dict(self._fields["step"]._description_selection(self.env))
        if step == "d1" and not (self.member_ids or not is_html_empty(self.d1_team_notes)):
            raise UserError(self.env._("Name the 8D team (D1) first."))
        if step != "d1" and is_html_empty(self[STEP_TEXT_FIELDS[step]]):
            raise UserError(self.env._("Fill in %(step)s of %(ref)s first.", step=labels[step], ref=self.name))
        now = fields.Datetime.now()
        values = {f"{step}_date_done": now}
        index = STEP_CODES.index(step)
        if step == "d8":
            company = self.company_id
            values.update(
                state="done",
                date_closed=now,
                effectiveness="pending",
                date_effectiveness_due=effectiveness_due(now, company.complaint_improvement_check_days),
            )
        else:
            values["step"] = STEP_CODES[index + 1]
            if values["step"] in ("d7", "d8"):
                values["state"] = "verify"
        self.write(values)
        self._improvement_clock_event(f"improvement_{step}", now)
        if step == "d8":
            self._improvement_clock_event("improvement_closed", now)
            # nothing more is chased on a closed action
            self.sudo().clock_ids.filtered(lambda c: c.state in ("running", "paused"))._cancel()

    def action_cancel(self):
        self._check_improvement_manager()
        for action in self:
            if action.state == "done":
                raise UserError(self.env._("%s is closed; it cannot be cancelled.", action.name))
        self.write({"state": "cancel"})
        self.sudo().clock_ids._cancel()
        return True

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_complaint_action")
        action.update(domain=[("id", "in", self.complaint_ids.ids)], context={"create": False})
        return action

    def action_view_recurrences(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_complaint_action")
        action.update(domain=[("id", "in", self.recurrence_ids.ids)], context={"create": False})
        return action

    def action_check_effectiveness(self):
        """Check now whether the complaints came back since the closing."""
        self._check_improvement_manager()
        for action in self:
            if action.state != "done":
                raise UserError(self.env._("%s is not closed yet.", action.name))
        self.sudo()._check_effectiveness(fields.Datetime.now())
        return True

    # --- opening from complaints ----------------------------------------------
    @api.model
    def _values_from_complaints(self, complaints, key=None, label=None):
        """The values of an improvement action answering ``complaints``: the
        common category and respondent, the highest severity, the team most of
        them belong to; their root causes and corrective / preventive actions
        feed D4, D5 and D6."""
        complaints = complaints.sudo()
        companies = complaints.company_id
        if len(companies) != 1:
            raise UserError(self.env._("An improvement action answers the complaints of one company."))
        env = companies._complaint_env()
        teams = Counter(c.team_id.id for c in complaints if c.team_id)
        team_id = teams.most_common(1)[0][0] if teams else False
        first = complaints[0]
        if key is None:
            key = first._recurring_key()
        severity = max(complaints.mapped("severity"), key=lambda s: SEVERITY_RANK.get(s, 0))

        def collect(field):
            parts = [
                Markup("<p><b>%s</b>: %s</p>")
                % (c.name, Markup("<br/>").join(escape(line) for line in c[field].splitlines()))
                for c in complaints
                if (c[field] or "").strip()
            ]
            return Markup("").join(parts) or False

        problem = Markup("<ul>%s</ul>") % Markup("").join(
            Markup("<li>%s %s (%s)</li>")
            % (c.name, c.subject, companies._complaint_format_datetime(c.date_received, dt_format="minutes"))
            for c in complaints.sorted("date_received")
        )
        title = label or first.category_id.with_env(env).display_name or first.subject
        return {
            "title": env._("Recurring complaints: %s", title) if len(complaints) > 1 else first.subject,
            "company_id": companies.id,
            "team_id": team_id,
            "category_id": first.category_id.id if len(complaints.category_id) == 1 else False,
            "respondent_id": first.respondent_partner_id.id if len(complaints.respondent_partner_id) == 1 else False,
            "severity": severity,
            "complaint_ids": [(6, 0, complaints.ids)],
            "recurring_key": key or False,
            "d2_problem": problem,
            "d4_root_cause": collect("root_cause"),
            "d5_corrective": collect("corrective_action"),
            "d6_preventive": collect("preventive_action"),
        }

    @api.model
    def _open_from_complaints(self, complaints, key=None, label=None):
        """Create and open the improvement action of ``complaints``; the
        caller checked the rights."""
        values = self._values_from_complaints(complaints, key=key, label=label)
        values["state"] = "open"
        action = self.create(values)
        env = action.company_id._complaint_env()
        for complaint in complaints.sudo():
            complaint.message_post(
                body=env._("Improvement action %s opened for this complaint.", action.name),
                subtype_xmlid="mail.mt_note",
            )
        return action

    def _form_action(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    # --- effectiveness --------------------------------------------------------
    @api.model
    def _cron_check_effectiveness(self, batch_size=200):
        """Check the closed actions whose effectiveness is due, once each:
        rows are claimed with SKIP LOCKED, and a checked action is no longer
        pending, so a second run (or a second worker) does nothing."""
        now = fields.Datetime.now()
        self.flush_model(["state", "effectiveness", "date_effectiveness_due"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM complaint_improvement
                    WHERE state = 'done' AND effectiveness = 'pending' AND date_effectiveness_due <= %s
                    ORDER BY date_effectiveness_due, id
                    LIMIT %s
                    FOR UPDATE SKIP LOCKED""",
                now,
                batch_size,
            )
        )
        actions = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        actions._check_effectiveness(now)
        remaining = self.sudo().search_count(
            [("state", "=", "done"), ("effectiveness", "=", "pending"), ("date_effectiveness_due", "<=", now)]
        )
        self.env["ir.cron"]._notify_progress(done=len(actions), remaining=remaining)
        return actions

    def _recurrence_domain(self, until):
        """The complaints of this action's group received after its closing
        (up to ``until``), or None when the action names no group."""
        self.ensure_one()
        key = self.recurring_key
        if not key:
            return None
        try:
            company_id, pairs = parse_key(key)
        except ValueError:
            return None
        Complaint = self.env["complaint.complaint"]
        if company_id != self.company_id.id or any(name not in Complaint._fields for name, __ in pairs):
            # a group of another company (or a key no longer understood) is not compared
            return None
        return [
            ("company_id", "=", company_id),
            *key_domain(pairs),
            ("id", "not in", self.complaint_ids.ids),
            ("state", "!=", "cancelled"),
            ("validity", "!=", "invalid"),
            ("date_received", ">", self.date_closed),
            ("date_received", "<=", until),
        ]

    def _check_effectiveness(self, now):
        """Record whether the group recurred between the closing and the due
        check (or ``now`` when checked earlier by hand), with a note in the
        company's language."""
        Complaint = self.env["complaint.complaint"].sudo().with_context(active_test=False)
        for action in self:
            until = min(now, action.date_effectiveness_due or now)
            domain = action._recurrence_domain(until)
            env = action.company_id._complaint_env()
            if domain is None:
                action.write({"effectiveness": "not_checkable", "date_effectiveness_checked": now})
                body = env._("Effectiveness check: this action names no complaint group to compare with.")
            else:
                found = Complaint.search(domain, order="date_received, id")
                verdict = effectiveness_verdict(len(found))
                action.write(
                    {
                        "effectiveness": verdict,
                        "date_effectiveness_checked": now,
                        "recurrence_ids": [(6, 0, found.ids)],
                    }
                )
                closed = action.company_id._complaint_format_datetime(action.date_closed, dt_format="minutes")
                if verdict == "effective":
                    body = env._(
                        "Effectiveness check: effective. No complaint of the group came back since the closing "
                        "on %(closed)s.",
                        closed=closed,
                    )
                else:
                    body = env._(
                        "Effectiveness check: not effective. %(count)s complaints of the group came back since the "
                        "closing on %(closed)s: %(refs)s.",
                        count=len(found),
                        closed=closed,
                        refs=", ".join(found.mapped("name")),
                    )
            action.message_post(body=body, subtype_xmlid="mail.mt_note")
            if action.effectiveness == "not_effective" and action.user_id:
                action.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=env._("Improvement action not effective: review it"),
                    user_id=action.user_id.id,
                )


class ComplaintClock(models.Model):
    """The seam: a deadline clock may run on an improvement action."""

    _inherit = "complaint.clock"

    improvement_id = fields.Many2one("complaint.improvement", index="btree_not_null", ondelete="cascade")

    _sql_constraints = [
        (
            "one_owner",
            "CHECK((complaint_id IS NULL) != (improvement_id IS NULL))",
            "A deadline clock runs on a complaint or on an improvement action.",
        ),
    ]

    @api.model
    def _clock_owner_fields(self):
        return [*super()._clock_owner_fields(), "improvement_id"]
