from odoo import models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

RESOLVE_OVERRIDE = "complaint_resolve_override"


class ComplaintComplaint(models.Model):
    """A complaint is resolved once it is judged and answered: its validity is
    decided and its resolution written. A complaint manager may resolve it
    anyway, with a reason (complaint.resolve.wizard posts it)."""

    _inherit = "complaint.complaint"

    def _resolution_missing(self, vals=None):
        """{complaint: message} for the complaints that may not be resolved
        with ``vals`` written on them."""
        vals = vals or {}
        missing = {}
        for complaint in self:
            validity = vals.get("validity", complaint.validity)
            resolution = vals.get("resolution", complaint.resolution)
            undecided = not validity or validity == "pending"
            empty = is_html_empty(resolution or "")
            if undecided and empty:
                message = self.env._(
                    "%(ref)s cannot be resolved yet: decide whether the complaint is valid, "
                    "and write the resolution given to the complainant.",
                    ref=complaint.name,
                )
            elif undecided:
                message = self.env._(
                    "%(ref)s cannot be resolved yet: decide whether the complaint is valid (Investigation tab).",
                    ref=complaint.name,
                )
            elif empty:
                message = self.env._(
                    "%(ref)s cannot be resolved yet: write the resolution given to the complainant.",
                    ref=complaint.name,
                )
            else:
                continue
            missing[complaint] = message
        return missing

    def _resolve_override_allowed(self):
        return bool(self.env.context.get(RESOLVE_OVERRIDE)) and (
            self.env.su or self.env.user.has_group("complaint_base.group_complaint_manager")
        )

    def _check_resolvable(self, vals):
        if not vals.get("stage_id") or self._resolve_override_allowed():
            return
        if self.env["complaint.stage"].browse(vals["stage_id"]).state != "resolved":
            return
        missing = self.filtered(lambda c: c.state != "resolved")._resolution_missing(vals)
        if missing:
            raise UserError("\n".join(missing.values()))

    def write(self, vals):
        # any channel (button, drag in the kanban, import, RPC) that moves a
        # complaint into a resolved stage
        self._check_resolvable(vals)
        return super().write(vals)

    def action_resolve(self):
        missing = self._resolution_missing()
        if missing and not self._resolve_override_allowed():
            if len(self) == 1 and self.env.user.has_group("complaint_base.group_complaint_manager"):
                self.check_access("write")
                return {
                    "type": "ir.actions.act_window",
                    "name": self.env._("Resolve Anyway"),
                    "res_model": "complaint.resolve.wizard",
                    "view_mode": "form",
                    "views": [(False, "form")],
                    "target": "new",
                    "context": {"default_complaint_id": self.id},
                }
            raise UserError("\n".join(missing.values()))
        return super().action_resolve()
