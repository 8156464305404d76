"""Code tables and the dossier code (mã hồ sơ) of NĐ 30/2020/NĐ-CP Phụ lục VI Mục III.

- FileCode = OrganId (String 13) + FileCatalog (the year, Number 4) + FileNotation
  (String 20), written with dots: ``000.00.12.H53.2026.01.05`` (STANDARDS §2.3). The
  OrganId is a QCVN 102:2016 code (13 characters) or a QĐ 20/2020 code (e.g. ``G09``,
  giving ``G09.2021.01.001``).
- Maintenance (thời hạn bảo quản), Rights (chế độ sử dụng) and Language are written as
  the archival codes of TT 02/2019/TT-BNV, per the codes seen in STANDARDS.md §3.7 (the
  circular itself was not read; the table comes from a third-party archive project).
"""

import re
import unicodedata

from ..rules.errors import RuleError, _lt
from ..rules.identifiers import QCVN102_RE, QD20_RE, normalize_code

#: Thời hạn bảo quản (Maintenance): code -> Vietnamese label
MAINTENANCE = {
    "01": "Vĩnh viễn",
    "02": "70 năm",
    "03": "50 năm",
    "04": "30 năm",
    "05": "20 năm",
    "06": "10 năm",
    "07": "Khác",
}
#: the Maintenance code whose number of years is given separately
MAINTENANCE_OTHER = "07"
#: years of each fixed-term Maintenance code (None: permanent or "other")
MAINTENANCE_YEARS = {"01": None, "02": 70, "03": 50, "04": 30, "05": 20, "06": 10, "07": None}

#: Chế độ sử dụng (Rights): code -> Vietnamese label
RIGHTS = {
    "01": "Thông thường",
    "02": "Hạn chế",
    "03": "Mật",
    "04": "Tối mật",
    "05": "Tuyệt mật",
}

#: Ngôn ngữ of the dossier (Language): code -> Vietnamese label
LANGUAGES = {
    "01": "Tiếng Việt",
    "02": "Tiếng Anh",
    "03": "Tiếng Pháp",
}

FILE_NOTATION_MAX_LENGTH = 20
FILE_CATALOG_MIN = 1000
FILE_CATALOG_MAX = 9999
_FILE_NOTATION_CHARACTERS_RE = re.compile(r"[^0-9A-Za-zĐđ./-]")
_FILE_NOTATION_SEPARATORS = "./-"
_YEAR_RE = re.compile(r"^\d{4}$", re.ASCII)


class InvalidFileCode(RuleError):
    """A dossier code (mã hồ sơ) or one of its parts breaks NĐ 30/2020 Phụ lục VI Mục III."""

    code = "invalid_file_code"


def check_file_notation(notation):
    """Return the FileNotation (số và ký hiệu hồ sơ) as stripped NFC text or raise
    InvalidFileCode.

    NĐ 30/2020 Phụ lục VI Mục III 1.3: String(20). It becomes the last part of the
    dot-separated FileCode, so it uses only digits, Latin letters, Đ/đ, ".", "-" and "/",
    and neither starts nor ends with one of those separators nor repeats them.
    """
    text = unicodedata.normalize("NFC", notation).strip() if isinstance(notation, str) else ""
    if not text:
        raise InvalidFileCode(
            _lt("The dossier notation (số và ký hiệu hồ sơ) is empty: expected e.g. 01.05.")
        )
    if len(text) > FILE_NOTATION_MAX_LENGTH:
        raise InvalidFileCode(
            _lt(
                'Dossier notation "%(notation)s" has %(length)s characters: NĐ 30/2020 allows '
                "at most 20."
            ),
            notation=text,
            length=len(text),
        )
    bad_characters = sorted(set(_FILE_NOTATION_CHARACTERS_RE.findall(text)))
    if bad_characters:
        raise InvalidFileCode(
            _lt(
                'Dossier notation "%(notation)s" contains %(characters)s: use only digits, '
                'letters, Đ, ".", "-" and "/", e.g. 01.05 or HS-12/TCCB.'
            ),
            notation=text,
            characters=" ".join(f'"{character}"' for character in bad_characters),
        )
    if (
        text[0] in _FILE_NOTATION_SEPARATORS
        or text[-1] in _FILE_NOTATION_SEPARATORS
        or re.search(r"[./-]{2}", text)
    ):
        raise InvalidFileCode(
            _lt(
                'Dossier notation "%(notation)s" starts or ends with a separator, or has two '
                'in a row: ".", "-" and "/" only stand between digits or letters, e.g. 01.05.'
            ),
            notation=text,
        )
    return text


def check_organ_id(organ_id):
    """Return the normalised OrganId (a QCVN 102:2016 or QĐ 20/2020 agency code) or raise
    InvalidFileCode."""
    code = normalize_code(organ_id) if isinstance(organ_id, str) else None
    if not code or not (QCVN102_RE.match(code) or QD20_RE.match(code)):
        raise InvalidFileCode(
            _lt(
                'Agency code "%(organ_id)s" cannot start a dossier code: expected a QCVN '
                "102:2016 code (e.g. 000.00.12.H53) or a QĐ 20/2020 code (e.g. H53.12)."
            ),
            organ_id=code or "",
        )
    return code


def check_file_catalog(year):
    """Return the FileCatalog (năm hình thành hồ sơ, Number 4) as an int or raise
    InvalidFileCode. A 4-digit int or digit string is accepted."""
    value = None
    if isinstance(year, int) and not isinstance(year, bool):
        value = year
    elif isinstance(year, str) and _YEAR_RE.match(year.strip()):
        value = int(year.strip())
    if value is None or not FILE_CATALOG_MIN <= value <= FILE_CATALOG_MAX:
        raise InvalidFileCode(
            _lt('The dossier year "%(year)s" is not a year of 4 digits, e.g. 2026.'),
            year=year,
        )
    return value


def file_code(organ_id, year, notation):
    """Return the FileCode ``OrganId.FileCatalog.FileNotation``, e.g.
    ``file_code("000.00.12.H53", 2026, "01.05") == "000.00.12.H53.2026.01.05"``.

    Each part is validated (check_organ_id, check_file_catalog, check_file_notation) and
    InvalidFileCode names the part at fault.
    """
    return f"{check_organ_id(organ_id)}.{check_file_catalog(year)}.{check_file_notation(notation)}"


def maintenance_label(code, years=None):
    """Return the Vietnamese label of a Maintenance code, e.g. "70 năm"; for "07" with
    ``years`` given, "<years> năm"."""
    if code == MAINTENANCE_OTHER and years:
        return f"{years} năm"
    return MAINTENANCE.get(code, code)
