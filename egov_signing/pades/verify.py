"""Verification of a received PDF (Kon Tum Điều 8.2: a failing document goes back).

:func:`verify_pdf` checks every signature for integrity, coverage, changes made
after signing (pyHanko's difference analysis: permitted form filling vs other
changes), the certificate chain to the configured trust roots, the certificate's
validity and revocation when CRLs/OCSP responses are available, and returns a
plain :class:`VerificationResult` whose problems are codes of
:data:`.problems.PROBLEMS`. It never raises for a bad signature; only bytes that
are not a PDF raise :class:`InvalidPdfError` (:class:`FileTooLargeError` above
the size limit).

Time: with a trusted signature timestamp (B-T), validity is judged at the
timestamp's time. Without one, the claimed signing time (/M, CMS signingTime)
proves nothing: the certificate must be valid at the validation time (now),
and a claimed time in the future or before the certificate's validity is a
problem of its own.
"""

import logging
import re
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from io import BytesIO

from cryptography import x509

from .errors import FileTooLargeError, InvalidPdfError
from .material import ValidationMaterial
from .problems import (
    ERROR,
    INVALID_INTEGRITY,
    PROBLEMS,
    STATUSES,
    VALID,
    Problem,
    problem,
    worst_status,
)
from .timeutil import iso_vn
from .trust import sha256_fingerprint

_logger = logging.getLogger(__name__)

__all__ = [
    "PROBLEM_CODES",
    "STATUSES",
    "Problem",
    "SignatureReport",
    "VerificationResult",
    "is_incremental_update_of",
    "verify_pdf",
]

# document verdicts
VERDICT_VALID = "valid"
VERDICT_INVALID = "invalid"
VERDICT_UNSIGNED = "unsigned"

#: problem code → (status it implies, severity); kept for callers of the former table
PROBLEM_CODES = {code: (kind.status, kind.severity) for code, kind in PROBLEMS.items()}

#: how far a claimed signing time may lie ahead of the validation time (clock skew)
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True)
class SignatureReport:
    """What one signature says and whether it holds."""

    field_name: str
    kind: str  # "approval", "certification" or "timestamp"
    status: str  # one of STATUSES
    signer_name: str | None = None
    signer_subject: str | None = None
    issuer_name: str | None = None
    serial_number: str | None = None
    signing_time: str | None = None  # ISO 8601 +07:00
    signing_time_source: str | None = None  # "timestamp", "claimed" or None
    level: str | None = None  # "B-B", "B-T", "B-LT", "B-LTA"
    coverage: str | None = None  # "entire_file", "entire_revision", "partial"
    #: "none", "lta_updates", "form_filling", "annotations", "other"
    modification_level: str | None = None
    changes_permitted: bool | None = None
    revision: int | None = None
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status == VALID

    def to_dict(self) -> dict:
        data = asdict(self)
        data["problems"] = [p.to_dict() for p in self.problems]
        data["ok"] = self.ok
        return data


@dataclass(frozen=True)
class VerificationResult:
    """Overall verdict (``valid``, ``invalid``, ``unsigned``), per-signature reports and
    document-level problems."""

    verdict: str
    signatures: tuple[SignatureReport, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.verdict == VERDICT_VALID

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "ok": self.ok,
            "signatures": [s.to_dict() for s in self.signatures],
            "problems": [p.to_dict() for p in self.problems],
        }


# ----------------------------------------------------------------- quiet pyHanko

_VERIFYING = ContextVar("egov_pades_verifying", default=False)


class _DemoteToDebug(logging.Filter):
    """While :func:`verify_pdf` runs, pyHanko's records (full tracebacks for every
    certificate or signature it rejects, i.e. expected findings) become DEBUG."""

    def filter(self, record):
        if not _VERIFYING.get() or record.levelno <= logging.DEBUG:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


_DEMOTE = _DemoteToDebug()


def _quiet_pyhanko_loggers():
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if (
            name.startswith("pyhanko")
            and isinstance(logger, logging.Logger)
            and _DEMOTE not in logger.filters
        ):
            logger.addFilter(_DEMOTE)


# ------------------------------------------------------------------------ intake

_PDF_WHITESPACE = b"\x00\t\n\x0c\r "
_NOT_WHITESPACE = re.compile(rb"[^\x00\t\n\x0c\r ]")


