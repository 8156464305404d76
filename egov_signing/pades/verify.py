"""Verification of a received PDF (Kon Tum Điều 8.2: a failing document goes back).

:func:`verify_pdf` checks every signature for integrity, coverage, changes made
after signing (pyHanko's difference analysis: permitted form filling vs other
changes), the certificate chain to the configured trust roots, validity at the
signing time and revocation when CRLs/OCSP responses are available, and returns
a plain :class:`VerificationResult`. It never raises for a bad signature; only
bytes that are not a PDF raise :class:`InvalidPdfError`.

Validity is judged at the signing time: the time of a valid signature
timestamp (B-T) when there is one, otherwise the time the signer claims (/M).
The claimed time proves nothing, so without a timestamp a revocation listed in
an available CRL counts whatever its date (problem ``revoked_no_timestamp``),
and the report carries the warning ``signing_time_unverified``.
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from io import BytesIO

from cryptography import x509

from .engine import ValidationMaterial
from .errors import InvalidPdfError
from .timeutil import iso_vn

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

# document verdicts
VERDICT_VALID = "valid"
VERDICT_INVALID = "invalid"
VERDICT_UNSIGNED = "unsigned"

#: problem code → (status it implies, severity)
PROBLEM_CODES = {
    "digest_mismatch": (INVALID_INTEGRITY, "error"),
    "signature_invalid": (INVALID_INTEGRITY, "error"),
    "coverage_incomplete": (INVALID_INTEGRITY, "error"),
    "validation_error": (INVALID_INTEGRITY, "error"),
    "modified_after_signing": (MODIFIED, "error"),
    "cert_revoked": (REVOKED, "error"),
    "revoked_no_timestamp": (REVOKED, "error"),
    "cert_expired": (EXPIRED, "error"),
    "cert_not_yet_valid": (NOT_YET_VALID, "error"),
    "untrusted_chain": (UNTRUSTED, "error"),
    "key_usage_not_allowed": (UNTRUSTED, "error"),
    "weak_algorithm": (UNTRUSTED, "error"),
    "chain_validation_failed": (UNTRUSTED, "error"),
    "timestamp_invalid": (UNTRUSTED, "error"),
    "revocation_unknown": (INDETERMINATE, "error"),
    "signing_time_unverified": (VALID, "warning"),
    "changes_after_signature": (VALID, "info"),
    # document level
    "no_signatures": (VALID, "error"),
    "unsigned_changes_after_last_signature": (VALID, "warning"),
}


@dataclass(frozen=True)
class Problem:
    """One finding; ``code`` is stable (translate by it), ``message`` is short English."""

    code: str
    message: str
    params: dict = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return PROBLEM_CODES.get(self.code, (VALID, "error"))[1]

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "params": self.params,
        }


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
    modification_level: str | None = (
        None  # "none", "lta_updates", "form_filling", "annotations", "other"
    )
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
    """Overall verdict (``valid``, ``invalid``, ``unsigned``) and per-signature reports."""

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


# ----------------------------------------------------------------------- helpers


def _cn(name) -> str | None:
    try:
        return name.native.get("common_name") or name.human_friendly
    except Exception:
        return None


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


def _dss_material(reader) -> tuple[list[bytes], list[bytes], list[bytes]]:
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:
        return [], [], []
    certs = [c.dump() for c in dss.load_certs()]
    crls = [ref.get_object().data for ref in dss.crls]
    ocsps = [ref.get_object().data for ref in dss.ocsps]
    return certs, crls, ocsps


def _find_issuer(cert: x509.Certificate, candidates) -> x509.Certificate | None:
    for cand in candidates:
        if cand.subject == cert.issuer:
            try:
                cert.verify_directly_issued_by(cand)
                return cand
            except Exception:
                continue
    return None


def _revoked_in_crls(
    cert: x509.Certificate, issuer: x509.Certificate | None, crls
) -> datetime | None:
    if issuer is None:
        return None
    for der in crls:
        try:
            crl = x509.load_der_x509_crl(der)
        except ValueError:
            continue
        if crl.issuer != cert.issuer or not crl.is_signature_valid(issuer.public_key()):
            continue
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None:
            return entry.revocation_date_utc
    return None


_INDIC_MAP = {
    "REVOKED": ("cert_revoked", "The signer's certificate is revoked"),
    "REVOKED_NO_POE": ("cert_revoked", "The signer's certificate is revoked"),
    "REVOKED_CA_NO_POE": ("cert_revoked", "A CA certificate in the chain is revoked"),
    "EXPIRED": ("cert_expired", "The signer's certificate had expired at the signing time"),
    "OUT_OF_BOUNDS_NO_POE": (
        "cert_expired",
        "The signer's certificate had expired at the signing time",
    ),
    "OUT_OF_BOUNDS_NOT_REVOKED": (
        "cert_expired",
        "The signer's certificate had expired at the signing time",
    ),
    "NOT_YET_VALID": (
        "cert_not_yet_valid",
        "The signer's certificate was not yet valid at the signing time",
    ),
    "NO_CERTIFICATE_CHAIN_FOUND": (
        "untrusted_chain",
        "The certificate does not chain to a trusted root",
    ),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": (
        "untrusted_chain",
        "The certificate does not chain to a trusted root",
    ),
    "CHAIN_CONSTRAINTS_FAILURE": (
        "chain_validation_failed",
        "The certificate chain violates its constraints",
    ),
    "SIG_CONSTRAINTS_FAILURE": (
        "key_usage_not_allowed",
        "The certificate is not allowed to sign documents",
    ),
    "CRYPTO_CONSTRAINTS_FAILURE": ("weak_algorithm", "A weak or forbidden algorithm is used"),
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": (
        "weak_algorithm",
        "A weak or forbidden algorithm is used",
    ),
    "TRY_LATER": ("revocation_unknown", "Revocation status could not be determined"),
    "REVOCATION_OUT_OF_BOUNDS_NO_POE": (
        "revocation_unknown",
        "Revocation status could not be determined",
    ),
}


def _worst(problems) -> str:
    statuses = {
        PROBLEM_CODES.get(p.code, (INVALID_INTEGRITY, "error"))[0]
        for p in problems
        if p.severity == "error"
    }
    for status in STATUSES:
        if status in statuses:
            return status
    return VALID


def _enum_name(value) -> str | None:
    return value.name.lower() if value is not None else None


# ---------------------------------------------------------------------- verify


def verify_pdf(pdf: bytes, material: ValidationMaterial | None = None) -> VerificationResult:
    """Verify every signature in ``pdf`` against ``material`` (trust roots, CRLs...).

    Raises :class:`InvalidPdfError` only when ``pdf`` cannot be read as a PDF.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader

    material = material or ValidationMaterial()
    try:
        if not pdf.lstrip()[:1024].find(b"%PDF-") >= 0:
            raise ValueError("no PDF header")
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        reader.root  # noqa: B018 - force the trailer and catalog to parse
        embedded = list(reader.embedded_signatures)
    except Exception as exc:
        raise InvalidPdfError(f"Not a readable PDF ({type(exc).__name__})") from None
    if not embedded:
        return VerificationResult(
            VERDICT_UNSIGNED, (), (Problem("no_signatures", "The document has no signatures"),)
        )
    dss_certs, dss_crls, dss_ocsps = _dss_material(reader)
    has_doc_ts = any(e.sig_object_type == "/DocTimeStamp" for e in embedded)
    reports = []
    for emb in embedded:
        try:
            reports.append(_verify_one(emb, material, dss_certs, dss_crls, dss_ocsps, has_doc_ts))
        except Exception as exc:
            reports.append(
                SignatureReport(
                    field_name=str(getattr(emb, "field_name", "?")),
                    kind="approval",
                    status=INVALID_INTEGRITY,
                    problems=(
                        Problem(
                            "validation_error",
                            "The signature could not be checked",
                            {"error": type(exc).__name__},
                        ),
                    ),
                )
            )
    doc_problems = []
    last = max(reports, key=lambda r: r.revision or 0)
    if last.coverage != "entire_file" and last.modification_level not in (
        None,
        "none",
        "lta_updates",
    ):
        doc_problems.append(
            Problem(
                "unsigned_changes_after_last_signature",
                "The file was changed after the last signature",
                {"field_name": last.field_name, "modification_level": last.modification_level},
            )
        )
    verdict = VERDICT_VALID if all(r.ok for r in reports) else VERDICT_INVALID
    return VerificationResult(verdict, tuple(reports), tuple(doc_problems))


