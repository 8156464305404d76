"""External signing: the key is outside the server (VGCA plugin, SmartCA-style services).

Depends on :mod:`.engine` and :mod:`.signers`, never the other way round: the
engine signs with local keys only, this module adds the two-phase flow on top.
"""

from abc import abstractmethod
from io import BytesIO

from cryptography import x509

from .engine import DIGEST, SignOptions, _layout, _pdf_signer, _run, _signing_time
from .errors import SignerError, SigningFailedError
from .fields import open_incremental
from .signers import PendingSignature, Signer, certificate_der
from .timeutil import iso_vn
from .trust import to_asn1


class ExternalSigner(Signer):
    """Seam for keys outside the server: VGCA sign service (browser plugin,
    ``wss://127.0.0.1:8987``) and remote signing (SmartCA-style, the user confirms
    on a phone, the result arrives by webhook or polling).

    A concrete subclass implements only the transport, :meth:`submit`; the PDF
    work is done here with pyHanko's interrupted-signing flow:

    1. ``pending = signer.prepare(pdf, appearance, options)``: the visible
       signature and the signature dictionary are written, the byte range is
       hashed, the CMS signed attributes are built. ``pending`` is stored.
    2. ``ref = signer.submit(pending)``: send ``pending.digest_to_sign`` (or
       ``data_to_sign``) to the service; return its transaction id.
    3. When the service answers: ``pdf = signer.complete(pending, signature_value)``.
       The raw signature value (PKCS#1 v1.5 for RSA, DER ECDSA) is checked
       against the certificate before it is embedded; a timestamp is added if
       ``options`` has a TSA.

    The certificate must be known in phase 1 (it is part of the signed
    attributes): remote services expose it (SmartCA ``credentials/info``), the
    VGCA plugin returns it from its certificate-selection call.

    If a client signs the whole PDF itself (the VGCA plugin's ``vgca_sign_*``
    upload flow), do not use this class: check the uploaded file with
    :func:`egov_signing.pades.is_incremental_update_of` and :func:`verify_pdf`.
    """

    def __init__(
        self,
        certificate: x509.Certificate,
        chain: tuple[x509.Certificate, ...] = (),
        digest_algorithm: str = "sha256",
    ):
        self._cert = certificate
        self._chain = tuple(chain)
        self.digest_algorithm = digest_algorithm

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    @property
    def chain(self) -> tuple[x509.Certificate, ...]:
        return self._chain

    def prepare(self, pdf: bytes, appearance, options=None) -> PendingSignature:
        """Phase 1: returns the :class:`PendingSignature` to store and submit."""
        return prepare_external_signature(pdf, self, appearance, options)

    @abstractmethod
    def submit(self, pending: PendingSignature) -> str:
        """Send the digest to the signing service; return a transaction reference."""

    def complete(self, pending: PendingSignature, signature_value: bytes, options=None) -> bytes:
        """Phase 2: embed ``signature_value``; returns the signed PDF."""
        return complete_external_signature(pending, signature_value, options)


def _external_pyhanko_signer(signer: ExternalSigner, signature_value=None):
    from pyhanko.sign.signers.pdf_cms import ExternalSigner as PhExternalSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    store = SimpleCertificateStore()
    store.register_multiple(to_asn1(signer.chain))
    key_bits = getattr(signer.certificate.public_key(), "key_size", 2048)
    return PhExternalSigner(
        signing_cert=to_asn1([signer.certificate])[0],
        cert_registry=store,
        signature_value=signature_value
        if signature_value is not None
        else (key_bits + 7) // 8 + 16,
    )


def prepare_external_signature(
    pdf: bytes, signer: ExternalSigner, appearance, options: SignOptions | None = None
) -> PendingSignature:
    """Phase 1 of external signing (see :class:`ExternalSigner`)."""
    opts = options or SignOptions()
    when = _signing_time(opts)
    writer = open_incremental(pdf)
    layout = _layout(pdf, writer, appearance, opts, when)
    ph_signer = _external_pyhanko_signer(signer)
    pdf_signer, _ = _pdf_signer(ph_signer, layout, opts, with_ltv=False, timestamper=None)

    async def run():
        from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

        session = pdf_signer.init_signing_session(writer)
        session.system_time = when
        reserved = await session.estimate_signature_container_size(None, tight=False)
        if opts.make_timestamper() is not None:
            reserved += 16384  # room for the signature timestamp added in phase 2
        tbs = session.prepare_tbs_document(validation_info=None, bytes_reserved=reserved)
        prepared, output = tbs.digest_tbs_document()
        attrs = await ph_signer.signed_attrs(
            prepared.document_digest,
            DIGEST,
            attr_settings=PdfCMSSignedAttributes(signing_time=when),
            use_pades=True,
        )
        return prepared, output.getvalue(), attrs.dump()

    prepared, prepared_pdf, attrs = _run(run())
    return PendingSignature(
        prepared_pdf=prepared_pdf,
        document_digest=prepared.document_digest,
        reserved_region_start=prepared.reserved_region_start,
        reserved_region_end=prepared.reserved_region_end,
        signed_attrs=attrs,
        digest_algorithm=DIGEST,
        certificate=certificate_der(signer.certificate),
        chain=tuple(certificate_der(c) for c in signer.chain),
        field_name=layout.field_name,
        signing_time=iso_vn(when),
    )


def _check_signature_value(cert: x509.Certificate, value: bytes, data: bytes, digest: str):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    algo = {"sha256": hashes.SHA256(), "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}[digest]
    key = cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(value, data, padding.PKCS1v15(), algo)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(value, data, ec.ECDSA(algo))
        else:
            raise SignerError("Unsupported key type for external signing")
    except InvalidSignature:
        raise SignerError(
            "The signature value returned by the signing service does not match the "
            "certificate and the prepared document"
        ) from None


def complete_external_signature(
    pending: PendingSignature, signature_value: bytes, options: SignOptions | None = None
) -> bytes:
    """Phase 2 of external signing: checks and embeds ``signature_value``."""
    from asn1crypto import cms
    from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
    from pyhanko.sign.signers.pdf_signer import PdfTBSDocument

    opts = options or SignOptions()
    cert = x509.load_der_x509_certificate(pending.certificate)
    _check_signature_value(cert, signature_value, pending.signed_attrs, pending.digest_algorithm)

    class _Holder(ExternalSigner):
        def submit(self, pending):  # pragma: no cover - never called
            raise NotImplementedError

    holder = _Holder(cert, tuple(x509.load_der_x509_certificate(c) for c in pending.chain))
    ph_signer = _external_pyhanko_signer(holder, signature_value)

    async def run():
        sig_cms = await ph_signer.async_sign_prescribed_attributes(
            pending.digest_algorithm,
            signed_attrs=cms.CMSAttributes.load(pending.signed_attrs),
            timestamper=opts.make_timestamper(),
        )
        output = BytesIO(pending.prepared_pdf)
        prepared = PreparedByteRangeDigest(
            document_digest=pending.document_digest,
            reserved_region_start=pending.reserved_region_start,
            reserved_region_end=pending.reserved_region_end,
        )
        await PdfTBSDocument.async_finish_signing(output, prepared, sig_cms)
        return output.getvalue()

    try:
        return _run(run())
    except Exception as exc:
        raise SigningFailedError(
            f"Could not embed the external signature ({type(exc).__name__})"
        ) from exc
