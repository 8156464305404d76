"""Trust roots and other certificates, loaded from PEM/DER files."""

import logging
from collections.abc import Iterable
from pathlib import Path

from cryptography import x509

_logger = logging.getLogger(__name__)

CERT_SUFFIXES = (".pem", ".crt", ".cer", ".der")
#: the trust store shipped with the module: one file per root certificate
DEFAULT_TRUST_DIR = Path(__file__).resolve().parent.parent / "data" / "trust"
#: intermediate CA certificates (help build chains; never trust anchors)
DEFAULT_INTERMEDIATE_DIR = DEFAULT_TRUST_DIR / "intermediate"
#: SHA-256 (DER) of the roots shipped in ``data/trust``, as published (STANDARDS.md §6)
SHIPPED_ROOTS = {
    "f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8": (
        "RootCA chuyên dùng Chính phủ G2 (Ban Cơ yếu Chính phủ)"
    ),
    "bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7": (
        "Vietnam National Root CA (NEAC)"
    ),
}


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Parse every certificate in ``data`` (PEM bundle, single DER, or PKCS#7 bundle)."""
    if b"-----BEGIN CERTIFICATE-----" in data:
        return x509.load_pem_x509_certificates(data)
    if b"-----BEGIN PKCS7-----" in data:
        from cryptography.hazmat.primitives.serialization import pkcs7

        return pkcs7.load_pem_pkcs7_certificates(data)
    try:
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        from cryptography.hazmat.primitives.serialization import pkcs7

        return pkcs7.load_der_pkcs7_certificates(data)


def load_trust_roots(*directories: str | Path) -> list[x509.Certificate]:
    """All certificates found in the given directories (default: the shipped
    ``egov_signing/data/trust``), files ending in .pem, .crt, .cer, .der or .p7b.

    Unreadable files are skipped with a warning, duplicates removed.
    """
    if not directories:
        directories = (DEFAULT_TRUST_DIR,)
    seen: set[bytes] = set()
    roots: list[x509.Certificate] = []
    for directory in directories:
        directory = Path(directory)
        if not directory.is_dir():
            _logger.warning("Trust directory %s does not exist", directory)
            continue
        for file in sorted(directory.iterdir()):
            if file.suffix.lower() not in (*CERT_SUFFIXES, ".p7b", ".p7c"):
                continue
            try:
                certs = load_certificates(file.read_bytes())
            except ValueError:
                _logger.warning("Skipping %s: not a certificate file", file)
                continue
            for cert in certs:
                fingerprint = cert.fingerprint(_sha256())
                if fingerprint not in seen:
                    seen.add(fingerprint)
                    roots.append(cert)
    return roots


def load_intermediates(*directories: str | Path) -> list[x509.Certificate]:
    """Intermediate CA certificates (default: the shipped ``data/trust/intermediate``)."""
    return load_trust_roots(*(directories or (DEFAULT_INTERMEDIATE_DIR,)))


def _sha256():
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def sha256_fingerprint(cert: x509.Certificate) -> str:
    """Hex SHA-256 of the DER certificate (the form STANDARDS.md §6 quotes)."""
    return cert.fingerprint(_sha256()).hex()


def to_asn1(certs: Iterable[x509.Certificate]):
    """cryptography certificates → asn1crypto certificates (what pyHanko uses)."""
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in certs]
