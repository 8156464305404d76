"""Every finding of the verifier, by stable code (translate by code, never by message).

:data:`PROBLEMS` is the one registry: code → :class:`ProblemKind` (the signature status
the problem implies, its severity and an English message template with ``%(param)s``
placeholders). A :class:`Problem` carries the code and its params (plain strings);
its ``message`` is the template filled in.
"""

from dataclasses import dataclass, field

# statuses of one signature, worst first
INVALID_INTEGRITY = "invalid_integrity"
MODIFIED = "modified"
REVOKED = "revoked"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
UNTRUSTED = "untrusted"
INDETERMINATE = "indeterminate"
VALID = "valid"
STATUSES = (
    INVALID_INTEGRITY,
    MODIFIED,
    REVOKED,
    EXPIRED,
    NOT_YET_VALID,
    UNTRUSTED,
    INDETERMINATE,
    VALID,
)

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class ProblemKind:
    status: str  # the signature status an error implies (VALID for document-level ones)
    severity: str  # ERROR, WARNING or INFO
    message: str  # English, with %(param)s placeholders


_K = ProblemKind

#: code → kind; the Odoo layer translates every code listed here
PROBLEMS: dict[str, ProblemKind] = {
    # integrity of one signature
    "digest_mismatch": _K(
        INVALID_INTEGRITY, ERROR, "The signed bytes were changed (digest mismatch)"
    ),
    "signature_invalid": _K(INVALID_INTEGRITY, ERROR, "The cryptographic signature is not valid"),
    "signature_data_corrupt": _K(
        INVALID_INTEGRITY, ERROR, "The signature data cannot be read (%(error)s)"
    ),
    "signature_format_unsupported": _K(
        INVALID_INTEGRITY, ERROR, "The signature format %(subfilter)s is not supported"
    ),
    "coverage_incomplete": _K(
        INVALID_INTEGRITY, ERROR, "The signature does not cover its whole revision"
    ),
    "validation_error": _K(INVALID_INTEGRITY, ERROR, "The signature could not be checked"),
    "modified_after_signing": _K(
        MODIFIED,
        ERROR,
        "The document was changed after signing in a way that is not permitted "
        "(%(modification_level)s)",
    ),
    # the certificate
    "cert_revoked": _K(REVOKED, ERROR, "The certificate was revoked on %(revocation_date)s"),
    "revoked_no_timestamp": _K(
        REVOKED,
        ERROR,
        "The certificate is revoked (since %(revocation_date)s) and no trusted timestamp "
        "proves the signature is older",
    ),
    "cert_expired": _K(
        EXPIRED,
        ERROR,
        "The certificate had expired at the signing time (valid until %(not_after)s)",
    ),
    "cert_expired_now": _K(
        EXPIRED,
        ERROR,
        "No trusted timestamp, and the certificate has expired (valid until %(not_after)s): "
        "the claimed signing time %(claimed_time)s proves nothing",
    ),
    "cert_not_yet_valid": _K(
        NOT_YET_VALID,
        ERROR,
        "The certificate was not yet valid at the signing time (valid from %(not_before)s)",
    ),
    "untrusted_chain": _K(UNTRUSTED, ERROR, "The certificate does not chain to a trusted root"),
    "key_usage_not_allowed": _K(
        UNTRUSTED, ERROR, "The certificate is not allowed to sign documents"
    ),
    "weak_algorithm": _K(UNTRUSTED, ERROR, "A weak or forbidden algorithm is used"),
    "chain_validation_failed": _K(UNTRUSTED, ERROR, "The certificate chain is not valid"),
    "issuer_not_accepted": _K(
        UNTRUSTED,
        ERROR,
        "The certificate was issued by %(issuer)s, under %(root)s: not a certification "
        "authority the regulation accepts",
    ),
    "timestamp_invalid": _K(
        UNTRUSTED, ERROR, "The signature timestamp is not valid or not trusted"
    ),
    "revocation_unknown": _K(INDETERMINATE, ERROR, "The revocation status could not be determined"),
    # the claimed signing time (no trusted timestamp)
    "time_claimed_future": _K(
        INDETERMINATE,
        ERROR,
        "The claimed signing time %(claimed_time)s is later than the validation time "
        "%(validation_time)s",
    ),
    "time_claimed_before_cert": _K(
        NOT_YET_VALID,
        ERROR,
        "The claimed signing time %(claimed_time)s is before the certificate was valid "
        "(valid from %(not_before)s)",
    ),
    "signing_time_unverified": _K(
        VALID, WARNING, "No trusted timestamp: the signing time is the signer's claim"
    ),
    "changes_after_signature": _K(
        VALID, INFO, "Later changes are permitted ones (%(modification_level)s)"
    ),
    # the document
    "no_signatures": _K(VALID, ERROR, "The document has no signatures"),
    "unsigned_changes_after_last_signature": _K(
        VALID,
        WARNING,
        "The file was changed after the last signature (%(modification_level)s)",
    ),
    "bytes_after_signature": _K(
        VALID,
        ERROR,
        "%(length)s bytes after the end of the last revision (offset %(offset)s) are "
        "covered by no signature and by no cross-reference table",
    ),
    # input refused before parsing (also the codes of the exceptions raised)
    "invalid_pdf": _K(VALID, ERROR, "Not a readable PDF (%(error)s)"),
    "file_too_large": _K(
        VALID, ERROR, "The file has %(size)s bytes; at most %(limit)s bytes are verified"
    ),
    "contents_too_large": _K(
        VALID,
        ERROR,
        "A signature value (/Contents at offset %(offset)s) has %(size)s bytes; at most "
        "%(limit)s bytes are read",
    ),
    "hex_string_too_large": _K(
        VALID,
        ERROR,
        "A hexadecimal string at offset %(offset)s has %(size)s bytes; at most %(limit)s "
        "bytes are read",
    ),
}

_UNKNOWN = ProblemKind(INVALID_INTEGRITY, ERROR, "%(code)s")


class _Defaulting(dict):
    def __missing__(self, key):
        return "?"


def message_for(code: str, params: dict | None = None) -> str:
    """The English message of ``code`` with ``params`` filled in (``?`` when missing)."""
    kind = PROBLEMS.get(code, _UNKNOWN)
    return kind.message % _Defaulting(params or {}, code=code)


@dataclass(frozen=True)
class Problem:
    """One finding: ``code`` (stable, a key of :data:`PROBLEMS`) and its ``params``."""

    code: str
    params: dict = field(default_factory=dict)

    @property
    def kind(self) -> ProblemKind:
        return PROBLEMS.get(self.code, _UNKNOWN)

    @property
    def severity(self) -> str:
        return self.kind.severity

    @property
    def status(self) -> str:
        return self.kind.status

    @property
    def message(self) -> str:
        return message_for(self.code, self.params)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "params": dict(self.params),
        }


def problem(code: str, **params) -> Problem:
    """``Problem(code, params)`` with every param made a plain string."""
    if code not in PROBLEMS:
        raise KeyError(f"unregistered problem code {code!r}")
    return Problem(code, {k: str(v) for k, v in params.items() if v is not None})


def worst_status(problems) -> str:
    """The worst status implied by the errors among ``problems`` (``valid`` if none)."""
    statuses = {p.status for p in problems if p.severity == ERROR}
    return next((s for s in STATUSES if s in statuses), VALID)
