"""The dossier (hồ sơ) package engine: plain Python, no Odoo import.

A closed dossier is exported as one ZIP (NĐ 30/2020/NĐ-CP Phụ lục VI: "export a hồ sơ to
pdf/xml"; DESIGN "Dossiers")::

    metadata.xml          the dossier, PL VI Mục III (FileCode{OrganId, FileCatalog,
                          FileNotation}, Title, Maintenance, Rights, Creator, Language,
                          StartDate, EndDate, DocTotal, PageTotal, Description), then one
                          Document per entry with the Mục I/II fields and its File
                          elements {Name, Role, Path, Size, Sha256}; UTF-8, dates
                          YYYY-MM-DD, namespace ``urn:egov:dossier:nd30-pl6:1``
    index.pdf             Mục lục văn bản trong hồ sơ (A4, Vietnamese)
    files/001/<name>      the documents' files, ASCII-folded names (originals in XML)
    manifest-sha256.txt   "<sha256>  <path>" for every other member, sorted

``build_package`` is deterministic, ``read_package`` its exact inverse and
``verify_package`` lists what was changed, removed or added. Hostile archives (ZIP bombs,
path traversal, DTDs) are refused with a PackageError whose ``code`` says why.
Command line: ``python -m egov_documents.dossier verify|show|index PACKAGE``.
"""

from .codes import LANGUAGES, MAINTENANCE, RIGHTS, InvalidFileCode, check_file_notation, file_code
from .package import (
    DocumentEntry,
    DossierMeta,
    PackageError,
    PackageFile,
    PackageLimits,
    PackageProblem,
    build_package,
    read_package,
    verify_package,
)

__all__ = [
    "LANGUAGES",
    "MAINTENANCE",
    "RIGHTS",
    "DocumentEntry",
    "DossierMeta",
    "InvalidFileCode",
    "PackageError",
    "PackageFile",
    "PackageLimits",
    "PackageProblem",
    "build_package",
    "check_file_notation",
    "file_code",
    "read_package",
    "verify_package",
]