@lru_cache(maxsize=8)
def _long_hex_string(limit: int) -> re.Pattern:
    """``<`` followed by more than ``limit`` hex digits/whitespace: a hex string over the limit."""
    return re.compile(rb"<(?=[0-9A-Fa-f\x00\t\n\x0c\r ]{%d})" % (limit + 1))


def _oversized_hex_string(pdf: bytes, limit: int) -> Problem | None:
    """The first hex string longer than ``limit``, found in the raw bytes before any
    parsing (pyHanko's hex reader costs ~45 bytes of memory per hex digit)."""
    match = _long_hex_string(limit).search(pdf)
    if match is None:
        return None
    start = match.start() + 1
    end = pdf.find(b">", start)
    size = (end if end >= 0 else len(pdf)) - start
    before = pdf[max(0, match.start() - 64) : match.start()].rstrip(_PDF_WHITESPACE)
    code = "contents_too_large" if before.endswith(b"/Contents") else "hex_string_too_large"
    return problem(code, limit=limit, size=size, offset=match.start())


def _after_eof(pdf: bytes, eof: int) -> int:
    """Offset after the ``%%EOF`` marker at ``eof`` and its end-of-line."""
    end = eof + len(b"%%EOF")
    if pdf[end : end + 2] == b"\r\n":
        return end + 2
    return end + 1 if pdf[end : end + 1] in (b"\r", b"\n") else end


def _junk_after(pdf: bytes, end: int) -> int | None:
    """Offset of the first non-whitespace byte at or after ``end``, if any."""
    match = _NOT_WHITESPACE.search(pdf, end)
    return match.start() if match else None


def _read(pdf: bytes):
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        if pdf[:2048].lstrip().find(b"%PDF-", 0, 1024) < 0:
            raise ValueError("no PDF header")
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        _catalog = reader.root  # force the trailer and catalog to parse
    except Exception as exc:
        raise InvalidPdfError(
            f"Not a readable PDF ({type(exc).__name__})", error=type(exc).__name__
        ) from None
    return reader


def _open(pdf: bytes):
    """(reader, offset of bytes after the last revision or None).

    Bytes after the last ``%%EOF`` are cut before parsing (pyHanko may not find
    the marker behind them); bytes after the end of the last revision pyHanko
    knows (its last cross-reference section and ``%%EOF``) are found after parsing.
    """
    last_eof = pdf.rfind(b"%%EOF")
    junk = _junk_after(pdf, _after_eof(pdf, last_eof)) if last_eof >= 0 else None
    reader = _read(pdf if junk is None else pdf[:junk])
    xrefs = reader.xrefs
    xref_end = xrefs.get_xref_container_info(xrefs.total_revisions - 1).end_location
    eof = pdf.find(b"%%EOF", xref_end)
    if eof >= 0:
        early = _junk_after(pdf, _after_eof(pdf, eof))
        if early is not None and (junk is None or early < junk):
            junk = early
    return reader, junk


# -------------------------------------------------------------- the signatures


def _field_signatures(fields, parent_name="", parent_type=None, seen=None):
    """(name, field) of every filled signature field, without resolving its value
    (a corrupt signature dictionary must not stop the others from being read)."""
    from pyhanko.pdf_utils import generic

    seen = set() if seen is None else seen
    if not isinstance(fields, generic.ArrayObject):
        return
    for ref in fields:
        if not isinstance(ref, generic.IndirectObject) or ref.reference in seen:
            continue
        seen.add(ref.reference)
        field_obj = ref.get_object()
        if not isinstance(field_obj, generic.DictionaryObject) or "/T" not in field_obj:
            continue
        name = f"{parent_name}.{field_obj['/T']}" if parent_name else str(field_obj["/T"])
        field_type = field_obj.get("/FT", parent_type)
        if field_type == "/Sig" and "/V" in field_obj:
            yield name, field_obj
        if "/Kids" in field_obj:
            yield from _field_signatures(field_obj["/Kids"], name, field_type, seen)


def _failed_report(name: str, *problems: Problem) -> SignatureReport:
    return SignatureReport(
        field_name=name, kind="approval", status=INVALID_INTEGRITY, problems=problems
    )


