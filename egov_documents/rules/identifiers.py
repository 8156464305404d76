"""Identifier codes of agencies and documents.

- QCVN 102:2016 agency code ``V1V2V3.Z1Z2.Y1Y2.MX1X2`` (13 characters, e.g.
  ``000.00.00.H53``): MX1X2 is level 1 (a letter and 2 digits), Y1Y2 level 2, Z1Z2
  level 3, V1V2V3 level 4; unused levels are zero-filled (STANDARDS §2.1).
- QĐ 20/2020/QĐ-TTg agency code: at most 35 characters ``0-9 A-Z .``, groups separated
  by dots, level 1 leftmost and made of a letter and 2 digits, e.g. ``H53.01.02``
  (STANDARDS §2.2).
- Document identifier, the edXML ``DocumentId`` convention
  ``{OrganId},{yyyy/MM/dd},{number}/{notation}`` (STANDARDS §2.3).
"""

import re
import unicodedata
from datetime import date, datetime

from .errors import InvalidIdentifierCode, _lt
from .numbering import format_number, split_number_notation

QCVN102_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$", re.ASCII)
QCVN102_LENGTH = 13
QD20_MAX_LENGTH = 35
QD20_MAX_LEVELS = 4
QD20_MAX_GROUP_LENGTH = 5
QD20_RE = re.compile(r"^(?=.{1,35}$)[A-Z]\d{2}(?:\.[0-9A-Z]{1,5}){0,3}$", re.ASCII)

_LEVEL1_RE = re.compile(r"^[A-Z]\d{2}$", re.ASCII)
_QD20_ALLOWED_CHARACTERS_RE = re.compile(r"[^0-9A-Z.]")
_QCVN102_GROUP_LENGTHS = (3, 2, 2, 3)
_DOCUMENT_DATE_FORMATS = ("%Y/%m/%d", "%d/%m/%Y")


def normalize_code(value):
    """Return ``value`` stripped, in NFC and upper case; None for None, False or blank text."""
    if not value:
        return None
    text = unicodedata.normalize("NFC", value).strip().upper()
    return text or None


def check_qcvn102(value):
    """Return the normalised QCVN 102:2016 agency code or raise InvalidIdentifierCode.

    QCVN 102:2016: ``V1V2V3.Z1Z2.Y1Y2.MX1X2``, 13 characters; lower case input is
    accepted and upper-cased ("000.00.00.h53" → "000.00.00.H53").
    """
    code = normalize_code(value)
    if code is None:
        raise InvalidIdentifierCode(
            _lt(
                "The identifier code is empty: expected a QCVN 102:2016 code "
                "V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.00.H53."
            )
        )
    if len(code) != QCVN102_LENGTH:
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s has %(length)s characters: a QCVN 102:2016 code "
                "V1V2V3.Z1Z2.Y1Y2.MX1X2 has 13, e.g. 000.00.00.H53."
            ),
            code=code,
            length=len(code),
        )
    groups = code.split(".")
    if tuple(len(group) for group in groups) != _QCVN102_GROUP_LENGTHS:
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s is not a QCVN 102:2016 code: expected four groups "
                "separated by dots, V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.00.H53."
            ),
            code=code,
        )
    if not _LEVEL1_RE.match(groups[3]):
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s has level-1 group %(group)s: expected a capital "
                "letter followed by 2 digits, e.g. H53."
            ),
            code=code,
            group=groups[3],
        )
    if not all(group.isascii() and group.isdigit() for group in groups[:3]):
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s has a letter or symbol in its first three groups: "
                "V1V2V3, Z1Z2 and Y1Y2 are digits, e.g. 000.03.12.H53."
            ),
            code=code,
        )
    return code


