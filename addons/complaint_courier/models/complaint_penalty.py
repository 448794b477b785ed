from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..rules.schedule import SECTOR

# payers whose fine lands on an outlet's statement and portal
OUTLET_PAYERS = ("outlet", "respondent")
FINE_PARTS = [
    ("main", "Article"),
    ("surcharge", "Repeat Surcharge"),
    ("extra", "Also Levied"),
]


class ComplaintPenalty(models.Model):
    _inherit = "complaint.penalty"

    payer_type = fields.Selection(selection_add=[("outlet", "The Outlet")], ondelete={"outlet": "set default"})
    courier_outlet_id = fields.Many2one(
        "courier.outlet",
        string="Outlet",
        readonly=True,
        index=True,
        help="The outlet that pays: the fine is deducted from its settlement. Written when the fine is created, "
        "for fines of the outlet (or of a respondent that is an outlet) only; a handler's or team leader's fine "
        "names no outlet, and changing the complaint's outlet later never moves a fine.",
    )
    courier_staff_id = fields.Many2one("courier.staff", string="Staff Member", index="btree_not_null")
    courier_part = fields.Selection(FINE_PARTS, string="Line", default="main")
    courier_article = fields.Char(related="rule_id.article", string="Article Text")
    courier_appeal_reason = fields.Text(string="Outlet's Appeal", readonly=True, copy=False)
    courier_date_appealed = fields.Datetime(string="Appealed On", readonly=True, copy=False)

    @api.model
    def _courier_outlet_values(self, vals_list):
        """Name the paying outlet on new fines of an outlet or respondent
        payer: the outlet whose contact pays.  Any other payer's fine (the
        handler, the team leader) names no outlet."""
        todo = [
            vals
            for vals in vals_list
            if "courier_outlet_id" not in vals and vals.get("payer_type") in OUTLET_PAYERS and vals.get("partner_id")
        ]
        if not todo:
            return
        outlets = (
            self.env["courier.outlet"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", [vals["partner_id"] for vals in todo])])
        )
        by_partner = {outlet.partner_id.id: outlet.id for outlet in outlets}
        for vals in todo:
            if vals["partner_id"] in by_partner:
                vals["courier_outlet_id"] = by_partner[vals["partner_id"]]

    @api.model_create_multi
    def create(self, vals_list):
        self._courier_outlet_values(vals_list)
        # a fine of a courier deadline is dated at the breach, so that it lands in
        # the month of the breach however late the scheduler runs
        clock_ids = [vals["clock_id"] for vals in vals_list if vals.get("clock_id") and not vals.get("date")]
        if clock_ids:
            clocks = self.env["complaint.clock"].sudo().browse(clock_ids)
            due = {
                clock.id: clock.date_due for clock in clocks if clock.complaint_id.sector == SECTOR and clock.date_due
            }
            for vals in vals_list:
                if vals.get("clock_id") in due and not vals.get("date"):
                    vals["date"] = due[vals["clock_id"]]
        return super().create(vals_list)

    def _courier_appeal(self, reason, author, attachments=None):
        """The outlet disputes the fine (网点申诉) from the portal;
        ``attachments``: optional ``[(file name, content bytes)]`` supporting it."""
        self.ensure_one()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the outlet disputes this fine."))
        if self.state not in ("proposed", "confirmed"):
            raise UserError(self.env._("Only a proposed or confirmed fine can be appealed."))
        self._move("appealed")
        self.write({"courier_appeal_reason": reason[:5000], "courier_date_appealed": fields.Datetime.now()})
        managers = self.env.ref("complaint_base.group_complaint_manager").users.filtered(
            lambda u: self.company_id in u.company_ids
        )
        self.message_post(
            body=Markup("<p><b>%s</b></p><p>%s</p>")
            % (
                self.company_id.sudo()._complaint_env()._("Appeal by the outlet"),
                reason[:5000],
            ),
            author_id=author.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=managers.partner_id.ids,
            attachments=attachments or [],
        )