def _embedded_signatures(reader) -> list:
    """Every filled signature field: a pyHanko ``EmbeddedPdfSignature`` or, when its
    data cannot be read, a failed :class:`SignatureReport`."""
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    supported = {str(s.value) for s in SigSeedSubFilter}
    try:
        fields = reader.root["/AcroForm"]["/Fields"]
    except (KeyError, TypeError):
        return []
    found = []
    for name, field_obj in _field_signatures(fields):
        try:
            subfilter = field_obj["/V"].get("/SubFilter")
            if str(subfilter) not in supported:
                found.append(
                    _failed_report(
                        name, problem("signature_format_unsupported", subfilter=subfilter)
                    )
                )
                continue
            found.append(EmbeddedPdfSignature(reader, field_obj, name))
        except Exception as exc:
            _logger.debug("Signature %s cannot be read", name, exc_info=True)
            found.append(
                _failed_report(name, problem("signature_data_corrupt", error=type(exc).__name__))
            )
    return sorted(found, key=_revision_order)


def _revision_order(found) -> int:
    """Signatures in the order they were made; unreadable ones last."""
    try:
        return found.signed_revision
    except Exception:
        return 1 << 30


@dataclass(frozen=True)
class _Document:
    """What every signature of one document is checked with."""

    material: ValidationMaterial
    now: datetime
    dss_certs: tuple = ()  # asn1crypto certificates
    dss_crls: tuple = ()
    dss_ocsps: tuple = ()
    has_doc_timestamp: bool = False

    def context(self, moment: datetime, retroactive: bool):
        """The pyHanko validation context for ``moment`` (now when fetching is allowed)."""
        return self.material.validation_context(
            None if self.material.allow_fetching else moment,
            retroactive,
            other_certs=self.dss_certs,
            crls=self.dss_crls,
            ocsps=self.dss_ocsps,
        )


def _document(reader, material: ValidationMaterial, now: datetime, embedded) -> _Document:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    certs, crls, ocsps = [], [], []
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:
        _logger.debug("No readable DSS", exc_info=True)
    else:
        certs = [asn1_x509.Certificate.load(c.dump()) for c in dss.load_certs()]
        crls = [ref.get_object().data for ref in dss.crls]
        ocsps = [ref.get_object().data for ref in dss.ocsps]
    return _Document(
        material,
        now,
        tuple(certs),
        tuple(crls),
        tuple(ocsps),
        any(getattr(e, "sig_object_type", None) == "/DocTimeStamp" for e in embedded),
    )


@dataclass(frozen=True)
class _Claims:
    """What one signature says about itself."""

    kind: str
    is_timestamp: bool
    tst_time: datetime | None  # time in the signature timestamp token (not yet checked)
    claimed: datetime | None  # /M or CMS signingTime: the signer's word


def _tst_time(signer_info) -> datetime | None:
    """Generation time of the signature timestamp token (unverified here)."""
    try:
        attrs = signer_info["unsigned_attrs"]
        if attrs.native is None:
            return None
        for attr in attrs:
            if attr["type"].native == "signature_time_stamp_token":
                token = attr["values"][0]
                tst_info = token["content"]["encap_content_info"]["content"].parsed
                return tst_info["gen_time"].native
    except Exception:
        return None
    return None


def _claims(emb) -> _Claims:
    is_ts = emb.sig_object_type == "/DocTimeStamp"
    certification = emb.docmdp_level is not None
    kind = "timestamp" if is_ts else ("certification" if certification else "approval")
    return _Claims(
        kind, is_ts, None if is_ts else _tst_time(emb.signer_info), emb.self_reported_timestamp
    )


# ------------------------------------------------------------ one signature, steps


def _run_pyhanko(emb, vc, is_timestamp: bool):
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    if is_timestamp:
        return validate_pdf_timestamp(emb, validation_context=vc)
    return validate_pdf_signature(
        emb,
        signer_validation_context=vc,
        key_usage_settings=KeyUsageConstraints(
            key_usage={"non_repudiation", "digital_signature"}, match_all_key_usages=False
        ),
    )


def _timestamp_trusted(status) -> bool:
    ts = getattr(status, "timestamp_validity", None)
    return ts is not None and ts.valid and ts.intact and ts.trusted


def _validate(emb, doc: _Document, claims: _Claims):
    """(pyHanko status, validation time, timestamp trusted?).

    The time is the timestamp's when a trusted timestamp proves it, else now."""
    if claims.tst_time is not None:
        status = _run_pyhanko(emb, doc.context(claims.tst_time, True), False)
        if _timestamp_trusted(status):
            return status, claims.tst_time, True
    # no timestamp, or one that does not hold: the certificate must be valid now
    return _run_pyhanko(emb, doc.context(doc.now, False), claims.is_timestamp), doc.now, False


