from odoo import fields, models


class HotlineCaller(models.Model):
    """A caller of a work order: its own caller, and the callers of the
    duplicates merged into it (并单), who are all told the reply."""

    _name = "hotline.caller"
    _description = "Work Order Caller"
    _order = "date, id"

    order_id = fields.Many2one(
        "complaint.complaint", string="Work Order", required=True, index=True, ondelete="cascade"
    )
    source_order_id = fields.Many2one("complaint.complaint", string="Own Order", ondelete="set null")
    name = fields.Char()
    phone = fields.Char()
    date = fields.Datetime(default=fields.Datetime.now)
    date_informed = fields.Datetime(string="Informed On", readonly=True)
