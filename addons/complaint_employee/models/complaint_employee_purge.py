from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..rules.plugin import SECTOR

ADMIN_GROUP = "base.group_system"
# the models whose records hang on a grievance by (model, res_id)
THREAD_MODELS = ("complaint.complaint", "complaint.employee.alert")


class ComplaintEmployeePurge(models.Model):
    """The deletion of closed grievances past their retention period: asked
    by one administrator, approved by another, then nothing of them is left
    (OpenWhistle: deletion needs two administrators)."""

    _name = "complaint.employee.purge"
    _description = "Grievance Purge"
    _order = "id desc"

    complaint_ids = fields.Many2many("complaint.complaint", string="Grievances", readonly=True)
    complaint_refs = fields.Text(string="References", readonly=True)
    requested_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    approved_by_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(
        [("pending", "Awaiting a Second Administrator"), ("done", "Purged"), ("refused", "Refused")],
        default="pending",
        readonly=True,
        required=True,
    )
    date_done = fields.Datetime(string="Purged On", readonly=True)

    @api.model
    def _check_admin(self):
        if not self.env.su and not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(self.env._("Only administrators purge grievances."))

    @api.model
    def _due_complaints(self, company=None, on=None):
        """Closed grievances past the retention period of their company."""
        on = on or fields.Datetime.now()
        Complaint = self.env["complaint.complaint"].sudo().with_context(active_test=False)
        companies = company or self.env["res.company"].sudo().search([])
        due = Complaint
        for comp in companies:
            limit = on - relativedelta(months=comp.employee_retention_months or 0)
            due |= Complaint.search(
                [
                    ("sector", "=", SECTOR),
                    ("company_id", "=", comp.id),
                    ("state", "in", ("closed", "cancelled")),
                    ("date_closed", "<=", limit),
                ]
            )
        return due

    @api.model
    def action_request(self, complaint_ids=None):
        """Ask for the purge of the grievances due (or of ``complaint_ids``,
        when all are due)."""
        self._check_admin()
        due = self._due_complaints()
        chosen = due.browse(complaint_ids) if complaint_ids else due
        if not chosen or chosen - due:
            raise UserError(self.env._("Only closed grievances past their retention period are purged."))
        return self.sudo().create(
            {
                "complaint_ids": [(6, 0, chosen.ids)],
                "complaint_refs": ", ".join(chosen.mapped("name")),
                "requested_by_id": self.env.uid,
            }
        )

    def action_approve(self):
        """A second administrator approves: the grievances are deleted."""
        self._check_admin()
        for purge in self:
            if purge.state != "pending":
                raise UserError(self.env._("This purge was already decided."))
            if purge.requested_by_id == self.env.user:
                raise UserError(self.env._("A second administrator approves the purge, not the one who asked."))
        for purge in self.sudo():
            complaints = purge.complaint_ids
            if complaints - self._due_complaints():
                raise UserError(self.env._("A grievance of this purge was reopened: ask again."))
            purge.write({"approved_by_id": self.env.uid})
            complaints._employee_purge()
            purge.write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def action_refuse(self):
        self._check_admin()
        self.filtered(lambda p: p.state == "pending").sudo().write({"state": "refused", "approved_by_id": self.env.uid})
        return True

    @api.model
    def _cron_warn(self):
        """Warn the grievance officers (a to-do) of closed grievances due for
        purging within the warning period; once per grievance."""
        activity_type = self.env.ref("mail.mail_activity_data_warning", raise_if_not_found=False) or self.env.ref(
            "mail.mail_activity_data_todo"
        )
        now = fields.Datetime.now()
        for company in self.env["res.company"].sudo().search([]):
            ahead = now + timedelta(days=company.employee_retention_warning_days or 0)
            complaints = self._due_complaints(company, on=ahead).filtered(lambda c: not c.employee_purge_warned)
            for complaint in complaints:
                officer = complaint._employee_officer_to_tell()
                purge_on = complaint.date_closed + relativedelta(months=company.employee_retention_months or 0)
                complaint.activity_schedule(
                    activity_type_id=activity_type.id,
                    summary=self.env._("Due for purging"),
                    note=self.env._("Retention ends on %s: the grievance will then be purged.", purge_on.date()),
                    user_id=(officer or self.env.user).id,
                    date_deadline=purge_on.date(),
                )
            complaints.with_context(tracking_disable=True).write({"employee_purge_warned": True})
        return True


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    employee_purge_warned = fields.Boolean(copy=False, readonly=True)

    def _employee_purge(self):
        """Delete these grievances and everything that names them: sealed
        identity, receipts, exchanges, alerts, access log, messages (their
        tracking and notifications go with them), mails, followers,
        activities, attachments, ratings, clocks."""
        if not self:
            return
        ids = tuple(self.ids)
        env = self.env(su=True)
        alerts = env["complaint.employee.alert"].search([("complaint_id", "in", ids)])
        threads = [("complaint.complaint", ids)]
        if alerts:
            threads.append(("complaint.employee.alert", tuple(alerts.ids)))
        exchange_files = env["complaint.employee.exchange"].search([("complaint_id", "in", ids)]).attachment_ids
        for model, res_ids in threads:
            env["mail.message"].search([("model", "=", model), ("res_id", "in", res_ids)]).unlink()
            env["mail.mail"].search([("model", "=", model), ("res_id", "in", res_ids)]).unlink()
            env["mail.followers"].search([("res_model", "=", model), ("res_id", "in", res_ids)]).unlink()
            env["mail.activity"].search([("res_model", "=", model), ("res_id", "in", res_ids)]).unlink()
            env["ir.attachment"].search([("res_model", "=", model), ("res_id", "in", res_ids)]).unlink()
            if "rating.rating" in env:
                env["rating.rating"].search([("res_model", "=", model), ("res_id", "in", res_ids)]).unlink()
        exchange_files.unlink()
        env["complaint.employee.access.log"].with_context(complaint_employee_purge=True).search(
            [("complaint_id", "in", ids)]
        ).unlink()
        env["complaint.employee.discipline"].search([("alert_id", "in", alerts.ids)]).write({"alert_id": False})
        self.env.flush_all()
        # every row that points at the grievances, then the grievances (the
        # base keeps complaints and clock history against the ORM's unlink)
        for table, column in self._employee_referencing_columns():
            if table == "complaint_complaint":
                continue
            self.env.cr.execute(
                SQL("DELETE FROM %s WHERE %s IN %s", SQL.identifier(table), SQL.identifier(column), ids)
            )
        self.env.cr.execute(SQL("DELETE FROM complaint_complaint WHERE id IN %s", ids))
        self.env.invalidate_all()
        self.env.registry.clear_cache()

    def _employee_referencing_columns(self):
        """(table, column) of every foreign key to complaint_complaint, the
        tables that point at those rows first (clock history before clocks)."""
        self.env.cr.execute(
            """
            SELECT cl.relname, att.attname, ref.relname
              FROM pg_constraint con
              JOIN pg_class cl ON cl.oid = con.conrelid
              JOIN pg_class ref ON ref.oid = con.confrelid
              JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
             WHERE con.contype = 'f'
            """
        )
        rows = self.env.cr.fetchall()
        direct = [(table, column) for table, column, ref in rows if ref == "complaint_complaint"]
        return direct
