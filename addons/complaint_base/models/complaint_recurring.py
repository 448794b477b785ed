"""The list of recurring complaints (反复投诉) a manager opens: the groups of
``complaint.complaint._recurring_groups`` as rows of the user's own, built
anew each time the list is opened."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class ComplaintRecurring(models.TransientModel):
    _name = "complaint.recurring"
    _description = "Recurring Complaint Group"
    _order = "complaint_count desc, date_last desc, id"
    _rec_name = "label"

    company_id = fields.Many2one("res.company", readonly=True)
    key = fields.Char(readonly=True)
    label = fields.Char(string="Group", readonly=True)
    category_id = fields.Many2one("complaint.category", string="Category", readonly=True)
    respondent_id = fields.Many2one("res.partner", string="Respondent", readonly=True)
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    complaint_ids = fields.Many2many("complaint.complaint", string="Complaints in the Group", readonly=True)
    date_first = fields.Datetime(string="First Received", readonly=True)
    date_last = fields.Datetime(string="Last Received", readonly=True)
    improvement_id = fields.Many2one("complaint.improvement", string="Improvement Action", readonly=True)
    improvement_state = fields.Selection(related="improvement_id.state", string="Action Status")

    @api.model
    def action_refresh(self):
        """Count the recurring complaints again (as the user's rights allow)
        and open the list."""
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        groups = self.env["complaint.complaint"]._recurring_groups()
        self.create(
            [
                {
                    "company_id": group["company_id"],
                    "key": group["key"],
                    "label": group["label"],
                    "category_id": group["category_id"],
                    "respondent_id": group["respondent_id"],
                    "complaint_count": group["count"],
                    "complaint_ids": [(6, 0, group["complaint_ids"])],
                    "date_first": group["date_first"],
                    "date_last": group["date_last"],
                    "improvement_id": group["improvement_id"],
                }
                for group in groups
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_recurring_action")
        return action

    def action_open_improvement(self):
        """Open the group's improvement action, or start one from its complaints."""
        self.ensure_one()
        Improvement = self.env["complaint.improvement"]
        Improvement._check_improvement_manager()
        if self.improvement_id and self.improvement_id.state not in ("done", "cancel"):
            return self.improvement_id._form_action()
        complaints = self.complaint_ids.exists()
        if not complaints:
            raise UserError(self.env._("The complaints of this group are no longer there; refresh the list."))
        # the row is the user's own and writable: its complaints must be theirs to read
        complaints.check_access("read")
        action = Improvement._open_from_complaints(complaints, key=self.key, label=self.label)
        self.improvement_id = action
        return action._form_action()

    def action_view_complaints(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_complaint_action")
        action.update(domain=[("id", "in", self.complaint_ids.ids)], context={"create": False})
        return action
