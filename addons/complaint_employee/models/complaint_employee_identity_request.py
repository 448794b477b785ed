from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

CUSTODIAN_GROUP = "complaint_employee.group_identity_custodian"
OFFICER_GROUP = "complaint_employee.group_grievance_officer"


class ComplaintEmployeeIdentityRequest(models.Model):
    """An officer's motivated request to see a reporter's identity, decided
    by a custodian (GlobaLeaks' identity access request)."""

    _name = "complaint.employee.identity.request"
    _description = "Identity Access Request"
    _order = "id desc"

    complaint_id = fields.Many2one("complaint.complaint", string="Grievance", required=True, index=True)
    complaint_ref = fields.Char(related="complaint_id.name", string="Grievance Reference")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    requester_id = fields.Many2one(
        "res.users", string="Requested By", required=True, readonly=True, default=lambda self: self.env.user
    )
    reason = fields.Text(required=True, help="Why the officer needs to know who the reporter is.")
    state = fields.Selection(
        [("pending", "Pending"), ("approved", "Approved"), ("refused", "Refused")],
        default="pending",
        required=True,
        readonly=True,
    )
    custodian_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    date_decided = fields.Datetime(string="Decided On", readonly=True)
    decision_note = fields.Text(string="Custodian's Note")
    revealed_name = fields.Char(string="Reporter", compute="_compute_revealed")
    revealed_contact = fields.Char(string="Reporter's Contact", compute="_compute_revealed")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(self.env._("Only grievance officers request a reporter's identity."))
        for vals in vals_list:
            vals["requester_id"] = self.env.uid
            vals["state"] = "pending"
        requests = super().create(vals_list)
        for request in requests:
            request.complaint_id.check_access("read")
            if not request.complaint_id.sudo().employee_identity_sealed:
                raise UserError(self.env._("%s has no sealed identity.", request.complaint_id.display_name))
            self.env["complaint.employee.access.log"]._log(request.complaint_id, "requested", request.reason)
        return requests

    def write(self, vals):
        if not self.env.su and set(vals) - {"decision_note"}:
            raise UserError(self.env._("Requests are decided with the Approve and Refuse buttons."))
        return super().write(vals)

    def _compute_revealed(self):
        """Shown to the requesting officer once approved, every time logged."""
        shown = self.filtered(lambda r: r.state == "approved" and r.requester_id == self.env.user)
        for request in self - shown:
            request.revealed_name = request.revealed_contact = False
        for request in shown:
            identity = (
                self.env["complaint.employee.identity"]
                .sudo()
                .search([("complaint_id", "=", request.complaint_id.id)], limit=1)
            )
            request.revealed_name = identity.employee_id.name or identity.reporter_name or False
            request.revealed_contact = (
                identity.employee_id.work_email or identity.reporter_email or identity.reporter_phone or False
            )
        if shown:
            self.env["complaint.employee.access.log"]._log(shown.complaint_id, "officer_read")

    def _decide(self, state):
        if not self.env.user.has_group(CUSTODIAN_GROUP):
            raise AccessError(self.env._("Only an identity custodian decides on access to a reporter's identity."))
        for request in self:
            if request.state != "pending":
                raise UserError(self.env._("This request was already decided."))
            if request.requester_id == self.env.user:
                raise UserError(self.env._("A custodian does not decide on their own request."))
        self.sudo().write({"state": state, "custodian_id": self.env.uid, "date_decided": fields.Datetime.now()})
        for request in self:
            self.env["complaint.employee.access.log"]._log(request.complaint_id, state, request.decision_note)
        return True

    def action_approve(self):
        return self._decide("approved")

    def action_refuse(self):
        return self._decide("refused")
