import base64
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from ..engine.xlsx import Sheet, build_xlsx


class ComplaintDigestLog(models.Model):
    _name = "complaint.digest.log"
    _description = "Overdue Digest Sent"
    _order = "digest_date desc, id desc"

    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    digest_date = fields.Date(required=True)
    kind = fields.Selection([("handler", "Handler"), ("team", "Team Leader")], required=True)
    team_id = fields.Many2one("complaint.team", ondelete="cascade")
    complaint_count = fields.Integer()
    mail_id = fields.Many2one("mail.mail", ondelete="set null")

    def init(self):
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS complaint_digest_log_once
                   ON complaint_digest_log (user_id, digest_date, kind, COALESCE(team_id, 0))"""
        )


class ComplaintDigest(models.AbstractModel):
    _name = "complaint.digest"
    _description = "Overdue Complaint Digest"

    @api.model
    def _settings(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return {
            "lookahead": int(get("complaint_base.digest_lookahead_hours", "24") or 24),
            "handlers": get("complaint_base.digest_handlers", "True") not in ("False", "0", ""),
            "leaders": get("complaint_base.digest_leaders", "True") not in ("False", "0", ""),
        }

    @api.model
    def _cron_send_digests(self):
        """E-mail each handler ONE digest of their overdue and soon-due
        complaints, and each team leader one for the team.  A digest is sent
        at most once a day per person (a unique row claims it)."""
        settings = self._settings()
        now = fields.Datetime.now()
        clocks = (
            self.env["complaint.clock"]
            .sudo()
            .search(
                [
                    ("state", "in", ("running", "breached")),
                    ("date_due", "<=", now + timedelta(hours=settings["lookahead"])),
                    ("complaint_id.active", "=", True),
                ],
                order="date_due, id",
            )
        )
        sent = self.env["mail.mail"]
        if settings["handlers"]:
            by_user = defaultdict(lambda: self.env["complaint.clock"])
            for clock in clocks.filtered("complaint_id.user_id"):
                by_user[clock.complaint_id.user_id] |= clock
            for user, user_clocks in by_user.items():
                sent |= self._send(user, "handler", user_clocks, now)
        if settings["leaders"]:
            by_team = defaultdict(lambda: self.env["complaint.clock"])
            for clock in clocks.filtered("complaint_id.team_id.leader_id"):
                by_team[clock.complaint_id.team_id] |= clock
            for team, team_clocks in by_team.items():
                sent |= self._send(team.leader_id, "team", team_clocks, now, team=team)
        return sent

    def _claim(self, user, kind, day, team):
        self.env.cr.execute(
            SQL(
                """INSERT INTO complaint_digest_log
                       (user_id, digest_date, kind, team_id, create_uid, create_date, write_uid, write_date)
                   VALUES (%s, %s, %s, %s, %s, NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC')
                   ON CONFLICT DO NOTHING
                   RETURNING id""",
                user.id,
                day,
                kind,
                team.id if team else None,
                self.env.uid,
                self.env.uid,
            )
        )
        row = self.env.cr.fetchone()
        return self.env["complaint.digest.log"].browse(row[0]) if row else None

    def _send(self, user, kind, clocks, now, team=None):
        # the reader's time zone and language, else their company's
        company = (team.company_id if team else None) or user.company_id or self.env.company
        tz = pytz.timezone(user.tz or company._complaint_tz())
        local_now = pytz.utc.localize(now).astimezone(tz)
        log = self._claim(user, kind, local_now.date(), team)
        if log is None:
            return self.env["mail.mail"]
        env = self.with_context(lang=user.lang or company._complaint_lang(), tz=tz.zone).env
        rows = self._rows(env, clocks, now, tz)
        complaints = clocks.complaint_id
        overdue = sum(1 for row in rows if row["overdue"])
        if kind == "team":
            subject = env._(
                "%(team)s: %(overdue)s complaints overdue, %(soon)s due soon",
                team=team.name,
                overdue=overdue,
                soon=len(rows) - overdue,
            )
        else:
            subject = env._(
                "Your complaints: %(overdue)s overdue, %(soon)s due soon", overdue=overdue, soon=len(rows) - overdue
            )
        body = env["ir.qweb"]._render(
            "complaint_base.complaint_digest_mail",
            {"user": user, "team": team, "rows": rows, "subject": subject, "now": local_now.strftime("%Y-%m-%d %H:%M")},
        )
        attachment = self._xlsx(env, rows)
        mail = (
            self.env["mail.mail"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_from": (user.company_id.email_formatted or self.env.company.email_formatted or False),
                    "recipient_ids": [(4, user.partner_id.id)],
                    "auto_delete": False,
                    "attachment_ids": [
                        (
                            0,
                            0,
                            {
                                "name": f"{env._('overdue-complaints')}-{local_now:%Y%m%d}.xlsx",
                                "datas": base64.b64encode(attachment),
                                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            },
                        )
                    ],
                }
            )
        )
        log.sudo().write({"mail_id": mail.id, "complaint_count": len(complaints)})
        return mail

    def _rows(self, env, clocks, now, tz):
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        rows = []
        for clock in clocks:
            complaint = clock.complaint_id
            due_local = pytz.utc.localize(clock.date_due).astimezone(tz).replace(tzinfo=None)
            rows.append(
                {
                    "reference": complaint.name,
                    "subject": complaint.subject,
                    "clock": clock.kind_id.with_env(env).name,
                    "due": due_local,
                    "due_text": due_local.strftime("%Y-%m-%d %H:%M"),
                    "overdue": clock.state == "breached" or clock.date_due <= now,
                    "handler": complaint.user_id.name or "",
                    "team": complaint.team_id.with_env(env).name or "",
                    "url": f"{base_url}/mail/view?model=complaint.complaint&res_id={complaint.id}",
                }
            )
        return rows

    def _xlsx(self, env, rows):
        return build_xlsx(
            [
                Sheet(
                    env._("Overdue Complaints"),
                    [
                        env._("Reference"),
                        env._("Subject"),
                        env._("Clock"),
                        env._("Due On"),
                        env._("Status"),
                        env._("Handler"),
                        env._("Team"),
                    ],
                    (
                        [
                            row["reference"],
                            row["subject"],
                            row["clock"],
                            row["due"],
                            env._("Overdue") if row["overdue"] else env._("Due Soon"),
                            row["handler"],
                            row["team"],
                        ]
                        for row in rows
                    ),
                    widths=[16, 40, 16, 18, 10, 14, 20],
                )
            ]
        )
