"""The acknowledgement (受理回执) every complainant with a reachable contact
gets at once: the reference, what was received, the next deadline in local
time and the tracking link — by e-mail (an editable mail template) and by
text message through the ``complaint_send_sms`` plugin hook.

Creation is batched: ``create`` only remembers the new complaints; the
acknowledgements of the whole transaction are rendered, queued and logged
together just before the commit (``cr.precommit``), so a batch of complaints
costs a handful of queries whatever its size. A large batch (an import of
thousands of rows) is not made to wait for thousands of e-mails: beyond
``complaint_base.acknowledgement_at_once`` complaints (100) they are marked
and the acknowledgement scheduler, started at once, sends them in chunks
right after the commit."""

import logging

from markupsafe import Markup

from odoo import api, fields, models

from ..plugins import call_hook, get_plugin_manager

_logger = logging.getLogger(__name__)

ACK_PRECOMMIT_KEY = "complaint.acknowledgement"
ACK_TEMPLATE_XMLID = "complaint_base.mail_template_complaint_acknowledgement"
ACK_CRON_XMLID = "complaint_base.ir_cron_complaint_acknowledgements"
ACK_AT_ONCE = 100  # acknowledgements sent inside the transaction; more go to the scheduler
ACK_CHUNK = 200  # acknowledgements the scheduler sends per run (then it runs again)


