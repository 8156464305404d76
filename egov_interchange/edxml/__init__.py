"""edXML (QCVN 102:2016) codec: pure Python + lxml, no Odoo import.

``build(package) -> bytes``, ``parse(data, limits) -> package``, ``validate(package)``,
``to_json``/``from_json`` (the command line's JSON shape). See ``python -m
egov_interchange.edxml --help``.
"""

from .builder import build
from .jsonshape import from_json, to_json
from .package import (
    BUSINESS_DOC_TYPES,
    NAMESPACE,
    PRIORITIES,
    STATUS_CODES,
    Attachment,
    Business,
    DocumentPackage,
    EdxmlError,
    Limits,
    Organization,
    ReceiverChange,
    ResponseFor,
    Signer,
    StaffInfo,
    StatusPackage,
    TraceEntry,
    document_id_for,
)
from .parser import parse
from .validation import validate

__all__ = [
    "BUSINESS_DOC_TYPES",
    "NAMESPACE",
    "PRIORITIES",
    "STATUS_CODES",
    "Attachment",
    "Business",
    "DocumentPackage",
    "EdxmlError",
    "Limits",
    "Organization",
    "ReceiverChange",
    "ResponseFor",
    "Signer",
    "StaffInfo",
    "StatusPackage",
    "TraceEntry",
    "build",
    "document_id_for",
    "from_json",
    "parse",
    "to_json",
    "validate",
]
