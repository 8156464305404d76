"""Working time: receipt time (Tây Ninh 52/2019 Điều 10), deadlines, ISO 8601 times."""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from egov_documents.rules import (
    TZ,
    InvalidDate,
    InvalidWorkSchedule,
    WorkSchedule,
    parse_iso,
    public_holidays,
    to_iso,
    to_local,
)

HOLIDAYS_2026 = [day for day, _name in public_holidays(2026, with_compensatory=True)]


@pytest.fixture
def office():
    """The default office hours with the 2026 public holidays (and days in lieu)."""
    return WorkSchedule.default(holidays=HOLIDAYS_2026)


def local(year, month, day, hour=0, minute=0, second=0):
    return datetime(year, month, day, hour, minute, second, tzinfo=TZ)


def assert_is_utc(moment):
    assert moment.tzinfo is not None
    assert moment.utcoffset() == timedelta(0)


# --- the default schedule -------------------------------------------------------------------
def test_default_schedule_is_monday_to_friday_0730_1130_and_1330_1700():
    schedule = WorkSchedule.default()
    assert [
        to_iso(start) + " " + to_iso(end)
        for start, end in schedule.working_periods(date(2026, 11, 20))
    ] == [
        "2026-11-20T07:30:00+07:00 2026-11-20T11:30:00+07:00",
        "2026-11-20T13:30:00+07:00 2026-11-20T17:00:00+07:00",
    ]
    assert schedule.working_periods(date(2026, 11, 21)) == []  # Saturday
    assert schedule.working_periods(date(2026, 11, 22)) == []  # Sunday


def test_working_day_excludes_weekends_and_holidays(office):
    assert office.is_working_day(date(2026, 4, 24))  # Friday
    assert not office.is_working_day(date(2026, 4, 25))  # Saturday
    assert not office.is_working_day(date(2026, 4, 27))  # Giỗ Tổ in lieu, Monday
    assert not office.is_working_day(date(2026, 4, 30))
    assert office.is_working_day(date(2026, 4, 28))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(2026, 11, 20, 7, 29, 59), False),
        (local(2026, 11, 20, 7, 30), True),
        (local(2026, 11, 20, 11, 29, 59), True),
        (local(2026, 11, 20, 11, 30), False),
        (local(2026, 11, 20, 12, 15), False),
        (local(2026, 11, 20, 13, 30), True),
        (local(2026, 11, 20, 16, 59), True),
        (local(2026, 11, 20, 17, 0), False),
        (local(2026, 11, 21, 9, 0), False),
    ],
)
def test_working_period_includes_its_start_and_excludes_its_end(office, moment, expected):
    assert office.is_working_time(moment) is expected


# --- receipt time (Tây Ninh 52/2019 Điều 10.2) ----------------------------------------------
def test_receipt_inside_working_hours_is_the_arrival_itself(office):
    arrived = local(2026, 11, 20, 9, 12, 34)
    received = office.receipt_time(arrived)
    assert received == arrived
    assert_is_utc(received)


def test_receipt_at_lunch_time_counts_from_1330_the_same_day(office):
    assert office.receipt_time(local(2026, 11, 20, 12, 5)) == local(2026, 11, 20, 13, 30)


def test_receipt_exactly_at_1130_counts_from_1330(office):
    assert office.receipt_time(local(2026, 11, 20, 11, 30)) == local(2026, 11, 20, 13, 30)


def test_receipt_before_office_opens_counts_from_0730_the_same_day(office):
    assert office.receipt_time(local(2026, 11, 19, 6, 0)) == local(2026, 11, 19, 7, 30)


def test_receipt_after_hours_counts_from_the_next_working_morning(office):
    assert office.receipt_time(local(2026, 11, 18, 17, 0)) == local(2026, 11, 19, 7, 30)


def test_receipt_on_friday_evening_counts_from_monday_morning(office):
    assert to_iso(office.receipt_time(local(2026, 11, 20, 18, 45))) == "2026-11-23T07:30:00+07:00"


def test_receipt_after_hours_friday_before_holiday_counts_from_next_working_morning(office):
    # Friday 24/4/2026 17:30; Giỗ Tổ falls on Sunday 26/4, so Monday 27/4 is the day in lieu.
    received = office.receipt_time(local(2026, 4, 24, 17, 30))
    assert to_iso(received) == "2026-04-28T07:30:00+07:00"
    assert_is_utc(received)


