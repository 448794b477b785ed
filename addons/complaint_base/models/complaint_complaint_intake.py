"""The intake rules of a complaint: plugin validation and classification,
references checked and numbers drawn for a batch."""

from odoo import api, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext
from odoo.tools.translate import code_translations

from ..engine import intake as intake_engine
from ..plugins import call_hook
from .complaint_complaint import INTAKE_FIELDS


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    # --- intake rules -----------------------------------------------------
    @tools.ormcache()
    def _installed_complaint_addons(self):
        """Addons of the suite installed in this database (or being installed:
        their plugins act on their own demo data).  A new registry is built
        whenever modules are installed or removed, which clears this cache."""
        self.env.cr.execute(
            "SELECT name FROM ir_module_module WHERE state IN ('installed', 'to install', 'to upgrade')"
            " AND name LIKE 'complaint%%'"
        )
        return frozenset(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _complaint_intake_fields(self):
        """The intake fields, as plain declarations (``engine/intake.py``
        describes the keys).  A sector adds its own: ``super()`` plus its
        dicts; every channel then accepts and shows them."""
        return list(intake_engine.BASE_FIELDS)

    @api.model
    def _intake_declarations(self):
        base = {values["name"] for values in intake_engine.BASE_FIELDS}
        return [
            intake_engine.declaration(values, builtin=values["name"] in base)
            for values in self._complaint_intake_fields()
        ]

    @api.model
    def _intake_field_names(self):
        """The fields whose values pass through the plugins' intake rules."""
        return INTAKE_FIELDS

    def _intake_values(self):
        self.ensure_one()
        return {
            "subject": self.subject,
            "description": html2plaintext(self.description or ""),
            "partner_id": self.partner_id.id,
            "contact_name": self.contact_name,
            "contact_phone": self.contact_phone,
            "contact_email": self.contact_email,
            "is_anonymous": self.is_anonymous,
            "severity": self.severity,
            "media_involved": self.media_involved,
            "sector": self.sector,
            "anonymous_allowed": self._anonymous_allowed(),
        }

    def _anonymous_allowed(self):
        return bool(self.env["ir.config_parameter"].sudo().get_param("complaint_base.allow_anonymous"))

    @api.model
    def _intake_problems(self, values):
        """The problems the plugins find in ``values``, as ``(field, message)``
        pairs with the message translated into the user's language."""
        results = call_hook(
            "complaint_validate_intake",
            self._installed_complaint_addons(),
            values=values,
            sector=values.get("sector"),
        )
        return [
            (field_name, self._translate_plugin_message(message))
            for result in results
            for field_name, message in (result or [])
        ]

    @api.model
    def _translate_plugin_message(self, message):
        """Plugins answer in English: translate with the catalogue of the
        addon that wrote the sentence (the base first, then the sectors)."""
        lang = self.env.lang
        if not lang or lang == "en_US":
            return message
        for module in ("complaint_base", *sorted(self._installed_complaint_addons() - {"complaint_base"})):
            translated = code_translations.get_python_translations(module, lang).get(message)
            if translated:
                return translated
        return message

    def _raise_intake_problems(self, values):
        problems = self._intake_problems(values)
        if problems:
            raise ValidationError("\n".join(message for __, message in problems))

    @api.model
    def _check_references(self, vals):
        self._check_references_batch([vals])

    @api.model
    def _check_references_batch(self, vals_list):
        """A clear error for a reference to a record that does not exist
        (instead of a foreign-key crash); one query per field for a batch."""
        for field_name, label in intake_engine.checked_references(self._intake_declarations()).items():
            wanted = {
                vals[field_name] for vals in vals_list if isinstance(vals.get(field_name), int) and vals[field_name]
            }
            if not wanted:
                continue
            comodel = self.env[self._fields[field_name].comodel_name]
            missing = wanted - set(comodel.browse(wanted).exists().ids)
            if missing:
                raise ValidationError(
                    self.env._(
                        "Unknown %(what)s (id %(id)s): it does not exist or was deleted.",
                        what=self._reference_label(label),
                        id=min(missing),
                    )
                )

    @api.model
    def _next_references(self, company, count):
        """``count`` new references of ``company``'s complaint sequence; the
        numbers of a standard sequence are drawn in one query."""
        return self.env["ir.sequence"]._complaint_next_by_code("complaint.complaint", company, count)

    def _reference_label(self, key):
        return {
            "channel": self.env._("channel"),
            "category": self.env._("category"),
            "team": self.env._("team"),
            "stage": self.env._("stage"),
            "complainant": self.env._("complainant"),
            "respondent": self.env._("respondent"),
            "handler": self.env._("handler"),
        }.get(key) or self._translate_plugin_message(key)

    @api.model
    def _classify(self, vals, default_team=None):
        """Fill severity, priority and the major flag from the plugins, never
        overriding what the caller set explicitly, and route a complaint that
        arrives without a team (web form, e-mail, API, import): to the team
        the plugins name (``team_code``), else the one its category routes
        to, else the default team of Settings, else the company's first team.
        ``default_team``: that default team, when the caller (a batch) looked
        it up already."""
        Team = self.env["complaint.team"].sudo()
        Category = self.env["complaint.category"].sudo()
        company = self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)
        given_team = vals.get("team_id") or self.env.context.get("default_team_id")
        category = Category.browse(vals["category_id"]) if vals.get("category_id") else Category
        route = category._routing_team() if category else Team
        if given_team:
            team = Team.browse(given_team)
        else:
            if default_team is None:
                default_team = self._default_team_id()
            team = route.filtered(lambda t: t.company_id == company) or default_team
        sector = vals.get("sector") or team.sector or "general"
        values = {key: vals.get(key) for key in INTAKE_FIELDS if key != "description"}
        values.update(category_code=category.code or None, category_team_code=route.code or None)
        answer = dict(
            call_hook("complaint_classify", self._installed_complaint_addons(), values=values, sector=sector) or {}
        )
        team_code = answer.pop("team_code", None)
        category_code = answer.pop("category_code", None)
        for key, value in answer.items():
            if key in self._fields and key not in vals:
                vals[key] = value
        if category_code and not category:
            category = Category.search(
                [("code", "=", category_code), ("company_id", "in", (company.id, False))], limit=1
            )
            if category:
                vals["category_id"] = category.id
                route = category._routing_team()
        if not given_team:
            default = default_team if default_team is not None else self._default_team_id()
            routed = (
                (team_code and Team.search([("code", "=", team_code), ("company_id", "=", company.id)], limit=1))
                or route.filtered(lambda t: t.active and t.company_id == company)
                or default.filtered(lambda t: t.active and t.company_id == company)
                or Team.search([("company_id", "=", company.id)], limit=1)
            )
            if routed:
                vals["team_id"] = routed.id