def check_qd20(value):
    """Return the normalised QĐ 20/2020/QĐ-TTg agency code or raise InvalidIdentifierCode.

    QĐ 20/2020 Điều 4.1: at most 35 characters from ``0-9``, ``A-Z`` and ``.``; groups
    separated by dots, one per level from left to right; level 1 is a letter and 2
    digits (e.g. H53). Up to 4 levels of at most 5 characters each are accepted.
    """
    code = normalize_code(value)
    if code is None:
        raise InvalidIdentifierCode(
            _lt(
                "The identifier code is empty: expected a QĐ 20/2020 code such as H53 or H53.01.02."
            )
        )
    if len(code) > QD20_MAX_LENGTH:
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s has %(length)s characters: a QĐ 20/2020 code has "
                "at most 35."
            ),
            code=code,
            length=len(code),
        )
    bad_characters = sorted(set(_QD20_ALLOWED_CHARACTERS_RE.findall(code)))
    if bad_characters:
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s contains %(characters)s: a QĐ 20/2020 code uses only "
                "digits, capital letters A-Z and dots, e.g. H53.01.02."
            ),
            code=code,
            characters=" ".join(f'"{character}"' for character in bad_characters),
        )
    groups = code.split(".")
    if "" in groups:
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s has an empty group (two dots in a row, or a dot at "
                "the start or end): expected groups separated by single dots, e.g. H53.01.02."
            ),
            code=code,
        )
    if not _LEVEL1_RE.match(groups[0]):
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s starts with %(group)s: the level-1 group of a "
                "QĐ 20/2020 code is a capital letter followed by 2 digits, e.g. H53."
            ),
            code=code,
            group=groups[0],
        )
    if len(groups) > QD20_MAX_LEVELS:
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s has %(levels)s groups: a QĐ 20/2020 code has at "
                "most 4 levels, e.g. H53.01.02.001."
            ),
            code=code,
            levels=len(groups),
        )
    long_groups = [group for group in groups[1:] if len(group) > QD20_MAX_GROUP_LENGTH]
    if long_groups:
        raise InvalidIdentifierCode(
            _lt(
                "Identifier code %(code)s has group %(group)s of %(length)s characters: "
                "groups after level 1 have 1 to 5 characters."
            ),
            code=code,
            group=long_groups[0],
            length=len(long_groups[0]),
        )
    return code


def _qcvn102_groups(code):
    """Return the validated code's groups from level 1 to level 4: (MX1X2, Y1Y2, Z1Z2, V1V2V3)."""
    level4, level3, level2, level1 = check_qcvn102(code).split(".")
    return level1, level2, level3, level4


def qcvn102_level(code):
    """Return the level (1..4) of the unit a QCVN 102:2016 code designates.

    Groups are read right to left; zero-filled groups are unused levels, so
    000.00.00.H53 is level 1, 000.00.12.H53 level 2, 000.03.12.H53 level 3 and
    001.03.12.H53 level 4.
    """
    groups = _qcvn102_groups(code)
    level = 1
    for number, group in enumerate(groups[1:], start=2):
        if set(group) != {"0"}:
            level = number
    return level


def qcvn102_parent(code):
    """Return the code of the unit one level up, or None for a level-1 unit.

    QCVN 102:2016: the parent has the designating group zero-filled, e.g.
    000.03.12.H53 → 000.00.12.H53 and 000.00.12.H53 → 000.00.00.H53.
    """
    level = qcvn102_level(code)
    if level == 1:
        return None
    groups = list(_qcvn102_groups(code))
    groups[level - 1] = "0" * len(groups[level - 1])
    level1, level2, level3, level4 = groups
    return f"{level4}.{level3}.{level2}.{level1}"


def _identifier_part(value):
    """Return one part of a document identifier as stripped NFC text ("" when absent)."""
    if value is None or value is False:
        return ""
    text = unicodedata.normalize("NFC", str(value)).strip()
    if "," in text:
        raise InvalidIdentifierCode(
            _lt(
                'Document identifier part "%(value)s" contains a comma: commas separate the '
                "parts of OrganId,yyyy/MM/dd,number/notation."
            ),
            value=text,
        )
    return text


def _is_agency_code(code):
    return bool(code) and bool(QCVN102_RE.match(code) or QD20_RE.match(code))


