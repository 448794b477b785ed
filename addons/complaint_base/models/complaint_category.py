from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ComplaintCategory(models.Model):
    _name = "complaint.category"
    _description = "Complaint Category"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Optional code, e.g. from GB/T 39666 for hotlines.")
    complete_name = fields.Char(compute="_compute_complete_name", recursive=True, store=True)
    parent_id = fields.Many2one("complaint.category", string="Parent Category", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("complaint.category", "parent_id", string="Subcategories")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to share the category between companies.")
    team_id = fields.Many2one(
        "complaint.team",
        string="Route to Team",
        ondelete="set null",
        help="New complaints of this category (or of its subcategories that name no team) that arrive without a "
        "team (web form, e-mail, API) go to this team instead of the default team.",
    )

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "Category codes must be unique per company."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for category in self:
            if category.parent_id:
                category.complete_name = f"{category.parent_id.complete_name} / {category.name}"
            else:
                category.complete_name = category.name

    @api.depends_context("lang")
    @api.depends("name", "parent_id")
    def _compute_display_name(self):
        # complete_name is stored once, in one language; show the path in the user's
        for category in self:
            names, node = [], category
            while node:
                names.append(node.name or "")
                node = node.parent_id
            category.display_name = " / ".join(reversed(names))

    def _routing_team(self):
        """The team this category routes to: its own, else the nearest
        ancestor's; an empty recordset when none of them names one."""
        self.ensure_one()
        node = self.sudo()
        while node and not node.team_id:
            node = node.parent_id
        return node.team_id

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A category cannot be its own ancestor."))
