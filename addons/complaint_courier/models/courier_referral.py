import psycopg2
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools import mute_logger

REFERRAL_STATES = [
    ("open", "To Handle"),
    ("in_progress", "In Hand"),
    ("done", "Dealt With"),
]


class CourierReferral(models.Model):
    """An outlet sent to network management (交网点管理中心严肃处理): three or
    more complaints of the same kind against it in one calendar month."""

    _name = "courier.referral"
    _description = "Network Management Referral"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "month desc, id desc"

    outlet_id = fields.Many2one("courier.outlet", required=True, index=True, ondelete="restrict", readonly=True)
    rule_id = fields.Many2one(
        "complaint.penalty.rule", string="Kind (Article)", required=True, ondelete="restrict", readonly=True
    )
    month = fields.Date(required=True, readonly=True, help="First day of the calendar month.")
    company_id = fields.Many2one(related="outlet_id.company_id", store=True, index=True)
    complaint_ids = fields.Many2many(
        "complaint.complaint",
        "courier_referral_complaint_rel",
        "referral_id",
        "complaint_id",
        string="Complaints",
        readonly=True,
    )
    complaint_count = fields.Integer(compute="_compute_complaint_count", store=True)
    state = fields.Selection(REFERRAL_STATES, required=True, default="open", tracking=True, index=True)
    user_id = fields.Many2one("res.users", string="Network Manager", tracking=True, domain=[("share", "=", False)])
    decision = fields.Text(string="Measures Taken", tracking=True)

    _sql_constraints = [
        (
            "outlet_kind_month_unique",
            "unique(outlet_id, rule_id, month)",
            "An outlet is referred once per kind and month.",
        ),
    ]

    @api.depends("complaint_ids")
    def _compute_complaint_count(self):
        for referral in self:
            referral.complaint_count = len(referral.complaint_ids)

    @api.depends("outlet_id", "rule_id", "month")
    def _compute_display_name(self):
        for referral in self:
            month = referral.month.strftime("%Y-%m") if referral.month else ""
            referral.display_name = f"{referral.outlet_id.code or ''} {month} {referral.rule_id.code or ''}".strip()

    @api.model
    def _courier_flag(self, outlet_id, rule_id, month, complaints):
        """Refer the outlet for this kind and month once, and notify network
        management; later complaints of the month are added to the referral."""
        month_start = fields.Date.to_date(f"{month}-01")
        key = [("outlet_id", "=", outlet_id), ("rule_id", "=", rule_id), ("month", "=", month_start)]
        referral = self.search(key, limit=1)
        created = False
        if not referral:
            try:
                with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                    referral = self.create({"outlet_id": outlet_id, "rule_id": rule_id, "month": month_start})
                    created = True
            except psycopg2.errors.UniqueViolation:
                # another transaction referred it meanwhile: its complaints are linked there
                return self.browse()
        missing = complaints - referral.complaint_ids
        if missing:
            referral.write({"complaint_ids": [Command.link(c.id) for c in missing]})
        if created:
            referral._notify_network_management()
        return referral

    def _notify_network_management(self):
        """Tell network management, in the company's language, with the
        complaints' local reception times (the scheduler writes this)."""
        group = self.env.ref("complaint_courier.group_courier_network")
        for referral in self:
            company = (referral.company_id or self.env.company).sudo()
            env = company._complaint_env()
            users = group.users.filtered(lambda u, r=referral: r.company_id in u.company_ids and not u.share)
            complaints = referral.complaint_ids.sudo().sorted(lambda c: (c.date_received, c.id))
            body = Markup("<p>%s</p><ul>%s</ul>") % (
                env._(
                    "%(outlet)s: %(count)s complaints of %(article)s in %(month)s. "
                    "Sent to network management for severe handling.",
                    outlet=referral.outlet_id.display_name,
                    count=len(complaints),
                    article=referral.rule_id.with_context(lang=env.lang).display_name,
                    month=referral.month.strftime("%Y-%m"),
                ),
                Markup("").join(
                    Markup("<li>%s</li>")
                    % env._(
                        "%(complaint)s, received %(received)s",
                        complaint=complaint.name,
                        received=company._complaint_format_datetime(complaint.date_received),
                    )
                    for complaint in complaints
                ),
            )
            referral.message_post(body=body, partner_ids=users.partner_id.ids, subtype_xmlid="mail.mt_note")
            referral.outlet_id.message_post(body=body, subtype_xmlid="mail.mt_note")

    def action_start(self):
        self.write({"state": "in_progress", "user_id": self.env.user.id})

    def action_done(self):
        self.write({"state": "done"})

    def action_reopen(self):
        self.write({"state": "open"})
