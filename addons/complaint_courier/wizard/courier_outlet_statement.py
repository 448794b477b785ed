import base64
from collections import defaultdict

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.addons.complaint_base.engine.xlsx import Sheet, build_xlsx
from odoo.exceptions import UserError


def _first_of_previous_month(today):
    return today.replace(day=1) - relativedelta(months=1)


class CourierOutletStatement(models.TransientModel):
    """The monthly outlet statement: every fine and compensation deducted from
    each outlet's settlement, with totals per outlet and for the network."""

    _name = "courier.outlet.statement"
    _inherit = ["complaint.statement.period"]
    _description = "Monthly Outlet Statement"

    date_from = fields.Date(
        required=True, default=lambda self: _first_of_previous_month(fields.Date.context_today(self))
    )
    date_to = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1) - relativedelta(days=1),
    )
    outlet_ids = fields.Many2many("courier.outlet", string="Outlets", help="Empty: every outlet.")

    def _penalty_domain(self):
        start, end = self._period_bounds()
        domain = [
            ("courier_outlet_id", "!=", False),
            ("date", ">=", start),
            ("date", "<", end),
            ("state", "in", self._penalty_states()),
            ("company_id", "=", self.company_id.id),
        ]
        if self.outlet_ids:
            domain.append(("courier_outlet_id", "in", self.outlet_ids.ids))
        return domain

    def _claim_domain(self):
        start, end = self._period_bounds()
        domain = [
            ("state", "=", "paid"),
            ("date_paid", ">=", start),
            ("date_paid", "<", end),
            ("company_id", "=", self.company_id.id),
            ("outlet_id", "!=", False),
        ]
        if self.outlet_ids:
            domain.append(("outlet_id", "in", self.outlet_ids.ids))
        return domain

    def _statement_data(self):
        """Lines and totals, read with the current user's rights.

        Returns ``{"outlets": [{"outlet", "settlement", "lines", "fines",
        "compensation", "total"}], "fines", "compensation", "total"}``; each
        line is a dict (date, complaint, waybill, article, rule, type, state,
        amount)."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or self.company_id.sudo()._complaint_tz())

        def local(when):
            return pytz.utc.localize(when).astimezone(tz).replace(tzinfo=None) if when else False

        penalties = self.env["complaint.penalty"].search(self._penalty_domain(), order="date, id")
        claims = self.env["courier.claim"].search(self._claim_domain(), order="date_paid, id")
        penalty_states = dict(penalties._fields["state"]._description_selection(self.env))
        lines = defaultdict(list)
        for penalty in penalties:
            lines[penalty.courier_outlet_id].append(
                {
                    "date": local(penalty.date),
                    "reference": penalty.name,
                    "complaint": penalty.complaint_id.name or "",
                    "waybill": penalty.complaint_id.courier_waybill or "",
                    "article": penalty.rule_id.code or "",
                    "rule": penalty.rule_id.name or "",
                    "type": self.env._("Fine"),
                    "state": penalty_states[penalty.state],
                    "fine": penalty.amount,
                    "compensation": 0.0,
                }
            )
        for claim in claims:
            lines[claim.outlet_id].append(
                {
                    "date": local(claim.date_paid),
                    "reference": claim.name,
                    "complaint": claim.complaint_id.name,
                    "waybill": claim.waybill or "",
                    "article": "",
                    "rule": dict(claim._fields["claim_type"]._description_selection(self.env))[claim.claim_type],
                    "type": self.env._("Compensation"),
                    "state": self.env._("Paid"),
                    "fine": 0.0,
                    "compensation": claim.amount_paid,
                }
            )
        outlets = []
        for outlet in sorted(lines, key=lambda o: (o.code or "", o.id)):
            outlet_lines = sorted(lines[outlet], key=lambda line: (line["date"], line["reference"]))
            fines = round(sum(line["fine"] for line in outlet_lines), 2)
            compensation = round(sum(line["compensation"] for line in outlet_lines), 2)
            outlets.append(
                {
                    "outlet": outlet,
                    "settlement": outlet._settlement_partner().display_name,
                    "lines": outlet_lines,
                    "fines": fines,
                    "compensation": compensation,
                    "total": round(fines + compensation, 2),
                }
            )
        fines = round(sum(o["fines"] for o in outlets), 2)
        compensation = round(sum(o["compensation"] for o in outlets), 2)
        return {
            "outlets": outlets,
            "fines": fines,
            "compensation": compensation,
            "total": round(fines + compensation, 2),
        }

    def action_export_xlsx(self):
        self.ensure_one()
        data = self._statement_data()
        if not data["outlets"]:
            raise UserError(self.env._("No fine and no compensation for these outlets in this period."))
        _ = self.env._
        details = [
            [
                entry["outlet"].code,
                entry["outlet"].name,
                line["date"],
                line["reference"],
                line["complaint"],
                line["waybill"],
                line["article"],
                line["rule"],
                line["type"],
                line["state"],
                line["fine"],
                line["compensation"],
            ]
            for entry in data["outlets"]
            for line in entry["lines"]
        ]
        per_outlet = [
            [
                entry["outlet"].code,
                entry["outlet"].name,
                entry["settlement"],
                entry["fines"],
                entry["compensation"],
                entry["total"],
            ]
            for entry in data["outlets"]
        ]
        content = build_xlsx(
            [
                Sheet(
                    _("Statement"),
                    [
                        _("Outlet Code"),
                        _("Outlet"),
                        _("Date"),
                        _("Fine or Claim Number"),
                        _("Complaint"),
                        _("Waybill"),
                        _("Article"),
                        _("Rule"),
                        _("Type"),
                        _("Status"),
                        _("Fine"),
                        _("Compensation"),
                    ],
                    details,
                    widths=[12, 20, 18, 14, 16, 16, 14, 36, 10, 10, 12, 12],
                    money_columns=[10, 11],
                    totals=[10, 11],
                    total_label=_("Network Total"),
                ),
                Sheet(
                    _("Per Outlet"),
                    [
                        _("Outlet Code"),
                        _("Outlet"),
                        _("Settles Through"),
                        _("Fines"),
                        _("Compensation"),
                        _("Total Deduction"),
                    ],
                    per_outlet,
                    widths=[12, 24, 24, 14, 14, 16],
                    money_columns=[3, 4, 5],
                    totals=[3, 4, 5],
                    total_label=_("Network Total"),
                ),
            ]
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{_('outlet-statement')}-{self.date_from}-{self.date_to}.xlsx",
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    def action_print_pdf(self):
        self.ensure_one()
        if not self._statement_data()["outlets"]:
            raise UserError(self.env._("No fine and no compensation for these outlets in this period."))
        return self.env.ref("complaint_courier.action_report_outlet_statement").report_action(self)
