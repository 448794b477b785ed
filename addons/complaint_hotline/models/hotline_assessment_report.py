import base64

from odoo import api, fields, models
from odoo.addons.complaint_base.engine.xlsx import Sheet, build_xlsx
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.misc import format_date

from ..rules.assessment import RATES

GROUP_MANAGER = "complaint_hotline.group_hotline_manager"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HotlineAssessmentReportLog(models.Model):
    """One monthly assessment report sent to one leader: a unique row per
    company, period and recipient claims the sending, so a second run of
    the scheduler (or a second worker) sends nothing again."""

    _name = "hotline.assessment.report.log"
    _description = "Assessment Report Sent"
    _order = "date_from desc, id desc"

    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Recipient", required=True, ondelete="cascade")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    mail_id = fields.Many2one("mail.mail", string="E-mail", ondelete="set null")

    _sql_constraints = [
        (
            "report_once",
            "unique(company_id, user_id, date_from, date_to)",
            "The report of a period is sent once to each recipient.",
        )
    ]


class HotlineAssessment(models.Model):
    _inherit = "hotline.assessment"

    # --- Excel ---------------------------------------------------------------------
    @api.model
    def _xlsx_columns(self, env):
        """(header, value of a row) of the workbook, in ``env``'s language."""
        _ = env._
        return [
            (_("Rank"), lambda r: r.rank),
            (_("Department"), lambda r: r.department_id.with_env(env).name),
            (_("From"), lambda r: r.date_from),
            (_("To"), lambda r: r.date_to),
            (_("Dispatched"), lambda r: r.dispatched),
            (_("Signed For on Time"), lambda r: r.signed_on_time),
            (_("Returns"), lambda r: r.returned),
            (_("Replies"), lambda r: r.replied),
            (_("Replies on Time"), lambda r: r.replied_on_time),
            (_("Callbacks"), lambda r: r.callbacks),
            (_("Solved"), lambda r: r.resolved),
            (_("Satisfied Callbacks"), lambda r: r.satisfied),
            (_("Sent Back for Re-Handling"), lambda r: r.reworked),
            *[(label, lambda r, name=name: r[name]) for name, label in self._rate_labels(env)],
            (_("Score"), lambda r: r.score),
        ]

    @api.model
    def _rate_labels(self, env):
        _ = env._
        labels = {
            "sign_rate": _("On-Time Sign-For Rate (%)"),
            "ontime_rate": _("On-Time Completion Rate (%)"),
            "resolution_rate": _("Resolution Rate (%)"),
            "satisfaction_rate": _("Satisfaction Rate (%)"),
            "rework_rate": _("Re-Handling Rate (%)"),
            "return_rate": _("Return Rate (%)"),
        }
        return [(name, labels[name]) for name, __, __ in RATES]

    def _assessment_xlsx(self, env):
        """The rows (by period, then rank) as one workbook, headers in
        ``env``'s language."""
        columns = self._xlsx_columns(env)
        rows = self.sorted(lambda r: (r.date_from, r.date_to, r.rank, r.department_id.name or ""))
        return build_xlsx(
            [
                Sheet(
                    env._("Department Assessment"),
                    [header for header, __ in columns],
                    ([value(row) for __, value in columns] for row in rows),
                    widths=[6, 24, 12, 12, *([10] * (len(columns) - 4))],
                )
            ]
        )

    def _xlsx_filename(self, env):
        start, end = min(self.mapped("date_from")), max(self.mapped("date_to"))
        stem = env._("department-assessment")
        return f"{stem}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"

    def action_export_xlsx(self):
        """The selected rows as an Excel workbook (managers only), in the
        user's language."""
        if not self.env.su and not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(self.env._("Only the hotline's managers export the assessment."))
        self.check_access("read")
        if not self:
            raise UserError(self.env._("Select the assessment rows to export."))
        content = self._assessment_xlsx(self.env)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": self._xlsx_filename(self.env),
                    "datas": base64.b64encode(content),
                    "mimetype": XLSX_MIMETYPE,
                    # private to its creator (no res_model: read by the owner only)
                    "res_model": False,
                    "public": False,
                }
            )
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    # --- the monthly report to the leaders ------------------------------------
    @api.model
    def _send_monthly_report(self, company, date_from, date_to):
        """E-mail the period's ranking (and the workbook) to each recipient
        of ``company`` (Settings > Assessment report recipients) not sent it
        yet, in the recipient's language."""
        if not self.env.su:
            raise AccessError(self.env._("Only the scheduler sends the assessment report."))
        rows = self.search([("company_id", "=", company.id), ("date_from", "=", date_from), ("date_to", "=", date_to)])
        mails = self.env["mail.mail"]
        if not rows:
            return mails
        for user in company.hotline_report_user_ids.filtered(lambda u: u.active and u.partner_id.email):
            log = self._claim_report(company, user, date_from, date_to)
            if log is None:
                continue
            mail = rows._report_mail(company, user)
            log.mail_id = mail
            mails |= mail
        return mails

    @api.model
    def _claim_report(self, company, user, date_from, date_to):
        """The log row of this report, or None when it was sent already (or
        is being sent by another worker)."""
        self.env.cr.execute(
            SQL(
                """INSERT INTO hotline_assessment_report_log
                       (company_id, user_id, date_from, date_to, create_uid, create_date, write_uid, write_date)
                   VALUES (%s, %s, %s, %s, %s, NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC')
                   ON CONFLICT (company_id, user_id, date_from, date_to) DO NOTHING
                   RETURNING id""",
                company.id,
                user.id,
                date_from,
                date_to,
                self.env.uid,
                self.env.uid,
            )
        )
        row = self.env.cr.fetchone()
        return self.env["hotline.assessment.report.log"].browse(row[0]) if row else None

    def _report_mail(self, company, user):
        """The report e-mail of these rows (one period) for ``user``."""
        lang = user.lang or company._complaint_lang()
        env = self.with_context(lang=lang, tz=user.tz or company._complaint_tz()).env
        rows = self.with_env(env).sorted(lambda r: (r.rank, r.department_id.name or ""))
        date_from, date_to = rows[0].date_from, rows[0].date_to
        period = {
            "date_from": format_date(env, date_from, lang_code=lang),
            "date_to": format_date(env, date_to, lang_code=lang),
        }
        subject = env._("Department assessment, %(date_from)s to %(date_to)s", **period)
        intro = env._(
            "Dear %(name)s, here is the department assessment of %(company)s from %(date_from)s to %(date_to)s.",
            name=user.name,
            company=company.name,
            **period,
        )
        body = env["ir.qweb"]._render(
            "complaint_hotline.hotline_assessment_report_mail",
            {
                "user": user,
                "company": company,
                "rows": rows,
                "rates": self._rate_labels(env),
                "subject": subject,
                "intro": intro,
            },
        )
        return (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_from": company.email_formatted or False,
                    "recipient_ids": [(4, user.partner_id.id)],
                    "auto_delete": False,
                    "attachment_ids": [
                        (
                            0,
                            0,
                            {
                                "name": rows._xlsx_filename(env),
                                "datas": base64.b64encode(rows._assessment_xlsx(env)),
                                "mimetype": XLSX_MIMETYPE,
                            },
                        )
                    ],
                }
            )
        )
