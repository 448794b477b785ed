from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

from ..plugins import call_hook
from ..plugins.default import policy_matches, policy_specificity
from .complaint_complaint import PRIORITIES, SEVERITIES


class ComplaintDeadlinePolicy(models.Model):
    _name = "complaint.deadline.policy"
    _description = "Deadline Policy"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10, help="Among equally specific policies, the lower sequence wins.")
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")
    applies_to = fields.Selection(
        [("complaint", "Complaints"), ("improvement", "Improvement Actions")],
        string="Clocks Run On",
        required=True,
        default="complaint",
        index=True,
        help="Whether the clocks of this policy run on complaints or on improvement actions (8D).",
    )
    source = fields.Char(help="Where the rule comes from (regulation, contract, internal procedure).")
    sector = fields.Selection(
        selection=lambda self: self.env["complaint.team"]._fields["sector"]._description_selection(self.env)
    )
    category_ids = fields.Many2many(
        "complaint.category", string="Categories", help="Matches these categories and their subcategories."
    )
    channel_ids = fields.Many2many("complaint.channel", string="Channels")
    severity = fields.Selection(SEVERITIES)
    priority = fields.Selection(PRIORITIES)
    team_ids = fields.Many2many("complaint.team", string="Teams")
    domain = fields.Char(default="[]", help="Optional extra condition on the complaint.")
    target_ids = fields.One2many("complaint.deadline.target", "policy_id", string="Clocks", copy=True)
    open_clock_count = fields.Integer(compute="_compute_open_clock_count")

    def _owner_model(self):
        """The model whose records the policy's condition is evaluated on."""
        self.ensure_one()
        return "complaint.improvement" if self.applies_to == "improvement" else "complaint.complaint"

    @api.constrains("domain", "applies_to")
    def _check_domain(self):
        for policy in self:
            try:
                domain = safe_eval(policy.domain or "[]")
                self.env[policy._owner_model()].search_count(domain, limit=1)
            except Exception as exc:
                raise ValidationError(
                    self.env._("The condition of policy %(name)s is not valid: %(error)s", name=policy.name, error=exc)
                ) from exc

    def _compute_open_clock_count(self):
        counts = dict(
            self.env["complaint.clock"]._read_group(
                [("policy_id", "in", self.ids), ("state", "in", ("running", "paused", "breached"))],
                ["policy_id"],
                ["__count"],
            )
        )
        for policy in self:
            policy.open_clock_count = counts.get(policy, 0)

    def _as_plugin_dict(self, complaint, domain=None):
        """The policy as plain data for the ``complaint_select_deadline_policies`` hook."""
        self.ensure_one()
        domain = safe_eval(self.domain or "[]") if domain is None else domain
        return {
            "id": self.id,
            "sequence": self.sequence,
            "sector": self.sector or None,
            "category_ids": self.category_ids.ids,
            "channel_codes": self.channel_ids.mapped("code"),
            "severities": [self.severity] if self.severity else [],
            "priorities": [self.priority] if self.priority else [],
            "team_ids": self.team_ids.ids,
            "company_ids": self.company_id.ids,
            "domain_matched": bool(complaint.filtered_domain(domain)) if domain else None,
        }

    def _plugin_dicts_for(self, complaints):
        """The policies as plain data for a batch of complaints: ({policy id:
        data without the condition's result}, {policy id: ids of the
        complaints that meet its condition, or None without a condition})."""
        bases, matched = {}, {}
        for policy in self:
            domain = safe_eval(policy.domain or "[]")
            data = policy._as_plugin_dict(complaints.browse(), domain=domain)
            data.pop("domain_matched", None)
            bases[policy.id] = data
            matched[policy.id] = set(complaints.filtered_domain(domain).ids) if domain else None
        return bases, matched

    def action_recompute_open_clocks(self):
        """Recompute the due times of the open clocks of these policies."""
        self.check_access("write")
        clocks = (
            self.env["complaint.clock"]
            .sudo()
            .search([("policy_id", "in", self.ids), ("state", "in", ("running", "breached"))])
        )
        clocks._recompute_due(from_policy=True)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%s open clocks recomputed.", len(clocks)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _targets_for(self, records, applies_to, plugin_data=None):
        """{record id: {clock kind: target}} of the policies that apply to
        ``records`` (complaints, or another owner of clocks such as
        improvement actions: ``applies_to``), the most specific first.

        The policies are read, and their conditions evaluated, once for the
        batch; the plugins (``complaint_select_deadline_policies``) still
        choose per record.  ``plugin_data``: {record id: plugin dict}, filled
        for the records it lacks."""
        plugin_data = plugin_data if plugin_data is not None else {}
        policies = self.sudo().search(
            [("applies_to", "=", applies_to), ("company_id", "in", [False, *records.company_id.ids])]
        )
        bases, matched = policies._plugin_dicts_for(records)
        addons = records._installed_complaint_addons()
        result = {}
        for record in records:
            data = plugin_data.get(record.id) or record._plugin_data()
            plugin_data[record.id] = data
            candidates = []
            for policy in policies:
                if policy.company_id and policy.company_id != record.company_id:
                    continue
                ids = matched[policy.id]
                candidate = dict(bases[policy.id], domain_matched=None if ids is None else record.id in ids)
                candidate.update(matches=policy_matches(data, candidate), specificity=policy_specificity(candidate))
                candidates.append(candidate)
            chosen = call_hook("complaint_select_deadline_policies", addons, complaint=data, policies=candidates)
            targets = {}
            for choice in chosen or []:
                for target in policies.browse(choice["id"]).target_ids:
                    targets.setdefault(target.kind_id, target)
            result[record.id] = targets
        return result


