"""Where the private key lives: one :class:`Signer` interface, several key stores.

* :class:`Pkcs12Signer`: a ``.p12``/``.pfx`` file (server-side organisation key, tests).
* :class:`Pkcs11Signer`: a PKCS#11 token or HSM reachable from the server.
* ``ExternalSigner`` (module :mod:`.external`): the key is elsewhere (VGCA browser
  plugin, SmartCA-style remote signing); :class:`PendingSignature` here is what its
  first phase stores.

Private keys, PINs and passphrases are never logged, never part of an exception
message and never shown by ``repr()``.
"""

import base64
import hashlib
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

from .errors import SignerError


def _subject_cn(cert: x509.Certificate) -> str:
    attrs = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else cert.subject.rfc4514_string()


class Signer(ABC):
    """A holder of a signing certificate and (somewhere) its private key."""

    @property
    @abstractmethod
    def certificate(self) -> x509.Certificate:
        """The signer's certificate."""

    @property
    def chain(self) -> tuple[x509.Certificate, ...]:
        """Intermediate (and possibly root) certificates to embed."""
        return ()

    @property
    def subject_name(self) -> str:
        """Common name of the certificate subject (a person or an agency)."""
        return _subject_cn(self.certificate)

    def close(self) -> None:  # noqa: B027 - optional hook, most key stores hold nothing
        """Release sessions or handles (no-op by default)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.subject_name!r}>"


class LocalSigner(Signer):
    """A signer whose key can be used synchronously from the server process."""

    @abstractmethod
    def pyhanko_signer(self):
        """The :class:`pyhanko.sign.signers.Signer` doing the cryptography (internal)."""


class Pkcs12Signer(LocalSigner):
    """Key and certificate from a PKCS#12 (``.p12``/``.pfx``) archive.

    ``extra_certs``: intermediates missing from the archive.
    """

    def __init__(
        self,
        data: bytes,
        passphrase: bytes | str | None = None,
        extra_certs: tuple[x509.Certificate, ...] = (),
    ):
        if isinstance(passphrase, str):
            passphrase = passphrase.encode()
        try:
            key, cert, others = pkcs12.load_key_and_certificates(data, passphrase)
        except Exception:  # the library's message may quote input: keep ours
            raise SignerError(
                "Could not open the PKCS#12 file (wrong passphrase or damaged file)"
            ) from None
        if key is None or cert is None:
            raise SignerError("The PKCS#12 file holds no private key with a certificate")
        self._cert = cert
        self._chain = tuple(others or ()) + tuple(extra_certs)
        from pyhanko.sign.signers.pdf_cms import SimpleSigner
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        from .trust import to_asn1

        store = SimpleCertificateStore()
        store.register_multiple(to_asn1(self._chain))
        self.__signer = SimpleSigner(
            signing_cert=to_asn1([cert])[0],
            signing_key=private_key_to_asn1(key),
            cert_registry=store,
        )
        del key

    @classmethod
    def from_file(cls, path: str | Path, passphrase: bytes | str | None = None, **kwargs):
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise SignerError("Could not read the PKCS#12 file", path=str(path)) from exc
        return cls(data, passphrase, **kwargs)

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    @property
    def chain(self) -> tuple[x509.Certificate, ...]:
        return self._chain

    def pyhanko_signer(self):
        return self.__signer

    def __getstate__(self):  # never pickle key material
        raise TypeError("Pkcs12Signer cannot be pickled")


class Pkcs11Signer(LocalSigner):
    """Key on a PKCS#11 token/HSM (SafeNet eToken, Bit4id, SoftHSM2, a network HSM).

    :param lib_path: the PKCS#11 module (``libsofthsm2.so``, ``libeTPkcs11.so`` ...).
    :param token_label: token to use (or ``slot``).
    :param pin: user PIN; kept in memory only for the session login.
    :param key_label: / ``key_id``: the private key object.
    :param cert_label: / ``cert_id``: the certificate object on the token, unless
        ``certificate`` is given directly (some tokens keep it elsewhere).
    :param chain: intermediates to embed.

    The session opens on first use; call :meth:`close` (or use ``with``) afterwards.
    """

    def __init__(
        self,
        lib_path: str,
        *,
        token_label: str | None = None,
        slot: int | None = None,
        pin: str | None = None,
        key_label: str | None = None,
        key_id: bytes | None = None,
        cert_label: str | None = None,
        cert_id: bytes | None = None,
        certificate: x509.Certificate | None = None,
        chain: tuple[x509.Certificate, ...] = (),
    ):
        if not (key_label or key_id or cert_label or cert_id):
            raise SignerError("Pkcs11Signer needs key_label, key_id, cert_label or cert_id")
        self.lib_path = lib_path
        self.token_label = token_label
        self.slot = slot
        self.__pin = pin
        self.key_label, self.key_id = key_label, key_id
        self.cert_label, self.cert_id = cert_label, cert_id
        self._cert = certificate
        self._chain = tuple(chain)
        self._session = None
        self._signer = None

    def _open(self):
        if self._signer is not None:
            return self._signer
        try:
            from pyhanko.config.pkcs11 import TokenCriteria
            from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session
        except ImportError as exc:  # python-pkcs11 missing
            raise SignerError("python-pkcs11 is not installed") from exc
        from .trust import to_asn1

        criteria = TokenCriteria(label=self.token_label) if self.token_label else None
        try:
            self._session = open_pkcs11_session(
                self.lib_path, slot_no=self.slot, token_criteria=criteria, user_pin=self.__pin
            )
        except Exception as exc:
            raise SignerError(
                f"Could not open the PKCS#11 token ({type(exc).__name__})",
                lib_path=self.lib_path,
                token_label=self.token_label,
            ) from None
        signing_cert = to_asn1([self._cert])[0] if self._cert is not None else None
        self._signer = PKCS11Signer(
            self._session,
            cert_label=self.cert_label,
            cert_id=self.cert_id,
            key_label=self.key_label,
            key_id=self.key_id,
            signing_cert=signing_cert,
            ca_chain=to_asn1(self._chain),
        )
        if self._cert is None:
            try:
                der = self._signer.signing_cert.dump()
            except Exception as exc:
                self.close()
                raise SignerError(
                    f"No usable certificate on the PKCS#11 token ({type(exc).__name__})",
                    cert_label=self.cert_label,
                ) from None
            self._cert = x509.load_der_x509_certificate(der)
        return self._signer

    @property
    def certificate(self) -> x509.Certificate:
        self._open()
        return self._cert

    @property
    def chain(self) -> tuple[x509.Certificate, ...]:
        return self._chain

    def pyhanko_signer(self):
        return self._open()

    def close(self) -> None:
        if self._session is not None:
            try:
                self._session.close()
            finally:
                self._session = None
                self._signer = None

    def __repr__(self) -> str:
        label = self.key_label or self.cert_label or (self.key_id or self.cert_id or b"").hex()
        return f"<Pkcs11Signer {self.lib_path!r} token={self.token_label!r} key={label!r}>"

    def __getstate__(self):
        raise TypeError("Pkcs11Signer cannot be pickled")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class PendingSignature:
    """A document waiting for an external signature value (phase 1 of 2).

    Everything needed to finish later, possibly in another process: store
    :meth:`to_dict` (JSON-safe) and rebuild with :meth:`from_dict`.

    ``data_to_sign`` are the DER-encoded CMS signed attributes; a service that
    signs raw data signs these bytes, a service that signs a hash signs
    ``digest_to_sign`` (= hash of ``data_to_sign`` with ``digest_algorithm``).
    """

    prepared_pdf: bytes = field(repr=False)
    document_digest: bytes
    reserved_region_start: int
    reserved_region_end: int
    signed_attrs: bytes = field(repr=False)
    digest_algorithm: str
    certificate: bytes = field(repr=False)
    chain: tuple[bytes, ...] = field(default=(), repr=False)
    field_name: str = ""
    signing_time: str = ""

    @property
    def data_to_sign(self) -> bytes:
        return self.signed_attrs

    @property
    def digest_to_sign(self) -> bytes:
        return hashlib.new(self.digest_algorithm, self.signed_attrs).digest()

    def to_dict(self) -> dict:
        return {
            "prepared_pdf": _b64(self.prepared_pdf),
            "document_digest": _b64(self.document_digest),
            "reserved_region_start": self.reserved_region_start,
            "reserved_region_end": self.reserved_region_end,
            "signed_attrs": _b64(self.signed_attrs),
            "digest_algorithm": self.digest_algorithm,
            "certificate": _b64(self.certificate),
            "chain": [_b64(c) for c in self.chain],
            "field_name": self.field_name,
            "signing_time": self.signing_time,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "PendingSignature":
        dec = base64.b64decode
        return cls(
            prepared_pdf=dec(data["prepared_pdf"]),
            document_digest=dec(data["document_digest"]),
            reserved_region_start=int(data["reserved_region_start"]),
            reserved_region_end=int(data["reserved_region_end"]),
            signed_attrs=dec(data["signed_attrs"]),
            digest_algorithm=data["digest_algorithm"],
            certificate=dec(data["certificate"]),
            chain=tuple(dec(c) for c in data.get("chain", ())),
            field_name=data.get("field_name", ""),
            signing_time=data.get("signing_time", ""),
        )


def private_key_to_asn1(key):
    """cryptography private key → asn1crypto ``PrivateKeyInfo`` (in memory only)."""
    from asn1crypto import keys
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    return keys.PrivateKeyInfo.load(
        key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    )


def certificate_der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(Encoding.DER)
