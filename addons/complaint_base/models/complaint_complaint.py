from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..engine.similarity import normalize_email, normalize_phone
from ..plugins import call_hook
from .complaint_clock import DENORMALISED_FIELDS
from .complaint_fields import SanitizedHtml, sanitize_once
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
# the many2one fields whose target must exist are the declared intake fields
# with a "reference" (engine/intake.py)
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
    description = SanitizedHtml(sanitize=True, sanitize_style=True, help="What happened, in the complainant's words.")
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
        selection=lambda self: self.env["complaint.team"]._fields["sector"]._description_selection(self.env),
        compute="_compute_sector",
        store=True,
        readonly=False,
        precompute=True,
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
    state = fields.Selection(related="stage_id.state", store=True, index=True, precompute=True, string="Status")
    date_last_stage_update = fields.Datetime(string="Last Stage Update", copy=False, readonly=True)
    date_closed = fields.Datetime(string="Closed On", copy=False, readonly=True)

    # --- handling ---------------------------------------------------------
    validity = fields.Selection(VALIDITIES, default="pending", required=True, tracking=True)
    validity_reason = fields.Text(
        help="Why the complaint is invalid, or why it is special (it arose although staff followed the rules)."
    )
    investigation = SanitizedHtml(string="Investigation Notes", sanitize=True)
    determination = fields.Selection(DETERMINATIONS, tracking=True)
    resolution = SanitizedHtml(sanitize=True)
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
        default_stage = default_team = None
        for vals in vals_list:
            if vals.get("is_anonymous"):
                vals.update(dict.fromkeys(IDENTITY_FIELDS, False))
            if default_team is None and not (vals.get("team_id") or "default_team_id" in self.env.context):
                default_team = self._default_team_id()  # once for the batch
            self._classify(vals, default_team=default_team)
            if vals.get("name", new) == new or not vals.get("name"):
                unnamed.setdefault(vals.get("company_id") or self.env.company.id, []).append(vals)
            if "stage_id" not in vals and "default_stage_id" not in self.env.context:
                # the default stage, looked up once for the batch
                default_stage = default_stage if default_stage is not None else self._default_stage_id()
                vals["stage_id"] = default_stage.id
            if "team_id" not in vals and "default_team_id" not in self.env.context:
                # the default team (Settings), looked up once for the batch
                default_team = default_team if default_team is not None else self._default_team_id()
                vals["team_id"] = default_team.id
            vals.setdefault("date_last_stage_update", fields.Datetime.now())
        for company_id, company_vals in unnamed.items():
            names = self._next_references(self.env["res.company"].browse(company_id), len(company_vals))
            for vals, name in zip(company_vals, names, strict=True):
                vals["name"] = name or new
        with sanitize_once():
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
        copied = {name: vals[name] for name in DENORMALISED_FIELDS if name in vals}
        if copied:
            # the clocks' copies of company, team and handler follow the complaint
            self.sudo().clock_ids.write(copied)
        if self._payer_fields() & set(vals):
            self._levy_pending_fines()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_records(self):
        raise UserError(
            self.env._(
                "Complaints are kept as records and are never deleted: archive %(refs)s instead.",
                refs=", ".join(self.mapped("name")),
            )
        )

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A complaint from an e-mail to a team's alias: the sender becomes the
        complainant (contact when known), the subject and body the complaint."""
        email = tools.email_normalize(msg_dict.get("email_from") or msg_dict.get("from") or "")
        name = tools.parse_contact_from_email(msg_dict.get("email_from") or "")[0]
        values = {
            "subject": (msg_dict.get("subject") or "").strip() or self.env._("Complaint by e-mail"),
            "description": self.env["complaint.intake"]._clean_html(msg_dict.get("body"), is_html=True)[0],
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
        return self.env["complaint.intake"].with_context(default_user_id=False)._create_complaints([values])

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
        if activity_type:
            # one batch of activities per callback owner (the followers they
            # add are then inserted in one go, too)
            by_user = {}
            for complaint in self.sudo():
                if not complaint.activity_ids.filtered(lambda a: a.activity_type_id == activity_type):
                    user = specialist or complaint.team_id.leader_id or complaint.user_id or self.env.user
                    by_user.setdefault(user.id, self.env["complaint.complaint"].sudo())
                    by_user[user.id] |= complaint
            deadline = fields.Date.context_today(self) + timedelta(days=delay)
            for user_id, complaints in by_user.items():
                complaints.activity_schedule(activity_type_id=activity_type.id, date_deadline=deadline, user_id=user_id)
        if ask_rating and template:
            for complaint in self.sudo():
                if not complaint.is_anonymous and complaint._rating_partner_for_request():
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
