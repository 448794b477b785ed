"""Reading complaint lists (Excel/CSV) without Odoo."""

import io
from datetime import date, datetime

import openpyxl
import pytest
import xlsxwriter
from complaint_engine import complaint_import as ci
from complaint_engine.complaint_import import (
    ImportFileError,
    build_template,
    decode_csv,
    file_kind,
    map_headers,
    match_header,
    parse_bool,
    parse_datetime,
    parse_severity,
    read_table,
    sniff_delimiter,
    to_text,
    too_long,
)


def xlsx(rows):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"remove_timezone": True})
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, book.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("external_ref", "external_ref"),
        ("External Ref", "external_ref"),
        ("外部编号", "external_ref"),
        ("\ufeff外部编号", "external_ref"),
        ("投诉主题*", "subject"),
        ("主题", "subject"),
        ("投诉主题 (subject)", "subject"),
        ("主题/Subject", "subject"),
        ("投诉主题\nsubject", "subject"),
        ("E-mail", "contact_email"),
        ("受理时间", "date_received"),
        ("被投诉方", "respondent"),
        ("处理团队", "team"),
        ("诉求", "customer_demand"),
        ("备注", None),
        ("主题 / 电话", None),  # two columns in one header: ambiguous
    ],
)
def test_match_header(header, column):
    assert match_header(header) == column


def test_map_headers_reports_unknown_and_refuses_duplicates():
    columns, unknown = map_headers(["外部编号", "主题", "备注", None, "Notes"])
    assert columns == {0: "external_ref", 1: "subject"}
    assert unknown == ["备注", "Notes"]
    with pytest.raises(ImportFileError) as caught:
        map_headers(["主题", "subject"])
    assert caught.value.code == "duplicate_column"


def test_file_kind():
    assert file_kind(xlsx([["a"]]), "list.xlsx") == "xlsx"
    assert file_kind(b"a,b\n", "list.csv") == "csv"
    assert file_kind(b"a,b\n", "") == "csv"
    for data, name, code in [
        (b"", "x.csv", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "x.xls", "xls"),
        (b"not a zip", "x.xlsx", "not_xlsx"),
    ]:
        with pytest.raises(ImportFileError) as caught:
            file_kind(data, name)
        assert caught.value.code == code


def test_decode_csv_utf8_bom_and_gbk():
    assert decode_csv("主题\n".encode("utf-8-sig")) == ("主题\n", "utf-8-sig")
    assert decode_csv("主题\n".encode()) == ("主题\n", "utf-8-sig")
    text, encoding = decode_csv("投诉主题,联系人\n".encode("gbk"))
    assert (text, encoding) == ("投诉主题,联系人\n", "gb18030")


@pytest.mark.parametrize(("line", "delimiter"), [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("a", ",")])
def test_sniff_delimiter(line, delimiter):
    assert sniff_delimiter(f"\n{line}\n1{delimiter}2{delimiter}3\n") == delimiter


def test_read_csv_rows_are_numbered_like_the_spreadsheet():
    data = '外部编号;主题;备注\r\nA-1;第一;x\r\n;;\r\nA-2;"含;分号";y\r\n'.encode("gbk")
    table = read_table(data, "list.csv")
    assert table.encoding == "gb18030"
    assert table.delimiter == ";"
    assert table.unknown == ["备注"]
    assert table.header_of("subject") == "主题"
    assert table.rows == [
        (2, {"external_ref": "A-1", "subject": "第一"}),
        (4, {"external_ref": "A-2", "subject": "含;分号"}),
    ]


def test_read_xlsx_keeps_cell_types_and_skips_blank_rows():
    data = xlsx(
        [
            [None],
            ["external_ref", "subject", "phone", "date"],
            [1001, "发动机异响", 13812345678, datetime(2026, 3, 2, 9, 30)],
            [None, None, None, None],
            ["A-2", "  ", None, "2026-03-02"],
        ]
    )
    table = read_table(data, "list.xlsx")
    assert table.rows[0] == (
        3,
        {
            "external_ref": 1001,
            "subject": "发动机异响",
            "contact_phone": 13812345678,
            "date_received": datetime(2026, 3, 2, 9, 30),
        },
    )
    assert table.rows[1] == (
        5,
        {"external_ref": "A-2", "subject": None, "contact_phone": None, "date_received": "2026-03-02"},
    )


def test_read_table_structure_errors(monkeypatch):
    for data, code in [(b"\n \n", "empty"), (b"foo,bar\n1,2\n", "no_header"), (xlsx([]), "empty")]:
        with pytest.raises(ImportFileError) as caught:
            read_table(data, "list.xlsx" if data.startswith(b"PK") else "list.csv")
        assert caught.value.code == code
    monkeypatch.setattr(ci, "MAX_ROWS", 2)
    for data, name in [
        (b"subject\na\nb\nc\nd\n", "big.csv"),
        (xlsx([["subject"], ["a"], ["b"], ["c"], ["d"]]), "b.xlsx"),
    ]:
        with pytest.raises(ImportFileError) as caught:
            read_table(data, name)
        assert caught.value.code == "too_many_rows"
    monkeypatch.setattr(ci, "MAX_BYTES", 10)
    with pytest.raises(ImportFileError) as caught:
        read_table(b"subject\n" + b"x" * 20, "big.csv")
    assert caught.value.code == "too_big"


