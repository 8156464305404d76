"""Number and notation (số, ký hiệu) of documents.

Nghị định 30/2020/NĐ-CP Điều 15 and Phụ lục I, part II.3.c:

- numbers run from 01 on 1 January to 31 December; numbers below 10 get a leading 0;
- a "/" separates the number from the notation, and "-" separates the groups inside
  the notation, with no spaces;
- notation = type abbreviation + issuing agency abbreviation (e.g. ``15/QĐ-BNV``);
  a công văn has no type abbreviation: agency abbreviation + drafting unit or subject
  area abbreviation (e.g. ``12/UBND-VX``).
"""

import re
import unicodedata

from .errors import InvalidNumbering, _lt

# A clerk may type "Số: 05/QĐ-UBND", "số 05/QĐ-UBND" or "So: 05/QĐ-UBND".
_NUMBER_PREFIX_RE = re.compile(r"^s[ốo]\s*[:.]?\s*(?=\d)", re.IGNORECASE)
_SPACES_AROUND_HYPHEN_RE = re.compile(r"\s*-\s*")
_FORBIDDEN_IN_ABBREVIATION_RE = re.compile(r"[\s/,]")


def format_number(n):
    """Return the document number as written: 1 → "01", 10 → "10", 123 → "123".

    NĐ 30/2020 Phụ lục I II.3.c: numbers below 10 are written with a leading 0;
    numbering starts at 01 (Điều 15.1), so ``n`` must be a whole number ≥ 1.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise InvalidNumbering(
            _lt('Document number "%(number)s" is not a whole number: expected 1, 2, 3, …'),
            number=n,
        )
    if n < 1:
        raise InvalidNumbering(
            _lt("Document number %(number)s is not allowed: numbers start at 01 each year."),
            number=n,
        )
    return f"{n:02d}"


def _clean_abbreviation(value):
    """Return the abbreviation stripped and NFC-normalised, or None when it is absent."""
    text = unicodedata.normalize("NFC", value).strip() if value else ""
    if not text:
        return None
    if _FORBIDDEN_IN_ABBREVIATION_RE.search(text):
        raise InvalidNumbering(
            _lt(
                'Abbreviation "%(abbreviation)s" contains a space, a "/" or a comma: '
                "expected letters only, e.g. QĐ, UBND, VX."
            ),
            abbreviation=text,
        )
    return text


def make_notation(type_abbreviation, agency_abbreviation, unit_abbreviation=None):
    """Build a notation (ký hiệu) from its abbreviations, joined by "-".

    NĐ 30/2020 Phụ lục I II.3.c: ("QĐ", "UBND") → "QĐ-UBND"; a công văn has no type
    abbreviation, so (None, "UBND", "VX") → "UBND-VX" and (None, "UBND") → "UBND".
    The caller decides which parts apply; every part given is used, in the order
    type, agency, unit. Empty or False optional parts count as absent.
    """
    agency = _clean_abbreviation(agency_abbreviation)
    if not agency:
        raise InvalidNumbering(
            _lt(
                "The agency abbreviation is empty: every notation needs it, e.g. QĐ-UBND or "
                "UBND-VX."
            )
        )
    parts = [_clean_abbreviation(type_abbreviation), agency, _clean_abbreviation(unit_abbreviation)]
    return "-".join(part for part in parts if part)


def number_and_notation(n, notation):
    """Return "number/notation" as printed after "Số:", e.g. (5, "QĐ-UBND") → "05/QĐ-UBND".

    NĐ 30/2020 Phụ lục I II.3.c: a "/" separates the number from the notation.
    """
    number = format_number(n)
    text = unicodedata.normalize("NFC", notation).strip() if notation else ""
    if not text:
        raise InvalidNumbering(
            _lt("Document number %(number)s has no notation: expected e.g. %(number)s/QĐ-UBND."),
            number=number,
        )
    return f"{number}/{text}"


def legal_notation(year, notation):
    """Return the notation of a legal normative document (văn bản QPPL), which carries the
    year it was issued: (2019, "QĐ-UBND") → "2019/QĐ-UBND", printed after the number as
    "05/2019/QĐ-UBND" (NĐ 30/2020 Phụ lục II; Tây Ninh 52/2019/QĐ-UBND).

    The year goes into the notation, so that "number/notation" is the whole printed text and
    ``split_number_notation`` gives back the same two parts.
    """
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise InvalidNumbering(
            _lt("The year %(year)s of a legal normative document must have four digits."),
            year=year,
        )
    text = unicodedata.normalize("NFC", notation).strip() if notation else ""
    if not text:
        raise InvalidNumbering(
            _lt("A legal normative document of %(year)s needs a notation, e.g. %(year)s/QĐ-UBND."),
            year=year,
        )
    if "/" in text:
        raise InvalidNumbering(
            _lt(
                'Notation "%(notation)s" already contains a "/": give the notation without the '
                "year, e.g. QĐ-UBND."
            ),
            notation=text,
        )
    return f"{year}/{text}"


def split_number_notation(text):
    """Split what a clerk types for an incoming document into (number, notation).

    "05/QĐ-UBND" → ("05", "QĐ-UBND"); "Số: 05 / QĐ - UBND" → ("05", "QĐ-UBND");
    a legal document's "52/2019/QĐ-UBND" → ("52", "2019/QĐ-UBND") (split at the first
    "/", so joining the two with "/" gives the text back). Without a "/" the whole text
    is the number: "123" → ("123", None). Empty parts are None; blank input gives
    (None, None).
    """
    cleaned = unicodedata.normalize("NFC", text).strip() if text else ""
    cleaned = _NUMBER_PREFIX_RE.sub("", cleaned)
    if not cleaned:
        return None, None
    if "/" not in cleaned:
        return cleaned, None
    number, notation = cleaned.split("/", 1)
    number = number.strip() or None
    notation = "/".join(part.strip() for part in notation.split("/"))
    notation = _SPACES_AROUND_HYPHEN_RE.sub("-", notation) or None
    return number, notation
