"""Public holidays of Vietnam and the Vietnamese lunar calendar they depend on.

Bộ luật Lao động 2019 (Labour Code) Điều 112.1: employees have paid days off on
- Tết Dương lịch: 1 day (1 January);
- Tết Âm lịch: 5 days;
- Ngày Chiến thắng: 1 day (30 April);
- Ngày Quốc tế lao động: 1 day (1 May);
- Quốc khánh: 2 days (2 September and one adjacent day, before or after);
- Giỗ Tổ Hùng Vương: 1 day (10th day of the 3rd lunar month).
Điều 112.3: a holiday that falls on the weekly rest day is taken on the next working day
(nghỉ bù).

The days chosen here are a default that administrators review: every year the
government's notice (and the Prime Minister's decision for Tết) may shift or swap days,
for example to give a 9-day Tết. The Odoo layer generates calendar leaves from
``public_holidays`` and administrators edit them.

The lunar calendar is the Vietnamese one: months start on the (local) day of the new
moon and the leap month is the first month without a major solar term, both computed
for Vietnam's time zone UTC+7 (since 1968). It differs from the Chinese calendar
(UTC+8) in some years, e.g. Tết 1985 and 2007.

The astronomy follows Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998): the
times of the new moon (chapter 49, with the planetary corrections), the apparent
longitude of the sun (chapter 25, low accuracy, about 0.01°) and ΔT from the
Espenak–Meeus polynomials. Results are exact for civil dates except in the rare case
where a new moon or a solar term falls within about a minute of local midnight.
"""

import math
from datetime import date, timedelta
from functools import lru_cache

from .errors import InvalidDate, InvalidWorkSchedule, _lt

VIETNAM_UTC_OFFSET_DAYS = 7 / 24
WEEKEND_DAYS = frozenset({5, 6})  # Saturday and Sunday (0 = Monday)

NEW_YEAR = "Tết Dương lịch"
LUNAR_NEW_YEAR = "Tết Nguyên đán"
HUNG_KINGS = "Giỗ Tổ Hùng Vương"
VICTORY_DAY = "Ngày Chiến thắng"
LABOUR_DAY = "Ngày Quốc tế Lao động"
NATIONAL_DAY = "Quốc khánh"
COMPENSATORY_SUFFIX = " (nghỉ bù)"

_JULIAN_DAY_OF_ORDINAL_ZERO = 1721425  # Julian day number = date.toordinal() + this
_DEGREES_PER_DAY_OF_SUN = 360 / 365.2422
_WINTER_SOLSTICE_LONGITUDE = 270.0


def _julian_day_number(day):
    return day.toordinal() + _JULIAN_DAY_OF_ORDINAL_ZERO


def _date_of_julian_day_number(julian_day_number):
    return date.fromordinal(julian_day_number - _JULIAN_DAY_OF_ORDINAL_ZERO)


def _local_day_number(julian_date):
    """Julian day number of the civil date in Vietnam (UTC+7) at the instant ``julian_date``."""
    return math.floor(julian_date + 0.5 + VIETNAM_UTC_OFFSET_DAYS)


def _delta_t_days(year):
    """ΔT = TT − UT in days for a (decimal) year, Espenak–Meeus polynomials (1900–2150)."""
    if year < 1900:
        u = (year - 1820) / 100
        seconds = -20 + 32 * u * u
    elif year < 1920:
        t = year - 1900
        seconds = -2.79 + 1.494119 * t - 0.0598939 * t**2 + 0.0061966 * t**3 - 0.000197 * t**4
    elif year < 1941:
        t = year - 1920
        seconds = 21.20 + 0.84493 * t - 0.076100 * t**2 + 0.0020936 * t**3
    elif year < 1961:
        t = year - 1950
        seconds = 29.07 + 0.407 * t - t**2 / 233 + t**3 / 2547
    elif year < 1986:
        t = year - 1975
        seconds = 45.45 + 1.067 * t - t**2 / 260 - t**3 / 718
    elif year < 2005:
        t = year - 2000
        seconds = (
            63.86
            + 0.3345 * t
            - 0.060374 * t**2
            + 0.0017275 * t**3
            + 0.000651814 * t**4
            + 0.00002373599 * t**5
        )
    elif year < 2050:
        t = year - 2000
        seconds = 62.92 + 0.32217 * t + 0.005589 * t**2
    elif year < 2150:
        seconds = -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)
    else:
        u = (year - 1820) / 100
        seconds = -20 + 32 * u * u
    return seconds / 86400


