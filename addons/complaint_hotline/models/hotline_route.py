from odoo import fields, models

from ..rules.types import ORDER_TYPES, SECTOR


class HotlineRoute(models.Model):
    _name = "hotline.route"
    _description = "Hotline Routing Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="The first matching rule (lowest sequence) dispatches the order.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    order_type = fields.Selection(ORDER_TYPES, help="Empty: every type.")
    category_ids = fields.Many2many("complaint.category", string="Categories", help="And their subcategories.")
    area_ids = fields.Many2many("hotline.area", string="Areas", help="And their subdivisions.")
    keywords = fields.Char(help="Any of these words in the subject or content, separated by spaces or commas.")
    lead_department_id = fields.Many2one(
        "complaint.team",
        string="Lead Department",
        required=True,
        domain="[('hotline_kind', '=', 'department'), ('company_id', '=', company_id)]",
    )
    co_department_ids = fields.Many2many(
        "complaint.team",
        "hotline_route_co_department_rel",
        "route_id",
        "team_id",
        string="Co-Handling Departments",
        domain="[('hotline_kind', '=', 'department'), ('company_id', '=', company_id)]",
    )
    to_leader = fields.Boolean(
        string="Straight to the Leaders", help="Orders of this rule go to the department leader at once."
    )

    def _plugin_dict(self):
        self.ensure_one()
        types = [self.order_type] if self.order_type else []
        words = [w for w in (self.keywords or "").replace("，", ",").replace(",", " ").split() if w]
        return {
            "id": self.id,
            "sequence": self.sequence,
            "sector": SECTOR,
            "order_types": types,
            "category_ids": self.category_ids.ids,
            "area_ids": self.area_ids.ids,
            "keywords": words,
            "lead_id": self.lead_department_id.id,
            "co_ids": self.co_department_ids.ids,
            "to_leader": self.to_leader,
        }
