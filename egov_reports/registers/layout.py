"""Cut a register book into printed pages, each with the column headings.

The wkhtmltopdf of Debian and Ubuntu (unpatched Qt) neither repeats a table's headings on
each page nor keeps a row from being cut across two pages. So the rows are packed into pages
here, from an estimate of each row's height (lines of text per cell at the column's width),
and each page is printed as its own table. The estimate errs on the generous side: a page
may end with some space left, a row is not cut.
"""

import math

#: A4 landscape, 297 × 210 mm, less the register paper format's margins (20/10, 12/12 mm)
TABLE_WIDTH_MM = 267
PAGE_HEIGHT_MM = 186
#: 12 pt Times at line height 1.3, cell padding and borders. Calibrated so that a page holds
#: what fits both with Debian's wkhtmltopdf (which prints about 0.8 of CSS size: a page is
#: then about three quarters full) and with a patched-Qt build (true size: nearly full).
LINE_MM = 4.8
ROW_EXTRA_MM = 1.2
CHAR_MM = 1.75
HEADER_MM = 22
SAFETY = 0.9


def row_lines(row, spec, table_width_mm=TABLE_WIDTH_MM):
    """How many lines of text ``row`` takes: the tallest of its cells."""
    total_width = sum(width for _key, _heading, width in spec)
    lines = 1
    for key, _heading, width in spec:
        text = str(row.get(key) or "")
        if not text:
            continue
        column_mm = table_width_mm * width / total_width - 2
        per_line = max(1, int(column_mm / CHAR_MM))
        cell = sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
        lines = max(lines, cell)
    return lines


def paginate(rows, spec, page_height_mm=PAGE_HEIGHT_MM, table_width_mm=TABLE_WIDTH_MM):
    """``rows`` cut into pages (lists of rows), in order; an empty book is one empty page."""
    budget = (page_height_mm - HEADER_MM) * SAFETY
    pages, page, used = [], [], 0.0
    for row in rows:
        height = row_lines(row, spec, table_width_mm) * LINE_MM + ROW_EXTRA_MM
        if page and used + height > budget:
            pages.append(page)
            page, used = [], 0.0
        page.append(row)
        used += height
    pages.append(page)
    return pages
