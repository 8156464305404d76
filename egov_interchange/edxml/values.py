"""Value formats of edXML: dates, moments, integers, organ ids, attachment names.

Read leniently (``yyyy/MM/dd``, ``dd/MM/yyyy``, ISO ``yyyy-MM-dd``, each with or
without a time; naive times are Asia/Ho_Chi_Minh), written canonically
(``yyyy/MM/dd`` and ``yyyy/MM/dd HH:mm:ss`` in Vietnam time).
"""

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone

from .package import TZ, EdxmlError

#: QCVN 102:2016 organ id, e.g. ``000.00.00.H53`` (STANDARDS §2.1).
ORGAN_ID_QCVN102 = re.compile(r"\A\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}\Z")
#: QĐ 20/2020/QĐ-TTg organ id, e.g. ``H53.12.07`` (STANDARDS §2.2), at most 35 characters.
ORGAN_ID_QD20 = re.compile(r"\A[A-Z][0-9]{2}(\.[0-9A-Z]{1,5}){0,3}\Z")

_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?"
_YMD = re.compile(r"\A(\d{4})[/-](\d{1,2})[/-](\d{1,2})" + _TIME + r"\Z")
_DMY = re.compile(r"\A(\d{1,2})[/-](\d{1,2})[/-](\d{4})" + _TIME + r"\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _match_moment(text, element):
    text = (text or "").strip()
    match = _YMD.match(text)
    if match:
        year, month, day = match.group(1, 2, 3)
    else:
        match = _DMY.match(text)
        if not match:
            raise EdxmlError(
                element,
                f"'{text}' is not a date in yyyy/MM/dd or dd/MM/yyyy form",
            )
        day, month, year = match.group(1, 2, 3)
    try:
        day_value = date(int(year), int(month), int(day))
    except ValueError:
        raise EdxmlError(element, f"'{text}' is not a valid calendar date") from None
    return day_value, match.group(4, 5, 6, 7), text


def parse_date(text, element):
    """A date from any accepted form (a time part is ignored); None when empty."""
    if not (text or "").strip():
        return None
    return _match_moment(text, element)[0]


def parse_moment(text, element):
    """An aware datetime from any accepted form; a naive time is Vietnam time."""
    if not (text or "").strip():
        return None
    day, (hour, minute, second, offset), text = _match_moment(text, element)
    try:
        moment = datetime(
            day.year, day.month, day.day, int(hour or 0), int(minute or 0), int(second or 0)
        )
    except ValueError:
        raise EdxmlError(element, f"'{text}' is not a valid time of day") from None
    if not offset:
        return moment.replace(tzinfo=TZ)
    if offset == "Z":
        return moment.replace(tzinfo=timezone.utc)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment.replace(tzinfo=timezone(sign * delta))


def format_date(value):
    return f"{value:%Y/%m/%d}" if value else ""


def format_moment(value):
    """``yyyy/MM/dd HH:mm:ss`` in Vietnam time (the canonical edXML form)."""
    return f"{value.astimezone(TZ):%Y/%m/%d %H:%M:%S}" if value else ""


def iso_moment(value):
    """ISO 8601 with the +07:00 offset (the JSON form)."""
    return value.astimezone(TZ).replace(microsecond=0).isoformat() if value else None


def parse_int(text, element, default=0):
    text = (text or "").strip()
    if not text:
        return default
    if text.lower() in ("true", "false"):
        return int(text.lower() == "true")
    try:
        return int(text)
    except ValueError:
        raise EdxmlError(element, f"'{text[:40]}' is not a whole number") from None


def is_organ_id(value):
    value = value or ""
    if ORGAN_ID_QCVN102.match(value):
        return True
    return len(value) <= 35 and bool(ORGAN_ID_QD20.match(value))


def xml_safe(value):
    """True when the text holds only characters XML 1.0 can carry."""
    return not _XML_CHAR.search(value)


def safe_name(name, fallback):
    """An attachment file name without directories, ``..``, control characters or
    leading dots, at most 200 characters (the extension kept)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = _CONTROL.sub("", name)
    name = _XML_CHAR.sub("", name)
    while ".." in name:
        name = name.replace("..", ".")
    name = name.strip().lstrip(". ").rstrip(" ")
    if ":" in name:  # a drive letter or an alternate data stream
        name = name.rsplit(":", 1)[-1].strip()
    if not name:
        name = fallback
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        keep_ext = dot and 0 < len(ext) <= 10
        name = f"{stem[: 199 - len(ext)]}.{ext}" if keep_ext else name[:200]
    return name
