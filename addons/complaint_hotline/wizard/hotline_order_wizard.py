from odoo import api, fields, models

from ..rules.types import SATISFACTION

WIZARD_ACTIONS = [
    ("return", "Return to the Centre (退单)"),
    ("transfer", "Re-Dispatch (转办)"),
    ("arbitrate", "Arbitrate (仲裁)"),
    ("remind", "Remind (催办)"),
    ("reply", "Reply to the Caller (答复)"),
    ("callback", "Callback (回访)"),
    ("merge", "Merge into Another Order (并单)"),
]


class HotlineOrderWizard(models.TransientModel):
    """The text and choices an order action needs; the order's own method
    checks the rights and does the work."""

    _name = "hotline.order.wizard"
    _description = "Work Order Action"

    order_ids = fields.Many2many("complaint.complaint", string="Work Orders", required=True)
    action = fields.Selection(WIZARD_ACTIONS, required=True)
    reason = fields.Text(string="Reason / Text")
    dispute = fields.Boolean(string="Dispute over Who Handles It")
    department_id = fields.Many2one(
        "complaint.team", string="Department", domain="[('hotline_kind', '=', 'department')]"
    )
    co_department_ids = fields.Many2many(
        "complaint.team", string="Co-Handling Departments", domain="[('hotline_kind', '=', 'department')]"
    )
    satisfaction = fields.Selection(SATISFACTION)
    resolved = fields.Boolean(string="Problem Solved", default=True)
    master_id = fields.Many2one("complaint.complaint", string="Merge Into", domain="[('sector', '=', 'hotline')]")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "complaint.complaint" and "order_ids" in fields_list:
            values["order_ids"] = [(6, 0, self.env.context.get("active_ids") or [])]
        return values

    def action_confirm(self):
        self.ensure_one()
        orders = self.order_ids
        if self.action == "return":
            orders.action_hotline_return(self.reason, dispute=self.dispute)
        elif self.action == "transfer":
            orders.action_hotline_transfer(
                self.department_id, self.reason, co_departments=self.co_department_ids or None
            )
        elif self.action == "arbitrate":
            orders.action_hotline_arbitrate(self.department_id, self.reason)
        elif self.action == "remind":
            orders.action_hotline_remind(self.reason)
        elif self.action == "reply":
            orders.action_hotline_reply(self.reason)
        elif self.action == "callback":
            orders.action_hotline_callback(self.satisfaction, self.resolved, self.reason)
        elif self.action == "merge":
            orders.action_hotline_merge_into(self.master_id)
        return {"type": "ir.actions.act_window_close"}


class HotlineAssessmentWizard(models.TransientModel):
    _name = "hotline.assessment.wizard"
    _description = "Compute the Department Assessment"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: fields.Date.context_today(self).replace(day=1)
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    def action_compute(self):
        self.ensure_one()
        rows = self.env["hotline.assessment"]._compute_period(self.date_from, self.date_to)
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_hotline.hotline_assessment_action")
        action["domain"] = [("id", "in", rows.ids)]
        return action