def test_receipt_before_the_30_april_and_1_may_holidays_counts_from_monday_4_may(office):
    # 30/4/2026 is a Thursday and 1/5 a Friday: the next working morning is Monday.
    received = office.receipt_time(local(2026, 4, 29, 17, 15))
    assert to_iso(received) == "2026-05-04T07:30:00+07:00"


def test_receipt_during_the_tet_2026_holidays_counts_from_the_first_working_day_after(office):
    # Tết Bính Ngọ: 16/2 (29 tháng Chạp) to 20/2 (mùng 4), between two weekends.
    assert [office.is_working_day(date(2026, 2, day)) for day in range(13, 24)] == [
        True,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        False,
        True,
    ]
    for day in range(13, 23):  # any time from Friday 13/2 evening to Sunday 22/2
        received = office.receipt_time(local(2026, 2, day, 20, 0))
        assert to_iso(received) == "2026-02-23T07:30:00+07:00"


def test_naive_arrival_is_read_as_utc_as_odoo_stores_it(office):
    naive_utc = datetime(2026, 4, 24, 10, 30)  # 17:30 in Vietnam
    assert office.receipt_time(naive_utc) == office.receipt_time(local(2026, 4, 24, 17, 30))


def test_arrival_given_in_another_time_zone_is_compared_in_vietnam_time(office):
    paris = ZoneInfo("Europe/Paris")
    arrived = datetime(2026, 11, 20, 5, 0, tzinfo=paris)  # 11:00 in Vietnam: working time
    assert office.receipt_time(arrived) == arrived


# --- next_working_period_start and end_of_working_day ---------------------------------------
def test_next_working_period_start_at_a_period_start_is_that_start(office):
    assert office.next_working_period_start(local(2026, 11, 20, 7, 30)) == local(
        2026, 11, 20, 7, 30
    )


def test_next_working_period_start_inside_a_period_is_the_following_period(office):
    assert office.next_working_period_start(local(2026, 11, 20, 8, 0)) == local(
        2026, 11, 20, 13, 30
    )
    assert office.next_working_period_start(local(2026, 11, 20, 14, 0)) == local(
        2026, 11, 23, 7, 30
    )


def test_end_of_working_day_is_the_end_of_its_last_period(office):
    end = office.end_of_working_day(date(2026, 11, 20))
    assert to_iso(end) == "2026-11-20T17:00:00+07:00"
    assert_is_utc(end)


def test_end_of_working_day_of_a_holiday_is_refused(office):
    with pytest.raises(InvalidWorkSchedule) as caught:
        office.end_of_working_day(date(2026, 9, 2))
    assert caught.value.code == "invalid_work_schedule"
    assert "2026-09-02 is not a working day" in str(caught.value)


# --- add_working_days: "by the next working day" (Kon Tum Điều 8.3) ------------------------
def test_next_working_day_deadline_of_a_monday_document_is_tuesday_evening(office):
    deadline = office.add_working_days(local(2026, 11, 16, 10, 0), 1)
    assert to_iso(deadline) == "2026-11-17T17:00:00+07:00"
    assert_is_utc(deadline)


def test_zero_working_days_is_the_end_of_the_day_of_receipt(office):
    assert (
        to_iso(office.add_working_days(local(2026, 11, 16, 10, 0), 0))
        == "2026-11-16T17:00:00+07:00"
    )


def test_zero_working_days_from_a_weekend_is_the_end_of_the_next_working_day(office):
    assert (
        to_iso(office.add_working_days(local(2026, 11, 21, 10, 0), 0))
        == "2026-11-23T17:00:00+07:00"
    )


def test_after_hours_document_counts_its_working_days_from_the_day_of_receipt(office):
    # Received Tuesday 28/4 07:30, so the next working day is Wednesday 29/4.
    deadline = office.add_working_days(local(2026, 4, 24, 17, 30), 1)
    assert to_iso(deadline) == "2026-04-29T17:00:00+07:00"


def test_working_days_skip_holidays_and_weekends(office):
    # Wednesday 29/4 + 1 working day: 30/4, 1/5, the weekend → Monday 4/5.
    assert (
        to_iso(office.add_working_days(local(2026, 4, 29, 9, 0), 1)) == "2026-05-04T17:00:00+07:00"
    )
    assert (
        to_iso(office.add_working_days(local(2026, 4, 29, 9, 0), 3)) == "2026-05-06T17:00:00+07:00"
    )


@pytest.mark.parametrize("days", [-1, 1.5, "1", True])
def test_working_days_must_be_a_whole_number_of_zero_or_more(office, days):
    with pytest.raises(InvalidWorkSchedule) as caught:
        office.add_working_days(local(2026, 11, 16, 10, 0), days)
    assert "must be a whole number of 0 or more" in str(caught.value)


