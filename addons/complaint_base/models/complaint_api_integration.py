import hashlib
import hmac
import secrets

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

KEY_PREFIX = "cpk_"


def hash_api_key(key):
    """The stored form of an API key.

    Keys are 256-bit random tokens, so a plain SHA-256 is as safe as a slow
    password hash here and keeps the check cheap on every request."""
    return hashlib.sha256(key.encode()).hexdigest()


class ComplaintApiIntegration(models.Model):
    _name = "complaint.api.integration"
    _description = "API Integration"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True, help="The external system, e.g. the manufacturer's DMS.")
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short technical name, stored on each complaint as its external system: external references "
        "are unique per system.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    user_id = fields.Many2one(
        "res.users",
        string="Acts As",
        required=True,
        tracking=True,
        ondelete="restrict",
        domain=[("share", "=", False)],
        help="Calls run with this user's access rights: give it the complaint group the integration needs "
        "(usually User: Own Complaints) and nothing more.",
    )
    team_id = fields.Many2one("complaint.team", string="Default Team", help="Team of complaints sent without one.")
    channel_id = fields.Many2one(
        "complaint.channel",
        string="Default Channel",
        default=lambda self: self.env.ref("complaint_base.complaint_channel_system", raise_if_not_found=False),
    )
    key_hash = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system")
    key_hint = fields.Char(
        string="Key", readonly=True, copy=False, help="The first characters of the current key, to recognise it."
    )
    date_key = fields.Datetime(string="Key Issued On", readonly=True, copy=False)
    key_issued_by_id = fields.Many2one("res.users", string="Key Issued By", readonly=True, copy=False)
    complaint_ids = fields.One2many("complaint.complaint", "api_integration_id", string="Complaints")
    complaint_count = fields.Integer(compute="_compute_complaint_count")
    note = fields.Text(help="Contact at the other side, network addresses, anything the next administrator needs.")

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "The code of an integration is used once per company."),
    ]

    def _compute_complaint_count(self):
        counts = dict(
            self.env["complaint.complaint"]
            .with_context(active_test=False)
            ._read_group([("api_integration_id", "in", self.ids)], ["api_integration_id"], ["__count"])
        )
        for integration in self:
            integration.complaint_count = counts.get(integration, 0)

    @api.constrains("code")
    def _check_code(self):
        for integration in self:
            if not integration.code.replace("_", "").replace("-", "").isalnum() or len(integration.code) > 32:
                raise ValidationError(
                    self.env._(
                        "The code %s may only hold letters, digits, '-' and '_' (at most 32 characters).",
                        integration.code,
                    )
                )

    @api.constrains("user_id", "company_id")
    def _check_user(self):
        for integration in self:
            if integration.user_id.share:
                raise ValidationError(self.env._("An integration acts as an internal user, not a portal user."))
            if integration.company_id not in integration.user_id.company_ids:
                raise ValidationError(
                    self.env._(
                        "User %(user)s may not work in %(company)s.",
                        user=integration.user_id.name,
                        company=integration.company_id.name,
                    )
                )

    def action_issue_key(self):
        """Issue a new key (the previous one stops working) and show it once."""
        self.ensure_one()
        if not self.env.user.has_group("base.group_system"):
            raise UserError(self.env._("Only administrators issue API keys."))
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        self.sudo().write(
            {
                "key_hash": hash_api_key(key),
                "key_hint": key[:10] + "…",
                "date_key": fields.Datetime.now(),
                "key_issued_by_id": self.env.uid,
            }
        )
        self.message_post(body=self.env._("A new API key was issued; the previous key no longer works."))
        # the clear key travels only in the action's context, as Odoo's own
        # res.users.apikeys.show does: no row of any table ever holds it
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New API Key"),
            "res_model": "complaint.api.key.wizard",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_key": key, "default_integration_id": self.id},
        }

    def action_revoke_key(self):
        if not self.env.user.has_group("base.group_system"):
            raise UserError(self.env._("Only administrators revoke API keys."))
        self.sudo().write({"key_hash": False, "key_hint": False, "date_key": False})
        for integration in self:
            integration.message_post(body=self.env._("The API key was revoked."))

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_complaint_action")
        action.update(domain=[("api_integration_id", "=", self.id)], context={"create": False})
        return action

    @api.model
    def _find_by_key(self, key):
        """The active integration owning ``key``, or an empty recordset."""
        if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
            return self.browse()
        digest = hash_api_key(key)
        integration = self.sudo().search([("key_hash", "=", digest), ("active", "=", True)], limit=1)
        if integration and hmac.compare_digest(integration.key_hash, digest) and integration.user_id.active:
            return integration
        return self.browse()
