from odoo import models

from ..rules import chain
from ..rules.plugin import SECTOR


class ComplaintClock(models.Model):
    _inherit = "complaint.clock"

    def _recipients(self, action):
        """On a grievance: the team role ``employee_manager_<n>`` is the n-th
        manager up the reporter's chain in ``hr`` (seed 000, 第二条 第二款,
        level by level); the persons named in the grievance are never
        addressed, whatever the step names."""
        complaint = self.complaint_id.sudo()
        if complaint.sector != SECTOR:
            return super()._recipients(action)
        level = chain.level_of(action.get("role_code")) if action.get("recipient") == "team_role" else None
        excluded = complaint.employee_concerned_user_ids
        if level is None:
            return super()._recipients(action) - excluded
        user_id = chain.manager_at(complaint._employee_manager_chain_user_ids(), level, set(excluded.ids))
        return self.env["res.users"].browse(user_id or [])
