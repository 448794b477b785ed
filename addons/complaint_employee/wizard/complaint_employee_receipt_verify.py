from odoo import api, fields, models
from odoo.exceptions import AccessError


class ComplaintEmployeeReceiptVerify(models.TransientModel):
    """An officer checks a receipt a reporter shows: is the signature the
    server's (reference and filing date unchanged)?"""

    _name = "complaint.employee.receipt.verify"
    _description = "Verify a Grievance Receipt"

    receipt_text = fields.Text(string="Receipt", required=True, help="Paste the text of the downloaded receipt.")
    checked = fields.Boolean(readonly=True)
    valid = fields.Boolean(readonly=True)
    reference = fields.Char(readonly=True)
    filed_on = fields.Char(string="Filed On", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.user.has_group("complaint_employee.group_grievance_officer"):
            raise AccessError(self.env._("Only grievance officers verify receipts."))
        return super().create(vals_list)

    def action_verify(self):
        self.ensure_one()
        valid, reference, filed_on = self.env["complaint.employee.receipt"].sudo()._verify_text(self.receipt_text)
        self.write({"checked": True, "valid": valid, "reference": reference, "filed_on": filed_on})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
