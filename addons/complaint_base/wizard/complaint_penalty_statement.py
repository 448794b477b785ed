import base64
from collections import defaultdict

import pytz

from odoo import fields, models
from odoo.exceptions import UserError

from ..engine.xlsx import Sheet, build_xlsx


class ComplaintPenaltyStatement(models.TransientModel):
    _name = "complaint.penalty.statement"
    _inherit = ["complaint.statement.period"]
    _description = "Fine Statement"

    partner_ids = fields.Many2many("res.partner", string="Parties", help="Empty: every party fined in the period.")

    def _domain(self):
        start, end = self._period_bounds()
        domain = [
            ("date", ">=", start),
            ("date", "<", end),
            ("state", "in", self._penalty_states()),
            ("company_id", "=", self.company_id.id),
        ]
        if self.partner_ids:
            domain.append(("partner_id", "in", self.partner_ids.ids))
        return domain

    def _statement_rows(self):
        """(detail rows, {partner: total}) of the fines in the period, checked
        with the current user's rights."""
        penalties = self.env["complaint.penalty"].search(self._domain(), order="partner_id, date, id")
        states = dict(penalties._fields["state"]._description_selection(self.env))
        tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")
        details, totals = [], defaultdict(float)
        for penalty in penalties:
            details.append(
                [
                    penalty.partner_id.display_name,
                    penalty.name,
                    pytz.utc.localize(penalty.date).astimezone(tz).replace(tzinfo=None),
                    penalty.complaint_id.name or "",
                    penalty.rule_code or "",
                    penalty.rule_id.name or "",
                    states[penalty.state],
                    penalty.amount,
                ]
            )
            totals[penalty.partner_id.display_name] += penalty.amount
        return details, totals

    def action_export_xlsx(self):
        self.ensure_one()
        details, totals = self._statement_rows()
        if not details:
            raise UserError(self.env._("No fine in this period for these parties."))
        _ = self.env._
        content = build_xlsx(
            [
                Sheet(
                    _("Fines"),
                    [
                        _("Paid By"),
                        _("Fine Number"),
                        _("Date"),
                        _("Complaint"),
                        _("Article"),
                        _("Rule"),
                        _("Status"),
                        _("Amount"),
                    ],
                    details,
                    widths=[24, 14, 18, 16, 12, 36, 10, 12],
                    money_columns=[7],
                    totals=[7],
                    total_label=_("Total"),
                ),
                Sheet(
                    _("Per Party"),
                    [_("Paid By"), _("Amount")],
                    sorted([name, amount] for name, amount in totals.items()),
                    widths=[30, 14],
                    money_columns=[1],
                    totals=[1],
                    total_label=_("Total"),
                ),
            ]
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{_('fine-statement')}-{self.date_from}-{self.date_to}.xlsx",
                "datas": base64.b64encode(content),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}