def _integrity_problems(status):
    if not status.intact:
        yield problem("digest_mismatch")
    elif not status.valid:
        yield problem("signature_invalid")
    if _coverage(status) == "partial":
        yield problem("coverage_incomplete")


def _coverage(status) -> str:
    name = status.coverage.name if status.coverage is not None else ""
    return {"ENTIRE_FILE": "entire_file", "ENTIRE_REVISION": "entire_revision"}.get(name, "partial")


def _modification_level(status) -> str | None:
    level = status.modification_level
    return level.name.lower() if level is not None else None


def _modification_problems(status):
    from pyhanko.sign.diff_analysis import SuspiciousModification

    level = _modification_level(status)
    if status.docmdp_ok is False or level == "other":
        reason = status.diff_result
        params = {"modification_level": level}
        if isinstance(reason, SuspiciousModification):
            params["reason"] = str(reason)[:300]
        yield problem("modified_after_signing", **params)
    elif _coverage(status) == "entire_revision" and level not in ("none", None):
        yield problem("changes_after_signature", modification_level=level)


def _validity_problems(cert: x509.Certificate, at: datetime, claims: _Claims, timestamped: bool):
    """The certificate's validity period against the validation time ``at``, and the
    claimed signing time against both (when no trusted timestamp proves the time)."""
    not_before, not_after = cert.not_valid_before_utc, cert.not_valid_after_utc
    claimed = claims.claimed
    trust_claim = not timestamped and claimed is not None and not claims.is_timestamp
    if at > not_after:
        if timestamped or claims.is_timestamp or (claimed is not None and claimed > not_after):
            yield problem("cert_expired", not_after=iso_vn(not_after))
        else:
            yield problem(
                "cert_expired_now",
                not_after=iso_vn(not_after),
                claimed_time=iso_vn(claimed) if claimed else None,
                validation_time=iso_vn(at),
            )
    elif at < not_before:
        yield problem("cert_not_yet_valid", not_before=iso_vn(not_before))
    if not trust_claim:
        return
    if claimed > at + CLOCK_SKEW:
        yield problem(
            "time_claimed_future", claimed_time=iso_vn(claimed), validation_time=iso_vn(at)
        )
    elif claimed < not_before <= at:
        yield problem(
            "time_claimed_before_cert", claimed_time=iso_vn(claimed), not_before=iso_vn(not_before)
        )


#: pyHanko sub-indication → problem code
_INDICATIONS = {
    "REVOKED": "cert_revoked",
    "REVOKED_NO_POE": "cert_revoked",
    "REVOKED_CA_NO_POE": "cert_revoked",
    "EXPIRED": "cert_expired",
    "OUT_OF_BOUNDS_NO_POE": "cert_expired",
    "OUT_OF_BOUNDS_NOT_REVOKED": "cert_expired",
    "NOT_YET_VALID": "cert_not_yet_valid",
    "NO_CERTIFICATE_CHAIN_FOUND": "untrusted_chain",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "untrusted_chain",
    "CHAIN_CONSTRAINTS_FAILURE": "chain_validation_failed",
    "SIG_CONSTRAINTS_FAILURE": "key_usage_not_allowed",
    "CRYPTO_CONSTRAINTS_FAILURE": "weak_algorithm",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": "weak_algorithm",
    "TRY_LATER": "revocation_unknown",
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": "revocation_unknown",
}
_VALIDITY_CODES = ("cert_expired", "cert_not_yet_valid")


def _chains_to_a_root(vc, cert_asn1) -> bool:
    """A path from the certificate to a trust root exists (validity aside)."""
    try:
        return bool(vc.path_builder.build_paths(cert_asn1))
    except Exception:
        return False


