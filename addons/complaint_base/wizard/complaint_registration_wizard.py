from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import format_amount, formatLang

from ..engine import intake as intake_engine

# what the read-back always reads, and the sector's declared fields next to it
READ_BACK_FIELDS = (
    "contact_name",
    "contact_phone",
    "contact_email",
    "partner_id",
    "is_anonymous",
    "subject",
    "description",
    "customer_demand",
    "channel_id",
    "date_received",
    "respondent_description",
)
# a value the clerk has not given yet, in a sentence that needs one
EMPTY = "—"


class ComplaintRegistrationWizard(models.TransientModel):
    """The registration form (登记表) a clerk fills while the complainant is on
    the phone or at the desk: it reads the record back for confirmation and
    warns about earlier complaints of the same person before saving."""

    _name = "complaint.registration.wizard"
    _description = "Register a Complaint"

    def _default_channel(self):
        return self.env.ref("complaint_base.complaint_channel_phone", raise_if_not_found=False)

    channel_id = fields.Many2one("complaint.channel", required=True, default=_default_channel)
    date_received = fields.Datetime(string="Received On", required=True, default=fields.Datetime.now)
    is_anonymous = fields.Boolean(string="Anonymous")
    partner_id = fields.Many2one("res.partner", string="Existing Contact")
    contact_name = fields.Char(string="Name")
    contact_phone = fields.Char(string="Phone")
    contact_email = fields.Char(string="E-mail")
    subject = fields.Char(required=True)
    description = fields.Text(string="What Happened", help="Who, when, where, what, in the complainant's words.")
    customer_demand = fields.Text(string="Remedy Sought")
    category_id = fields.Many2one("complaint.category")
    severity = fields.Selection(
        [("general", "General"), ("major", "Major"), ("critical", "Critical")], required=True, default="general"
    )
    respondent_description = fields.Char(string="Complained About")
    team_id = fields.Many2one("complaint.team")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    read_back = fields.Html(compute="_compute_read_back", sanitize=True)
    duplicate_ids = fields.Many2many(
        "complaint.complaint", compute="_compute_duplicate_ids", string="Earlier Complaints"
    )
    read_back_confirmed = fields.Boolean(string="Read Back and Confirmed by the Complainant")

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.contact_name = self.partner_id.name
            self.contact_phone = self.partner_id.phone or self.partner_id.mobile
            self.contact_email = self.partner_id.email

    def _read_back_depends(self):
        return [*READ_BACK_FIELDS, *self._declared_field_names()]

    @api.depends(lambda self: self._read_back_depends())
    def _compute_read_back(self):
        for wizard in self:
            lines = wizard._read_back_lines()
            wizard.read_back = Markup("").join(Markup("<p>%s</p>") % escape(line) for line in lines)

    def _read_back_lines(self):
        """The record as the clerk reads it to the complainant: what is given,
        in their words; the time in the clerk's time zone without seconds.
        Nothing is read for what is not given (a dash where the sentence needs
        a value not yet typed)."""
        self.ensure_one()
        _ = self.env._
        if self.is_anonymous:
            who = _("an anonymous complainant")
        else:
            who = self.contact_name or self.partner_id.name or EMPTY
        company = self.company_id or self.env.company
        lines = [
            _(
                "On %(date)s, through %(channel)s, %(who)s complains about: %(subject)s.",
                date=company._complaint_format_datetime(
                    self.date_received, dt_format="minutes", tz=self.env.user.tz, lang_code=self.env.lang
                )
                or EMPTY,
                channel=self.channel_id.name or EMPTY,
                who=who,
                subject=self.subject or EMPTY,
            ),
        ]
        if self.description:
            lines.append(_("What happened: %s", self.description))
        if self.respondent_description:
            lines.append(_("Complained about: %s", self.respondent_description))
        for name in self._declared_field_names():
            value = self._read_back_value(name)
            if value:
                label = self._fields[name]._description_string(self.env)
                lines.append(_("%(label)s: %(value)s", label=label, value=value))
        if self.customer_demand:
            lines.append(_("You ask for: %s", self.customer_demand))
        if not self.is_anonymous and (self.contact_phone or self.contact_email):
            lines.append(
                _(
                    "We will answer you at: %s",
                    " / ".join(filter(None, [self.contact_phone, self.contact_email])),
                )
            )
        lines.append(_("Is this correct?"))
        return lines

    def _read_back_value(self, name):
        """A declared field's value as it is read out; empty when not given."""
        field = self._fields[name]
        value = self[name]
        if not value:
            return ""
        if field.type == "many2one":
            return value.display_name
        if field.type == "boolean":
            return self.env._("Yes")
        if field.type == "monetary":
            currency = self[field.get_currency_field(self)] or self.company_id.currency_id
            return format_amount(self.env, value, currency)
        if field.type == "float":
            return formatLang(self.env, value)
        return str(value)

    @api.depends("partner_id", "contact_phone", "contact_email", "subject", "category_id", "is_anonymous")
    def _compute_duplicate_ids(self):
        Complaint = self.env["complaint.complaint"]
        for wizard in self:
            if wizard.is_anonymous or not wizard.subject:
                wizard.duplicate_ids = False
                continue
            found = Complaint._repeat_candidates(
                wizard.partner_id,
                wizard.contact_phone,
                wizard.contact_email,
                wizard.subject,
                wizard.category_id,
                wizard.company_id,
            )
            # show only what the clerk may read
            wizard.duplicate_ids = Complaint.search([("id", "in", found.ids)])

    @api.model
    def _declared_field_names(self):
        """The wizard's fields that sectors declare as intake fields (the
        courier's waybill, outlet...), in their declared order."""
        declarations = self.env["complaint.complaint"]._intake_declarations()
        return [
            decl["name"]
            for decl in intake_engine.offered(declarations, "wizard", sector_only=True)
            if decl["name"] in self._fields
        ]

    def _declared_values(self):
        """The values of the intake fields sectors declare for the wizard and
        add to it (an addon inheriting this wizard with the same field names):
        they pass through to the complaint as they are."""
        values = {}
        for decl in self.env["complaint.intake"]._offered("wizard", sector_only=True):
            if decl["name"] not in self._fields:
                continue
            value = self[decl["name"]]
            values[decl["name"]] = value.id if isinstance(value, models.BaseModel) else value
        return values

    def action_register(self):
        self.ensure_one()
        Intake = self.env["complaint.intake"]
        complaint = Intake._create_complaints(
            [
                {
                    "channel_id": self.channel_id.id,
                    "date_received": self.date_received,
                    "is_anonymous": self.is_anonymous,
                    "partner_id": self.partner_id.id if not self.is_anonymous else False,
                    "contact_name": self.contact_name if not self.is_anonymous else False,
                    "contact_phone": self.contact_phone if not self.is_anonymous else False,
                    "contact_email": self.contact_email if not self.is_anonymous else False,
                    "subject": self.subject,
                    "description": Intake._clean_html(Markup("<p>%s</p>") % self.description, is_html=True)[0]
                    if self.description
                    else False,
                    "customer_demand": self.customer_demand,
                    "category_id": self.category_id.id,
                    "severity": self.severity,
                    "respondent_description": self.respondent_description,
                    "team_id": self.team_id.id or False,
                    "company_id": self.company_id.id,
                    **self._declared_values(),
                }
            ]
        )
        if self.read_back_confirmed:
            complaint.message_post(
                body=self.env._("Record read back to the complainant and confirmed.")
                + Markup("<br/>")
                + self.read_back,
                subtype_xmlid="mail.mt_note",
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "complaint.complaint",
            "res_id": complaint.id,
            "view_mode": "form",
            "target": "current",
        }
