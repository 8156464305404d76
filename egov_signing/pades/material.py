"""What a signature is checked against: trust anchors, revocation information, limits.

:meth:`ValidationMaterial.validation_context` is the one place a pyHanko
``ValidationContext`` is built, for signing with validation data (B-LT) and for
verifying.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from cryptography import x509

from .trust import to_asn1

#: default bound of a whole file given to :func:`verify_pdf` (bytes)
MAX_FILE_SIZE = 50 * 1024 * 1024
#: default bound of one signature value (/Contents hex string, bytes between ``<`` and ``>``)
MAX_CONTENTS_SIZE = 512 * 1024


@dataclass(frozen=True)
class ValidationMaterial:
    """Trust anchors, revocation information and the verifier's size limits.

    Used to embed validation data when signing (B-LT) and by :func:`verify_pdf`.
    ``crls``/``ocsps`` are DER bytes obtained offline; ``allow_fetching`` lets
    pyHanko download CRLs/OCSP responses named in the certificates.
    ``max_file_size`` and ``max_contents_size`` (bytes) bound what the verifier
    reads: larger input is refused before pyHanko parses it. ``accepted_authorities``
    narrows the trusted chains to those through one of these CA certificates.
    """

    trust_roots: tuple[x509.Certificate, ...] = ()
    intermediates: tuple[x509.Certificate, ...] = ()
    crls: tuple[bytes, ...] = ()
    ocsps: tuple[bytes, ...] = ()
    allow_fetching: bool = False
    revocation_mode: str = "soft-fail"  # or "hard-fail", "require"
    max_file_size: int = MAX_FILE_SIZE
    max_contents_size: int = MAX_CONTENTS_SIZE
    #: the certification authorities (root or intermediate CA certificates) a signature's
    #: chain must pass through; empty accepts every trusted chain (Kon Tum Điều 11.5)
    accepted_authorities: tuple[x509.Certificate, ...] = ()

    def validation_context(
        self,
        moment: datetime | None = None,
        retroactive: bool = False,
        *,
        other_certs: Iterable = (),
        crls: Iterable[bytes] = (),
        ocsps: Iterable[bytes] = (),
    ):
        """A pyHanko ``ValidationContext`` for ``moment`` (default: now).

        Fetching is allowed only for "now" (pyHanko cannot fetch for a past moment).
        ``other_certs`` (asn1crypto certificates), ``crls`` and ``ocsps`` add what a
        document carries (its DSS) to the material's own.
        """
        from pyhanko_certvalidator import ValidationContext

        kwargs = {}
        if moment is not None:
            kwargs["moment"] = moment
        return ValidationContext(
            trust_roots=to_asn1(self.trust_roots),
            other_certs=to_asn1(self.intermediates) + list(other_certs),
            crls=[*self.crls, *crls],
            ocsps=[*self.ocsps, *ocsps],
            allow_fetching=self.allow_fetching and moment is None,
            revocation_mode=self.revocation_mode,
            retroactive_revinfo=retroactive,
            **kwargs,
        )

    @classmethod
    def default(cls, **kwargs) -> "ValidationMaterial":
        """The shipped Vietnamese roots and intermediates (``egov_signing/data/trust``),
        plus whatever ``kwargs`` set (``crls``, ``allow_fetching``...)."""
        from .trust import load_intermediates, load_trust_roots

        kwargs.setdefault("trust_roots", tuple(load_trust_roots()))
        kwargs.setdefault("intermediates", tuple(load_intermediates()))
        return cls(**kwargs)

    @property
    def has_revocation_info(self) -> bool:
        return bool(self.crls or self.ocsps or self.allow_fetching)
