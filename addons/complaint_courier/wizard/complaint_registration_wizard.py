from odoo import fields, models


class ComplaintRegistrationWizard(models.TransientModel):
    """The courier's intake fields on the registration form; the base wizard
    passes the declared fields through to the complaint by their name."""

    _inherit = "complaint.registration.wizard"

    courier_waybill = fields.Char(string="Waybill Number(s)", help="One or several, separated by spaces or commas.")
    courier_outlet_id = fields.Many2one(
        "courier.outlet",
        string="Outlet",
        domain="[('company_id', 'in', (company_id, False))]",
        help="The outlet complained about.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    courier_item_value = fields.Monetary(string="Item Value", currency_field="currency_id")
    courier_insured = fields.Boolean(string="Insured")
