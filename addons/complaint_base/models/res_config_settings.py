from odoo import api, fields, models
from odoo.exceptions import ValidationError

SEQUENCE_CODE = "complaint.complaint"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    complaint_reference_prefix = fields.Char(
        string="Reference Prefix",
        help="Prefix of new complaint references. %(year)s is replaced by the year, "
        "e.g. TS%(year)s- gives TS2026-000123.",
    )
    complaint_reference_padding = fields.Integer(string="Reference Digits", default=6)
    complaint_default_team_id = fields.Many2one(
        "complaint.team",
        string="Default Team",
        config_parameter="complaint_base.default_team_id",
        help="Team of complaints registered without one (web form, e-mail, API).",
    )
    complaint_allow_anonymous = fields.Boolean(
        string="Accept Anonymous Complaints",
        config_parameter="complaint_base.allow_anonymous",
        help="Anonymous complaints are accepted and handled with the same care.",
    )

    def _complaint_sequence(self):
        return (
            self.env["ir.sequence"]
            .sudo()
            .search([("code", "=", SEQUENCE_CODE), ("company_id", "in", (self.env.company.id, False))], limit=1)
        )

    @api.model
    def get_values(self):
        res = super().get_values()
        sequence = self._complaint_sequence()
        res.update(
            complaint_reference_prefix=sequence.prefix or "",
            complaint_reference_padding=sequence.padding or 6,
        )
        return res

    def set_values(self):
        super().set_values()
        sequence = self._complaint_sequence()
        if sequence and (
            sequence.prefix != (self.complaint_reference_prefix or False)
            or sequence.padding != self.complaint_reference_padding
        ):
            if not 3 <= self.complaint_reference_padding <= 12:
                raise ValidationError(self.env._("A complaint reference has between 3 and 12 digits."))
            sequence.write({"prefix": self.complaint_reference_prefix, "padding": self.complaint_reference_padding})
            try:
                sequence._get_prefix_suffix()
            except (KeyError, ValueError, TypeError) as exc:
                raise ValidationError(
                    self.env._(
                        "The reference prefix %(prefix)s is not valid: use only placeholders such as "
                        "%%(year)s, %%(y)s, %%(month)s or %%(day)s.",
                        prefix=self.complaint_reference_prefix,
                    )
                ) from exc
