from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext
from odoo.tools.translate import code_translations

from ..engine.similarity import subject_similarity
from ..plugins import call_hook
from ..plugins.default import policy_matches, policy_specificity
from .complaint_stage import CLOSED_STATES

# how far along the life cycle each state is, for the clock events it implies
STATE_RANK = {"new": 0, "acknowledged": 1, "in_progress": 2, "waiting": 2, "resolved": 3, "closed": 4}
STATE_EVENTS = (("acknowledged", 1), ("resolved", 3), ("closed", 4))

SEVERITIES = [
    ("general", "General"),
    ("major", "Major"),
    ("critical", "Critical"),
]
PRIORITIES = [
    ("0", "Low"),
    ("1", "Normal"),
    ("2", "High"),
    ("3", "Urgent"),
]
VALIDITIES = [
    ("pending", "To Check"),
    ("valid", "Valid"),
    ("invalid", "Invalid"),
    ("special", "Special"),
]
DETERMINATIONS = [
    ("our_fault", "Our Fault"),
    ("misuse", "Misuse by the Customer"),
    ("misunderstanding", "Misunderstanding"),
    ("undeterminable", "Undeterminable (sent to QA)"),
]
SATISFACTION_OUTCOMES = [
    ("satisfied", "Satisfied, Will Continue"),
    ("accepted", "Reluctantly Accepts"),
    ("dissatisfied", "Dissatisfied, Ends Cooperation"),
    ("other", "Other"),
]
# kanban colour index per severity (Odoo colour palette)
SEVERITY_COLORS = {"general": 0, "major": 2, "critical": 1}
# fields whose values pass through the intake rules of the plugins
INTAKE_FIELDS = (
    "subject",
    "description",
    "partner_id",
    "contact_name",
    "contact_phone",
    "contact_email",
    "is_anonymous",
    "severity",
    "media_involved",
)
# many2one fields whose target must exist (clear error instead of a FK crash)
CHECKED_REFERENCES = {
    "channel_id": "channel",
    "category_id": "category",
    "team_id": "team",
    "stage_id": "stage",
    "partner_id": "complainant",
    "respondent_partner_id": "respondent",
    "user_id": "handler",
}
# fields a non-manager may still change on a closed complaint (chatter, activities)
# the faces of an e-mailed rating (rating module: 5, 3, 1) on the callback scale
RATING_OUTCOMES = {5: "satisfied", 3: "accepted", 1: "dissatisfied"}
CLOSED_WRITABLE_PREFIXES = ("message_", "activity_", "website_message", "rating_")


