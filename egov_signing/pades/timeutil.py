"""Vietnam time (UTC+07:00, no daylight saving) and ISO 8601 formatting."""

from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "ICT")


def now_vn() -> datetime:
    """Current time in Vietnam, to the second."""
    return datetime.now(VN_TZ).replace(microsecond=0)


def to_vn(moment: datetime) -> datetime:
    """Convert an aware datetime to +07:00 (naive values are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(VN_TZ)


def iso_vn(moment: datetime) -> str:
    """``2026-11-20T09:15:02+07:00``: ISO 8601 with the Vietnamese offset."""
    return to_vn(moment).replace(microsecond=0).isoformat()
