"""NĐ 30/2020 Phụ lục IV registers, without Odoo: periods in Vietnam time and the xlsx book."""

import io
from datetime import date, datetime

import openpyxl
import pytest

from egov_reports.registers import columns
from egov_reports.registers.period import (
    InvalidPeriod,
    check_period,
    format_day,
    local_day,
    quarter_bounds,
    quarter_of,
)


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [
        (1, date(2026, 1, 1), date(2026, 3, 31)),
        (2, date(2026, 4, 1), date(2026, 6, 30)),
        (3, date(2026, 7, 1), date(2026, 9, 30)),
        (4, date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_registers_are_printed_by_quarter(quarter, first, last):
    assert quarter_bounds(2026, quarter) == (first, last)
    assert quarter_of(first) == quarter_of(last) == quarter


def test_quarter_five_does_not_exist():
    with pytest.raises(InvalidPeriod, match="quarters 1 to 4"):
        quarter_bounds(2026, 5)


def test_registration_at_2330_local_on_31_march_is_that_day():
    # stored UTC: 16:30 UTC is 23:30 in Vietnam, still 31 March (first quarter)
    assert local_day(datetime(2026, 3, 31, 16, 30)) == date(2026, 3, 31)
    # 17:00 UTC is midnight in Vietnam: 1 April (second quarter)
    assert local_day(datetime(2026, 3, 31, 17, 0)) == date(2026, 4, 1)
    assert local_day(date(2026, 3, 31)) == date(2026, 3, 31)
    assert local_day(False) is None


def test_days_are_written_day_month_year_with_leading_zeros():
    assert format_day(date(2026, 1, 5)) == "05/01/2026"
    assert format_day(None) == ""


def test_a_period_never_crosses_a_year_because_numbers_restart():
    with pytest.raises(InvalidPeriod, match="Numbers restart on 1 January") as caught:
        check_period(date(2026, 12, 1), date(2027, 1, 31))
    assert caught.value.reason == "across_years"
    with pytest.raises(InvalidPeriod, match="after its end") as caught:
        check_period(date(2026, 3, 1), date(2026, 2, 1))
    assert caught.value.reason == "reversed"
    with pytest.raises(InvalidPeriod) as caught:
        check_period(None, date(2026, 2, 1))
    assert caught.value.reason == "missing"
    check_period(date(2026, 1, 1), date(2026, 12, 31))


def test_books_have_the_columns_of_appendix_iv():
    assert len(columns.OUTGOING) == 10
    assert len(columns.INCOMING) == 10
    assert len(columns.TRACKING) == 7
    assert columns.headings("incoming")[7] == "Ngày chuyển"
    assert columns.headings("outgoing")[0] == "Số, ký hiệu văn bản"


def test_xlsx_book_has_cover_headings_and_rows_in_order():
    pytest.importorskip("xlsxwriter")  # a dependency of Odoo itself
    from egov_reports.registers import xlsx  # noqa: PLC0415

    cover = {
        "parent_agency": "UBND tỉnh Mẫu",
        "agency": "Sở Nội vụ",
        "year": "2026",
        "period": "Từ ngày 01/01/2026 đến ngày 31/03/2026",
        "numbers": "Từ số 01 đến số 02",
        "volume": "01",
    }
    rows = [
        {"arrival_number": "01", "author": "UBND tỉnh Mẫu", "voided": False},
        {"arrival_number": "02", "note": "Hủy số: trùng", "voided": True},
    ]
    sheet = openpyxl.load_workbook(
        io.BytesIO(xlsx.register_workbook("incoming", cover, rows))
    ).active
    values = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "UBND TỈNH MẪU"
    assert values[3][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
    assert values[4][0] == "Năm: 2026"
    assert values[9] == columns.headings("incoming")
    assert values[10] == [f"({n})" for n in range(1, 11)]
    assert values[11][1:3] == ["01", "UBND tỉnh Mẫu"]
    assert values[12][1] == "02"
    assert values[12][9] == "Hủy số: trùng"
    assert sheet.cell(row=13, column=2).font.i, "a voided number is in italics"


def test_every_printed_page_starts_with_the_headings_and_no_row_is_cut():
    from egov_reports.registers.layout import paginate, row_lines  # noqa: PLC0415

    short = {"number_notation": "01/BC-SNV", "type_subject": "Báo cáo quý I", "voided": False}
    tall = {**short, "recipients": "\n".join(f"- Nơi nhận {n};" for n in range(20))}
    assert row_lines(short, columns.OUTGOING) == 1
    assert row_lines(tall, columns.OUTGOING) == 20
    pages = paginate([short] * 100, columns.OUTGOING)
    assert [row for page in pages for row in page] == [short] * 100, "all rows, in order"
    assert [len(page) for page in pages] == [24, 24, 24, 24, 4]
    assert [len(page) for page in paginate([tall, short, tall], columns.OUTGOING)] == [2, 1]
    assert paginate([], columns.OUTGOING) == [[]], "an empty book is one page with headings"