def _year_of_julian_date(julian_date):
    return 2000 + (julian_date - 2451545.0) / 365.25


def _sin(degrees):
    return math.sin(math.radians(degrees))


# Planetary arguments of Meeus (49.1): (constant, coefficient of k, amplitude in days).
_NEW_MOON_PLANETARY_TERMS = (
    (251.88, 0.016321, 0.000165),
    (251.83, 26.651886, 0.000164),
    (349.42, 36.412478, 0.000126),
    (84.66, 18.206239, 0.000110),
    (141.74, 53.303771, 0.000062),
    (207.14, 2.453732, 0.000060),
    (154.84, 7.306860, 0.000056),
    (34.52, 27.261239, 0.000047),
    (207.19, 0.121824, 0.000042),
    (291.34, 1.844379, 0.000040),
    (161.72, 24.198154, 0.000037),
    (239.56, 25.513099, 0.000035),
    (331.55, 3.592518, 0.000023),
)


def _new_moon_julian_date(k):
    """Julian date (UT) of new moon number ``k``; k = 0 is the new moon of 6 January 2000.

    Meeus, Astronomical Algorithms, chapter 49 (mean phase, periodic terms for the
    new moon, planetary arguments), then ΔT to go from dynamical time to UT.
    """
    t = k / 1236.85
    mean = (
        2451550.09766
        + 29.530588861 * k
        + 0.00015437 * t**2
        - 0.000000150 * t**3
        + 0.00000000073 * t**4
    )
    e = 1 - 0.002516 * t - 0.0000074 * t**2  # eccentricity of the Earth's orbit
    sun_anomaly = 2.5534 + 29.10535670 * k - 0.0000014 * t**2 - 0.00000011 * t**3
    moon_anomaly = (
        201.5643 + 385.81693528 * k + 0.0107582 * t**2 + 0.00001238 * t**3 - 0.000000058 * t**4
    )
    latitude_argument = (
        160.7108 + 390.67050284 * k - 0.0016118 * t**2 - 0.00000227 * t**3 + 0.000000011 * t**4
    )
    node = 124.7746 - 1.56375588 * k + 0.0020672 * t**2 + 0.00000215 * t**3
    m, mp, f = sun_anomaly, moon_anomaly, latitude_argument
    correction = (
        -0.40720 * _sin(mp)
        + 0.17241 * e * _sin(m)
        + 0.01608 * _sin(2 * mp)
        + 0.01039 * _sin(2 * f)
        + 0.00739 * e * _sin(mp - m)
        - 0.00514 * e * _sin(mp + m)
        + 0.00208 * e * e * _sin(2 * m)
        - 0.00111 * _sin(mp - 2 * f)
        - 0.00057 * _sin(mp + 2 * f)
        + 0.00056 * e * _sin(2 * mp + m)
        - 0.00042 * _sin(3 * mp)
        + 0.00042 * e * _sin(m + 2 * f)
        + 0.00038 * e * _sin(m - 2 * f)
        - 0.00024 * e * _sin(2 * mp - m)
        - 0.00017 * _sin(node)
        - 0.00007 * _sin(mp + 2 * m)
        + 0.00004 * _sin(2 * mp - 2 * f)
        + 0.00004 * _sin(3 * m)
        + 0.00003 * _sin(mp + m - 2 * f)
        + 0.00003 * _sin(2 * mp + 2 * f)
        - 0.00003 * _sin(mp + m + 2 * f)
        + 0.00003 * _sin(mp - m + 2 * f)
        - 0.00002 * _sin(mp - m - 2 * f)
        - 0.00002 * _sin(3 * mp + m)
        + 0.00002 * _sin(4 * mp)
    )
    # The first planetary argument (A1) also has a T² term, so it is written out here.
    planetary = 0.000325 * _sin(299.77 + 0.107408 * k - 0.009173 * t**2)
    planetary += sum(
        amplitude * _sin(constant + rate * k)
        for constant, rate, amplitude in _NEW_MOON_PLANETARY_TERMS
    )
    dynamical_time = mean + correction + planetary
    return dynamical_time - _delta_t_days(_year_of_julian_date(dynamical_time))


@lru_cache(maxsize=4096)
def _new_moon_day(k):
    """Julian day number of the Vietnamese civil date on which new moon ``k`` falls."""
    return _local_day_number(_new_moon_julian_date(k))


