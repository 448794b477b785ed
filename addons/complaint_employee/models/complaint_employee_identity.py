from odoo import api, fields, models


class ComplaintEmployeeIdentity(models.Model):
    """The reporter of a named grievance, kept apart from the grievance
    (ISO 37002: identity disclosed to nobody beyond the authorised people).
    Readable by the identity custodians only; every read is logged."""

    _name = "complaint.employee.identity"
    _description = "Sealed Reporter Identity"
    _order = "id desc"

    complaint_id = fields.Many2one(
        "complaint.complaint", string="Grievance", required=True, ondelete="cascade", index=True, readonly=True
    )
    complaint_ref = fields.Char(related="complaint_id.name", string="Grievance Reference")
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", string="Reporter", index=True)
    partner_id = fields.Many2one("res.partner", string="Reporter Contact")
    reporter_name = fields.Char(string="Name")
    reporter_phone = fields.Char(string="Phone")
    reporter_email = fields.Char(string="E-mail")
    watch_until = fields.Date(
        string="Watched Until",
        compute="_compute_watch_until",
        store=True,
        help="Adverse HR events for the reporter until this day raise a retaliation alert.",
    )

    _sql_constraints = [("complaint_unique", "unique(complaint_id)", "One sealed identity per grievance.")]

    @api.depends("complaint_id.date_received", "complaint_id.company_id.employee_watch_months")
    def _compute_watch_until(self):
        for identity in self:
            complaint = identity.complaint_id
            start = complaint.employee_filed_on or fields.Date.context_today(identity)
            months = complaint.company_id.employee_watch_months or 0
            identity.watch_until = fields.Date.add(start, months=months) if months > 0 else False

    def _read_format(self, fnames, load="_classic_read"):
        """Every read of a sealed identity (read, search_read, the web
        client) is logged."""
        result = super()._read_format(fnames, load=load)
        if not self.env.su and self:
            self.env["complaint.employee.access.log"]._log(self.sudo().complaint_id, "custodian_read")
        return result
