from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CLAIM_TYPES = [
    ("loss", "Loss"),
    ("damage", "Damage"),
    ("delay", "Delay"),
]
CLAIM_STATES = [
    ("draft", "Draft"),
    ("filed", "Filed"),
    ("accepted", "Accepted"),
    ("handled", "Agreed"),
    ("paid", "Paid"),
    ("rejected", "Rejected"),
]
# the clock kinds a claim starts and stops
CLAIM_STOP_EVENTS = ("claim_accepted", "claim_handled", "claim_paid")


class CourierClaim(models.Model):
    """A claim for loss, damage or delay (理赔), with the seed's time limits:
    a loss claim settled (agreed or paid) within a month; a delay or damage
    claim accepted within 3 working days, handled within 10 working days and
    paid within a month.  The compensation is kept apart from fines."""

    _name = "courier.claim"
    _description = "Courier Claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_filed desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default=lambda self: self.env._("New")
    )
    complaint_id = fields.Many2one("complaint.complaint", required=True, index=True, ondelete="restrict", tracking=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    outlet_id = fields.Many2one(
        "courier.outlet",
        string="Liable Outlet",
        compute="_compute_outlet_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="The outlet that bears the compensation (e.g. the delivering outlet for a loss after arrival scan).",
    )
    claim_type = fields.Selection(CLAIM_TYPES, required=True, default="loss", tracking=True)
    waybill = fields.Char(related="complaint_id.courier_waybill", string="Waybill Number(s)")
    item_value = fields.Monetary(string="Declared Value")
    insured = fields.Boolean()
    amount_claimed = fields.Monetary(string="Amount Claimed", tracking=True)
    amount_agreed = fields.Monetary(string="Compensation Agreed", tracking=True)
    amount_paid = fields.Monetary(string="Compensation Paid", tracking=True)
    state = fields.Selection(CLAIM_STATES, required=True, default="draft", tracking=True, index=True, copy=False)
    date_filed = fields.Datetime(string="Filed On", copy=False, tracking=True)
    date_accepted = fields.Datetime(string="Accepted On", readonly=True, copy=False)
    date_handled = fields.Datetime(string="Agreed On", readonly=True, copy=False)
    date_paid = fields.Datetime(string="Paid On", copy=False, tracking=True)
    reject_reason = fields.Text()
    note = fields.Text()
    clock_ids = fields.Many2many("complaint.clock", compute="_compute_clock_ids", string="Time Limits")

    _sql_constraints = [
        ("complaint_unique", "unique(complaint_id)", "A complaint has one claim; amend it rather than filing another."),
        (
            "amounts_positive",
            "CHECK(amount_claimed >= 0 AND amount_agreed >= 0 AND amount_paid >= 0)",
            "Amounts cannot be negative.",
        ),
    ]

    @api.depends("complaint_id")
    def _compute_outlet_id(self):
        for claim in self:
            if not claim.outlet_id:
                claim.outlet_id = claim.complaint_id.courier_outlet_id

    @api.depends("complaint_id.clock_ids.state", "claim_type")
    def _compute_clock_ids(self):
        for claim in self:
            claim.clock_ids = claim.complaint_id.clock_ids.filtered(
                lambda c: c.kind_id.stop_event in CLAIM_STOP_EVENTS and c.state != "cancelled"
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("courier.claim") or self.env._("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(self.env._("A filed claim stays on record: reject it instead of deleting it."))

    @api.constrains("date_filed", "date_paid")
    def _check_dates(self):
        for claim in self:
            if claim.date_filed and claim.date_paid and claim.date_paid < claim.date_filed:
                raise ValidationError(self.env._("A claim cannot be paid before it is filed."))

    def _check_desk(self):
        """A claim moves only by the courier desk, on claims it may edit (its
        complaint's team): checked before the clocks are met or started as
        superuser."""
        if self.env.su:
            return
        if not self.env.user.has_group("complaint_courier.group_courier_user"):
            raise AccessError(self.env._("Only the courier desk may handle claims."))
        self.check_access("write")

    def _check_state(self, allowed):
        self._check_desk()
        for claim in self:
            if claim.state not in allowed:
                raise UserError(
                    self.env._("Claim %(ref)s is %(state)s.", ref=claim.name, state=dict(CLAIM_STATES)[claim.state])
                )

    def _event(self, *events, when=None):
        for claim in self:
            for event in events:
                claim.complaint_id._clock_event(event, when=when)

    def action_file(self):
        """The claim is filed: its time limits start."""
        self._check_state(("draft",))
        for claim in self:
            when = claim.date_filed or fields.Datetime.now()
            claim.write({"state": "filed", "date_filed": when})
            claim._event("claim_loss_filed" if claim.claim_type == "loss" else "claim_damage_filed", when=when)

    def action_accept(self):
        self._check_state(("filed",))
        self.write({"state": "accepted", "date_accepted": fields.Datetime.now()})
        self._event("claim_accepted")

    def action_agree(self):
        """Compensation agreed with the customer (协商一致)."""
        self._check_state(("filed", "accepted"))
        for claim in self:
            now = fields.Datetime.now()
            claim.write({"state": "handled", "date_handled": now, "date_accepted": claim.date_accepted or now})
        self._event("claim_accepted", "claim_handled")

    def action_pay(self):
        """The compensation reached the customer."""
        self._check_state(("handled",))
        for claim in self:
            claim.write(
                {
                    "state": "paid",
                    "date_paid": claim.date_paid or fields.Datetime.now(),
                    "amount_paid": claim.amount_paid or claim.amount_agreed,
                }
            )
            claim._event("claim_paid")
            # the complaint's compensation, for the base reports (fines stay apart)
            total = sum(
                claim.complaint_id.courier_claim_ids.filtered(lambda c: c.state == "paid").mapped("amount_paid")
            )
            claim.complaint_id.sudo().compensation_amount = total

    def action_reject(self):
        self._check_state(("draft", "filed", "accepted"))
        for claim in self:
            if not claim.reject_reason:
                raise UserError(self.env._("Give the reason for rejecting claim %s.", claim.name))
        filed = self.filtered(lambda c: c.state != "draft")
        self.write({"state": "rejected"})
        filed._event("claim_accepted", "claim_handled")
        filed.complaint_id.sudo().clock_ids.filtered(lambda c: c.kind_id.stop_event == "claim_paid")._cancel()
