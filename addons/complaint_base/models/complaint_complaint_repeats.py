"""Repeated complaints: the same complainant on a similar matter, found with
indexed look-ups on the normalized phone and e-mail."""

from datetime import timedelta

from odoo import api, fields, models

from ..engine.similarity import normalize_email, normalize_phone, subject_similarity
from .complaint_stage import CLOSED_STATES


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    # --- repeats ------------------------------------------------------------
    def _repeat_settings(self):
        get = self.env["ir.config_parameter"].sudo().get_param
        return (
            int(get("complaint_base.repeat_window_days", "30") or 30),
            float(get("complaint_base.repeat_similarity", "0.3") or 0.3),
            get("complaint_base.repeat_raise_severity", "True") not in ("False", "0", ""),
        )

    @api.model
    def _repeat_domain(self, companies, partners, phones, emails):
        """Open or recent complaints of these complainants (by contact, phone
        digits or lower-case e-mail: indexed look-ups)."""
        window, __, __ = self._repeat_settings()
        who = []
        if partners:
            who.append(("partner_id", "in", list(partners)))
        if phones:
            who.append(("contact_phone_normalized", "in", list(phones)))
        if emails:
            who.append(("contact_email_normalized", "in", list(emails)))
        if not who:
            return None
        return [
            ("company_id", "in", list(companies)),
            *(["|"] * (len(who) - 1)),
            *who,
            "|",
            ("state", "not in", CLOSED_STATES),
            ("date_received", ">=", fields.Datetime.now() - timedelta(days=window)),
        ]

    def _repeat_filter(self, found, subject, category, threshold):
        """The 20 most recent of ``found``, kept when on a similar matter."""
        return found[:20].filtered(
            lambda c: (category and c.category_id == category) or subject_similarity(c.subject, subject) >= threshold
        )

    @api.model
    def _repeat_candidates(self, partner, phone, email, subject, category, company, exclude_id=False):
        """Open or recent complaints of the same complainant on a similar
        matter (similar subject or same category), most recent first.
        Searched as superuser: the caller decides what to reveal."""
        __, threshold, __ = self._repeat_settings()
        phone, email = normalize_phone(phone), normalize_email(email)
        domain = self._repeat_domain(
            company.ids, partner.ids if partner else [], [phone] if phone else [], [email] if email else []
        )
        if domain is None:
            return self.browse()
        found = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "!=", exclude_id), *domain], order="date_received desc, id desc", limit=20)
        )
        return self._repeat_filter(found, subject, category, threshold)

    def _detect_repeats(self):
        """Flag a complaint as repeated when the same complainant (contact,
        phone or e-mail) has an open or recent complaint on a similar subject
        or in the same category; link it and, if configured, raise severity.
        One search for the whole batch."""
        __, threshold, raise_severity = self._repeat_settings()
        complaints = self.sudo().filtered(lambda c: not c.is_anonymous)
        domain = self._repeat_domain(
            complaints.company_id.ids,
            set(complaints.partner_id.ids),
            {p for p in complaints.mapped("contact_phone_normalized") if p},
            {e for e in complaints.mapped("contact_email_normalized") if e},
        )
        if domain is None:
            return
        found = complaints.with_context(active_test=False).search(domain, order="date_received desc, id desc")
        # the candidates by company and identifier, in the search's order
        rank, index = {}, {}
        for position, candidate in enumerate(found):
            rank[candidate.id] = position
            company = candidate.company_id.id
            for key in (
                ("partner", candidate.partner_id.id),
                ("phone", candidate.contact_phone_normalized),
                ("email", candidate.contact_email_normalized),
            ):
                if key[1]:
                    index.setdefault((company, *key), []).append(candidate.id)
        for complaint in complaints:
            company = complaint.company_id.id
            ids = set()
            for key in (
                ("partner", complaint.partner_id.id),
                ("phone", complaint.contact_phone_normalized),
                ("email", complaint.contact_email_normalized),
            ):
                if key[1]:
                    # the 20 most recent of each list are enough for the 20 most recent overall
                    ids.update([i for i in index.get((company, *key), ()) if i != complaint.id][:20])
            mine = found.browse(sorted(ids, key=rank.__getitem__))
            earlier = self._repeat_filter(mine, complaint.subject, complaint.category_id, threshold)[:1]
            if not earlier:
                continue
            values = {"is_repeated": True, "repeat_of_id": earlier.id}
            if raise_severity and complaint.severity != "critical":
                values["severity"] = "critical" if complaint.severity == "major" else "major"
                values["is_major"] = True
            complaint.write(values)
            complaint.message_post(
                body=complaint.company_id.sudo()
                ._complaint_env()
                ._("Repeated complaint: the same complainant already complained in %s.", earlier.name),
                subtype_xmlid="mail.mt_note",
            )
