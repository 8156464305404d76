"""Text normalisation: Vietnamese text is stored as Unicode NFC (TCVN 6909:2001).

Kon Tum Điều 11.2 and NĐ 30/2020 require the TCVN 6909:2001 character set, which is
Unicode; stored text is kept in Normalization Form C so that "ệ" typed as one code
point, as "ê" + dot below, or as "e" + circumflex + dot below compares and searches
the same.
"""

import re
import unicodedata

# Invisible characters that sneak in by copy and paste: zero width space, zero width
# non-joiner, zero width joiner, word joiner, byte order mark and soft hyphen.
_INVISIBLE_CHARACTERS = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_LINE_BREAKS_RE = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
_HORIZONTAL_SPACE_RE = re.compile(r"[^\S\n]+")  # any whitespace but a newline
_SPACES_AROUND_NEWLINE_RE = re.compile(r" ?\n ?")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_WHITESPACE_RE = re.compile(r"\s+")
# "Ð" (U+00D0, Icelandic eth) looks exactly like the Vietnamese "Đ" (U+0110) and is
# produced by some legacy font converters; for comparison both mean "đ".
_ETH_TO_VIETNAMESE_D = {ord("ð"): "đ"}


def normalize_text(value):
    """Return ``value`` as clean NFC text, or None when nothing is left.

    TCVN 6909:2001: decomposed Vietnamese ("e" + combining marks) and mixes of
    precomposed letters with combining tone marks become NFC. Zero-width characters
    are dropped, runs of spaces and tabs become one space, spaces at the start and
    end of lines go, single line breaks are kept and three or more collapse to one
    blank line. None, False and "" give None.
    """
    if not value:
        return None
    text = value.translate(_INVISIBLE_CHARACTERS)
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS_RE.sub("\n", text)
    text = _HORIZONTAL_SPACE_RE.sub(" ", text)
    text = _SPACES_AROUND_NEWLINE_RE.sub("\n", text)
    text = _BLANK_LINES_RE.sub("\n\n", text)
    text = text.strip()
    return text or None


def fold_for_compare(value):
    """Return a key under which texts that a clerk would call "the same" are equal.

    Used for the duplicate warning on (number/notation, issuing agency) of NĐ 30/2020
    Phụ lục VI: the text is normalised (see ``normalize_text``), case-folded, kept in
    NFC, "Ð" (eth) is read as "Đ", and all whitespace is removed, so "05 / QĐ-UBND"
    and "05/qđ-ubnd" fold to the same key. None gives "".
    """
    text = normalize_text(value)
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", text.casefold())
    text = text.translate(_ETH_TO_VIETNAMESE_D)
    return _WHITESPACE_RE.sub("", text)
