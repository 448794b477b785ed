from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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

    name = fields.Char(string="Reference", readonly=True, copy=False, default=lambda self: self.env._("New"))
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

    _sql_constraints = [
        ("breach_key_unique", "unique(breach_key)", "This breach has already been fined."),
        ("amount_positive", "CHECK(amount > 0)", "A fine must be a positive amount."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("complaint.penalty") or self.env._("New")
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
        self._move("appealed")

    def action_settle(self):
        self._move("settled")
