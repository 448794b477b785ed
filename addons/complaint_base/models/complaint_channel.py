from odoo import fields, models


class ComplaintChannel(models.Model):
    _name = "complaint.channel"
    _description = "Complaint Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical code used by imports, the API and deadline policies.",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each channel needs its own code."),
    ]
