from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .complaint_penalty_rule import PENALTY_PAYERS

PENALTY_STATES = [
    ("proposed", "Proposed"),
    ("confirmed", "Confirmed"),
    ("appealed", "Appealed"),
    ("waived", "Waived"),
    ("settled", "Settled"),
]
# allowed moves of the ledger
PENALTY_TRANSITIONS = {
    "proposed": ("confirmed", "waived", "appealed"),
    "confirmed": ("appealed", "settled", "waived"),
    "appealed": ("confirmed", "waived"),
    "waived": (),
    "settled": (),
}


class ComplaintPenalty(models.Model):
    _name = "complaint.penalty"
    _description = "Fine"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Fine Number", readonly=True, copy=False, default=lambda self: self.env._("New"))
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True, tracking=True)
    complaint_id = fields.Many2one("complaint.complaint", index=True, ondelete="restrict", tracking=True)
    clock_id = fields.Many2one("complaint.clock", index=True, ondelete="set null")
    step_id = fields.Many2one("complaint.escalation.step", ondelete="set null")
    rule_id = fields.Many2one("complaint.penalty.rule", string="Rule", index=True, ondelete="restrict", tracking=True)
    rule_code = fields.Char(related="rule_id.code", store=True, string="Article")
    payer_type = fields.Selection(PENALTY_PAYERS, required=True, default="handler")
    partner_id = fields.Many2one(
        "res.partner",
        string="Paid By",
        required=True,
        index=True,
        tracking=True,
        help="The person, outlet, dealer or contractor who pays.",
    )
    user_id = fields.Many2one("res.users", string="Employee", index=True)
    team_id = fields.Many2one("complaint.team", index=True)
    amount = fields.Monetary(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(PENALTY_STATES, required=True, default="proposed", tracking=True, index=True)
    evidence = fields.Text()
    breach_key = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        help="Identifies the breach a fine answers; the database refuses a second fine for the same breach.",
    )
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    date_decided = fields.Datetime(string="Decided On", readonly=True, copy=False)
    date_settled = fields.Datetime(string="Settled On", readonly=True, copy=False)
    note = fields.Text()
    appeal_reason = fields.Text(string="Appeal Reason", readonly=True, copy=False)
    appealed_by_id = fields.Many2one("res.users", string="Appealed By", readonly=True, copy=False)
    date_appealed = fields.Datetime(string="Appeal Filed On", readonly=True, copy=False)
    can_appeal_own = fields.Boolean(
        compute="_compute_can_appeal_own", help="The current user is the fined employee (or a manager)."
    )

    _sql_constraints = [
        ("breach_key_unique", "unique(breach_key)", "This breach has already been fined."),
        ("amount_positive", "CHECK(amount > 0)", "A fine must be a positive amount."),
    ]

    @api.depends_context("uid")
    @api.depends("state", "user_id")
    def _compute_can_appeal_own(self):
        is_manager = self.env.user.has_group("complaint_base.group_complaint_manager")
        for penalty in self:
            penalty.can_appeal_own = penalty.state in ("proposed", "confirmed") and (
                is_manager or penalty.user_id == self.env.user
            )

    @api.model_create_multi
    def create(self, vals_list):
        new = self.env._("New")
        unnamed = {}
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == new:
                unnamed.setdefault(vals.get("company_id") or self.env.company.id, []).append(vals)
        # the fine numbers of a batch (a scheduler pass) drawn together, per company
        for company_id, company_vals in unnamed.items():
            company = self.env["res.company"].browse(company_id)
            numbers = self.env["ir.sequence"]._complaint_next_by_code("complaint.penalty", company, len(company_vals))
            for vals, number in zip(company_vals, numbers, strict=True):
                vals["name"] = number or new
        return super().create(vals_list)

    @api.model
    def _create_batch_once(self, vals_list):
        """Create the fines whose breach was not fined yet, in one batch.

        The breach key's unique index stays the guarantee: a fine created by
        a concurrent transaction in the meantime makes this one fail whole
        (and the scheduler step's claim already prevents that)."""
        keys = [vals["breach_key"] for vals in vals_list if vals.get("breach_key")]
        existing = set(self.search([("breach_key", "in", keys)]).mapped("breach_key")) if keys else set()
        todo = [vals for vals in vals_list if vals.get("breach_key") not in existing]
        if not todo:
            return self.browse()
        return self.with_context(mail_create_nolog=True, tracking_disable=True, mail_create_nosubscribe=True).create(
            todo
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ledger(self):
        raise UserError(self.env._("Fines stay in the ledger: waive a fine instead of deleting it."))

    def write(self, vals):
        if {"amount", "partner_id", "rule_id", "complaint_id"} & set(vals):
            if self.filtered(lambda p: p.state in ("settled", "waived")):
                raise UserError(self.env._("A settled or waived fine cannot be changed."))
        return super().write(vals)

    def _move(self, new_state):
        for penalty in self:
            if new_state not in PENALTY_TRANSITIONS[penalty.state]:
                raise ValidationError(
                    self.env._(
                        "Fine %(ref)s cannot go from %(old)s to %(new)s.",
                        ref=penalty.name,
                        old=dict(PENALTY_STATES)[penalty.state],
                        new=dict(PENALTY_STATES)[new_state],
                    )
                )
        values = {"state": new_state}
        if new_state in ("confirmed", "waived"):
            values.update(decided_by_id=self.env.user.id, date_decided=fields.Datetime.now())
        if new_state == "settled":
            values["date_settled"] = fields.Datetime.now()
        self.write(values)

    def action_confirm(self):
        self._move("confirmed")

    def action_waive(self):
        self._move("waived")

    def action_appeal(self):
        """Open the form asking for the reason of the appeal."""
        self._check_can_appeal()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Appeal the Fine"),
            "res_model": "complaint.penalty.appeal",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_penalty_ids": self.ids},
        }

    def _check_can_appeal(self):
        """The fined employee appeals their own fine; a manager any fine they see.

        Checked before any sudo(): the caller must be able to read the fines
        (record rules included) and be their payer."""
        self.check_access("read")
        if self.env.user.has_group("complaint_base.group_complaint_manager"):
            return
        for penalty in self:
            if penalty.user_id != self.env.user:
                raise AccessError(
                    self.env._("Only the fined employee or a complaint manager can appeal fine %s.", penalty.name)
                )

    def action_appeal_own(self, reason):
        """The payer contests the fine (申诉): the reason is recorded, the
        fine waits as "appealed" and a complaint manager gets an activity to
        decide.  Callable by the fined employee, who may only read fines."""
        self._check_can_appeal()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why you appeal the fine."))
        for penalty in self:
            if penalty.state not in ("proposed", "confirmed"):
                raise UserError(
                    self.env._("Only a proposed or confirmed fine can be appealed; %s is not.", penalty.name)
                )
        user = self.env.user
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        for penalty in self.sudo():
            penalty._move("appealed")
            penalty.write(
                {"appeal_reason": reason[:5000], "appealed_by_id": user.id, "date_appealed": fields.Datetime.now()}
            )
            penalty.message_post(
                body=Markup("<p><b>%s</b></p><p>%s</p>") % (self.env._("Appeal by %s", user.name), reason[:5000]),
                author_id=user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            reviewer = penalty._appeal_reviewer()
            if reviewer and activity_type:
                penalty.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=reviewer.id,
                    summary=self.env._("Decide the appeal of fine %s", penalty.name),
                    note=reason[:5000],
                )
        return True

    def _appeal_reviewer(self):
        """The complaint manager who decides an appeal: the team leader, the
        manager who decided the fine, or else a manager of the company — never
        the appellant."""
        self.ensure_one()
        appellant = self.env.user | self.user_id
        group = self.env.ref("complaint_base.group_complaint_manager")
        for candidate in (self.complaint_id.team_id.leader_id, self.team_id.leader_id, self.decided_by_id):
            if candidate and candidate not in appellant and candidate.active and group in candidate.groups_id:
                return candidate
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", group.id),
                    ("share", "=", False),
                    ("company_ids", "in", self.company_id.id),
                    ("id", "not in", appellant.ids),
                ],
                order="id",
                limit=1,
            )
        )

    def action_settle(self):
        self._move("settled")
