import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..rules import roles, warranty

AUTOMOTIVE_LINES = [("sales", "Sales"), ("service", "After-Sales Service")]


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    vehicle_id = fields.Many2one(
        "automotive.vehicle",
        string="Vehicle",
        index=True,
        tracking=True,
        domain="[('company_id', '=', company_id)]",
    )
    automotive_vin = fields.Char(related="vehicle_id.vin", string="VIN")
    automotive_line = fields.Selection(
        AUTOMOTIVE_LINES,
        string="Department",
        compute="_compute_automotive_line",
        store=True,
        readonly=False,
        help="Sales complaints go to the retail manager, after-sales ones to the service manager (seed 004, 七 4).",
    )
    automotive_manager_id = fields.Many2one(
        "res.users",
        string="Retail / Service Manager",
        compute="_compute_automotive_manager_id",
        help="The team's retail manager for a sales complaint, its service manager for an after-sales one.",
    )
    automotive_signed_by_id = fields.Many2one("res.users", string="Signed For By", readonly=True, copy=False)
    automotive_date_signed = fields.Datetime(string="Signed For On", readonly=True, copy=False)
    automotive_date_responded = fields.Datetime(string="Customer Care Responded On", readonly=True, copy=False)
    automotive_conduct_established = fields.Boolean(
        string="Staff Attitude / Process Established",
        readonly=True,
        copy=False,
        help="Caused by staff attitude or by a process not followed, established after investigation.",
    )
    automotive_parts_invoice_date = fields.Date(
        string="Parts Invoice Date", help="Invoice date of the parts bought and fitted at the dealer."
    )
    automotive_vehicle_warranty_end = fields.Date(
        string="Vehicle Warranty Until", compute="_compute_automotive_warranty"
    )
    automotive_vehicle_covered = fields.Boolean(string="Vehicle Under Warranty", compute="_compute_automotive_warranty")
    automotive_parts_warranty_end = fields.Date(string="Parts Warranty Until", compute="_compute_automotive_warranty")
    automotive_parts_covered = fields.Boolean(string="Parts Under Warranty", compute="_compute_automotive_warranty")
    automotive_script_ids = fields.Many2many(
        "automotive.script", string="Standard Answers", compute="_compute_automotive_script_ids"
    )

    @api.depends("category_id")
    def _compute_automotive_line(self):
        for complaint in self:
            complaint.automotive_line = roles.line_for_category(complaint.category_id.code)

    @api.depends("automotive_line", "team_id.role_ids.user_id", "team_id.role_ids.code")
    def _compute_automotive_manager_id(self):
        for complaint in self:
            code = roles.LINE_MANAGERS.get(complaint.automotive_line or "sales")
            complaint.automotive_manager_id = complaint.team_id.role_ids.filtered(lambda r, c=code: r.code == c)[
                :1
            ].user_id

    def _automotive_local_date(self):
        """The day the complaint was received, in the company's time zone."""
        self.ensure_one()
        when = self.date_received or self.create_date or fields.Datetime.now()
        tz = pytz.timezone(self.company_id._complaint_tz())
        return pytz.utc.localize(when).astimezone(tz).date()

    @api.depends(
        "vehicle_id.purchase_date",
        "automotive_parts_invoice_date",
        "date_received",
        "company_id.automotive_vehicle_warranty_months",
        "company_id.automotive_parts_warranty_months",
    )
    def _compute_automotive_warranty(self):
        for complaint in self:
            company = complaint.company_id or self.env.company
            on = complaint._automotive_local_date()
            purchase = complaint.vehicle_id.purchase_date
            parts = complaint.automotive_parts_invoice_date
            complaint.automotive_vehicle_warranty_end = warranty.warranty_end(
                purchase, company.automotive_vehicle_warranty_months
            )
            complaint.automotive_vehicle_covered = warranty.covered(
                purchase, company.automotive_vehicle_warranty_months, on
            )
            complaint.automotive_parts_warranty_end = warranty.warranty_end(
                parts, company.automotive_parts_warranty_months
            )
            complaint.automotive_parts_covered = warranty.covered(parts, company.automotive_parts_warranty_months, on)

    @api.depends("category_id", "company_id")
    def _compute_automotive_script_ids(self):
        Script = self.env["automotive.script"]
        for complaint in self:
            complaint.automotive_script_ids = (
                Script._for_complaint(complaint) if complaint.sector == roles.SECTOR else Script
            )

    # --- payers -------------------------------------------------------------
    def _team_role_users(self, code):
        """``line_manager``: the retail manager of a sales complaint, the
        service manager of an after-sales one; once signed for, the manager
        who signed (if they hold either role)."""
        if code == roles.LINE_MANAGER:
            self.ensure_one()
            managers = self.team_id.role_ids.filtered(
                lambda r: r.code in (roles.RETAIL_MANAGER, roles.SERVICE_MANAGER)
            ).user_id
            if self.automotive_signed_by_id and self.automotive_signed_by_id in managers:
                return self.automotive_signed_by_id
            return self.automotive_manager_id
        return super()._team_role_users(code)

    # --- the dealer's actions -------------------------------------------------
    def _automotive_check_desk(self):
        """The caller may write these complaints and is their handler or works
        at the automotive desk."""
        self.check_access("write")
        if self.env.su:
            return
        user = self.env.user
        at_desk = user.has_group("complaint_automotive.group_automotive_user")
        for complaint in self:
            if complaint.sector != roles.SECTOR:
                raise UserError(self.env._("%s is not a dealer complaint.", complaint.display_name))
            if not at_desk and complaint.user_id != user:
                raise AccessError(
                    self.env._("Only the handler or the automotive desk may do this on %s.", complaint.display_name)
                )

    def action_automotive_sign_for(self):
        """The retail or service manager signs for the complaint form (签收):
        who and when are recorded, the complaint has an owner on record, the
        sign-for and response clocks are met."""
        self._automotive_check_desk()
        for complaint in self:
            if complaint.automotive_signed_by_id:
                raise UserError(
                    self.env._(
                        "%(complaint)s was already signed for by %(user)s.",
                        complaint=complaint.display_name,
                        user=complaint.automotive_signed_by_id.name,
                    )
                )
            if complaint.state in ("closed", "cancelled"):
                raise UserError(self.env._("%s is closed: nothing to sign for.", complaint.display_name))
        now = fields.Datetime.now()
        user = self.env.user
        for complaint in self.sudo():
            values = {"automotive_signed_by_id": user.id, "automotive_date_signed": now}
            if not complaint.user_id:
                values["user_id"] = user.id
            if not complaint.automotive_date_responded:
                values["automotive_date_responded"] = now
            complaint.write(values)
            complaint.message_post(
                body=self.env._(
                    "Signed for by %(user)s on %(when)s.",
                    user=user.name,
                    when=complaint.company_id._complaint_format_datetime(now),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.sudo()._clock_event("automotive_responded", now)
        self.sudo()._clock_event("automotive_signed_for", now)
        return True

    def action_automotive_respond(self):
        """Customer care responded to a manufacturer-system complaint (printed
        the form and passed it on for assignment): meets the 30-minute clock."""
        self._automotive_check_desk()
        now = fields.Datetime.now()
        todo = self.filtered(lambda c: not c.automotive_date_responded)
        todo.sudo().write({"automotive_date_responded": now})
        todo.sudo()._clock_event("automotive_responded", now)
        return True

    def action_automotive_establish_conduct(self):
        """A manager establishes that the complaint was caused by staff
        attitude or a process not followed: 100 to the person complained
        about and a notice to the department (通报批评); counts towards the
        weekly limit of the department."""
        if not self.env.su and not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(self.env._("Only a complaint manager establishes a staff-attitude or process complaint."))
        self._automotive_check_desk()
        rule = (
            self.env["complaint.penalty.rule"]
            .sudo()
            .search([("code", "=", "AUTO-CONDUCT"), ("company_id", "in", self.company_id.ids)], limit=1)
        )
        Penalty = self.env["complaint.penalty"].sudo()
        values = []
        for complaint in self.sudo():
            if complaint.automotive_conduct_established:
                raise UserError(self.env._("%s is already established as a conduct complaint.", complaint.display_name))
            payers = complaint._penalty_payers("respondent")
            if not payers:
                raise UserError(
                    self.env._("Name the staff member complained about on %s first.", complaint.display_name)
                )
            complaint.write({"automotive_conduct_established": True})
            if rule.filtered(lambda r, c=complaint: r.company_id == c.company_id and r.active):
                for partner, user in payers:
                    values.append(
                        {
                            "complaint_id": complaint.id,
                            "rule_id": rule.id,
                            "payer_type": "respondent",
                            "partner_id": partner.id,
                            "user_id": user.id,
                            "team_id": complaint.team_id.id,
                            "company_id": complaint.company_id.id,
                            "amount": rule.amount,
                            "breach_key": f"automotive:conduct:{complaint.id}:partner:{partner.id}",
                            "evidence": self.env._("Staff attitude or process established by %s.", self.env.user.name),
                        }
                    )
            names = ", ".join(partner.name for partner, __ in payers)
            complaint.message_post(
                body=self.env._(
                    "Department notice (通报批评): this complaint was caused by staff attitude or process (%s).", names
                ),
                subtype_xmlid="mail.mt_note",
            )
        Penalty._create_batch_once(values)
        return True
