"""Extending a running clock (延期): its due time moves by an amount counted
on the clock's own calendar, the escalation thresholds follow and the
history says who granted what.  A sector decides who may ask and who
approves; the base only moves the clock."""

from odoo import fields, models
from odoo.exceptions import UserError

from ..engine.deadlines import compute_due
from .complaint_clock import OPEN_CLOCK_STATES


class ComplaintClock(models.Model):
    _inherit = "complaint.clock"

    def _extend(self, amount, unit, note=None):
        """Move the due time of these open clocks by ``amount`` ``unit``
        (a unit of ``complaint.deadline.target``), from their current due
        time; a breached clock whose new due time lies ahead runs again."""
        if amount <= 0:
            raise UserError(self.env._("An extension is a positive amount of time."))
        calendar_of = self._calendars()
        now = fields.Datetime.now()
        for clock in self.filtered(lambda c: c.state in OPEN_CLOCK_STATES and c.state != "paused" and c.date_due):
            due = compute_due(calendar_of(clock._clock_owner()), clock.date_due, amount, unit, None)
            values = {"date_due": due}
            if clock.state == "breached" and due > now:
                values.update(state="running", date_breached=False)
            clock.write(values)
            text = clock._due_note(due)
            clock._log("recompute", note=f"{note}: {text}" if note else text)
            clock._schedule_next_check(calendar_of)
        return True
