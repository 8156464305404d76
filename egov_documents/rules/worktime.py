"""Working time: receipt time, deadlines in working days and hours, ISO 8601 times.

- Tây Ninh 52/2019 Điều 10.2: a document is received when it enters the receiver's
  system; when that is outside office hours, it counts as received at the start of the
  next office period.
- Tây Ninh 52/2019 Điều 10.3: times are exchanged in Vietnam's time zone as ISO 8601.
- Kon Tum Điều 8.3: the clerk registers and presents an incoming document at the latest
  on the next working day (``add_working_days(receipt, 1)``); urgent ones immediately.
- Thái Bình Điều 8: an outage of more than 4 working hours (``add_working_hours``).

Conventions: every public method takes timezone-aware datetimes; a naive datetime is
read as UTC (that is how Odoo stores them). Results are aware datetimes in UTC unless
the name says local. Holidays are local (Vietnam) dates. A working period includes its
start and excludes its end: 07:30:00 is working time, 11:30:00 is not.
"""

from datetime import date, datetime, time, timedelta, timezone
from itertools import pairwise
from zoneinfo import ZoneInfo

from .errors import InvalidDate, InvalidWorkSchedule, _lt

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_SEARCH_LIMIT_DAYS = 3660  # no working period within ten years means the schedule is wrong
_ONE_DAY = timedelta(days=1)


def _as_utc(moment):
    """Return ``moment`` as an aware datetime in UTC; a naive one is taken to be UTC."""
    if not isinstance(moment, datetime):
        raise InvalidDate(_lt('Expected a date and time, got "%(value)s".'), value=moment)
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def to_local(moment):
    """Return ``moment`` as an aware datetime in Vietnam time (Asia/Ho_Chi_Minh, +07:00)."""
    return _as_utc(moment).astimezone(TZ)


def to_iso(moment):
    """Return ``moment`` as ISO 8601 in Vietnam time with seconds, e.g. 2026-11-20T17:05:00+07:00.

    Tây Ninh 52/2019 Điều 10.3 and NĐ 30/2020 Phụ lục I: Vietnam time zone, ISO 8601.
    Fractions of a second are dropped.
    """
    return to_local(moment).isoformat(timespec="seconds")


