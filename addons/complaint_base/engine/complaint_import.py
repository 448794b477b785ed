"""Reading complaint lists from Excel or CSV files, without Odoo.

A manufacturer's or head office's weekly complaint list arrives as an
``.xlsx`` workbook or as a CSV file saved by Chinese Excel (GBK/GB18030, or
UTF-8 with a byte-order mark), with headers in English or in Chinese.  This
module turns such a file into numbered rows of canonical columns and offers
the value parsers the importer needs.  Errors carry a ``code`` and
parameters; the Odoo caller words (and translates) the message.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10000  # rows of one file (issue 10: 10,000 checked and imported in under a minute)
MAX_COLUMNS = 64

# canonical column -> accepted headers (compared after normalize_header)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "external_ref": (
        "external_ref",
        "external reference",
        "reference",
        "ref",
        "外部编号",
        "外部单号",
        "投诉编号",
        "投诉单号",
        "工单号",
        "编号",
    ),
    "subject": ("subject", "title", "主题", "投诉主题", "标题"),
    "description": ("description", "details", "content", "投诉内容", "内容", "描述", "问题描述", "投诉描述"),
    "contact_name": ("contact_name", "contact", "complainant", "投诉人", "联系人", "客户姓名", "投诉人姓名"),
    "contact_phone": ("contact_phone", "phone", "mobile", "telephone", "电话", "联系电话", "手机", "手机号"),
    "contact_email": ("contact_email", "email", "e-mail", "mail", "邮箱", "电子邮箱", "电子邮件"),
    "is_anonymous": ("is_anonymous", "anonymous", "匿名", "是否匿名"),
    "category": ("category", "category_code", "类别", "投诉类别", "分类", "投诉类型"),
    "channel": ("channel", "channel_code", "渠道", "投诉渠道", "来源渠道"),
    "severity": ("severity", "严重程度", "严重性", "等级"),
    "date_received": (
        "date_received",
        "received on",
        "date",
        "投诉日期",
        "受理时间",
        "投诉时间",
        "受理日期",
        "日期",
    ),
    "customer_demand": ("customer_demand", "demand", "remedy sought", "诉求", "客户诉求", "投诉诉求"),
    "respondent": ("respondent", "respondent_description", "被投诉方", "被投诉对象", "被投诉人"),
    "team": ("team", "team_code", "处理团队", "团队", "处理部门"),
}
# columns of the downloadable template, with their Chinese header
TEMPLATE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("external_ref", "外部编号"),
    ("subject", "投诉主题"),
    ("description", "投诉内容"),
    ("contact_name", "投诉人"),
    ("contact_phone", "联系电话"),
    ("contact_email", "邮箱"),
    ("is_anonymous", "匿名"),
    ("category", "类别"),
    ("channel", "渠道"),
    ("severity", "严重程度"),
    ("date_received", "投诉日期"),
    ("customer_demand", "诉求"),
    ("respondent", "被投诉方"),
    ("team", "处理团队"),
)
# longest text accepted per column (longer values are rejected, not cut)
MAX_LENGTHS: dict[str, int] = {
    "external_ref": 64,
    "subject": 250,
    "description": 20000,
    "contact_name": 128,
    "contact_phone": 32,
    "contact_email": 254,
    "category": 256,
    "channel": 128,
    "severity": 32,
    "customer_demand": 5000,
    "respondent": 256,
    "team": 128,
}
SEVERITY_WORDS: dict[str, tuple[str, ...]] = {
    "general": ("general", "normal", "minor", "一般", "普通", "轻微"),
    "major": ("major", "serious", "重大", "较重", "较严重"),
    "critical": ("critical", "severe", "严重", "特别严重", "特大", "紧急"),
}
TRUE_WORDS = ("1", "y", "yes", "true", "x", "是", "匿名", "√", "✓")
FALSE_WORDS = ("0", "n", "no", "false", "否", "不", "实名")
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y.%m.%d",
    "%Y%m%d %H:%M:%S",
    "%Y%m%d %H:%M",
    "%Y%m%d",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H时%M分",
    "%Y年%m月%d日",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
)
EXCEL_EPOCH = datetime(1899, 12, 30)

_SPACES_RE = re.compile(r"[\s_\-]+")
_REQUIRED_MARK_RE = re.compile(r"[*＊:：]+$")
_HEADER_SPLIT_RE = re.compile(r"[()（）/／|\n\r]+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FULLWIDTH_SPACE = "\u3000"


class ImportFileError(ValueError):
    """The file cannot be read as a complaint list; ``code`` says why."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code, params)
        self.code = code
        self.params = params


@dataclass
class Table:
    """A file read as a header row and numbered data rows."""

    headers: list[str]
    columns: dict[int, str]  # column index -> canonical name
    unknown: list[str]  # headers matching no column, as written
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row number, {column: raw value})
    encoding: str = ""
    delimiter: str = ""

    def header_of(self, column: str) -> str:
        """The header of a canonical column as written in the file."""
        for index, name in self.columns.items():
            if name == column:
                return self.headers[index]
        return column


