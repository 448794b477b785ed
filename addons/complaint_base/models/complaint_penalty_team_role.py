"""A fine paid by whoever holds a team role (销售总监, 零售经理 …).

The rule names the role's code; the plugin dict carries the payer as
``team_role:<code>`` so that the base and sector plugins pass it on
unchanged; the complaint resolves it with ``_team_role_users`` (a sector may
override that to pick, say, the manager of the complaint's line)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

TEAM_ROLE_PAYER = "team_role"
TEAM_ROLE_PREFIX = f"{TEAM_ROLE_PAYER}:"


class ComplaintPenaltyRule(models.Model):
    _inherit = "complaint.penalty.rule"

    payer = fields.Selection(
        selection_add=[(TEAM_ROLE_PAYER, "A Team Role")], ondelete={TEAM_ROLE_PAYER: "set default"}
    )
    payer_role_code = fields.Char(
        string="Paying Role",
        help="With 'A Team Role': the code of the team role whose holder pays, e.g. retail_manager.",
    )

    @api.constrains("payer", "payer_role_code")
    def _check_payer_role_code(self):
        for rule in self:
            if rule.payer == TEAM_ROLE_PAYER and not (rule.payer_role_code or "").strip():
                raise ValidationError(self.env._("Fine %s is paid by a team role: name the role's code.", rule.code))

    def _as_plugin_dict(self):
        data = super()._as_plugin_dict()
        if self.payer == TEAM_ROLE_PAYER:
            code = (self.payer_role_code or "").strip()
            data["payers"] = [f"{TEAM_ROLE_PREFIX}{code}" if p == TEAM_ROLE_PAYER else p for p in data["payers"]]
        return data


class ComplaintPenalty(models.Model):
    _inherit = "complaint.penalty"

    payer_type = fields.Selection(
        selection_add=[(TEAM_ROLE_PAYER, "A Team Role")], ondelete={TEAM_ROLE_PAYER: "set default"}
    )
    payer_role_code = fields.Char(string="Paying Role", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            payer = vals.get("payer_type") or ""
            if payer.startswith(TEAM_ROLE_PREFIX):
                vals["payer_type"] = TEAM_ROLE_PAYER
                vals.setdefault("payer_role_code", payer[len(TEAM_ROLE_PREFIX) :])
        return super().create(vals_list)


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    def _team_role_users(self, code):
        """The users holding the role ``code`` in the complaint's team."""
        self.ensure_one()
        return self.team_id.role_ids.filtered(lambda role: role.code == code).user_id

    def _penalty_payers(self, payer):
        if (payer or "").startswith(TEAM_ROLE_PREFIX):
            users = self._team_role_users(payer[len(TEAM_ROLE_PREFIX) :])
            return [(user.partner_id, user) for user in users]
        return super()._penalty_payers(payer)
