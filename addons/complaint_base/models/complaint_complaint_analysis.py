from odoo import api, fields, models
from odoo.tools import SQL

# measures averaged over the rated complaints only: an unrated complaint has
# no satisfaction, averaging it in as 0 would understate the rate
RATED_AVERAGES = ("satisfied_rate", "satisfaction_score", "satisfaction_value")


class ComplaintComplaint(models.Model):
    """The measures of the complaint analysis (pivot, graph, overview)."""

    _inherit = "complaint.complaint"

    rehandling_count = fields.Integer(
        string="Re-Handlings",
        readonly=True,
        copy=False,
        help="How many times the complaint was reopened for re-handling (重办): "
        "dissatisfied at the callback, or appealed.",
    )
    rehandled_rate = fields.Float(
        string="Re-Handled (%)",
        compute="_compute_analysis_rates",
        store=True,
        precompute=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the complaints reopened for re-handling at least once.",
    )
    appealed_rate = fields.Float(
        string="Appealed (%)",
        compute="_compute_analysis_rates",
        store=True,
        precompute=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the complaints whose outcome the complainant contested.",
    )
    satisfied_rate = fields.Float(
        string="Satisfied (%)",
        compute="_compute_analysis_rates",
        store=True,
        precompute=True,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the rated complaints whose complainant was satisfied at the callback.",
    )
    # averaged over the rated complaints (see _read_group_select)
    satisfaction_score = fields.Integer(aggregator="avg")
    # the satisfaction figures of a period (analysis report) select the callbacks made in it
    date_satisfaction = fields.Datetime(index="btree_not_null")

    @api.depends("rehandling_count", "appeal_count", "satisfaction_outcome")
    def _compute_analysis_rates(self):
        for complaint in self:
            complaint.rehandled_rate = 100.0 if complaint.rehandling_count else 0.0
            complaint.appealed_rate = 100.0 if complaint.appeal_count else 0.0
            complaint.satisfied_rate = 100.0 if complaint.satisfaction_outcome == "satisfied" else 0.0

    def _read_group_select(self, aggregate_spec, query):
        field_name, __, function = aggregate_spec.partition(":")
        if function == "avg" and field_name in RATED_AVERAGES:
            outcome = self._field_to_sql(self._table, "satisfaction_outcome", query)
            value = self._field_to_sql(self._table, field_name, query)
            if field_name == "satisfaction_score":
                # the score is optional: a callback without one stores 0
                return SQL("AVG(CASE WHEN %s IS NOT NULL AND %s > 0 THEN %s END)", outcome, value, value)
            return SQL("AVG(CASE WHEN %s IS NOT NULL THEN %s END)", outcome, value)
        return super()._read_group_select(aggregate_spec, query)

    def _reopen_for_rehandling(self, why, details=None):
        self.sudo().rehandling_count = self.rehandling_count + 1
        return super()._reopen_for_rehandling(why, details)