class ComplaintChannel(models.Model):
    _inherit = "complaint.channel"

    send_acknowledgement = fields.Boolean(
        string="Send Acknowledgement",
        default=True,
        help="Complaints received through this channel get an acknowledgement at once "
        "(e-mail, and a text message when an SMS sender is installed).",
    )


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    date_acknowledgement_sent = fields.Datetime(
        string="Acknowledgement Sent On",
        readonly=True,
        copy=False,
        help="When the acknowledgement (reference, next deadline, tracking link) went to the complainant.",
    )
    acknowledgement_queued = fields.Boolean(
        string="Acknowledgement Queued",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Part of a large batch: the acknowledgement scheduler sends it right after the batch is saved.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        # complaints loaded from data files (demo) are not acknowledged
        ctx = self.env.context
        if not ctx.get("complaint_no_acknowledgement") and not ctx.get("install_filename"):
            complaints._queue_acknowledgement()
        return complaints

    def _queue_acknowledgement(self):
        """Remember these complaints: their acknowledgements go out, as one
        batch, when the transaction is committed."""
        data = self.env.cr.precommit.data
        if ACK_PRECOMMIT_KEY not in data:
            data[ACK_PRECOMMIT_KEY] = set()
            self.env.cr.precommit.add(self._send_queued_acknowledgements)
        data[ACK_PRECOMMIT_KEY].update(self.ids)

    def _send_queued_acknowledgements(self):
        ids = self.env.cr.precommit.data.pop(ACK_PRECOMMIT_KEY, set())
        if not ids:
            return
        complaints = self.sudo().browse(sorted(ids)).exists()
        get = self.env["ir.config_parameter"].sudo().get_param
        at_once = int(get("complaint_base.acknowledgement_at_once", ACK_AT_ONCE) or ACK_AT_ONCE)
        if len(complaints) > at_once and (cron := self.env.ref(ACK_CRON_XMLID, raise_if_not_found=False)):
            # a large batch: saved now, acknowledged by the scheduler right after
            complaints._acknowledgement_recipients().write({"acknowledgement_queued": True})
            cron.sudo()._trigger()
        else:
            complaints._send_acknowledgement()
        # this runs after the main flush, just before the commit
        self.env.flush_all()

    @api.model
    def _cron_send_acknowledgements(self, chunk=ACK_CHUNK):
        """Send the queued acknowledgements, ``chunk`` at a time: the rows
        are locked with SKIP LOCKED so two workers never send one twice,
        and the scheduler runs again at once while some are left."""
        self.env.cr.execute(
            """SELECT id FROM complaint_complaint WHERE acknowledgement_queued
                ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED""",
            [chunk],
        )
        complaints = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        if complaints:
            complaints._send_acknowledgement()
            complaints.write({"acknowledgement_queued": False})
        remaining = self.sudo().search_count([("acknowledgement_queued", "=", True)])
        self.env["ir.cron"]._notify_progress(done=len(complaints), remaining=remaining)
        return len(complaints)

    def _acknowledgement_recipients(self):
        """The complaints that get an acknowledgement: not anonymous, not yet
        acknowledged, received through a channel that sends one."""
        return self.filtered(
            lambda c: (
                not c.is_anonymous
                and not c.date_acknowledgement_sent
                and (not c.channel_id or c.channel_id.send_acknowledgement)
                and (c.contact_email or c.contact_phone)
            )
        )

    def _acknowledgement_next_due(self):
        """The next deadline once the complaint is acknowledged: the earliest
        due time of its open clocks but those the acknowledgement meets."""
        self.ensure_one()
        dues = (
            self.sudo()
            .clock_ids.filtered(
                lambda c: c.state in ("running", "breached") and c.date_due and c.kind_id.stop_event != "acknowledged"
            )
            .mapped("date_due")
        )
        return min(dues) if dues else False

    def _acknowledgement_deadline(self):
        """The next deadline, as the company reads it (local time, no seconds)."""
        self.ensure_one()
        return self.company_id._complaint_format_datetime(
            self._acknowledgement_next_due(), dt_format="yyyy-MM-dd HH:mm"
        )

    def _acknowledgement_url(self):
        self.ensure_one()
        return self.get_base_url() + self.get_portal_url()

    def _acknowledgement_sms_text(self):
        self.ensure_one()
        env = self.company_id._complaint_env()
        values = {
            "company": self.company_id.name,
            "reference": self.name,
            "subject": self.subject,
            "url": self._acknowledgement_url(),
        }
        if self._acknowledgement_next_due():
            return env._(
                '[%(company)s] We received your complaint "%(subject)s", reference %(reference)s. '
                "Our next step is due by %(deadline)s. Follow it: %(url)s",
                **values,
                deadline=self._acknowledgement_deadline(),
            )
        return env._(
            '[%(company)s] We received your complaint "%(subject)s", reference %(reference)s. Follow it: %(url)s',
            **values,
        )

    def _send_acknowledgement(self):
        """Send the acknowledgement of these complaints (sudo, batched): one
        render of the mail template for all, one insert of the mails, one of
        the chatter notes; the acknowledge clocks of those reached are met."""
        complaints = self.sudo()._acknowledgement_recipients()
        if not complaints:
            return
        now = fields.Datetime.now()
        template = self.env.ref(ACK_TEMPLATE_XMLID, raise_if_not_found=False)
        by_mail = complaints.filtered("contact_email") if template else complaints.browse()
        addons = self._installed_complaint_addons()
        # without an SMS sender plugin nobody is asked (no per-complaint work)
        sms_senders = get_plugin_manager().hook_caller("complaint_send_sms", addons).get_hookimpls()
        by_sms = complaints.filtered("contact_phone") if sms_senders else complaints.browse()
        # tokens first, so the links sent carry them
        for complaint in (by_mail | by_sms).filtered(lambda c: not c.access_token):
            complaint._portal_ensure_token()
        if by_mail:
            template.sudo().send_mail_batch(by_mail.ids)
        sms_sent = dict.fromkeys(complaints.filtered("contact_phone").ids)
        for complaint in by_sms:
            try:
                answer = call_hook(
                    "complaint_send_sms",
                    addons,
                    phone=complaint.contact_phone,
                    text=complaint._acknowledgement_sms_text(),
                    complaint=complaint._plugin_data(),
                )
            except Exception:
                _logger.exception("SMS sender failed for complaint %s", complaint.id)
                answer = {"error": "exception"}
            if answer and not isinstance(answer, dict):
                answer = {"sent": answer}
            sms_sent[complaint.id] = answer
        reached = by_mail | complaints.filtered(lambda c: sms_sent.get(c.id) and not sms_sent[c.id].get("error"))
        bodies = {}
        envs = {company: company._complaint_env() for company in complaints.company_id}
        for complaint in complaints:
            env = envs[complaint.company_id]
            lines = []
            if complaint in by_mail:
                lines.append(env._("Acknowledgement e-mailed to %(email)s.", email=complaint.contact_email))
            if complaint.id in sms_sent:
                answer = sms_sent[complaint.id]
                if not answer:
                    lines.append(
                        env._(
                            "No text message sent to %(phone)s: no SMS sender is installed or none answered.",
                            phone=complaint.contact_phone,
                        )
                    )
                elif answer.get("error"):
                    lines.append(
                        env._(
                            "The text message to %(phone)s failed: %(error)s",
                            phone=complaint.contact_phone,
                            error=answer["error"],
                        )
                    )
                else:
                    lines.append(env._("Acknowledgement texted to %(phone)s.", phone=complaint.contact_phone))
            bodies[complaint.id] = Markup("<br/>").join(lines)
        complaints._message_log_batch(bodies=bodies)
        reached.write({"date_acknowledgement_sent": now})
        # the acknowledgement meets the acknowledge clock of those it reached
        reached._meet_acknowledge_clocks(now)

    def _meet_acknowledge_clocks(self, when):
        """Meet the clocks that wait for the acknowledgement (stop event
        "acknowledged"), leaving the complaint's stage as it is."""
        clocks = self.sudo().clock_ids.filtered(lambda c: c.kind_id.stop_event == "acknowledged")
        clocks._meet(when)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    def action_complaint_acknowledgement_template(self):
        """Open the acknowledgement e-mail to edit it (administrators)."""
        self.env["mail.template"].check_access("write")
        template = self.env.ref(ACK_TEMPLATE_XMLID)
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.template",
            "res_id": template.id,
            "view_mode": "form",
            "target": "current",
        }
