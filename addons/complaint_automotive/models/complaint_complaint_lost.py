"""A lost complaint form (抱怨单遗失, seed 004, 七 7): "如在抱怨处理过程中，造成
抱怨单遗失，所有参与抱怨解决的员工每人处罚50元".

A manager records the loss; the participants are proposed from the record
(handler, who signed for it, who assigned it, internal users who wrote on it
or had an activity on it, internal involved parties) and confirmed by the
manager; each is fined once per complaint through the base ledger."""

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from ..rules import roles

LOST_RULE = "AUTO-LOST"


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    automotive_assigned_by_id = fields.Many2one(
        "res.users",
        string="Assigned By",
        readonly=True,
        copy=False,
        help="The internal user who last set the handler of this dealer complaint (the customer-care manager "
        "who passed the form on).",
    )
    automotive_form_lost = fields.Boolean(string="Complaint Form Lost", readonly=True, copy=False)
    automotive_date_form_lost = fields.Datetime(string="Form Loss Recorded On", readonly=True, copy=False)
    automotive_form_lost_by_id = fields.Many2one("res.users", string="Form Loss Recorded By", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        assigner = self._automotive_assigner()
        if assigner:
            complaints.filtered(
                lambda c: c.sector == roles.SECTOR and c.user_id and not c.automotive_assigned_by_id
            ).sudo().write({"automotive_assigned_by_id": assigner.id})
        return complaints

    def write(self, vals):
        assigner = self._automotive_assigner() if vals.get("user_id") else self.env["res.users"]
        changed = self.filtered(lambda c: c.user_id.id != vals["user_id"]) if assigner else self.browse()
        result = super().write(vals)
        changed = changed.filtered(lambda c: c.sector == roles.SECTOR)
        if changed and "automotive_assigned_by_id" not in vals:
            super(ComplaintComplaint, changed.sudo()).write({"automotive_assigned_by_id": assigner.id})
        return result

    def _automotive_assigner(self):
        """The user setting a handler now, when a person (not the system)."""
        user = self.env.user
        if user.id == SUPERUSER_ID or user.share or not user.active:
            return self.env["res.users"]
        return user

    # --- rights -------------------------------------------------------------
    def _automotive_check_form_lost(self):
        """A complaint manager of the dealer's desk, or the customer-care
        manager or a director of the complaint's team, records a lost form."""
        self._automotive_check_desk()
        if self.env.su:
            return
        user = self.env.user
        if user.has_group("complaint_base.group_complaint_manager") and user.has_group(
            "complaint_automotive.group_automotive_user"
        ):
            return
        for complaint in self:
            if not complaint._automotive_user_roles(user) & set(roles.FORM_LOST_ROLES):
                raise AccessError(
                    self.env._(
                        "Only the customer-care manager or a director records a lost complaint form on %s.",
                        complaint.display_name,
                    )
                )

    def _automotive_user_roles(self, user):
        """The role codes ``user`` holds on this complaint's team."""
        self.ensure_one()
        return set(self.sudo().team_id.role_ids.filtered(lambda r: r.user_id == user).mapped("code"))

    # --- participants -------------------------------------------------------
    def _automotive_form_participants(self):
        """The internal users who took part in resolving this complaint: its
        handler, who signed for it, who assigned it, the internal involved
        parties, and the internal users who wrote a message or note on it or
        had an activity on it.  Read as superuser: the caller was checked."""
        self.ensure_one()
        complaint = self.sudo()
        users = (
            complaint.user_id
            | complaint.automotive_signed_by_id
            | complaint.automotive_assigned_by_id
            | complaint.party_ids.filtered(lambda p: p.role not in ("complainant", "witness")).user_id
        )
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", self._name), ("res_id", "=", complaint.id), ("author_id", "!=", False)])
        )
        users |= messages.author_id.user_ids
        activities = (
            self.env["mail.activity"].sudo().search([("res_model", "=", self._name), ("res_id", "=", complaint.id)])
        )
        users |= activities.user_id
        return users.filtered(
            lambda u: u.active and not u.share and u.id != SUPERUSER_ID and complaint.company_id in u.company_ids
        ).sorted("id")

    # --- actions ------------------------------------------------------------
    def action_automotive_form_lost(self):
        """Open the form recording the loss, with the participants proposed."""
        self.ensure_one()
        self._automotive_check_form_lost()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Complaint Form Lost"),
            "res_model": "automotive.form.lost.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_complaint_id": self.id},
        }

    def action_automotive_record_form_lost(self, user_ids, note=None):
        """Record that the complaint form was lost: every participant in
        ``user_ids`` (internal users) is fined by the shipped rule AUTO-LOST,
        once per complaint and participant; the loss is noted in the chatter
        in the company's language and time."""
        self.ensure_one()
        self._automotive_check_form_lost()
        if self.state == "cancelled":
            raise UserError(self.env._("%s is cancelled: no form to lose.", self.display_name))
        participants = self.env["res.users"].sudo().browse(user_ids or []).exists()
        if not participants:
            raise UserError(self.env._("Name the employees who took part in resolving %s.", self.display_name))
        outsiders = participants.filtered(lambda u: u.share or not u.active)
        if outsiders:
            raise UserError(
                self.env._(
                    "Only active internal users are fined for a lost form: %s.", ", ".join(outsiders.mapped("name"))
                )
            )
        note = (note or "").strip()[:2000]
        now = fields.Datetime.now()
        recorder = self.env.user
        complaint = self.sudo()
        company = complaint.company_id
        env = company._complaint_env()
        when = company._complaint_format_datetime(now)
        rule = (
            self.env["complaint.penalty.rule"]
            .sudo()
            .search([("code", "=", LOST_RULE), ("company_id", "=", company.id), ("active", "=", True)], limit=1)
        )
        Penalty = self.env["complaint.penalty"].sudo()
        fines = Penalty
        if rule:
            amount = rule.amount if rule.amount_type == "fixed" else rule.amount_min
            fine = {"rule_code": rule.code, "amount": amount, "payer": "participant"}
            evidence = env._(
                "Complaint form of %(complaint)s lost; recorded by %(user)s on %(when)s.",
                complaint=complaint.name,
                user=recorder.name,
                when=when,
            )
            if note:
                evidence = f"{evidence}\n{note}"
            values = [
                Penalty._fine_values(
                    complaint,
                    fine,
                    rule,
                    user.partner_id,
                    user,
                    f"automotive:form_lost:{complaint.id}:partner:{user.partner_id.id}",
                    evidence,
                )
                for user in participants
            ]
            fines = Penalty._create_batch_once(values)
        if not complaint.automotive_form_lost:
            complaint.write(
                {
                    "automotive_form_lost": True,
                    "automotive_date_form_lost": now,
                    "automotive_form_lost_by_id": recorder.id,
                }
            )
        fined = fines.user_id
        body = Markup("<p>%s</p>") % env._(
            "Complaint form lost, recorded by %(user)s on %(when)s. Participants: %(names)s.",
            user=recorder.name,
            when=when,
            names=", ".join(participants.mapped("name")),
        )
        if fines:
            body += Markup("<p>%s</p>") % env._(
                "Fined %(amount)s each: %(names)s.",
                amount=format_amount(env, fines[:1].amount, company.currency_id),
                names=", ".join(fined.mapped("name")),
            )
        already = participants - fined
        if rule and already:
            body += Markup("<p>%s</p>") % env._("Already fined for this form: %s.", ", ".join(already.mapped("name")))
        if note:
            body += Markup("<p>%s</p>") % note
        complaint.message_post(body=body, subtype_xmlid="mail.mt_note", author_id=recorder.partner_id.id)
        return fines.ids