# --- add_working_hours and working_hours_between --------------------------------------------
def test_four_working_hours_carry_over_to_the_next_morning(office):
    # Thursday 16:00: 1 hour left that day, then 3 hours from Friday 07:30.
    assert office.add_working_hours(local(2026, 11, 19, 16, 0), 4) == local(2026, 11, 20, 10, 30)


def test_working_hours_skip_the_lunch_break(office):
    assert office.add_working_hours(local(2026, 11, 19, 10, 0), 4) == local(2026, 11, 19, 16, 0)


def test_working_hours_ending_exactly_at_a_period_end_give_that_end(office):
    assert office.add_working_hours(local(2026, 11, 19, 7, 30), 4) == local(2026, 11, 19, 11, 30)


def test_zero_working_hours_outside_office_hours_gives_the_receipt_time(office):
    assert office.add_working_hours(local(2026, 11, 19, 12, 0), 0) == local(2026, 11, 19, 13, 30)


def test_working_hours_from_before_a_holiday_weekend(office):
    assert (
        to_iso(office.add_working_hours(local(2026, 4, 29, 16, 30), 1.5))
        == "2026-05-04T08:30:00+07:00"
    )


def test_negative_working_hours_are_refused(office):
    with pytest.raises(InvalidWorkSchedule) as caught:
        office.add_working_hours(local(2026, 11, 19, 10, 0), -2)
    assert "A number of working hours must be 0 or more, got -2" in str(caught.value)


def test_working_hours_between_counts_only_working_periods(office):
    assert (
        office.working_hours_between(local(2026, 11, 16, 0, 0), local(2026, 11, 23, 0, 0)) == 37.5
    )
    assert (
        office.working_hours_between(local(2026, 11, 16, 11, 0), local(2026, 11, 16, 14, 0)) == 1.0
    )


def test_working_hours_between_skips_holidays(office):
    # Wednesday 29/4 10:00 to Monday 4/5 08:30: 5 hours on Wednesday, 1 on Monday.
    assert office.working_hours_between(local(2026, 4, 29, 10, 0), local(2026, 5, 4, 8, 30)) == 6.0


def test_working_hours_between_is_negative_when_the_end_comes_first(office):
    assert (
        office.working_hours_between(local(2026, 11, 16, 14, 0), local(2026, 11, 16, 11, 0)) == -1.0
    )
    assert office.working_hours_between(local(2026, 11, 16, 9, 0), local(2026, 11, 16, 9, 0)) == 0.0


def test_add_then_measure_working_hours_agree(office):
    start = local(2026, 4, 24, 15, 0)
    end = office.add_working_hours(start, 12.25)
    assert office.working_hours_between(start, end) == 12.25


# --- schedules --------------------------------------------------------------------------------
def test_custom_schedule_with_saturday_morning():
    schedule = WorkSchedule({5: [(7.5, 11.5)], 0: [(7.0, 11.0), (13.0, 17.0)]})
    assert schedule.receipt_time(local(2026, 11, 20, 18, 0)) == local(2026, 11, 21, 7, 30)
    assert schedule.receipt_time(local(2026, 11, 21, 12, 0)) == local(2026, 11, 23, 7, 0)


def test_schedule_hours_are_kept_in_whole_minutes():
    schedule = WorkSchedule({0: [(8 + 20 / 60 + 1e-9, 16.999999)]})
    start, end = schedule.working_periods(date(2026, 11, 16))[0]
    assert (to_iso(start), to_iso(end)) == (
        "2026-11-16T08:20:00+07:00",
        "2026-11-16T17:00:00+07:00",
    )


def test_schedule_periods_are_read_in_the_schedule_time_zone():
    schedule = WorkSchedule({0: [(9, 17)]}, tz=ZoneInfo("UTC"))
    assert schedule.receipt_time(datetime(2026, 11, 16, 8, 0)) == datetime(
        2026, 11, 16, 9, 0, tzinfo=timezone.utc
    )


def test_schedule_with_touching_periods_is_accepted():
    schedule = WorkSchedule({0: [(8, 12), (12, 16)]})
    assert schedule.working_hours_between(local(2026, 11, 16), local(2026, 11, 17)) == 8.0


