import base64
import logging
from datetime import datetime, time
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse

from ..engine import analysis
from ..engine.xlsx import Sheet, build_xlsx

_logger = logging.getLogger(__name__)

PERIOD_TYPES = [("month", "Monthly"), ("quarter", "Quarterly")]
REPORT_STATES = [("draft", "To Compute"), ("done", "Computed"), ("sent", "Sent")]
DONE_STATES = ("resolved", "closed")
OPEN_STATES_SQL = SQL("('resolved', 'closed', 'cancelled')")
# how many rows the top tables keep
TOP_ROWS = 10
# the dimensions of the breakdown query (GROUPING SETS), and their column
DIMENSIONS = (
    "category_id",
    "respondent_partner_id",
    "respondent_user_id",
    "channel_id",
    "severity",
    "team_id",
    "sector",
)
BUCKETS = ("current", "previous", "last_year")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ComplaintAnalysisReport(models.Model):
    """The periodic complaint report (投诉统计分析报告) of a company or of one
    of its teams: its figures are computed once, with SQL aggregates, and
    kept (``data``); the PDF, the workbook and the e-mail are made from them
    in the reader's language."""

    _name = "complaint.analysis.report"
    _description = "Complaint Analysis Report"
    _inherit = ["mail.thread"]
    _order = "date_from desc, period_type, team_id nulls first, id desc"

    name = fields.Char(compute="_compute_name", string="Report")
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    team_id = fields.Many2one(
        "complaint.team", string="Team", index=True, readonly=True, help="Empty: the whole company."
    )
    period_type = fields.Selection(PERIOD_TYPES, string="Period", required=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    state = fields.Selection(REPORT_STATES, required=True, default="draft", readonly=True, tracking=True)
    data = fields.Json(readonly=True, copy=False)
    date_computed = fields.Datetime(string="Computed On", readonly=True, copy=False)
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)
    sent_user_ids = fields.Many2many(
        "res.users", "complaint_analysis_report_sent_rel", string="Sent To", readonly=True, copy=False
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # the headline figures, for the list and the overview
    received_count = fields.Integer(string="Received", readonly=True)
    received_change = fields.Float(string="Vs Previous Period (%)", readonly=True, digits=(6, 1))
    received_yoy = fields.Float(string="Vs Last Year (%)", readonly=True, digits=(6, 1))
    done_rate = fields.Float(string="Resolved (%)", readonly=True, digits=(5, 1), aggregator="avg")
    sla_rate = fields.Float(string="On Time (%)", readonly=True, digits=(5, 1), aggregator="avg")
    satisfied_rate = fields.Float(string="Satisfied (%)", readonly=True, digits=(5, 1), aggregator="avg")
    fine_amount = fields.Monetary(string="Fines", readonly=True)
    recurring_count = fields.Integer(string="Recurring Groups", readonly=True)
    improvement_open_count = fields.Integer(string="Open Improvement Actions", readonly=True)

    def init(self):
        # one report per company, team, period: the scheduler of two workers
        # claims it with INSERT ... ON CONFLICT DO NOTHING
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS complaint_analysis_report_period_unique
                   ON complaint_analysis_report (company_id, COALESCE(team_id, 0), period_type, date_from)"""
        )

    @api.depends("company_id", "team_id", "period_type", "date_from")
    def _compute_name(self):
        for report in self:
            if not report.date_from:
                report.name = False
                continue
            report.name = self.env._(
                "%(period)s: %(scope)s",
                period=report._period_label(),
                scope=report.team_id.name or report.company_id.name,
            )

    # --- rights -----------------------------------------------------------
    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(self.env._("Only complaint managers work with the complaint analysis reports."))
        if self:
            self.check_access("write")

    # --- periods ----------------------------------------------------------
    def _period_label(self, lang=None):
        self.ensure_one()
        locale = babel_locale_parse(lang or self.env.lang or "en_US")
        skeleton = "yMMMM" if self.period_type == "month" else "yQQQ"
        return format_skeleton(skeleton, self.date_from, locale=locale)

    @api.model
    def _utc_bounds(self, company, date_from, date_to):
        """The UTC instants (naive, as stored) of the company's local midnight
        starting ``date_from`` and ending ``date_to``."""
        zone = ZoneInfo(company._complaint_tz())

        def utc(day):
            local = datetime.combine(day, time.min, tzinfo=zone)
            return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)

        return utc(date_from), utc(fields.Date.add(date_to, days=1))

    @api.model
    def _buckets(self, company, kind, date_from):
        """{bucket: (utc start, utc end)} of the period, the previous one and
        the same one a year before."""
        periods = {
            "current": analysis.period_bounds(kind, date_from),
            "previous": analysis.previous_period(kind, date_from),
            "last_year": analysis.same_period_last_year(kind, date_from),
        }
        return {key: self._utc_bounds(company, *bounds) for key, bounds in periods.items()}

    # --- claiming and generating ------------------------------------------
    @api.model
    def _claim(self, company, team, kind, date_from):
        """The report of this company/team and period, inserted now, or None
        when it exists already (made by another worker or an earlier run)."""
        date_from, date_to = analysis.period_bounds(kind, date_from)
        self.env.cr.execute(
            SQL(
                """INSERT INTO complaint_analysis_report
                       (company_id, team_id, period_type, date_from, date_to, state,
                        create_uid, create_date, write_uid, write_date)
                   VALUES (%s, %s, %s, %s, %s, 'draft', %s, NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC')
                   ON CONFLICT DO NOTHING
                   RETURNING id""",
                company.id,
                team.id if team else None,
                kind,
                date_from,
                date_to,
                self.env.uid,
                self.env.uid,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            return None
        return self.browse(row[0])

    @api.model
    def _find(self, company, team, kind, date_from):
        date_from = analysis.period_start(kind, date_from)
        return self.search(
            [
                ("company_id", "=", company.id),
                ("team_id", "=", team.id if team else False),
                ("period_type", "=", kind),
                ("date_from", "=", date_from),
            ],
            limit=1,
        )

    @api.model
    def _generate(self, company, team, kind, day, send=False):
        """The report of the period ``day`` is in, computed (again) now."""
        report = self._claim(company, team, kind, day) or self._find(company, team, kind, day)
        report._compute_report()
        if send:
            report._send()
        return report

    @api.model
    def _cron_generate_reports(self, companies=None):
        """Write the reports of the month (and quarter) that ended, for every
        company with complaints and each of its teams that had complaints in
        the period (``companies``: these only), and e-mail them to the
        subscribers.  Runs daily: a day
        the server was down is caught up; a report that exists is left alone."""
        Report = self.sudo()
        made = Report.browse()
        self.env.cr.execute(
            """SELECT id FROM res_company c
                WHERE EXISTS (SELECT 1 FROM complaint_complaint WHERE company_id = c.id)"""
        )
        with_complaints = self.env["res.company"].sudo().browse([row[0] for row in self.env.cr.fetchall()])
        companies = with_complaints & companies.sudo() if companies is not None else with_complaints
        for company in companies:
            today = datetime.now(ZoneInfo(company._complaint_tz())).date()
            for kind in analysis.PERIOD_KINDS:
                date_from, date_to = analysis.last_finished_period(kind, today)
                report = Report._claim(company, None, kind, date_from)
                if report:
                    made |= report
                start, end = Report._utc_bounds(company, date_from, date_to)
                self.env.cr.execute(
                    SQL(
                        """SELECT DISTINCT team_id FROM complaint_complaint
                            WHERE company_id = %s AND team_id IS NOT NULL AND active
                              AND date_received >= %s AND date_received < %s""",
                        company.id,
                        start,
                        end,
                    )
                )
                for team in self.env["complaint.team"].sudo().browse([row[0] for row in self.env.cr.fetchall()]):
                    report = Report._claim(company, team, kind, date_from)
                    if report:
                        made |= report
        for report in made:
            report._compute_report()
            report._send()
        return made

    @api.model
    def _demo_generate(self):
        """Demo data: last month's report and this month's (so far) of the
        main company, its administrator subscribed."""
        company = self.env.ref("base.main_company")
        admin = self.env.ref("base.user_admin")
        company.complaint_report_user_ids = [(4, admin.id)]
        today = datetime.now(ZoneInfo(company._complaint_tz())).date()
        last_month = analysis.last_finished_period("month", today)[0]
        return self.sudo()._generate(company, None, "month", last_month) | self.sudo()._generate(
            company, None, "month", today
        )

    def _compute_report(self):
        for report in self.sudo():
            data = report._collect()
            summary = data["summary"]
            report.write(
                {
                    "data": data,
                    "state": "sent" if report.date_sent else "done",
                    "date_computed": fields.Datetime.now(),
                    "received_count": summary["current"]["received"],
                    "received_change": analysis.change(summary["current"]["received"], summary["previous"]["received"])[
                        "pct"
                    ]
                    or 0.0,
                    "received_yoy": analysis.change(summary["current"]["received"], summary["last_year"]["received"])[
                        "pct"
                    ]
                    or 0.0,
                    "done_rate": analysis.rate(summary["current"]["done"], summary["current"]["received"]) or 0.0,
                    "sla_rate": analysis.attainment(data["sla_total"]["on_time"], data["sla_total"]["late"]) or 0.0,
                    "satisfied_rate": analysis.rate(
                        data["satisfaction"]["current"]["satisfied"], data["satisfaction"]["current"]["rated"]
                    )
                    or 0.0,
                    "fine_amount": sum(row["amount"] for row in data["fines"]["rows"]),
                    "recurring_count": len(data["recurring"]["rows"]),
                    "improvement_open_count": len(data["improvements"]["rows"]),
                }
            )
        return True

    # --- the figures (SQL) --------------------------------------------------
    def _scope(self, alias="c", team_column="team_id"):
        self.ensure_one()
        table = SQL.identifier(alias)
        clauses = [SQL("%s.company_id = %s", table, self.company_id.id)]
        if self.team_id:
            clauses.append(SQL("%s.%s = %s", table, SQL.identifier(team_column), self.team_id.id))
        return SQL(" AND ").join(clauses)

    def _in_buckets(self, column, keys=BUCKETS):
        """({bucket: condition}, the condition of any of them, the bucket as a
        CASE) on ``column``: the periods as plain ranges, which PostgreSQL
        reads through the column's index (a join on a VALUES list it does not)."""
        buckets = self._buckets(self.company_id, self.period_type, self.date_from)
        conditions = {
            key: SQL("(%s >= %s AND %s < %s)", column, buckets[key][0], column, buckets[key][1]) for key in keys
        }
        within = SQL("(%s)", SQL(" OR ").join(conditions.values()))
        case = SQL(
            "CASE %s END",
            SQL(" ").join(SQL("WHEN %s THEN %s", condition, key) for key, condition in conditions.items()),
        )
        return conditions, within, case

    def _collect(self):
        """Every figure of the report, as plain data (ids and codes; the labels
        are read when the report is shown, in the reader's language)."""
        self.ensure_one()
        self.env.flush_all()
        # a handful of aggregates: compiling them (JIT) costs more than it saves
        self.env.cr.execute("SELECT set_config('jit', 'off', true)")
        data = {
            "version": 1,
            "company_id": self.company_id.id,
            "team_id": self.team_id.id or False,
            "period_type": self.period_type,
            "date_from": fields.Date.to_string(self.date_from),
            "date_to": fields.Date.to_string(self.date_to),
            "breakdown": self._collect_breakdown(),
        }
        data["summary"], data["trend"] = self._collect_periods()
        data["sla"], data["sla_total"] = self._collect_sla()
        data["fines"] = self._collect_fines()
        data["satisfaction"] = self._collect_satisfaction()
        data["improvements"] = self._collect_improvements()
        data["recurring"] = self._collect_recurring()
        return data

    def _trend_buckets(self):
        """[(first day, utc start, utc end)] of the trend's periods, oldest
        first: from the same period last year to this one."""
        return [
            (start, *self._utc_bounds(self.company_id, *analysis.period_bounds(self.period_type, start)))
            for start in analysis.trend_starts(self.period_type, self.date_from)
        ]

    def _collect_periods(self):
        """The totals of each period of the trend, in one pass over the
        complaints received in them: the summary's periods (this one, the
        previous one, the same one last year) are the trend's last, last but
        one and first."""
        buckets = self._trend_buckets()
        self.env.cr.execute(
            SQL(
                """SELECT width_bucket(c.date_received, %(bounds)s::timestamp[]),
                          count(c.id),
                          count(c.id) FILTER (WHERE c.state IN ('resolved', 'closed')),
                          count(c.id) FILTER (WHERE c.state = 'cancelled'),
                          count(c.id) FILTER (WHERE c.state NOT IN %(closed)s),
                          count(c.id) FILTER (WHERE c.is_overdue AND c.state NOT IN %(closed)s),
                          count(c.id) FILTER (WHERE c.severity = 'critical'),
                          count(c.id) FILTER (WHERE c.severity = 'major'),
                          count(c.id) FILTER (WHERE c.is_major),
                          count(c.id) FILTER (WHERE c.media_involved),
                          count(c.id) FILTER (WHERE c.is_repeated),
                          count(c.id) FILTER (WHERE c.validity = 'valid'),
                          count(c.id) FILTER (WHERE c.validity = 'invalid'),
                          count(c.id) FILTER (WHERE COALESCE(c.rehandling_count, 0) > 0),
                          count(c.id) FILTER (WHERE COALESCE(c.appeal_count, 0) > 0),
                          COALESCE(sum(c.compensation_amount), 0),
                          avg(EXTRACT(EPOCH FROM c.date_closed - c.date_received) / 3600.0)
                              FILTER (WHERE c.state = 'closed' AND c.date_closed IS NOT NULL)
                     FROM complaint_complaint c
                    WHERE %(scope)s AND c.active AND c.date_received >= %(start)s AND c.date_received < %(end)s
                    GROUP BY 1""",
                closed=OPEN_STATES_SQL,
                bounds=[bucket[1] for bucket in buckets] + [buckets[-1][2]],
                start=buckets[0][1],
                end=buckets[-1][2],
                scope=self._scope(),
            )
        )
        names = (
            "received",
            "done",
            "cancelled",
            "open",
            "overdue",
            "critical",
            "major",
            "is_major",
            "media",
            "repeated",
            "valid",
            "invalid",
            "rehandled",
            "appealed",
            "compensation",
            "hours_to_close",
        )
        empty = dict.fromkeys(names, 0)
        empty["hours_to_close"] = None
        rows = {}
        for index, *values in self.env.cr.fetchall():
            key = buckets[index - 1][0]
            row = dict(zip(names, values, strict=True))
            row["compensation"] = float(row["compensation"] or 0)
            if row["hours_to_close"] is not None:
                row["hours_to_close"] = round(float(row["hours_to_close"]), 1)
            rows[key] = row
        starts = [bucket[0] for bucket in buckets]
        summary = {
            "current": rows.get(starts[-1], dict(empty)),
            "previous": rows.get(starts[-2], dict(empty)),
            "last_year": rows.get(starts[0], dict(empty)),
        }
        trend = [
            {
                "period": analysis.period_code(self.period_type, day),
                "date": fields.Date.to_string(day),
                "received": rows.get(day, empty)["received"],
                "done": rows.get(day, empty)["done"],
            }
            for day in starts
        ]
        return summary, trend

    def _collect_breakdown(self):
        columns = [SQL("c.%s", SQL.identifier(name)) for name in DIMENSIONS]
        conditions, within, __ = self._in_buckets(SQL("c.date_received"), ("current", "previous"))
        self.env.cr.execute(
            SQL(
                """SELECT %(groupings)s, %(columns)s,
                          count(c.id) FILTER (WHERE %(current)s),
                          count(c.id) FILTER (WHERE %(previous)s),
                          count(c.id) FILTER (WHERE %(current)s AND c.state IN ('resolved', 'closed')),
                          count(c.id) FILTER (WHERE %(current)s AND c.is_overdue AND c.state NOT IN %(closed)s)
                     FROM complaint_complaint c
                    WHERE %(scope)s AND c.active AND %(within)s
                    GROUP BY GROUPING SETS (%(sets)s)""",
                groupings=SQL(", ").join(SQL("GROUPING(%s)", column) for column in columns),
                columns=SQL(", ").join(columns),
                closed=OPEN_STATES_SQL,
                current=conditions["current"],
                previous=conditions["previous"],
                within=within,
                scope=self._scope(),
                sets=SQL(", ").join(SQL("(%s)", column) for column in columns),
            )
        )
        result = {name: [] for name in DIMENSIONS}
        width = len(DIMENSIONS)
        for row in self.env.cr.fetchall():
            groupings, values = row[:width], row[width : 2 * width]
            current, previous, done, overdue = row[2 * width :]
            index = groupings.index(0)
            result[DIMENSIONS[index]].append(
                {"id": values[index] or False, "count": current, "previous": previous, "done": done, "overdue": overdue}
            )
        for rows in result.values():
            rows.sort(key=lambda r: (-r["count"], -r["previous"], str(r["id"])))
        return result

    def _collect_sla(self):
        __, within, case = self._in_buckets(SQL("k.date_start"))
        self.env.cr.execute(
            SQL(
                """SELECT k.kind_id, %(key)s,
                          count(k.id) FILTER (WHERE k.result = 'on_time'),
                          count(k.id) FILTER (WHERE k.result = 'late'),
                          count(k.id) FILTER (WHERE k.state IN ('running', 'paused')),
                          count(k.id) FILTER (WHERE k.state = 'breached')
                     FROM complaint_clock k
                    WHERE %(scope)s AND k.state != 'cancelled' AND %(within)s
                          -- complaints' clocks (improvement actions have their section)
                          AND k.complaint_id IS NOT NULL
                    GROUP BY 1, 2""",
                key=case,
                within=within,
                scope=self._scope("k"),
            )
        )
        by_kind = {}
        for kind_id, key, on_time, late, running, breached in self.env.cr.fetchall():
            row = by_kind.setdefault(kind_id, {"id": kind_id})
            row[key] = {"on_time": on_time, "late": late, "running": running, "breached": breached}
        empty = {"on_time": 0, "late": 0, "running": 0, "breached": 0}
        rows = []
        for row in by_kind.values():
            for key in BUCKETS:
                row.setdefault(key, dict(empty))
            if any(row["current"].values()):
                rows.append(row)
        kinds = self.env["complaint.clock.kind"].sudo().browse([row["id"] for row in rows])
        order = {kind.id: (kind.sequence, kind.id) for kind in kinds} if "sequence" in kinds._fields else {}
        rows.sort(key=lambda r: order.get(r["id"], (0, r["id"])))
        total = {name: sum(row["current"][name] for row in rows) for name in empty}
        return rows, total

    def _collect_fines(self):
        __, within, case = self._in_buckets(SQL("p.date"))
        self.env.cr.execute(
            SQL(
                """SELECT %(key)s, p.partner_id,
                          count(p.id) FILTER (WHERE p.state != 'waived'),
                          COALESCE(sum(p.amount) FILTER (WHERE p.state != 'waived'), 0),
                          COALESCE(sum(p.amount) FILTER (WHERE p.state = 'settled'), 0),
                          count(p.id) FILTER (WHERE p.state = 'waived'),
                          count(p.id) FILTER (WHERE p.state = 'appealed')
                     FROM complaint_penalty p
                    WHERE %(scope)s AND %(within)s
                    GROUP BY 1, 2""",
                key=case,
                within=within,
                scope=self._scope("p"),
            )
        )
        rows, totals = [], {key: {"count": 0, "amount": 0.0} for key in BUCKETS}
        for key, partner_id, count, amount, settled, waived, appealed in self.env.cr.fetchall():
            totals[key]["count"] += count
            totals[key]["amount"] += float(amount)
            if key == "current":
                rows.append(
                    {
                        "id": partner_id or False,
                        "count": count,
                        "amount": float(amount),
                        "settled": float(settled),
                        "waived": waived,
                        "appealed": appealed,
                    }
                )
        rows.sort(key=lambda r: (-r["amount"], -r["count"], str(r["id"])))
        return {"rows": rows, "totals": totals}

    def _collect_satisfaction(self):
        __, within, case = self._in_buckets(SQL("c.date_satisfaction"))
        self.env.cr.execute(
            SQL(
                """SELECT %(key)s, count(c.id),
                          count(c.id) FILTER (WHERE c.satisfaction_outcome = 'satisfied'),
                          count(c.id) FILTER (WHERE c.satisfaction_outcome = 'accepted'),
                          count(c.id) FILTER (WHERE c.satisfaction_outcome = 'dissatisfied'),
                          count(c.id) FILTER (WHERE c.satisfaction_outcome = 'other'),
                          avg(c.satisfaction_score) FILTER (WHERE c.satisfaction_score > 0),
                          count(c.id) FILTER (WHERE c.satisfaction_score > 0),
                          avg(c.satisfaction_value)
                     FROM complaint_complaint c
                    WHERE %(scope)s AND c.active AND c.satisfaction_outcome IS NOT NULL AND %(within)s
                    GROUP BY 1""",
                key=case,
                within=within,
                scope=self._scope(),
            )
        )
        names = ("rated", "satisfied", "accepted", "dissatisfied", "other", "score", "scored", "index")
        empty = dict.fromkeys(names, 0)
        empty["score"] = empty["index"] = None
        result = {key: dict(empty) for key in BUCKETS}
        for key, *values in self.env.cr.fetchall():
            row = dict(zip(names, values, strict=True))
            for name in ("score", "index"):
                row[name] = round(float(row[name]), 1) if row[name] is not None else None
            result[key] = row
        return result

    def _collect_improvements(self):
        """The open improvement actions (8D) of the company or team and the
        count of every action by state, when the improvement actions exist."""
        if "complaint.improvement" not in self.env:
            return {"available": False, "rows": [], "by_state": {}}
        Improvement = self.env["complaint.improvement"].sudo()
        domain = [("company_id", "=", self.company_id.id)]
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        by_state = {state: count for state, count in Improvement._read_group(domain, ["state"], ["__count"])}
        rows = []
        for action in Improvement.search([*domain, ("state", "not in", ("done", "cancel"))], order="date_deadline, id"):
            rows.append(
                {
                    "id": action.id,
                    "name": action.name,
                    "step": action.step or False,
                    "state": action.state,
                    "user_id": action.user_id.id or False,
                    "team_id": action.team_id.id or False,
                    "severity": action.severity or False,
                    "date_deadline": fields.Date.to_string(action.date_deadline) if action.date_deadline else False,
                    "complaint_count": len(action.complaint_ids),
                }
            )
        return {"available": True, "rows": rows, "by_state": by_state}

    def _collect_recurring(self):
        """The recurring-complaint groups of the company or team (as the base's
        recurring-complaint finder gives them), when it exists."""
        Complaint = self.env["complaint.complaint"].sudo()
        if not hasattr(Complaint, "_recurring_groups"):
            return {"available": False, "rows": []}
        domain = [("company_id", "=", self.company_id.id)]
        if self.team_id:
            domain.append(("team_id", "=", self.team_id.id))
        rows = []
        # the groups of the report's period: a window of the period's days
        # ending with it, whenever the report is computed
        __, end = self._utc_bounds(self.company_id, self.date_from, self.date_to)
        days = (self.date_to - self.date_from).days + 1
        groups = Complaint._recurring_groups(domain=domain, company=self.company_id, window_days=days, date_to=end)
        for group in groups or []:
            improvement = group.get("improvement_id")
            rows.append(
                {
                    "key": str(group.get("key") or ""),
                    "label": str(group.get("label") or ""),
                    "category_id": _id(group.get("category_id")),
                    "respondent_id": _id(group.get("respondent_id")),
                    "count": int(group.get("count") or len(group.get("complaint_ids") or ())),
                    "date_first": _day(group.get("date_first")),
                    "date_last": _day(group.get("date_last")),
                    "improvement_id": _id(improvement),
                }
            )
        rows.sort(key=lambda r: (-r["count"], r["label"]))
        return {"available": True, "rows": rows}

    # --- presentation -----------------------------------------------------
    def _reader_env(self, lang=None):
        """The environment the report is read in: ``lang`` (a recipient's),
        else the user's, in the company's time zone."""
        self.ensure_one()
        context = dict(self.env.context, tz=self.company_id._complaint_tz())
        if lang:
            context["lang"] = lang
        return self.env(context=context)

    def _report_values(self):
        """The report's sections with labels in the environment's language:
        what the PDF, the workbook and the e-mail show."""
        self.ensure_one()
        env = self.env
        if not self.data:
            raise UserError(env._("Compute the report first."))
        return ReportValues(self.with_env(env)).build()

    def _xlsx(self):
        values = self._report_values()
        return build_xlsx([Sheet(**sheet) for sheet in values["sheets"]])

    def _file_name(self, extension):
        self.ensure_one()
        scope = self.team_id.code or self.team_id.name or self.company_id.name
        code = analysis.period_code(self.period_type, self.date_from)
        return f"{self.env._('complaint-report')}-{scope}-{code}.{extension}"

    def _pdf(self):
        self.ensure_one()
        pdf, __ = (
            self.env["ir.actions.report"]
            .sudo()
            .with_context(lang=self.env.lang)
            ._render_qweb_pdf("complaint_base.complaint_analysis_report_pdf", self.ids)
        )
        return pdf

    # --- e-mail -------------------------------------------------------------
    def _recipients(self):
        """The subscribers of the company (Settings) who receive this report:
        all of them for the company's report, the team's leader and members
        among them for a team's report."""
        self.ensure_one()
        users = self.company_id.sudo().complaint_report_user_ids.filtered(lambda u: u.active and u.email)
        if self.team_id:
            team_users = self.team_id.sudo().leader_id | self.team_id.sudo().member_ids
            users &= team_users
        return users

    def _send(self):
        """E-mail the report to its recipients, once: one mail per language,
        the PDF and the workbook attached, dates in the company's time zone."""
        sent = self.env["mail.mail"]
        for report in self.sudo():
            recipients = report._recipients()
            if not recipients:
                continue
            report.flush_recordset()
            self.env.cr.execute(
                SQL(
                    """UPDATE complaint_analysis_report SET date_sent = NOW() AT TIME ZONE 'UTC', state = 'sent'
                        WHERE id = %s AND date_sent IS NULL RETURNING id""",
                    report.id,
                )
            )
            if not self.env.cr.fetchone():
                continue
            report.invalidate_recordset(["date_sent", "state"])
            by_lang = {}
            for user in recipients:
                by_lang.setdefault(user.lang or report.company_id._complaint_lang(), self.env["res.users"])
                by_lang[user.lang or report.company_id._complaint_lang()] |= user
            for lang, users in by_lang.items():
                sent |= report.with_env(report._reader_env(lang))._mail(users)
            report.sent_user_ids = [(4, user.id) for user in recipients]
        return sent

    def _mail(self, users):
        self.ensure_one()
        env = self.env
        values = self._report_values()
        subject = env._(
            "Complaint analysis report %(period)s: %(scope)s", period=values["period"], scope=values["scope"]
        )
        body = env["ir.qweb"]._render("complaint_base.complaint_analysis_report_mail", {"values": values, "doc": self})
        attachments = [
            (
                0,
                0,
                {"name": self._file_name("xlsx"), "datas": base64.b64encode(self._xlsx()), "mimetype": XLSX_MIMETYPE},
            ),
        ]
        pdf = self._pdf()
        if pdf[:4] == b"%PDF":
            attachments.append(
                (0, 0, {"name": self._file_name("pdf"), "datas": base64.b64encode(pdf), "mimetype": "application/pdf"})
            )
        mail = (
            env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_from": self.company_id.email_formatted or env.company.email_formatted or False,
                    "recipient_ids": [(4, user.partner_id.id) for user in users],
                    "auto_delete": False,
                    "model": self._name,
                    "res_id": self.id,
                    "attachment_ids": attachments,
                }
            )
        )
        return mail

    # --- buttons --------------------------------------------------------------
    def action_recompute(self):
        self._check_manager()
        self._compute_report()
        return True

    def action_print_pdf(self):
        self._check_manager()
        return self.env.ref("complaint_base.complaint_analysis_report_action_pdf").report_action(self)

    def action_download_xlsx(self):
        self._check_manager()
        self.ensure_one()
        if not self.data:
            self._compute_report()
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self._file_name("xlsx"),
                    "datas": base64.b64encode(self._xlsx()),
                    "mimetype": XLSX_MIMETYPE,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_send(self):
        """Send (again) to the subscribers now."""
        self._check_manager()
        reports = self.sudo()
        if not any(report._recipients() for report in reports):
            raise UserError(self.env._("Nobody subscribes to the complaint reports: choose the managers in Settings."))
        reports.filtered(lambda r: not r.data)._compute_report()
        # a manual send goes out even when the scheduler sent it already
        reports.flush_recordset()
        self.env.cr.execute(
            SQL("UPDATE complaint_analysis_report SET date_sent = NULL WHERE id IN %s", tuple(reports.ids))
        )
        reports.invalidate_recordset(["date_sent"])
        mails = reports._send()
        for report in reports:
            report.message_post(
                body=self.env._("Sent to %(names)s.", names=", ".join(report._recipients().mapped("name"))),
                subtype_xmlid="mail.mt_note",
            )
        return bool(mails)


