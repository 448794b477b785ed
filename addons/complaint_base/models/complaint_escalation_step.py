from odoo import api, fields, models
from odoo.exceptions import ValidationError

ESCALATION_ACTIONS = [
    ("notify", "Notify"),
    ("reassign", "Reassign"),
    ("raise_priority", "Raise Priority"),
    ("activity", "Schedule an Activity"),
    ("supervise", "Put on the Supervision List"),
    ("fine", "Levy a Fine"),
]
ESCALATION_TARGETS = [
    ("handler", "Handler"),
    ("team_leader", "Team Leader"),
    ("team_role", "Team Role"),
    ("user", "A User"),
    ("group", "A Group"),
]


class ComplaintEscalationStep(models.Model):
    _name = "complaint.escalation.step"
    _description = "Escalation Step"
    _order = "target_id, sequence, id"

    target_id = fields.Many2one("complaint.deadline.target", required=True, ondelete="cascade", index=True)
    policy_id = fields.Many2one(related="target_id.policy_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    threshold = fields.Selection(
        [
            ("percent", "% of the Time Elapsed"),
            ("before_due", "Before the Due Time"),
            ("after_due", "After the Due Time"),
        ],
        required=True,
        default="after_due",
    )
    threshold_value = fields.Float(default=0.0, help="Percentage, or the time before/after the due time.")
    threshold_unit = fields.Selection(
        [
            ("minutes", "Minutes"),
            ("hours", "Hours"),
            ("days", "Days"),
            ("working_hours", "Working Hours"),
            ("working_days", "Working Days"),
        ],
        default="hours",
    )
    action = fields.Selection(ESCALATION_ACTIONS, required=True, default="notify")
    recipient = fields.Selection(
        ESCALATION_TARGETS,
        default="team_leader",
        help="Who is notified, gets the activity or the complaint (notify, activity, reassign).",
    )
    role_code = fields.Char(string="Role", help="Code of the team role, e.g. sales_director.")
    user_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    group_id = fields.Many2one("res.groups")
    activity_type_id = fields.Many2one("mail.activity.type")
    activity_summary = fields.Char(translate=True)
    penalty_rule_ids = fields.Many2many("complaint.penalty.rule", string="Fines")

    @api.constrains("threshold", "threshold_value", "threshold_unit", "action", "recipient", "role_code", "user_id")
    def _check_step(self):
        for step in self:
            if step.threshold == "percent" and not 0 < step.threshold_value <= 100:
                raise ValidationError(self.env._("A percentage threshold is between 0 and 100."))
            if step.threshold != "percent" and step.threshold_value < 0:
                raise ValidationError(self.env._("A time threshold cannot be negative."))
            if step.threshold == "before_due" and step.threshold_unit == "working_days":
                raise ValidationError(self.env._("Before the due time, count in working hours rather than days."))
            if step.action in ("notify", "reassign", "activity"):
                if step.recipient == "team_role" and not step.role_code:
                    raise ValidationError(self.env._("Step %s needs the role to address.", step.name))
                if step.recipient == "user" and not step.user_id:
                    raise ValidationError(self.env._("Step %s needs the user to address.", step.name))
                if step.recipient == "group" and (step.action != "notify" or not step.group_id):
                    raise ValidationError(self.env._("Only notifications go to a group, and they need the group."))
            if step.action == "fine" and not step.penalty_rule_ids:
                raise ValidationError(self.env._("Step %s levies a fine: choose the fine rules.", step.name))

    def _as_plugin_dict(self):
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "threshold": self.threshold,
            "threshold_value": self.threshold_value,
            "threshold_unit": self.threshold_unit,
            "actions": [
                {
                    "action": self.action,
                    "recipient": self.recipient,
                    "role_code": self.role_code,
                    "user_id": self.user_id.id,
                    "group_id": self.group_id.id,
                    "rule_codes": self.penalty_rule_ids.mapped("code"),
                }
            ],
        }
