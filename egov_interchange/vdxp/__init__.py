"""VDXP, the transport of the national document axis (STANDARDS.md §5): signed
``XroadVnpt-*`` headers, a client of the axis operations, and the error classes that keep
retryable failures apart from permanent ones. Pure Python with ``requests``; no Odoo."""

from .client import MESSAGE_TYPES, TRANSPORT_STATUSES, VdxpClient
from .errors import (
    ERROR_CODES,
    TRANSIENT_CODES,
    VdxpError,
    VdxpPermanentError,
    VdxpTransientError,
    error_for,
)
from .headers import (
    PREFIX,
    VIETNAM,
    file_hash,
    format_timestamp,
    parse_timestamp,
    sign_headers,
    verify_headers,
)

__all__ = [
    "ERROR_CODES",
    "MESSAGE_TYPES",
    "PREFIX",
    "TRANSIENT_CODES",
    "TRANSPORT_STATUSES",
    "VIETNAM",
    "VdxpClient",
    "VdxpError",
    "VdxpPermanentError",
    "VdxpTransientError",
    "error_for",
    "file_hash",
    "format_timestamp",
    "parse_timestamp",
    "sign_headers",
    "verify_headers",
]