class ComplaintComplaint(models.Model):
    _name = "complaint.complaint"
    _description = "Complaint"
    _inherit = ["portal.mixin", "mail.thread.cc", "mail.activity.mixin", "rating.mixin"]
    _order = "priority desc, date_received desc, id desc"
    _rec_names_search = ["name", "subject", "contact_name", "contact_phone"]
    _mail_post_access = "read"
    _primary_email = "contact_email"

    def _default_stage_id(self):
        return self.env["complaint.stage"].search([("state", "=", "new")], limit=1) or self.env[
            "complaint.stage"
        ].search([], limit=1)

    def _default_team_id(self):
        team_id = self.env["ir.config_parameter"].sudo().get_param("complaint_base.default_team_id")
        return self.env["complaint.team"].browse(int(team_id)).exists() if team_id else self.env["complaint.team"]

    # --- identity ---------------------------------------------------------
    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        index="trigram",
        default=lambda self: self.env._("New"),
        help="Unique and never reused identifier (ISO 10002 / GB/T 17242).",
    )
    subject = fields.Char(required=True, tracking=True, index="trigram")
    description = fields.Html(sanitize=True, sanitize_style=True, help="What happened, in the complainant's words.")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, tracking=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_received = fields.Datetime(
        string="Received On", required=True, default=fields.Datetime.now, index=True, tracking=True
    )

    # --- classification ---------------------------------------------------
    channel_id = fields.Many2one("complaint.channel", string="Channel", index=True, tracking=True)
    category_id = fields.Many2one("complaint.category", string="Category", index=True, tracking=True)
    tag_ids = fields.Many2many("complaint.tag", string="Tags")
    sector = fields.Selection(
        selection=lambda self: self.env["complaint.team"]._fields["sector"].selection,
        compute="_compute_sector",
        store=True,
        readonly=False,
        index=True,
        help="Sector whose rules apply; follows the team.",
    )
    severity = fields.Selection(SEVERITIES, required=True, default="general", tracking=True, index=True)
    priority = fields.Selection(PRIORITIES, default="1", index=True, tracking=True)
    is_major = fields.Boolean(string="Major Complaint", tracking=True)
    is_repeated = fields.Boolean(string="Repeated Complaint", tracking=True)
    repeat_of_id = fields.Many2one(
        "complaint.complaint",
        string="Repeat Of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The earlier complaint of the same complainant on a similar matter.",
    )
    media_involved = fields.Boolean(
        string="Media / Regulator Involved",
        tracking=True,
        help="The complaint was escalated to or raised through the media or a regulator.",
    )
    color = fields.Integer(compute="_compute_color")

    # --- complainant ------------------------------------------------------
    partner_id = fields.Many2one("res.partner", string="Complainant", index=True, tracking=True)
    contact_name = fields.Char(
        compute="_compute_contact",
        precompute=True,
        store=True,
        readonly=False,
        help="Name given when the person is not a contact yet.",
    )
    contact_phone = fields.Char(
        compute="_compute_contact", store=True, readonly=False, precompute=True, index="btree_not_null"
    )
    contact_email = fields.Char(
        compute="_compute_contact", store=True, readonly=False, precompute=True, index="btree_not_null"
    )
    is_anonymous = fields.Boolean(
        string="Anonymous",
        tracking=True,
        help="The complainant did not give their identity; the complaint is handled with the same care.",
    )
    customer_demand = fields.Text(string="Remedy Sought", help="What the complainant asks for.")
    external_source = fields.Char(
        string="External System",
        copy=False,
        help="The system a complaint came from (API integration or import), e.g. the manufacturer's portal.",
    )
    external_ref = fields.Char(
        string="External Reference",
        copy=False,
        index="btree_not_null",
        help="The complaint's number in the external system; unique per system, so a resent complaint updates "
        "the first one instead of creating a second.",
    )
    api_integration_id = fields.Many2one(
        "complaint.api.integration",
        string="Received Through",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The external system that sent this complaint through the API.",
    )
    intake_fingerprint = fields.Char(
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_system",
        help="Keyed hash of the address a web complaint came from, to throttle floods; the address itself is not kept.",
    )

    # --- respondent and parties -------------------------------------------
    respondent_partner_id = fields.Many2one(
        "res.partner", string="Respondent", index=True, tracking=True, help="Who or what is complained about."
    )
    respondent_user_id = fields.Many2one(
        "res.users", string="Respondent Employee", index=True, tracking=True, domain=[("share", "=", False)]
    )
    respondent_description = fields.Char(
        string="Respondent Details", help="Department, site, product or person when no contact exists for them."
    )
    party_ids = fields.One2many("complaint.party", "complaint_id", string="Involved Parties", copy=True)

    # --- assignment and progress ------------------------------------------
    team_id = fields.Many2one(
        "complaint.team",
        string="Team",
        index=True,
        tracking=True,
        default=_default_team_id,
        domain="[('company_id', '=', company_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Handler",
        index=True,
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    stage_id = fields.Many2one(
        "complaint.stage",
        string="Stage",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        default=_default_stage_id,
        group_expand="_read_group_stage_ids",
    )
    state = fields.Selection(related="stage_id.state", store=True, index=True, string="Status")
    date_last_stage_update = fields.Datetime(string="Last Stage Update", copy=False, readonly=True)
    date_closed = fields.Datetime(string="Closed On", copy=False, readonly=True)

    # --- handling ---------------------------------------------------------
    validity = fields.Selection(VALIDITIES, default="pending", required=True, tracking=True)
    validity_reason = fields.Text(
        help="Why the complaint is invalid, or why it is special (it arose although staff followed the rules)."
    )
    investigation = fields.Html(string="Investigation Notes", sanitize=True)
    determination = fields.Selection(DETERMINATIONS, tracking=True)
    resolution = fields.Html(sanitize=True)
    compensation_amount = fields.Monetary(currency_field="currency_id", tracking=True)
    root_cause = fields.Text()
    corrective_action = fields.Text(string="Corrective Action")
    preventive_action = fields.Text(string="Preventive Action")

    # --- deadlines, supervision and fines ---------------------------------
    clock_ids = fields.One2many("complaint.clock", "complaint_id", string="Deadlines")
    date_next_due = fields.Datetime(
        string="Next Deadline",
        compute="_compute_deadlines",
        store=True,
        index=True,
        help="The earliest due time of the running clocks.",
    )
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_deadlines", store=True, index=True, help="A clock ran out and is not met."
    )
    is_supervised = fields.Boolean(
        string="On Supervision List", tracking=True, index=True, help="Supervised (督办) by management."
    )
    date_supervised = fields.Datetime(string="Supervised Since", readonly=True)
    supervision_reason = fields.Char()
    penalty_ids = fields.One2many("complaint.penalty", "complaint_id", string="Fines")

    # --- callback, satisfaction and appeal --------------------------------
    satisfaction_outcome = fields.Selection(
        SATISFACTION_OUTCOMES,
        string="Callback Outcome",
        tracking=True,
        help="The complainant's answer at the callback, on the four-point scale.",
    )
    satisfaction_score = fields.Integer(string="Score (0-10)", tracking=True)
    satisfaction_value = fields.Float(
        string="Satisfaction (%)", aggregator="avg", readonly=True, help="0-100, for statistics (plugins may weigh it)."
    )
    satisfaction_comment = fields.Text(string="Complainant's Comment")
    date_satisfaction = fields.Datetime(string="Rated On", readonly=True)
    appeal_count = fields.Integer(string="Appeals", readonly=True, tracking=True)
    appeal_reason = fields.Text(string="Last Appeal", readonly=True)
    date_appealed = fields.Datetime(string="Appealed On", readonly=True)
    penalty_count = fields.Integer(compute="_compute_penalty_count", string="Fine Count")

    _sql_constraints = [
        ("name_company_unique", "unique(name, company_id)", "A complaint reference is never reused."),
        (
            "compensation_positive",
            "CHECK(compensation_amount IS NULL OR compensation_amount >= 0)",
            "A compensation cannot be negative.",
        ),
    ]

    def init(self):
        # one complaint per reference of an external system (API, import)
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS complaint_complaint_external_ref_unique
                   ON complaint_complaint (company_id, external_source, external_ref)
                WHERE external_ref IS NOT NULL AND external_source IS NOT NULL"""
        )

    # --- computes ---------------------------------------------------------
    @api.depends("team_id")
    def _compute_sector(self):
        for complaint in self:
            complaint.sector = complaint.team_id.sector or complaint.sector or "general"

    @api.depends("severity")
    def _compute_color(self):
        for complaint in self:
            complaint.color = SEVERITY_COLORS.get(complaint.severity, 0)

    @api.depends("clock_ids.state", "clock_ids.date_due", "state")
    def _compute_deadlines(self):
        for complaint in self:
            running = complaint.clock_ids.filtered(lambda c: c.state == "running" and c.date_due)
            complaint.date_next_due = min(running.mapped("date_due")) if running else False
            complaint.is_overdue = complaint.state not in CLOSED_STATES and any(
                c.state == "breached" for c in complaint.clock_ids
            )

    def _compute_penalty_count(self):
        counts = dict(
            self.env["complaint.penalty"]._read_group([("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"])
        )
        for complaint in self:
            complaint.penalty_count = counts.get(complaint, 0)

    @api.depends("partner_id")
    def _compute_contact(self):
        for complaint in self:
            partner = complaint.partner_id
            if partner:
                complaint.contact_name = partner.name
                complaint.contact_phone = partner.phone or partner.mobile or complaint.contact_phone
                complaint.contact_email = partner.email or complaint.contact_email

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for complaint in self:
            complaint.display_name = (
                f"{complaint.name} {complaint.subject}" if complaint.subject else (complaint.name or "")
            )

    def _compute_access_url(self):
        super()._compute_access_url()
        for complaint in self:
            complaint.access_url = f"/my/complaints/{complaint.id}"

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    # --- constraints ------------------------------------------------------
    @api.constrains("subject", "contact_name", "contact_phone", "contact_email", "partner_id", "is_anonymous")
    def _check_intake(self):
        for complaint in self:
            complaint._raise_intake_problems(complaint._intake_values())

    # --- CRUD -------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_references(vals)
            self._classify(vals)
            if vals.get("name", self.env._("New")) == self.env._("New") or not vals.get("name"):
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code(
                    "complaint.complaint"
                ) or self.env._("New")
            vals.setdefault("date_last_stage_update", fields.Datetime.now())
        complaints = super().create(vals_list)
        complaints.filtered(lambda c: c.state in CLOSED_STATES).date_closed = fields.Datetime.now()
        complaints._detect_repeats()
        for complaint in complaints:
            complaint._clock_event("create", when=complaint.date_received)
            if STATE_RANK.get(complaint.state, 0) > 0 or complaint.state == "cancelled":
                complaint._clocks_follow_state("new", complaint.state)
        return complaints

    def write(self, vals):
        self._check_references(vals)
        if not self.env.su and not self.env.user.has_group("complaint_base.group_complaint_manager"):
            locked_fields = [f for f in vals if not f.startswith(CLOSED_WRITABLE_PREFIXES)]
            if locked_fields and any(c.state in CLOSED_STATES for c in self):
                raise UserError(
                    self.env._("Closed and cancelled complaints are read-only; ask a complaint manager to reopen them.")
                )
        old_states = {}
        if "stage_id" in vals:
            vals["date_last_stage_update"] = fields.Datetime.now()
            new_state = self.env["complaint.stage"].browse(vals["stage_id"]).state
            if new_state in CLOSED_STATES:
                vals["date_closed"] = fields.Datetime.now()
            else:
                vals["date_closed"] = False
            old_states = {complaint.id: complaint.state for complaint in self}
        result = super().write(vals)
        for complaint in self.filtered(lambda c: c.id in old_states and old_states[c.id] != c.state):
            complaint._clocks_follow_state(old_states[complaint.id], complaint.state)
        self.filtered(
            lambda c: c.state == "resolved" and c.id in old_states and old_states[c.id] != "resolved"
        )._after_resolution()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_records(self):
        raise UserError(
            self.env._(
                "Complaints are kept as records and are never deleted: archive %(refs)s instead.",
                refs=", ".join(self.mapped("name")),
            )
        )

    # --- intake rules -----------------------------------------------------
    @tools.ormcache()
    def _installed_complaint_addons(self):
        """Addons of the suite installed in this database (or being installed:
        their plugins act on their own demo data).  A new registry is built
        whenever modules are installed or removed, which clears this cache."""
        self.env.cr.execute(
            "SELECT name FROM ir_module_module WHERE state IN ('installed', 'to install', 'to upgrade')"
            " AND name LIKE 'complaint%%'"
        )
        return frozenset(row[0] for row in self.env.cr.fetchall())

    def _intake_values(self):
        self.ensure_one()
        return {
            "subject": self.subject,
            "description": html2plaintext(self.description or ""),
            "partner_id": self.partner_id.id,
            "contact_name": self.contact_name,
            "contact_phone": self.contact_phone,
            "contact_email": self.contact_email,
            "is_anonymous": self.is_anonymous,
            "severity": self.severity,
            "media_involved": self.media_involved,
            "sector": self.sector,
            "anonymous_allowed": self._anonymous_allowed(),
        }

    def _anonymous_allowed(self):
        return bool(self.env["ir.config_parameter"].sudo().get_param("complaint_base.allow_anonymous"))

    @api.model
    def _intake_problems(self, values):
        """The problems the plugins find in ``values``, as ``(field, message)``
        pairs with the message translated into the user's language."""
        results = call_hook(
            "complaint_validate_intake",
            self._installed_complaint_addons(),
            values=values,
            sector=values.get("sector"),
        )
        return [
            (field_name, self._translate_plugin_message(message))
            for result in results
            for field_name, message in (result or [])
        ]

    @api.model
    def _translate_plugin_message(self, message):
        """Plugins answer in English: translate with the catalogue of the
        addon that wrote the sentence (the base first, then the sectors)."""
        lang = self.env.lang
        if not lang or lang == "en_US":
            return message
        for module in ("complaint_base", *sorted(self._installed_complaint_addons() - {"complaint_base"})):
            translated = code_translations.get_python_translations(module, lang).get(message)
            if translated:
                return translated
        return message

    def _raise_intake_problems(self, values):
        problems = self._intake_problems(values)
        if problems:
            raise ValidationError("\n".join(message for __, message in problems))

    @api.model
    def _check_references(self, vals):
        for field_name, label in CHECKED_REFERENCES.items():
            value = vals.get(field_name)
            if not value or not isinstance(value, int):
                continue
            comodel = self.env[self._fields[field_name].comodel_name]
            if not comodel.browse(value).exists():
                raise ValidationError(
                    self.env._(
                        "Unknown %(what)s (id %(id)s): it does not exist or was deleted.",
                        what=self._reference_label(label),
                        id=value,
                    )
                )

    def _reference_label(self, key):
        return {
            "channel": self.env._("channel"),
            "category": self.env._("category"),
            "team": self.env._("team"),
            "stage": self.env._("stage"),
            "complainant": self.env._("complainant"),
            "respondent": self.env._("respondent"),
            "handler": self.env._("handler"),
        }[key]

    @api.model
    def _classify(self, vals):
        """Fill severity, priority and the major flag from the plugins, never
        overriding what the caller set explicitly."""
        team = self.env["complaint.team"].browse(vals["team_id"]) if vals.get("team_id") else self._default_team_id()
        sector = vals.get("sector") or team.sector or "general"
        answer = call_hook(
            "complaint_classify",
            self._installed_complaint_addons(),
            values={key: vals.get(key) for key in INTAKE_FIELDS if key != "description"},
            sector=sector,
        )
        for key, value in (answer or {}).items():
            if key in self._fields and key not in vals:
                vals[key] = value

    # --- repeats ------------------------------------------------------------
    def _repeat_settings(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return (
            int(get("complaint_base.repeat_window_days", "30") or 30),
            float(get("complaint_base.repeat_similarity", "0.3") or 0.3),
            get("complaint_base.repeat_raise_severity", "True") not in ("False", "0", ""),
        )

    @api.model
    def _repeat_candidates(self, partner, phone, email, subject, category, company, exclude_id=False):
        """Open or recent complaints of the same complainant on a similar
        matter (similar subject or same category), most recent first.
        Searched as superuser: the caller decides what to reveal."""
        window, threshold, __ = self._repeat_settings()
        who = []
        if partner:
            who.append(("partner_id", "=", partner.id))
        if phone:
            who.append(("contact_phone", "=", phone))
        if email:
            who.append(("contact_email", "=ilike", email))
        if not who:
            return self.browse()
        candidates = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("id", "!=", exclude_id),
                    ("company_id", "=", company.id),
                    *(["|"] * (len(who) - 1)),
                    *who,
                    "|",
                    ("state", "not in", CLOSED_STATES),
                    ("date_received", ">=", fields.Datetime.now() - timedelta(days=window)),
                ],
                order="date_received desc, id desc",
                limit=20,
            )
        )
        return candidates.filtered(
            lambda c: (category and c.category_id == category) or subject_similarity(c.subject, subject) >= threshold
        )

    def _detect_repeats(self):
        """Flag a complaint as repeated when the same complainant (contact,
        phone or e-mail) has an open or recent complaint on a similar subject
        or in the same category; link it and, if configured, raise severity."""
        __, __, raise_severity = self._repeat_settings()
        for complaint in self.sudo().filtered(lambda c: not c.is_anonymous):
            earlier = self._repeat_candidates(
                complaint.partner_id,
                complaint.contact_phone,
                complaint.contact_email,
                complaint.subject,
                complaint.category_id,
                complaint.company_id,
                exclude_id=complaint.id,
            )[:1]
            if not earlier:
                continue
            values = {"is_repeated": True, "repeat_of_id": earlier.id}
            if raise_severity and complaint.severity != "critical":
                values["severity"] = "critical" if complaint.severity == "major" else "major"
                values["is_major"] = True
            complaint.write(values)
            complaint.message_post(
                body=self.env._("Repeated complaint: the same complainant already complained in %s.", earlier.name),
                subtype_xmlid="mail.mt_note",
            )

    # --- deadline clocks --------------------------------------------------
    def _plugin_data(self):
        """The complaint as plain data for the plugin hooks."""
        self.ensure_one()
        lineage = [int(i) for i in (self.category_id.parent_path or "").split("/") if i]
        return {
            "id": self.id,
            "name": self.name,
            "subject": self.subject,
            "sector": self.sector,
            "category_lineage_ids": lineage,
            "category_code": self.category_id.code,
            "channel_code": self.channel_id.code,
            "severity": self.severity,
            "priority": self.priority,
            "team_id": self.team_id.id,
            "company_id": self.company_id.id,
            "is_major": self.is_major,
            "is_repeated": self.is_repeated,
            "media_involved": self.media_involved,
        }

    def _deadline_targets(self):
        """{clock kind: deadline target} of the policies that apply, the most
        specific policy first (chosen through the plugins)."""
        self.ensure_one()
        Policy = self.env["complaint.deadline.policy"].sudo()
        policies = Policy.search([("company_id", "in", (False, self.company_id.id))])
        data = self._plugin_data()
        candidates = []
        for policy in policies:
            candidate = policy._as_plugin_dict(self)
            candidate.update(matches=policy_matches(data, candidate), specificity=policy_specificity(candidate))
            candidates.append(candidate)
        chosen = call_hook(
            "complaint_select_deadline_policies",
            self._installed_complaint_addons(),
            complaint=data,
            policies=candidates,
        )
        by_id = {policy.id: policy for policy in policies}
        targets = {}
        for data in chosen or []:
            for target in by_id[data["id"]].target_ids:
                targets.setdefault(target.kind_id, target)
        return targets

    def _clock_event(self, event, when=None):
        """Meet the clocks this event stops and start those it starts."""
        when = when or fields.Datetime.now()
        Clock = self.env["complaint.clock"].sudo()
        calendar_of = Clock._calendars()
        for complaint in self:
            clocks = complaint.sudo().clock_ids
            clocks.filtered(lambda c: c.kind_id.stop_event == event)._meet(when)
            starting = self.env["complaint.clock.kind"].sudo().search([("start_event", "=", event)])
            if not starting:
                continue
            targets = complaint._deadline_targets()
            for kind in starting:
                if kind in targets and not clocks.filtered(lambda c, k=kind: c.kind_id == k and c.state != "cancelled"):
                    Clock._start(complaint, targets[kind], when, calendar_of)

    def _clocks_follow_state(self, old_state, new_state):
        self.ensure_one()
        clocks = self.sudo().clock_ids
        if new_state == "cancelled":
            clocks._cancel()
            return
        old_rank, new_rank = STATE_RANK.get(old_state, 0), STATE_RANK.get(new_state, 0)
        if old_state in ("resolved", "closed", "cancelled") and new_rank < 3:
            self._clocks_restart()
        if old_state == "waiting" and new_state != "waiting":
            clocks.filtered(lambda c: c.kind_id.pause_when_waiting)._resume()
        for event, rank in STATE_EVENTS:
            if new_rank >= rank > old_rank:
                self._clock_event(event)
        if new_state == "closed":
            # nothing more is chased on a closed complaint, but its callback
            self.sudo().clock_ids.filtered(
                lambda c: c.state in ("running", "paused") and c.kind_id.stop_event != "callback_done"
            )._cancel()
        if new_state == "waiting":
            self.sudo().clock_ids.filtered(lambda c: c.kind_id.pause_when_waiting)._pause()

    def _clocks_restart(self):
        """Reopening (appeal, dissatisfied callback) starts new clocks for the
        kinds that restart, from now."""
        Clock = self.env["complaint.clock"].sudo()
        calendar_of = Clock._calendars()
        targets = self._deadline_targets()
        now = fields.Datetime.now()
        for kind, target in targets.items():
            if not kind.restart_on_reopen:
                continue
            previous = self.sudo().clock_ids.filtered(lambda c, k=kind: c.kind_id == k)
            previous._cancel()
            previous._log("reset", note=self.env._("Complaint reopened"))
            Clock._start(self, target, now, calendar_of)

    def _message_post_after_hook(self, message, msg_vals):
        """The first message to the complainant meets the first-contact clock."""
        result = super()._message_post_after_hook(message, msg_vals)
        if self.env.context.get("complaint_reply_letter") and message.message_type in ("comment", "email_outgoing"):
            self._clock_event("reply_sent")
        if (
            message.message_type in ("comment", "email_outgoing")
            and message.subtype_id
            and not message.subtype_id.internal
            and message.author_id.user_ids.filtered(lambda u: not u.share)
        ):
            self._clock_event("first_contact")
        return result

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A complaint from an e-mail to a team's alias: the sender becomes the
        complainant (contact when known), the subject and body the complaint."""
        email = tools.email_normalize(msg_dict.get("email_from") or msg_dict.get("from") or "")
        name = tools.parse_contact_from_email(msg_dict.get("email_from") or "")[0]
        values = {
            "subject": (msg_dict.get("subject") or "").strip() or self.env._("Complaint by e-mail"),
            "description": msg_dict.get("body"),
            "contact_email": email or False,
            "contact_name": name or email or False,
            "channel_id": self.env["ir.model.data"]._xmlid_to_res_id("complaint_base.complaint_channel_email") or False,
        }
        author = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        if author.exists() and not author.user_ids.filtered(lambda u: not u.share):
            values["partner_id"] = author.id
        values.update(custom_values or {})
        # not super(): mail.thread would put the subject in the reference and the
        # raw "Name <address>" in the e-mail field; the gateway user is no handler
        return self.with_context(default_user_id=False).create(values)

    def _penalty_payers(self, payer):
        """[(partner, user)] who pay a fine of this payer kind."""
        self.ensure_one()
        User = self.env["res.users"]
        if payer == "handler":
            return [(self.user_id.partner_id, self.user_id)] if self.user_id else []
        if payer in ("team_leader", "team"):
            leader = self.team_id.leader_id
            return [(leader.partner_id, leader)] if leader else []
        if payer == "respondent":
            if self.respondent_partner_id:
                users = self.respondent_partner_id.user_ids[:1]
                return [(self.respondent_partner_id, users)]
            if self.respondent_user_id:
                return [(self.respondent_user_id.partner_id, self.respondent_user_id)]
            return []
        if payer == "participant":
            payers = [(self.user_id.partner_id, self.user_id)] if self.user_id else []
            for party in self.party_ids.filtered(lambda p: p.role not in ("complainant", "witness")):
                partner = party.partner_id or party.user_id.partner_id
                if partner and partner not in [p for p, __ in payers]:
                    payers.append((partner, party.user_id or User))
            return payers
        return []

    def action_view_penalties(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_penalty_action")
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id}
        return action

    def action_send_reply_letter(self):
        """Open the e-mail composer with the reply letter (回复函) attached;
        sending it meets the reply clock."""
        self.ensure_one()
        template = self.env.ref("complaint_base.mail_template_reply_letter")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "complaint_reply_letter": True,
            },
        }

    def action_callback_done(self):
        """Record the callback: outcome on the four-point scale, optional score."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Callback"),
            "res_model": "complaint.callback.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _record_satisfaction(self, outcome, score=None, comment=None):
        """Store the complainant's verdict; a dissatisfied one reopens the
        complaint for re-handling (重办) and tells the team leader."""
        self.ensure_one()
        if outcome not in dict(SATISFACTION_OUTCOMES):
            raise ValidationError(self.env._("Choose one of the four callback outcomes."))
        if score is not None and not 0 <= score <= 10:
            raise ValidationError(self.env._("A satisfaction score is between 0 and 10."))
        value = call_hook(
            "complaint_satisfaction_score", self._installed_complaint_addons(), outcome=outcome, score=score
        )
        self.sudo().write(
            {
                "satisfaction_outcome": outcome,
                "satisfaction_score": score or 0,
                "satisfaction_value": value or 0.0,
                "satisfaction_comment": comment or False,
                "date_satisfaction": fields.Datetime.now(),
            }
        )
        self._clock_event("callback_done")
        if outcome == "dissatisfied" and self.state in ("resolved", "closed"):
            self._reopen_for_rehandling(self.env._("Dissatisfied at the callback"), comment)

    def _after_resolution(self):
        """Plan the callback (回访) and, when configured, e-mail the rating request."""
        get = self.env["ir.config_parameter"].sudo().get_param
        delay = int(get("complaint_base.callback_delay_days", "2") or 0)
        specialist = self.env["res.users"].browse(int(get("complaint_base.callback_user_id", "0") or 0)).exists()
        activity_type = self.env.ref("complaint_base.mail_activity_type_callback", raise_if_not_found=False)
        ask_rating = bool(get("complaint_base.rating_by_email"))
        template = self.env.ref("complaint_base.mail_template_complaint_rating", raise_if_not_found=False)
        for complaint in self.sudo():
            if activity_type and not complaint.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                user = specialist or complaint.team_id.leader_id or complaint.user_id or self.env.user
                complaint.activity_schedule(
                    activity_type_id=activity_type.id,
                    date_deadline=fields.Date.context_today(complaint) + timedelta(days=delay),
                    user_id=user.id,
                )
            if ask_rating and template and not complaint.is_anonymous and complaint._rating_partner_for_request():
                complaint.rating_send_request(template, force_send=False)

    def _rating_partner_for_request(self):
        """The complainant as a contact, created from the e-mail address given
        at intake when there is none yet; nothing without an address."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id if self.partner_id.email else self.env["res.partner"]
        if not self.contact_email:
            return self.env["res.partner"]
        partner = (
            self.env["res.partner"]
            .sudo()
            .find_or_create(tools.formataddr((self.contact_name or "", self.contact_email)))
        )
        self.sudo().with_context(tracking_disable=True).partner_id = partner
        return partner

    def rating_apply(self, rate, token=None, rating=None, feedback=None, subtype_xmlid=None, notify_delay_send=False):
        """A rating given from the e-mail counts as the complainant's verdict:
        5 satisfied, 3 reluctantly accepted, 1 dissatisfied (re-handling)."""
        rating = super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        outcome = RATING_OUTCOMES.get(round(rate))
        for complaint in self:
            if outcome:
                complaint._record_satisfaction(outcome, None, rating.feedback or None)
        return rating

    def _reopen_for_rehandling(self, why, details=None):
        """Reopen at the next level: the team leader takes over, priority up,
        the resolve and close clocks start again."""
        self.ensure_one()
        leader = self.team_id.leader_id
        values = {"stage_id": self._stage_for_state("in_progress").id}
        if leader:
            values["user_id"] = leader.id
        if self.priority != "3":
            values["priority"] = str(int(self.priority or "1") + 1)
        self.sudo().write(values)
        body = Markup("<p><b>%s</b></p><p>%s</p>") % (why, details or "")
        self.sudo().message_post(body=body, partner_ids=leader.partner_id.ids, subtype_xmlid="mail.mt_note")

    def _appeal(self, reason):
        """The complainant contests the outcome (异议): the complaint stays open
        and goes up a level with its own clock."""
        self.ensure_one()
        if self.state not in ("resolved", "closed"):
            raise UserError(self.env._("Only a resolved or closed complaint can be appealed."))
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Say why you contest the outcome."))
        self.sudo().write(
            {
                "appeal_count": self.appeal_count + 1,
                "appeal_reason": reason[:5000],
                "date_appealed": fields.Datetime.now(),
            }
        )
        self._reopen_for_rehandling(self.env._("Appeal by the complainant"), reason[:5000])

    def action_supervise(self):
        self.write({"is_supervised": True, "date_supervised": fields.Datetime.now()})

    def action_unsupervise(self):
        self.write({"is_supervised": False, "date_supervised": False})

    # --- actions ----------------------------------------------------------
    def _stage_for_state(self, state):
        return self.env["complaint.stage"].search([("state", "=", state)], limit=1)

    def _move_to_state(self, state):
        stage = self._stage_for_state(state)
        if not stage:
            raise UserError(self.env._("No active stage has the status %s; configure one first.", state))
        self.write({"stage_id": stage.id})

    def action_acknowledge(self):
        self._move_to_state("acknowledged")

    def action_resolve(self):
        self._move_to_state("resolved")

    def action_close(self):
        self._move_to_state("closed")

    def action_cancel(self):
        self._move_to_state("cancelled")

    def action_reopen(self):
        self._move_to_state("in_progress")

    def action_assign_to_me(self):
        self.write({"user_id": self.env.user.id})