def _sun_apparent_longitude(julian_date):
    """Apparent geocentric longitude of the sun in degrees, 0 ≤ λ < 360 (Meeus chapter 25)."""
    dynamical_time = julian_date + _delta_t_days(_year_of_julian_date(julian_date))
    t = (dynamical_time - 2451545.0) / 36525
    mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t**2
    mean_anomaly = 357.52911 + 35999.05029 * t - 0.0001537 * t**2
    equation_of_center = (
        (1.914602 - 0.004817 * t - 0.000014 * t**2) * _sin(mean_anomaly)
        + (0.019993 - 0.000101 * t) * _sin(2 * mean_anomaly)
        + 0.000289 * _sin(3 * mean_anomaly)
    )
    node = 125.04 - 1934.136 * t
    apparent = mean_longitude + equation_of_center - 0.00569 - 0.00478 * _sin(node)
    return apparent % 360


def _sun_sector_at_local_midnight(julian_day_number):
    """Which 30° sector (0..11) the sun is in at 00:00 Vietnam time of that day.

    A major solar term (trung khí) is the sun reaching a multiple of 30°, so a month
    contains one exactly when the sector changes between its first day and the next
    month's first day.
    """
    midnight = julian_day_number - 0.5 - VIETNAM_UTC_OFFSET_DAYS
    return math.floor(_sun_apparent_longitude(midnight) / 30)


def _winter_solstice_day(year):
    """Julian day number of the Vietnamese civil date of the December solstice of ``year``."""
    moment = _julian_day_number(date(year, 12, 21)) - VIETNAM_UTC_OFFSET_DAYS
    for _ in range(20):
        longitude = _sun_apparent_longitude(moment)
        difference = (_WINTER_SOLSTICE_LONGITUDE - longitude + 180) % 360 - 180
        moment += difference / _DEGREES_PER_DAY_OF_SUN
        if abs(difference) < 1e-7:
            break
    return _local_day_number(moment)


@lru_cache(maxsize=512)
def _month_11_new_moon(year):
    """Number k of the new moon that starts lunar month 11 of ``year``.

    Month 11 is the lunar month that contains the December solstice.
    """
    solstice = _winter_solstice_day(year)
    k = round((solstice - 2451550.1) / 29.530588861)
    while _new_moon_day(k) > solstice:
        k -= 1
    while _new_moon_day(k + 1) <= solstice:
        k += 1
    return k


@lru_cache(maxsize=512)
def _months_before_solstice(year):
    """The lunar months from month 11 of ``year - 1`` up to month 11 of ``year`` (excluded).

    Returns a tuple of (first day as Julian day number, new moon number k, month number,
    is leap, lunar year). When 13 months lie between the two months 11 the first one
    after month 11 without a major solar term is the leap month and repeats the number
    of the month before it.
    """
    first_k = _month_11_new_moon(year - 1)
    month_count = _month_11_new_moon(year) - first_k
    leap_index = None
    if month_count == 13:
        for index in range(1, 13):
            start = _new_moon_day(first_k + index)
            end = _new_moon_day(first_k + index + 1)
            if _sun_sector_at_local_midnight(start) == _sun_sector_at_local_midnight(end):
                leap_index = index
                break
    months = []
    lunar_year = year - 1
    month_number = 10
    for index in range(month_count):
        is_leap = index == leap_index
        if not is_leap:
            month_number = month_number % 12 + 1
            if month_number == 1:
                lunar_year = year
        k = first_k + index
        months.append((_new_moon_day(k), k, month_number, is_leap, lunar_year))
    return tuple(months)


def solar_to_lunar(day):
    """Return the Vietnamese lunar date of ``day`` as (day, month, year, leap).

    E.g. 17 February 2026 → (1, 1, 2026, False), the first day of Tết Bính Ngọ.
    """
    julian_day_number = _julian_day_number(day)
    next_month_11 = _new_moon_day(_month_11_new_moon(day.year))
    year = day.year + 1 if julian_day_number >= next_month_11 else day.year
    months = _months_before_solstice(year)
    first_day, _k, month, is_leap, lunar_year = next(
        month for month in reversed(months) if month[0] <= julian_day_number
    )
    return julian_day_number - first_day + 1, month, lunar_year, is_leap


