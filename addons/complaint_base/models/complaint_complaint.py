from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, html2plaintext
from odoo.tools.translate import code_translations

from ..engine.similarity import normalize_email, normalize_phone, subject_similarity
from ..plugins import call_hook
from ..plugins.default import policy_matches, policy_specificity
from .complaint_clock import OPEN_CLOCK_STATES
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
# What a portal user (a complainant, an outlet manager of a sector) may read of
# a complaint through the ORM, JSON-RPC included (docs/security.md): the
# complaint as they told it, its reference, progress and dates.  Investigation,
# validity, root cause, corrective/preventive actions, supervision, people
# (handler, respondent, complainant's contact details), evidence, clocks, fines,
# the access token and the internal fields are not in it.  The portal pages
# show more (the answer once resolved) by reading as superuser after
# ``_document_check_access``.  Sectors add their fields in
# ``_portal_readable_fields``.
PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "subject",
        "description",
        "customer_demand",
        "active",
        "company_id",
        "currency_id",
        "date_received",
        "channel_id",
        "category_id",
        "sector",
        "priority",
        "stage_id",
        "state",
        "date_closed",
        "date_next_due",
        "access_url",
        "access_warning",
        "create_date",
        "write_date",
    }
)
# what anonymity erases, whatever the channel
IDENTITY_FIELDS = ("partner_id", "contact_name", "contact_phone", "contact_email")


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
    contact_phone_normalized = fields.Char(
        compute="_compute_contact_normalized",
        store=True,
        precompute=True,
        index="btree_not_null",
        help="The phone number's digits, to find the complainant's other complaints quickly.",
    )
    contact_email_normalized = fields.Char(
        compute="_compute_contact_normalized",
        store=True,
        precompute=True,
        index="btree_not_null",
        help="The e-mail address in lower case, to find the complainant's other complaints quickly.",
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

    @api.depends("contact_phone", "contact_email")
    def _compute_contact_normalized(self):
        for complaint in self:
            complaint.contact_phone_normalized = normalize_phone(complaint.contact_phone)
            complaint.contact_email_normalized = normalize_email(complaint.contact_email)

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
        self._check_references_batch(vals_list)
        new = self.env._("New")
        unnamed = {}
        default_stage = None
        for vals in vals_list:
            if vals.get("is_anonymous"):
                vals.update(dict.fromkeys(IDENTITY_FIELDS, False))
            self._classify(vals)
            if vals.get("name", new) == new or not vals.get("name"):
                unnamed.setdefault(vals.get("company_id") or self.env.company.id, []).append(vals)
            if "stage_id" not in vals and "default_stage_id" not in self.env.context:
                # the default stage, looked up once for the batch
                default_stage = default_stage if default_stage is not None else self._default_stage_id()
                vals["stage_id"] = default_stage.id
            vals.setdefault("date_last_stage_update", fields.Datetime.now())
        for company_id, company_vals in unnamed.items():
            names = self._next_references(self.env["res.company"].browse(company_id), len(company_vals))
            for vals, name in zip(company_vals, names, strict=True):
                vals["name"] = name or new
        complaints = super().create(vals_list)
        complaints.filtered(lambda c: c.state in CLOSED_STATES).date_closed = fields.Datetime.now()
        complaints._detect_repeats()
        complaints._clock_events("create", {complaint.id: complaint.date_received for complaint in complaints})
        moved = complaints.filtered(lambda c: STATE_RANK.get(c.state, 0) > 0 or c.state == "cancelled")
        for state in set(moved.mapped("state")):
            moved.filtered(lambda c, s=state: c.state == s)._clocks_follow_state("new", state)
        return complaints

    def write(self, vals):
        anonymous = self._anonymous_after(vals)
        if anonymous and anonymous != self:
            # anonymity is kept record by record
            return (self - anonymous).write(dict(vals)) and anonymous.write(dict(vals))
        if anonymous and not self.env.context.get("complaint_anonymous_write"):
            vals = {name: value for name, value in vals.items() if name not in IDENTITY_FIELDS}
            result = self.with_context(complaint_anonymous_write=True).write(vals)
            self._erase_identity()
            return result
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
        moves = {}
        for complaint in self.filtered(lambda c: c.id in old_states and old_states[c.id] != c.state):
            moves.setdefault((old_states[complaint.id], complaint.state), []).append(complaint.id)
        for (old_state, new_state), ids in moves.items():
            self.browse(ids)._clocks_follow_state(old_state, new_state)
        self.filtered(
            lambda c: c.state == "resolved" and c.id in old_states and old_states[c.id] != "resolved"
        )._after_resolution()
        if self._payer_fields() & set(vals):
            self._levy_pending_fines()
        return result

    def _payer_fields(self):
        """Fields naming who pays a fine: a fine that waited for its payer is
        levied when one of them is set (sector addons add theirs)."""
        return {"user_id", "respondent_partner_id", "respondent_user_id", "team_id", "party_ids"}

    def _levy_pending_fines(self):
        """Levy the fines that waited for a payer these complaints now name."""
        clocks = self.sudo().clock_ids.filtered("fine_pending_step_ids")
        if clocks:
            # one worker at a time per clock: the ledger keeps each fine single
            self.env.cr.execute(SQL("SELECT id FROM complaint_clock WHERE id IN %s FOR UPDATE", tuple(clocks.ids)))
            clocks._levy_pending_fines()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_records(self):
        raise UserError(
            self.env._(
                "Complaints are kept as records and are never deleted: archive %(refs)s instead.",
                refs=", ".join(self.mapped("name")),
            )
        )

    # --- portal surface ---------------------------------------------------
    @api.model
    def _portal_readable_fields(self):
        """The fields a portal or public user may read (PORTAL_READABLE_FIELDS);
        a sector addon adds its own with super()."""
        return PORTAL_READABLE_FIELDS

    def _portal_fields_restricted(self):
        return not self.env.su and self.env.user.share

    @api.model
    def check_field_access_rights(self, operation, field_names):
        """Portal users read only the portal fields, through read, search_read,
        web_read, read_group, search domains and orders alike (the ORM asks here)."""
        if operation == "read" and self._portal_fields_restricted():
            readable = self._portal_readable_fields()
            if not field_names:
                return [name for name in super().check_field_access_rights(operation, field_names) if name in readable]
            forbidden = sorted(name for name in field_names if name in self._fields and name not in readable)
            if forbidden:
                raise AccessError(
                    self.env._("You cannot read these fields of a complaint: %(fields)s", fields=", ".join(forbidden))
                )
        return super().check_field_access_rights(operation, field_names)

    def _determine_fields_to_fetch(self, field_names, ignore_when_in_cache=False):
        # prefetching never loads what a portal user may not read
        if self._portal_fields_restricted():
            readable = self._portal_readable_fields()
            field_names = [name for name in field_names if name in readable]
        return super()._determine_fields_to_fetch(field_names, ignore_when_in_cache)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        descriptions = super().fields_get(allfields=allfields, attributes=attributes)
        if not self._portal_fields_restricted():
            return descriptions
        readable = self._portal_readable_fields()
        return {name: description for name, description in descriptions.items() if name in readable}

    # --- anonymity --------------------------------------------------------
    def _anonymous_after(self, vals):
        """The complaints of ``self`` that are anonymous once ``vals`` is
        written, when ``vals`` touches anonymity or the identity."""
        if "is_anonymous" in vals:
            return self if vals["is_anonymous"] else self.browse()
        if set(IDENTITY_FIELDS) & vals.keys():
            return self.filtered("is_anonymous")
        return self.browse()

    def _erase_identity(self):
        """Forget who complained: contact, name, phone and e-mail, the outside
        followers and the tracked values that named them (mail.tracking.value)."""
        self.check_access("write")
        named = self.filtered(lambda c: any(c[name] for name in IDENTITY_FIELDS))
        if not named:
            return
        outsiders = named.message_partner_ids.filtered(lambda p: not p.user_ids.filtered(lambda u: not u.share))
        super(ComplaintComplaint, named.sudo().with_context(tracking_disable=True)).write(
            dict.fromkeys(IDENTITY_FIELDS, False)
        )
        if outsiders:
            named.sudo().message_unsubscribe(partner_ids=outsiders.ids)
        # nor will the tracking still pending in this transaction name them
        pending = self.env.cr.precommit.data.get(f"mail.tracking.{self._name}", {})
        for complaint in named:
            for name in IDENTITY_FIELDS:
                (pending.get(complaint.id) or {}).pop(name, None)
        identity_fields = self.env["ir.model.fields"].sudo().search(
            [("model", "=", self._name), ("name", "in", IDENTITY_FIELDS)]
        )
        self.env["mail.tracking.value"].sudo().search(
            [
                ("field_id", "in", identity_fields.ids),
                ("mail_message_id.model", "=", self._name),
                ("mail_message_id.res_id", "in", named.ids),
            ]
        ).unlink()

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        """Nobody from outside follows an anonymous complaint: that would name
        them (the e-mail gateway subscribes a known sender, for instance)."""
        anonymous = self.sudo().filtered("is_anonymous").with_env(self.env)
        if not partner_ids or not anonymous:
            return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)
        staff = self.env["res.partner"].sudo().browse(partner_ids).filtered(
            lambda p: p.user_ids.filtered(lambda u: not u.share)
        )
        if self - anonymous:
            super(ComplaintComplaint, self - anonymous)._message_subscribe(partner_ids, subtype_ids, customer_ids)
        return super(ComplaintComplaint, anonymous)._message_subscribe(staff.ids, subtype_ids, customer_ids)

    def message_post(self, **kwargs):
        """An e-mail received on an anonymous complaint is not signed with its
        sender: the message is posted as OdooBot, without the address."""
        if self.env.context.get("from_alias") and len(self) == 1 and self.sudo().is_anonymous:
            kwargs["author_id"] = self.env.ref("base.partner_root").id
            kwargs.pop("email_from", None)
        return super().message_post(**kwargs)

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
        self._check_references_batch([vals])

    @api.model
    def _check_references_batch(self, vals_list):
        """A clear error for a reference to a record that does not exist
        (instead of a foreign-key crash); one query per field for a batch."""
        for field_name, label in CHECKED_REFERENCES.items():
            wanted = {vals[field_name] for vals in vals_list if isinstance(vals.get(field_name), int) and vals[field_name]}
            if not wanted:
                continue
            comodel = self.env[self._fields[field_name].comodel_name]
            missing = wanted - set(comodel.browse(wanted).exists().ids)
            if missing:
                raise ValidationError(
                    self.env._(
                        "Unknown %(what)s (id %(id)s): it does not exist or was deleted.",
                        what=self._reference_label(label),
                        id=min(missing),
                    )
                )

    @api.model
    def _next_references(self, company, count):
        """``count`` new references of ``company``'s complaint sequence; the
        numbers of a standard sequence are drawn in one query."""
        Sequence = self.env["ir.sequence"].with_company(company)
        sequence = Sequence.sudo().search(
            [("code", "=", "complaint.complaint"), ("company_id", "in", [company.id, False])],
            order="company_id",
            limit=1,
        )
        if count == 1 or not sequence or sequence.implementation != "standard" or sequence.use_date_range:
            return [Sequence.next_by_code("complaint.complaint") for __ in range(count)]
        self.env.cr.execute(
            SQL("SELECT nextval(%s) FROM generate_series(1, %s)", f"ir_sequence_{sequence.id:03d}", count)
        )
        numbers = [number for (number,) in self.env.cr.fetchall()]
        # the prefix and suffix are interpolated once (they hold the date, not the number)
        prefix, suffix = sequence._get_prefix_suffix()
        return [f"{prefix}{number:0{sequence.padding}d}{suffix}" for number in numbers]

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
        overriding what the caller set explicitly, and route a complaint that
        arrives without a team (web form, e-mail, API, import): to the team
        the plugins name (``team_code``), else the one its category routes
        to, else the default team of Settings, else the company's first team."""
        Team = self.env["complaint.team"].sudo()
        Category = self.env["complaint.category"].sudo()
        company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
        given_team = vals.get("team_id") or self.env.context.get("default_team_id")
        category = Category.browse(vals["category_id"]) if vals.get("category_id") else Category
        route = category._routing_team() if category else Team
        if given_team:
            team = Team.browse(given_team)
        else:
            team = route.filtered(lambda t: t.company_id == company) or self._default_team_id()
        sector = vals.get("sector") or team.sector or "general"
        values = {key: vals.get(key) for key in INTAKE_FIELDS if key != "description"}
        values.update(category_code=category.code or None, category_team_code=route.code or None)
        answer = dict(
            call_hook("complaint_classify", self._installed_complaint_addons(), values=values, sector=sector) or {}
        )
        team_code = answer.pop("team_code", None)
        category_code = answer.pop("category_code", None)
        for key, value in answer.items():
            if key in self._fields and key not in vals:
                vals[key] = value
        if category_code and not category:
            category = Category.search(
                [("code", "=", category_code), ("company_id", "in", (company.id, False))], limit=1
            )
            if category:
                vals["category_id"] = category.id
                route = category._routing_team()
        if not given_team:
            default = self._default_team_id()
            routed = (
                (team_code and Team.search([("code", "=", team_code), ("company_id", "=", company.id)], limit=1))
                or route.filtered(lambda t: t.active and t.company_id == company)
                or default.filtered(lambda t: t.active and t.company_id == company)
                or Team.search([("company_id", "=", company.id)], limit=1)
            )
            if routed:
                vals["team_id"] = routed.id

    # --- repeats ------------------------------------------------------------
    def _repeat_settings(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return (
            int(get("complaint_base.repeat_window_days", "30") or 30),
            float(get("complaint_base.repeat_similarity", "0.3") or 0.3),
            get("complaint_base.repeat_raise_severity", "True") not in ("False", "0", ""),
        )

    @api.model
    def _repeat_domain(self, companies, partners, phones, emails):
        """Open or recent complaints of these complainants (by contact, phone
        digits or lower-case e-mail: indexed look-ups)."""
        window, __, __ = self._repeat_settings()
        who = []
        if partners:
            who.append(("partner_id", "in", list(partners)))
        if phones:
            who.append(("contact_phone_normalized", "in", list(phones)))
        if emails:
            who.append(("contact_email_normalized", "in", list(emails)))
        if not who:
            return None
        return [
            ("company_id", "in", list(companies)),
            *(["|"] * (len(who) - 1)),
            *who,
            "|",
            ("state", "not in", CLOSED_STATES),
            ("date_received", ">=", fields.Datetime.now() - timedelta(days=window)),
        ]

    def _repeat_filter(self, found, subject, category, threshold):
        """The 20 most recent of ``found``, kept when on a similar matter."""
        return found[:20].filtered(
            lambda c: (category and c.category_id == category) or subject_similarity(c.subject, subject) >= threshold
        )

    @api.model
    def _repeat_candidates(self, partner, phone, email, subject, category, company, exclude_id=False):
        """Open or recent complaints of the same complainant on a similar
        matter (similar subject or same category), most recent first.
        Searched as superuser: the caller decides what to reveal."""
        __, threshold, __ = self._repeat_settings()
        phone, email = normalize_phone(phone), normalize_email(email)
        domain = self._repeat_domain(company.ids, partner.ids if partner else [], [phone] if phone else [], [email] if email else [])
        if domain is None:
            return self.browse()
        found = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "!=", exclude_id), *domain], order="date_received desc, id desc", limit=20)
        )
        return self._repeat_filter(found, subject, category, threshold)

    def _detect_repeats(self):
        """Flag a complaint as repeated when the same complainant (contact,
        phone or e-mail) has an open or recent complaint on a similar subject
        or in the same category; link it and, if configured, raise severity.
        One search for the whole batch."""
        __, threshold, raise_severity = self._repeat_settings()
        complaints = self.sudo().filtered(lambda c: not c.is_anonymous)
        domain = self._repeat_domain(
            complaints.company_id.ids,
            set(complaints.partner_id.ids),
            {p for p in complaints.mapped("contact_phone_normalized") if p},
            {e for e in complaints.mapped("contact_email_normalized") if e},
        )
        if domain is None:
            return
        found = complaints.with_context(active_test=False).search(domain, order="date_received desc, id desc")
        # the candidates by company and identifier, in the search's order
        rank, index = {}, {}
        for position, candidate in enumerate(found):
            rank[candidate.id] = position
            company = candidate.company_id.id
            for key in (
                ("partner", candidate.partner_id.id),
                ("phone", candidate.contact_phone_normalized),
                ("email", candidate.contact_email_normalized),
            ):
                if key[1]:
                    index.setdefault((company, *key), []).append(candidate.id)
        for complaint in complaints:
            company = complaint.company_id.id
            ids = set()
            for key in (
                ("partner", complaint.partner_id.id),
                ("phone", complaint.contact_phone_normalized),
                ("email", complaint.contact_email_normalized),
            ):
                if key[1]:
                    # the 20 most recent of each list are enough for the 20 most recent overall
                    ids.update([i for i in index.get((company, *key), ()) if i != complaint.id][:20])
            mine = found.browse(sorted(ids, key=rank.__getitem__))
            earlier = self._repeat_filter(mine, complaint.subject, complaint.category_id, threshold)[:1]
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
        return self._deadline_targets_batch()[self.id]

    def _deadline_targets_batch(self, plugin_data=None):
        """{complaint id: {clock kind: target}} for every complaint of ``self``.

        The policies are read, and their conditions evaluated, once for the
        batch; the plugins still choose per complaint."""
        plugin_data = plugin_data if plugin_data is not None else {}
        policies = (
            self.env["complaint.deadline.policy"]
            .sudo()
            .search([("company_id", "in", [False, *self.company_id.ids])])
        )
        bases, matched = policies._plugin_dicts_for(self)
        addons = self._installed_complaint_addons()
        result = {}
        for complaint in self:
            data = plugin_data.get(complaint.id) or complaint._plugin_data()
            plugin_data[complaint.id] = data
            candidates = []
            for policy in policies:
                if policy.company_id and policy.company_id != complaint.company_id:
                    continue
                ids = matched[policy.id]
                candidate = dict(bases[policy.id], domain_matched=None if ids is None else complaint.id in ids)
                candidate.update(matches=policy_matches(data, candidate), specificity=policy_specificity(candidate))
                candidates.append(candidate)
            chosen = call_hook("complaint_select_deadline_policies", addons, complaint=data, policies=candidates)
            targets = {}
            for choice in chosen or []:
                for target in policies.browse(choice["id"]).target_ids:
                    targets.setdefault(target.kind_id, target)
            result[complaint.id] = targets
        return result

    def _clock_event(self, event, when=None):
        """Meet the clocks this event stops and start those it starts."""
        when = when or fields.Datetime.now()
        self._clock_events(event, dict.fromkeys(self.ids, when))

    def _clock_events(self, event, whens):
        """``_clock_event`` for a batch: ``whens`` gives each complaint's moment
        (e.g. its reception time).  One read of the clocks, one of the
        policies, one insert of the clocks and one of their history."""
        if not self:
            return
        complaints = self.sudo()
        Clock = self.env["complaint.clock"].sudo()
        clocks = complaints.clock_ids
        stopping = clocks.filtered(lambda c: c.kind_id.stop_event == event)
        by_when = {}
        for clock in stopping:
            by_when.setdefault(whens[clock.complaint_id.id], []).append(clock.id)
        for when, ids in by_when.items():
            Clock.browse(ids)._meet(when)
        starting = self.env["complaint.clock.kind"].sudo().search([("start_event", "=", event)])
        if not starting:
            return
        plugin_data = {}
        targets = complaints._deadline_targets_batch(plugin_data)
        to_start = []
        for complaint in complaints:
            # a kind runs once at a time: a reopened complaint that is
            # resolved again gets a new callback clock
            running = complaint.clock_ids.filtered(lambda c: c.state in OPEN_CLOCK_STATES).kind_id
            for kind in starting:
                if kind in targets[complaint.id] and kind not in running:
                    to_start.append((complaint, targets[complaint.id][kind], whens[complaint.id]))
        Clock._start_many(to_start, plugin_data=plugin_data)

    def _clocks_follow_state(self, old_state, new_state):
        """The clocks follow a change of state of these complaints (all moved
        from ``old_state`` to ``new_state``), as one batch."""
        if not self:
            return
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
        plugin_data = {}
        targets = self._deadline_targets_batch(plugin_data)
        now = fields.Datetime.now()
        complaints = self.sudo()
        note = self.env._("Complaint reopened")
        # what waited for the resolution (the callback) waits for the next one
        after_resolution = complaints.clock_ids.filtered(
            lambda c: c.state in OPEN_CLOCK_STATES and c.kind_id.start_event == "resolved"
        )
        after_resolution._cancel()
        after_resolution._log("reset", note=note)
        to_start, previous = [], Clock
        for complaint in complaints:
            for kind, target in targets[complaint.id].items():
                if kind.restart_on_reopen:
                    previous |= complaint.clock_ids.filtered(lambda c, k=kind: c.kind_id == k)
                    to_start.append((complaint, target, now))
        previous._cancel()
        previous._log("reset", note=note)
        Clock._start_many(to_start, plugin_data=plugin_data)

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        """A message of the staff that reached the complainant — an outbound
        message with an external recipient (the complainant as a contact or
        portal user) — meets the first-contact clock.  Internal notes and
        messages only followers of the staff receive do not."""
        recipients_data = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        if self._is_contact_message(message, recipients_data):
            self._clock_event("first_contact")
        return recipients_data

    def _is_contact_message(self, message, recipients_data):
        if message.message_type not in ("comment", "email_outgoing"):
            return False
        if not message.subtype_id or message.subtype_id.internal:
            return False
        if not message.author_id.sudo().user_ids.filtered(lambda u: not u.share):
            return False
        return any(r.get("share") or r.get("type") in ("customer", "portal") for r in recipients_data or [])

    def _message_reached_complainant(self, message):
        """Whether ``message`` (already sent) went to someone outside the staff."""
        self.ensure_one()
        message = message.sudo()
        partners = message.partner_ids | message.notification_ids.res_partner_id
        return any(not partner.user_ids.filtered(lambda u: not u.share) for partner in partners)

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
            },
        }

    def action_log_call(self):
        """Log a phone call to the complainant with its outcome."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Call"),
            "res_model": "complaint.call.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
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
        if outcome == "dissatisfied" and self.env.context.get("complaint_rating_unconfirmed"):
            # a link opened (by the complainant or a mail scanner): reopening
            # waits for the rating page's form (controllers/rating.py)
            return rating
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
