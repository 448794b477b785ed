from odoo import fields, models, tools
from odoo.tools import SQL

from .automotive_recheck import RECHECK_OUTCOMES
from .complaint_complaint_zero import ZERO_RULE


class AutomotiveZeroReport(models.Model):
    """One row per zero-complaint case: by survey month, the share that
    became zero complaints and the manufacturer's fines."""

    _name = "automotive.zero.report"
    _description = "Zero-Complaint Statistics"
    _auto = False
    _order = "survey_date desc, id desc"

    complaint_id = fields.Many2one("complaint.complaint", string="Case", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    team_id = fields.Many2one("complaint.team", string="Team", readonly=True)
    user_id = fields.Many2one("res.users", string="Handler", readonly=True)
    vehicle_id = fields.Many2one("automotive.vehicle", string="Vehicle", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    survey_date = fields.Date(readonly=True)
    date_received = fields.Datetime(string="Case Opened On", readonly=True)
    recheck_outcome = fields.Selection(RECHECK_OUTCOMES, readonly=True)
    lowest_score = fields.Integer(readonly=True, aggregator="avg")
    case_count = fields.Integer(string="Cases", readonly=True)
    zero_count = fields.Integer(string="Zero Complaints", readonly=True)
    fined_count = fields.Integer(string="Fined Cases", readonly=True)
    fine_amount = fields.Monetary(string="Manufacturer Fines", readonly=True, currency_field="currency_id")
    zero_rate = fields.Float(
        string="Zero-Complaint Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the decided cases (rechecked or fined) that became zero complaints; cases still awaiting "
        "their recheck are left out.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                    SELECT c.id AS id,
                           c.id AS complaint_id,
                           c.company_id,
                           c.team_id,
                           c.user_id,
                           c.vehicle_id,
                           c.partner_id,
                           c.automotive_survey_date AS survey_date,
                           c.date_received,
                           c.automotive_recheck_outcome AS recheck_outcome,
                           c.automotive_lowest_score AS lowest_score,
                           1 AS case_count,
                           CASE WHEN c.automotive_zero_complaint AND f.amount IS NULL THEN 1 ELSE 0 END AS zero_count,
                           CASE WHEN f.amount IS NOT NULL THEN 1 ELSE 0 END AS fined_count,
                           COALESCE(f.amount, 0) AS fine_amount,
                           CASE WHEN c.automotive_zero_complaint AND f.amount IS NULL THEN 100.0
                                WHEN c.automotive_recheck_outcome IS NOT NULL OR f.amount IS NOT NULL THEN 0.0
                           END AS zero_rate
                      FROM complaint_complaint c
                 LEFT JOIN (SELECT p.complaint_id, SUM(p.amount) AS amount
                              FROM complaint_penalty p
                             WHERE p.rule_code = %s AND p.state != 'waived'
                          GROUP BY p.complaint_id) f ON f.complaint_id = c.id
                     WHERE c.automotive_zero_case
                )""",
                SQL.identifier(self._table),
                ZERO_RULE,
            )
        )
