import json
from datetime import timedelta

from odoo import api, fields, models

# how long a key is remembered; clients retry within minutes, not weeks
KEEP_DAYS = 30


class ComplaintApiRequest(models.Model):
    """A successful API call made with an idempotency key, and its answer.

    A retried call with the same key gets the same answer and changes
    nothing; the same key with another body is refused.  Rows are written
    only by the API, through SQL, in the transaction of the call itself."""

    _name = "complaint.api.request"
    _description = "API Call (Idempotency Key)"
    _order = "id desc"
    _log_access = False

    integration_id = fields.Many2one("complaint.api.integration", required=True, ondelete="cascade", index=True)
    idempotency_key = fields.Char(required=True)
    request_hash = fields.Char(required=True, help="SHA-256 of the method, the path and the canonical JSON body.")
    status = fields.Integer(string="HTTP Status")
    response = fields.Text()
    complaint_id = fields.Many2one("complaint.complaint", ondelete="set null", index="btree_not_null")
    create_date = fields.Datetime(string="Received On", default=fields.Datetime.now, readonly=True, index=True)

    _sql_constraints = [
        (
            "key_unique",
            "unique(integration_id, idempotency_key)",
            "An idempotency key is used once per integration.",
        ),
    ]

    @api.model
    def _claim(self, integration, key, request_hash):
        """Reserve ``key`` for this call.

        Returns ``(True, None)`` when the key is new, or ``(False, row)`` with
        the stored ``(request_hash, status, response)`` of the first call.
        A concurrent first call holding the key makes this wait until it
        commits (then its answer is returned) or rolls back (then the key is
        ours)."""
        cr = self.env.cr
        cr.execute(
            """INSERT INTO complaint_api_request (integration_id, idempotency_key, request_hash, create_date)
               VALUES (%s, %s, %s, now() AT TIME ZONE 'UTC')
               ON CONFLICT (integration_id, idempotency_key) DO NOTHING
               RETURNING id""",
            (integration.id, key, request_hash),
        )
        row = cr.fetchone()
        if row:
            return row[0], None
        cr.execute(
            """SELECT request_hash, status, response FROM complaint_api_request
                WHERE integration_id = %s AND idempotency_key = %s""",
            (integration.id, key),
        )
        return False, cr.fetchone()

    @api.model
    def _record_answer(self, request_id, status, payload, complaint_id=None):
        self.env.cr.execute(
            "UPDATE complaint_api_request SET status = %s, response = %s, complaint_id = %s WHERE id = %s",
            (status, json.dumps(payload, ensure_ascii=False, default=str), complaint_id, request_id),
        )

    @api.autovacuum
    def _gc_old_requests(self):
        limit = fields.Datetime.now() - timedelta(days=KEEP_DAYS)
        self.env.cr.execute("DELETE FROM complaint_api_request WHERE create_date < %s", (limit,))
