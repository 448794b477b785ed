from random import randint

from odoo import fields, models


class ComplaintTag(models.Model):
    _name = "complaint.tag"
    _description = "Complaint Tag"
    _order = "name"

    def _default_color(self):
        return randint(1, 11)  # noqa: S311 - a colour, not a secret

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(default=_default_color)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "A tag with this name already exists."),
    ]
