from odoo import fields, models


class HotlineLine(models.Model):
    _name = "hotline.line"
    _description = "Hotline Source Line"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="The number or code of the line, e.g. 12345, 12333.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")
    is_merged = fields.Boolean(
        string="Merged Legacy Line", help="A former hotline merged into the one number; its calls keep it as source."
    )
    description = fields.Text(translate=True)

    _sql_constraints = [("code_company_unique", "unique(code, company_id)", "A line code is used once per company.")]
