from datetime import timedelta

from odoo import api, models

from ..rules.plugin import SECTOR


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    @api.model
    def _cron_employee_new_reports_digest(self):
        """Once a day, tell each grievance officer how many grievances were
        filed the day before (one inbox message): no message goes out when a
        report arrives, so its timing tells nothing about the reporter.
        Idempotent: the day is remembered per company."""
        Param = self.env["ir.config_parameter"].sudo()
        group = self.env.ref("complaint_employee.group_grievance_officer").sudo()
        for company in self.env["res.company"].sudo().search([]):
            env = company._complaint_env()
            start = self._employee_local_midnight(company) - timedelta(days=1)
            day = str((start + timedelta(hours=12)).date())
            key = f"complaint_employee.digest_day.{company.id}"
            if Param.get_param(key) == day:
                continue
            Param.set_param(key, day)
            filed = self.sudo().search_count(
                [
                    ("sector", "=", SECTOR),
                    ("company_id", "=", company.id),
                    ("date_received", ">=", start),
                    ("date_received", "<", start + timedelta(days=1)),
                ]
            )
            officers = group.users.filtered(lambda u, c=company: not u.share and c in u.company_ids)
            if not filed or not officers:
                continue
            body = env._("%(count)s new grievance(s) filed on %(day)s.", count=filed, day=day)
            self.env["mail.thread"].sudo().message_notify(
                partner_ids=officers.partner_id.ids,
                subject=env._("Grievances filed yesterday"),
                body=body,
                author_id=self.env.ref("base.partner_root").id,
                email_layout_xmlid=False,
                mail_auto_delete=True,
            )
        return True
