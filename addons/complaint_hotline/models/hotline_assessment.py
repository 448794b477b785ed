from datetime import datetime, time
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..rules import assessment

COUNTS = (
    "dispatched",
    "signed_on_time",
    "returned",
    "replied",
    "replied_on_time",
    "callbacks",
    "resolved",
    "satisfied",
    "reworked",
)
# the kinds of hops the assessment counts
ASSESSED_HOPS = ("dispatch", "transfer", "arbitration", "sign", "return", "reply", "callback", "rework")


class HotlineAssessment(models.Model):
    """Department assessment (考核) of one period, computed from the hops of
    the orders: one row per department, its counts, rates and rank."""

    _name = "hotline.assessment"
    _description = "Department Assessment"
    _order = "date_from desc, rank, id"

    company_id = fields.Many2one("res.company", required=True, index=True)
    department_id = fields.Many2one("complaint.team", string="Department", required=True, index=True)
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    dispatched = fields.Integer(string="Dispatched")
    signed_on_time = fields.Integer(string="Signed For on Time")
    returned = fields.Integer(string="Returned")
    replied = fields.Integer(string="Replied")
    replied_on_time = fields.Integer(string="Replied on Time")
    callbacks = fields.Integer(string="Callbacks")
    resolved = fields.Integer(string="Solved")
    satisfied = fields.Integer(string="Satisfied")
    reworked = fields.Integer(string="Sent Back for Re-Handling")
    sign_rate = fields.Float(string="On-Time Sign-For Rate (%)", aggregator="avg")
    ontime_rate = fields.Float(string="On-Time Completion Rate (%)", aggregator="avg")
    resolution_rate = fields.Float(string="Resolution Rate (%)", aggregator="avg")
    satisfaction_rate = fields.Float(string="Satisfaction Rate (%)", aggregator="avg")
    rework_rate = fields.Float(string="Re-Handling Rate (%)", aggregator="avg")
    return_rate = fields.Float(string="Return Rate (%)", aggregator="avg")
    score = fields.Float(aggregator="avg")
    rank = fields.Integer()

    _sql_constraints = [
        ("period_unique", "unique(company_id, department_id, date_from, date_to)", "One row per department and period.")
    ]

    @api.model
    def _counts(self, company, date_from, date_to):
        """{department id: counts} of the hops in [date_from, date_to] (local
        days), counted by PostgreSQL (a month of a city's hotline is millions
        of hops): dispatches, transfers and arbitrations count as dispatched
        to their department, sign-for hops on time as signed on time, replies
        as replied (and on time), each callback as one callback, solved and
        satisfied (or basically satisfied) as the caller said at that
        callback.  A department
        appears once it has one of these hops."""
        start, end = self._local_bounds(company, date_from, date_to)
        self.env["hotline.hop"].flush_model(
            [
                "company_id",
                "date",
                "kind",
                "department_id",
                "on_time",
                "order_id",
                "callback_resolved",
                "callback_satisfaction",
            ]
        )
        cr = self.env.cr
        period = SQL(
            "h.company_id = %s AND h.date >= %s AND h.date < %s AND h.department_id IS NOT NULL",
            company.id,
            start,
            end,
        )
        # the hops by department, kind and on time (read from hotline_hop_assessment_index)
        cr.execute(
            SQL(
                """SELECT h.department_id, h.kind, h.on_time, count(*)
                     FROM hotline_hop h
                    WHERE %s AND h.kind IN %s
                 GROUP BY h.department_id, h.kind, h.on_time""",
                period,
                ASSESSED_HOPS,
            )
        )
        counts = {}
        for department, kind, on_time, number in cr.fetchall():
            row = counts.setdefault(department, dict.fromkeys(COUNTS, 0))
            if kind in ("dispatch", "transfer", "arbitration"):
                row["dispatched"] += number
            elif kind == "sign":
                row["signed_on_time"] += number if on_time else 0
            elif kind == "return":
                row["returned"] += number
            elif kind == "reply":
                row["replied"] += number
                row["replied_on_time"] += number if on_time else 0
            elif kind == "rework":
                row["reworked"] += number
            elif kind == "callback":
                row["callbacks"] += number
        # the callbacks with the outcome each one recorded (a re-handled order
        # is called back again: its first callback stays dissatisfied)
        cr.execute(
            SQL(
                """SELECT h.department_id,
                          count(*) FILTER (WHERE h.callback_resolved),
                          count(*) FILTER (WHERE h.callback_satisfaction IN ('satisfied', 'basic'))
                     FROM hotline_hop h
                    WHERE %s AND h.kind = 'callback'
                 GROUP BY h.department_id""",
                period,
            )
        )
        for department, resolved, satisfied in cr.fetchall():
            counts[department]["resolved"] = resolved
            counts[department]["satisfied"] = satisfied
        return counts

    @api.model
    def _local_bounds(self, company, date_from, date_to):
        """The UTC instants (naive, as stored) of the company's local midnight
        starting ``date_from`` and ending ``date_to``: a period is of local days."""
        zone = ZoneInfo(company._complaint_tz())

        def utc(day):
            local = datetime.combine(fields.Date.to_date(day), time.min, tzinfo=zone)
            return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)

        return utc(date_from), utc(fields.Date.add(fields.Date.to_date(date_to), days=1))

    def _compute_period(self, date_from, date_to, company=None):
        """Write (again) the rows of the period for ``company``."""
        if not self.env.su and not self.env.user.has_group("complaint_hotline.group_hotline_dispatcher"):
            raise AccessError(self.env._("Only the hotline centre computes the assessment."))
        company = company or self.env.company
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        counts = self._counts(company, date_from, date_to)
        departments = (
            self.env["complaint.team"]
            .sudo()
            .search([("hotline_kind", "=", "department"), ("company_id", "=", company.id)])
        )
        Rows = self.sudo()
        Rows.search(
            [("company_id", "=", company.id), ("date_from", "=", date_from), ("date_to", "=", date_to)]
        ).unlink()
        values, scores = [], {}
        for department in departments:
            row = counts.get(department.id, {})
            figures = assessment.rates(row)
            scores[department.id] = figures["score"]
            values.append(
                {
                    "company_id": company.id,
                    "department_id": department.id,
                    "date_from": date_from,
                    "date_to": date_to,
                    **{key: row.get(key, 0) for key in COUNTS},
                    **figures,
                }
            )
        ranks = assessment.ranking(scores)
        for vals in values:
            vals["rank"] = ranks[vals["department_id"]]
        return Rows.create(values).with_env(self.env)

    @api.model
    def _cron_monthly(self):
        """The previous month's assessment for every company with a hotline,
        then its report to the company's leaders (once per period); the
        month is the company's local one."""
        for company in self.env["complaint.team"].sudo().search([("hotline_kind", "=", "department")]).company_id:
            start, end = self._last_month(company)
            self.sudo()._compute_period(start, end, company)
            self.sudo()._send_monthly_report(company, start, end)

    @api.model
    def _last_month(self, company):
        """(first day, last day) of the month before today in the company's time zone."""
        today = datetime.now(ZoneInfo(company._complaint_tz())).date()
        end = fields.Date.subtract(today.replace(day=1), days=1)
        return end.replace(day=1), end
