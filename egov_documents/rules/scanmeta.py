"""The registration metadata of a document read from its text (NĐ 30/2020 Phụ lục I layout).

From the text of a scan (see ``scantext``), the fields a clerk types when entering an
incoming document: number and notation ("Số: 3456/BNV-CCVC"), date ("Hà Nội, ngày 16
tháng 11 năm 2026" or "ngày 16/11/2026"), issuing agency (the upper-case lines of the
header's left block: parent agency, then agency), document type (the title line, or a
công văn when the subject starts with "V/v"), subject (trích yếu), and the signature block
(competence KT./TM./TL./TUQ./Q., position, signer's name).

OCR loses diacritics, adds spaces and misreads characters ("Số:3456 /BNV- CCVC", "S6",
"QD"); every pattern is tried first on the clean text (confidence ``exact``) and then on a
folded copy without diacritics and with the usual misreadings allowed (``fuzzy``). The
model layer matches the agency and the type against the database; this module knows no
database.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from .text import normalize_text

EXACT = "exact"
FUZZY = "fuzzy"

#: NĐ 30/2020 Điều 7 and Phụ lục III: title as printed → abbreviation (None: công văn, thư
#: công). Order matters where one title starts another (QUYẾT ĐỊNH before QUY ĐỊNH).
DOCUMENT_TITLES = (
    ("NGHỊ QUYẾT", "NQ"),
    ("QUYẾT ĐỊNH", "QĐ"),
    ("CHỈ THỊ", "CT"),
    ("QUY CHẾ", "QC"),
    ("QUY ĐỊNH", "QyĐ"),
    ("THÔNG CÁO", "TC"),
    ("THÔNG BÁO", "TB"),
    ("HƯỚNG DẪN", "HD"),
    ("CHƯƠNG TRÌNH", "CTr"),
    ("KẾ HOẠCH", "KH"),
    ("PHƯƠNG ÁN", "PA"),
    ("ĐỀ ÁN", "ĐA"),
    ("DỰ ÁN", "DA"),
    ("BÁO CÁO", "BC"),
    ("BIÊN BẢN", "BB"),
    ("TỜ TRÌNH", "TTr"),
    ("HỢP ĐỒNG", "HĐ"),
    ("CÔNG ĐIỆN", "CĐ"),
    ("BẢN GHI NHỚ", "BGN"),
    ("BẢN THỎA THUẬN", "BTT"),
    ("GIẤY ỦY QUYỀN", "GUQ"),
    ("GIẤY MỜI", "GM"),
    ("GIẤY GIỚI THIỆU", "GGT"),
    ("GIẤY NGHỈ PHÉP", "GNP"),
    ("PHIẾU GỬI", "PG"),
    ("PHIẾU CHUYỂN", "PC"),
    ("PHIẾU BÁO", "PB"),
    ("LỊCH CÔNG TÁC", "LCT"),
)
OFFICIAL_LETTER = "Công văn"
ABBREVIATIONS = tuple(abbreviation for _title, abbreviation in DOCUMENT_TITLES)
COMPETENCES = {"KT": "kt", "TM": "tm", "TL": "tl", "TUQ": "tuq", "Q": "q"}
#: words of a position line, folded (no diacritics, upper case)
_POSITION_WORDS = (
    "CHU TICH",
    "GIAM DOC",
    "TRUONG",
    "THU TRUONG",
    "BO TRUONG",
    "CHANH VAN PHONG",
    "CHU NHIEM",
    "TONG GIAM DOC",
    "THU TUONG",
    "BI THU",
    "CUC TRUONG",
    "VU TRUONG",
    "HIEU TRUONG",
    "PHO ",
    "UY VIEN",
    "KE TOAN",
    "THU KY",
)
#: how position titles are written in running text (NĐ 30 style: "Phó Chủ tịch")
_POSITION_CASE = (
    "Chủ tịch",
    "Giám đốc",
    "Văn phòng",
    "Chủ nhiệm",
    "Bộ trưởng",
    "Thứ trưởng",
    "Thủ tướng",
    "Tổng Giám đốc",
    "Cục trưởng",
    "Vụ trưởng",
    "Chánh",
    "Phó",
    "Trưởng",
    "Bí thư",
    "Hiệu trưởng",
    "Ủy viên",
)
_MOTTO_STARTS = ("CONG HOA XA HOI", "CONG HOA XA HO", "DOC LAP", "DOC LAP - TU DO")
#: first words of a body paragraph (where the subject ends), folded
_BODY_STARTS = (
    "CAN CU",
    "KINH GUI",
    "THUC HIEN",
    "DIEU 1",
    "THEO DE NGHI",
    "NHAM ",
    "HOM NAY",
    "I.",
    "1.",
    "PHAN ",
    "CHUONG ",
    "QUYET DINH:",
    "XET DE NGHI",
    "NOI NHAN",
)
#: the same, only as written with diacritics (folded they start subjects too: "Đề án")
_BODY_STARTS_EXACT = ("ĐỂ ", "NGÀY ", "HIỆN NAY")
_SUBJECT_MAX_LINES = 5
_HEADER_MAX_LINES = 14

# OCR misreadings of digits inside a number or a date
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1"})
_DIGITISH = r"[0-9OoIl|]"
_NOTATION_PART = r"[A-ZĐ][A-Za-zĐđ0-9.]*"
_NOTATION = rf"(?:\d{{4}}/)?{_NOTATION_PART}(?:-{_NOTATION_PART})*"
_NUMBER_EXACT_RE = re.compile(rf"^Số:\s?(\d{{1,7}})/({_NOTATION})(?=\s|$)")
_NOTATION_PART_FUZZY = r"[A-Za-z0-9][A-Za-z0-9.]*"
_NUMBER_FUZZY_RE = re.compile(
    rf"^\W{{0,2}}S\s?[O0Q6ÔƠ]?\s*[:;.,]?\s*({_DIGITISH}{{1,7}})\s*[/|]\s*"
    rf"((?:\d{{4}}\s*/\s*)?{_NOTATION_PART_FUZZY}(?:\s*-\s*{_NOTATION_PART_FUZZY})*)",
    re.IGNORECASE,
)
_DATE_EXACT_RES = (
    re.compile(r"ngày\s(\d{1,2})\stháng\s(\d{1,2})\snăm\s(\d{4})"),
    re.compile(r"ngày\s(\d{1,2})/(\d{1,2})/(\d{4})"),
)
_DATE_FUZZY_RES = (
    re.compile(
        rf"NGA[YV]\s*({_DIGITISH}{{1,2}})\s*TH[AÁ]NG\s*({_DIGITISH}{{1,2}})\s*N[AĂ]M\s*"
        rf"({_DIGITISH}{{4}})",
        re.IGNORECASE,
    ),
    re.compile(
        rf"NGA[YV]\s*({_DIGITISH}{{1,2}})\s*[/.-]\s*({_DIGITISH}{{1,2}})\s*[/.-]\s*"
        rf"({_DIGITISH}{{4}})",
        re.IGNORECASE,
    ),
)
_VV_EXACT_RE = re.compile(r"^V/v\s+(\S.*)$")
_VV_FUZZY_RE = re.compile(r"^\W{0,2}V\s*[/|l1]\s*[vVy]\.?\s*:?\s*(\S.*)$")
_COMPETENCE_RE = re.compile(r"^(KT|TM|TL|TUQ|Q)\s*[.,:]\s*(\S.*)$", re.IGNORECASE)
_COMPETENCE_EXACT_RE = re.compile(r"^(KT|TM|TL|TUQ|Q)\. \S")
_NAME_WORD_RE = re.compile(r"^[^\W\d_][^\W\d_]*$")


@dataclass(frozen=True)
class Extracted:
    """One field read from the text: its ``value``, ``confidence`` (``exact``: the
    regulation's pattern matched as written; ``fuzzy``: matched only with OCR tolerance)
    and ``raw``, the text it was read from."""

    value: object
    confidence: str
    raw: str = ""


# --- Folding --------------------------------------------------------------------------------
def _plain_char(char):
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] if base else ""


def plain(text):
    """``text`` without diacritics, "đ" as "d", one character per character of ``text``
    (a lone combining mark becomes a space), so that positions match."""
    return "".join(_plain_char(char) or " " for char in text)


def _key(text):
    """Upper case, no diacritics, no spaces: how OCR variants of a word compare."""
    return re.sub(r"[\s.:]+", "", plain(text).upper())


def _is_upper(text):
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= 0.8 * len(letters)


def _has_diacritics(text):
    return plain(text) != text


# --- Entry point ----------------------------------------------------------------------------
def parse_metadata(text, abbreviations=ABBREVIATIONS):
    """Return ``{field: Extracted}`` for the fields found in ``text`` (pages separated by
    ``\\f``): ``number``, ``notation``, ``issued_date``, ``place``, ``agency``,
    ``parent_agency``, ``document_type`` (the abbreviation, "" for a công văn),
    ``document_type_name``, ``subject``, ``signer_competence``, ``signer_position``,
    ``signer_name``. Fields not found are left out. ``abbreviations``: the type
    abbreviations known to the caller, used to repair OCR in the notation ("QD" → "QĐ")."""
    text = normalize_text(text or "") or ""
    pages = text.split("\f")
    first = [line.strip() for line in pages[0].split("\n")]
    last = [line.strip() for line in pages[-1].split("\n")]
    first = _split_motto(first)
    found = {}
    number_at = _find_number(first, found, abbreviations)
    date_at = _find_date(first, found)
    header_end = min(i for i in (number_at, date_at, _HEADER_MAX_LINES) if i is not None)
    _find_agency(first[:header_end], found)
    _find_type_and_subject(first, max(i for i in (number_at, date_at, -1) if i is not None), found)
    _find_signer(last, found)
    return found


def _split_motto(lines):
    """Cut the national motto off a line where OCR glued it to the agency's column."""
    out = []
    for line in lines:
        folded = plain(line).upper()
        cut = min(
            (folded.find(start) for start in _MOTTO_STARTS if folded.find(start) > 0), default=-1
        )
        if cut > 0:
            out.extend([line[:cut].strip(), line[cut:].strip()])
        else:
            out.append(line)
    return out


def _is_motto(line):
    folded = _key(line)
    return (
        folded.startswith(("CONGHOAXAHOI", "DOCLAP"))
        or difflib.SequenceMatcher(None, folded, "CONGHOAXAHOICHUNGHIAVIETNAM").ratio() > 0.8
        or difflib.SequenceMatcher(None, folded, "DOCLAP-TUDO-HANHPHUC").ratio() > 0.8
    )


# --- Number and notation --------------------------------------------------------------------
def _find_number(lines, found, abbreviations):
    for index, line in enumerate(lines[: _HEADER_MAX_LINES + 4]):
        match = _NUMBER_EXACT_RE.match(line)
        if match:
            notation = _repair_notation(match.group(2), abbreviations)
            confidence = EXACT if notation == match.group(2) else FUZZY
            found["number"] = Extracted(match.group(1), EXACT, line)
            found["notation"] = Extracted(notation, confidence, line)
            return index
        match = _NUMBER_FUZZY_RE.match(plain(line))
        if match and not _key(line).startswith("SODIENTHOAI"):
            number = match.group(1).translate(_DIGIT_LOOKALIKES)
            original = line[match.start(2) : match.end(2)]
            notation = _repair_notation(re.sub(r"\s+", "", original), abbreviations)
            found["number"] = Extracted(number, FUZZY, line)
            found["notation"] = Extracted(notation, FUZZY, line)
            return index
    return None


def _repair_notation(notation, abbreviations):
    """Put back the "Đ" and the case OCR lost in the notation's parts that are known type
    abbreviations ("QD-UBND" → "QĐ-UBND", "TTR" → "TTr"); upper-case the others."""
    by_key = {_key(abbreviation): abbreviation for abbreviation in abbreviations if abbreviation}
    year, _sep, rest = notation.rpartition("/")
    parts = []
    pieces = rest.split("-")
    for index, part in enumerate(pieces):
        known = by_key.get(_key(part))
        if not known and index == 0 and len(pieces) > 1 and len(part) >= 3:
            # the type comes first: "TTIr" is an OCR reading of "TTr"
            close = difflib.get_close_matches(_key(part), list(by_key), n=1, cutoff=0.85)
            known = by_key[close[0]] if close else None
        if known:
            parts.append(known)
        elif part.isalpha() or part.replace(".", "").isalnum():
            parts.append(part.upper().replace("D̄", "Đ"))
        else:
            parts.append(part)
    repaired = "-".join(parts)
    return f"{year}/{repaired}" if year else repaired


# --- Date -------------------------------------------------------------------------------------
def _find_date(lines, found):
    for index, line in enumerate(lines[: _HEADER_MAX_LINES + 4]):
        for pattern, confidence, subject in (
            *((regex, EXACT, line) for regex in _DATE_EXACT_RES),
            *((regex, FUZZY, plain(line)) for regex in _DATE_FUZZY_RES),
        ):
            match = pattern.search(subject)
            if not match:
                continue
            day, month, year = (int(group.translate(_DIGIT_LOOKALIKES)) for group in match.groups())
            try:
                value = date(year, month, day)
            except ValueError:
                continue
            found["issued_date"] = Extracted(value, confidence, line)
            place = line[: match.start()].strip(" ,;")
            if place and len(place) <= 40 and not re.search(r"\d", place):
                found["place"] = Extracted(place, confidence, line)
            return index
        if _title_of(line) or _VV_FUZZY_RE.match(plain(line)) or _is_body_start(line):
            return None  # the header is over: a date further down is not the document's
    return None


# --- Agency -------------------------------------------------------------------------------------
def _find_agency(header, found):
    """The upper-case lines of the left block above the number: parent agency(ies), then
    the issuing agency (NĐ 30/2020 Phụ lục I, box 2)."""
    lines = [
        line
        for line in header
        if sum(char.isalpha() for char in line) >= 2
        and not _is_motto(line)
        and not line.startswith(("Số", "So", "S6"))
    ]
    lines = [line.strip(" _-—–") for line in lines if _is_upper(line)]
    if not lines:
        return
    confidence = EXACT if all(_has_diacritics(line) for line in lines) else FUZZY
    found["agency"] = Extracted(lines[-1], confidence, "\n".join(lines))
    if len(lines) > 1:
        found["parent_agency"] = Extracted(" ".join(lines[:-1]), confidence, "\n".join(lines))


# --- Type and subject -----------------------------------------------------------------------
def _title_of(line):
    """``(title, abbreviation, confidence)`` when ``line`` is a type title line."""
    if not line or not _is_upper(line) or len(line) > 40:
        return None
    key = _key(line.rstrip(":"))
    for title, abbreviation in DOCUMENT_TITLES:
        if line == title:
            return title, abbreviation, EXACT
        if key == _key(title):
            return title, abbreviation, FUZZY
    best = max(
        DOCUMENT_TITLES,
        key=lambda item: difflib.SequenceMatcher(None, key, _key(item[0])).ratio(),
    )
    if difflib.SequenceMatcher(None, key, _key(best[0])).ratio() >= 0.86:
        return best[0], best[1], FUZZY
    return None


def _is_body_start(line):
    folded = plain(line).upper()
    return folded.startswith(_BODY_STARTS) or line.upper().startswith(_BODY_STARTS_EXACT)


def _collect_subject(lines, start):
    parts = []
    for line in lines[start:]:
        if not line or _is_body_start(line) or len(parts) >= _SUBJECT_MAX_LINES:
            break
        parts.append(line)
    return " ".join(parts)


def _find_type_and_subject(lines, after, found):
    notation = found.get("notation")
    hinted = None
    if notation:
        head = notation.value.rpartition("/")[2].split("-")[0]
        hinted = next((a for _t, a in DOCUMENT_TITLES if a == head), None)
    start = max(after + 1, 0)
    for index in range(start, min(len(lines), start + _HEADER_MAX_LINES)):
        line = lines[index]
        exact = _VV_EXACT_RE.match(line)
        fuzzy = exact or _VV_FUZZY_RE.match(plain(line))
        if fuzzy:
            first = line[fuzzy.start(1) :]
            rest = _collect_subject(lines, index + 1)
            subject = "V/v " + " ".join(part for part in (first, rest) if part)
            confidence = EXACT if exact else FUZZY
            found["subject"] = Extracted(subject, confidence, line)
            type_confidence = EXACT if exact and not hinted else FUZZY
            found["document_type"] = Extracted(hinted or "", type_confidence, line)
            found["document_type_name"] = Extracted(
                OFFICIAL_LETTER if not hinted else _title_name(hinted), type_confidence, line
            )
            return
        title = _title_of(line)
        if title:
            name, abbreviation, confidence = title
            if hinted and hinted != abbreviation:
                confidence = FUZZY
            found["document_type"] = Extracted(abbreviation, confidence, line)
            found["document_type_name"] = Extracted(name.capitalize(), confidence, line)
            subject = _collect_subject(lines, index + 1)
            if subject:
                subject_confidence = EXACT if _has_diacritics(subject) else FUZZY
                found["subject"] = Extracted(subject, subject_confidence, subject)
            return
    if hinted:
        found["document_type"] = Extracted(hinted, FUZZY, notation.raw)
        found["document_type_name"] = Extracted(_title_name(hinted), FUZZY, notation.raw)


def _title_name(abbreviation):
    return next(t.capitalize() for t, a in DOCUMENT_TITLES if a == abbreviation)


# --- Signature block --------------------------------------------------------------------------
def _is_position_line(line):
    if not line or not _is_upper(line) or line.startswith(("-", "(")):
        return False
    folded = " " + plain(line).upper() + " "
    return bool(_COMPETENCE_RE.match(plain(line))) or any(
        f" {word.strip()} " in folded or folded.strip().startswith(word) for word in _POSITION_WORDS
    )


def _is_name(line):
    words = line.strip(" .,;").split()
    if not 2 <= len(words) <= 6 or line.startswith(("-", "(", "+")) or line.endswith(":"):
        return False
    return all(
        _NAME_WORD_RE.match(word) and word[0].isupper() and not word[1:].isupper() for word in words
    )


def position_case(text):
    """Position as written in running text: "PHÓ CHỦ TỊCH" → "Phó Chủ tịch": sentence case, titles capitalised as NĐ 30 writes
    them in running text."""
    result = text.lower()
    result = result[:1].upper() + result[1:]
    titles = sorted(_POSITION_CASE, key=len, reverse=True)
    by_lower = {title.lower(): title for title in titles}
    pattern = "|".join(re.escape(title.lower()) for title in titles)
    result = re.sub(
        rf"(?<!\w)({pattern})(?!\w)",
        lambda match: by_lower.get(match.group(1).lower(), match.group(1)),
        result,
        flags=re.IGNORECASE,
    )
    return result


def _find_signer(lines, found):
    """The last position block and the name under it (NĐ 30/2020 Phụ lục I, box 7)."""
    positions = [index for index, line in enumerate(lines) if _is_position_line(line)]
    if not positions:
        names = [line for line in lines if _is_name(line)]
        if names:
            found["signer_name"] = Extracted(names[-1].strip(" .,;"), FUZZY, names[-1])
        return
    block_end = positions[-1]
    block_start = block_end
    while block_start - 1 >= 0 and (block_start - 1) in positions:
        block_start -= 1
    block = lines[block_start : block_end + 1]
    competence = "direct"
    competence_exact = True
    for line in block:
        match = _COMPETENCE_RE.match(plain(line))
        if match:
            competence = COMPETENCES[match.group(1).upper()]
            competence_exact = bool(_COMPETENCE_EXACT_RE.match(line))
    position_line = block[-1]
    match = _COMPETENCE_RE.match(plain(position_line))
    if match:
        position_line = position_line[match.start(2) :]
    exact_block = all(_has_diacritics(line) for line in block)
    found["signer_competence"] = Extracted(
        competence, EXACT if competence_exact else FUZZY, "\n".join(block)
    )
    found["signer_position"] = Extracted(
        position_case(position_line.strip()), EXACT if exact_block else FUZZY, "\n".join(block)
    )
    names = [line for line in lines[block_end + 1 :] if _is_name(line)]
    if names:
        name = names[0].strip(" .,;")
        found["signer_name"] = Extracted(name, EXACT if _has_diacritics(name) else FUZZY, names[0])
