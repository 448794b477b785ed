from odoo import api, fields, models
from odoo.tools import SQL


class ComplaintClock(models.Model):
    """The SLA report's attainment measure: the share of decided clocks met on time."""

    _inherit = "complaint.clock"

    # the SLA figures of a period (analysis report) select the clocks started in it
    date_start = fields.Datetime(index=True)

    on_time_rate = fields.Float(
        string="On-Time Rate (%)",
        compute="_compute_on_time_rate",
        store=True,
        precompute=True,
        readonly=False,
        aggregator="avg",
        digits=(5, 1),
        help="Share of the decided clocks (met or breached) that were met on time; running clocks are left out.",
    )

    @api.depends("result")
    def _compute_on_time_rate(self):
        for clock in self:
            clock.on_time_rate = 100.0 if clock.result == "on_time" else 0.0

    def _read_group_select(self, aggregate_spec, query):
        # pending clocks are not yet decided: averaging them in as 0 % would
        # understate the attainment, so the average counts decided clocks only
        if aggregate_spec == "on_time_rate:avg":
            result = self._field_to_sql(self._table, "result", query)
            rate = self._field_to_sql(self._table, "on_time_rate", query)
            return SQL("AVG(CASE WHEN %s IN ('on_time', 'late') THEN %s END)", result, rate)
        return super()._read_group_select(aggregate_spec, query)
