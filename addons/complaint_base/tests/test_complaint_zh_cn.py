"""Everything a Chinese user of the complaint suite sees is Chinese.

For every installed ``complaint_*`` addon the test loads, in zh_CN, what Odoo
shows on the suite's behalf: every view (the arch of each view record and the
primary views as ``get_views`` renders them, with the labels, tooltips and
selection labels of their fields), menu, action, field label and help,
selection label, model description (which Odoo also writes into the chatter:
"<model description> 创建"), every translatable value of the addons' data
records (categories, clock kinds, stages, groups, templates) and the module's
card on the Apps page.

A string is "English left untranslated" when it contains ASCII letters, reads
the same in zh_CN as in en_US and is not on the allow-list below.
"""

import re

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

# Strings that are the same in Chinese: codes and names users read as they are.
ALLOWED = {
    "API",
    "SLA",
    "VIN",
    "Excel",
    "JSON",
    "CSV",
    "URL",
    "PDF",
    "SMS",
    "ID",
    "8D",
    "ISO 10002",
    "GB/T 17242",
    "GB/T 39666",
    "Wkhtmltopdf",
    "12345",
}
ALLOWED_PATTERNS = [
    re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$"),  # e-mail examples
    re.compile(r"^(https?://|www\.)\S+$"),  # addresses
    re.compile(r"^[a-z0-9_.]+$"),  # technical names (fields, xml ids, codes)
    re.compile(r"^[A-Z0-9%()_{}./:-]+$"),  # codes and reference patterns (TS%(year)s-, FK)
    re.compile(r"^[+\d\s()-]*$"),
]
# non-letter characters, placeholders and markup that do not make a text English
NOISE = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|\{[\w.]*\}|<[^>]*>|&\w+;")


def is_english(text):
    """True when ``text`` reads as English: it has a word of ASCII letters left
    once placeholders, markup and allowed codes are taken out."""
    text = (text or "").strip()
    if not text or text in ALLOWED or any(pattern.match(text) for pattern in ALLOWED_PATTERNS):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", NOISE.sub(" ", text))
    # short capitals are codes: SLA, VIN, TS (reference prefix), FK (fine numbers)
    return any(word not in ALLOWED and not (word.isupper() and len(word) <= 4) for word in words)


