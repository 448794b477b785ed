"""Recurring complaints (反复出现的顾客抱怨, seed 004, 七 11-12).

A daily scheduler puts on the review list every dealer complaint of a
vehicle with at least N complaints (default 2), or of a type with at least M
complaints (default 3), received within the window (default 90 days).  The
sales director and the customer-care director record the long-term measures
in the base's root cause / corrective / preventive fields and mark the
review done; the sales director promotes an effective corrective action to
the team.  Counted with grouped, indexed queries; a complaint is listed once
(rows claimed with SKIP LOCKED, so two runs at once note it once)."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..rules import roles

RECURRING_KINDS = [
    ("vehicle", "Same Vehicle"),
    ("topic", "Same Type"),
    ("both", "Same Vehicle and Type"),
]
REVIEW_STATES = [("to_review", "To Review"), ("done", "Reviewed")]


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    automotive_recurring = fields.Boolean(
        string="Recurring Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The same vehicle or the same type of complaint came back repeatedly within the window: on the "
        "directors' review list.",
    )
    automotive_recurring_kind = fields.Selection(RECURRING_KINDS, string="Recurs By", readonly=True, copy=False)
    automotive_recurring_count = fields.Integer(
        string="Complaints in the Window",
        readonly=True,
        copy=False,
        help="How many complaints of the same vehicle (or type) were received in the window when it was listed.",
    )
    automotive_date_recurring = fields.Datetime(string="Listed for Review On", readonly=True, copy=False)
    automotive_review_state = fields.Selection(
        REVIEW_STATES, string="Review", readonly=True, copy=False, index="btree_not_null"
    )
    automotive_reviewed_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True, copy=False)
    automotive_date_reviewed = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    automotive_measure_promoted = fields.Boolean(string="Corrective Action Promoted", readonly=True, copy=False)
    automotive_date_promoted = fields.Datetime(string="Promoted On", readonly=True, copy=False)
    automotive_promoted_by_id = fields.Many2one("res.users", string="Promoted By", readonly=True, copy=False)

    # --- the scheduler ------------------------------------------------------
    @api.model
    def _cron_automotive_recurring(self):
        """List the recurring dealer complaints of every company; returns the
        complaints listed now."""
        listed = self.browse()
        for company in self.env["res.company"].sudo().search([]):
            listed |= self.sudo().with_company(company)._automotive_list_recurring(company)
        return listed

    def _automotive_recurring_domain(self, company):
        now = fields.Datetime.now()
        since = now - timedelta(days=max(company.automotive_recurring_days, 1))
        return [
            ("company_id", "=", company.id),
            ("sector", "=", roles.SECTOR),
            ("state", "!=", "cancelled"),
            ("date_received", ">=", since),
            ("date_received", "<=", now),
        ]

    def _automotive_list_recurring(self, company):
        domain = self._automotive_recurring_domain(company)
        by_vehicle = dict(
            self._read_group(
                [*domain, ("vehicle_id", "!=", False)],
                ["vehicle_id"],
                ["__count"],
                having=[("__count", ">=", max(company.automotive_recurring_vehicle_count, 2))],
            )
        )
        by_topic = dict(
            self._read_group(
                [*domain, ("category_id", "!=", False)],
                ["category_id"],
                ["__count"],
                having=[("__count", ">=", max(company.automotive_recurring_topic_count, 2))],
            )
        )
        if not by_vehicle and not by_topic:
            return self.browse()
        vehicle_ids = [vehicle.id for vehicle in by_vehicle]
        topic_ids = [category.id for category in by_topic]
        candidates = self.search(
            [
                *domain,
                ("automotive_recurring", "=", False),
                "|",
                ("vehicle_id", "in", vehicle_ids),
                ("category_id", "in", topic_ids),
            ]
        )
        if not candidates:
            return self.browse()
        # claim the rows: a concurrent run skips them, and after its commit they are listed
        self.env.cr.execute(
            SQL(
                "SELECT id FROM complaint_complaint WHERE id IN %s AND automotive_recurring IS NOT TRUE "
                "FOR UPDATE SKIP LOCKED",
                tuple(candidates.ids),
            )
        )
        claimed = self.browse([row[0] for row in self.env.cr.fetchall()])
        claimed.invalidate_recordset(["automotive_recurring"])
        claimed = claimed.filtered(lambda c: not c.automotive_recurring)
        if not claimed:
            return self.browse()
        now = fields.Datetime.now()
        env = company._complaint_env()
        for complaint in claimed:
            vehicle_count = by_vehicle.get(complaint.vehicle_id, 0) if complaint.vehicle_id else 0
            topic_count = by_topic.get(complaint.category_id, 0) if complaint.category_id else 0
            kind = "both" if vehicle_count and topic_count else "vehicle" if vehicle_count else "topic"
            complaint.write(
                {
                    "automotive_recurring": True,
                    "automotive_recurring_kind": kind,
                    "automotive_recurring_count": max(vehicle_count, topic_count),
                    "automotive_date_recurring": now,
                    "automotive_review_state": "to_review",
                }
            )
            parts = []
            if vehicle_count:
                parts.append(
                    env._(
                        "%(count)s complaints about vehicle %(vin)s in the last %(days)s days",
                        count=vehicle_count,
                        vin=complaint.vehicle_id.vin,
                        days=company.automotive_recurring_days,
                    )
                )
            if topic_count:
                parts.append(
                    env._(
                        "%(count)s complaints of type %(type)s in the last %(days)s days",
                        count=topic_count,
                        type=complaint.category_id.with_env(env).name,
                        days=company.automotive_recurring_days,
                    )
                )
            complaint.message_post(
                body=Markup("<p>%s</p>")
                % env._("Recurring complaint, listed for the directors' review: %s.", "; ".join(parts)),
                subtype_xmlid="mail.mt_note",
            )
        return claimed

    # --- the directors' review ----------------------------------------------
    def _automotive_check_reviewer(self, codes, message):
        """The caller holds one of ``codes`` on the complaint's team (or is a
        complaint administrator) and may write the complaint."""
        self._automotive_check_desk()
        if self.env.su or self.env.user.has_group("complaint_base.group_complaint_admin"):
            return
        user = self.env.user
        for complaint in self:
            if not complaint._automotive_user_roles(user) & set(codes):
                raise AccessError(message % complaint.display_name)

    def action_automotive_review_done(self):
        """The sales director or the customer-care director has analysed the
        recurring complaint and recorded the long-term measures."""
        self._automotive_check_reviewer(
            roles.RECURRING_REVIEW_ROLES,
            self.env._("Only the sales director or the customer-care director reviews the recurring complaint %s."),
        )
        for complaint in self:
            if complaint.automotive_review_state != "to_review":
                raise UserError(self.env._("%s is not waiting for a review.", complaint.display_name))
            if not (complaint.corrective_action or "").strip() and not (complaint.preventive_action or "").strip():
                raise UserError(
                    self.env._(
                        "Record the long-term measures of %s first (corrective or preventive action).",
                        complaint.display_name,
                    )
                )
        now = fields.Datetime.now()
        user = self.env.user
        for complaint in self.sudo():
            complaint.write(
                {
                    "automotive_review_state": "done",
                    "automotive_reviewed_by_id": user.id,
                    "automotive_date_reviewed": now,
                }
            )
            env = complaint.company_id._complaint_env()
            complaint.message_post(
                body=Markup("<p>%s</p>")
                % env._(
                    "Recurring complaint reviewed by %(user)s on %(when)s; long-term measures recorded.",
                    user=user.name,
                    when=complaint.company_id._complaint_format_datetime(now),
                ),
                subtype_xmlid="mail.mt_note",
                author_id=user.partner_id.id,
            )
        return True

    def action_automotive_promote_measure(self):
        """The sales director promotes the effective corrective action: the
        team is told, so that the same complaint does not happen again."""
        self._automotive_check_reviewer(
            (roles.SALES_DIRECTOR,),
            self.env._("Only the sales director promotes the corrective action of %s."),
        )
        for complaint in self:
            if complaint.automotive_review_state != "done":
                raise UserError(self.env._("Review %s before promoting its corrective action.", complaint.display_name))
            if complaint.automotive_measure_promoted:
                raise UserError(self.env._("The corrective action of %s is already promoted.", complaint.display_name))
            if not (complaint.corrective_action or "").strip():
                raise UserError(self.env._("%s has no corrective action to promote.", complaint.display_name))
        now = fields.Datetime.now()
        user = self.env.user
        for complaint in self.sudo():
            complaint.write(
                {
                    "automotive_measure_promoted": True,
                    "automotive_date_promoted": now,
                    "automotive_promoted_by_id": user.id,
                }
            )
            team = complaint.team_id
            members = (team.member_ids | team.leader_id | team.role_ids.user_id).filtered(lambda u: u.active) - user
            env = complaint.company_id._complaint_env()
            body = Markup("<p><b>%s</b></p><p>%s</p>") % (
                env._(
                    "Corrective action promoted to the team by %(user)s on %(when)s:",
                    user=user.name,
                    when=complaint.company_id._complaint_format_datetime(now),
                ),
                complaint.corrective_action,
            )
            complaint.message_post(
                body=body,
                subtype_xmlid="mail.mt_note",
                partner_ids=members.partner_id.ids,
                author_id=user.partner_id.id,
            )
        return True
