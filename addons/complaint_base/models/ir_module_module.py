from odoo import models
from odoo.tools.translate import DeepDefaultDict, TranslationImporter, get_po_paths


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _complaint_load_model_names(self):
        """Translate the modules' model descriptions, field labels and selection
        labels before their data is loaded.

        Odoo loads a module's translations after its data and demo files, and the
        records those files create write texts that are kept as written: the
        chatter's "<model description> 创建", notes naming a selection label.
        Called by the first data file of each complaint addon (the demo's first
        file loads all the module's terms)."""
        langs = [code for code, __ in self.env["res.lang"].get_installed() if code != "en_US"]
        if not langs:
            return True
        importer = TranslationImporter(self.env.cr, verbose=False)
        for module in self:
            for lang in langs:
                for path in get_po_paths(module.name, lang):
                    importer.load_file(path, lang)
        # the records of these models exist before the data files run
        early = {
            model: importer.model_translations[model]
            for model in ("ir.model", "ir.model.fields", "ir.model.fields.selection")
            if model in importer.model_translations
        }
        importer.model_translations = DeepDefaultDict()
        importer.model_terms_translations = DeepDefaultDict()
        if early:
            importer.model_translations.update(early)
            importer.save(overwrite=False)
        return True