def parse_iso(text):
    """Read an ISO 8601 date and time into an aware datetime in UTC.

    Accepts "Z" and numeric offsets; a time without an offset is Vietnam local time
    (Tây Ninh 52/2019 Điều 10.3); a date alone means local midnight.
    """
    cleaned = text.strip() if isinstance(text, str) else ""
    if cleaned[-1:] in ("Z", "z"):
        cleaned = cleaned[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise InvalidDate(
            _lt(
                '"%(text)s" is not an ISO 8601 date and time: expected e.g. '
                "2026-11-20T17:05:00+07:00."
            ),
            text=text,
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TZ)
    return moment.astimezone(timezone.utc)


def _format_period(start, end):
    """Format a period given as offsets from midnight, e.g. "07:30-11:30"."""

    def clock(offset):
        minutes = int(offset.total_seconds()) // 60
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    return f"{clock(start)}-{clock(end)}"


def _validated_weekly(weekly):
    """Return {weekday: ((start, end) offsets from midnight, …)} sorted, or raise."""
    if not isinstance(weekly, dict):
        raise InvalidWorkSchedule(
            _lt(
                "The weekly schedule must map weekdays (0 = Monday … 6 = Sunday) to working "
                "periods, e.g. {0: [(7.5, 11.5), (13.5, 17.0)]}."
            )
        )
    result = {}
    for weekday, periods in weekly.items():
        if weekday not in range(7):
            raise InvalidWorkSchedule(
                _lt(
                    "Weekday %(weekday)s does not exist: weekdays run from 0 (Monday) to 6 "
                    "(Sunday)."
                ),
                weekday=repr(weekday),
            )
        offsets = []
        for period in periods:
            try:
                hour_from, hour_to = (float(hour) for hour in period)
            except (TypeError, ValueError):
                raise InvalidWorkSchedule(
                    _lt(
                        "Working period %(period)s on weekday %(weekday)s is not a pair of hours "
                        "such as (7.5, 11.5)."
                    ),
                    period=period,
                    weekday=weekday,
                ) from None
            if not 0 <= hour_from < hour_to <= 24:
                raise InvalidWorkSchedule(
                    _lt(
                        "Working period from %(start)s to %(end)s on weekday %(weekday)s is "
                        "invalid: hours must lie between 00:00 and 24:00 and the start must come "
                        "before the end."
                    ),
                    start=hour_from,
                    end=hour_to,
                    weekday=weekday,
                )
            # Schedules are kept in whole minutes, as Odoo's float_time widget shows them.
            offsets.append(
                (timedelta(minutes=round(hour_from * 60)), timedelta(minutes=round(hour_to * 60)))
            )
        offsets.sort()
        for (first_start, first_end), (second_start, second_end) in pairwise(offsets):
            if second_start < first_end:
                raise InvalidWorkSchedule(
                    _lt("Working periods %(first)s and %(second)s on weekday %(weekday)s overlap."),
                    first=_format_period(first_start, first_end),
                    second=_format_period(second_start, second_end),
                    weekday=weekday,
                )
        if offsets:
            result[weekday] = tuple(offsets)
    if not result:
        raise InvalidWorkSchedule(
            _lt(
                "The work schedule has no working period in the whole week: expected e.g. "
                "Monday to Friday 07:30-11:30 and 13:30-17:00."
            )
        )
    return result


class WorkSchedule:
    """Office hours of an agency: weekly working periods and public holidays.

    ``weekly`` maps a weekday (0 = Monday) to (hour_from, hour_to) periods in local
    hours, 7.5 meaning 07:30 (the shape of Odoo's ``resource.calendar.attendance``).
    ``holidays`` are local dates without work. Raises InvalidWorkSchedule for
    overlapping periods, hours outside 0-24, or a week without any working period.
    """

    def __init__(self, weekly, holidays=(), tz=TZ):
        self.weekly = _validated_weekly(weekly)
        self.holidays = frozenset(holidays)
        for holiday in self.holidays:
            if isinstance(holiday, datetime) or not isinstance(holiday, date):
                # A UTC datetime's date may be the day before in Vietnam: ask for local dates.
                raise InvalidWorkSchedule(
                    _lt("Holiday %(value)s must be a local date, not a date and time."),
                    value=holiday,
                )
        self.tz = tz

    @classmethod
    def default(cls, holidays=(), tz=TZ):
        """Monday to Friday 07:30-11:30 and 13:30-17:00.

        Office hours of a typical Vietnamese provincial agency (Saturday and Sunday are
        the weekly rest days of state agencies). Each agency's own ``resource.calendar``
        replaces this default in the Odoo layer.
        """
        day = [(7.5, 11.5), (13.5, 17.0)]
        return cls(dict.fromkeys(range(5), day), holidays=holidays, tz=tz)

    # --- days and periods -------------------------------------------------------------
    def _local_date(self, moment):
        return _as_utc(moment).astimezone(self.tz).date()

    def is_working_day(self, day):
        """True when ``day`` (a local date) has working periods and is not a holiday."""
        return day.weekday() in self.weekly and day not in self.holidays

    def working_periods(self, day):
        """Return the working periods of local date ``day`` as (start, end) UTC datetimes."""
        if not self.is_working_day(day):
            return []
        midnight = datetime.combine(day, time(0), tzinfo=self.tz)
        return [
            ((midnight + start).astimezone(timezone.utc), (midnight + end).astimezone(timezone.utc))
            for start, end in self.weekly[day.weekday()]
        ]

    def _days_from(self, day):
        """Return ``day`` and the dates after it, as far as any search goes (ten years)."""
        return (day + offset * _ONE_DAY for offset in range(_SEARCH_LIMIT_DAYS))

    @staticmethod
    def _nothing_found(day):
        return InvalidWorkSchedule(
            _lt(
                "No working time within 10 years after %(day)s: check the working days and "
                "holidays of the schedule."
            ),
            day=day.isoformat(),
        )

    def _next_working_day(self, day):
        """The first working day strictly after ``day``."""
        for candidate in self._days_from(day + _ONE_DAY):
            if self.is_working_day(candidate):
                return candidate
        raise self._nothing_found(day)

    def is_working_time(self, moment):
        """True when ``moment`` lies inside a working period (start included, end excluded)."""
        moment = _as_utc(moment)
        return any(
            start <= moment < end for start, end in self.working_periods(self._local_date(moment))
        )

    def next_working_period_start(self, moment):
        """Return the start of the first working period that starts at or after ``moment``."""
        moment = _as_utc(moment)
        first_day = self._local_date(moment)
        for day in self._days_from(first_day):
            for start, _end in self.working_periods(day):
                if start >= moment:
                    return start
        raise self._nothing_found(first_day)

    def end_of_working_day(self, day):
        """Return the end of the last working period of local date ``day``."""
        periods = self.working_periods(day)
        if not periods:
            raise InvalidWorkSchedule(
                _lt("%(day)s is not a working day, so it has no end of working day."),
                day=day.isoformat(),
            )
        return periods[-1][1]

    # --- the rules ------------------------------------------------------------------------
    def receipt_time(self, arrived_at):
        """Return when a document that entered the system at ``arrived_at`` counts as received.

        Tây Ninh 52/2019 Điều 10.2: the moment it enters the receiver's system; outside
        office hours, the start of the next working period (a lunch-time arrival counts
        from 13:30, a Friday evening arrival from the next working morning).
        """
        arrived_at = _as_utc(arrived_at)
        if self.is_working_time(arrived_at):
            return arrived_at
        return self.next_working_period_start(arrived_at)

    def add_working_days(self, start, days):
        """Return the end of the ``days``-th working day after the day of receipt of ``start``.

        Kon Tum Điều 8.3 ("chậm nhất là trong ngày làm việc tiếp theo"): the deadline to
        register an incoming document is ``add_working_days(arrived_at, 1)``. ``start`` is
        first moved to its receipt time (Tây Ninh Điều 10.2), so 0 gives the end of the
        working day on which it counts as received.
        """
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise InvalidWorkSchedule(
                _lt("A number of working days must be a whole number of 0 or more, got %(days)s."),
                days=days,
            )
        day = self._local_date(self.receipt_time(start))
        for _ in range(days):
            day = self._next_working_day(day)
        return self.end_of_working_day(day)

    def add_working_hours(self, start, hours):
        """Return the moment when ``hours`` of working time have passed since ``start``.

        Only time inside working periods counts (Thái Bình Điều 8: outages of more than
        4 working hours). When the count ends exactly at the end of a period, that end
        is returned; 0 hours gives the receipt time of ``start``.
        """
        if isinstance(hours, bool) or not isinstance(hours, (int, float)) or hours < 0:
            raise InvalidWorkSchedule(
                _lt("A number of working hours must be 0 or more, got %(hours)s."), hours=hours
            )
        remaining = timedelta(hours=hours)
        moment = _as_utc(start)
        first_day = self._local_date(moment)
        for day in self._days_from(first_day):
            for period_start, period_end in self.working_periods(day):
                if period_end <= moment:
                    continue
                begin = max(period_start, moment)
                available = period_end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        raise self._nothing_found(first_day)

    def working_hours_between(self, start, end):
        """Return the working hours between two moments (negative when ``end`` is earlier)."""
        start, end = _as_utc(start), _as_utc(end)
        if end < start:
            return -self.working_hours_between(end, start)
        total = timedelta(0)
        day, last_day = self._local_date(start), self._local_date(end)
        while day <= last_day:
            for period_start, period_end in self.working_periods(day):
                overlap = min(period_end, end) - max(period_start, start)
                if overlap > timedelta(0):
                    total += overlap
            day += _ONE_DAY
        return total / timedelta(hours=1)

    def __repr__(self):
        return f"WorkSchedule(weekdays={sorted(self.weekly)}, holidays={len(self.holidays)})"
