"""The register books as xlsx workbooks: a cover block, then one row per number.

The same columns, in the same order, as the printed register (NĐ 30/2020 Phụ lục IV). Written
with ``xlsxwriter`` (a dependency of Odoo itself).
"""

import io

import xlsxwriter

from . import columns

_FONT = "Times New Roman"


def register_workbook(book, cover, rows):
    """Return the xlsx bytes of ``book`` ('outgoing', 'incoming' or 'tracking').

    ``cover`` is a dict with ``parent_agency``, ``agency``, ``year``, ``period`` (text),
    ``numbers`` (text) and ``volume``; ``rows`` are the register rows (dicts with the column
    keys and ``voided``).
    """
    spec = columns.BOOKS[book]
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet(columns.TITLES[book][:31])
    base = {"font_name": _FONT, "font_size": 11, "text_wrap": True, "valign": "top"}
    fmt_agency = workbook.add_format({**base, "align": "center"})
    fmt_agency_bold = workbook.add_format({**base, "align": "center", "bold": True})
    fmt_title = workbook.add_format({**base, "align": "center", "bold": True, "font_size": 14})
    fmt_head = workbook.add_format(
        {**base, "align": "center", "valign": "vcenter", "bold": True, "border": 1}
    )
    fmt_index = workbook.add_format({**base, "align": "center", "border": 1, "italic": True})
    fmt_cell = workbook.add_format({**base, "border": 1})
    fmt_void = workbook.add_format({**base, "border": 1, "italic": True, "font_color": "#7f1d1d"})
    last_col = len(spec) - 1
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    for col, (_key, _heading, width) in enumerate(spec):
        sheet.set_column(col, col, max(8, width * 1.6))
    lines = [
        (cover.get("parent_agency") or "").upper(),
        (cover.get("agency") or "").upper(),
    ]
    sheet.merge_range(0, 0, 0, last_col, lines[0], fmt_agency)
    sheet.merge_range(1, 0, 1, last_col, lines[1], fmt_agency_bold)
    sheet.merge_range(3, 0, 3, last_col, columns.TITLES[book], fmt_title)
    info = [
        f"Năm: {cover.get('year') or ''}",
        cover.get("period") or "",
        cover.get("numbers") or "",
        f"Quyển số: {cover.get('volume') or ''}",
    ]
    for offset, text in enumerate(info):
        sheet.merge_range(4 + offset, 0, 4 + offset, last_col, text, fmt_agency)
    head_row = 9
    sheet.set_row(head_row, 45)
    for col, heading in enumerate(columns.headings(book)):
        sheet.write(head_row, col, heading, fmt_head)
        sheet.write(head_row + 1, col, f"({col + 1})", fmt_index)
    sheet.repeat_rows(head_row, head_row + 1)
    sheet.freeze_panes(head_row + 2, 0)
    for offset, row in enumerate(rows):
        fmt = fmt_void if row.get("voided") else fmt_cell
        sheet.write_row(head_row + 2 + offset, 0, columns.cells(book, row), fmt)
    workbook.close()
    return output.getvalue()
