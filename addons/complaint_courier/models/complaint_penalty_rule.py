from odoo import api, fields, models
from odoo.exceptions import ValidationError

COURIER_MODES = [
    ("each", "Each Complaint"),
    ("count", "Every N-th Complaint of a Month"),
]
COUNT_WINDOWS = [
    ("month", "Calendar Month"),
    ("year", "Calendar Year"),
    ("ever", "Cumulative"),
]


class ComplaintPenaltyRule(models.Model):
    _inherit = "complaint.penalty.rule"

    payer = fields.Selection(selection_add=[("outlet", "The Outlet")], ondelete={"outlet": "set default"})
    article = fields.Char(
        string="Clause",
        translate=True,
        help="Where the rule stands in the regulation, e.g. 第二条（一）.",
        tracking=True,
    )
    courier_evidence_kind_ids = fields.Many2many(
        "courier.evidence.kind",
        string="Accepted Evidence",
        help="The complaint counts as proven only when the complainant gave one of these "
        "(e.g. surname, employee ID or landline). Empty: no evidence needed.",
    )
    courier_three_strikes = fields.Boolean(
        string="Three Strikes",
        tracking=True,
        help="Unproven complaints are recorded against the person; at the third of the same kind "
        "all three are treated as proven and fined together.",
    )
    courier_reduced_amount = fields.Monetary(
        string="Reduced Amount",
        tracking=True,
        help="Fine when the complaint cannot be proven or the customer caused it (第十四条: 10).",
    )
    courier_mode = fields.Selection(COURIER_MODES, string="Counting Rule", default="each", required=True, tracking=True)
    courier_count_size = fields.Integer(
        string="Every N-th", default=3, help="For 'every N-th complaint of a month': N (第一条: three in a month)."
    )
    courier_repeat_threshold = fields.Integer(
        string="Surcharge Beyond",
        tracking=True,
        help="From the complaint after this many of the article against the outlet, add the surcharge "
        "(第二条（一）: beyond three).",
    )
    courier_repeat_surcharge = fields.Monetary(string="Surcharge", tracking=True)
    courier_count_window = fields.Selection(
        COUNT_WINDOWS,
        string="Counted Over",
        default="month",
        required=True,
        help="Period over which complaints are counted for the surcharge.",
    )
    courier_also_rule_ids = fields.Many2many(
        "complaint.penalty.rule",
        "complaint_penalty_rule_also_rel",
        "rule_id",
        "also_rule_id",
        string="Also Levies",
        domain="[('sector', '=', 'courier'), ('id', '!=', id)]",
        help="Articles fined together with this one (第二条（四）: 200 plus 100-1000 by severity).",
    )
    courier_liability = fields.Boolean(
        string="Plus Liability",
        help="The outlet also bears the loss: the compensation is recorded on the claim, apart from the fine.",
    )
    note = fields.Text(string="Notes", translate=True)

    @api.constrains("courier_mode", "courier_count_size", "courier_repeat_threshold", "courier_repeat_surcharge")
    def _check_courier_schedule(self):
        for rule in self:
            if rule.courier_mode == "count" and rule.courier_count_size < 1:
                raise ValidationError(self.env._("Article %s: N must be at least 1.", rule.code))
            if rule.courier_repeat_threshold < 0 or rule.courier_repeat_surcharge < 0:
                raise ValidationError(self.env._("Article %s: surcharges cannot be negative.", rule.code))
            if rule.courier_reduced_amount < 0:
                raise ValidationError(self.env._("Article %s: the reduced amount cannot be negative.", rule.code))

    def _as_plugin_dict(self):
        data = super()._as_plugin_dict()
        data.update(
            {
                "courier_evidence_kinds": self.courier_evidence_kind_ids.mapped("code"),
                "courier_three_strikes": self.courier_three_strikes,
                "courier_reduced_amount": self.courier_reduced_amount,
                "courier_mode": self.courier_mode,
                "courier_count_size": self.courier_count_size,
                "courier_repeat_threshold": self.courier_repeat_threshold,
                "courier_repeat_surcharge": self.courier_repeat_surcharge,
                "courier_also_codes": self.courier_also_rule_ids.filtered("active").mapped("code"),
            }
        )
        return data
