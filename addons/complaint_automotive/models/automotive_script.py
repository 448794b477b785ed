from odoo import api, fields, models
from odoo.exceptions import UserError


class AutomotiveScript(models.Model):
    _name = "automotive.script"
    _description = "Standard Answer (话术)"
    _order = "sequence, id"

    name = fields.Char(string="Topic", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category_id = fields.Many2one(
        "complaint.category",
        string="Complaint Type",
        index=True,
        help="Offered on complaints of this type (and its subtypes). Empty: offered on every dealer complaint.",
    )
    body = fields.Html(string="Text", required=True, translate=True, sanitize=True)
    company_id = fields.Many2one("res.company", help="Empty: shared by every company.")

    @api.model
    def _for_complaint(self, complaint):
        """The active scripts offered on ``complaint``: those of its type or
        an ancestor type, then the general ones."""
        lineage = [int(i) for i in (complaint.category_id.parent_path or "").split("/") if i]
        return self.search(
            [
                ("category_id", "in", [False, *lineage]),
                ("company_id", "in", [False, complaint.company_id.id]),
            ]
        )

    def action_compose_message(self):
        """Open the chatter composer of the complaint in the context with this
        script's text as the body (the handler edits it before sending)."""
        self.ensure_one()
        complaint_id = self.env.context.get("automotive_complaint_id")
        complaint = self.env["complaint.complaint"].browse(complaint_id).exists()
        if not complaint:
            raise UserError(self.env._("Open the standard answer from a complaint to insert it into a message."))
        complaint.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reply with a Standard Answer"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "complaint.complaint",
                "default_res_ids": complaint.ids,
                "default_composition_mode": "comment",
                "default_message_type": "comment",
                "default_subtype_xmlid": "mail.mt_comment",
                "default_body": self.with_context(lang=self.env.lang).body,
            },
        }
