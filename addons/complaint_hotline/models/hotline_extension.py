from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

GROUP_DISPATCHER = "complaint_hotline.group_hotline_dispatcher"
EXTENSION_UNITS = [("hours", "Hours"), ("working_days", "Working Days"), ("days", "Days")]


class HotlineExtension(models.Model):
    """A department asks for more time (延期申请); only the centre grants it,
    and the handling clock then moves."""

    _name = "hotline.extension"
    _description = "Time Limit Extension Request"
    _order = "id desc"

    order_id = fields.Many2one(
        "complaint.complaint", string="Work Order", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    department_id = fields.Many2one(related="order_id.hotline_department_id", store=True, string="Department")
    amount = fields.Float(required=True, default=1)
    unit = fields.Selection(EXTENSION_UNITS, required=True, default="working_days")
    reason = fields.Text(required=True)
    state = fields.Selection(
        [("requested", "Requested"), ("approved", "Approved"), ("refused", "Refused")],
        default="requested",
        required=True,
        readonly=True,
    )
    requested_by_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    decided_by_id = fields.Many2one("res.users", string="Decided By", readonly=True)
    date_decided = fields.Datetime(string="Decided On", readonly=True)
    decision_note = fields.Text()

    @api.constrains("amount")
    def _check_amount(self):
        if any(ext.amount <= 0 for ext in self):
            raise ValidationError(self.env._("An extension is a positive amount of time."))

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["complaint.complaint"].browse([vals["order_id"] for vals in vals_list])
        orders._hotline_check("lead", states=("signed", "dispatched"))
        waiting = self.sudo().search([("order_id", "in", orders.ids), ("state", "=", "requested")], limit=1)
        if waiting or len(set(orders.ids)) < len(vals_list):
            raise UserError(
                self.env._(
                    "%s has an extension request waiting for the centre's decision.",
                    (waiting.order_id or orders[:1]).name,
                )
            )
        for vals in vals_list:
            vals.pop("state", None)
            vals["requested_by_id"] = self.env.uid
        requests = super(HotlineExtension, self.sudo()).create(vals_list)
        for request in requests:
            order = request.order_id
            centre = order.team_id
            order._hotline_notify(
                centre.leader_id | centre.member_ids.filtered(lambda u: u.has_group(GROUP_DISPATCHER)),
                order._hotline_env()._(
                    "%(user)s asks for an extension of %(amount)s %(unit)s: %(reason)s",
                    user=self.env.user.name,
                    amount=f"{request.amount:g}",
                    unit=dict(request._fields["unit"]._description_selection(order._hotline_env())).get(request.unit),
                    reason=request.reason,
                ),
            )
        return requests.with_env(self.env)

    def write(self, vals):
        if not self.env.su and set(vals) - {"decision_note"}:
            raise AccessError(self.env._("An extension request is changed by its approval or refusal only."))
        return super().write(vals)

    def _check_centre(self):
        if not self.env.su and not self.env.user.has_group(GROUP_DISPATCHER):
            raise AccessError(self.env._("Only the hotline centre approves extensions."))
        self.check_access("read")
        if self.filtered(lambda e: e.state != "requested"):
            raise UserError(self.env._("This request was decided already."))

    def action_approve(self):
        self._check_centre()
        for ext in self.sudo():
            order = ext.order_id
            clock = order._hotline_clock("hotline_handle")
            if not clock:
                raise UserError(self.env._("%s has no running handling time limit.", order.name))
            note = order._hotline_env()._("Extension approved by %s", self.env.user.name)
            clock._extend(ext.amount, ext.unit, note=note)
            ext.write({"state": "approved", "decided_by_id": self.env.uid, "date_decided": fields.Datetime.now()})
            order._hotline_hop("extension", reason=ext.reason, deadline=clock.date_due, on_time=True)
        return True

    def action_refuse(self):
        self._check_centre()
        self.sudo().write({"state": "refused", "decided_by_id": self.env.uid, "date_decided": fields.Datetime.now()})
        return True
