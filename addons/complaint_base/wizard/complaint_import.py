import base64
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass, field
from datetime import timedelta

import psycopg2
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ..engine import intake as intake_engine
from ..engine.complaint_import import (
    MAX_BYTES,
    ImportFileError,
    build_template,
    lookup_key,
    parse_bool,
    parse_datetime,
    parse_severity,
    read_table,
    to_text,
    too_long,
)
from ..engine.xlsx import Sheet, build_xlsx
from ..models.complaint_stage import CLOSED_STATES

# plain text columns -> complaint field
PLAIN_COLUMNS = {
    "subject": "subject",
    "contact_name": "contact_name",
    "contact_phone": "contact_phone",
    "contact_email": "contact_email",
    "customer_demand": "customer_demand",
    "respondent": "respondent_description",
}
SINGLE_LINE_COLUMNS = ("subject", "contact_name", "contact_phone", "contact_email", "respondent")
STATUSES = [("create", "Create"), ("update", "Update"), ("reject", "Reject")]
# the column a problem of a field is reported on, the import columns sectors
# add and their headers: the declared intake fields (complaint.intake)


# complaints created per batch by the import (all inside one savepoint)
WRITE_CHUNK = 500


@dataclass
class RowResult:
    """What the check found for one row of the file."""

    row: int
    ref: str | None
    status: str = "create"
    complaint: models.BaseModel | None = None
    vals: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)  # why the row is rejected
    notes: list = field(default_factory=list)  # what was changed or ignored

    def reject(self, message):
        self.status = "reject"
        self.problems.append(message)

    @property
    def message(self):
        return "\n".join(self.problems + self.notes)


