import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# fines that count in a statement; waived ones never do
STATEMENT_STATES = ("confirmed", "appealed", "settled")


class ComplaintStatementPeriod(models.AbstractModel):
    """The period, company and fine states of a fine statement (the base's
    fine statement, a sector's monthly statement)."""

    _name = "complaint.statement.period"
    _description = "Statement Period"

    # statements are drawn for the month that ended
    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1) - relativedelta(months=1),
    )
    date_to = fields.Date(
        required=True, default=lambda self: fields.Date.context_today(self).replace(day=1) - relativedelta(days=1)
    )
    include_proposed = fields.Boolean(
        string="Include Proposed Fines", default=True, help="Proposed fines not confirmed yet; waived ones never count."
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def _period_bounds(self):
        """[start, end) in UTC of the period's local days, in the user's time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")
        start = fields.Datetime.to_datetime(self.date_from)
        end = fields.Datetime.to_datetime(self.date_to) + relativedelta(days=1)
        return tuple(tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None) for moment in (start, end))

    def _penalty_states(self):
        return [*STATEMENT_STATES, *(["proposed"] if self.include_proposed else [])]