def _trust_problems(status, cert, validity, doc: _Document, at: datetime, claims, timestamped):
    """pyHanko's verdict on the chain and revocation. Validity-period findings are
    :func:`_validity_problems`' job; a chain failure caused by them alone is dropped,
    a chain that does not reach a root is kept beside them."""
    indic = status.trust_problem_indic
    if indic is None:
        if status.intact and status.valid and not status.trusted:
            yield problem("untrusted_chain", subindication="UNTRUSTED")
        return
    code = _INDICATIONS.get(indic.name, "chain_validation_failed")
    if validity and code in _VALIDITY_CODES:
        return
    if (
        validity
        and code == "untrusted_chain"
        and _chains_to_a_root(doc.context(at, timestamped), status.signing_cert)
    ):
        return
    params = {"subindication": indic.name}
    if code == "cert_revoked" and status.revocation_details is not None:
        revoked_at = status.revocation_details.revocation_date
        params["revocation_date"] = iso_vn(revoked_at)
        params["reason"] = status.revocation_details.revocation_reason.native
        if not timestamped and claims.claimed is not None and claims.claimed < revoked_at:
            code = "revoked_no_timestamp"
    elif code == "cert_expired":
        params["not_after"] = iso_vn(cert.not_valid_after_utc)
    elif code == "cert_not_yet_valid":
        params["not_before"] = iso_vn(cert.not_valid_before_utc)
    yield problem(code, **params)


def accepted_chain(chain, accepted) -> bool:
    """True when one certificate of ``chain`` (cryptography certificates, leaf to root) is
    one of the ``accepted`` authorities, compared by SHA-256 of the DER certificate;
    always True when ``accepted`` is empty (every trusted authority)."""
    if not accepted:
        return True
    wanted = {sha256_fingerprint(cert) for cert in accepted}
    return any(sha256_fingerprint(cert) in wanted for cert in chain)


def _authority_problems(status, material: ValidationMaterial):
    """A trusted chain that passes through none of the accepted authorities (Kon Tum
    Điều 11.5, Thái Bình Điều 7, Bến Tre Điều 9.1.a: only certificates of the authority
    the regulation names count)."""
    path = getattr(status, "validation_path", None)
    if not material.accepted_authorities or path is None:
        return
    chain = [x509.load_der_x509_certificate(c.dump()) for c in path.iter_certs(include_root=True)]
    if accepted_chain(chain, material.accepted_authorities):
        return
    root = next((cert for cert in chain if cert.issuer == cert.subject), chain[0])
    names = root.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    yield problem(
        "issuer_not_accepted",
        issuer=_cn(status.signing_cert.issuer),
        root=str(names[0].value) if names else root.subject.rfc4514_string(),
    )


def _time_problems(status, claims: _Claims, timestamped: bool):
    if getattr(status, "timestamp_validity", None) is not None and not timestamped:
        yield problem("timestamp_invalid")
    if not claims.is_timestamp and not timestamped:
        yield problem("signing_time_unverified")


def _level(claims: _Claims, doc: _Document) -> str | None:
    if claims.is_timestamp:
        return None
    if not claims.tst_time:
        return "B-B"
    if not (doc.dss_certs or doc.dss_crls or doc.dss_ocsps):
        return "B-T"
    return "B-LTA" if doc.has_doc_timestamp else "B-LT"


def _signing_time(claims: _Claims, at: datetime, timestamped: bool):
    """(time, source): the trusted timestamp's time, else the signer's claim."""
    if timestamped:
        return claims.tst_time, "timestamp"
    if claims.is_timestamp:
        return claims.claimed or at, "timestamp"
    return claims.claimed, "claimed" if claims.claimed else None


def _cn(name) -> str | None:
    try:
        return name.native.get("common_name") or name.human_friendly
    except Exception:
        return None


def _verify_one(emb, doc: _Document) -> SignatureReport:
    claims = _claims(emb)
    status, at, timestamped = _validate(emb, doc, claims)
    cert_asn1 = status.signing_cert
    cert = x509.load_der_x509_certificate(cert_asn1.dump())
    validity = list(_validity_problems(cert, at, claims, timestamped))
    problems = [
        *_integrity_problems(status),
        *_modification_problems(status),
        *validity,
        *_trust_problems(status, cert, validity, doc, at, claims, timestamped),
        *_authority_problems(status, doc.material),
        *_time_problems(status, claims, timestamped),
    ]
    when, source = _signing_time(claims, at, timestamped)
    return SignatureReport(
        field_name=str(emb.field_name),
        kind=claims.kind,
        status=worst_status(problems),
        signer_name=_cn(cert_asn1.subject),
        signer_subject=cert.subject.rfc4514_string(),
        issuer_name=_cn(cert_asn1.issuer),
        serial_number=format(cert.serial_number, "x"),
        signing_time=iso_vn(when) if when else None,
        signing_time_source=source if when else None,
        level=_level(claims, doc),
        coverage=_coverage(status),
        modification_level=_modification_level(status),
        changes_permitted=status.docmdp_ok,
        revision=emb.signed_revision,
        problems=tuple(problems),
    )


