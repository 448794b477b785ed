from odoo import fields, models

from ..rules.types import HOP_KINDS, SATISFACTION


class HotlineHop(models.Model):
    """One step of a work order's way (派单, 签收, 退单, 转办...): who, when,
    to which department, on time or not.  Written by the order's actions
    only; read by the assessment."""

    _name = "hotline.hop"
    _description = "Work Order Hop"
    _order = "date desc, id desc"

    order_id = fields.Many2one(
        "complaint.complaint", string="Work Order", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    kind = fields.Selection(HOP_KINDS, required=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    department_id = fields.Many2one("complaint.team", string="Department", index=True)
    from_department_id = fields.Many2one("complaint.team", string="From Department")
    reason = fields.Text()
    deadline = fields.Datetime(string="Time Limit")
    on_time = fields.Boolean(string="On Time")
    # a callback's own outcome: a re-handled order is called back again, and
    # each callback counts with what the caller said then
    callback_satisfaction = fields.Selection(SATISFACTION, string="Callback Satisfaction")
    callback_resolved = fields.Boolean(string="Solved at the Callback")

    def init(self):
        # the assessment counts a company's hops of a period by department and
        # kind: an index-only scan of this index reads a month of a city's
        # hotline (millions of hops) without touching the table
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS hotline_hop_assessment_index
                   ON hotline_hop (company_id, date) INCLUDE (department_id, kind, on_time, order_id)
                WHERE department_id IS NOT NULL
                  AND kind IN ('dispatch', 'transfer', 'arbitration', 'sign', 'return', 'reply', 'callback', 'rework')"""
        )
        # the callbacks of a period with their outcomes, read the same way
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS hotline_hop_callback_index
                   ON hotline_hop (company_id, date) INCLUDE (department_id, callback_satisfaction, callback_resolved)
                WHERE department_id IS NOT NULL AND kind = 'callback'"""
        )
