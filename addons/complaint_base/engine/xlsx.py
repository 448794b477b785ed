"""Excel workbooks with xlsxwriter, written row by row (constant memory)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import xlsxwriter


@dataclass
class Sheet:
    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[int] = ()
    money_columns: Sequence[int] = ()
    totals: Sequence[int] = field(default=())  # columns summed in a last row
    total_label: str = "Total"


def build_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """One workbook, one worksheet per :class:`Sheet`; returns the file."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"constant_memory": True, "remove_timezone": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    stamp = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": "#,##0.00"})
    money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name[:31])
        for column, width in enumerate(sheet.widths):
            worksheet.set_column(column, column, width)
        worksheet.write_row(0, 0, list(sheet.headers), bold)
        worksheet.freeze_panes(1, 0)
        sums = dict.fromkeys(sheet.totals, 0.0)
        row_index = 0
        for row_index, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row):
                if value is None or value is False:
                    worksheet.write_blank(row_index, column, None)
                elif isinstance(value, datetime):
                    worksheet.write_datetime(row_index, column, value, stamp)
                elif isinstance(value, date):
                    worksheet.write_datetime(row_index, column, datetime(value.year, value.month, value.day), day)
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    fmt = money if column in sheet.money_columns else None
                    worksheet.write_number(row_index, column, value, fmt)
                    if column in sums:
                        sums[column] += value
                else:
                    worksheet.write_string(row_index, column, str(value))
        if sheet.totals:
            total_row = row_index + 1
            worksheet.write_string(total_row, 0, sheet.total_label, bold)
            for column, value in sums.items():
                worksheet.write_number(total_row, column, round(value, 2), money_bold)
    workbook.close()
    return buffer.getvalue()