def lunar_to_solar(day, month, year, leap=False):
    """Return the solar date of a Vietnamese lunar date, e.g. (10, 3, 2026) → 2026-04-26.

    Raises InvalidDate when the lunar date does not exist (a month 13, a day 30 in a
    29-day month, a leap month the year does not have).
    """
    if not 1 <= month <= 12 or not 1 <= day <= 30:
        raise InvalidDate(
            _lt(
                "Lunar date %(day)s/%(month)s/%(year)s does not exist: days run from 1 to 30 "
                "and months from 1 to 12."
            ),
            day=day,
            month=month,
            year=year,
        )
    months = _months_before_solstice(year + 1 if month >= 11 else year)
    matches = [entry for entry in months if entry[2:] == (month, bool(leap), year)]
    if not matches:
        raise InvalidDate(
            _lt("Lunar year %(year)s has no leap month %(month)s."), year=year, month=month
        )
    first_day, k, *_ = matches[0]
    month_length = _new_moon_day(k + 1) - first_day
    if day > month_length:
        raise InvalidDate(
            _lt(
                "Lunar date %(day)s/%(month)s/%(year)s does not exist: that month has "
                "%(length)s days."
            ),
            day=day,
            month=month,
            year=year,
            length=month_length,
        )
    return _date_of_julian_day_number(first_day + day - 1)


def _compensatory_pairs(holidays, weekend_days):
    """Return (holiday, day off in lieu) pairs for holidays that fall on a weekend day."""
    weekend_days = frozenset(weekend_days)
    if not weekend_days <= set(range(7)) or len(weekend_days) == 7:
        raise InvalidWorkSchedule(
            _lt(
                "Weekend days %(days)s are not valid: expected weekday numbers from 0 (Monday) "
                "to 6 (Sunday), leaving at least one working day."
            ),
            days=", ".join(str(day) for day in sorted(weekend_days)),
        )
    holiday_days = set(holidays)
    taken = set()
    pairs = []
    for holiday in sorted(holiday_days):
        if holiday.weekday() not in weekend_days:
            continue
        day_off = holiday + timedelta(days=1)
        while day_off in holiday_days or day_off in taken or day_off.weekday() in weekend_days:
            day_off += timedelta(days=1)
        taken.add(day_off)
        pairs.append((holiday, day_off))
    return pairs


def compensatory(holidays, weekend_days=WEEKEND_DAYS):
    """Return the days off in lieu for holidays that fall on the weekly rest days.

    Labour Code 2019 Điều 112.3: such a holiday is taken on the next working day. Each
    one gets the first day after the run of holidays and weekend days that is neither,
    in date order: 2 September on a Saturday after 1 September on Friday gives Monday
    4 September; Tết with its Saturday and Sunday gives the next two working days.
    """
    return [day_off for _holiday, day_off in _compensatory_pairs(holidays, weekend_days)]


def public_holidays(year, with_compensatory=True, national_day_adjacent=1):
    """Return the public holidays of ``year`` as a date-sorted list of (date, name).

    Labour Code 2019 Điều 112: 1 January; Tết Nguyên đán as the last day of the lunar
    year (29 or 30 tháng Chạp) plus mùng 1 to mùng 4; Giỗ Tổ Hùng Vương (10/3 lunar);
    30 April; 1 May; 2 September and the adjacent day ``national_day_adjacent`` (1 or 3
    September; the government picks it each year, 1 September by default). With
    ``with_compensatory`` the days off in lieu (Điều 112.3) are included, named after
    their holiday with the suffix " (nghỉ bù)".
    """
    if national_day_adjacent not in (1, 3):
        raise InvalidDate(
            _lt("The second National Day holiday must be 1 or 3 September, not %(day)s September."),
            day=national_day_adjacent,
        )
    lunar_new_year = lunar_to_solar(1, 1, year)
    holidays = [
        (date(year, 1, 1), NEW_YEAR),
        *((lunar_new_year + timedelta(days=offset), LUNAR_NEW_YEAR) for offset in range(-1, 4)),
        (lunar_to_solar(10, 3, year), HUNG_KINGS),
        (date(year, 4, 30), VICTORY_DAY),
        (date(year, 5, 1), LABOUR_DAY),
        (date(year, 9, national_day_adjacent), NATIONAL_DAY),
        (date(year, 9, 2), NATIONAL_DAY),
    ]
    if with_compensatory:
        names = dict(holidays)
        pairs = _compensatory_pairs(names, WEEKEND_DAYS)
        holidays += [(day_off, names[holiday] + COMPENSATORY_SUFFIX) for holiday, day_off in pairs]
    return sorted(holidays)
