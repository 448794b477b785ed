from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.complaint_base.plugins import call_hook
from odoo.addons.portal.utils import validate_thread_with_hash_pid, validate_thread_with_token
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..rules import schedule, strikes
from ..rules.schedule import SECTOR

OUTLET_ROLES = [
    ("sending", "Sending Outlet"),
    ("delivering", "Delivering Outlet"),
    ("other", "Other"),
]
BREACH_STATES = [
    ("pending", "To Determine"),
    ("unfounded", "Not Founded"),
    ("recorded", "Recorded, Unproven"),
    ("counted", "Counted"),
    ("fined", "Fined"),
]
# complaint values checked by the courier plugin at intake
COURIER_INTAKE_FIELDS = ("courier_waybill", "courier_item_value", "courier_insured")
# what an outlet manager reads of their outlet's complaints on the portal
# (complaint_base's PORTAL_READABLE_FIELDS, docs/security.md); no evidence
PORTAL_READABLE_COURIER_FIELDS = frozenset(
    {"courier_waybill", "courier_outlet_id", "courier_rule_id", "courier_outlet_answer", "courier_date_outlet_answer"}
)
# states in which the outlet's side is no longer recorded
CLOSED_STATES = ("closed", "cancelled")
# changes that may complete a month's repeats of an outlet
REFERRAL_FIELDS = {
    "courier_outlet_id",
    "courier_rule_id",
    "date_received",
    "courier_breach_state",
    "validity",
    "stage_id",
}


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    # --- the parcel and the parties -------------------------------------------
    courier_waybill = fields.Char(
        string="Waybill Number(s)",
        index="trigram",
        tracking=True,
        help="One or several, separated by spaces or commas.",
    )
    courier_sender_name = fields.Char(string="Sender")
    courier_sender_phone = fields.Char(string="Sender's Phone")
    courier_recipient_name = fields.Char(string="Recipient")
    courier_recipient_phone = fields.Char(string="Recipient's Phone")
    courier_outlet_id = fields.Many2one(
        "courier.outlet",
        string="Outlet Complained About",
        compute="_compute_courier_outlet_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    courier_outlet_role = fields.Selection(OUTLET_ROLES, string="Outlet's Role", default="delivering")
    courier_staff_id = fields.Many2one(
        "courier.staff",
        string="Staff Member",
        index=True,
        tracking=True,
        domain="[('outlet_id', '=?', courier_outlet_id)]",
        help="The courier, clerk or manager complained about, when known.",
    )
    courier_item_value = fields.Monetary(string="Item Value", currency_field="currency_id")
    courier_insured = fields.Boolean(string="Insured")
    # --- the article and its evidence -----------------------------------------
    courier_rule_id = fields.Many2one(
        "complaint.penalty.rule",
        string="Article Breached",
        index=True,
        tracking=True,
        domain="[('sector', '=', 'courier'), ('company_id', '=', company_id)]",
        help="The article of the fine schedule the complaint is about; also its kind for the three-strikes "
        "and monthly repeat rules.",
    )
    courier_evidence_surname = fields.Char(
        string="Surname Given", help="The staff member's surname, as the complainant gave it."
    )
    courier_evidence_employee_code = fields.Char(string="Employee ID Given")
    courier_evidence_landline = fields.Char(string="Landline Given")
    courier_evidence_recording = fields.Boolean(string="Call Recording")
    courier_evidence_message = fields.Boolean(string="Online Message")
    courier_evidence_note = fields.Text(string="Evidence Notes")
    courier_proven = fields.Boolean(
        string="Proven",
        compute="_compute_courier_proven",
        store=True,
        help="The complainant gave one of the kinds of evidence the article accepts.",
    )
    courier_caused_by_customer = fields.Boolean(
        string="Caused by the Customer", help="第十四条: the customer caused it; the reduced fine applies."
    )
    courier_breach_state = fields.Selection(
        BREACH_STATES, string="Breach", default="pending", required=True, tracking=True, index=True, copy=False
    )
    courier_date_established = fields.Datetime(string="Determined On", readonly=True, copy=False)
    courier_strike_group = fields.Integer(
        string="Strike Group",
        readonly=True,
        copy=False,
        help="Fined as one of three unproven complaints of the same kind.",
    )
    # --- the outlet's side ---------------------------------------------------
    courier_outlet_answer = fields.Text(string="Outlet's Answer", tracking=True)
    courier_date_outlet_answer = fields.Datetime(string="Answered On", readonly=True, copy=False)
    courier_claim_ids = fields.One2many("courier.claim", "complaint_id", string="Claims")
    courier_claim_count = fields.Integer(compute="_compute_courier_claim_count")
    courier_referral_ids = fields.Many2many(
        "courier.referral",
        "courier_referral_complaint_rel",
        "complaint_id",
        "referral_id",
        string="Referrals",
        readonly=True,
    )

    @api.model
    def _portal_readable_fields(self):
        return super()._portal_readable_fields() | PORTAL_READABLE_COURIER_FIELDS

    # --- computes ---------------------------------------------------------
    @api.depends("courier_staff_id")
    def _compute_courier_outlet_id(self):
        for complaint in self:
            if complaint.courier_staff_id and not complaint.courier_outlet_id:
                complaint.courier_outlet_id = complaint.courier_staff_id.outlet_id

    def _courier_given_evidence(self):
        self.ensure_one()
        return schedule.given_evidence(
            {
                "surname": self.courier_evidence_surname,
                "employee_id": self.courier_evidence_employee_code,
                "landline": self.courier_evidence_landline,
                "recording": self.courier_evidence_recording,
                "message": self.courier_evidence_message,
            }
        )

    def _courier_evidence_names(self, env):
        """The evidence given, as its kinds are called in ``env``'s language
        (姓氏, 座机号码), not by their codes."""
        given = self._courier_given_evidence()
        kinds = env["courier.evidence.kind"].sudo().search([("code", "in", given)])
        names = {kind.code: kind.name for kind in kinds}
        return [names.get(code, code) for code in given]

    @api.depends(
        "courier_rule_id.courier_evidence_kind_ids",
        "courier_evidence_surname",
        "courier_evidence_employee_code",
        "courier_evidence_landline",
        "courier_evidence_recording",
        "courier_evidence_message",
    )
    def _compute_courier_proven(self):
        for complaint in self:
            accepted = complaint.courier_rule_id.courier_evidence_kind_ids.mapped("code")
            complaint.courier_proven = schedule.is_proven(accepted, complaint._courier_given_evidence())

    def _compute_courier_claim_count(self):
        counts = dict(
            self.env["courier.claim"]._read_group([("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"])
        )
        for complaint in self:
            complaint.courier_claim_count = counts.get(complaint, 0)

    # --- constraints and CRUD ---------------------------------------------
    @api.constrains("courier_waybill", "courier_staff_id", "courier_outlet_id", "courier_item_value", "courier_insured")
    def _check_courier_intake(self):
        for complaint in self.filtered(lambda c: c.sector == SECTOR):
            complaint._raise_intake_problems(complaint._intake_values())

    @api.constrains("courier_staff_id", "courier_outlet_id")
    def _check_courier_staff_outlet(self):
        for complaint in self:
            staff = complaint.courier_staff_id
            if staff and complaint.courier_outlet_id and staff.outlet_id != complaint.courier_outlet_id:
                raise ValidationError(
                    self.env._(
                        "%(staff)s works for %(outlet)s, not for the outlet complained about.",
                        staff=staff.display_name,
                        outlet=staff.outlet_id.display_name,
                    )
                )

    def _intake_values(self):
        values = super()._intake_values()
        values.update({name: self[name] for name in COURIER_INTAKE_FIELDS})
        values["courier_staff_id"] = self.courier_staff_id.id
        values["courier_outlet_id"] = self.courier_outlet_id.id
        return values

    @api.model_create_multi
    def create(self, vals_list):
        Outlet = self.env["courier.outlet"]
        for vals in vals_list:
            if vals.get("courier_outlet_id") and not vals.get("respondent_partner_id"):
                vals["respondent_partner_id"] = Outlet.browse(vals["courier_outlet_id"]).partner_id.id
        complaints = super().create(vals_list)
        complaints.filtered(lambda c: c.courier_outlet_id and c.courier_rule_id)._courier_check_referrals()
        return complaints

    def write(self, vals):
        if vals.get("courier_outlet_id") and "respondent_partner_id" not in vals:
            outlet = self.env["courier.outlet"].browse(vals["courier_outlet_id"])
            for complaint in self.filtered(
                lambda c: not c.respondent_partner_id or c.respondent_partner_id == c.courier_outlet_id.partner_id
            ):
                super(ComplaintComplaint, complaint).write({"respondent_partner_id": outlet.partner_id.id})
        result = super().write(vals)
        if REFERRAL_FIELDS & set(vals) and not self.env.context.get("courier_no_referral_check"):
            self.filtered(lambda c: c.courier_outlet_id and c.courier_rule_id)._courier_check_referrals()
        return result

    # --- plugin data ------------------------------------------------------
    def _plugin_data(self):
        data = super()._plugin_data()
        data.update(
            {
                "courier_outlet_id": self.courier_outlet_id.id,
                "courier_outlet_code": self.courier_outlet_id.code,
                "courier_staff_id": self.courier_staff_id.id,
                "courier_article": self.courier_rule_id.code,
                "courier_proven": self.courier_proven,
            }
        )
        return data

    def _payer_fields(self):
        return super()._payer_fields() | {"courier_outlet_id"}

    def _penalty_payers(self, payer):
        if payer == "outlet":
            outlet = self.courier_outlet_id
            return [(outlet.partner_id, self.env["res.users"])] if outlet else []
        return super()._penalty_payers(payer)

    # --- rights -----------------------------------------------------------
    def _courier_check_desk(self):
        """Only the courier desk records the outlet's side or determines a
        breach, and only on complaints it may edit.  Checked before any side
        effect: the clocks, fines and notes that follow are written as
        superuser.  Outlet managers act through the portal routes only."""
        if self.env.su:
            return
        if not self.env.user.has_group("complaint_courier.group_courier_user"):
            raise AccessError(self.env._("Only the courier desk may record this."))
        self.check_access("write")

    def _courier_check_open(self):
        """Nothing of the outlet's side is recorded on a closed or cancelled complaint."""
        for complaint in self:
            if complaint.state in CLOSED_STATES:
                raise UserError(
                    self.env._("%s is closed: nothing more is recorded on it.", complaint.name),
                )

    # --- the complainant's thread -----------------------------------------
    @api.model
    def _courier_outside_thread_ids(self, ids):
        """Of the complaints ``ids``, those whose thread the current portal
        user takes no part in: neither the complainant nor a follower.  An
        outlet manager reads the complaint about its outlet (record rule) and
        answers through the outlet portal; the complainant's messages are not
        theirs to read or to post in."""
        if self.env.su or self.env.user._is_internal() or not ids:
            return set()
        partner = self.env.user.partner_id
        inside = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("id", "in", list(ids)),
                    "|",
                    ("partner_id", "=", partner.id),
                    ("message_partner_ids", "in", partner.ids),
                ]
            )
        )
        return set(ids) - set(inside.ids)

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        thread = super()._get_thread_with_access(thread_id, mode, **kwargs)
        if thread and not thread.env.su and self._courier_outside_thread_ids(thread.ids):
            # read access through the outlet rule opens no thread; a valid token still does
            thread_sudo = self.browse(thread_id).sudo()
            if validate_thread_with_hash_pid(
                thread_sudo, kwargs.get("hash"), kwargs.get("pid")
            ) or validate_thread_with_token(thread_sudo, kwargs.get("token")):
                return thread_sudo
            return self.browse()
        return thread

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        """Outlet managers never follow a complainant's thread (unless they are the complainant)."""
        if partner_ids:
            outlets = (
                self.env["courier.outlet"]
                .sudo()
                .with_context(active_test=False)
                .search([("portal_user_ids.partner_id", "in", list(partner_ids))])
            )
            barred = set(outlets.portal_user_ids.partner_id.ids) - set(self.sudo().partner_id.ids)
            if barred:
                partner_ids = [pid for pid in partner_ids if pid not in barred]
        return super()._message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids, customer_ids=customer_ids)

    # --- time and language helpers -----------------------------------------
    def _courier_company(self):
        return (self[:1].company_id or self.env.company).sudo()

    def _courier_env(self):
        """The company's language and time zone: the texts the desk and the
        scheduler write on complaints, fines and referrals are read in them."""
        return self._courier_company()._complaint_env()

    def _courier_format_datetime(self, value):
        return self._courier_company()._complaint_format_datetime(value)

    def _courier_tz(self):
        """The network's time zone: the team's working hours', else the company's complaint time zone."""
        calendar_tz = self[:1].team_id.resource_calendar_id.tz
        return pytz.timezone(calendar_tz or self._courier_company()._complaint_tz())

    def _courier_local(self, when):
        return pytz.utc.localize(when).astimezone(self._courier_tz()).replace(tzinfo=None)

    def _courier_period(self, when, window):
        """UTC bounds [start, end) of the local month or year holding ``when``; None: no bound."""
        if window == "ever":
            return None
        local = self._courier_local(when)
        if window == "year":
            start, end = local.replace(month=1, day=1), local.replace(month=1, day=1) + relativedelta(years=1)
        else:
            start, end = local.replace(day=1), local.replace(day=1) + relativedelta(months=1)
        tz = self._courier_tz()

        def to_utc(day):
            return tz.localize(datetime.combine(day.date(), time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        return to_utc(start), to_utc(end)

    # --- determination ----------------------------------------------------
    def _courier_lock_outlets(self, outlets):
        """Serialise the counts of an outlet: a concurrent transaction that
        counts the same outlet waits, then fails to serialise and is retried
        with the fines of this one in sight."""
        if outlets:
            self.env.cr.execute(
                SQL("UPDATE courier_outlet SET write_date = write_date WHERE id IN %s", tuple(outlets.ids))
            )

    def action_courier_establish(self):
        """The breach is established (经调查属实): fine it, record it when
        unproven, or count it, as the article says."""
        self._courier_check_desk()
        for complaint in self:
            if not complaint.courier_outlet_id or not complaint.courier_rule_id:
                raise UserError(self.env._("Name the outlet and the article breached first (%s).", complaint.name))
            if complaint.courier_breach_state in ("fined", "counted"):
                raise UserError(self.env._("The breach of %s is already determined.", complaint.name))
            if not complaint.courier_rule_id.active:
                raise UserError(
                    self.env._("Article %s is retired: choose the article in force.", complaint.courier_rule_id.code)
                )
        self._courier_lock_outlets(self.courier_outlet_id)
        for complaint in self:
            complaint._courier_establish()
        return True

    def _courier_establish(self):
        self.ensure_one()
        rule = self.courier_rule_id
        was_recorded = self.courier_breach_state == "recorded"
        decision = schedule.decide(rule._as_plugin_dict(), self.courier_proven, self.courier_caused_by_customer)
        state = {schedule.RECORD: "recorded", schedule.COUNT: "counted"}.get(decision, "fined")
        self.with_context(courier_no_referral_check=True).write(
            {"courier_breach_state": state, "courier_date_established": fields.Datetime.now()}
        )
        if decision in (schedule.FINE, schedule.REDUCED):
            self._courier_levy(f"courier:complaint:{self.id}", reduced=decision == schedule.REDUCED)
        elif decision == schedule.RECORD and not was_recorded:
            env = self._courier_env()
            self.message_post(
                body=env._(
                    "Not proven: recorded against %(who)s for %(article)s (备案).",
                    who=(self.courier_staff_id or self.courier_outlet_id).display_name,
                    article=rule.with_context(lang=env.lang).display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        if decision == schedule.RECORD and rule.courier_three_strikes:
            self._courier_apply_strikes()
        elif decision == schedule.COUNT:
            self._courier_apply_counts()
        self._courier_check_referrals()

    def action_courier_unfounded(self):
        self._courier_check_desk()
        self.filtered(lambda c: c.courier_breach_state in ("pending", "recorded")).write(
            {"courier_breach_state": "unfounded", "courier_date_established": fields.Datetime.now()}
        )

    def _courier_ordinal(self):
        """Position of this complaint among the established complaints of its
        article against its outlet, in the article's counting window."""
        self.ensure_one()
        rule = self.courier_rule_id
        domain = [
            ("courier_outlet_id", "=", self.courier_outlet_id.id),
            ("courier_rule_id", "=", rule.id),
            ("courier_breach_state", "in", ("fined", "recorded", "counted")),
        ]
        period = self._courier_period(self.date_received, rule.courier_count_window)
        if period:
            domain += [("date_received", ">=", period[0]), ("date_received", "<", period[1])]
        items = self.sudo().search_read(domain, ["date_received"])
        return strikes.ordinal([{"id": i["id"], "date": i["date_received"]} for i in items], self.id)

    def _courier_levy(self, key_prefix, reduced=False, note=None):
        """Book the fines of this complaint's article through the plugins."""
        self.ensure_one()
        rule = self.courier_rule_id
        Rule = self.env["complaint.penalty.rule"].sudo()
        rules = Rule.search([("company_id", "=", self.company_id.id), ("sector", "=", SECTOR)])
        answers = call_hook(
            "complaint_assess_penalties",
            self._installed_complaint_addons(),
            complaint=self._plugin_data(),
            breach={
                "kind": "courier_article",
                "article": rule.code,
                "reduced": reduced,
                "ordinal": self._courier_ordinal() if rule.courier_repeat_threshold else 1,
            },
            rules=[r._as_plugin_dict() for r in rules],
        )
        env = self._courier_env()
        evidence = note or env._(
            "%(article)s established on %(complaint)s, received %(received)s. Evidence: %(evidence)s.",
            article=rule.with_context(lang=env.lang).display_name,
            complaint=self.name,
            received=self._courier_format_datetime(self.date_received),
            evidence=", ".join(self._courier_evidence_names(env)) or env._("none"),
        )
        values = []
        for fine in (f for answer in answers for f in (answer or [])):
            fined_rule = rules.filtered(lambda r, code=fine["rule_code"]: r.code == code)[:1]
            for partner, user in self._penalty_payers(fine["payer"]):
                values.append(
                    self.env["complaint.penalty"]._fine_values(
                        self,
                        fine,
                        fined_rule,
                        partner,
                        user,
                        f"{key_prefix}:rule:{fined_rule.id}:{fine.get('part') or 'main'}:partner:{partner.id}",
                        evidence,
                        courier_staff_id=self.courier_staff_id.id,
                        courier_part=fine.get("part") or "main",
                    )
                )
        penalties = self.env["complaint.penalty"].sudo()._create_batch_once(values)
        if penalties:
            self.sudo().message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (
                    env._("Fines proposed:"),
                    Markup("").join(
                        Markup("<li>%s %s: %s</li>")
                        % (
                            p.rule_id.with_context(lang=env.lang).display_name,
                            p.partner_id.display_name,
                            p.amount,
                        )
                        for p in penalties
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return penalties

    def _courier_strike_owner(self):
        self.ensure_one()
        if self.courier_staff_id:
            return f"staff:{self.courier_staff_id.id}"
        return f"outlet:{self.courier_outlet_id.id}"

    def _courier_apply_strikes(self):
        """三次后按证据确凿一并处理: every third unproven complaint of the same
        kind against the same person makes the three proven, fined together.
        The groups already fined are read from the ledger, never fined again."""
        self.ensure_one()
        rule = self.courier_rule_id
        Complaint = self.sudo().with_context(active_test=False)
        domain = [
            ("courier_rule_id", "=", rule.id),
            ("courier_breach_state", "=", "recorded"),
            ("courier_staff_id", "=", self.courier_staff_id.id),
        ]
        if not self.courier_staff_id:
            domain.append(("courier_outlet_id", "=", self.courier_outlet_id.id))
        recorded = Complaint.search(domain)
        prefix = f"courier:strike:{self._courier_strike_owner()}:rule:{rule.id}:group:"
        ledger = self.env["complaint.penalty"].sudo().search([("breach_key", "=like", f"{prefix}%")])
        groups_done = max((int(key[len(prefix) :].split(":")[0]) for key in ledger.mapped("breach_key")), default=0)
        groups = strikes.strike_groups(
            [{"id": c.id, "date": c.date_received} for c in recorded], ledger.complaint_id.ids, groups_done
        )
        env = self._courier_env()
        for number, ids in groups:
            group = Complaint.browse(ids)
            names = ", ".join(group.mapped("name"))
            for complaint in group:
                complaint._courier_levy(
                    f"{prefix}{number}:complaint:{complaint.id}",
                    note=env._(
                        "Third unproven complaint of the same kind against %(who)s: %(names)s are treated as proven "
                        "and fined together (三次后按证据确凿一并处理).",
                        who=(complaint.courier_staff_id or complaint.courier_outlet_id).display_name,
                        names=names,
                    ),
                )
            group.with_context(courier_no_referral_check=True).write(
                {"courier_breach_state": "fined", "courier_strike_group": number}
            )

    def _courier_apply_counts(self):
        """第一条: every N-th established complaint of the article against the
        outlet in a calendar month fines the outlet (three valuable-item
        losses in a month: liability plus 5000)."""
        self.ensure_one()
        rule = self.courier_rule_id
        start, end = self._courier_period(self.date_received, "month")
        items = self.sudo().search(
            [
                ("courier_outlet_id", "=", self.courier_outlet_id.id),
                ("courier_rule_id", "=", rule.id),
                ("courier_breach_state", "=", "counted"),
                ("date_received", ">=", start),
                ("date_received", "<", end),
            ]
        )
        month = strikes.month_of(self._courier_local(self.date_received))
        env = self._courier_env()
        for number, closing_id in strikes.count_groups(
            [{"id": c.id, "date": c.date_received} for c in items], rule.courier_count_size
        ):
            closing = items.browse(closing_id)
            closing._courier_levy(
                f"courier:count:outlet:{self.courier_outlet_id.id}:rule:{rule.id}:{month}:group:{number}",
                note=env._(
                    "%(count)s complaints of %(article)s against %(outlet)s in %(month)s: %(names)s.",
                    count=rule.courier_count_size * number,
                    article=rule.with_context(lang=env.lang).display_name,
                    outlet=self.courier_outlet_id.display_name,
                    month=month,
                    names=", ".join(
                        items.sorted(lambda c: (c.date_received, c.id)).mapped("name")[
                            : rule.courier_count_size * number
                        ]
                    ),
                ),
            )

    # --- monthly repeats --------------------------------------------------
    def _courier_repeat_domain(self):
        return [
            ("courier_outlet_id", "!=", False),
            ("courier_rule_id", "!=", False),
            ("courier_breach_state", "!=", "unfounded"),
            ("validity", "!=", "invalid"),
            ("state", "!=", "cancelled"),
        ]

    def _courier_check_referrals(self):
        """Three or more complaints of one kind against an outlet in a calendar
        month go to network management (交网点管理严惩)."""
        buckets = {}
        for complaint in self.filtered(lambda c: c.courier_outlet_id and c.courier_rule_id):
            start, end = complaint._courier_period(complaint.date_received, "month")
            buckets[(complaint.courier_outlet_id.id, complaint.courier_rule_id.id, start)] = end
        Complaint = self.sudo()
        Referral = self.env["courier.referral"].sudo()
        for (outlet_id, rule_id, start), end in buckets.items():
            found = Complaint.search(
                [
                    *self._courier_repeat_domain(),
                    ("courier_outlet_id", "=", outlet_id),
                    ("courier_rule_id", "=", rule_id),
                    ("date_received", ">=", start),
                    ("date_received", "<", end),
                ]
            )
            repeats = strikes.monthly_repeats(
                [
                    {"id": c.id, "outlet_id": outlet_id, "kind_id": rule_id, "date": c._courier_local(c.date_received)}
                    for c in found
                ]
            )
            for (__, __, month), ids in repeats.items():
                Referral._courier_flag(outlet_id, rule_id, month, Complaint.browse(ids))

    @api.model
    def _cron_courier_network_checks(self, months=2):
        """Daily: complete the three-strikes groups, the monthly counts and the
        referrals of the last months (idempotent: the ledger and the unique
        referral per outlet, kind and month decide)."""
        since = fields.Datetime.now() - relativedelta(months=months)
        complaints = self.sudo().search(
            [("sector", "=", SECTOR), ("date_received", ">=", since), *self._courier_repeat_domain()]
        )
        self._courier_lock_outlets(complaints.courier_outlet_id)
        seen = set()
        for complaint in complaints.filtered(
            lambda c: c.courier_breach_state == "recorded" and c.courier_rule_id.courier_three_strikes
        ):
            key = (complaint._courier_strike_owner(), complaint.courier_rule_id.id)
            if key not in seen:
                seen.add(key)
                complaint._courier_apply_strikes()
        for complaint in complaints.filtered(lambda c: c.courier_breach_state == "counted"):
            key = (
                complaint.courier_outlet_id.id,
                complaint.courier_rule_id.id,
                strikes.month_of(complaint._courier_local(complaint.date_received)),
            )
            if key not in seen:
                seen.add(key)
                complaint._courier_apply_counts()
        complaints._courier_check_referrals()
        return len(complaints)

    @api.model
    def _courier_process_due_clocks(self):
        """One scheduler pass over the courier complaints' due clocks only,
        e.g. after importing a backlog of complaints (the demo data uses it)."""
        now = fields.Datetime.now()
        clocks = (
            self.env["complaint.clock"]
            .sudo()
            .search(
                [
                    ("complaint_id.sector", "=", SECTOR),
                    ("next_check", "<=", now),
                    ("state", "in", ("running", "breached")),
                ]
            )
        )
        clocks._process(now)
        return len(clocks)

    # --- deadlines of the outlet's side -----------------------------------
    # Head office records what it did or heard (the desk's buttons); the outlet
    # manager answers and reports the apology on the portal, whose routes call
    # the private methods below once they checked the outlet and the state.
    def _courier_event(self, event, message):
        for complaint in self:
            complaint._clock_event(event)
            complaint.sudo().message_post(body=message, subtype_xmlid="mail.mt_note")

    def action_courier_order_apology(self):
        """第十三条: the outlet is told to apologise within 24 hours."""
        self._courier_check_desk()
        self._courier_check_open()
        self._courier_event(
            "apology_ordered",
            self._courier_env()._("The outlet is told to apologise to the customer within 24 hours."),
        )

    def action_courier_apology_given(self):
        self._courier_check_desk()
        self._courier_check_open()
        self._courier_event("apology_given", self._courier_env()._("The outlet apologised to the customer."))

    def action_courier_outlet_feedback(self):
        """第二条（二）/第二十二条: the outlet fed the result back to the customer."""
        self._courier_check_desk()
        self._courier_check_open()
        self.sudo().write({"courier_date_outlet_answer": fields.Datetime.now()})
        self._courier_event("outlet_feedback", self._courier_env()._("The outlet fed back to the customer."))

    def action_courier_call_outlet(self):
        """第十八条: head office calls the outlet; it must answer within 15 minutes.
        Every attempt has its own clock (and its own fine if missed)."""
        self._courier_check_desk()
        self._courier_check_open()
        Clock = self.env["complaint.clock"].sudo()
        kind = self.env.ref("complaint_courier.clock_kind_courier_reach")
        for complaint in self:
            if complaint.sudo().clock_ids.filtered(lambda c: c.kind_id == kind and c.state == "running"):
                raise UserError(
                    self.env._(
                        "Head office is already waiting for %s to answer.", complaint.courier_outlet_id.display_name
                    )
                )
            target = complaint._deadline_targets().get(kind)
            if not target:
                raise UserError(self.env._("No courier deadline policy sets the outlet's reachability clock."))
            Clock._start(complaint, target, fields.Datetime.now())
            complaint.sudo().message_post(
                body=complaint._courier_env()._("Head office calls the outlet."), subtype_xmlid="mail.mt_note"
            )

    def action_courier_outlet_reached(self):
        self._courier_check_desk()
        self._courier_check_open()
        self._courier_event("outlet_reached", self._courier_env()._("Head office reached the outlet."))

    def _courier_post_for_outlet(self, body, author):
        """A note of the outlet's side on the complaint, by the outlet manager:
        an internal note that reaches no complainant, and the manager does not
        become a follower of the complainant's thread."""
        self.sudo().with_context(mail_create_nosubscribe=True).message_post(
            body=body, author_id=author.id, message_type="comment", subtype_xmlid="mail.mt_note"
        )

    def _courier_outlet_answer(self, answer, author):
        """The outlet's answer from the portal: recorded, noted, and it meets
        the feedback clocks.  The portal route checked the outlet."""
        self.ensure_one()
        self._courier_check_open()
        if self.courier_date_outlet_answer:
            # one answer: what head office reviews is not rewritten afterwards
            raise UserError(
                self.env._(
                    "The outlet's answer on %(complaint)s was already recorded on %(date)s.",
                    complaint=self.name,
                    date=self._courier_company()._complaint_format_datetime(
                        self.courier_date_outlet_answer,
                        dt_format="minutes",
                        tz=self.env.user.tz,
                        lang_code=self.env.lang,
                    ),
                )
            )
        answer = (answer or "").strip()
        if not answer:
            raise UserError(self.env._("Write the outlet's answer."))
        self.sudo().write({"courier_outlet_answer": answer[:5000], "courier_date_outlet_answer": fields.Datetime.now()})
        self._courier_post_for_outlet(
            Markup("<p><b>%s</b></p><p>%s</p>") % (self._courier_env()._("Outlet's answer"), answer[:5000]), author
        )
        self._clock_event("outlet_feedback")

    def _courier_outlet_apology(self, author):
        """The outlet reports from the portal that it apologised, while an
        apology is asked of it.  The portal route checked the outlet."""
        self.ensure_one()
        self._courier_check_open()
        if not self.sudo().clock_ids.filtered(
            lambda c: c.kind_id.stop_event == "apology_given" and c.state in ("running", "breached")
        ):
            raise UserError(self.env._("No apology is asked of the outlet on %s.", self.name))
        self._courier_post_for_outlet(
            Markup("<p>%s</p>") % self._courier_env()._("The outlet apologised to the customer."), author
        )
        self._clock_event("apology_given")

    def action_courier_new_claim(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "courier.claim",
            "view_mode": "form",
            "context": {
                "default_complaint_id": self.id,
                "default_outlet_id": self.courier_outlet_id.id,
                "default_item_value": self.courier_item_value,
                "default_insured": self.courier_insured,
            },
        }

    def action_courier_view_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_courier.courier_claim_action")
        action["domain"] = [("complaint_id", "=", self.id)]
        action["context"] = {"default_complaint_id": self.id}
        return action
