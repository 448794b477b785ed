from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    automotive_vehicle_warranty_months = fields.Integer(
        string="Vehicle Warranty (Months)",
        default=24,
        help="The vehicle is covered this many months from its purchase (质量担保：整车 24 个月).",
    )
    automotive_parts_warranty_months = fields.Integer(
        string="Parts Warranty (Months)",
        default=12,
        help="A part bought and fitted at the dealer is covered this many months from its invoice date.",
    )
