from datetime import datetime
from zoneinfo import ZoneInfo

from odoo import api, fields, models

from ..engine import analysis


class ComplaintAnalysisOverview(models.TransientModel):
    """A card of the complaint overview: one figure of this month (so far)
    beside last month's and the same month's last year, computed when the
    overview opens with the report's queries."""

    _name = "complaint.analysis.overview"
    _description = "Complaint Overview Card"
    _order = "sequence, id"

    sequence = fields.Integer()
    code = fields.Char(required=True)
    name = fields.Char(string="Figure", required=True)
    company_id = fields.Many2one("res.company", required=True)
    value = fields.Char(string="This Month")
    previous = fields.Char(string="Last Month")
    last_year = fields.Char(string="Same Month Last Year")
    vs_previous = fields.Char(string="Vs Last Month")
    vs_last_year = fields.Char(string="Vs Last Year")
    # +1: the figure went up, -1: down; good: up is the better direction
    direction = fields.Integer()
    good_when_up = fields.Boolean()
    tone = fields.Selection(
        [("good", "Better"), ("bad", "Worse"), ("flat", "Unchanged")], compute="_compute_tone", string="Trend"
    )
    action_xmlid = fields.Char()

    @api.depends("direction", "good_when_up")
    def _compute_tone(self):
        for card in self:
            if not card.direction:
                card.tone = "flat"
            else:
                card.tone = "good" if (card.direction > 0) == card.good_when_up else "bad"

    @api.model
    def action_open_overview(self):
        """Compute the cards of the user's company and open them."""
        self.env["complaint.analysis.report"]._check_manager()
        company = self.env.company
        today = datetime.now(ZoneInfo(company._complaint_tz())).date()
        date_from, date_to = analysis.period_bounds("month", today)
        probe = self.env["complaint.analysis.report"].new(
            {"company_id": company.id, "period_type": "month", "date_from": date_from, "date_to": date_to}
        )
        data = probe.sudo()._collect()
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        cards = self.create(self._cards(company, data))
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_analysis_overview_action")
        action["domain"] = [("id", "in", cards.ids)]
        action["display_name"] = self.env._(
            "Complaint Overview: %(month)s", month=probe.with_env(self.env)._period_label()
        )
        return action

    def _cards(self, company, data):
        _ = self.env._
        summary, satisfaction, fines = data["summary"], data["satisfaction"], data["fines"]["totals"]
        sla = {
            key: (
                sum(row[key]["on_time"] for row in data["sla"]),
                sum(row[key]["late"] for row in data["sla"]),
            )
            for key in ("current", "previous", "last_year")
        }
        currency = company.currency_id

        def count(key):
            return {bucket: summary[bucket][key] for bucket in summary}

        def of_received(key):
            return {bucket: analysis.rate(summary[bucket][key], summary[bucket]["received"]) for bucket in summary}

        figures = [
            (
                "received",
                _("Complaints Received"),
                count("received"),
                "count",
                False,
                "complaint_complaint_action_analysis",
            ),
            (
                "done_rate",
                _("Resolution Rate"),
                of_received("done"),
                "pct",
                True,
                "complaint_complaint_action_analysis",
            ),
            ("open", _("Still Open"), count("open"), "count", False, "complaint_complaint_action"),
            ("overdue", _("Overdue and Open"), count("overdue"), "count", False, "complaint_complaint_action_overdue"),
            (
                "critical",
                _("Critical Complaints"),
                count("critical"),
                "count",
                False,
                "complaint_complaint_action_analysis",
            ),
            (
                "sla",
                _("Deadlines Met on Time"),
                {bucket: analysis.attainment(*sla[bucket]) for bucket in sla},
                "pct",
                True,
                "complaint_clock_action_sla",
            ),
            (
                "satisfied",
                _("Satisfaction Rate"),
                {
                    bucket: analysis.rate(satisfaction[bucket]["satisfied"], satisfaction[bucket]["rated"])
                    for bucket in satisfaction
                },
                "pct",
                True,
                "complaint_complaint_action_satisfaction",
            ),
            (
                "score",
                _("Average Score (0-10)"),
                {bucket: satisfaction[bucket]["score"] for bucket in satisfaction},
                "num",
                True,
                "complaint_complaint_action_satisfaction",
            ),
            (
                "rehandled",
                _("Re-Handling Rate"),
                of_received("rehandled"),
                "pct",
                False,
                "complaint_complaint_action_analysis",
            ),
            (
                "appealed",
                _("Appeal Rate"),
                of_received("appealed"),
                "pct",
                False,
                "complaint_complaint_action_analysis",
            ),
            (
                "fines",
                _("Fines"),
                {bucket: fines[bucket]["amount"] for bucket in fines},
                "money",
                False,
                "complaint_penalty_action_analysis",
            ),
        ]
        if data["recurring"]["available"]:
            figures.append(
                (
                    "recurring",
                    _("Recurring Complaint Groups"),
                    {"current": len(data["recurring"]["rows"])},
                    "count",
                    False,
                    "",
                )
            )
        if data["improvements"]["available"]:
            figures.append(
                (
                    "improvements",
                    _("Open Improvement Actions"),
                    {"current": len(data["improvements"]["rows"])},
                    "count",
                    False,
                    "",
                )
            )

        def shown(value, unit):
            if value is None:
                return "—"
            if unit == "pct":
                return f"{value:.1f}%"
            if unit == "num":
                return f"{value:.1f}"
            if unit == "money":
                return f"{currency.symbol or ''}{value:,.2f}"
            return str(value)

        def versus(current, other, unit):
            if current is None or other is None:
                return "—"
            if unit in ("pct", "num"):
                return f"{current - other:+.1f}"
            change = analysis.change(current, other)
            return f"{change['pct']:+.1f}%" if change["pct"] is not None else f"{change['delta']:+}"

        vals_list = []
        for sequence, (code, name, values, unit, good_when_up, action) in enumerate(figures):
            current, previous, last_year = values.get("current"), values.get("previous"), values.get("last_year")
            direction = 0
            if current is not None and previous is not None and current != previous:
                direction = 1 if current > previous else -1
            vals_list.append(
                {
                    "sequence": sequence,
                    "code": code,
                    "name": name,
                    "company_id": company.id,
                    "value": shown(current, unit),
                    "previous": shown(previous, unit) if "previous" in values else "",
                    "last_year": shown(last_year, unit) if "last_year" in values else "",
                    "vs_previous": versus(current, previous, unit) if "previous" in values else "",
                    "vs_last_year": versus(current, last_year, unit) if "last_year" in values else "",
                    "direction": direction,
                    "good_when_up": good_when_up,
                    "action_xmlid": action and f"complaint_base.{action}",
                }
            )
        return vals_list

    def action_open_details(self):
        """The analysis behind the card, on this month."""
        self.ensure_one()
        if not self.action_xmlid:
            return False
        return self.env["ir.actions.act_window"]._for_xml_id(self.action_xmlid)
