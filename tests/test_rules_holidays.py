"""Public holidays (Bộ luật Lao động 2019 Điều 112) and the Vietnamese lunar calendar."""

from datetime import date, timedelta

import pytest

from egov_documents.rules import (
    InvalidDate,
    InvalidWorkSchedule,
    compensatory,
    lunar_to_solar,
    public_holidays,
    solar_to_lunar,
)

# --- lunar calendar ---------------------------------------------------------------------------
TET = {
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
}


@pytest.mark.parametrize(("year", "tet"), sorted(TET.items()))
def test_tet_nguyen_dan_is_the_first_day_of_the_first_lunar_month(year, tet):
    assert lunar_to_solar(1, 1, year) == tet
    assert solar_to_lunar(tet) == (1, 1, year, False)


@pytest.mark.parametrize(
    ("year", "vietnam", "china"),
    [(1985, date(1985, 1, 21), date(1985, 2, 20)), (2007, date(2007, 2, 17), date(2007, 2, 18))],
)
def test_vietnamese_tet_is_computed_for_utc_plus_7_not_the_chinese_utc_plus_8(year, vietnam, china):
    assert lunar_to_solar(1, 1, year) == vietnam
    assert lunar_to_solar(1, 1, year) != china


@pytest.mark.parametrize(
    ("year", "gio_to"),
    [
        (2023, date(2023, 4, 29)),
        (2024, date(2024, 4, 18)),
        (2025, date(2025, 4, 7)),
        (2026, date(2026, 4, 26)),
    ],
)
def test_gio_to_hung_vuong_is_the_10th_day_of_the_3rd_lunar_month(year, gio_to):
    assert lunar_to_solar(10, 3, year) == gio_to
    assert solar_to_lunar(gio_to) == (10, 3, year, False)


@pytest.mark.parametrize(
    ("year", "month", "regular_start", "leap_start"),
    [
        (2020, 4, date(2020, 4, 23), date(2020, 5, 23)),
        (2023, 2, date(2023, 2, 20), date(2023, 3, 22)),
        (2025, 6, date(2025, 6, 25), date(2025, 7, 25)),
        (2033, 11, date(2033, 11, 22), date(2033, 12, 22)),
    ],
)
def test_leap_month_follows_the_regular_month_of_the_same_number(
    year, month, regular_start, leap_start
):
    assert lunar_to_solar(1, month, year) == regular_start
    assert lunar_to_solar(1, month, year, leap=True) == leap_start
    assert solar_to_lunar(leap_start) == (1, month, year, True)


def test_the_last_day_of_lunar_year_2025_is_29_thang_chap():
    eve = date(2026, 2, 16)
    assert solar_to_lunar(eve) == (29, 12, 2025, False)
    with pytest.raises(InvalidDate):
        lunar_to_solar(30, 12, 2025)


def test_every_day_from_2000_to_2040_converts_to_lunar_and_back():
    day = date(2000, 1, 1)
    previous = solar_to_lunar(day - timedelta(days=1))
    while day < date(2041, 1, 1):
        lunar = solar_to_lunar(day)
        assert lunar_to_solar(*lunar) == day
        if lunar[0] == 1:  # a new month: the previous one had 29 or 30 days
            assert previous[0] in (29, 30)
        else:
            assert lunar[0] == previous[0] + 1
        previous = lunar
        day += timedelta(days=1)


def test_lunar_years_have_12_months_or_13_with_one_leap_month():
    for year in range(2000, 2041):
        first = lunar_to_solar(1, 1, year)
        last = lunar_to_solar(1, 1, year + 1) - timedelta(days=1)
        months = set()
        for offset in range((last - first).days + 1):
            _day, month, _year, leap = solar_to_lunar(first + timedelta(days=offset))
            months.add((month, leap))
        leap_months = [month for month, leap in months if leap]
        assert len(months) in (12, 13)
        assert len(leap_months) == len(months) - 12


def test_a_day_30_in_a_29_day_month_is_refused():
    with pytest.raises(InvalidDate) as caught:
        lunar_to_solar(30, 12, 2025)
    assert caught.value.code == "invalid_date"
    assert "Lunar date 30/12/2025 does not exist: that month has 29 days" in str(caught.value)


def test_a_leap_month_the_year_does_not_have_is_refused():
    with pytest.raises(InvalidDate) as caught:
        lunar_to_solar(1, 3, 2026, leap=True)
    assert "Lunar year 2026 has no leap month 3" in str(caught.value)


@pytest.mark.parametrize(("day", "month"), [(0, 1), (31, 1), (1, 0), (1, 13)])
def test_days_and_months_out_of_range_are_refused(day, month):
    with pytest.raises(InvalidDate) as caught:
        lunar_to_solar(day, month, 2026)
    assert f"Lunar date {day}/{month}/2026 does not exist: days run from 1 to 30" in str(
        caught.value
    )


# --- public holidays --------------------------------------------------------------------------
def test_public_holidays_2026_follow_labour_code_article_112():
    assert public_holidays(2026, with_compensatory=False) == [
        (date(2026, 1, 1), "Tết Dương lịch"),
        (date(2026, 2, 16), "Tết Nguyên đán"),
        (date(2026, 2, 17), "Tết Nguyên đán"),
        (date(2026, 2, 18), "Tết Nguyên đán"),
        (date(2026, 2, 19), "Tết Nguyên đán"),
        (date(2026, 2, 20), "Tết Nguyên đán"),
        (date(2026, 4, 26), "Giỗ Tổ Hùng Vương"),
        (date(2026, 4, 30), "Ngày Chiến thắng"),
        (date(2026, 5, 1), "Ngày Quốc tế Lao động"),
        (date(2026, 9, 1), "Quốc khánh"),
        (date(2026, 9, 2), "Quốc khánh"),
    ]


