from odoo import api, fields, models

# contract states that end the employment relation
ENDED_STATES = ("close", "cancel")


class HrContract(models.Model):
    """Contract changes that are adverse events for a reporter under the
    anti-retaliation watch (seed 000, 第五条): the contract ended or its end
    brought forward, and a pay cut, on the running contract or by a new
    contract at a lower wage.  The alert is raised by the grievance addon's
    watch (superuser, officers only); whoever made the change learns nothing."""

    _inherit = "hr.contract"

    @api.model_create_multi
    def create(self, vals_list):
        # the running contracts before: a new open contract replaces the
        # employee's current one
        employees = self.env["hr.employee"].sudo().browse({v["employee_id"] for v in vals_list if v.get("employee_id")})
        running = {employee.id: employee.contract_id for employee in employees}
        contracts = super().create(vals_list)
        for contract in contracts.filtered(lambda c: c.employee_id and c.state not in ENDED_STATES):
            previous = running.get(contract.employee_id.id)
            if previous and previous != contract and contract.wage < previous.wage:
                contract._contract_watch("wage", old_wage=previous.wage, previous=previous)
        return contracts

    def write(self, vals):
        if self.env.context.get("complaint_contract_watch"):
            return super().write(vals)
        watched = self.filtered("employee_id")
        before = {c.id: (c.date_end, c.state, c.wage) for c in watched}
        # hr_contract writes again inside (closing sets the end date, an end
        # date in the past closes): compare once, before and after the whole
        result = super(HrContract, self.with_context(complaint_contract_watch=True)).write(vals)
        today = fields.Date.context_today(self)
        for contract in watched:
            date_end, state, wage = before[contract.id]
            ended = contract.state in ENDED_STATES and state not in ENDED_STATES
            expired = ended and contract.state == "close" and date_end and date_end <= today
            if contract.date_end and (not date_end or contract.date_end < date_end):
                contract._contract_watch("contract", old_end=date_end)
            elif ended and not expired:
                contract._contract_watch("contract", old_end=date_end)
            if contract.wage < wage and contract.state not in ENDED_STATES:
                contract._contract_watch("wage", old_wage=wage)
        return result

    def _contract_watch(self, event, old_end=None, old_wage=None, previous=None):
        """Hand the event to the watch with a line the officers read, in the
        company's language."""
        self.ensure_one()
        company = self.company_id or self.employee_id.company_id or self.env.company
        env = self.with_context(lang=company._complaint_lang()).env
        if event == "wage" and previous:
            details = env._(
                "New contract %(contract)s at a monthly wage of %(new)s, below the %(old)s of contract %(previous)s.",
                contract=self.name,
                new=f"{self.wage:,.2f}",
                old=f"{old_wage:,.2f}",
                previous=previous.name,
            )
        elif event == "wage":
            details = env._(
                "Contract %(contract)s: monthly wage cut from %(old)s to %(new)s.",
                contract=self.name,
                old=f"{old_wage:,.2f}",
                new=f"{self.wage:,.2f}",
            )
        elif self.state == "cancel":
            details = env._("Contract %(contract)s cancelled.", contract=self.name)
        elif not old_end or self.date_end != old_end:
            details = env._(
                "Contract %(contract)s: end date set to %(end)s (was: %(old)s).",
                contract=self.name,
                end=fields.Date.to_string(self.date_end),
                old=fields.Date.to_string(old_end) if old_end else env._("no end date"),
            )
        else:
            details = env._(
                "Contract %(contract)s closed before its end date %(end)s.",
                contract=self.name,
                end=fields.Date.to_string(self.date_end),
            )
        self.employee_id._employee_watch(event, details=details)
