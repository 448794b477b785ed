from odoo import fields, models


class ComplaintApiKeyWizard(models.AbstractModel):
    """Shows a new key once.  Like ``res.users.apikeys.show`` it is an
    abstract model: the key comes in the action's context and is never
    written to a table (only its hash is kept, on the integration)."""

    _name = "complaint.api.key.wizard"
    _description = "New API Key"

    # the field 'id' is needed by the form's onchange that returns the defaults
    id = fields.Id()
    integration_id = fields.Many2one("complaint.api.integration", readonly=True)
    key = fields.Char(readonly=True, help="Shown this once: only its hash is kept.")
