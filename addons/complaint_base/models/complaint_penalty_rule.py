from odoo import api, fields, models
from odoo.exceptions import ValidationError

PENALTY_PAYERS = [
    ("handler", "Handler"),
    ("team_leader", "Team Leader (Manager)"),
    ("participant", "Each Participant"),
    ("respondent", "Respondent Party"),
    ("team", "The Team"),
]


class ComplaintPenaltyRule(models.Model):
    _name = "complaint.penalty.rule"
    _description = "Fine Rule"
    _inherit = ["mail.thread"]
    _order = "sequence, code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(string="Article", required=True, tracking=True, help="Code or article number, e.g. 第十二条.")
    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True, help="The rule's original wording.")
    sector = fields.Selection(
        selection=lambda self: self.env["complaint.team"]._fields["sector"]._description_selection(self.env)
    )
    amount_type = fields.Selection(
        [("fixed", "Fixed Amount"), ("range", "Range by Severity")], required=True, default="fixed", tracking=True
    )
    amount = fields.Monetary(tracking=True)
    amount_min = fields.Monetary(string="Minimum", tracking=True)
    amount_max = fields.Monetary(string="Maximum", tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    payer = fields.Selection(PENALTY_PAYERS, required=True, default="handler", string="Who Pays", tracking=True)
    also_team_leader = fields.Boolean(
        string="Team Leader Pays Too",
        help="The team leader pays the same amount as well (e.g. handler and manager 50 each).",
    )
    active = fields.Boolean(default=True, tracking=True)
    penalty_count = fields.Integer(compute="_compute_penalty_count")

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "An article code is used once per company."),
    ]

    @api.constrains("amount_type", "amount", "amount_min", "amount_max")
    def _check_amounts(self):
        for rule in self:
            if rule.amount_type == "fixed" and rule.amount <= 0:
                raise ValidationError(self.env._("Fine %s needs a positive amount.", rule.code))
            if rule.amount_type == "range" and not 0 < rule.amount_min <= rule.amount_max:
                raise ValidationError(self.env._("Fine %s needs 0 < minimum ≤ maximum.", rule.code))

    def _compute_penalty_count(self):
        counts = dict(
            self.env["complaint.penalty"]._read_group([("rule_id", "in", self.ids)], ["rule_id"], ["__count"])
        )
        for rule in self:
            rule.penalty_count = counts.get(rule, 0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for rule in self:
            rule.display_name = f"[{rule.code}] {rule.name}" if rule.code else rule.name

    def _as_plugin_dict(self):
        self.ensure_one()
        payers = [self.payer] + (["team_leader"] if self.also_team_leader and self.payer != "team_leader" else [])
        fixed = self.amount_type == "fixed"
        return {
            "id": self.id,
            "code": self.code,
            "amount": self.amount if fixed else 0.0,
            "amount_min": self.amount if fixed else self.amount_min,
            "amount_max": self.amount if fixed else self.amount_max,
            "payers": payers,
            "active": self.active,
        }
