from odoo import api, fields, models
from odoo.exceptions import ValidationError

REPEAT_WINDOW = "complaint_base.repeat_window_days"
REPEAT_SIMILARITY = "complaint_base.repeat_similarity"
REPEAT_RAISE = "complaint_base.repeat_raise_severity"


class ResConfigSettings(models.TransientModel):
    """Settings a complaint administrator reads without the system parameters:
    repeat detection, the public form's address and an example reference."""

    _inherit = "res.config.settings"

    complaint_reference_example = fields.Char(
        string="Example Reference",
        compute="_compute_complaint_reference_example",
        help="A complaint reference as the prefix, year, separator and digits above give it.",
    )
    complaint_repeat_window_days = fields.Integer(
        string="Repeat Window (Days)",
        default=30,
        help="A complaint from the same complainant within this many days of an earlier one is checked for a repeat.",
    )
    complaint_repeat_similarity = fields.Integer(
        string="Subject Similarity (%)",
        default=30,
        help="How alike the subjects must be (same category or at least this share of shared words) "
        "for the complaint to count as a repeat.",
    )
    complaint_repeat_raise_severity = fields.Boolean(
        string="Raise the Severity of Repeats",
        default=True,
        help="A repeated complaint is raised one severity level.",
    )
    complaint_public_form_url = fields.Char(
        string="Public Complaint Form",
        compute="_compute_complaint_public_form_url",
        help="The page where citizens and customers register a complaint without an account.",
    )

    @api.depends("complaint_reference_pattern", "complaint_reference_padding")
    def _compute_complaint_reference_example(self):
        sequence = self._complaint_sequence()
        for settings in self:
            example = ""
            if sequence:
                probe = sequence.new(
                    {
                        "name": sequence.name,
                        "prefix": settings.complaint_reference_pattern or False,
                        "suffix": sequence.suffix,
                        "padding": settings.complaint_reference_padding or sequence.padding,
                    }
                )
                try:
                    prefix, suffix = probe._get_prefix_suffix()
                except (KeyError, ValueError, TypeError):
                    example = self.env._("(the prefix is not valid)")
                else:
                    padding = max(1, settings.complaint_reference_padding or sequence.padding or 1)
                    example = f"{prefix}{1:0{padding}d}{suffix}"
            settings.complaint_reference_example = example

    @api.depends("company_id")
    def _compute_complaint_public_form_url(self):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url") or ""
        for settings in self:
            settings.complaint_public_form_url = f"{base_url.rstrip('/')}/complaint/new"

    @api.model
    def get_values(self):
        res = super().get_values()
        window, similarity, raise_severity = self.env["complaint.complaint"]._repeat_settings()
        res.update(
            complaint_repeat_window_days=window,
            complaint_repeat_similarity=round(similarity * 100),
            complaint_repeat_raise_severity=raise_severity,
        )
        return res

    def set_values(self):
        if not 1 <= self.complaint_repeat_window_days <= 3650:
            raise ValidationError(self.env._("The repeat window is between 1 and 3650 days."))
        if not 1 <= self.complaint_repeat_similarity <= 100:
            raise ValidationError(self.env._("The subject similarity is between 1 % and 100 %."))
        super().set_values()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(REPEAT_WINDOW, str(self.complaint_repeat_window_days))
        params.set_param(REPEAT_SIMILARITY, str(self.complaint_repeat_similarity / 100))
        # written out (not deleted when off): an absent parameter means "raise"
        params.set_param(REPEAT_RAISE, "True" if self.complaint_repeat_raise_severity else "False")
