from odoo import api, fields, models
from odoo.addons.complaint_base.plugins.default import is_valid_phone
from odoo.exceptions import ValidationError

PHONE_PURPOSES = [
    ("service", "Customer Service"),
    ("manager", "Responsible Manager"),
    ("other", "Other"),
]


class CourierOutletPhone(models.Model):
    """A phone number the outlet registered with network management.

    第三条: changes must be reported; the number network management publishes
    is the one that counts.  Numbers are retired, never deleted, so the
    history of who could be reached where stays."""

    _name = "courier.outlet.phone"
    _description = "Registered Outlet Phone Number"
    _order = "outlet_id, active desc, sequence, id"

    outlet_id = fields.Many2one("courier.outlet", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="outlet_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    number = fields.Char(required=True)
    purpose = fields.Selection(PHONE_PURPOSES, required=True, default="service")
    date_reported = fields.Date(
        string="Reported On", default=fields.Date.context_today, help="When network management was told of it."
    )
    active = fields.Boolean(default=True)

    @api.constrains("number")
    def _check_number(self):
        for phone in self:
            if not is_valid_phone(phone.number):
                raise ValidationError(self.env._("The phone number %s is not valid.", phone.number))

    def _complaint_text_env(self):
        self.ensure_one()
        return (self.company_id or self.env.company)._complaint_env()

    @api.model_create_multi
    def create(self, vals_list):
        phones = super().create(vals_list)
        for phone in phones:
            # the outlet's history reads in the company's language, whoever registers the number
            env = phone._complaint_text_env()
            purposes = dict(self._fields["purpose"]._description_selection(env))
            phone.outlet_id.message_post(
                body=env._(
                    "Phone number registered: %(number)s (%(purpose)s).",
                    number=phone.number,
                    purpose=purposes[phone.purpose],
                ),
                subtype_xmlid="mail.mt_note",
            )
        return phones

    def write(self, vals):
        before = {phone.id: (phone.number, phone.active) for phone in self}
        result = super().write(vals)
        for phone in self:
            number, active = before[phone.id]
            if number != phone.number or active != phone.active:
                env = phone._complaint_text_env()
                phone.outlet_id.message_post(
                    body=env._(
                        "Phone number changed: %(old)s → %(new)s%(retired)s.",
                        old=number,
                        new=phone.number,
                        retired=env._(" (retired)") if not phone.active else "",
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return result
