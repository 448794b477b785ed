"""The one intake pipeline every channel calls.

The registration wizard, the public web form, e-mail, the JSON API, the
import and the portal hand their input here: the declared intake fields
(``complaint.complaint._complaint_intake_fields``) say what each channel
offers and how it is named; the values are checked by the plugins
(``complaint_validate_intake``), HTML is sanitized once, uploads are checked
once, and the complaints are created in one batch."""

import lxml.html
from lxml import etree
from markupsafe import Markup

from odoo import api, models
from odoo.tools import html2plaintext, html_sanitize, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from ..engine import intake as intake_engine

MAX_FILES = 5
MAX_FILE_SIZE = 5 * 1024 * 1024
ALLOWED_MIMETYPES = {
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "audio/mpeg",
    "video/mp4",
}
UNSAFE_TAGS = ("script", "style", "iframe", "object", "embed")


class ComplaintIntake(models.AbstractModel):
    _name = "complaint.intake"
    _description = "Complaint Intake Pipeline"

    # --- declared fields ----------------------------------------------------
    @api.model
    def _declarations(self):
        """Every intake field, with its defaults filled in (not translated)."""
        return self.env["complaint.complaint"]._intake_declarations()

    @api.model
    def _offered(self, channel, sector_only=False):
        """The intake fields ``channel`` offers, labels in the user's language."""
        Complaint = self.env["complaint.complaint"]
        fields_ = []
        for declared in intake_engine.offered(self._declarations(), channel, sector_only=sector_only):
            decl = dict(declared)
            decl["label"] = Complaint._translate_plugin_message(decl["label"])
            if decl.get("help"):
                decl["help"] = Complaint._translate_plugin_message(decl["help"])
            fields_.append(decl)
        return fields_

    @api.model
    def _problem_keys(self, kind):
        """{field: its name in a channel} (``api_key`` or ``column``), to name
        the place of a problem the plugins found."""
        return intake_engine.problem_keys(self._declarations(), kind)

    @api.model
    def _value_problem(self, decl, code):
        """The sentence for a problem code of :func:`engine.intake.parse_value`."""
        _ = self.env._
        return {
            "text": _("Give text."),
            "too_long": _("At most %s characters.", decl.get("max_length")),
            "number": _("Give a number."),
            "negative": _("The value cannot be negative."),
            "boolean": _("Give true or false (yes/no, 是/否)."),
            "code": _("Give the code as text."),
            "unknown_code": _("Unknown code."),
        }.get(code, code)

    @api.model
    def _lookup_codes(self, decl, codes, company):
        """{code: id} of the records of a declared many2one, by their code,
        one query for all codes.  Resolving a code is not reading the record:
        the caller (a public form, an integration) may have no right on the
        comodel, so the lookup is made as superuser within the company."""
        codes = {code for code in codes if code}
        if not codes:
            return {}
        Model = self.env[decl["comodel"]].sudo().with_context(active_test=False)
        domain = [(decl.get("lookup") or "code", "in", list(codes))]
        if "company_id" in Model._fields and company:
            domain.append(("company_id", "in", [company.id, False]))
        found = {}
        for record in Model.search(domain, order="id"):
            found.setdefault(record[decl.get("lookup") or "code"], record.id)
        return found

    @api.model
    def _read_declared(self, channel, raw, company, strict=False, lookups=None, declared=None):
        """(values, problems) of the sector fields ``channel`` offers, read
        from ``raw`` {key: input} keyed as the channel names them (``api_key``
        for the API, ``column`` for the import, the field name otherwise).
        ``problems`` are ``(decl, message)`` pairs.  ``lookups`` {field:
        {code: id}} saves the query of a many2one when the caller resolved
        the codes of a whole batch; ``declared`` the offered fields it read
        once (a file of many rows)."""
        key = {"api": "api_key", "import": "column"}.get(channel, "name")
        vals, problems = {}, []
        for decl in self._offered(channel, sector_only=True) if declared is None else declared:
            if decl[key] not in raw:
                continue
            value, code = intake_engine.parse_value(decl, raw[decl[key]], strict=strict)
            if code:
                problems.append((decl, self._value_problem(decl, code)))
                continue
            if decl["type"] == "many2one":
                if value is None:
                    continue
                known = (lookups or {}).get(decl["name"])
                if known is None:
                    known = self._lookup_codes(decl, [value], company)
                if value not in known:
                    problems.append((decl, self.env._("Unknown code %s.", value)))
                    continue
                value = known[value]
            if value is not None:
                vals[decl["name"]] = value
        return vals, problems

    # --- checks ---------------------------------------------------------------
    @api.model
    def _plugin_values(self, vals, sector=None, anonymous_allowed=None):
        """The plain values the plugins check, from create values."""
        Complaint = self.env["complaint.complaint"]
        names = set(Complaint._intake_field_names()) | {d["name"] for d in self._declarations() if not d["builtin"]}
        values = {name: vals.get(name) for name in names}
        values["description"] = html2plaintext(vals.get("description") or "")
        values["partner_id"] = vals.get("partner_id") or False
        values["is_anonymous"] = bool(vals.get("is_anonymous"))
        values["media_involved"] = bool(vals.get("media_involved"))
        values["sector"] = sector or False
        values["anonymous_allowed"] = Complaint._anonymous_allowed() if anonymous_allowed is None else anonymous_allowed
        return values

    @api.model
    def _problems(self, vals, sector=None, anonymous_allowed=None):
        """The intake rules of the plugins for create values ``vals``:
        ``(field, message)`` pairs, messages in the user's language."""
        Complaint = self.env["complaint.complaint"]
        return Complaint._intake_problems(self._plugin_values(vals, sector, anonymous_allowed))

    @api.model
    def _check_uploads(self, files):
        """The problems of uploaded ``files`` [(filename, bytes)]: at most
        ``MAX_FILES`` files of ``MAX_FILE_SIZE`` each, of the accepted types.
        ``(index or None, message)`` pairs; the one check of the web form,
        the API and the portal chatter."""
        _ = self.env._
        problems = []
        if len(files) > MAX_FILES:
            problems.append((None, _("Send at most %s files.", MAX_FILES)))
            return problems
        for index, (filename, data) in enumerate(files):
            if not data:
                problems.append((index, _("%s is empty.", filename)))
            elif len(data) > MAX_FILE_SIZE:
                problems.append(
                    (
                        index,
                        _("%(name)s is larger than %(size)s MB.", name=filename, size=MAX_FILE_SIZE // 1024 // 1024),
                    )
                )
            elif guess_mimetype(data) not in ALLOWED_MIMETYPES:
                problems.append(
                    (
                        index,
                        _(
                            "%s is not an accepted file type (PDF, images, Office documents, text, audio, video).",
                            filename,
                        ),
                    )
                )
        return problems

    # --- cleaning -------------------------------------------------------------
    @api.model
    def _looks_like_html(self, text):
        if not text or "<" not in text:
            return False
        try:
            fragment = lxml.html.fragment_fromstring(text, create_parent="div")
        except (etree.ParserError, ValueError):
            return False
        return any(isinstance(node.tag, str) for node in fragment.iterdescendants()) or bool(
            fragment.xpath("//comment()")
        )

    @api.model
    def _has_unsafe_markup(self, text):
        """Scripts, frames, event handlers or ``javascript:`` links, read
        from the parsed markup."""
        try:
            fragment = lxml.html.fragment_fromstring(text, create_parent="div")
        except (etree.ParserError, ValueError):
            return False
        for node in fragment.iter():
            if not isinstance(node.tag, str):
                continue
            if node.tag in UNSAFE_TAGS:
                return True
            for name, value in node.attrib.items():
                if name.lower().startswith("on") or "javascript:" in "".join(value.split()).lower():
                    return True
        return False

    @api.model
    def _clean_html(self, text, is_html=None):
        """(safe HTML, whether unsafe markup was removed) of a description
        given as plain text or as HTML (``is_html`` None: told from the
        text; False: a text box, whose markup is shown as typed): the one
        place HTML is sanitized."""
        if not text:
            return False, False
        if is_html is None:
            is_html = isinstance(text, Markup) or self._looks_like_html(text)
        if is_html:
            return html_sanitize(text, sanitize_style=True), self._has_unsafe_markup(str(text))
        return plaintext2html(text), False

    @api.model
    def _plain_text(self, text):
        """(text without markup, whether markup was removed) of a field that
        holds plain text: scripts and styles go with their content (they are
        sanitized away), other tags are dropped, the words stay."""
        if not text or not self._looks_like_html(text):
            return text, False
        cleaned = html_sanitize(text)
        words = lxml.html.fragment_fromstring(cleaned, create_parent="div").text_content().strip() if cleaned else ""
        return words or None, words != text.strip()

    # --- creating -------------------------------------------------------------
    @api.model
    def _create_complaints(self, vals_list):
        """Create the complaints of ``vals_list`` in one batch."""
        return self.env["complaint.complaint"].create(vals_list)
