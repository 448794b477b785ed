"""Counters that slow down floods at the public edges (web form, API keys).

A row counts what one client did in one fixed window: the client is a keyed
hash of its network address (HMAC with the database secret), never the
address itself, and rows are deleted by an hourly cron once their window is
over.  Nothing here is linked to a complaint."""

import hashlib
import hmac
from datetime import datetime, timedelta, timezone

from odoo import api, fields, models

THROTTLE_SCOPES = [
    ("web_form", "Complaints from the web form"),
    ("api_auth", "Refused API keys"),
]


class ComplaintIntakeThrottle(models.Model):
    _name = "complaint.intake.throttle"
    _description = "Intake Throttle Counter"
    _order = "window_start desc, id desc"
    _log_access = False

    scope = fields.Selection(THROTTLE_SCOPES, required=True, readonly=True)
    client_hash = fields.Char(
        required=True, readonly=True, help="Keyed hash of the client's address; the address itself is not kept."
    )
    window_start = fields.Datetime(required=True, readonly=True)
    date_expires = fields.Datetime(required=True, readonly=True, index=True, help="Deleted after this moment.")
    count = fields.Integer(required=True, readonly=True, default=0)

    _sql_constraints = [
        ("client_window_unique", "unique(scope, client_hash, window_start)", "One counter per client and window."),
    ]

    @api.model
    def _client_hash(self, scope, address):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret") or ""
        return hmac.new(
            secret.encode(), f"complaint-throttle:{scope}:{address or ''}".encode(), hashlib.sha256
        ).hexdigest()

    @api.model
    def _window(self, minutes, now=None):
        """(start, end) of the fixed window of ``minutes`` holding ``now`` (UTC)."""
        now = now or fields.Datetime.now()
        length = max(int(minutes), 1) * 60
        epoch = int(now.replace(tzinfo=timezone.utc).timestamp())
        start = datetime.fromtimestamp(epoch - epoch % length, timezone.utc).replace(tzinfo=None)
        return start, start + timedelta(seconds=length)

    @api.model
    def _count(self, scope, client_hash, minutes):
        """What the client did in the current window: (count, seconds until the window ends)."""
        start, end = self._window(minutes)
        self.env.cr.execute(
            "SELECT count FROM complaint_intake_throttle WHERE scope = %s AND client_hash = %s AND window_start = %s",
            [scope, client_hash, start],
        )
        row = self.env.cr.fetchone()
        seconds = max(int((end - fields.Datetime.now()).total_seconds()), 1)
        return (row[0] if row else 0), seconds

    @api.model
    def _hit(self, scope, client_hash, minutes):
        """Count one more event for the client in the current window (one
        statement, safe between concurrent requests); return the new count."""
        start, end = self._window(minutes)
        self.env.cr.execute(
            """
            INSERT INTO complaint_intake_throttle (scope, client_hash, window_start, date_expires, count)
                 VALUES (%s, %s, %s, %s, 1)
            ON CONFLICT (scope, client_hash, window_start)
              DO UPDATE SET count = complaint_intake_throttle.count + 1
              RETURNING count
            """,
            [scope, client_hash, start, end],
        )
        self.invalidate_model(["count"])
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_purge(self):
        """Delete the counters whose window is over."""
        self.env.cr.execute("DELETE FROM complaint_intake_throttle WHERE date_expires <= %s", [fields.Datetime.now()])
        self.invalidate_model()
