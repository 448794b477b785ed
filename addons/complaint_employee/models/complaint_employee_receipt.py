import secrets
import time

from odoo import api, fields, models

from ..rules import receipt as receipt_rules

SALT_PARAM = "complaint_employee.receipt_salt"
SIGNING_PARAM = "complaint_employee.receipt_signing_key"


class ComplaintEmployeeReceipt(models.Model):
    """The receipt of an anonymous report: the code and the secret as scrypt
    hashes only; a failure counter per code slows guessing down without ever
    refusing the right secret."""

    _name = "complaint.employee.receipt"
    _description = "Anonymous Report Receipt"

    complaint_id = fields.Many2one("complaint.complaint", required=True, ondelete="cascade", index=True)
    code_hash = fields.Char(required=True, index=True)
    secret_salt = fields.Char(required=True)
    secret_hash = fields.Char(required=True)
    failed_attempts = fields.Integer(default=0)

    _sql_constraints = [("code_hash_unique", "unique(code_hash)", "Each receipt code is unique.")]

    @api.model
    def _param(self, key):
        """A server-only key, made at install (see data/res_users_data.xml)."""
        Param = self.env["ir.config_parameter"].sudo()
        value = Param.get_param(key)
        if not value:
            value = secrets.token_hex(32)
            Param.set_param(key, value)
        return value

    @api.model
    def _ensure_keys(self):
        self._param(SALT_PARAM)
        self._param(SIGNING_PARAM)
        return True

    @api.model
    def _code_hash(self, code):
        return receipt_rules.slow_hash(code, self._param(SALT_PARAM))

    @api.model
    def _issue(self, complaint, secret=None, code=None):
        """A new receipt for ``complaint``: (code, secret), shown once.
        ``code`` is for the demo only (a known code to try the page with)."""
        secret = secret or receipt_rules.new_secret()
        for __ in range(5):
            code = code or receipt_rules.new_code()
            code_hash = self._code_hash(code)
            if not self.sudo().search_count([("code_hash", "=", code_hash)], limit=1):
                break
            code = None
        salt = receipt_rules.new_salt()
        self.sudo().create(
            {
                "complaint_id": complaint.id,
                "code_hash": code_hash,
                "secret_salt": salt,
                "secret_hash": receipt_rules.slow_hash(secret, salt),
            }
        )
        return code, secret

    @api.model
    def _find(self, code, secret, delay_step=0.5, sleep=time.sleep):
        """The receipt of ``code`` + ``secret``, or an empty recordset: the
        same work whether the code is unknown, malformed or the secret wrong.
        A code guessed wrong before waits longer each time, then is checked
        as usual; the right secret resets its counter."""
        normalized = receipt_rules.normalize_code(code)
        receipt = self.sudo().browse()
        if normalized:
            receipt = self.sudo().search([("code_hash", "=", self._code_hash(normalized))], limit=1)
        else:
            self._code_hash("0" * receipt_rules.CODE_DIGITS)  # same cost as a real look-up
        if receipt:
            # one request at a time per code: the counter stays exact
            self.env.cr.execute(
                "SELECT failed_attempts FROM complaint_employee_receipt WHERE id = %s FOR UPDATE", [receipt.id]
            )
            failures = self.env.cr.fetchone()[0]
            pause = receipt_rules.delay_for(failures, step=delay_step)
            if pause:
                sleep(pause)
        ok = receipt_rules.check_secret(secret or "", receipt.secret_salt, receipt.secret_hash)
        if receipt and ok:
            if receipt.failed_attempts:
                self.env.cr.execute(
                    "UPDATE complaint_employee_receipt SET failed_attempts = 0 WHERE id = %s", [receipt.id]
                )
                receipt.invalidate_recordset(["failed_attempts"])
            return receipt
        if receipt:
            self.env.cr.execute(
                "UPDATE complaint_employee_receipt SET failed_attempts = failed_attempts + 1 WHERE id = %s",
                [receipt.id],
            )
            receipt.invalidate_recordset(["failed_attempts"])
        return self.sudo().browse()

    # --- the signed acknowledgement -----------------------------------------
    @api.model
    def _signature(self, reference, filed_on):
        return receipt_rules.sign(self._param(SIGNING_PARAM), reference, str(filed_on))

    def _receipt_text(self):
        self.ensure_one()
        complaint = self.sudo().complaint_id
        filed_on = str(complaint.employee_filed_on)
        company = complaint.company_id.with_env(complaint.company_id._complaint_env())
        return "\n".join(
            [
                company.env._("Acknowledgement of a grievance report"),
                company.name,
                f"reference: {complaint.name}",
                f"filed_on: {filed_on}",
                f"signature: {self._signature(complaint.name, filed_on)}",
                "",
            ]
        )

    @api.model
    def _verify_text(self, text):
        """(valid, reference, filed_on) of a receipt's text."""
        values = receipt_rules.parse_receipt(text)
        reference, filed_on = values.get("reference", ""), values.get("filed_on", "")
        valid = bool(reference and filed_on) and receipt_rules.verify_signature(
            self._param(SIGNING_PARAM), reference, filed_on, values.get("signature", "")
        )
        return valid, reference, filed_on

    @api.model
    def _demo_issue(self, complaint_xmlid, code, secret):
        """Demo data: the receipt of the demo's anonymous report."""
        if not self.env.su:
            return False
        self._issue(self.env.ref(complaint_xmlid), secret=secret, code=code)
        return True
