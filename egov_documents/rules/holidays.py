"""Public holidays of Vietnam, from the maintained ``holidays`` package.

Bộ luật Lao động 2019 (Labour Code) Điều 112.1 lists the paid days off (Tết Dương lịch,
5 days of Tết Âm lịch, Giỗ Tổ Hùng Vương, 30 April, 1 May, 2 days of Quốc khánh);
Điều 112.3 moves a holiday that falls on the weekly rest day to the next working day
(nghỉ bù). On top of the law, the government decides every year which days are swapped or
added, which no lunar computation can know: in 2025 the extra 29 Tết and 2 May in lieu of
Saturday 26 April; in 2026 Monday 31 August in lieu of Saturday 22 August; from 2026 the
24 November Ngày Văn hóa Việt Nam (Nghị quyết 80-NQ/TW). The ``holidays`` package
(``holidays.Vietnam``) carries both the law and these decisions, with Vietnamese names,
and is updated when the government publishes the next year's calendar.

Agencies still add local days off by hand on their working calendar; the Odoo layer
generates the calendar's leaves from ``public_holidays``.
"""

from datetime import date

import holidays as holidays_lib

from .errors import InvalidDate, _lt

FIRST_YEAR = 1995  # days off in lieu (nghỉ bù) exist since the Labour Code of 1994


def public_holidays(year, with_compensatory=True):
    """Return the public holidays of ``year`` as a date-sorted list of (date, Vietnamese name).

    With ``with_compensatory`` (the default) the days off in lieu of a holiday on a weekend
    (Labour Code Điều 112.3, named "… (nghỉ bù)") are included; the days the government
    swaps or adds by decision are always included ("Ngày nghỉ (thay cho ngày …)", "29 Tết").
    Raises InvalidDate for a year that is not a whole number from 1995 to 2100.
    """
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= 2100:
        raise InvalidDate(
            _lt("Public holidays are known for the years %(first)s to 2100, not %(year)s."),
            first=FIRST_YEAR,
            year=year,
        )
    calendar = holidays_lib.Vietnam(years=year, language="vi", observed=with_compensatory)
    return sorted(
        (day, name)
        for day, names in ((day, calendar.get_list(day)) for day in calendar)
        for name in names
        if isinstance(day, date)
    )


def weekend_workdays(year):
    """Return the Saturdays and Sundays of ``year`` the government made working days in
    exchange for a day off (e.g. Saturday 22 August 2026 for Monday 31 August), sorted.

    The working-time engine does not count them yet: an agency that works such a day adds
    it by hand. Raises InvalidDate like ``public_holidays``.
    """
    public_holidays(year)  # the same check of ``year``
    calendar = holidays_lib.Vietnam(years=year)
    return sorted(day for day in calendar.weekend_workdays if day.year == year)
