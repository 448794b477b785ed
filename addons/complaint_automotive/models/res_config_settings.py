from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    automotive_vehicle_warranty_months = fields.Integer(
        related="company_id.automotive_vehicle_warranty_months", readonly=False
    )
    automotive_parts_warranty_months = fields.Integer(
        related="company_id.automotive_parts_warranty_months", readonly=False
    )