def _id(value):
    """An id of a record, an id or a (id, name) pair."""
    if isinstance(value, models.BaseModel):
        return value[:1].id or False
    if isinstance(value, list | tuple):
        return value[0] if value else False
    return value or False


def _day(value):
    if not value:
        return False
    if isinstance(value, datetime):
        return fields.Datetime.to_string(value)
    return fields.Date.to_string(value) if not isinstance(value, str) else value


class ReportValues:
    """Turns a report's stored figures into the rows, labels and sheets that
    are shown, in the language of the report's environment."""

    def __init__(self, report):
        self.report = report
        self.env = report.env
        self.data = report.data
        self._ = report.env._

    # helpers
    def _names(self, model, ids, field="display_name"):
        records = self.env[model].sudo().with_context(lang=self.env.lang).browse([i for i in ids if i]).exists()
        return {record.id: record[field] for record in records}

    def _selection(self, model, field, value):
        if not value or model not in self.env or field not in self.env[model]._fields:
            return value or ""
        definition = self.env[model]._fields[field]
        if definition.type != "selection":
            return str(value)
        return dict(definition._description_selection(self.env)).get(value, value)

    @staticmethod
    def _pct(value):
        return "—" if value is None else f"{value:.1f}%"

    def _signed(self, change):
        if change["pct"] is None:
            return f"{change['delta']:+}" if change["delta"] else "—"
        return f"{change['pct']:+.1f}%"

    def build(self):
        _ = self._
        report, data = self.report, self.data
        summary = data["summary"]
        current, previous, last_year = (summary[key] for key in BUCKETS)
        satisfaction = data["satisfaction"]
        fines = data["fines"]
        values = {
            "title": _("Complaint Statistics and Analysis Report"),
            "period": report._period_label(self.env.lang),
            "period_type": self._selection(report._name, "period_type", report.period_type),
            "previous_period": self._label_of(analysis.previous_period(report.period_type, report.date_from)[0]),
            "last_year_period": self._label_of(analysis.same_period_last_year(report.period_type, report.date_from)[0]),
            "scope": report.team_id.with_env(self.env).name or report.company_id.name,
            "company": report.company_id.name,
            "team": report.team_id.with_env(self.env).name or "",
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "computed": report.company_id._complaint_format_datetime(
                report.date_computed, dt_format="minutes", lang_code=self.env.lang
            ),
            "currency": report.currency_id,
        }
        # 一、概况: totals with the comparisons
        kpis = [
            (_("Complaints received"), "received", "count"),
            (_("Resolved or closed"), "done", "count"),
            (_("Still open"), "open", "count"),
            (_("Overdue and open"), "overdue", "count"),
            (_("Critical"), "critical", "count"),
            (_("Major"), "major", "count"),
            (_("Repeated complaints"), "repeated", "count"),
            (_("Media / regulator involved"), "media", "count"),
            (_("Re-handled"), "rehandled", "count"),
            (_("Appealed by the complainant"), "appealed", "count"),
            (_("Compensation paid"), "compensation", "money"),
        ]
        rows = []
        for label, key, unit in kpis:
            rows.append(
                {
                    "label": label,
                    "current": current[key],
                    "previous": previous[key],
                    "last_year": last_year[key],
                    "vs_previous": self._signed(analysis.change(current[key], previous[key])),
                    "vs_last_year": self._signed(analysis.change(current[key], last_year[key])),
                    "unit": unit,
                }
            )
        values["summary"] = rows
        values["rates"] = [
            {
                "label": _("Resolution rate"),
                "current": self._pct(analysis.rate(current["done"], current["received"])),
                "previous": self._pct(analysis.rate(previous["done"], previous["received"])),
                "last_year": self._pct(analysis.rate(last_year["done"], last_year["received"])),
            },
            {
                "label": _("Re-handling rate"),
                "current": self._pct(analysis.rate(current["rehandled"], current["received"])),
                "previous": self._pct(analysis.rate(previous["rehandled"], previous["received"])),
                "last_year": self._pct(analysis.rate(last_year["rehandled"], last_year["received"])),
            },
            {
                "label": _("Appeal rate"),
                "current": self._pct(analysis.rate(current["appealed"], current["received"])),
                "previous": self._pct(analysis.rate(previous["appealed"], previous["received"])),
                "last_year": self._pct(analysis.rate(last_year["appealed"], last_year["received"])),
            },
            {
                "label": _("Average time to close (hours)"),
                "current": _num(current["hours_to_close"]),
                "previous": _num(previous["hours_to_close"]),
                "last_year": _num(last_year["hours_to_close"]),
            },
        ]
        values["trend"] = data["trend"]
        # 二、分类: categories, respondents, channels, severity, teams
        breakdown = data["breakdown"]
        total = current["received"]
        values["categories"] = self._dimension(
            breakdown["category_id"], "complaint.category", total, _("Uncategorised"), TOP_ROWS
        )
        respondents = [dict(r, id=("res.partner", r["id"])) for r in breakdown["respondent_partner_id"] if r["id"]]
        respondents += [dict(r, id=("res.users", r["id"])) for r in breakdown["respondent_user_id"] if r["id"]]
        partner_names = self._names("res.partner", [r["id"][1] for r in respondents if r["id"][0] == "res.partner"])
        user_names = self._names("res.users", [r["id"][1] for r in respondents if r["id"][0] == "res.users"])
        respondents.sort(key=lambda r: (-r["count"], str(r["id"])))
        values["respondents"] = [
            dict(
                row,
                label=(partner_names if row["id"][0] == "res.partner" else user_names).get(row["id"][1], "")
                or f"#{row['id'][1]}",
                share=analysis.rate(row["count"], total),
                share_text=self._pct(analysis.rate(row["count"], total)),
                change=self._signed(analysis.change(row["count"], row["previous"])),
            )
            for row in analysis.top(respondents, TOP_ROWS)
        ]
        values["channels"] = self._dimension(breakdown["channel_id"], "complaint.channel", total, _("Not set"))
        values["severities"] = [
            dict(
                row,
                label=self._selection("complaint.complaint", "severity", row["id"]),
                share=analysis.rate(row["count"], total),
                share_text=self._pct(analysis.rate(row["count"], total)),
                change=self._signed(analysis.change(row["count"], row["previous"])),
            )
            for row in breakdown["severity"]
            if row["count"] or row["previous"]
        ]
        values["teams"] = (
            []
            if report.team_id
            else self._dimension(breakdown["team_id"], "complaint.team", total, _("No team"), field="name")
        )
        # 三、时效: SLA per clock kind
        kind_names = self._names("complaint.clock.kind", [row["id"] for row in data["sla"]], "name")
        values["sla"] = [
            {
                "label": kind_names.get(row["id"], f"#{row['id']}"),
                "on_time": row["current"]["on_time"],
                "late": row["current"]["late"],
                "running": row["current"]["running"],
                "breached": row["current"]["breached"],
                "rate": self._pct(analysis.attainment(row["current"]["on_time"], row["current"]["late"])),
                "previous": self._pct(analysis.attainment(row["previous"]["on_time"], row["previous"]["late"])),
                "last_year": self._pct(analysis.attainment(row["last_year"]["on_time"], row["last_year"]["late"])),
            }
            for row in data["sla"]
        ]
        sla_total = data["sla_total"]
        values["sla_rate"] = self._pct(analysis.attainment(sla_total["on_time"], sla_total["late"]))
        # 四、罚款: fines by party
        party_names = self._names("res.partner", [row["id"] for row in fines["rows"]])
        values["fines"] = [
            dict(row, label=party_names.get(row["id"], "") if row["id"] else _("No payer yet")) for row in fines["rows"]
        ]
        values["fine_totals"] = {
            key: {"count": fines["totals"][key]["count"], "amount": fines["totals"][key]["amount"]} for key in BUCKETS
        }
        values["fine_change"] = self._signed(
            analysis.change(fines["totals"]["current"]["amount"], fines["totals"]["previous"]["amount"])
        )
        # 五、满意度: callbacks on the four-point scale and the 0-10 scores
        sat = satisfaction["current"]
        values["satisfaction"] = [
            {
                "label": self._selection("complaint.complaint", "satisfaction_outcome", outcome),
                "count": sat[outcome],
                "share": self._pct(analysis.rate(sat[outcome], sat["rated"])),
            }
            for outcome in ("satisfied", "accepted", "dissatisfied", "other")
        ]
        values["satisfaction_rates"] = [
            {
                "label": _("Callbacks"),
                **{key: satisfaction[key]["rated"] for key in BUCKETS},
            },
            {
                "label": _("Satisfaction rate"),
                **{
                    key: self._pct(analysis.rate(satisfaction[key]["satisfied"], satisfaction[key]["rated"]))
                    for key in BUCKETS
                },
            },
            {
                "label": _("Acceptance rate (satisfied or accepts)"),
                **{
                    key: self._pct(
                        analysis.rate(
                            satisfaction[key]["satisfied"] + satisfaction[key]["accepted"], satisfaction[key]["rated"]
                        )
                    )
                    for key in BUCKETS
                },
            },
            {
                "label": _("Average score (0-10)"),
                **{key: _num(satisfaction[key]["score"]) for key in BUCKETS},
            },
        ]
        # 六、改进: improvement actions and recurring complaints
        improvements = data["improvements"]
        values["improvements_available"] = improvements["available"]
        user_names = self._names("res.users", [row["user_id"] for row in improvements["rows"]])
        team_names = self._names("complaint.team", [row["team_id"] for row in improvements["rows"]], "name")
        today = fields.Date.context_today(report)
        values["improvements"] = [
            dict(
                row,
                step_label=self._selection("complaint.improvement", "step", row["step"]),
                state_label=self._selection("complaint.improvement", "state", row["state"]),
                severity_label=self._selection("complaint.improvement", "severity", row["severity"]),
                user=user_names.get(row["user_id"], ""),
                team=team_names.get(row["team_id"], ""),
                overdue=bool(row["date_deadline"]) and row["date_deadline"] < fields.Date.to_string(today),
            )
            for row in improvements["rows"]
        ]
        values["improvement_states"] = [
            {"label": self._selection("complaint.improvement", "state", state), "count": count}
            for state, count in improvements["by_state"].items()
        ]
        recurring = data["recurring"]
        values["recurring_available"] = recurring["available"]
        category_names = self._names("complaint.category", [row["category_id"] for row in recurring["rows"]])
        respondent_names = self._names("res.partner", [row["respondent_id"] for row in recurring["rows"]])
        values["recurring"] = [
            dict(
                row,
                category=category_names.get(row["category_id"], ""),
                respondent=respondent_names.get(row["respondent_id"], ""),
                has_action=bool(row["improvement_id"]),
            )
            for row in recurring["rows"]
        ]
        values["findings"] = self._findings(values, current, previous, last_year, sla_total, satisfaction)
        values["sheets"] = self._sheets(values)
        return values

    def _label_of(self, day):
        locale = babel_locale_parse(self.env.lang or "en_US")
        return format_skeleton("yMMMM" if self.report.period_type == "month" else "yQQQ", day, locale=locale)

    def _dimension(self, rows, model, total, empty_label, limit=None, field="display_name"):
        names = self._names(model, [row["id"] for row in rows], field)
        kept = [row for row in rows if row["count"] or row["previous"]]
        if limit:
            kept = kept[:limit]
        return [
            dict(
                row,
                label=(names.get(row["id"]) or f"#{row['id']}") if row["id"] else empty_label,
                share=analysis.rate(row["count"], total),
                share_text=self._pct(analysis.rate(row["count"], total)),
                change=self._signed(analysis.change(row["count"], row["previous"])),
            )
            for row in kept
        ]

    def _findings(self, values, current, previous, last_year, sla_total, satisfaction):
        """The report's conclusions in sentences: what changed, where the
        complaints concentrate, what needs attention."""
        _ = self._
        findings = []
        received_change = analysis.change(current["received"], previous["received"])
        if received_change["pct"] is not None:
            findings.append(
                _(
                    "%(count)s complaints were received, %(change)s against %(previous)s in the previous period.",
                    count=current["received"],
                    change=self._signed(received_change),
                    previous=previous["received"],
                )
            )
        else:
            findings.append(_("%(count)s complaints were received.", count=current["received"]))
        if last_year["received"]:
            findings.append(
                _(
                    "Against the same period last year (%(count)s): %(change)s.",
                    count=last_year["received"],
                    change=self._signed(analysis.change(current["received"], last_year["received"])),
                )
            )
        if values["categories"] and values["categories"][0]["count"]:
            top = values["categories"][0]
            findings.append(
                _(
                    "Most complaints concern %(category)s (%(count)s, %(share)s of the total).",
                    category=top["label"],
                    count=top["count"],
                    share=self._pct(top["share"]),
                )
            )
        if values["respondents"]:
            top = values["respondents"][0]
            findings.append(
                _(
                    "The most complained-about respondent is %(name)s (%(count)s).",
                    name=top["label"],
                    count=top["count"],
                )
            )
        rate = analysis.attainment(sla_total["on_time"], sla_total["late"])
        if rate is not None:
            worst = min(
                (row for row in values["sla"] if row["on_time"] + row["late"]),
                key=lambda row: row["on_time"] / (row["on_time"] + row["late"]),
            )
            findings.append(
                _(
                    "%(rate)s of the decided deadlines were met on time; the weakest is %(clock)s (%(clock_rate)s).",
                    rate=self._pct(rate),
                    clock=worst["label"],
                    clock_rate=worst["rate"],
                )
            )
        rated = satisfaction["current"]["rated"]
        if rated:
            findings.append(
                _(
                    "%(rate)s of the %(count)s complainants called back were satisfied; %(dissatisfied)s were not "
                    "and their complaints went back for re-handling.",
                    rate=self._pct(analysis.rate(satisfaction["current"]["satisfied"], rated)),
                    count=rated,
                    dissatisfied=satisfaction["current"]["dissatisfied"],
                )
            )
        if values["recurring"]:
            without = sum(1 for row in values["recurring"] if not row["has_action"])
            findings.append(
                _(
                    "%(count)s groups of complaints recur; %(without)s of them have no improvement action yet.",
                    count=len(values["recurring"]),
                    without=without,
                )
            )
        overdue = sum(1 for row in values["improvements"] if row["overdue"])
        if overdue:
            findings.append(_("%(count)s improvement actions are past their deadline.", count=overdue))
        return findings

    def _sheets(self, values):
        _ = self._
        comparison = [_("This Period"), _("Previous Period"), _("Same Period Last Year")]
        sheets = [
            {
                "name": _("Summary"),
                "headers": [_("Figure"), *comparison, _("Vs Previous Period"), _("Vs Last Year")],
                "rows": [
                    [r["label"], r["current"], r["previous"], r["last_year"], r["vs_previous"], r["vs_last_year"]]
                    for r in values["summary"]
                ]
                + [[r["label"], r["current"], r["previous"], r["last_year"], "", ""] for r in values["rates"]],
                "widths": [30, 14, 14, 18, 16, 16],
            },
            {
                "name": _("Trend"),
                "headers": [_("Period"), _("Complaints Received"), _("Resolved or Closed")],
                "rows": [[r["period"], r["received"], r["done"]] for r in values["trend"]],
                "widths": [12, 12, 18],
            },
        ]
        for name, rows in (
            (_("Categories"), values["categories"]),
            (_("Respondents"), values["respondents"]),
            (_("Channels"), values["channels"]),
            (_("Severity"), values["severities"]),
            (_("Teams"), values["teams"]),
        ):
            if not rows and name == _("Teams"):
                continue
            sheets.append(
                {
                    "name": name,
                    "headers": [
                        name,
                        _("Complaints Received"),
                        _("Share (%)"),
                        _("Previous Period"),
                        _("Change"),
                        _("Resolved or Closed"),
                        _("Overdue"),
                    ],
                    "rows": [
                        [r["label"], r["count"], r["share"], r["previous"], r["change"], r["done"], r["overdue"]]
                        for r in rows
                    ],
                    "widths": [30, 10, 10, 14, 10, 18, 10],
                }
            )
        sheets += [
            {
                "name": _("Deadlines"),
                "headers": [
                    _("Clock"),
                    _("On Time"),
                    _("Late"),
                    _("Running"),
                    _("Breached"),
                    _("On Time (%)"),
                    _("Previous Period"),
                    _("Same Period Last Year"),
                ],
                "rows": [
                    [
                        r["label"],
                        r["on_time"],
                        r["late"],
                        r["running"],
                        r["breached"],
                        r["rate"],
                        r["previous"],
                        r["last_year"],
                    ]
                    for r in values["sla"]
                ],
                "widths": [18, 10, 10, 10, 10, 12, 14, 18],
            },
            {
                "name": _("Fines"),
                "headers": [_("Paid By"), _("Number of Fines"), _("Amount"), _("Settled"), _("Waived"), _("Appealed")],
                "rows": [
                    [r["label"], r["count"], r["amount"], r["settled"], r["waived"], r["appealed"]]
                    for r in values["fines"]
                ],
                "widths": [24, 10, 14, 14, 10, 10],
                "money_columns": [2, 3],
                "totals": [1, 2, 3],
                "total_label": _("Total"),
            },
            {
                "name": _("Satisfaction"),
                "headers": [_("Figure"), *comparison],
                "rows": [
                    [r["label"], r["current"], r["previous"], r["last_year"]] for r in values["satisfaction_rates"]
                ]
                + [[r["label"], r["count"], "", ""] for r in values["satisfaction"]],
                "widths": [36, 14, 14, 18],
            },
        ]
        if values["improvements_available"]:
            sheets.append(
                {
                    "name": _("Improvement Actions"),
                    "headers": [
                        _("Improvement Action"),
                        _("8D Step"),
                        _("Status"),
                        _("Owner"),
                        _("Team"),
                        _("Severity"),
                        _("Due By"),
                        _("Complaints"),
                    ],
                    "rows": [
                        [
                            r["name"],
                            r["step_label"],
                            r["state_label"],
                            r["user"],
                            r["team"],
                            r["severity_label"],
                            r["date_deadline"] or "",
                            r["complaint_count"],
                        ]
                        for r in values["improvements"]
                    ],
                    "widths": [30, 16, 12, 14, 16, 10, 12, 10],
                }
            )
        if values["recurring_available"]:
            sheets.append(
                {
                    "name": _("Recurring Complaints"),
                    "headers": [
                        _("Complaint Group"),
                        _("Category"),
                        _("Respondent"),
                        _("Complaints"),
                        _("First"),
                        _("Last"),
                        _("Improvement Action"),
                    ],
                    "rows": [
                        [
                            r["label"],
                            r["category"],
                            r["respondent"],
                            r["count"],
                            r["date_first"] or "",
                            r["date_last"] or "",
                            _("Yes") if r["has_action"] else _("No"),
                        ]
                        for r in values["recurring"]
                    ],
                    "widths": [30, 18, 18, 10, 18, 18, 12],
                }
            )
        sheets.append(
            {
                "name": _("Findings"),
                "headers": [_("Findings")],
                "rows": [[line] for line in values["findings"]],
                "widths": [120],
            }
        )
        return sheets


def _num(value):
    return "—" if value is None else f"{value:.1f}"