@pytest.mark.parametrize(
    ("weekly", "fragment"),
    [
        (
            {0: [(7.5, 11.5), (11.0, 17.0)]},
            "Working periods 07:30-11:30 and 11:00-17:00 on weekday 0 overlap",
        ),
        ({1: [(-1.0, 11.5)]}, "Working period from -1.0 to 11.5 on weekday 1 is invalid"),
        ({1: [(13.5, 11.5)]}, "Working period from 13.5 to 11.5 on weekday 1 is invalid"),
        ({1: [(7.5, 25.0)]}, "Working period from 7.5 to 25.0 on weekday 1 is invalid"),
        ({7: [(7.5, 11.5)]}, "Weekday 7 does not exist"),
        ({2: [(7.5,)]}, "is not a pair of hours"),
        ({2: [("morning", "noon")]}, "is not a pair of hours"),
        ({}, "no working period in the whole week"),
        ({0: [], 1: []}, "no working period in the whole week"),
        ([(7.5, 11.5)], "must map weekdays"),
    ],
)
def test_invalid_schedules_are_refused_with_a_specific_message(weekly, fragment):
    with pytest.raises(InvalidWorkSchedule) as caught:
        WorkSchedule(weekly)
    assert caught.value.code == "invalid_work_schedule"
    assert fragment in str(caught.value)


def test_schedule_whose_every_working_day_is_a_holiday_is_reported_not_looped_forever():
    mondays = [date(2026, 11, 16) + timedelta(weeks=week) for week in range(600)]
    schedule = WorkSchedule({0: [(7.5, 11.5)]}, holidays=mondays)
    with pytest.raises(InvalidWorkSchedule) as caught:
        schedule.receipt_time(local(2026, 11, 16, 9, 0))
    assert "No working time within 10 years after 2026-11-16" in str(caught.value)


# --- ISO 8601 in Vietnam time (Tây Ninh 52/2019 Điều 10.3) -----------------------------------
def test_to_iso_writes_vietnam_time_with_seconds_and_offset():
    moment = datetime(2026, 11, 20, 10, 5, tzinfo=timezone.utc)
    assert to_iso(moment) == "2026-11-20T17:05:00+07:00"


def test_to_iso_reads_naive_times_as_utc_and_drops_fractions_of_a_second():
    assert to_iso(datetime(2026, 11, 20, 10, 5, 7, 999999)) == "2026-11-20T17:05:07+07:00"


def test_to_local_gives_an_aware_vietnam_time():
    moment = to_local(datetime(2026, 11, 20, 18, 0))
    assert (moment.day, moment.hour, moment.utcoffset()) == (21, 1, timedelta(hours=7))


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20T17:05:00+07:00",
        "2026-11-20T10:05:00Z",
        "2026-11-20T10:05:00z",
        "2026-11-20T10:05:00+00:00",
        "2026-11-20T12:05:00+02:00",
        "2026-11-20T17:05:00",
        "2026-11-20 17:05:00",
        " 2026-11-20T17:05:00.000+07:00 ",
    ],
)
def test_parse_iso_accepts_z_offsets_and_naive_vietnam_time(text):
    moment = parse_iso(text)
    assert moment == datetime(2026, 11, 20, 10, 5, tzinfo=timezone.utc)
    assert_is_utc(moment)


def test_parse_iso_date_alone_is_local_midnight():
    assert to_iso(parse_iso("2026-11-20")) == "2026-11-20T00:00:00+07:00"


def test_parse_iso_then_to_iso_round_trips():
    assert to_iso(parse_iso("2024-05-06T14:03:00+07:00")) == "2024-05-06T14:03:00+07:00"


@pytest.mark.parametrize("text", ["", "hôm qua", "20/11/2026 17:05", "2026-13-01T00:00:00", None])
def test_parse_iso_refuses_what_is_not_iso_8601(text):
    with pytest.raises(InvalidDate) as caught:
        parse_iso(text)
    assert caught.value.code == "invalid_date"
    assert "is not an ISO 8601 date and time" in str(caught.value)


def test_times_must_be_datetimes_not_dates(office):
    with pytest.raises(InvalidDate) as caught:
        office.receipt_time(date(2026, 11, 20))
    assert 'Expected a date and time, got "2026-11-20"' in str(caught.value)


def test_weekday_given_as_text_is_refused_showing_that_it_is_text():
    with pytest.raises(InvalidWorkSchedule) as caught:
        WorkSchedule({"0": [(7.5, 11.5)]})
    assert "Weekday '0' does not exist" in str(caught.value)


@pytest.mark.parametrize("holiday", [datetime(2026, 4, 25, 17, 0), "2026-04-26"])
def test_holidays_must_be_local_dates(holiday):
    with pytest.raises(InvalidWorkSchedule) as caught:
        WorkSchedule.default(holidays=[holiday])
    assert "must be a local date, not a date and time" in str(caught.value)
