"""What a file imports: complaints (the base), or a sector's own rows.

The import wizard reads complaint lists.  A sector that receives other lists
in bulk (a manufacturer's survey scores, a head office's settlement lines)
adds a *target*: a value of ``target`` (``selection_add``) and, in
``_import_targets``, the model that handles its rows.  The wizard keeps what
is the base's — reading .xlsx/.csv (encodings, headers in Chinese or
English, size and row limits), the per-row check that writes nothing, the
report with each row's status and reason, the all-or-nothing import in a
savepoint, the downloadable report — and asks the handler only for what is
its own:

* ``_import_columns()`` → {column: accepted headers};
* ``_import_required_columns()`` → [(column, label)] the file must have;
* ``_import_check_access(wizard)`` → raises unless the user may import;
* ``_import_check(wizard, table)`` → [RowResult] (status ``create`` or
  ``reject`` with its problems), writing nothing;
* ``_import_write(wizard, accepted)`` → writes the accepted rows (it may set
  ``result.complaint`` to the complaint a row opened);
* ``_import_template(wizard)`` → (xlsx bytes, file name);
* ``_import_title()`` → the wizard's title.
"""

import base64

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine.complaint_import import MAX_BYTES, ImportFileError, read_table


class ComplaintImport(models.TransientModel):
    _inherit = "complaint.import"

    target = fields.Selection(
        [("complaint", "Complaints")],
        string="Import",
        required=True,
        default="complaint",
        help="What the rows of the file are.",
    )

    @api.model
    def _import_targets(self):
        """{target: model name of its handler}; complaints are the wizard's own."""
        return {"complaint": None}

    def _import_handler(self):
        """The model handling this wizard's rows, or None for complaints."""
        self.ensure_one()
        name = self._import_targets().get(self.target)
        return self.env[name] if name else None

    def _check_import_access(self):
        handler = self._import_handler()
        if handler is not None:
            handler._import_check_access(self)
        elif not self.env.su and not self.env.user.has_group("complaint_base.group_complaint_manager"):
            raise AccessError(self.env._("Only complaint managers import complaint lists."))

    # --- actions ----------------------------------------------------------
    def action_check(self):
        self._check_import_access()
        return super().action_check()

    def action_import(self):
        self._check_import_access()
        return super().action_import()

    def action_download_template(self):
        self.ensure_one()
        handler = self._import_handler()
        if handler is None:
            return super().action_download_template()
        handler._import_check_access(self)
        data, filename = handler._import_template(self)
        self.write({"template_file": base64.b64encode(data), "template_filename": filename})
        return self._download("template_file", "template_filename")

    def _reopen(self):
        action = super()._reopen()
        handler = self._import_handler()
        if handler is not None:
            action["name"] = handler._import_title()
        return action

    # --- reading and checking ---------------------------------------------
    def _read_table(self):
        handler = self._import_handler()
        if handler is None:
            return super()._read_table()
        if not self.file:
            raise UserError(self.env._("Choose the file to import (.xlsx or .csv)."))
        if len(self.file) > MAX_BYTES * 4 // 3 + 4:
            raise UserError(self._file_error_message(ImportFileError("too_big", limit_mb=MAX_BYTES // 1048576)))
        try:
            table = read_table(base64.b64decode(self.file), self.filename or "", aliases=handler._import_columns())
        except ImportFileError as error:
            raise UserError(self._file_error_message(error)) from None
        missing = [
            label for column, label in handler._import_required_columns() if column not in table.columns.values()
        ]
        if missing:
            raise UserError(
                self.env._(
                    "The file has no %(columns)s column. The first row must hold the column headers; "
                    "download the template to see them all.",
                    columns=", ".join(missing),
                )
            )
        if not table.rows:
            raise UserError(self.env._("The file has a header row but no row under it."))
        return table

    def _analyse(self):
        handler = self._import_handler()
        if handler is None:
            return super()._analyse()
        self.ensure_one()
        table = self._read_table()
        warnings = []
        if table.unknown:
            warnings.append(
                self.env._("These columns are not imported (unknown headers): %s", ", ".join(table.unknown))
            )
        if not (self.external_source or "").strip():
            raise UserError(self.env._("Name the external system the file comes from."))
        return handler._import_check(self, table), warnings

    # --- importing --------------------------------------------------------
    def _write_complaints(self, accepted):
        handler = self._import_handler()
        if handler is None:
            return super()._write_complaints(accepted)
        try:
            with self.env.cr.savepoint():
                handler._import_write(self, accepted)
                self.env.flush_all()
        except psycopg2.OperationalError:
            raise  # serialization failures and lost connections: let the server retry or report
        except (AccessError, UserError, ValidationError) as error:
            self.env.invalidate_all()
            raise UserError(
                self.env._(
                    "The file could not be imported: %(error)s\nNothing was imported: correct the file and "
                    "import it again.",
                    error=self._error_text(error),
                )
            ) from error
        return None
