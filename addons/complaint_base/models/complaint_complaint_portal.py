"""What portal and public users may read of a complaint, and anonymity as a
rule of the model (whatever the channel)."""

from odoo import api, models
from odoo.exceptions import AccessError

from .complaint_complaint import (
    IDENTITY_FIELDS,
    PORTAL_READABLE_FIELDS,
)
from .complaint_complaint import ComplaintComplaint as ComplaintBase


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    # --- portal surface ---------------------------------------------------
    @api.model
    def _portal_readable_fields(self):
        """The fields a portal or public user may read (PORTAL_READABLE_FIELDS);
        a sector addon adds its own with super()."""
        return PORTAL_READABLE_FIELDS

    def _portal_fields_restricted(self):
        return not self.env.su and self.env.user.share

    @api.model
    def check_field_access_rights(self, operation, field_names):
        """Portal users read only the portal fields, through read, search_read,
        web_read, read_group, search domains and orders alike (the ORM asks here)."""
        if operation == "read" and self._portal_fields_restricted():
            readable = self._portal_readable_fields()
            if not field_names:
                return [name for name in super().check_field_access_rights(operation, field_names) if name in readable]
            forbidden = sorted(name for name in field_names if name in self._fields and name not in readable)
            if forbidden:
                raise AccessError(
                    self.env._("You cannot read these fields of a complaint: %(fields)s", fields=", ".join(forbidden))
                )
        return super().check_field_access_rights(operation, field_names)

    def _determine_fields_to_fetch(self, field_names, ignore_when_in_cache=False):
        # prefetching never loads what a portal user may not read
        if self._portal_fields_restricted():
            readable = self._portal_readable_fields()
            field_names = [name for name in field_names if name in readable]
        return super()._determine_fields_to_fetch(field_names, ignore_when_in_cache)

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        descriptions = super().fields_get(allfields=allfields, attributes=attributes)
        if not self._portal_fields_restricted():
            return descriptions
        readable = self._portal_readable_fields()
        return {name: description for name, description in descriptions.items() if name in readable}

    # --- anonymity --------------------------------------------------------
    def _anonymous_after(self, vals):
        """The complaints of ``self`` that are anonymous once ``vals`` is
        written, when ``vals`` touches anonymity or the identity."""
        if "is_anonymous" in vals:
            return self if vals["is_anonymous"] else self.browse()
        if set(IDENTITY_FIELDS) & vals.keys():
            return self.filtered("is_anonymous")
        return self.browse()

    def _erase_identity(self):
        """Forget who complained: contact, name, phone and e-mail, the outside
        followers and the tracked values that named them (mail.tracking.value)."""
        self.check_access("write")
        named = self.filtered(lambda c: any(c[name] for name in IDENTITY_FIELDS))
        if not named:
            return
        outsiders = named.message_partner_ids.filtered(lambda p: not p.user_ids.filtered(lambda u: not u.share))
        # the write of mail.thread, past the complaint's own write (which called us)
        super(ComplaintBase, named.sudo().with_context(tracking_disable=True)).write(
            dict.fromkeys(IDENTITY_FIELDS, False)
        )
        if outsiders:
            named.sudo().message_unsubscribe(partner_ids=outsiders.ids)
        # nor will the tracking still pending in this transaction name them
        pending = self.env.cr.precommit.data.get(f"mail.tracking.{self._name}", {})
        for complaint in named:
            for name in IDENTITY_FIELDS:
                (pending.get(complaint.id) or {}).pop(name, None)
        identity_fields = (
            self.env["ir.model.fields"].sudo().search([("model", "=", self._name), ("name", "in", IDENTITY_FIELDS)])
        )
        self.env["mail.tracking.value"].sudo().search(
            [
                ("field_id", "in", identity_fields.ids),
                ("mail_message_id.model", "=", self._name),
                ("mail_message_id.res_id", "in", named.ids),
            ]
        ).unlink()

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        """Nobody from outside follows an anonymous complaint: that would name
        them (the e-mail gateway subscribes a known sender, for instance)."""
        anonymous = self.sudo().filtered("is_anonymous").with_env(self.env)
        if not partner_ids or not anonymous:
            return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)
        staff = (
            self.env["res.partner"]
            .sudo()
            .browse(partner_ids)
            .filtered(lambda p: p.user_ids.filtered(lambda u: not u.share))
        )
        if self - anonymous:
            super(ComplaintComplaint, self - anonymous)._message_subscribe(partner_ids, subtype_ids, customer_ids)
        return super(ComplaintComplaint, anonymous)._message_subscribe(staff.ids, subtype_ids, customer_ids)

    def message_post(self, **kwargs):
        """An e-mail received on an anonymous complaint is not signed with its
        sender: the message is posted as OdooBot, without the address."""
        if self.env.context.get("from_alias") and len(self) == 1 and self.sudo().is_anonymous:
            kwargs["author_id"] = self.env.ref("base.partner_root").id
            kwargs.pop("email_from", None)
        return super().message_post(**kwargs)