@tagged("post_install", "-at_install")
class TestComplaintZhCN(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.modules = cls.env["ir.module.module"].search(
            [("name", "=like", "complaint\\_%"), ("state", "=", "installed")]
        )
        cls.module_names = cls.modules.mapped("name")
        # as a Chinese install has them: the terms of every module (inherited fields such as
        # the team's e-mail alias take their labels from their own module), the suite's last
        installed = cls.env["ir.module.module"].search([("state", "=", "installed")])
        (installed - cls.modules)._update_translations(["zh_CN"])
        cls.modules._update_translations(["zh_CN"], overwrite=True)
        cls.en = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def _records(self, model):
        data = self.env["ir.model.data"].search([("module", "in", self.module_names), ("model", "=", model)])
        return {item.complete_name: item.res_id for item in data}

    def _compare(self, gaps, where, en_value, zh_value, field=None):
        """Record the terms of ``en_value`` still in English in ``zh_value``."""
        if field is not None and callable(field.translate):
            en_terms = field.get_trans_terms(en_value or "")
            zh_terms = set(field.get_trans_terms(zh_value or ""))
            for term in en_terms:
                text = field.get_text_content(term)
                if term in zh_terms and is_english(text):
                    gaps.append(f"{where}: {text!r}")
        elif en_value and en_value == zh_value and is_english(en_value):
            gaps.append(f"{where}: {en_value!r}")

    def _check_translatable_records(self, model, gaps, fields=None, xmlids=None):
        Model = self.en[model]
        names = fields or [name for name, field in Model._fields.items() if field.translate and field.store]
        xmlids = xmlids if xmlids is not None else self._records(model)
        records = Model.browse(xmlids.values()).exists()
        by_id = {res_id: xmlid for xmlid, res_id in xmlids.items()}
        for record in records:
            zh_record = record.with_env(self.zh)
            for name in names:
                self._compare(gaps, f"{by_id[record.id]} {name}", record[name], zh_record[name], Model._fields[name])

    def _check_stored_paths(self, model, gaps):
        """Stored texts computed from translated fields (a category's path
        "Courier / Damage") keep the language of the install: a view showing
        one shows English."""
        Model = self.en[model]
        translated = {name for name, field in Model._fields.items() if field.translate}
        stored = [
            name
            for name, field in Model._fields.items()
            if field.type == "char"
            and field.store
            and field.compute
            and not field.translate
            and any(dep.split(".")[-1] in translated or dep in translated for dep in field.get_depends(Model)[0])
        ]
        if not stored:
            return
        shown = set()
        for view in self.env["ir.ui.view"].search([("model", "=", model), ("type", "in", ("list", "kanban", "form"))]):
            arch = self.zh[model].get_views([(view.id, view.type)])["views"][view.type]["arch"]
            shown |= {name for name in stored if f'name="{name}"' in arch}
        xmlids = self._records(model)
        for record in Model.browse(xmlids.values()).exists().with_env(self.zh):
            for name in shown:
                self._compare(
                    gaps, f"{model}({record.id}) {name} (stored, shown)", record.with_env(self.en)[name], record[name]
                )

    def test_suite_reads_in_chinese(self):
        self.assertIn("complaint_base", self.module_names)
        gaps = []
        # model descriptions, field labels and tooltips, selection labels
        self._check_translatable_records("ir.model", gaps, ["name"])
        self._check_translatable_records("ir.model.fields", gaps, ["field_description", "help"])
        self._check_translatable_records("ir.model.fields.selection", gaps, ["name"])
        # menus and actions
        self._check_translatable_records("ir.ui.menu", gaps, ["name"])
        for model in ("ir.actions.act_window", "ir.actions.server", "ir.actions.report", "ir.actions.client"):
            self._check_translatable_records(
                model, gaps, ["name", "help"] if model == "ir.actions.act_window" else ["name"]
            )
        # the addons' own data records: categories, clock kinds, stages, groups, templates...
        models = set(self.env["ir.model.data"].search([("module", "in", self.module_names)]).mapped("model"))
        skip = {
            "ir.model",
            "ir.model.fields",
            "ir.model.fields.selection",
            "ir.ui.menu",
            "ir.ui.view",
            "ir.actions.act_window",
            "ir.actions.server",
            "ir.actions.report",
            "ir.actions.client",
            "ir.model.constraint",
            "ir.model.relation",
        }
        for model in sorted(models - skip):
            if model in self.env and any(field.translate and field.store for field in self.env[model]._fields.values()):
                self._check_translatable_records(model, gaps)
                self._check_stored_paths(model, gaps)
        # the module's card on the Apps page
        for module in self.modules:
            for name in ("shortdesc", "summary", "description"):
                self._compare(
                    gaps, f"module {module.name} {name}", module.with_env(self.en)[name], module.with_env(self.zh)[name]
                )
        # every view record, and the primary views as the web client receives them
        views = self._records("ir.ui.view")
        self._check_translatable_records("ir.ui.view", gaps, ["arch_db"], views)
        arch_field = self.env["ir.ui.view"]._fields["arch_db"]
        suite_fields = {
            (field.model, field.name)
            for field in self.env["ir.model.fields"].browse(self._records("ir.model.fields").values())
        }
        for xmlid, view_id in views.items():
            view = self.env["ir.ui.view"].browse(view_id)
            if view.inherit_id or view.type not in (
                "form",
                "list",
                "kanban",
                "search",
                "calendar",
                "pivot",
                "graph",
                "activity",
            ):
                continue
            en_views = self.en[view.model].get_views([(view.id, view.type)])
            zh_views = self.zh[view.model].get_views([(view.id, view.type)])
            self._compare(
                gaps,
                f"{xmlid} (rendered)",
                en_views["views"][view.type]["arch"],
                zh_views["views"][view.type]["arch"],
                arch_field,
            )
            for model, fields_en in en_views["models"].items():
                fields_zh = zh_views["models"][model]["fields"]
                for name, description in fields_en["fields"].items():
                    if (model, name) not in suite_fields:
                        continue
                    where = f"{xmlid} field {model}.{name}"
                    for key in ("string", "help"):
                        self._compare(gaps, f"{where} {key}", description.get(key), fields_zh[name].get(key))
                    zh_labels = dict(fields_zh[name].get("selection") or [])
                    for value, label in description.get("selection") or []:
                        if label == value:  # technical values shown as they are (time zones)
                            continue
                        self._compare(gaps, f"{where} selection {value}", label, zh_labels.get(value))
        gaps = sorted(set(gaps))
        if gaps:
            self.fail(f"{len(gaps)} strings left in English in the zh_CN interface:\n" + "\n".join(gaps))


@tagged("post_install", "-at_install")
class TestComplaintModelNamesAtInstall(TransactionCase):
    def test_model_descriptions_translated_before_the_data(self):
        """The first data file of each addon translates its model descriptions,
        so the records its data and demo files create log "时限策略 创建", not
        "Deadline Policy 创建" (Odoo loads the other terms after those files)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        model = self.env["ir.model"]._get("complaint.deadline.policy")
        # as during the install, before any term is loaded: English only
        self.env.cr.execute("UPDATE ir_model SET name = name - 'zh_CN' WHERE id = %s", [model.id])
        model.invalidate_recordset(["name"])
        self.assertEqual(model.with_context(lang="zh_CN").name, "Deadline Policy")
        module = self.env.ref("base.module_complaint_base")
        module._complaint_load_model_names()
        model.invalidate_recordset(["name"])
        self.assertEqual(model.with_context(lang="zh_CN").name, "时限策略")
        self.assertEqual(model.with_context(lang="en_US").name, "Deadline Policy")
        # an install or a scheduled action has no language in its context: "%s created"
        # is translated in the user's, and so now is the model description
        self.env.user.lang = "zh_CN"
        policy = self.env(context={})["complaint.deadline.policy"].create({"name": "测试策略"})
        creation = policy.message_ids.filtered(lambda message: message.message_type == "notification")
        self.assertIn("时限策略", str(creation[:1].body))
        self.assertNotIn("Deadline Policy", str(creation[:1].body))

    def test_tracking_without_language_reads_the_company_language(self):
        """The installer and the scheduler write without a language: the changes
        they make are tracked in the company's ("待核实 → 有效"), and a user's
        change in the user's own language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_complaint_base")._update_translations(["zh_CN"], overwrite=True)
        self.env.company.partner_id.lang = "zh_CN"
        self.env.user.lang = "en_US"
        Complaint = self.env["complaint.complaint"]
        channel = self.env["complaint.channel"].search([], limit=1)

        def tracked(env, value):
            complaint = Complaint.with_env(env).create(
                {
                    "subject": "发动机异响",
                    "contact_name": "张伟",
                    "contact_phone": "13812340000",
                    "channel_id": channel.id,
                }
            )
            self.env.cr.precommit.run()  # the tracking is written at commit
            complaint.write({"validity": value})
            self.env.cr.precommit.run()
            return complaint.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "validity")

        labels = dict(
            Complaint.with_context(lang="zh_CN")
            ._fields["validity"]
            ._description_selection(self.env(context={"lang": "zh_CN"}))
        )
        self.assertNotEqual(labels["valid"], "Valid")
        silent = tracked(self.env(context={}), "valid")
        self.assertEqual((silent.old_value_char, silent.new_value_char), (labels["pending"], labels["valid"]))
        spoken = tracked(self.env(context={"lang": "en_US"}), "invalid")
        self.assertEqual((spoken.old_value_char, spoken.new_value_char), ("To Check", "Invalid"))
        # the values before a change are read in the same language: a contact's
        # address does not become a change of "China" into "中国"
        partner = self.env["res.partner"].create(
            {"name": "张伟", "street": "文三路 398 号", "country_id": self.env.ref("base.cn").id}
        )
        self.env.cr.precommit.run()
        partner.with_env(self.env(context={})).write({"phone": "0571-8888 6000"})
        self.env.cr.precommit.run()
        changed = partner.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("phone", changed)
        self.assertNotIn("contact_address_inline", changed)
