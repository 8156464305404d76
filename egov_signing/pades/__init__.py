"""PAdES signing engine for NĐ 30/2020 electronic documents (no Odoo import).

See ``README.md`` beside this file for the API and the choices behind it.
"""

from .appearance import Placement, SealAppearance, SignerAppearance, StampAppearance
from .engine import SignOptions, add_validation_info, sign_pdf
from .errors import (
    FieldError,
    FileTooLargeError,
    FontNotFoundError,
    InvalidPdfError,
    PlacementError,
    SignerError,
    SigningEngineError,
    SigningFailedError,
)
from .external import ExternalSigner, complete_external_signature, prepare_external_signature
from .fields import (
    DATE_FIELD,
    NUMBER_FIELD,
    add_number_date_fields,
    fill_number_date,
    format_vn_date,
    read_number_date,
)
from .fonts import find_font
from .material import MAX_CONTENTS_SIZE, MAX_FILE_SIZE, ValidationMaterial
from .problems import PROBLEMS, STATUSES, Problem, message_for
from .signers import LocalSigner, PendingSignature, Pkcs11Signer, Pkcs12Signer, Signer
from .timeutil import VN_TZ, iso_vn
from .trust import load_certificates, load_trust_roots, sha256_fingerprint
from .verify import (
    SignatureReport,
    VerificationResult,
    accepted_chain,
    is_incremental_update_of,
    verify_pdf,
)

__all__ = [
    "DATE_FIELD",
    "NUMBER_FIELD",
    "VN_TZ",
    "ExternalSigner",
    "FieldError",
    "FileTooLargeError",
    "FontNotFoundError",
    "InvalidPdfError",
    "LocalSigner",
    "MAX_CONTENTS_SIZE",
    "MAX_FILE_SIZE",
    "PROBLEMS",
    "PendingSignature",
    "Pkcs11Signer",
    "Pkcs12Signer",
    "Placement",
    "PlacementError",
    "SealAppearance",
    "STATUSES",
    "Problem",
    "SignOptions",
    "SignatureReport",
    "VerificationResult",
    "Signer",
    "SignerAppearance",
    "SignerError",
    "SigningEngineError",
    "SigningFailedError",
    "StampAppearance",
    "ValidationMaterial",
    "add_number_date_fields",
    "add_validation_info",
    "complete_external_signature",
    "fill_number_date",
    "is_incremental_update_of",
    "find_font",
    "format_vn_date",
    "iso_vn",
    "load_certificates",
    "load_trust_roots",
    "message_for",
    "prepare_external_signature",
    "read_number_date",
    "sha256_fingerprint",
    "sign_pdf",
    "verify_pdf",
    "accepted_chain",
]