class ComplaintImport(models.TransientModel):
    """Bulk import of a complaint list (a manufacturer's weekly list, a head
    office export) from Excel or CSV.  Check first: every row is read and
    validated without writing anything, and gets a status (create, update,
    reject) with its reason.  Then import: all accepted rows in one go, or
    nothing at all.  Rows are matched on their reference in the external
    system, so importing the same file again updates instead of duplicating."""

    _name = "complaint.import"
    _description = "Import Complaints"

    def _default_channel_id(self):
        return self.env.ref("complaint_base.complaint_channel_system", raise_if_not_found=False)

    def _default_external_source(self):
        last = self.env["complaint.complaint"].search(
            [("external_source", "!=", False), ("company_id", "=", self.env.company.id)],
            order="id desc",
            limit=1,
        )
        return last.external_source

    file = fields.Binary(attachment=False, help="An .xlsx workbook or a .csv file (UTF-8 or GBK), at most 10 MB.")
    filename = fields.Char()
    external_source = fields.Char(
        string="External System",
        required=True,
        default=_default_external_source,
        help="The system the list comes from, e.g. the manufacturer's complaint portal. A row whose reference "
        "this system already sent updates that complaint instead of creating a second one.",
    )
    channel_id = fields.Many2one(
        "complaint.channel",
        string="Default Channel",
        default=_default_channel_id,
        help="Channel of the new complaints whose row gives none.",
    )
    strict = fields.Boolean(
        string="Reject the Whole File When Any Row Is Rejected",
        default=True,
        help="Off: the valid rows are imported and the rejected ones are left out (listed in the report).",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    state = fields.Selection(
        [("upload", "Upload"), ("checked", "Checked"), ("done", "Imported")], default="upload", required=True
    )
    line_ids = fields.One2many("complaint.import.line", "wizard_id", string="Report", readonly=True)
    warning_message = fields.Text(readonly=True)
    count_create = fields.Integer(compute="_compute_counts", string="New Complaints")
    count_update = fields.Integer(compute="_compute_counts", string="Updates")
    count_reject = fields.Integer(compute="_compute_counts", string="Rejected Rows")
    report_file = fields.Binary(attachment=False, readonly=True)
    report_filename = fields.Char()
    template_file = fields.Binary(attachment=False, readonly=True)
    template_filename = fields.Char()

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.count_create = statuses.count("create")
            wizard.count_update = statuses.count("update")
            wizard.count_reject = statuses.count("reject")

    @api.onchange("file")
    def _onchange_file(self):
        self.state = "upload"
        self.line_ids = [fields.Command.clear()]
        self.warning_message = False

    # --- actions ----------------------------------------------------------
    def action_check(self):
        """Read and validate every row; write nothing but the report."""
        self.ensure_one()
        results, warnings = self._analyse()
        self._store_report(results, warnings, "checked")
        return self._reopen()

    def action_import(self):
        """Create and update all accepted rows at once, or nothing."""
        self.ensure_one()
        results, warnings = self._analyse()
        rejected = [result for result in results if result.status == "reject"]
        if self.strict and rejected:
            raise UserError(
                self.env._(
                    "%(count)s of the %(total)s rows are rejected (first: row %(row)s) and the whole file is "
                    "rejected when any row is: nothing was imported. Click Check to see the report, then correct "
                    "the file, or untick the option to import the valid rows only.",
                    count=len(rejected),
                    total=len(results),
                    row=rejected[0].row,
                )
            )
        accepted = [result for result in results if result.status != "reject"]
        if not accepted:
            raise UserError(self.env._("No row of the file can be imported: see the report."))
        self._write_complaints(accepted)
        self._store_report(results, warnings, "done")
        return self._reopen()

    def action_download_report(self):
        self.ensure_one()
        _ = self.env._
        labels = self._status_labels()
        rows = (
            [line.row_number, line.external_ref or "", labels[line.status], line.complaint_id.name or "", line.message]
            for line in self.line_ids
        )
        data = build_xlsx(
            [
                Sheet(
                    _("Import Report"),
                    [_("Row"), _("External Reference"), _("Status"), _("Complaint"), _("Message")],
                    rows,
                    widths=[8, 20, 12, 18, 80],
                )
            ]
        )
        stem = (self.filename or "complaints").rsplit(".", 1)[0]
        self.write({"report_file": base64.b64encode(data), "report_filename": f"{stem}-report.xlsx"})
        return self._download("report_file", "report_filename")

    def action_download_template(self):
        self.ensure_one()
        declared = self.env["complaint.intake"]._offered("import", sector_only=True)
        notes = self._template_notes()
        notes.update({decl["column"]: decl.get("help") or decl["label"] for decl in declared})
        data = build_template(
            notes,
            instructions_title=self.env._("Instructions")[:31],
            extra_columns=tuple((decl["column"], intake_engine.template_header(decl)) for decl in declared),
        )
        self.write({"template_file": base64.b64encode(data), "template_filename": "complaint-import-template.xlsx"})
        return self._download("template_file", "template_filename")

    def _download(self, field_name, filename_field):
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}&field={field_name}"
            f"&filename_field={filename_field}&download=true",
            "target": "self",
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import Complaints"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _status_labels(self):
        return {"create": self.env._("Create"), "update": self.env._("Update"), "reject": self.env._("Reject")}

    # --- reading the file -------------------------------------------------
    def _read_table(self):
        if not self.file:
            raise UserError(self.env._("Choose the file to import (.xlsx or .csv)."))
        if len(self.file) > MAX_BYTES * 4 // 3 + 4:
            raise UserError(self._file_error_message(ImportFileError("too_big", limit_mb=MAX_BYTES // 1048576)))
        try:
            table = read_table(
                base64.b64decode(self.file),
                self.filename or "",
                extra_columns=intake_engine.import_headers(self.env["complaint.intake"]._declarations()),
            )
        except ImportFileError as error:
            raise UserError(self._file_error_message(error)) from None
        for column in ("subject", "external_ref"):
            if column not in table.columns.values():
                raise UserError(
                    self.env._(
                        "The file has no %(column)s column. The first row must hold the column headers, e.g. "
                        "%(examples)s; download the template to see them all.",
                        column=self._column_label(column),
                        examples="外部编号 / external_ref, 投诉主题 / subject, 投诉人 / contact_name",
                    )
                )
        if not table.rows:
            raise UserError(self.env._("The file has a header row but no complaint under it."))
        return table

    def _file_error_message(self, error):
        _ = self.env._
        messages = {
            "empty": _("The file is empty."),
            "xls": _("Old Excel files (.xls) are not read: save the file as .xlsx or .csv and import it again."),
            "not_xlsx": _("The file is not a valid Excel workbook (.xlsx): save it again from Excel, or as .csv."),
            "not_text": _("The file is neither an Excel workbook (.xlsx) nor a CSV text file."),
            "encoding": _("The CSV file is neither UTF-8 nor GBK/GB18030 text: save it again as CSV UTF-8."),
            "bad_csv": _("The CSV file cannot be read (%s): save it again from Excel.", error.params.get("detail")),
            "no_header": _(
                "No column header was recognised in the first row: it must name the columns, e.g. 外部编号 / "
                "external_ref, 投诉主题 / subject. Download the template to see them all."
            ),
            "duplicate_column": _(
                "The columns %(first)s and %(second)s both give %(column)s: keep only one.",
                first=error.params.get("first"),
                second=error.params.get("second"),
                column=error.params.get("column"),
            ),
            "too_many_rows": _(
                "The file has more than %(limit)s rows: split it into smaller files.", limit=error.params.get("limit")
            ),
            "too_big": _(
                "The file is larger than %(limit)s MB: split it into smaller files.", limit=error.params.get("limit_mb")
            ),
        }
        return messages.get(error.code, _("The file cannot be read."))

    def _column_label(self, column):
        _ = self.env._
        return {
            "external_ref": _("external reference (外部编号 / external_ref)"),
            "subject": _("subject (投诉主题 / subject)"),
            "description": _("description (投诉内容 / description)"),
            "contact_name": _("complainant (投诉人 / contact_name)"),
            "contact_phone": _("phone (联系电话 / contact_phone)"),
            "contact_email": _("e-mail (邮箱 / contact_email)"),
            "is_anonymous": _("anonymous (匿名 / is_anonymous)"),
            "category": _("category (类别 / category)"),
            "channel": _("channel (渠道 / channel)"),
            "severity": _("severity (严重程度 / severity)"),
            "date_received": _("date received (投诉日期 / date_received)"),
            "customer_demand": _("remedy sought (诉求 / customer_demand)"),
            "respondent": _("respondent (被投诉方 / respondent)"),
            "team": _("team (处理团队 / team)"),
        }.get(column) or self._declared_column_label(column)

    def _declared_column_label(self, column):
        for decl in self.env["complaint.intake"]._offered("import", sector_only=True):
            if decl["column"] == column:
                return f"{decl['label']} ({intake_engine.template_header(decl)} / {column})"
        return column

    def _template_notes(self):
        _ = self.env._
        return {
            "external_ref": _("Required. The complaint's number in your system; the same number updates it."),
            "subject": _("Required for a new complaint. One line."),
            "description": _("What happened. Plain text, or HTML (cleaned)."),
            "contact_name": _("Required with a phone or e-mail unless the complaint is anonymous."),
            "contact_phone": _("Mobile or landline."),
            "contact_email": _("E-mail address."),
            "is_anonymous": _("是/否 or yes/no."),
            "category": _("Category code (e.g. SERVICE) or name."),
            "channel": _("Channel code (e.g. phone, system) or name."),
            "severity": _("general/major/critical or 一般/重大/严重."),
            "date_received": _("e.g. 2026-03-02 09:30 or 2026年3月2日 09:30, in your time zone."),
            "customer_demand": _("What the complainant asks for."),
            "respondent": _("Person, department, outlet or product complained about."),
            "team": _("Team code or name."),
        }

    # --- checking ---------------------------------------------------------
    def _lookups(self):
        """{kind: (by code, by name)} of categories, channels and teams, names
        in every installed language; plus the severity labels."""
        langs = [code for code, __ in self.env["res.lang"].get_installed()]
        company_domain = [("company_id", "in", (False, self.company_id.id))]
        sources = {
            "category": self.env["complaint.category"].search(company_domain),
            "channel": self.env["complaint.channel"].search([]),
            "team": self.env["complaint.team"].search(company_domain),
        }
        lookups = {}
        for kind, records in sources.items():
            by_code, by_name = defaultdict(set), defaultdict(set)
            for record in records:
                if record.code:
                    by_code[lookup_key(record.code)].add(record.id)
            for lang in langs:
                for record in records.with_context(lang=lang):
                    by_name[lookup_key(record.name)].add(record.id)
                    by_name[lookup_key(record.display_name)].add(record.id)
            lookups[kind] = (by_code, by_name)
        severity_field = self.env["complaint.complaint"]._fields["severity"]
        lookups["severity"] = {
            label: value
            for lang in langs
            for value, label in severity_field._description_selection(self.env(context={"lang": lang}))
        }
        return lookups

    def _match(self, lookups, kind, value):
        """(record id, problem) for a code or name."""
        by_code, by_name = lookups[kind]
        key = lookup_key(value)
        ids = by_code.get(key) or by_name.get(key) or set()
        if len(ids) == 1:
            return next(iter(ids)), None
        return False, ("ambiguous" if ids else "unknown")

    def _local_to_utc(self, naive):
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        return tz.localize(naive, is_dst=False).astimezone(pytz.utc).replace(tzinfo=None)

    def _analyse(self):
        """([RowResult], [warning]) for the uploaded file; writes nothing."""
        self.ensure_one()
        _ = self.env._
        table = self._read_table()
        warnings = []
        if table.unknown:
            warnings.append(_("These columns are not imported (unknown headers): %s", ", ".join(table.unknown)))
        source = (self.external_source or "").strip()
        if not source:
            raise UserError(_("Name the external system the file comes from."))
        refs = {to_text(raw.get("external_ref")) for __, raw in table.rows} - {None}
        Complaint = self.env["complaint.complaint"]
        existing = {
            complaint.external_ref: complaint
            for complaint in Complaint.with_context(active_test=False).search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("external_source", "=", source),
                    ("external_ref", "in", list(refs)),
                ]
            )
        }
        lookups = self._lookups()
        Intake = self.env["complaint.intake"]
        declared = Intake._offered("import", sector_only=True)
        context = {
            "declared": declared,
            "declared_lookups": {
                decl["name"]: Intake._lookup_codes(
                    decl,
                    {
                        " ".join((to_text(raw.get(decl["column"])) or "").split())
                        for __, raw in table.rows
                        if raw.get(decl["column"]) is not None
                    },
                    self.company_id,
                )
                for decl in declared
                if decl["type"] == "many2one"
            },
            "addons": Complaint._installed_complaint_addons(),
            "anonymous_allowed": Complaint._anonymous_allowed(),
            "default_team": Complaint._default_team_id(),
            "now": fields.Datetime.now(),
            "source": source,
        }
        seen = {}
        results = []
        for number, raw in table.rows:
            result = RowResult(row=number, ref=to_text(raw.get("external_ref")))
            self._check_row(result, raw, table, lookups, existing, seen, context)
            results.append(result)
        return results, warnings

    def _check_row(self, result, raw, table, lookups, existing, seen, context):
        _ = self.env._

        def header(column):
            return table.header_of(column) if column in table.columns.values() else self._column_label(column)

        ref = result.ref
        if not ref:
            result.reject(
                _(
                    "%(column)s: empty. Every row needs its reference in the external system, so that importing "
                    "the file again updates the complaint instead of duplicating it.",
                    column=header("external_ref"),
                )
            )
        elif too_long("external_ref", ref):
            result.reject(
                _(
                    "%(column)s: too long (%(length)s characters, at most %(limit)s).",
                    column=header("external_ref"),
                    length=len(ref),
                    limit=too_long("external_ref", ref),
                )
            )
        elif ref in seen:
            result.reject(
                _(
                    "%(column)s: %(ref)s already appears on row %(row)s of this file.",
                    column=header("external_ref"),
                    ref=ref,
                    row=seen[ref],
                )
            )
        else:
            seen[ref] = result.row
        complaint = existing.get(ref) if ref and seen.get(ref) == result.row else None
        vals = {}

        Intake = self.env["complaint.intake"]
        for column, field_name in PLAIN_COLUMNS.items():
            text = to_text(raw.get(column))
            if text is None:
                continue
            text, stripped = Intake._plain_text(text)
            if stripped:
                result.notes.append(_("%s: markup removed, only the text is kept.", header(column)))
            if text and column in SINGLE_LINE_COLUMNS:
                text = " ".join(text.split())
            limit = too_long(column, text)
            if limit:
                result.reject(
                    _(
                        "%(column)s: too long (%(length)s characters, at most %(limit)s).",
                        column=header(column),
                        length=len(text),
                        limit=limit,
                    )
                )
            elif text:
                vals[field_name] = text

        description = to_text(raw.get("description"))
        if description:
            limit = too_long("description", description)
            if limit:
                result.reject(
                    _(
                        "%(column)s: too long (%(length)s characters, at most %(limit)s).",
                        column=header("description"),
                        length=len(description),
                        limit=limit,
                    )
                )
            else:
                vals["description"], unsafe = Intake._clean_html(description)
                if unsafe:
                    result.notes.append(_("%s: unsafe markup (scripts) removed.", header("description")))

        declared = {decl["column"]: decl for decl in context["declared"]}
        sector_vals, problems = Intake._read_declared(
            "import",
            {column: to_text(raw.get(column)) for column in declared if raw.get(column) is not None},
            self.company_id,
            lookups=context["declared_lookups"],
            declared=context["declared"],
        )
        for decl, message in problems:
            result.reject(f"{header(decl['column'])}: {message}")
        vals.update(sector_vals)

        if raw.get("is_anonymous") is not None:
            try:
                anonymous = parse_bool(raw["is_anonymous"])
            except ValueError:
                result.reject(
                    _(
                        "%(column)s: %(value)s is neither yes nor no (是/否).",
                        column=header("is_anonymous"),
                        value=to_text(raw["is_anonymous"]),
                    )
                )
            else:
                if anonymous is not None:
                    vals["is_anonymous"] = anonymous

        for column, field_name in (("category", "category_id"), ("channel", "channel_id"), ("team", "team_id")):
            value = to_text(raw.get(column))
            if value is None:
                continue
            record_id, problem = self._match(lookups, column, value)
            if problem == "unknown":
                result.reject(
                    _(
                        "%(column)s: no %(kind)s has the code or name %(value)s.",
                        column=header(column),
                        kind=self._kind_label(column),
                        value=value,
                    )
                )
            elif problem:
                result.reject(
                    _(
                        "%(column)s: several %(kind)s records are named %(value)s; give the code instead.",
                        column=header(column),
                        kind=self._kind_label(column),
                        value=value,
                    )
                )
            else:
                vals[field_name] = record_id

        if raw.get("severity") is not None:
            try:
                vals["severity"] = parse_severity(raw["severity"], lookups["severity"])
            except ValueError:
                result.reject(
                    _(
                        "%(column)s: %(value)s is not a severity (general, major, critical / 一般, 重大, 严重).",
                        column=header("severity"),
                        value=to_text(raw["severity"]),
                    )
                )
            if not vals.get("severity"):
                vals.pop("severity", None)

        if raw.get("date_received") is not None:
            try:
                local = parse_datetime(raw["date_received"])
                received = self._local_to_utc(local) if local else None
            except (ValueError, OverflowError, pytz.exceptions.Error):
                result.reject(
                    _(
                        "%(column)s: %(value)s is not a date; write it like 2026-03-02 09:30 or 2026年3月2日.",
                        column=header("date_received"),
                        value=to_text(raw["date_received"]),
                    )
                )
            else:
                if received and received > context["now"] + timedelta(minutes=5):
                    result.reject(
                        _(
                            "%(column)s: %(value)s is in the future.",
                            column=header("date_received"),
                            value=to_text(raw["date_received"]),
                        )
                    )
                elif received:
                    vals["date_received"] = received

        if complaint:
            self._check_update(result, complaint, vals, header, context)
        else:
            self._check_create(result, vals, header, context)

    def _kind_label(self, kind):
        return {"category": self.env._("category"), "channel": self.env._("channel"), "team": self.env._("team")}[kind]

    def _intake_problems(self, values, header):
        """The problems the plugins find in ``values``, named by their column."""
        columns = self.env["complaint.intake"]._problem_keys("column")
        return [
            f"{header(columns.get(field_name, field_name))}: {message}"
            for field_name, message in self.env["complaint.complaint"]._intake_problems(values)
        ]

    def _check_create(self, result, vals, header, context):
        _ = self.env._
        if not vals.get("subject"):
            result.reject(_("%s: empty; a new complaint needs a subject.", header("subject")))
        if vals.get("is_anonymous"):
            for field_name in ("contact_name", "contact_phone", "contact_email"):
                if vals.pop(field_name, None):
                    result.notes.append(_("%s: ignored, the complaint is anonymous.", header(field_name)))
        team = self.env["complaint.team"].browse(vals["team_id"]) if vals.get("team_id") else context["default_team"]
        values = self.env["complaint.intake"]._plugin_values(
            vals, sector=team.sector or "general", anonymous_allowed=context["anonymous_allowed"]
        )
        for problem in self._intake_problems(values, header):
            result.reject(problem)
        if result.status == "reject":
            result.vals = {}
            return
        vals.setdefault("channel_id", self.channel_id.id or False)
        vals.update(
            external_source=context["source"],
            external_ref=result.ref,
            company_id=self.company_id.id,
        )
        result.status = "create"
        result.vals = vals

    def _check_update(self, result, complaint, vals, header, context):
        _ = self.env._
        result.complaint = complaint
        if complaint.state in CLOSED_STATES:
            result.reject(
                _(
                    "Complaint %(name)s (reference %(ref)s) is closed or cancelled: an import does not change it. "
                    "Reopen it first, or leave the row out.",
                    name=complaint.name,
                    ref=result.ref,
                )
            )
        if complaint.is_anonymous or vals.get("is_anonymous"):
            for field_name in ("contact_name", "contact_phone", "contact_email"):
                if vals.pop(field_name, None):
                    result.notes.append(_("%s: ignored, the complaint is anonymous.", header(field_name)))
        changes = {}
        for field_name, value in vals.items():
            current = complaint[field_name]
            if isinstance(current, models.BaseModel):
                current = current.id
            if field_name == "description":
                current = str(current or "")
            if current != value:
                changes[field_name] = value
        checked = set(complaint._intake_values())
        if set(changes) & checked:
            values = complaint._intake_values()
            values.update({key: value for key, value in changes.items() if key in checked})
            if "description" in changes:
                values["description"] = html2plaintext(changes["description"] or "")
            for problem in self._intake_problems(values, header):
                result.reject(problem)
        if result.status == "reject":
            result.vals = {}
            return
        result.status = "update"
        result.vals = changes
        if not changes:
            result.notes.append(_("Nothing to change: the complaint already has these values."))

    # --- importing --------------------------------------------------------
    def _write_complaints(self, accepted):
        """Create the new complaints in one batch and update the others,
        inside a savepoint: on any failure nothing stays and the row that
        failed is named."""
        to_create = [result for result in accepted if result.status == "create"]
        to_update = [result for result in accepted if result.status == "update" and result.vals]
        try:
            with self.env.cr.savepoint():
                # in chunks, each written and dropped from the ORM cache before
                # the next: 10,000 rows cost what 20 times 500 do, in flat memory
                for start in range(0, len(to_create), WRITE_CHUNK):
                    chunk = to_create[start : start + WRITE_CHUNK]
                    created = self.env["complaint.intake"]._create_complaints([result.vals for result in chunk])
                    for result, complaint in zip(chunk, created, strict=True):
                        result.complaint = complaint
                    self.env.flush_all()
                    self.env.invalidate_all()
                for result in to_update:
                    result.complaint.write(result.vals)
                self.env.flush_all()
        except psycopg2.OperationalError:
            raise  # serialization failures and lost connections: let the server retry or report
        except Exception as error:  # reported with its row, after rolling everything back
            self.env.invalidate_all()
            failed, reason = self._find_failing_row(to_create + to_update)
            if failed is None:
                failed, reason = None, error
            raise UserError(
                self.env._(
                    "Row %(row)s could not be imported: %(error)s\nNothing was imported: correct the row "
                    "(or leave it out) and import the file again.",
                    row=failed.row if failed else "?",
                    error=self._error_text(reason),
                )
            ) from error

    def _find_failing_row(self, results):
        """The first row that fails on its own, tried in a savepoint that is
        always rolled back; (None, None) when each row passes alone."""
        Complaint = self.env["complaint.complaint"]
        for result in sorted(results, key=lambda r: r.row):
            try:
                with closing(self.env.cr.savepoint(flush=False)):
                    if result.status == "create":
                        Complaint.create([dict(result.vals)])
                    else:
                        result.complaint.write(dict(result.vals))
                    self.env.flush_all()
            except psycopg2.OperationalError:
                raise
            except Exception as error:  # the failure is the answer
                self.env.invalidate_all()
                return result, error
            finally:
                self.env.invalidate_all()
        return None, None

    def _error_text(self, error):
        if isinstance(error, psycopg2.Error):
            return (error.pgerror or str(error)).strip()
        if getattr(error, "args", None):
            return str(error.args[0])
        return str(error)

    def _store_report(self, results, warnings, state):
        self.line_ids.unlink()
        self.write(
            {
                "state": state,
                "warning_message": "\n".join(warnings) or False,
                "line_ids": [
                    fields.Command.create(
                        {
                            "row_number": result.row,
                            "external_ref": result.ref,
                            "status": result.status,
                            "complaint_id": result.complaint.id if result.complaint else False,
                            "message": result.message or False,
                        }
                    )
                    for result in results
                ],
            }
        )


class ComplaintImportLine(models.TransientModel):
    _name = "complaint.import.line"
    _description = "Import Complaints: Row Report"
    _order = "row_number"

    wizard_id = fields.Many2one("complaint.import", required=True, ondelete="cascade", index=True)
    row_number = fields.Integer(string="Row")
    external_ref = fields.Char(string="External Reference")
    status = fields.Selection(STATUSES, required=True)
    complaint_id = fields.Many2one("complaint.complaint", string="Complaint", ondelete="set null")
    message = fields.Text()
