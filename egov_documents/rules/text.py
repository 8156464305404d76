"""Text normalisation: Vietnamese text is stored as Unicode NFC (TCVN 6909:2001).

Kon Tum Điều 11.2 and NĐ 30/2020 require the TCVN 6909:2001 character set, which is
Unicode; stored text is kept in Normalization Form C so that "ệ" typed as one code
point, as "ê" + dot below, or as "e" + circumflex + dot below compares and searches
the same.
"""

import re
import unicodedata

from .errors import TextTooLong, _lt

# Invisible characters that sneak in by copy and paste or are planted to mislead: every
# Unicode "format" character (category Cf) -- zero width space, non-joiner and joiner, word
# joiner, byte order mark, soft hyphen, the bidirectional controls that reorder what is
# shown (U+202A-U+202E embeddings and the right-to-left override, U+2066-U+2069 isolates,
# U+200E/U+200F marks, U+061C Arabic letter mark), invisible operators, tag characters --
# and the control characters other than tab and line breaks (a NUL cannot even be stored).
_KEPT_CONTROL_CHARACTERS = frozenset("\t\n\r\x0b\x0c\x85")  # line breaks, see below


class _InvisibleCharacters(dict):
    """``str.translate`` table that drops format (Cf) and control (Cc) characters, looked
    up by Unicode category on first sight and remembered."""

    def __missing__(self, code_point):
        character = chr(code_point)
        category = unicodedata.category(character)
        drop = category == "Cf" or (category == "Cc" and character not in _KEPT_CONTROL_CHARACTERS)
        self[code_point] = None if drop else code_point
        return self[code_point]


_INVISIBLE_CHARACTERS = _InvisibleCharacters()
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
    precomposed letters with combining tone marks become NFC. Zero-width, bidirectional
    and other invisible format characters and control characters are dropped, runs of spaces and tabs become one space, spaces at the start and
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


def check_max_length(value, limit, field):
    """Return ``value`` when it has at most ``limit`` characters, else raise TextTooLong.

    A text that does not fit its field is refused with the field's name and the limit,
    never cut short without a word. ``field`` is the field's label as users see it.
    """
    if value and limit and len(value) > limit:
        raise TextTooLong(
            _lt(
                "%(field)s is %(length)s characters long, more than the %(limit)s allowed: "
                "shorten it."
            ),
            field=field,
            length=len(value),
            limit=limit,
        )
    return value


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