# --- headers -------------------------------------------------------------
def normalize_header(value: Any) -> str:
    text = str(value if value is not None else "").replace("\ufeff", "").replace(_FULLWIDTH_SPACE, " ")
    text = _REQUIRED_MARK_RE.sub("", text.strip()).strip()
    return _SPACES_RE.sub("", text).lower()


def _index_of(aliases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalize_header(alias): column for column, names in aliases.items() for alias in (column, *names)}


_ALIAS_INDEX = {normalize_header(alias): column for column, aliases in COLUMN_ALIASES.items() for alias in aliases}


def alias_index(
    extra: dict[str, tuple[str, ...]] | None = None, aliases: dict[str, tuple[str, ...]] | None = None
) -> dict[str, str]:
    """{normalized header: column} of the base's columns and ``extra`` ones
    (the import columns sectors declare, {column: headers}).  ``aliases``
    replaces the base's complaint columns: a list that is no complaint list
    (an import target of a sector) names its own."""
    base = _ALIAS_INDEX if aliases is None else _index_of(aliases)
    if not extra:
        return base
    index = dict(base)
    for column, headers in extra.items():
        for alias in headers:
            index.setdefault(normalize_header(alias), column)
    return index


def match_header(value: Any, index: dict[str, str] | None = None) -> str | None:
    """The canonical column a header names, also for bilingual headers such
    as ``投诉主题 (subject)`` or ``主题/Subject``; None when unknown."""
    index = _ALIAS_INDEX if index is None else index
    whole = normalize_header(value)
    if whole in index:
        return index[whole]
    found = {index.get(normalize_header(part)) for part in _HEADER_SPLIT_RE.split(str(value or ""))}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def map_headers(
    headers: list[Any],
    extra: dict[str, tuple[str, ...]] | None = None,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> tuple[dict[int, str], list[str]]:
    """({column index: canonical name}, unknown headers); raises
    ``duplicate_column`` when two headers name the same column.
    ``aliases``: the columns of another kind of list (see ``alias_index``)."""
    index = alias_index(extra, aliases)
    columns: dict[int, str] = {}
    unknown: list[str] = []
    seen: dict[str, str] = {}
    for position, header in enumerate(headers):
        if header is None or not str(header).strip():
            continue
        column = match_header(header, index)
        if column is None:
            unknown.append(str(header).strip())
            continue
        if column in seen:
            raise ImportFileError("duplicate_column", first=seen[column], second=str(header).strip(), column=column)
        seen[column] = str(header).strip()
        columns[position] = column
    return columns, unknown


# --- files ---------------------------------------------------------------
def file_kind(data: bytes, filename: str = "") -> str:
    """``xlsx`` or ``csv``; raises for an empty file, an old ``.xls`` or a
    file named ``.xlsx`` that is no workbook."""
    if not data:
        raise ImportFileError("empty")
    name = (filename or "").lower()
    if data[:4] == b"PK\x03\x04":
        return "xlsx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or name.endswith(".xls"):
        raise ImportFileError("xls")
    if name.endswith((".xlsx", ".xlsm")):
        raise ImportFileError("not_xlsx")
    return "csv"


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 with or without BOM, else GB18030 (a superset
    of GBK and GB2312, what Chinese Excel writes)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError("encoding")


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab, whichever splits the header line best."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {delimiter: first.count(delimiter) for delimiter in ",;\t"}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _csv_rows(data: bytes) -> tuple[list[list[Any]], str, str]:
    text, encoding = decode_csv(data)
    if "\x00" in text:
        raise ImportFileError("not_text")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row[:MAX_COLUMNS])
            if len(rows) > MAX_ROWS + 1:
                raise ImportFileError("too_many_rows", limit=MAX_ROWS)
    except csv.Error as error:
        raise ImportFileError("bad_csv", detail=str(error)) from error
    return rows, encoding, delimiter


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    import openpyxl  # an Odoo dependency; imported here to keep CSV imports light

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise ImportFileError("not_xlsx") from error
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise ImportFileError("empty")
        rows = []
        for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1 and any(v not in (None, "") for v in row):
                raise ImportFileError("too_many_rows", limit=MAX_ROWS)
        return rows
    finally:
        book.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_table(
    data: bytes,
    filename: str = "",
    extra_columns: dict[str, tuple[str, ...]] | None = None,
    aliases: dict[str, tuple[str, ...]] | None = None,
) -> Table:
    """Read a complaint list: the first non-blank row holds the headers,
    each later non-blank row is a complaint numbered as in the spreadsheet
    (header on row 1 means the first complaint is row 2).  ``extra_columns``
    {column: headers} are the columns sectors declare; ``aliases``
    {column: headers} replaces the complaint columns for another kind of
    list (a sector's import target, e.g. survey scores)."""
    if len(data or b"") > MAX_BYTES:
        raise ImportFileError("too_big", limit_mb=MAX_BYTES // (1024 * 1024))
    kind = file_kind(data, filename)
    encoding = delimiter = ""
    if kind == "xlsx":
        rows = _xlsx_rows(data)
    else:
        rows, encoding, delimiter = _csv_rows(data)
    numbered = [(number, row) for number, row in enumerate(rows, start=1) if not all(_blank(v) for v in row)]
    if not numbered:
        raise ImportFileError("empty")
    __, header_row = numbered[0]
    headers = [str(h).replace("\ufeff", "").strip() if h is not None else "" for h in header_row]
    columns, unknown = map_headers(headers, extra_columns, aliases)
    if not columns:
        raise ImportFileError("no_header")
    table = Table(headers=headers, columns=columns, unknown=unknown, encoding=encoding, delimiter=delimiter)
    for number, row in numbered[1:]:
        values = {}
        for index, column in columns.items():
            value = row[index] if index < len(row) else None
            values[column] = None if _blank(value) else value
        if all(v is None for v in values.values()):
            continue  # only unknown columns filled: nothing to import
        table.rows.append((number, values))
    if len(table.rows) > MAX_ROWS:
        raise ImportFileError("too_many_rows", limit=MAX_ROWS)
    return table


# --- values --------------------------------------------------------------
def to_text(value: Any) -> str | None:
    """A cell as stripped text; numbers without a spurious ``.0`` (phone
    numbers and references typed as numbers in Excel)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    text = _CONTROL_RE.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def parse_bool(value: Any) -> bool | None:
    """True/False for yes/no words in English or Chinese, None when blank;
    raises ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = normalize_header(to_text(value))
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(text)


def parse_severity(value: Any, extra_labels: dict[str, str] | None = None) -> str | None:
    """The technical severity of a value or label (English or Chinese, plus
    ``extra_labels`` {label: value} e.g. from installed languages); raises
    ValueError for anything else."""
    text = normalize_header(to_text(value))
    if not text:
        return None
    for severity, words in SEVERITY_WORDS.items():
        if text in {normalize_header(w) for w in words}:
            return severity
    for label, severity in (extra_labels or {}).items():
        if text == normalize_header(label):
            return severity
    raise ValueError(text)


def parse_datetime(value: Any) -> datetime | None:
    """A naive local datetime from a spreadsheet cell: a datetime or date
    cell, an Excel serial number, or text in a common Chinese or ISO format
    (a date alone means midnight); raises ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel serial day numbers up to 9999-12-31
            return (EXCEL_EPOCH + timedelta(days=float(value))).replace(microsecond=0)
        raise ValueError(value)
    text = to_text(value)
    if not text:
        return None
    text = re.sub(r"\s+", " ", text.replace(_FULLWIDTH_SPACE, " ").replace("：", ":"))
    text = re.sub(r"日\s*", "日 ", text).strip()
    text = re.sub(r"(\d{1,2}:\d{2}(?::\d{2})?)\.\d+$", r"\1", text)  # drop fractions of seconds
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(text)


def too_long(column: str, text: str | None) -> int | None:
    """The limit when ``text`` is longer than a column accepts, else None."""
    limit = MAX_LENGTHS.get(column)
    return limit if limit and text and len(text) > limit else None


def lookup_key(value: Any) -> str:
    """Key to compare codes and names: case, spaces and punctuation ignored."""
    return normalize_header(to_text(value) or "")


# --- template ------------------------------------------------------------
def build_template(
    notes: dict[str, str],
    instructions_title: str = "说明",
    extra_columns: tuple[tuple[str, str], ...] = (),
    columns: tuple[tuple[str, str], ...] | None = None,
    sheet_title: str = "投诉清单",
) -> bytes:
    """An empty complaint list: Chinese headers on the first sheet, each
    with a comment giving the English column name and what goes in it; a
    second sheet lists the columns.  ``extra_columns`` ((column, Chinese
    header), ...) are the columns sectors declare, after the base's;
    ``columns`` replaces the base's for another kind of list."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text_format = book.add_format({"num_format": "@"})
    sheet = book.add_worksheet(sheet_title)
    columns = (*(TEMPLATE_COLUMNS if columns is None else columns), *extra_columns)
    for index, (column, chinese) in enumerate(columns):
        sheet.write_string(0, index, chinese, bold)
        sheet.write_comment(0, index, f"{column}\n{notes.get(column, '')}", {"x_scale": 2, "y_scale": 1.5})
        sheet.set_column(index, index, 30 if column in ("subject", "description") else 16, text_format)
    sheet.freeze_panes(1, 0)
    guide = book.add_worksheet(instructions_title)
    guide.write_row(0, 0, ["列 / Column", "English", "说明 / Notes"], bold)
    guide.set_column(0, 1, 18)
    guide.set_column(2, 2, 90)
    for index, (column, chinese) in enumerate(columns, start=1):
        guide.write_row(index, 0, [chinese, column, notes.get(column, "")])
    book.close()
    return buffer.getvalue()
