from odoo import api, fields, models
from odoo.exceptions import UserError

STAGE_STATES = [
    ("new", "New"),
    ("acknowledged", "Acknowledged"),
    ("in_progress", "In Progress"),
    ("waiting", "Waiting"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
CLOSED_STATES = ("closed", "cancelled")


class ComplaintStage(models.Model):
    _name = "complaint.stage"
    _description = "Complaint Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(
        STAGE_STATES,
        required=True,
        default="in_progress",
        help="What the stage means to the system. Deadlines, closing and "
        "reopening key on this state, never on the stage name.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    complaint_count = fields.Integer(compute="_compute_complaint_count")

    def _compute_complaint_count(self):
        counts = dict(
            self.env["complaint.complaint"]._read_group([("stage_id", "in", self.ids)], ["stage_id"], ["__count"])
        )
        for stage in self:
            stage.complaint_count = counts.get(stage, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if (
            self.env["complaint.complaint"]
            .with_context(active_test=False)
            .search_count([("stage_id", "in", self.ids)], limit=1)
        ):
            raise UserError(self.env._("A stage that complaints use cannot be deleted; archive it instead."))
