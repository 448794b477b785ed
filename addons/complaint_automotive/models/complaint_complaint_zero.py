"""The 零抱怨 (zero complaint) case on a complaint (seed 000/004, 七 3).

A manufacturer survey score of 6 or less opens a case (automotive.survey.score);
the base clocks chase it (resolve quickly; the manufacturer's recheck falls
due 7 days after the survey).  The recheck is recorded here — who called,
when, satisfied or still dissatisfied:

* satisfied: a zero complaint; a configurable share of satisfied rechecks is
  queued for a second call by another callback specialist, whose outcome
  overrides;
* still dissatisfied (or the recheck clock overdue without an outcome, which
  the clock's escalation ladder handles): the manufacturer's 3000 fine
  against the dealer company, in the base ledger, once per case; the sales
  and service directors are told.
"""

import random
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.complaint_base.plugins import call_hook
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..rules import roles
from ..rules import survey as survey_rules
from .automotive_recheck import RECHECK_OUTCOMES
from .automotive_survey_score import local_midnight

ZERO_RULE = "AUTO-ZERO"
RECHECK_KIND = "automotive_recheck"
ZERO_STATES = [
    ("recheck", "Awaiting Recheck"),
    ("second_call", "Second Call Due"),
    ("zero", "Zero Complaint"),
    ("dissatisfied", "Still Dissatisfied"),
    ("fined", "Fined by the Manufacturer"),
]
SECOND_CALL_ACTIVITY = "complaint_automotive.mail_activity_type_second_call"


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    automotive_zero_case = fields.Boolean(
        string="Zero-Complaint Case (零抱怨)",
        readonly=True,
        copy=False,
        index=True,
        help="Opened by a manufacturer survey score of 6 or less: resolve it before the manufacturer's recheck.",
    )
    automotive_survey_vin = fields.Char(string="Surveyed VIN", readonly=True, copy=False)
    automotive_survey_date = fields.Date(string="Survey Date", readonly=True, copy=False, index=True)
    automotive_survey_score_ids = fields.One2many(
        "automotive.survey.score", "complaint_id", string="Survey Scores", readonly=True
    )
    automotive_lowest_score = fields.Integer(
        string="Lowest Score", compute="_compute_automotive_lowest_score", store=True, aggregator="avg"
    )
    automotive_recheck_due = fields.Datetime(
        string="Recheck Due",
        compute="_compute_automotive_recheck_due",
        search="_search_automotive_recheck_due",
        help="When the manufacturer's recheck falls due (the recheck clock): 7 days after the survey.",
    )
    automotive_recheck_ids = fields.One2many(
        "automotive.recheck", "complaint_id", string="Recheck Calls", readonly=True
    )
    automotive_recheck_outcome = fields.Selection(
        RECHECK_OUTCOMES, string="Recheck Outcome", readonly=True, copy=False, index=True, tracking=True
    )
    automotive_recheck_user_id = fields.Many2one("res.users", string="Rechecked By", readonly=True, copy=False)
    automotive_recheck_date = fields.Datetime(string="Rechecked On", readonly=True, copy=False)
    automotive_recheck_note = fields.Text(string="Recheck Note", readonly=True, copy=False)
    automotive_zero_complaint = fields.Boolean(
        string="Zero Complaint",
        readonly=True,
        copy=False,
        index=True,
        help="The customer was satisfied at the recheck and the manufacturer did not fine the case (零抱怨).",
    )
    automotive_second_call_pending = fields.Boolean(
        string="Second Call Due",
        readonly=True,
        copy=False,
        help="This satisfied recheck was drawn for a second call by another callback specialist.",
    )
    automotive_second_call_user_id = fields.Many2one("res.users", string="Second Call By", readonly=True, copy=False)
    automotive_zero_state = fields.Selection(
        ZERO_STATES, string="Zero-Complaint Status", compute="_compute_automotive_zero_state"
    )
    automotive_zero_fine_amount = fields.Monetary(
        string="Manufacturer Fine", compute="_compute_automotive_zero_state", currency_field="currency_id"
    )

    @api.depends("automotive_survey_score_ids.score")
    def _compute_automotive_lowest_score(self):
        for complaint in self:
            scores = complaint.automotive_survey_score_ids.mapped("score")
            complaint.automotive_lowest_score = min(scores) if scores else 0

    @api.depends("clock_ids.date_due", "clock_ids.state")
    def _compute_automotive_recheck_due(self):
        for complaint in self:
            clocks = complaint.sudo().clock_ids.filtered(
                lambda c: c.kind_id.code == RECHECK_KIND and c.state != "cancelled"
            )
            complaint.automotive_recheck_due = clocks.sorted("id")[-1:].date_due

    def _search_automotive_recheck_due(self, operator, value):
        return [
            (
                "clock_ids",
                "any",
                [("kind_id.code", "=", RECHECK_KIND), ("state", "!=", "cancelled"), ("date_due", operator, value)],
            )
        ]

    @api.depends(
        "automotive_zero_case",
        "automotive_recheck_outcome",
        "automotive_zero_complaint",
        "automotive_second_call_pending",
        "penalty_ids.state",
    )
    def _compute_automotive_zero_state(self):
        fines = self._automotive_zero_fines()
        for complaint in self:
            fined = fines.filtered(lambda p, c=complaint: p.complaint_id == c)
            complaint.automotive_zero_fine_amount = sum(fined.mapped("amount"))
            if not complaint.automotive_zero_case:
                complaint.automotive_zero_state = False
            elif fined:
                complaint.automotive_zero_state = "fined"
            elif complaint.automotive_second_call_pending:
                complaint.automotive_zero_state = "second_call"
            elif complaint.automotive_zero_complaint:
                complaint.automotive_zero_state = "zero"
            elif complaint.automotive_recheck_outcome == "dissatisfied":
                complaint.automotive_zero_state = "dissatisfied"
            else:
                complaint.automotive_zero_state = "recheck"

    def _automotive_zero_fines(self):
        """The manufacturer's fines (not waived) of these cases."""
        cases = self.filtered("automotive_zero_case")
        if not cases:
            return self.env["complaint.penalty"]
        return (
            self.env["complaint.penalty"]
            .sudo()
            .search([("complaint_id", "in", cases.ids), ("rule_code", "=", ZERO_RULE), ("state", "!=", "waived")])
        )

    # --- closing ----------------------------------------------------------
    def write(self, vals):
        if vals.get("stage_id") and self.env["complaint.stage"].browse(vals["stage_id"]).state == "closed":
            waiting = self.filtered(lambda c: c.automotive_zero_case and not c.automotive_recheck_outcome)
            if waiting:
                raise UserError(
                    self.env._(
                        "%s is a zero-complaint case: record the manufacturer's recheck before closing it.",
                        ", ".join(waiting.mapped("name")),
                    )
                )
        return super().write(vals)

    # --- the recheck --------------------------------------------------------
    def _automotive_check_recheck(self):
        """Customer care records rechecks, on zero-complaint cases it may change."""
        self.env["automotive.survey.score"]._automotive_check_callback()
        self.check_access("write")
        for complaint in self:
            if not complaint.automotive_zero_case:
                raise UserError(self.env._("%s is not a zero-complaint case.", complaint.display_name))
            if complaint.state == "cancelled":
                raise UserError(self.env._("%s is cancelled: nothing to recheck.", complaint.display_name))

    def action_automotive_recheck(self):
        """Open the form recording the recheck call."""
        self.ensure_one()
        self._automotive_check_recheck()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the Recheck"),
            "res_model": "automotive.recheck.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_automotive_record_recheck(self, outcome, note=None, date_call=None):
        """Record the recheck call of these cases: ``outcome`` satisfied or
        dissatisfied, made now (or at ``date_call``) by the current user."""
        self._automotive_check_recheck()
        if outcome not in dict(RECHECK_OUTCOMES):
            raise UserError(self.env._("The outcome of a recheck is satisfied or still dissatisfied."))
        now = fields.Datetime.now()
        when = fields.Datetime.to_datetime(date_call) if date_call else now
        if when > now + timedelta(minutes=5):
            raise UserError(self.env._("A recheck call cannot be recorded in the future."))
        note = (note or "").strip()[:5000] or False
        for complaint in self:
            complaint._automotive_record_recheck(outcome, note, when)
        return True

    def _automotive_record_recheck(self, outcome, note, when):
        self.ensure_one()
        user = self.env.user
        # one caller at a time per case: a concurrent recording waits, then
        # sees the outcome (or is retried after a serialization failure)
        self.env.cr.execute(SQL("SELECT id FROM complaint_complaint WHERE id = %s FOR UPDATE", self.id))
        self.invalidate_recordset()
        case = self.sudo()
        company = case.company_id
        env = company._complaint_env()
        second = case.automotive_second_call_pending
        if case.automotive_recheck_outcome and not second:
            raise UserError(
                self.env._(
                    "The recheck of %(case)s was already recorded by %(user)s on %(when)s.",
                    case=case.name,
                    user=case.automotive_recheck_user_id.name,
                    when=company._complaint_format_datetime(case.automotive_recheck_date),
                )
            )
        if second and user == case.automotive_recheck_user_id:
            raise AccessError(
                self.env._(
                    "The second call of %(case)s is made by someone other than %(user)s, who made the first.",
                    case=case.name,
                    user=user.name,
                )
            )
        if case.automotive_survey_date and when < local_midnight(case.automotive_survey_date, company._complaint_tz()):
            raise UserError(self.env._("A recheck call cannot come before the survey."))
        self.env["automotive.recheck"].sudo().create(
            {
                "complaint_id": case.id,
                "user_id": user.id,
                "date": when,
                "outcome": outcome,
                "call": "second" if second else "first",
                "note": note,
            }
        )
        fined = case._automotive_zero_fines()
        case.write(
            {
                "automotive_recheck_outcome": outcome,
                "automotive_recheck_user_id": user.id,
                "automotive_recheck_date": when,
                "automotive_recheck_note": note,
                "automotive_zero_complaint": outcome == "satisfied" and not fined,
                "automotive_second_call_pending": False,
            }
        )
        outcome_label = dict(self._fields["automotive_recheck_outcome"]._description_selection(env))[outcome]
        values = {"user": user.name, "when": company._complaint_format_datetime(when), "outcome": outcome_label}
        if second:
            body = env._("Second call by %(user)s on %(when)s: %(outcome)s.", **values)
            activities = case.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(SECOND_CALL_ACTIVITY, raise_if_not_found=False)
            )
            activities.action_feedback(feedback=note or outcome_label)
        else:
            body = env._("Manufacturer's recheck called by %(user)s on %(when)s: %(outcome)s.", **values)
            case._clock_event("automotive_rechecked", when)
        case.message_post(
            body=Markup("<p>%s</p>%s") % (body, Markup("<p>%s</p>") % note if note else ""),
            subtype_xmlid="mail.mt_note",
        )
        if outcome == "dissatisfied":
            evidence = env._(
                "The manufacturer's recheck found the customer still dissatisfied: called by %(user)s on %(when)s "
                "(survey of %(survey)s, score %(score)s).",
                user=user.name,
                when=values["when"],
                survey=case.automotive_survey_date,
                score=case.automotive_lowest_score,
            )
            penalties = case._automotive_levy_zero_fine(evidence)
            case._automotive_notify_directors(
                env._(
                    "Zero-complaint case %(case)s: the customer is still dissatisfied at the recheck. "
                    "The manufacturer fines the dealer %(amount)s.",
                    case=case.name,
                    amount=sum(penalties.mapped("amount")) or sum(case._automotive_zero_fines().mapped("amount")),
                )
            )
        elif not second and survey_rules.sampled(
            case._automotive_sample_draw(), company.automotive_recheck_sample_percent
        ):
            case._automotive_queue_second_call(user)

    # --- the manufacturer's fine ------------------------------------------
    def _automotive_levy_zero_fine(self, evidence):
        """The manufacturer's fine against the dealer for this case, in the
        ledger: once per case (the rule is fined once per complaint, so the
        recheck clock's ladder and this call book one fine between them)."""
        self.ensure_one()
        case = self.sudo()
        rules = (
            self.env["complaint.penalty.rule"]
            .sudo()
            .search([("company_id", "=", case.company_id.id), ("sector", "=", roles.SECTOR)])
        )
        answers = call_hook(
            "complaint_assess_penalties",
            case._installed_complaint_addons(),
            complaint=case._plugin_data(),
            breach={"kind": "automotive_recheck", "rule_codes": [ZERO_RULE]},
            rules=[rule._as_plugin_dict() for rule in rules],
        )
        Penalty = self.env["complaint.penalty"].sudo()
        values = []
        for fine in (f for answer in answers for f in (answer or [])):
            rule = rules.filtered(lambda r, code=fine["rule_code"]: r.code == code)[:1]
            for partner, user in case._penalty_payers(fine["payer"]):
                values.append(
                    Penalty._fine_values(
                        case,
                        fine,
                        rule,
                        partner,
                        user,
                        f"automotive:zero:{case.id}:rule:{rule.id}:partner:{partner.id}",
                        evidence,
                    )
                )
        return Penalty._create_batch_once(values)

    def _automotive_directors(self):
        self.ensure_one()
        return (
            self.sudo()
            .team_id.role_ids.filtered(lambda r: r.code in (roles.SALES_DIRECTOR, roles.SERVICE_DIRECTOR))
            .user_id
        )

    def _automotive_notify_directors(self, text):
        self.ensure_one()
        directors = self._automotive_directors()
        self.sudo().message_post(
            body=Markup("<p>%s</p>") % text,
            partner_ids=directors.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    # --- sampling -----------------------------------------------------------
    def _automotive_sample_draw(self):
        """A draw in [0, 1) deciding whether this satisfied recheck gets a
        second call: seeded by the database secret and the case, so it is
        repeatable, yet nobody can tell or choose it beforehand (tests
        replace this method)."""
        self.ensure_one()
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return random.Random(f"{secret}:automotive_second_call:{self.id}").random()  # noqa: S311

    def _automotive_second_caller(self, first):
        """Who makes the second call, never the first caller: another callback
        specialist of the team, else its customer-care manager, else a member
        of the team in customer care, else anyone in customer care of the
        company; nobody when there is no one else."""
        self.ensure_one()
        team = self.sudo().team_id
        group = self.env.ref("complaint_automotive.group_automotive_callback")

        def holders(code):
            return team.role_ids.filtered(lambda r: r.code == code).user_id

        company_care = (
            self.env["res.users"]
            .sudo()
            .search(
                [("groups_id", "in", group.ids), ("share", "=", False), ("company_ids", "in", self.company_id.ids)],
                order="id",
            )
        )
        candidates = (
            holders(roles.CALLBACK_SPECIALIST)
            | holders(roles.CUSTOMER_CARE_MANAGER)
            | team.leader_id
            | team.member_ids
            | company_care
        )
        for user in candidates:
            if user != first and user.active and not user.share and group in user.groups_id:
                return user
        return self.env["res.users"]

    def _automotive_queue_second_call(self, first):
        self.ensure_one()
        case = self.sudo()
        env = case.company_id._complaint_env()
        caller = case._automotive_second_caller(first)
        if not caller:
            case.message_post(
                body=env._("This recheck was drawn for a second call, but nobody else in customer care can make it."),
                subtype_xmlid="mail.mt_note",
            )
            return
        case.write({"automotive_second_call_pending": True, "automotive_second_call_user_id": caller.id})
        case.activity_schedule(
            SECOND_CALL_ACTIVITY,
            user_id=caller.id,
            date_deadline=fields.Date.context_today(case.with_context(tz=case.company_id._complaint_tz()))
            + timedelta(days=2),
            summary=env._("Second call of the zero-complaint recheck (sample)"),
            note=env._(
                "%(user)s recorded the customer as satisfied; call the customer again and record what they say.",
                user=first.name,
            ),
        )
        case.message_post(
            body=env._("Drawn for a second call by %s (sample of satisfied rechecks).", caller.name),
            subtype_xmlid="mail.mt_note",
        )
