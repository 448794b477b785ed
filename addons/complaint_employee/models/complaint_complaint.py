import pytz

from odoo import api, fields, models
from odoo.addons.complaint_base.models.complaint_complaint import IDENTITY_FIELDS
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules import filing
from ..rules.plugin import SECTOR

OFFICER_GROUP = "complaint_employee.group_grievance_officer"
EMPLOYEE_PATHS = [
    ("informal", "Informal (Verbal, Team Leader / Unit Head)"),
    ("formal", "Formal (Written, GM Mailbox)"),
    ("anonymous", "Anonymous Report"),
]
# the channel a grievance comes through decides its path (seed 000, 第二至四条)
CHANNEL_PATHS = {"emp_informal": "informal", "emp_formal": "formal", "emp_anonymous": "anonymous"}


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    employee_path = fields.Selection(
        EMPLOYEE_PATHS,
        string="Grievance Path",
        compute="_compute_employee_path",
        store=True,
        readonly=False,
        index=True,
        help="Informal: verbal, helped by the team leader or unit head, up the manager chain level by level. "
        "Formal: written into the GM mailbox, answered by the administration department, appeal to the GM.",
    )
    employee_event_date = fields.Date(string="Event Date", help="When what the grievance is about happened.")
    employee_filed_on = fields.Date(
        string="Filed On (Local Day)",
        compute="_compute_employee_filing",
        store=True,
        help="In the company's time zone.",
    )
    employee_filed_late = fields.Boolean(
        string="Filed Late",
        compute="_compute_employee_filing",
        store=True,
        help="A formal grievance filed more than the filing window (one week) after the event: flagged, not refused.",
    )
    employee_concerned_ids = fields.Many2many(
        "hr.employee",
        "complaint_employee_concerned_rel",
        "complaint_id",
        "employee_id",
        string="Persons Concerned",
        help="The managers or colleagues the grievance is about. They never see it, are never its handler, "
        "follower or escalation recipient.",
    )
    employee_concerned_user_ids = fields.Many2many(
        "res.users",
        "complaint_employee_concerned_user_rel",
        "complaint_id",
        "user_id",
        string="Users Concerned",
        compute="_compute_employee_concerned_user_ids",
        store=True,
        compute_sudo=True,
    )
    employee_reporter_input_id = fields.Many2one(
        "hr.employee",
        string="Reporter (Sealed)",
        compute="_compute_employee_reporter_input_id",
        inverse="_inverse_employee_reporter_input_id",
        help="Sealed on save: kept apart, readable by the identity custodians only. Never shown again here.",
    )
    employee_identity_sealed = fields.Boolean(string="Identity Sealed", readonly=True, copy=False)
    employee_admin_reply_date = fields.Datetime(string="Administration Replied On", readonly=True, copy=False)
    employee_appeal_date = fields.Datetime(string="Appealed to the GM On", readonly=True, copy=False)
    employee_appeal_late = fields.Boolean(
        string="Appeal Late", readonly=True, copy=False, help="Appealed more than a week after the written reply."
    )
    employee_gm_answer_date = fields.Datetime(string="GM Answered On", readonly=True, copy=False)
    employee_feedback_date = fields.Datetime(string="Feedback Given On", readonly=True, copy=False)
    employee_exchange_ids = fields.One2many(
        "complaint.employee.exchange", "complaint_id", string="Exchanges with the Reporter"
    )
    employee_alert_count = fields.Integer(compute="_compute_employee_alert_count", string="Retaliation Alerts")

    # --- computes ---------------------------------------------------------
    @api.depends("sector", "channel_id", "is_anonymous")
    def _compute_employee_path(self):
        for complaint in self:
            if complaint.sector != SECTOR:
                complaint.employee_path = False
            elif complaint.is_anonymous:
                complaint.employee_path = "anonymous"
            else:
                complaint.employee_path = CHANNEL_PATHS.get(complaint.channel_id.code) or complaint.employee_path

    @api.depends(
        "sector", "date_received", "employee_event_date", "employee_path", "company_id.employee_filing_window_days"
    )
    def _compute_employee_filing(self):
        for complaint in self:
            if complaint.sector != SECTOR:
                complaint.employee_filed_on = complaint.employee_filed_late = False
                continue
            company = complaint.company_id or self.env.company
            filed_on = False
            if complaint.date_received:
                tz = pytz.timezone(company._complaint_tz())
                filed_on = pytz.utc.localize(complaint.date_received).astimezone(tz).date()
            complaint.employee_filed_on = filed_on
            complaint.employee_filed_late = complaint.employee_path == "formal" and filing.filed_late(
                complaint.employee_event_date, filed_on, company.employee_filing_window_days
            )

    @api.depends("employee_concerned_ids.user_id")
    def _compute_employee_concerned_user_ids(self):
        for complaint in self:
            complaint.employee_concerned_user_ids = complaint.employee_concerned_ids.user_id

    def _compute_employee_reporter_input_id(self):
        # write-only: the reporter is sealed in complaint.employee.identity
        self.employee_reporter_input_id = False

    def _inverse_employee_reporter_input_id(self):
        # create and write take the value out before it is stored (see there)
        return

    def _compute_employee_alert_count(self):
        counts = dict(
            self.env["complaint.employee.alert"]._read_group(
                [("complaint_id", "in", self.ids)], ["complaint_id"], ["__count"]
            )
        )
        for complaint in self:
            complaint.employee_alert_count = counts.get(complaint, 0)

    # --- constraints ------------------------------------------------------
    @api.constrains("user_id", "employee_concerned_ids")
    def _check_employee_handler_not_concerned(self):
        for complaint in self.filtered(lambda c: c.sector == SECTOR and c.user_id):
            if complaint.user_id in complaint.employee_concerned_user_ids:
                raise ValidationError(self.env._("A person named in grievance %s cannot handle it.", complaint.name))

    # --- intake -----------------------------------------------------------
    def _intake_values(self):
        values = super()._intake_values()
        if self.sector == SECTOR:
            # seed 000, 第四条: anonymous grievances are always accepted; a named
            # one keeps its reporter in the sealed identity record
            values["anonymous_allowed"] = True
            values["employee_sealed"] = self.employee_identity_sealed
        return values

    @api.model
    def _intake_problems(self, values):
        problems = super()._intake_problems(values)
        if values.get("sector") == SECTOR and values.get("employee_sealed"):
            problems = [problem for problem in problems if problem[0] != "contact_name"]
        return problems

    @api.model_create_multi
    def create(self, vals_list):
        reporters = [vals.pop("employee_reporter_input_id", False) for vals in vals_list]
        for vals, reporter in zip(vals_list, reporters, strict=True):
            if reporter and not vals.get("is_anonymous"):
                # named by the employee record alone: sealed (a grievance needs no contact)
                vals["employee_identity_sealed"] = True
        complaints = super().create(vals_list)
        grievances = complaints.filtered(lambda c: c.sector == SECTOR)
        if grievances:
            for complaint, reporter in zip(complaints, reporters, strict=True):
                if complaint.sector != SECTOR or complaint.is_anonymous:
                    continue
                # the complaint never keeps a grievance's reporter: sealed apart
                identity = {name: complaint[name] for name in IDENTITY_FIELDS if complaint[name]}
                if "partner_id" in identity:
                    identity["partner_id"] = identity["partner_id"].id
                if reporter:
                    identity["employee_id"] = reporter
                if identity:
                    complaint._employee_seal_identity(identity)
            grievances._employee_drop_concerned_followers()
        return complaints

    def write(self, vals):
        grievances = self.filtered(lambda c: c.sector == SECTOR)
        if grievances and (set(IDENTITY_FIELDS) | {"employee_reporter_input_id"}) & vals.keys():
            others = self - grievances
            if others:
                super(ComplaintComplaint, others).write(dict(vals))
            identity = {name: vals[name] for name in IDENTITY_FIELDS if vals.get(name)}
            if vals.get("employee_reporter_input_id"):
                identity["employee_id"] = vals["employee_reporter_input_id"]
            vals = {
                name: value
                for name, value in vals.items()
                if name not in IDENTITY_FIELDS and name != "employee_reporter_input_id"
            }
            if identity:
                for complaint in grievances.filtered(lambda c: not c.is_anonymous):
                    complaint._employee_seal_identity(identity)
            self = grievances  # noqa: PLW0642
        result = super().write(vals)
        if "employee_concerned_ids" in vals:
            self.filtered(lambda c: c.sector == SECTOR)._employee_drop_concerned_followers()
        return result

    # --- sealed identity --------------------------------------------------
    def _employee_seal_identity(self, identity):
        """Keep the reporter apart, in a record only the custodians read."""
        self.ensure_one()
        Identity = self.env["complaint.employee.identity"].sudo()
        values = {
            "employee_id": identity.get("employee_id") or False,
            "partner_id": identity.get("partner_id") or False,
            "reporter_name": identity.get("contact_name") or False,
            "reporter_phone": identity.get("contact_phone") or False,
            "reporter_email": identity.get("contact_email") or False,
        }
        existing = Identity.search([("complaint_id", "=", self.id)], limit=1)
        if existing:
            existing.write({key: value for key, value in values.items() if value})
        else:
            Identity.create({"complaint_id": self.id, **values})
        if not self.employee_identity_sealed:
            super(ComplaintComplaint, self.sudo().with_context(tracking_disable=True)).write(
                {"employee_identity_sealed": True}
            )
        if any(self[name] for name in IDENTITY_FIELDS):
            # the base's erasure: fields, outside followers, tracking that named them
            self.sudo()._erase_identity()

    def _employee_reporter_employee(self):
        """The reporter as an employee (sudo; never shown to the caller)."""
        self.ensure_one()
        return (
            self.env["complaint.employee.identity"].sudo().search([("complaint_id", "=", self.id)], limit=1).employee_id
        )

    # --- blindness of the persons concerned ---------------------------------
    def _employee_drop_concerned_followers(self):
        for complaint in self.sudo():
            partners = (
                complaint.employee_concerned_user_ids.partner_id | complaint.employee_concerned_ids.work_contact_id
            )
            named = complaint.message_partner_ids & partners
            if named:
                complaint.message_unsubscribe(partner_ids=named.ids)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        grievances = self.sudo().filtered(lambda c: c.sector == SECTOR).with_env(self.env)
        if not partner_ids or not grievances:
            return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)
        if self - grievances:
            super(ComplaintComplaint, self - grievances)._message_subscribe(partner_ids, subtype_ids, customer_ids)
        for complaint in grievances:
            concerned = complaint.sudo().employee_concerned_user_ids.partner_id | (
                complaint.sudo().employee_concerned_ids.work_contact_id
            )
            allowed = [pid for pid in partner_ids if pid not in concerned.ids]
            if allowed:
                super(ComplaintComplaint, complaint)._message_subscribe(allowed, subtype_ids, customer_ids)
        return True

    # --- the paths' events (seed 000, 第三条) -------------------------------
    def _employee_check_officer(self):
        self.check_access("write")
        if self.env.su:
            return
        if not self.env.user.has_group(OFFICER_GROUP):
            raise AccessError(self.env._("Only grievance officers handle grievances."))
        for complaint in self:
            if complaint.sector != SECTOR:
                raise UserError(self.env._("%s is not an employee grievance.", complaint.display_name))

    def action_employee_admin_reply(self):
        """The administration department replied in writing (within a week):
        meets the reply clock, opens the week in which the employee may appeal."""
        self._employee_check_officer()
        now = fields.Datetime.now()
        todo = self.filtered(lambda c: not c.employee_admin_reply_date)
        todo.sudo().write({"employee_admin_reply_date": now})
        todo.sudo()._clock_event("employee_admin_replied", now)
        return True

    def action_employee_appeal_gm(self):
        """The employee appeals to the general manager: the GM's half month
        starts; an appeal later than a week after the reply is flagged."""
        self._employee_check_officer()
        self._employee_appeal()
        return True

    def _employee_appeal(self, when=None):
        when = when or fields.Datetime.now()
        for complaint in self.sudo():
            if not complaint.employee_admin_reply_date:
                raise UserError(self.env._("%s has no written reply yet: nothing to appeal.", complaint.display_name))
            if complaint.employee_appeal_date:
                raise UserError(self.env._("%s was already appealed to the GM.", complaint.display_name))
            window = complaint.clock_ids.filtered(
                lambda c: c.kind_id.stop_event == "employee_appealed" and c.state in ("running", "breached")
            )
            late = any(clock.date_due and clock.date_due < when for clock in window)
            complaint.write({"employee_appeal_date": when, "employee_appeal_late": late})
        self.sudo()._clock_event("employee_appealed", when)

    def action_employee_gm_answer(self):
        """The general manager answered the appeal in writing."""
        self._employee_check_officer()
        now = fields.Datetime.now()
        for complaint in self:
            if not complaint.employee_appeal_date:
                raise UserError(self.env._("%s was not appealed to the GM.", complaint.display_name))
        todo = self.filtered(lambda c: not c.employee_gm_answer_date)
        todo.sudo().write({"employee_gm_answer_date": now})
        todo.sudo()._clock_event("employee_gm_answered", now)
        return True

    def _employee_feedback_given(self, when=None):
        when = when or fields.Datetime.now()
        todo = self.sudo().filtered(lambda c: not c.employee_feedback_date)
        todo.write({"employee_feedback_date": when})
        todo._clock_event("employee_feedback", when)

    def action_view_employee_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("complaint_employee.complaint_employee_alert_action")
        action["domain"] = [("complaint_id", "=", self.id)]
        return action

    def action_employee_request_identity(self):
        """Open a request to the custodians to see the reporter's identity."""
        self.ensure_one()
        self._employee_check_officer()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request the Reporter's Identity"),
            "res_model": "complaint.employee.identity.request",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def _employee_manager_chain_user_ids(self):
        """The users of the reporter's managers in ``hr``, nearest first
        (unit head, then the next level...), without loops."""
        self.ensure_one()
        employee = self._employee_reporter_employee()
        users, seen = [], set()
        manager = employee.sudo().parent_id
        while manager and manager.id not in seen:
            seen.add(manager.id)
            if manager.user_id:
                users.append(manager.user_id.id)
            manager = manager.parent_id
        return users

    def _employee_officer_to_tell(self):
        """Who gets a grievance's to-dos: its handler, else the grievance
        desk's leader, else an officer of its company; never a person named
        in it."""
        self.ensure_one()
        complaint = self.sudo()
        excluded = complaint.employee_concerned_user_ids
        officers = (
            self.env.ref(OFFICER_GROUP)
            .sudo()
            .users.filtered(lambda u: not u.share and complaint.company_id in u.company_ids)
        )
        for candidate in (complaint.user_id, complaint.team_id.leader_id):
            if candidate and candidate in officers and candidate not in excluded:
                return candidate
        return (officers - excluded)[:1]
