from odoo import api, fields, models
from odoo.exceptions import AccessError

EXCHANGE_KINDS = [
    ("answer", "Answer to the Reporter"),
    ("information", "Information from the Reporter"),
    ("appeal", "Appeal by the Reporter"),
    ("retaliation", "Retaliation Reported"),
]


class ComplaintEmployeeExchange(models.Model):
    """What the desk and an anonymous reporter tell each other through the
    follow-up page.  The reporter's entries are written by the grievance
    intake user and carry the day only."""

    _name = "complaint.employee.exchange"
    _description = "Grievance Exchange with the Reporter"
    _order = "date, id"

    complaint_id = fields.Many2one("complaint.complaint", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    kind = fields.Selection(EXCHANGE_KINDS, required=True, default="answer")
    from_reporter = fields.Boolean(compute="_compute_from_reporter", store=True)
    body = fields.Text(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Files")

    @api.depends("kind")
    def _compute_from_reporter(self):
        for exchange in self:
            exchange.from_reporter = exchange.kind != "answer"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group("complaint_employee.group_grievance_officer"):
            raise AccessError(self.env._("Only grievance officers answer reporters."))
        exchanges = super().create(vals_list)
        answers = exchanges.filtered(lambda e: e.kind == "answer")
        answers.complaint_id._employee_feedback_given()
        return exchanges
