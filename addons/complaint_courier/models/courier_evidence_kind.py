from odoo import fields, models


class CourierEvidenceKind(models.Model):
    _name = "courier.evidence.kind"
    _description = "Courier Complaint Evidence Kind"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="surname, employee_id, landline, recording or message.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "Each evidence kind needs its own code.")]
