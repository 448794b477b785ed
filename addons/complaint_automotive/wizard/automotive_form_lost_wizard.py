from odoo import api, fields, models


class AutomotiveFormLostWizard(models.TransientModel):
    _name = "automotive.form.lost.wizard"
    _description = "Record a Lost Complaint Form"

    complaint_id = fields.Many2one("complaint.complaint", string="Complaint", required=True, readonly=True)
    user_ids = fields.Many2many(
        "res.users",
        string="Participants",
        compute="_compute_user_ids",
        store=True,
        readonly=False,
        domain="[('share', '=', False)]",
        help="Everyone who took part in resolving the complaint pays the fine for the lost form: proposed from the "
        "handler, who signed for it, who assigned it, and who wrote on it or had an activity on it.",
    )
    note = fields.Text(string="What Happened")
    rule_id = fields.Many2one("complaint.penalty.rule", string="Fine Rule", compute="_compute_rule_id")
    amount = fields.Monetary(related="rule_id.amount", string="Fine per Participant")
    currency_id = fields.Many2one(related="rule_id.currency_id")

    @api.depends("complaint_id")
    def _compute_user_ids(self):
        for wizard in self:
            wizard.user_ids = wizard.complaint_id._automotive_form_participants() if wizard.complaint_id else False

    @api.depends("complaint_id")
    def _compute_rule_id(self):
        Rule = self.env["complaint.penalty.rule"].sudo()
        for wizard in self:
            wizard.rule_id = Rule.search(
                [("code", "=", "AUTO-LOST"), ("company_id", "=", wizard.complaint_id.company_id.id)], limit=1
            )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            wizard.complaint_id._automotive_check_form_lost()
        return wizards

    def action_confirm(self):
        self.ensure_one()
        self.complaint_id.action_automotive_record_form_lost(self.user_ids.ids, self.note)
        return {"type": "ir.actions.act_window_close"}
