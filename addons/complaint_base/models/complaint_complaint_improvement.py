"""The complaint's side of recurring complaints (反复投诉) and improvement
actions: the recurring groups, counted with one grouped query per company
and key, and the one-click improvement action from a complaint."""

import logging

from odoo import api, fields, models

from ..engine.recurring import clean_key_fields, is_recurring, make_key, window_start
from ..plugins import call_hook
from .complaint_improvement import CLOSED_IMPROVEMENT_STATES

_logger = logging.getLogger(__name__)


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    improvement_ids = fields.Many2many(
        "complaint.improvement",
        "complaint_improvement_complaint_rel",
        "complaint_id",
        "improvement_id",
        string="Improvement Actions",
        copy=False,
        groups="complaint_base.group_complaint_user_own",
    )
    improvement_count = fields.Integer(
        compute="_compute_improvement_count",
        string="Improvement Action Count",
        groups="complaint_base.group_complaint_user_own",
    )

    def _compute_improvement_count(self):
        counts = (
            dict(
                self.env["complaint.improvement"]._read_group(
                    [("complaint_ids", "in", self.ids)], ["complaint_ids"], ["__count"]
                )
            )
            if self.ids
            else {}
        )
        for complaint in self:
            complaint.improvement_count = counts.get(complaint, 0)

    # --- the recurring key ----------------------------------------------------
    @api.model
    def _recurring_key_fields(self, sector):
        """The fields whose equal values make complaints of ``sector`` one
        recurring group, as the plugins choose them."""
        names = call_hook("complaint_recurring_key", self._installed_complaint_addons(), sector=sector or None)
        types = {
            name: field.type
            for name, field in self._fields.items()
            if field.store and field.column_type and name not in ("id", "company_id")
        }
        chosen = clean_key_fields(names, types)
        if names and chosen != list(names):
            _logger.warning("recurring key %s of sector %s: unusable fields left out", names, sector)
        return tuple(chosen)

    @api.model
    def _recurring_key_specs(self):
        """{key fields: [sectors]}: the sectors sharing each key, so that one
        grouped query counts them all."""
        sectors = [value for value, __ in self._fields["sector"]._description_selection(self.env)]
        specs = {}
        for sector in [*sectors, False]:
            specs.setdefault(self._recurring_key_fields(sector), []).append(sector)
        return specs

    def _recurring_key(self):
        """The key of this complaint's recurring group (False when its first
        key field is empty)."""
        self.ensure_one()
        names = self._recurring_key_fields(self.sector)
        if not self[names[0]]:
            return False
        return make_key(self.company_id.id, [(name, self._key_value(self[name])) for name in names])

    @staticmethod
    def _key_value(value):
        if isinstance(value, models.BaseModel):
            return value.id or False
        return value if value not in (None, "") else False

    def _key_label(self, names, values):
        parts = []
        for name, value in zip(names, values, strict=True):
            field = self._fields[name]
            if isinstance(value, models.BaseModel):
                parts.append(value.display_name if value else self.env._("(none)"))
            elif field.type == "selection" and value:
                parts.append(dict(field._description_selection(self.env)).get(value, value))
            elif field.type == "boolean":
                parts.append(field._description_string(self.env) if value else self.env._("(none)"))
            else:
                parts.append(str(value) if value not in (False, None, "") else self.env._("(none)"))
        return " / ".join(parts)

    @api.model
    def _recurring_groups(self, domain=None, threshold=None, window_days=None, company=None, date_to=None):
        """The recurring complaint groups: complaints of one company with the
        same key (category and respondent by default; a sector's plugin
        chooses its fields) received within the window, at least
        ``threshold`` of them.  Threshold and window default to the
        company's Settings.  Largest group first; each group a dict with
        ``key``, ``label``, ``category_id``, ``respondent_id``, ``count``,
        ``complaint_ids``, ``date_first``, ``date_last``, ``improvement_id``
        (the latest improvement action of the group, not cancelled).

        Counted with one grouped query per company and key, as the caller's
        rights allow (record rules apply); cancelled and invalid complaints
        do not count.  The window ends now, or at ``date_to`` (UTC) for a
        past period (a report)."""
        companies = company or self.env.companies
        now = date_to or fields.Datetime.now()
        specs = self._recurring_key_specs()
        groups = []
        for each in companies:
            limit = threshold if threshold is not None else each.complaint_recurring_threshold
            days = window_days if window_days is not None else each.complaint_recurring_window_days
            base = [
                ("company_id", "=", each.id),
                ("state", "!=", "cancelled"),
                ("validity", "!=", "invalid"),
                ("date_received", ">=", window_start(now, int(days))),
                ("date_received", "<=", now),
                *(domain or []),
            ]
            for names, sectors in specs.items():
                spec_domain = [*base, (names[0], "!=", False)]
                if len(specs) > 1:
                    spec_domain.append(("sector", "in", sectors))
                rows = self._read_group(
                    spec_domain,
                    list(names),
                    ["__count", "id:array_agg", "date_received:min", "date_received:max"],
                    having=[("__count", ">=", max(int(limit), 2))],
                )
                for *values, count, ids, first, last in rows:
                    if not is_recurring(count, limit):
                        continue
                    pairs = [(name, self._key_value(value)) for name, value in zip(names, values, strict=True)]
                    by_name = dict(pairs)
                    groups.append(
                        {
                            "key": make_key(each.id, pairs),
                            "label": self._key_label(names, values),
                            "category_id": by_name.get("category_id", False),
                            "respondent_id": by_name.get("respondent_partner_id", False),
                            "count": count,
                            "complaint_ids": sorted(ids),
                            "date_first": first,
                            "date_last": last,
                            "improvement_id": False,
                            "company_id": each.id,
                        }
                    )
        self._recurring_link_improvements(groups)
        groups.sort(key=lambda g: (-g["count"], -(g["date_last"].timestamp() if g["date_last"] else 0), g["key"]))
        return groups

    @api.model
    def _recurring_link_improvements(self, groups):
        """Fill in the improvement action of each group: the open one, else the
        latest closed one."""
        Improvement = self.env["complaint.improvement"]
        if not groups or not Improvement.has_access("read"):
            return
        actions = Improvement.search(
            [("recurring_key", "in", [g["key"] for g in groups]), ("state", "!=", "cancel")], order="id desc"
        )
        best = {}
        for action in actions:
            current = best.get(action.recurring_key)
            if current is None or (
                current.state in CLOSED_IMPROVEMENT_STATES and action.state not in CLOSED_IMPROVEMENT_STATES
            ):
                best[action.recurring_key] = action
        for group in groups:
            group["improvement_id"] = best[group["key"]].id if group["key"] in best else False

    # --- improvement actions from complaints ------------------------------------
    def action_open_improvement(self):
        """Open the improvement action of these complaints (one click from the
        form or the list): the running one they belong to, else a new one fed
        by their root cause and corrective / preventive actions."""
        Improvement = self.env["complaint.improvement"]
        Improvement._check_improvement_manager()
        self.check_access("read")
        if not self:
            return False
        running = self.sudo().improvement_ids.filtered(lambda a: a.state not in CLOSED_IMPROVEMENT_STATES)
        if running and len(self) == 1:
            return running.sorted("id", reverse=True)[0]._form_action()
        key = self[0]._recurring_key() if len(self) == 1 else None
        if len(self) > 1:
            keys = {complaint._recurring_key() for complaint in self}
            key = keys.pop() if len(keys) == 1 else False
        return Improvement._open_from_complaints(self, key=key)._form_action()

    def action_view_improvements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_base.complaint_improvement_action")
        action.update(domain=[("complaint_ids", "in", self.ids)], context={"create": False})
        return action