def _verify_one(emb, material: ValidationMaterial, dss_certs, dss_crls, dss_ocsps, has_doc_ts):
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    from .trust import to_asn1

    is_ts = emb.sig_object_type == "/DocTimeStamp"
    kind = (
        "timestamp" if is_ts else ("certification" if emb.docmdp_level is not None else "approval")
    )
    tst_time = None if is_ts else _tst_time(emb.signer_info)
    claimed = emb.self_reported_timestamp
    moment = tst_time or claimed or datetime.now(timezone.utc)
    crls = list(material.crls) + dss_crls
    ocsps = list(material.ocsps) + dss_ocsps
    others = to_asn1(material.intermediates) + [asn1_x509.Certificate.load(c) for c in dss_certs]
    vc = ValidationContext(
        trust_roots=to_asn1(material.trust_roots),
        other_certs=others,
        crls=crls,
        ocsps=ocsps,
        moment=moment,
        retroactive_revinfo=True,
        revocation_mode=material.revocation_mode,
    )
    if material.allow_fetching:
        # fetching needs a "now" context; validity then is judged now
        vc = ValidationContext(
            trust_roots=to_asn1(material.trust_roots),
            other_certs=others,
            crls=crls,
            ocsps=ocsps,
            allow_fetching=True,
            revocation_mode=material.revocation_mode,
        )
    if is_ts:
        status = validate_pdf_timestamp(emb, validation_context=vc)
    else:
        status = validate_pdf_signature(
            emb,
            signer_validation_context=vc,
            key_usage_settings=KeyUsageConstraints(
                key_usage={"non_repudiation", "digital_signature"}, match_all_key_usages=False
            ),
        )

    problems: list[Problem] = []
    cert_asn1 = status.signing_cert
    cert = x509.load_der_x509_certificate(cert_asn1.dump())
    if not status.intact:
        problems.append(
            Problem("digest_mismatch", "The signed bytes were changed (digest mismatch)")
        )
    elif not status.valid:
        problems.append(Problem("signature_invalid", "The cryptographic signature is not valid"))
    coverage = status.coverage
    coverage_name = {"ENTIRE_FILE": "entire_file", "ENTIRE_REVISION": "entire_revision"}.get(
        coverage.name if coverage is not None else "", "partial"
    )
    if coverage_name == "partial":
        problems.append(
            Problem("coverage_incomplete", "The signature does not cover its whole revision")
        )
    mod_level = _enum_name(status.modification_level)
    changes_ok = status.docmdp_ok
    from pyhanko.sign.diff_analysis import SuspiciousModification

    if changes_ok is False or mod_level == "other":
        reason = status.diff_result
        params = {"modification_level": mod_level}
        if isinstance(reason, SuspiciousModification):
            params["reason"] = str(reason)[:300]
        problems.append(
            Problem(
                "modified_after_signing",
                "The document was changed after signing in a way that is not permitted",
                params,
            )
        )
    elif coverage_name == "entire_revision" and mod_level not in ("none", None):
        problems.append(
            Problem(
                "changes_after_signature",
                "Later changes are permitted ones",
                {"modification_level": mod_level},
            )
        )

    indic = status.trust_problem_indic
    if indic is not None:
        code, message = _INDIC_MAP.get(
            indic.name, ("chain_validation_failed", "The certificate chain is not valid")
        )
        if code in ("untrusted_chain", "chain_validation_failed"):
            # pyHanko reports some validity-period failures as generic chain failures
            if moment < cert.not_valid_before_utc:
                code, message = _INDIC_MAP["NOT_YET_VALID"]
            elif moment > cert.not_valid_after_utc:
                code, message = _INDIC_MAP["EXPIRED"]
        params = {"subindication": indic.name}
        if code == "cert_revoked" and status.revocation_details is not None:
            params["revocation_date"] = iso_vn(status.revocation_details.revocation_date)
            params["reason"] = str(status.revocation_details.revocation_reason.native)
        if code == "cert_expired":
            params["not_after"] = iso_vn(cert.not_valid_after_utc)
        if code == "cert_not_yet_valid":
            params["not_before"] = iso_vn(cert.not_valid_before_utc)
        problems.append(Problem(code, message, params))
    elif status.intact and status.valid and not status.trusted:
        problems.append(
            Problem("untrusted_chain", "The certificate does not chain to a trusted root")
        )

    ts_status = getattr(status, "timestamp_validity", None)
    ts_trusted = (
        ts_status is not None and ts_status.valid and ts_status.intact and ts_status.trusted
    )
    if ts_status is not None and not ts_trusted:
        problems.append(
            Problem("timestamp_invalid", "The signature timestamp is not valid or not trusted")
        )
    if not is_ts and not ts_trusted:
        problems.append(
            Problem(
                "signing_time_unverified",
                "No trusted timestamp: the signing time is the signer's claim",
            )
        )
        if indic is None and crls:
            issuer = _find_issuer(
                cert,
                [x509.load_der_x509_certificate(c.dump()) for c in others]
                + list(material.trust_roots)
                + [x509.load_der_x509_certificate(c.dump()) for c in emb.other_embedded_certs],
            )
            revoked_at = _revoked_in_crls(cert, issuer, crls)
            if revoked_at is not None:
                problems.append(
                    Problem(
                        "revoked_no_timestamp",
                        "The certificate is revoked and no timestamp proves the signature is older",
                        {"revocation_date": iso_vn(revoked_at)},
                    )
                )

    if is_ts:
        level = None
    else:
        level = "B-T" if tst_time else "B-B"
        if dss_certs or dss_crls or dss_ocsps:
            level = "B-LT" if tst_time else level
        if has_doc_ts and level == "B-LT":
            level = "B-LTA"
    when = tst_time if ts_trusted else (claimed or (moment if is_ts else None))
    return SignatureReport(
        field_name=str(emb.field_name),
        kind=kind,
        status=_worst(problems),
        signer_name=_cn(cert_asn1.subject),
        signer_subject=cert.subject.rfc4514_string(),
        issuer_name=_cn(cert_asn1.issuer),
        serial_number=format(cert.serial_number, "x"),
        signing_time=iso_vn(when) if when else None,
        signing_time_source=("timestamp" if ts_trusted or is_ts else "claimed") if when else None,
        level=level,
        coverage=coverage_name,
        modification_level=mod_level,
        changes_permitted=changes_ok,
        revision=emb.signed_revision,
        problems=tuple(problems),
    )


def is_incremental_update_of(original: bytes, updated: bytes) -> bool:
    """True if ``updated`` starts with ``original`` byte for byte and adds to it:
    the check to run on a file signed by a client (VGCA plugin upload) before
    :func:`verify_pdf`, so that nothing the server sent was rewritten."""
    return len(updated) > len(original) and updated[: len(original)] == original
