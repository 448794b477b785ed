"""Excel exports read back with openpyxl."""

import io
from datetime import date, datetime

import openpyxl
from complaint_engine.xlsx import Sheet, build_xlsx


def test_headers_rows_and_totals():
    rows = [
        ["TS2026-000001", "发动机异响", datetime(2026, 3, 3, 10, 0), 100.0],
        ["TS2026-000002", "快件丢失", date(2026, 3, 4), 50],
        ["TS2026-000003", None, None, 0.5],
    ]
    data = build_xlsx(
        [
            Sheet(
                "逾期投诉",
                ["编号", "主题", "到期时间", "金额"],
                iter(rows),
                widths=[16, 30],
                money_columns=[3],
                totals=[3],
                total_label="合计",
            )
        ]
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["逾期投诉"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("编号", "主题", "到期时间", "金额")
    assert values[1] == ("TS2026-000001", "发动机异响", datetime(2026, 3, 3, 10, 0), 100)
    assert values[2][2] == datetime(2026, 3, 4)
    assert values[3][1] is None
    assert values[4] == ("合计", None, None, 150.5)
    assert sheet.freeze_panes == "A2"


def test_several_sheets_and_long_names():
    data = build_xlsx([Sheet("a" * 40, ["x"], []), Sheet("b", ["y"], [[1]])])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["a" * 31, "b"]
    assert list(book["b"].iter_rows(values_only=True)) == [("y",), (1,)]