def test_to_text():
    assert to_text(13812345678.0) == "13812345678"
    assert to_text(12.5) == "12.5"
    assert to_text("  a\r\nb\x00 ") == "a\nb"
    assert to_text("   ") is None
    assert to_text(None) is None
    assert to_text(date(2026, 3, 2)) == "2026-03-02"


def test_sector_columns_are_matched_with_the_base_ones():
    extra = {"waybill": ("waybill", "运单号", "快递单号"), "outlet": ("outlet", "网点编号")}
    columns, unknown = map_headers(["外部编号", "主题", "运单号", "网点编号 (outlet)", "备注"], extra)
    assert columns == {0: "external_ref", 1: "subject", 2: "waybill", 3: "outlet"}
    assert unknown == ["备注"]
    # without the sector's columns they are unknown
    assert map_headers(["主题", "运单号"])[1] == ["运单号"]
    with pytest.raises(ImportFileError):
        map_headers(["运单号", "快递单号"], extra)


def test_template_has_the_sector_columns():
    data = build_template({"waybill": "运单号说明"}, extra_columns=(("waybill", "运单号"),))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[-1] == "运单号"
    assert sheet.cell(1, len(headers)).comment.text.startswith("waybill")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("是", True), ("否", False), ("Yes", True), ("N", False), (1, True), (0.0, False), (None, None), (" ", None)],
)
def test_parse_bool(value, expected):
    assert parse_bool(value) is expected


def test_parse_bool_refuses_other_words():
    with pytest.raises(ValueError):
        parse_bool("也许")


def test_parse_severity():
    assert parse_severity("Major") == "major"
    assert parse_severity("重大") == "major"
    assert parse_severity("严重") == "critical"
    assert parse_severity("一般") == "general"
    assert parse_severity("Grave", {"Grave": "critical"}) == "critical"
    assert parse_severity(None) is None
    with pytest.raises(ValueError):
        parse_severity("很严重吗")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 3, 2, 9, 30, 15, 500), datetime(2026, 3, 2, 9, 30, 15)),
        (date(2026, 3, 2), datetime(2026, 3, 2)),
        ("2026-03-02 09:30", datetime(2026, 3, 2, 9, 30)),
        ("2026-3-2 9:30:05", datetime(2026, 3, 2, 9, 30, 5)),
        ("2026/03/02", datetime(2026, 3, 2)),
        ("2026.03.02 09:30", datetime(2026, 3, 2, 9, 30)),
        ("20260302", datetime(2026, 3, 2)),
        ("2026-03-02T09:30:00", datetime(2026, 3, 2, 9, 30)),
        ("2026年3月2日", datetime(2026, 3, 2)),
        ("2026年3月2日 09:30", datetime(2026, 3, 2, 9, 30)),
        ("2026年3月2日09：30", datetime(2026, 3, 2, 9, 30)),
        ("2026年3月2日 9时30分", datetime(2026, 3, 2, 9, 30)),
        (46083.5, datetime(2026, 3, 2, 12, 0)),  # Excel serial number
        (None, None),
    ],
)
def test_parse_datetime(value, expected):
    assert parse_datetime(value) == expected


@pytest.mark.parametrize(
    "value", ["next tuesday", "2026-13-01", "02/03/2026", "2026年3月2日 下午3点", "2026年3月2日 下午3:00", -5]
)
def test_parse_datetime_refuses(value):
    with pytest.raises(ValueError):
        parse_datetime(value)


def test_too_long():
    assert too_long("subject", "x" * 250) is None
    assert too_long("subject", "x" * 251) == 250
    assert too_long("unknown", "x" * 10000) is None


def test_template_has_chinese_headers_with_english_comments():
    data = build_template({"subject": "Required."})
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    headers = next(sheet.iter_rows(values_only=True))
    assert headers[:2] == ("外部编号", "投诉主题")
    assert sheet["B1"].comment.text == "subject\nRequired."
    assert [match_header(h) for h in headers] == [column for column, __ in ci.TEMPLATE_COLUMNS]
    guide = list(book.worksheets[1].iter_rows(values_only=True))
    assert guide[2] == ("投诉主题", "subject", "Required.")


def test_aliases_replace_the_complaint_columns():
    """Another kind of list (a sector's import target) names its own columns:
    the complaint headers mean nothing there."""
    aliases = {"vin": ("车架号",), "score": ("得分", "分数")}
    data = xlsx([["车架号", "得分", "投诉主题"], ["LSVAU218XN2183294", 5, "x"]])
    table = read_table(data, "scores.xlsx", aliases=aliases)
    assert set(table.columns.values()) == {"vin", "score"}
    assert table.unknown == ["投诉主题"]
    assert table.rows == [(2, {"vin": "LSVAU218XN2183294", "score": 5})]
    # the column's own name is a header too, and the complaint list is unchanged
    assert map_headers(["VIN", "Score"], aliases=aliases)[0] == {0: "vin", 1: "score"}
    assert map_headers(["投诉主题"])[0] == {0: "subject"}


def test_template_of_another_list():
    data = build_template({"vin": "17 位"}, columns=(("vin", "车架号"),), sheet_title="回访得分")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.worksheets[0].title == "回访得分"
    assert [cell.value for cell in book.worksheets[0][1]] == ["车架号"]