class ComplaintDeadlineTarget(models.Model):
    _name = "complaint.deadline.target"
    _description = "Deadline Policy Clock"
    _order = "policy_id, sequence, id"

    policy_id = fields.Many2one("complaint.deadline.policy", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    kind_id = fields.Many2one("complaint.clock.kind", string="Clock", required=True, ondelete="restrict")
    amount = fields.Float(
        string="Duration",
        default=1.0,
        help="How long, in the unit; ignored for 'end of the working day' and 'by a time of day'.",
    )
    unit = fields.Selection(
        [
            ("minutes", "Minutes"),
            ("hours", "Hours"),
            ("days", "Days"),
            ("months", "Months"),
            ("working_hours", "Working Hours"),
            ("working_days", "Working Days"),
            ("same_day", "End of the Working Day"),
            ("time_of_day", "By a Time of Day"),
        ],
        required=True,
        default="hours",
    )
    time_of_day = fields.Float(help="For 'by a time of day', e.g. 17:00 for feedback by 17:00 the same day.")
    step_ids = fields.One2many("complaint.escalation.step", "target_id", string="Escalation Ladder", copy=True)

    @api.constrains("amount", "unit", "time_of_day")
    def _check_amount(self):
        for target in self:
            if target.unit in ("same_day", "time_of_day"):
                if target.unit == "time_of_day" and not 0 < target.time_of_day < 24:
                    raise ValidationError(self.env._("Give the time of day between 00:00 and 24:00."))
            elif target.amount <= 0:
                raise ValidationError(self.env._("A deadline needs a positive amount of time."))
            elif target.unit == "months" and target.amount != int(target.amount):
                raise ValidationError(self.env._("Give a whole number of months."))

    @api.depends("kind_id", "amount", "unit")
    def _compute_display_name(self):
        units = dict(self._fields["unit"]._description_selection(self.env))
        for target in self:
            if target.unit == "same_day":
                span = units["same_day"]
            elif target.unit == "time_of_day":
                hours, minutes = divmod(round(target.time_of_day * 60), 60)
                span = f"{units['time_of_day']} {hours:02d}:{minutes:02d}"
            else:
                span = f"{target.amount:g} {units[target.unit]}"
            target.display_name = f"{target.kind_id.name}: {span}"