def test_gio_to_2026_on_sunday_gives_monday_27_april_in_lieu():
    holidays = public_holidays(2026)
    assert (date(2026, 4, 27), "Giỗ Tổ Hùng Vương (nghỉ bù)") in holidays
    assert [name for _day, name in holidays if name.endswith("(nghỉ bù)")] == [
        "Giỗ Tổ Hùng Vương (nghỉ bù)"
    ]


def test_compensatory_days_are_included_by_default_and_can_be_left_out():
    assert len(public_holidays(2026)) == 12
    assert len(public_holidays(2026, with_compensatory=False)) == 11


@pytest.mark.parametrize("year", range(2020, 2031))
def test_every_year_has_eleven_statutory_days_off(year):
    holidays = public_holidays(year, with_compensatory=False)
    assert len(holidays) == 11
    assert len({day for day, _name in holidays}) == 11
    assert [name for _day, name in holidays].count("Tết Nguyên đán") == 5
    tet_days = [day for day, name in holidays if name == "Tết Nguyên đán"]
    assert tet_days == [
        lunar_to_solar(1, 1, year) + timedelta(days=offset) for offset in range(-1, 4)
    ]
    assert all(day.year == year for day, _name in holidays)


def test_tet_starts_on_the_last_day_of_the_lunar_year_whether_29_or_30():
    # Lunar year 2023 (Quý Mão) ended on 30 tháng Chạp, 9 February 2024.
    first_tet_day_2024 = next(
        day for day, name in public_holidays(2024) if name == "Tết Nguyên đán"
    )
    assert first_tet_day_2024 == date(2024, 2, 9)
    assert solar_to_lunar(first_tet_day_2024) == (30, 12, 2023, False)


def test_national_day_adjacent_day_may_be_3_september():
    holidays = public_holidays(2026, national_day_adjacent=3)
    assert [day for day, name in holidays if name == "Quốc khánh"] == [
        date(2026, 9, 2),
        date(2026, 9, 3),
    ]


def test_national_day_adjacent_day_must_be_1_or_3_september():
    with pytest.raises(InvalidDate) as caught:
        public_holidays(2026, national_day_adjacent=4)
    assert "must be 1 or 3 September, not 4 September" in str(caught.value)


def test_holidays_of_2023_with_their_days_in_lieu():
    in_lieu = [(day, name) for day, name in public_holidays(2023) if name.endswith("(nghỉ bù)")]
    assert in_lieu == [
        (date(2023, 1, 2), "Tết Dương lịch (nghỉ bù)"),  # 1/1 was a Sunday
        (date(2023, 1, 26), "Tết Nguyên đán (nghỉ bù)"),  # 21/1 Saturday
        (date(2023, 1, 27), "Tết Nguyên đán (nghỉ bù)"),  # 22/1 Sunday
        (date(2023, 5, 2), "Giỗ Tổ Hùng Vương (nghỉ bù)"),  # 29/4 Saturday
        (date(2023, 5, 3), "Ngày Chiến thắng (nghỉ bù)"),  # 30/4 Sunday
        (date(2023, 9, 4), "Quốc khánh (nghỉ bù)"),  # 2/9 Saturday
    ]


# --- days in lieu (Điều 112.3) ----------------------------------------------------------------
def test_holiday_on_a_weekday_needs_no_day_in_lieu():
    assert compensatory([date(2026, 4, 30), date(2026, 5, 1)]) == []


def test_holiday_on_saturday_is_taken_on_monday():
    assert compensatory([date(2022, 1, 1)]) == [date(2022, 1, 3)]


def test_day_in_lieu_comes_after_the_whole_run_of_holidays_and_weekend():
    # 1/9/2023 Friday and 2/9 Saturday: the day in lieu is Monday 4/9.
    assert compensatory([date(2023, 9, 1), date(2023, 9, 2)]) == [date(2023, 9, 4)]


def test_two_weekend_holidays_give_two_following_working_days():
    # Tết 2024: 9/2 Friday to 13/2 Tuesday, with Saturday 10 and Sunday 11.
    tet = [date(2024, 2, 9) + timedelta(days=offset) for offset in range(5)]
    assert compensatory(tet) == [date(2024, 2, 14), date(2024, 2, 15)]


def test_days_in_lieu_follow_a_custom_weekly_rest_day():
    # Sunday only: Saturday 1/1/2022 is a working day, so it needs no day in lieu.
    assert compensatory([date(2022, 1, 1)], weekend_days={6}) == []
    assert compensatory([date(2023, 1, 1)], weekend_days={6}) == [date(2023, 1, 2)]


def test_duplicate_holiday_dates_count_once():
    assert compensatory([date(2022, 1, 1), date(2022, 1, 1)]) == [date(2022, 1, 3)]


@pytest.mark.parametrize("weekend", [set(range(7)), {7}, {-1, 5}])
def test_weekend_days_must_be_weekdays_that_leave_a_working_day(weekend):
    with pytest.raises(InvalidWorkSchedule) as caught:
        compensatory([date(2022, 1, 1)], weekend_days=weekend)
    assert caught.value.code == "invalid_work_schedule"
    assert "are not valid: expected weekday numbers from 0 (Monday) to 6 (Sunday)" in str(
        caught.value
    )
