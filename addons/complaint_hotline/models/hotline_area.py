from odoo import api, fields, models
from odoo.exceptions import ValidationError

AREA_LEVELS = [
    ("province", "Province"),
    ("city", "City"),
    ("district", "District / County"),
    ("street", "Street / Township"),
    ("community", "Community / Village"),
    ("service_area", "Highway Service Area"),
]


class HotlineArea(models.Model):
    _name = "hotline.area"
    _description = "Administrative Division"
    _parent_store = True
    _order = "complete_name"
    _rec_names_search = ["complete_name", "code"]

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True, help="The division code (GB/T 2260 style).")
    level = fields.Selection(AREA_LEVELS, required=True, default="district")
    parent_id = fields.Many2one("hotline.area", string="Parent Division", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("hotline.area", "parent_id", string="Subdivisions")
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    active = fields.Boolean(default=True)
    site_manager_id = fields.Many2one(
        "res.users",
        string="Site Manager",
        domain="[('share', '=', False)]",
        help="The manager in charge of this place (e.g. of a highway service area): the first responsible person "
        "of its complaints, assigned and told first when an order about it is dispatched.",
    )

    _sql_constraints = [("code_unique", "unique(code)", "A division code is used once.")]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for area in self:
            area.complete_name = f"{area.parent_id.complete_name} / {area.name}" if area.parent_id else area.name or ""

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A division cannot contain itself."))

    @api.constrains("site_manager_id")
    def _check_site_manager(self):
        if self.filtered(lambda a: a.site_manager_id.share):
            raise ValidationError(self.env._("The site manager is an internal user."))

    def _hotline_site_manager(self):
        """The site manager of this place, or of the nearest enclosing one."""
        area = self.sudo()[:1]
        while area:
            if area.site_manager_id:
                return area.site_manager_id
            area = area.parent_id
        return self.env["res.users"]

    def _lineage_ids(self):
        self.ensure_one()
        return [int(i) for i in (self.parent_path or "").split("/") if i]
