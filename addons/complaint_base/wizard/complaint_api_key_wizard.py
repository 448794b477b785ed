from odoo import fields, models


class ComplaintApiKeyWizard(models.TransientModel):
    _name = "complaint.api.key.wizard"
    _description = "New API Key"

    integration_id = fields.Many2one("complaint.api.integration", required=True, readonly=True)
    key = fields.Char(readonly=True, help="Shown this once: only its hash is kept.")

    def action_done(self):
        # the clear key leaves the database as soon as it has been copied
        self.write({"key": False})
        return {"type": "ir.actions.act_window_close"}
