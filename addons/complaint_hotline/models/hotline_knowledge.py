from odoo import fields, models

from ..rules.types import ORDER_TYPES


class HotlineKnowledge(models.Model):
    _name = "hotline.knowledge"
    _description = "Hotline Knowledge Base Article"
    _order = "use_count desc, id desc"
    _rec_names_search = ["name", "keywords", "answer"]

    name = fields.Char(string="Question", required=True, translate=True, index="trigram")
    answer = fields.Text(required=True, translate=True)
    keywords = fields.Char(index="trigram", help="Words the agent may type to find the article, separated by spaces.")
    order_type = fields.Selection(ORDER_TYPES, default="consult")
    category_id = fields.Many2one("complaint.category", string="Category")
    department_id = fields.Many2one(
        "complaint.team", string="Source Department", domain="[('hotline_kind', '=', 'department')]"
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    use_count = fields.Integer(string="Times Used", readonly=True)
    date_review = fields.Date(string="Review By", help="When the article is to be checked again.")
