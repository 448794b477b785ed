from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..rules import conduct, roles

WEEKLY_RULE = "AUTO-WEEKLY"
CONDUCT_RULE = "AUTO-CONDUCT"


class ComplaintPenalty(models.Model):
    _inherit = "complaint.penalty"

    @api.model
    def _cron_automotive_conduct_week(self, days_back=15):
        """More than 3 established staff-attitude or process complaints in one
        ISO week (company time) in a department (team and sales/after-sales
        line): its retail or service manager pays 50, once per department and
        week (the breach key; a concurrent run loses on the unique index)."""
        since = fields.Datetime.now() - timedelta(days=days_back)
        entries = self.sudo().search(
            [
                ("rule_id.code", "=", CONDUCT_RULE),
                ("state", "!=", "waived"),
                ("complaint_id.sector", "=", roles.SECTOR),
                ("complaint_id.date_received", ">=", since),
            ]
        )
        complaints = entries.complaint_id
        rows = [
            ((c.company_id.id, c.team_id.id, c.automotive_line or "sales"), c._automotive_local_date(), c.id)
            for c in complaints
        ]
        Complaint = self.env["complaint.complaint"].sudo()
        Rule = self.env["complaint.penalty.rule"].sudo()
        values = []
        for (company_id, team_id, line), week, ids in conduct.weekly_breaches(rows):
            rule = Rule.search([("code", "=", WEEKLY_RULE), ("company_id", "=", company_id)], limit=1)
            if not rule:
                continue
            tipping = Complaint.browse(ids[conduct.WEEKLY_LIMIT])
            env = tipping.company_id._complaint_env()
            names = ", ".join(Complaint.browse(ids).mapped("name"))
            for user in tipping._team_role_users(roles.LINE_MANAGER):
                values.append(
                    {
                        "complaint_id": tipping.id,
                        "rule_id": rule.id,
                        "payer_type": "team_role",
                        "payer_role_code": roles.LINE_MANAGER,
                        "partner_id": user.partner_id.id,
                        "user_id": user.id,
                        "team_id": team_id,
                        "company_id": company_id,
                        "amount": rule.amount,
                        "breach_key": f"{conduct.breach_key(team_id, line, week)}:partner:{user.partner_id.id}",
                        "evidence": env._(
                            "%(count)s staff-attitude or process complaints in week %(week)s: %(names)s.",
                            count=len(ids),
                            week=week,
                            names=names,
                        ),
                    }
                )
        if not values:
            return self.browse()
        # two schedulers at once: the second waits on these rows and, the
        # first committed, fails to serialize (rolled back, retried later)
        rule_ids = tuple({vals["rule_id"] for vals in values})
        self.env.cr.execute(SQL("UPDATE complaint_penalty_rule SET write_date = write_date WHERE id IN %s", rule_ids))
        return self.sudo()._create_batch_once(values)
