"""Fines paid by a company, and rules fined at most once per complaint.

* A rule whose payer is "The Company" books the fine against the complaint's
  company itself (its contact), not against a person: a manufacturer fining
  its dealer, a head office fining a franchise.  The ledger keeps the paying
  company; no employee is attached, so only complaint managers see, appeal or
  settle such a fine.
* A rule marked "Once per Complaint" is levied at most once per complaint
  and payer, whichever clock, step or sector action cites it: every fine of
  it gets the same breach key, whose unique index keeps it single also when
  two schedulers (or a scheduler and a user) levy it at the same moment.
"""

from odoo import api, fields, models

COMPANY_PAYER = "company"


class ComplaintPenaltyRule(models.Model):
    _inherit = "complaint.penalty.rule"

    payer = fields.Selection(selection_add=[(COMPANY_PAYER, "The Company")], ondelete={COMPANY_PAYER: "set default"})
    once_per_complaint = fields.Boolean(
        string="Once per Complaint",
        help="The rule fines each payer at most once per complaint, whichever deadline or action cites it "
        "(e.g. a manufacturer's fine for a case that is both overdue and still unresolved).",
    )


class ComplaintPenalty(models.Model):
    _inherit = "complaint.penalty"

    payer_type = fields.Selection(
        selection_add=[(COMPANY_PAYER, "The Company")], ondelete={COMPANY_PAYER: "set default"}
    )
    payer_company_id = fields.Many2one(
        "res.company",
        string="Paying Company",
        readonly=True,
        index="btree_not_null",
        help="The company that pays this fine itself (a fine against the business, not against a person).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("payer_type") == COMPANY_PAYER and not vals.get("payer_company_id"):
                vals["payer_company_id"] = vals.get("company_id") or self.env.company.id
        return super().create(vals_list)

    @api.model
    def _create_batch_once(self, vals_list):
        """A batch may hold one breach twice (two clocks of a complaint citing
        a once-per-complaint rule in the same scheduler pass): the first wins."""
        seen, unique = set(), []
        for vals in vals_list:
            key = vals.get("breach_key")
            if key and key in seen:
                continue
            seen.add(key)
            unique.append(vals)
        return super()._create_batch_once(unique)

    @api.model
    def _fine_values(self, complaint, fine, rule, partner, user, breach_key, evidence, **extra):
        if rule.once_per_complaint:
            breach_key = f"rule:{rule.id}:complaint:{complaint.id}:partner:{partner.id}"
        return super()._fine_values(complaint, fine, rule, partner, user, breach_key, evidence, **extra)


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    def _penalty_payers(self, payer):
        if payer == COMPANY_PAYER:
            self.ensure_one()
            return [(self.company_id.partner_id, self.env["res.users"])]
        return super()._penalty_payers(payer)
