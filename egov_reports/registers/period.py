"""Register periods: quarters and custom date ranges in Vietnam time.

Bến Tre Điều 10.3 has the registers printed every quarter and bound every year; NĐ 30/2020
Điều 15.1 and 22.2 restart the numbers on 1 January, so a printed period never crosses a year.
Registration times are stored in UTC; a period is a range of local days (Asia/Ho_Chi_Minh), so
a document registered on 31 March at 23:30 local time (16:30 UTC) belongs to the first quarter.
"""

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class InvalidPeriod(ValueError):
    """A register period that cannot be printed; ``reason`` is 'missing', 'reversed' or
    'across_years', the message says it in English."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason


def quarter_of(day):
    """The quarter (1-4) ``day`` falls in."""
    return (day.month - 1) // 3 + 1


def quarter_bounds(year, quarter):
    """First and last day of ``quarter`` (1-4) of ``year``."""
    if quarter not in (1, 2, 3, 4):
        raise InvalidPeriod("quarter", f"A year has quarters 1 to 4, not {quarter}.")
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, last - timedelta(days=1)


def check_period(date_from, date_to):
    """Refuse a period a register book cannot hold: reversed, or crossing a year."""
    if not date_from or not date_to:
        raise InvalidPeriod("missing", "Give the first and the last day of the period.")
    if date_from > date_to:
        raise InvalidPeriod(
            "reversed",
            f"The period starts on {date_from:%d/%m/%Y}, after its end {date_to:%d/%m/%Y}.",
        )
    if date_from.year != date_to.year:
        raise InvalidPeriod(
            "across_years",
            "Numbers restart on 1 January: a register period stays within one year "
            f"({date_from:%d/%m/%Y} - {date_to:%d/%m/%Y}).",
        )


def local_day(moment):
    """The local (Vietnam) day of a stored UTC datetime; a date is returned unchanged."""
    if moment is None or moment is False:
        return None
    if not isinstance(moment, datetime):
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(TZ).date()


def format_day(day):
    """A day as a Vietnamese register writes it: 05/01/2026; empty for no day."""
    return day.strftime("%d/%m/%Y") if day else ""
