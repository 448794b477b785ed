from odoo import api, models


class ComplaintPenalty(models.Model):
    _inherit = "complaint.penalty"

    @api.model
    def _fine_values(self, complaint, fine, rule, partner, user, breach_key, evidence, **extra):
        """The values of one fine a plugin proposed (``fine``: ``rule_code``,
        ``amount``, ``payer``) for ``partner``/``user`` on ``complaint``: the
        one place a fine's values are built (clock steps, sector articles).
        ``extra`` holds the caller's own fields (``clock_id``, ``step_id``,
        a sector's fields)."""
        return {
            "complaint_id": complaint.id,
            "rule_id": rule.id,
            "payer_type": fine["payer"],
            "partner_id": partner.id,
            "user_id": user.id,
            "team_id": complaint.team_id.id,
            "company_id": complaint.company_id.id,
            "amount": fine["amount"],
            "breach_key": breach_key,
            "evidence": evidence,
            **extra,
        }
