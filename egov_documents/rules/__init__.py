"""Pure rules of the eOffice regulations, importable without Odoo.

Identifier codes (QCVN 102:2016, QĐ 20/2020), numbering (NĐ 30/2020 Điều 15), text
normalisation (TCVN 6909:2001), attachment formats (Kon Tum Điều 11.3), working time
(Tây Ninh 52/2019 Điều 10) and public holidays (Bộ luật Lao động 2019 Điều 112).
The Odoo models adapt records to these functions and turn ``RuleError`` into
translated user errors.
"""

from .errors import (
    InvalidDate,
    InvalidIdentifierCode,
    InvalidNumbering,
    InvalidWorkSchedule,
    RuleError,
    UnsupportedFileFormat,
)
from .fileformat import (
    ALLOWED_FORMATS,
    KIND_LABELS,
    MIMETYPES,
    check_file,
    detect_format,
    detect_kind,
    sha256_hex,
)
from .holidays import public_holidays, weekend_workdays
from .identifiers import (
    QCVN102_RE,
    QD20_RE,
    check_qcvn102,
    check_qd20,
    document_identifier,
    normalize_code,
    parse_document_identifier,
    qcvn102_level,
    qcvn102_parent,
)
from .numbering import format_number, make_notation, number_and_notation, split_number_notation
from .text import fold_for_compare, normalize_text
from .worktime import TZ, WorkSchedule, parse_iso, to_iso, to_local

__all__ = [
    "ALLOWED_FORMATS",
    "KIND_LABELS",
    "MIMETYPES",
    "QCVN102_RE",
    "QD20_RE",
    "TZ",
    "InvalidDate",
    "InvalidIdentifierCode",
    "InvalidNumbering",
    "InvalidWorkSchedule",
    "RuleError",
    "UnsupportedFileFormat",
    "WorkSchedule",
    "check_file",
    "check_qcvn102",
    "check_qd20",
    "detect_format",
    "detect_kind",
    "document_identifier",
    "fold_for_compare",
    "format_number",
    "make_notation",
    "normalize_code",
    "normalize_text",
    "number_and_notation",
    "parse_document_identifier",
    "parse_iso",
    "public_holidays",
    "qcvn102_level",
    "qcvn102_parent",
    "sha256_hex",
    "split_number_notation",
    "to_iso",
    "to_local",
    "weekend_workdays",
]
