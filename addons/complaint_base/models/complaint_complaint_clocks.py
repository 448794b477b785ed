"""The complaint's side of the deadline clocks: which policies apply, the
events that meet and start clocks (in batches), state changes, contact that
reached the complainant, fines that wait for their payer."""

from odoo import fields, models
from odoo.tools import SQL

from .complaint_clock import OPEN_CLOCK_STATES
from .complaint_complaint import (
    STATE_EVENTS,
    STATE_RANK,
)


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    # --- deadline clocks --------------------------------------------------
    def _plugin_data(self):
        """The complaint as plain data for the plugin hooks."""
        self.ensure_one()
        lineage = [int(i) for i in (self.category_id.parent_path or "").split("/") if i]
        return {
            "id": self.id,
            "name": self.name,
            "subject": self.subject,
            "sector": self.sector,
            "category_lineage_ids": lineage,
            "category_code": self.category_id.code,
            "channel_code": self.channel_id.code,
            "severity": self.severity,
            "priority": self.priority,
            "team_id": self.team_id.id,
            "company_id": self.company_id.id,
            "is_major": self.is_major,
            "is_repeated": self.is_repeated,
            "media_involved": self.media_involved,
        }

    def _deadline_targets(self):
        """{clock kind: deadline target} of the policies that apply, the most
        specific policy first (chosen through the plugins)."""
        self.ensure_one()
        return self._deadline_targets_batch()[self.id]

    def _deadline_targets_batch(self, plugin_data=None):
        """{complaint id: {clock kind: target}} for every complaint of ``self``.

        The policies are read, and their conditions evaluated, once for the
        batch; the plugins still choose per complaint."""
        return self.env["complaint.deadline.policy"]._targets_for(self, "complaint", plugin_data)

    def _clock_event(self, event, when=None):
        """Meet the clocks this event stops and start those it starts."""
        when = when or fields.Datetime.now()
        self._clock_events(event, dict.fromkeys(self.ids, when))

    def _clock_events(self, event, whens):
        """``_clock_event`` for a batch: ``whens`` gives each complaint's moment
        (e.g. its reception time).  One read of the clocks, one of the
        policies, one insert of the clocks and one of their history."""
        if not self:
            return
        complaints = self.sudo()
        Clock = self.env["complaint.clock"].sudo()
        clocks = complaints.clock_ids
        stopping = clocks.filtered(lambda c: c.kind_id.stop_event == event)
        by_when = {}
        for clock in stopping:
            by_when.setdefault(whens[clock.complaint_id.id], []).append(clock.id)
        for when, ids in by_when.items():
            Clock.browse(ids)._meet(when)
        starting = self.env["complaint.clock.kind"].sudo().search([("start_event", "=", event)])
        if not starting:
            return
        plugin_data = {}
        targets = complaints._deadline_targets_batch(plugin_data)
        to_start = []
        for complaint in complaints:
            # a kind runs once at a time: a reopened complaint that is
            # resolved again gets a new callback clock
            running = complaint.clock_ids.filtered(lambda c: c.state in OPEN_CLOCK_STATES).kind_id
            for kind in starting:
                if kind in targets[complaint.id] and kind not in running:
                    to_start.append((complaint, targets[complaint.id][kind], whens[complaint.id]))
        Clock._start_many(to_start, plugin_data=plugin_data)

    def _clocks_follow_state(self, old_state, new_state):
        """The clocks follow a change of state of these complaints (all moved
        from ``old_state`` to ``new_state``), as one batch."""
        if not self:
            return
        clocks = self.sudo().clock_ids
        if new_state == "cancelled":
            clocks._cancel()
            return
        old_rank, new_rank = STATE_RANK.get(old_state, 0), STATE_RANK.get(new_state, 0)
        if old_state in ("resolved", "closed", "cancelled") and new_rank < 3:
            self._clocks_restart()
        if old_state == "waiting" and new_state != "waiting":
            clocks.filtered(lambda c: c.kind_id.pause_when_waiting)._resume()
        for event, rank in STATE_EVENTS:
            if new_rank >= rank > old_rank:
                self._clock_event(event)
        if new_state == "closed":
            # nothing more is chased on a closed complaint, but its callback
            self.sudo().clock_ids.filtered(
                lambda c: c.state in ("running", "paused") and c.kind_id.stop_event != "callback_done"
            )._cancel()
        if new_state == "waiting":
            self.sudo().clock_ids.filtered(lambda c: c.kind_id.pause_when_waiting)._pause()

    def _clocks_restart(self):
        """Reopening (appeal, dissatisfied callback) starts new clocks for the
        kinds that restart, from now."""
        Clock = self.env["complaint.clock"].sudo()
        plugin_data = {}
        targets = self._deadline_targets_batch(plugin_data)
        now = fields.Datetime.now()
        complaints = self.sudo()
        note = self.env._("Complaint reopened")
        # what waited for the resolution (the callback) waits for the next one
        after_resolution = complaints.clock_ids.filtered(
            lambda c: c.state in OPEN_CLOCK_STATES and c.kind_id.start_event == "resolved"
        )
        after_resolution._cancel()
        after_resolution._log("reset", note=note)
        to_start, previous = [], Clock
        for complaint in complaints:
            for kind, target in targets[complaint.id].items():
                if kind.restart_on_reopen:
                    previous |= complaint.clock_ids.filtered(lambda c, k=kind: c.kind_id == k)
                    to_start.append((complaint, target, now))
        previous._cancel()
        previous._log("reset", note=note)
        Clock._start_many(to_start, plugin_data=plugin_data)

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        """A message of the staff that reached the complainant — an outbound
        message with an external recipient (the complainant as a contact or
        portal user) — meets the first-contact clock.  Internal notes and
        messages only followers of the staff receive do not."""
        recipients_data = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        if self._is_contact_message(message, recipients_data):
            self._clock_event("first_contact")
        return recipients_data

    def _is_contact_message(self, message, recipients_data):
        if message.message_type not in ("comment", "email_outgoing"):
            return False
        if not message.subtype_id or message.subtype_id.internal:
            return False
        if not message.author_id.sudo().user_ids.filtered(lambda u: not u.share):
            return False
        return any(r.get("share") or r.get("type") in ("customer", "portal") for r in recipients_data or [])

    def _message_reached_complainant(self, message):
        """Whether ``message`` (already sent) went to someone outside the staff."""
        self.ensure_one()
        message = message.sudo()
        partners = message.partner_ids | message.notification_ids.res_partner_id
        return any(not partner.user_ids.filtered(lambda u: not u.share) for partner in partners)

    def _payer_fields(self):
        """Fields naming who pays a fine: a fine that waited for its payer is
        levied when one of them is set (sector addons add theirs)."""
        return {"user_id", "respondent_partner_id", "respondent_user_id", "team_id", "party_ids"}

    def _levy_pending_fines(self):
        """Levy the fines that waited for a payer these complaints now name."""
        clocks = self.sudo().clock_ids.filtered("fine_pending_step_ids")
        if clocks:
            # one worker at a time per clock: the ledger keeps each fine single
            self.env.cr.execute(SQL("SELECT id FROM complaint_clock WHERE id IN %s FOR UPDATE", tuple(clocks.ids)))
            clocks._levy_pending_fines()
