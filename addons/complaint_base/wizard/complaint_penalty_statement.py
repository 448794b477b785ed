import base64
from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.xlsx import Sheet, build_xlsx


class ComplaintPenaltyStatement(models.TransientModel):
    _name = "complaint.penalty.statement"
    _description = "Fine Statement"

    date_from = fields.Date(required=True, default=lambda self: fields.Date.context_today(self).replace(day=1))
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    partner_ids = fields.Many2many("res.partner", string="Parties", help="Empty: every party fined in the period.")
    include_proposed = fields.Boolean(string="Include Proposed Fines", default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def _domain(self):
        tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")
        start = tz.localize(fields.Datetime.to_datetime(self.date_from)).astimezone(pytz.utc).replace(tzinfo=None)
        end_day = fields.Datetime.to_datetime(self.date_to).replace(hour=23, minute=59, second=59)
        end = tz.localize(end_day).astimezone(pytz.utc).replace(tzinfo=None)
        states = ["confirmed", "appealed", "settled"] + (["proposed"] if self.include_proposed else [])
        domain = [
            ("date", ">=", start),
            ("date", "<=", end),
            ("state", "in", states),
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
                        _("Reference"),
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