def document_identifier(organ_id, issued_date, number, notation):
    """Return the document identifier ``{OrganId},{yyyy/MM/dd},{number}/{notation}``.

    edXML DocumentId convention (STANDARDS §2.3, NĐ 30/2020 Phụ lục VI), e.g.
    ``000.00.04.G14,2012/08/06,267/VPCP-TTĐT``. The OrganId is a QCVN 102:2016 or
    QĐ 20/2020 code; an integer number is written the NĐ 30 way (5 → "05"), a text
    number is used as given.
    """
    organ = normalize_code(_identifier_part(organ_id))
    if not _is_agency_code(organ):
        raise InvalidIdentifierCode(
            _lt(
                'Agency code "%(organ_id)s" cannot start a document identifier: expected a '
                "QCVN 102:2016 code (e.g. 000.00.04.G14) or a QĐ 20/2020 code (e.g. G14.04)."
            ),
            organ_id=organ or "",
        )
    if not isinstance(issued_date, date):
        raise InvalidIdentifierCode(
            _lt('A document identifier needs the issue date as a date, got "%(value)s".'),
            value=issued_date,
        )
    if isinstance(number, int) and not isinstance(number, bool):
        number = format_number(number)
    number = _identifier_part(number)
    if not number or "/" in number:
        raise InvalidIdentifierCode(
            _lt(
                'Document number "%(number)s" cannot go into a document identifier: expected '
                'a number without "/", e.g. 05.'
            ),
            number=number,
        )
    notation = _identifier_part(notation)
    if not notation:
        raise InvalidIdentifierCode(
            _lt(
                "Document number %(number)s has no notation, so it has no document identifier: "
                "expected e.g. %(number)s/QĐ-UBND."
            ),
            number=number,
        )
    return f"{organ},{issued_date.strftime('%Y/%m/%d')},{number}/{notation}"


def _parse_document_date(text):
    for date_format in _DOCUMENT_DATE_FORMATS:
        try:
            return datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    return None


def parse_document_identifier(text):
    """Read a document identifier into dict(organ_id, issued_date, number, notation).

    Accepts the canonical ``000.00.04.G14,2012/08/06,267/VPCP-TTĐT`` and the date
    written ``dd/MM/yyyy`` as some systems send it (STANDARDS §1.2). The OrganId must
    be a QCVN 102:2016 or QĐ 20/2020 code.
    """
    cleaned = unicodedata.normalize("NFC", text).strip() if text else ""
    parts = [part.strip() for part in cleaned.split(",", 2)]
    if len(parts) != 3 or not all(parts):
        raise InvalidIdentifierCode(
            _lt(
                'Document identifier "%(text)s" is not OrganId,yyyy/MM/dd,number/notation, '
                "e.g. 000.00.04.G14,2012/08/06,267/VPCP-TTĐT."
            ),
            text=cleaned,
        )
    organ_id = normalize_code(parts[0])
    if not _is_agency_code(organ_id):
        raise InvalidIdentifierCode(
            _lt(
                'Document identifier "%(text)s" starts with %(organ_id)s, which is neither a '
                "QCVN 102:2016 code (e.g. 000.00.04.G14) nor a QĐ 20/2020 code (e.g. G14.04)."
            ),
            text=cleaned,
            organ_id=organ_id,
        )
    issued_date = _parse_document_date(parts[1])
    if issued_date is None:
        raise InvalidIdentifierCode(
            _lt(
                'Document identifier "%(text)s" has date %(date)s: expected yyyy/MM/dd '
                "(or dd/MM/yyyy), e.g. 2012/08/06."
            ),
            text=cleaned,
            date=parts[1],
        )
    number, notation = split_number_notation(parts[2])
    if not number or not notation:
        raise InvalidIdentifierCode(
            _lt(
                'Document identifier "%(text)s" ends with %(code)s: expected number/notation, '
                "e.g. 267/VPCP-TTĐT."
            ),
            text=cleaned,
            code=parts[2],
        )
    return {
        "organ_id": organ_id,
        "issued_date": issued_date,
        "number": number,
        "notation": notation,
    }
