from contextvars import ContextVar

from odoo import models

# the defaults found for each set of given field names, during one create()
_DEFAULTS = ContextVar("complaint_batch_defaults", default=None)


class ComplaintBatchCreateMixin(models.AbstractModel):
    """Rows the engine writes by the thousand in one ``create(vals_list)``
    (deadline clocks and their history): every row of a batch names the same
    fields, so their defaults are looked up once per batch instead of once
    per row. Only for models whose defaults do not depend on the row."""

    _name = "complaint.batch.create.mixin"
    _description = "Batch-Created Complaint Rows"

    def _prepare_create_values(self, vals_list):
        token = _DEFAULTS.set({})
        try:
            return super()._prepare_create_values(vals_list)
        finally:
            _DEFAULTS.reset(token)

    def _add_missing_default_values(self, values):
        memo = _DEFAULTS.get()
        if memo is None or self._inherits:
            return super()._add_missing_default_values(values)
        key = (self._name, frozenset(values))
        defaults = memo.get(key)
        if defaults is None:
            complete = super()._add_missing_default_values(values)
            defaults = {name: value for name, value in complete.items() if name not in values}
            if any(isinstance(value, (list, dict)) for value in defaults.values()):
                return complete  # x2many commands are not shared between rows
            memo[key] = defaults
        return {**defaults, **values}