def _checked(emb, doc: _Document) -> SignatureReport:
    if isinstance(emb, SignatureReport):  # its data could not be read
        return emb
    try:
        return _verify_one(emb, doc)
    except Exception as exc:
        _logger.debug("Signature %s could not be checked", emb.field_name, exc_info=True)
        return _failed_report(
            str(getattr(emb, "field_name", "?")),
            problem("validation_error", error=type(exc).__name__),
        )


# ------------------------------------------------------------------ the document


def _document_problems(pdf: bytes, reader, reports, junk: int | None, doc: _Document):
    if junk is not None:
        yield problem("bytes_after_signature", offset=junk, length=len(pdf) - junk)
    last = max(reports, key=lambda r: r.revision or 0)
    later_revisions = reader.xrefs.total_revisions - 1 - (last.revision or 0)
    # pyHanko also calls metadata-only updates "lta_updates": excused only when the
    # document does carry validation data (DSS) or a document timestamp
    lta = last.modification_level == "lta_updates" and (
        doc.has_doc_timestamp or doc.dss_certs or doc.dss_crls or doc.dss_ocsps
    )
    if later_revisions > 0 and not lta:
        yield problem(
            "unsigned_changes_after_last_signature",
            field_name=last.field_name,
            modification_level=last.modification_level,
            revisions=later_revisions,
        )


def verify_pdf(
    pdf: bytes,
    material: ValidationMaterial | None = None,
    *,
    max_file_size: int | None = None,
    max_contents_size: int | None = None,
    now: datetime | None = None,
) -> VerificationResult:
    """Verify every signature in ``pdf`` against ``material`` (trust roots, CRLs...).

    ``max_file_size``/``max_contents_size`` override the material's limits (bytes);
    ``now`` is the validation time (default: the current time).
    Raises :class:`FileTooLargeError` (code ``file_too_large``) above the file limit
    and :class:`InvalidPdfError` when ``pdf`` cannot be read as a PDF.
    """
    material = material or ValidationMaterial()
    file_limit = material.max_file_size if max_file_size is None else max_file_size
    if len(pdf) > file_limit:
        raise FileTooLargeError(
            f"The file has {len(pdf)} bytes; at most {file_limit} bytes are verified",
            limit=file_limit,
            size=len(pdf),
        )
    contents_limit = material.max_contents_size if max_contents_size is None else max_contents_size
    oversized = _oversized_hex_string(pdf, contents_limit)
    if oversized is not None:
        return VerificationResult(VERDICT_INVALID, (), (oversized,))
    _quiet_pyhanko_loggers()
    token = _VERIFYING.set(True)
    try:
        return _verify_document(pdf, material, now or datetime.now(timezone.utc))
    finally:
        _VERIFYING.reset(token)


def _verify_document(pdf: bytes, material: ValidationMaterial, now: datetime):
    reader, junk = _open(pdf)
    try:
        embedded = _embedded_signatures(reader)
    except Exception as exc:
        raise InvalidPdfError(
            f"Not a readable PDF ({type(exc).__name__})", error=type(exc).__name__
        ) from None
    if not embedded:
        problems = [problem("no_signatures")]
        if junk is not None:
            problems.append(problem("bytes_after_signature", offset=junk, length=len(pdf) - junk))
        return VerificationResult(VERDICT_UNSIGNED, (), tuple(problems))
    doc = _document(reader, material, now, embedded)
    reports = tuple(_checked(emb, doc) for emb in embedded)
    doc_problems = tuple(_document_problems(pdf, reader, reports, junk, doc))
    clean = all(r.ok for r in reports) and not any(p.severity == ERROR for p in doc_problems)
    return VerificationResult(VERDICT_VALID if clean else VERDICT_INVALID, reports, doc_problems)


def is_incremental_update_of(original: bytes, updated: bytes) -> bool:
    """True if ``updated`` starts with ``original`` byte for byte and adds to it:
    the check to run on a file signed by a client (VGCA plugin upload) before
    :func:`verify_pdf`, so that nothing the server sent was rewritten."""
    return len(updated) > len(original) and updated[: len(original)] == original
