from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import config


class ResConfigSettings(models.TransientModel):
    """Limits of the public edges: the web form and the API keys."""

    _inherit = "res.config.settings"

    complaint_web_limit_per_ip = fields.Integer(
        string="Web Complaints per Address and Hour",
        default=5,
        config_parameter="complaint_base.web_limit_per_ip",
        help="Complaints the public form accepts from one network address in an hour.",
    )
    complaint_web_limit_per_contact = fields.Integer(
        string="Web Complaints per Contact and Hour",
        default=3,
        config_parameter="complaint_base.web_limit_per_contact",
        help="Complaints the public form accepts with the same phone number or e-mail address in an hour.",
    )
    complaint_api_auth_failure_limit = fields.Integer(
        string="Refused API Keys before a Pause",
        default=10,
        config_parameter="complaint_base.api_auth_failure_limit",
        help="After this many calls with a wrong key from one address, the API answers 429 to that address "
        "until the pause is over.",
    )
    complaint_api_auth_window_minutes = fields.Integer(
        string="API Pause (Minutes)",
        default=15,
        config_parameter="complaint_base.api_auth_window_minutes",
        help="Refused keys are counted in windows of this length; a paused address may call again "
        "when its window ends.",
    )
    complaint_proxy_mode = fields.Boolean(
        string="Proxy Mode",
        compute="_compute_complaint_proxy_mode",
        help="Whether Odoo runs with proxy_mode (set in the server configuration file).",
    )

    @api.depends("company_id")
    def _compute_complaint_proxy_mode(self):
        for settings in self:
            settings.complaint_proxy_mode = bool(config.get("proxy_mode"))

    def set_values(self):
        for value, low, high in (
            (self.complaint_web_limit_per_ip, 1, 10000),
            (self.complaint_web_limit_per_contact, 1, 10000),
            (self.complaint_api_auth_failure_limit, 1, 10000),
        ):
            if not low <= value <= high:
                raise ValidationError(
                    self.env._(
                        "A limit of the public form or the API is between %(low)s and %(high)s.", low=low, high=high
                    )
                )
        if not 1 <= self.complaint_api_auth_window_minutes <= 1440:
            raise ValidationError(self.env._("The API pause lasts between 1 and 1440 minutes."))
        super().set_values()
