from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..plugins.default import is_valid_email, is_valid_phone

PARTY_ROLES = [
    ("complainant", "Complainant"),
    ("respondent", "Respondent"),
    ("witness", "Witness"),
    ("department", "Department"),
    ("other", "Other"),
]


class ComplaintParty(models.Model):
    _name = "complaint.party"
    _description = "Complaint Involved Party"
    _order = "complaint_id, sequence, id"

    complaint_id = fields.Many2one("complaint.complaint", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    role = fields.Selection(PARTY_ROLES, required=True, default="other")
    partner_id = fields.Many2one("res.partner", string="Contact", index=True)
    user_id = fields.Many2one("res.users", string="Employee", help="An internal user involved in the complaint.")
    name = fields.Char(compute="_compute_name", store=True, readonly=False, required=True, precompute=True)
    phone = fields.Char(compute="_compute_name", store=True, readonly=False, precompute=True)
    email = fields.Char(compute="_compute_name", store=True, readonly=False, precompute=True)
    note = fields.Text()

    @api.depends("partner_id", "user_id")
    def _compute_name(self):
        for party in self:
            source = party.partner_id or party.user_id.partner_id
            if source:
                party.name = source.name
                party.phone = source.phone or source.mobile
                party.email = source.email

    @api.constrains("phone", "email")
    def _check_contact_details(self):
        for party in self:
            if party.email and not is_valid_email(party.email):
                raise ValidationError(self.env._("The e-mail address of %s is not valid.", party.name))
            if party.phone and not is_valid_phone(party.phone):
                raise ValidationError(self.env._("The phone number of %s is not valid.", party.name))
