"""Public holidays: Bộ luật Lao động 2019 Điều 112 and the government's yearly decisions,
from the maintained ``holidays`` package (``holidays.Vietnam``)."""

from datetime import date

import pytest

from egov_documents.rules import InvalidDate, public_holidays, weekend_workdays


def _days(year, **kwargs):
    return dict(public_holidays(year, **kwargs))


def test_labour_code_article_112_1_lists_the_statutory_days_of_2026_with_vietnamese_names():
    days = _days(2026, with_compensatory=False)
    assert days[date(2026, 1, 1)] == "Tết Dương lịch"
    # Tết: the last day of the lunar year and mùng 1 to mùng 4 (Tết Bính Ngọ, 17/2/2026)
    tet = [day for day, name in days.items() if "Tết Nguyên Đán" in name]
    assert tet == [date(2026, 2, day) for day in range(16, 21)]
    assert days[date(2026, 4, 26)] == "Ngày Giỗ Tổ Hùng Vương"  # 10/3 lunar
    assert days[date(2026, 4, 30)] == "Ngày Chiến thắng"
    assert days[date(2026, 5, 1)] == "Ngày Quốc tế Lao động"
    assert days[date(2026, 9, 1)] == days[date(2026, 9, 2)] == "Quốc khánh"


def test_labour_code_article_112_3_gio_to_2026_on_sunday_is_taken_on_monday():
    assert _days(2026)[date(2026, 4, 27)] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert date(2026, 4, 27) not in _days(2026, with_compensatory=False)


def test_decision_for_tet_2025_adds_the_extra_29_tet_day():
    # Thông báo 6150/TB-BLĐTBXH (2024): Tết Ất Tỵ from Monday 27/1 (29 Tết) to 31/1/2025
    days = _days(2025)
    assert days[date(2025, 1, 27)] == "29 Tết"
    assert all(date(2025, 1, day) in days for day in range(27, 32))


def test_decision_for_30_april_2025_gives_2_may_in_lieu_of_saturday_26_april():
    assert _days(2025)[date(2025, 5, 2)] == "Ngày nghỉ (thay cho ngày 26/04/2025)"


def test_decision_for_national_day_2026_gives_31_august_in_lieu_of_saturday_22_august():
    assert _days(2026)[date(2026, 8, 31)] == "Ngày nghỉ (thay cho ngày 22/08/2026)"


def test_resolution_80_nq_tw_makes_24_november_ngay_van_hoa_viet_nam_from_2026():
    assert _days(2026)[date(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"
    assert date(2025, 11, 24) not in _days(2025)


def test_government_decisions_stay_when_days_in_lieu_are_left_out():
    assert date(2026, 8, 31) in _days(2026, with_compensatory=False)


def test_holidays_are_sorted_by_date_and_every_name_is_vietnamese_text():
    holidays = public_holidays(2027)
    assert [day for day, _name in holidays] == sorted(day for day, _name in holidays)
    assert all(isinstance(name, str) and name for _day, name in holidays)
    assert len({day for day, _name in holidays}) >= 11


@pytest.mark.parametrize("year", [1900, 2101, "2026", 2026.0, True, None])
def test_a_year_outside_the_known_range_is_refused_with_a_clear_error(year):
    with pytest.raises(InvalidDate, match="Public holidays are known for the years 1995 to 2100"):
        public_holidays(year)


def test_decisions_swap_a_saturday_into_a_working_day_2025_and_2026():
    assert weekend_workdays(2025) == [date(2025, 4, 26)]
    assert weekend_workdays(2026) == [date(2026, 8, 22)]
    with pytest.raises(InvalidDate):
        weekend_workdays(1900)
