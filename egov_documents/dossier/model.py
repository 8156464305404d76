"""The values a dossier package is made of, their limits and the errors about them.

Field names and lengths follow NĐ 30/2020/NĐ-CP Phụ lục VI: Mục I (outgoing document),
Mục II (incoming document) and Mục III (dossier). A value that does not fit its field is
refused with the field's name, never cut.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property

from ..rules.errors import RuleError, _lt
from .codes import (
    LANGUAGES,
    MAINTENANCE,
    MAINTENANCE_OTHER,
    RIGHTS,
    check_file_catalog,
    check_file_notation,
    check_organ_id,
    file_code,
)

DIRECTIONS = ("incoming", "outgoing", "internal")
FILE_ROLES = ("main", "appendix", "attachment", "digitised")
MAX_ORDINAL = 999  # DocOrdinal Number(3)
MAX_PAGE_AMOUNT = 999  # PageAmount Number(3)
MAX_TOTAL = 9999  # DocTotal, PageTotal Number(4)
MAX_ARRIVAL_NUMBER = 9_999_999_999  # ArrivalNumber Number(10)
MAX_MAINTENANCE_YEARS = 999
MAX_FILE_NAME_LENGTH = 255

#: (attribute, PL VI element, maximum length, required) of the dossier's texts (Mục III)
META_TEXTS = (
    ("organ_name", "OrganName", 200, True),
    ("title", "Title", 500, True),
    ("creator", "Creator", 30, False),
    ("description", "Description", 500, False),
)
#: (attribute, PL VI element, maximum length, required) of a document's texts (Mục I/II)
DOCUMENT_TEXTS = (
    ("type_name", "TypeName", 100, True),
    ("number", "CodeNumber", 11, False),
    ("notation", "CodeNotation", 30, False),
    ("organ_name", "OrganName", 200, True),
    ("subject", "Subject", 500, False),
    ("language", "Language", 30, False),
    ("description", "Description", 500, False),
    ("signer_position", "Position", 100, False),
    ("signer_name", "FullName", 50, False),
)

# characters XML 1.0 cannot carry (tab, line feed and carriage return are fine)
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class PackageError(RuleError):
    """A dossier package cannot be built or read.

    ``code`` says what is wrong (``not_a_package``, ``unsafe_path``, ``zip_bomb``,
    ``metadata_invalid``, ``file_changed`` …), ``params`` the details, ``message`` the
    English text; ``template`` is the untranslated message for the Odoo layer
    (``self.env._(err.template, **err.params)``), as for every RuleError.
    """

    code = "package_error"

    def __init__(self, code, template=None, **params):
        self.code = code
        super().__init__(
            template or _lt("The dossier package is not valid (%(reason)s)."),
            **({"reason": code} | params),
        )
        self.message = str(self)


@dataclass(frozen=True)
class PackageProblem:
    """One thing wrong with a package: ``code`` (file_changed, file_missing,
    file_unexpected, file_unlisted, manifest_missing, manifest_invalid,
    metadata_invalid, not_a_package, or a hostile-input code), the member ``path`` it
    concerns ("" for the whole package) and details in ``params``."""

    code: str
    path: str = ""
    params: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class PackageFile:
    """One file of a document: original name (NFC), content and role."""

    name: str
    content: bytes
    role: str = "main"  # main | appendix | attachment | digitised

    @cached_property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class DocumentEntry:
    """One document of the dossier: NĐ 30/2020 Phụ lục VI Mục I (outgoing) or Mục II
    (incoming)."""

    ordinal: int  # DocOrdinal, 1..999
    direction: str  # incoming | outgoing | internal
    type_name: str  # TypeName
    number: str  # CodeNumber
    notation: str  # CodeNotation
    issued_date: date | None  # IssuedDate
    organ_name: str  # OrganName, the issuing agency
    subject: str  # Subject (trích yếu)
    language: str = "vi"
    page_amount: int = 0
    description: str = ""
    signer_position: str = ""
    signer_name: str = ""
    arrival_number: int | None = None  # incoming only
    arrival_date: date | None = None  # incoming only
    files: tuple[PackageFile, ...] = ()

    @property
    def number_notation(self):
        """Số và ký hiệu as printed: "15/QĐ-UBND", or whichever part exists."""
        return "/".join(part for part in (self.number, self.notation) if part)


@dataclass(frozen=True)
class DossierMeta:
    """The dossier (hồ sơ): NĐ 30/2020 Phụ lục VI Mục III. DocTotal and PageTotal are
    computed from the documents when the package is built."""

    organ_id: str  # OrganId: QCVN 102:2016 or QĐ 20/2020 agency code
    organ_name: str
    file_catalog: int  # FileCatalog: the year
    file_notation: str  # FileNotation, at most 20 characters
    title: str
    maintenance: str  # a MAINTENANCE code
    rights: str  # a RIGHTS code
    creator: str
    language: str  # a LANGUAGES code
    start_date: date | None
    end_date: date | None
    description: str = ""
    maintenance_years: int | None = None  # for maintenance "07" (khác)

    @property
    def file_code(self):
        """FileCode ``OrganId.FileCatalog.FileNotation``, e.g. 000.00.12.H53.2026.01.05."""
        return file_code(self.organ_id, self.file_catalog, self.file_notation)


def doc_total(documents):
    """DocTotal: the number of documents in the dossier."""
    return len(documents)


def page_total(documents):
    """PageTotal: the pages of all documents of the dossier."""
    return sum(document.page_amount for document in documents)


def _invalid(template, **params):
    return PackageError("metadata_invalid", template, **params)


def _clean_text(value, element, limit, required, where):
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _invalid(
            _lt("%(where)s: %(field)s must be text, got %(value)r."),
            where=where,
            field=element,
            value=value,
        )
    text = unicodedata.normalize("NFC", value)
    if _NOT_XML_RE.search(text):
        raise _invalid(
            _lt("%(where)s: %(field)s contains a control character that XML cannot carry."),
            where=where,
            field=element,
        )
    if required and not text.strip():
        raise _invalid(_lt("%(where)s: %(field)s is empty."), where=where, field=element)
    if len(text) > limit:
        raise _invalid(
            _lt(
                "%(where)s: %(field)s has %(length)s characters, more than the %(limit)s "
                "allowed by NĐ 30/2020 Phụ lục VI."
            ),
            where=where,
            field=element,
            length=len(text),
            limit=limit,
        )
    return text


def _check_int(value, element, low, high, where, optional=False):
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _invalid(
            _lt(
                "%(where)s: %(field)s must be a whole number from %(low)s to %(high)s, "
                "got %(value)r."
            ),
            where=where,
            field=element,
            low=low,
            high=high,
            value=value,
        )
    return value


def _check_date(value, element, where):
    if value is None:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise _invalid(
            _lt("%(where)s: %(field)s must be a date, got %(value)r."),
            where=where,
            field=element,
            value=value,
        )
    return value


def _check_code(value, table, element, where):
    if value not in table:
        raise _invalid(
            _lt("%(where)s: %(field)s %(value)r is not one of the codes %(codes)s."),
            where=where,
            field=element,
            value=value,
            codes=", ".join(table),
        )
    return value


def check_meta(meta):
    """Return ``meta`` with its texts in NFC and its codes normalised, or raise
    PackageError("metadata_invalid") naming the field at fault."""
    where = "Dossier"
    try:
        organ_id = check_organ_id(meta.organ_id)
        file_catalog = check_file_catalog(meta.file_catalog)
        file_notation = check_file_notation(meta.file_notation)
    except RuleError as error:
        raise PackageError("metadata_invalid", error.template, **error.params) from error
    values = {
        attribute: _clean_text(getattr(meta, attribute), element, limit, required, where)
        for attribute, element, limit, required in META_TEXTS
    }
    _check_code(meta.maintenance, MAINTENANCE, "Maintenance", where)
    _check_code(meta.rights, RIGHTS, "Rights", where)
    _check_code(meta.language, LANGUAGES, "Language", where)
    if meta.maintenance == MAINTENANCE_OTHER:
        _check_int(meta.maintenance_years, "MaintenanceYears", 1, MAX_MAINTENANCE_YEARS, where)
    elif meta.maintenance_years is not None:
        raise _invalid(
            _lt(
                "%(where)s: a number of years is only given with Maintenance 07 (khác), "
                "not with %(value)s."
            ),
            where=where,
            value=meta.maintenance,
        )
    start = _check_date(meta.start_date, "StartDate", where)
    end = _check_date(meta.end_date, "EndDate", where)
    if start and end and end < start:
        raise _invalid(
            _lt("%(where)s: EndDate %(end)s is before StartDate %(start)s."),
            where=where,
            start=start.isoformat(),
            end=end.isoformat(),
        )
    return replace(
        meta, organ_id=organ_id, file_catalog=file_catalog, file_notation=file_notation, **values
    )


def _check_file(file, where):
    if not isinstance(file, PackageFile):
        raise _invalid(_lt("%(where)s: a file must be a PackageFile."), where=where)
    name = _clean_text(file.name, "File name", MAX_FILE_NAME_LENGTH, True, where)
    if file.role not in FILE_ROLES:
        raise _invalid(
            _lt("%(where)s: file %(name)s has role %(value)r, not one of %(codes)s."),
            where=where,
            name=name,
            value=file.role,
            codes=", ".join(FILE_ROLES),
        )
    if not isinstance(file.content, bytes):
        raise _invalid(
            _lt("%(where)s: file %(name)s has no bytes content."), where=where, name=name
        )
    return file if name == file.name else replace(file, name=name)


def check_document(document):
    """Return ``document`` with its texts in NFC, or raise PackageError("metadata_invalid")."""
    ordinal = _check_int(document.ordinal, "DocOrdinal", 1, MAX_ORDINAL, "Document")
    where = f"Document {ordinal}"
    if document.direction not in DIRECTIONS:
        raise _invalid(
            _lt("%(where)s: direction %(value)r is not one of %(codes)s."),
            where=where,
            value=document.direction,
            codes=", ".join(DIRECTIONS),
        )
    values = {
        attribute: _clean_text(getattr(document, attribute), element, limit, required, where)
        for attribute, element, limit, required in DOCUMENT_TEXTS
    }
    _check_date(document.issued_date, "IssuedDate", where)
    _check_int(document.page_amount, "PageAmount", 0, MAX_PAGE_AMOUNT, where)
    _check_int(
        document.arrival_number, "ArrivalNumber", 1, MAX_ARRIVAL_NUMBER, where, optional=True
    )
    _check_date(document.arrival_date, "ArrivalDate", where)
    if document.direction != "incoming" and (
        document.arrival_number is not None or document.arrival_date is not None
    ):
        raise _invalid(
            _lt("%(where)s: only an incoming document has an arrival number and date."),
            where=where,
        )
    files = tuple(_check_file(file, where) for file in document.files)
    return replace(document, files=files, **values)


def check_dossier(meta, documents):
    """Validate and normalise a dossier; return (meta, documents sorted by ordinal)."""
    meta = check_meta(meta)
    documents = sorted(
        (check_document(document) for document in documents), key=lambda document: document.ordinal
    )
    for previous, current in zip(documents, documents[1:], strict=False):
        if previous.ordinal == current.ordinal:
            raise _invalid(
                _lt("Two documents have DocOrdinal %(ordinal)s."), ordinal=current.ordinal
            )
    if page_total(documents) > MAX_TOTAL:
        raise _invalid(
            _lt("The documents have %(pages)s pages together: PageTotal allows at most %(limit)s."),
            pages=page_total(documents),
            limit=MAX_TOTAL,
        )
    return meta, documents
