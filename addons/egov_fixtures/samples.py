"""Signing material for tests, benchmarks and the demo (generated, no binary blobs):

* the sample PDFs of :mod:`.pdfs` (re-exported here);
* :func:`signature_png` (blue, transparent) and :func:`seal_png` (red, circular);
* :func:`build_demo_pki`: root → issuing CA → person / organisation / TSA
  certificates plus expired, revoked (with a CRL) and untrusted ones;
  :func:`issue_identity` for any other validity period or issuer;
* :func:`demo_timestamper`: pyHanko's in-process TSA with the demo TSA certificate.

``python3 -m egov_fixtures.samples --render OUTDIR`` (with ``addons/`` on
``sys.path``) signs the demo documents through the whole chain and writes PNG
renderings (pdftoppm).
"""

import argparse
import io
import math
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .pdfs import (
    AGENCY,
    DOC_SYMBOL,
    SIGNER_NAME,
    SIGNER_POSITION,
    find_font,
    pades,
    render_document_pdf,
    sample_appendix_pdf,
    sample_decision_pdf,
)

__all__ = [
    "AGENCY",
    "DOC_SYMBOL",
    "SIGNER_NAME",
    "SIGNER_POSITION",
    "DemoPki",
    "Identity",
    "build_demo_pki",
    "demo_timestamper",
    "issue_identity",
    "render_document_pdf",
    "sample_appendix_pdf",
    "sample_decision_pdf",
    "seal_png",
    "sign_demo_chain",
    "signature_png",
]


# -------------------------------------------------------------------------- images


def _png(img) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def signature_png(width: int = 900, height: int = 360, color=(20, 45, 170)) -> bytes:
    """A blue handwritten-looking signature on a transparent background."""
    from PIL import Image, ImageDraw, ImageFilter

    scale = 2
    W, H = width * scale, height * scale
    img = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)

    def stroke(points, w):
        pts = [(x * W, y * H) for x, y in points]
        draw.line(pts, fill=color + (255,), width=w * scale, joint="curve")
        for x, y in pts[:: max(1, len(pts) // 40)]:
            r = w * scale / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=color + (255,))

    # a looping "An" flourish built from parametric curves
    pts = []
    for i in range(400):
        t = i / 399
        x = 0.08 + 0.55 * t
        y = 0.55 - 0.28 * math.sin(t * math.pi * 3.2) * (1 - 0.4 * t) + 0.05 * math.cos(t * 17)
        pts.append((x, y))
    stroke(pts, 7)
    loop = []
    for i in range(300):
        t = i / 299 * 2 * math.pi
        loop.append((0.62 + 0.13 * math.cos(t) * (1 + 0.2 * math.sin(t)), 0.45 + 0.2 * math.sin(t)))
    stroke(loop, 6)
    tail = [(0.62 + 0.3 * t, 0.62 - 0.25 * t * t) for t in (i / 99 for i in range(100))]
    stroke(tail, 6)
    underline = [
        (0.1 + 0.8 * t, 0.82 - 0.06 * math.sin(t * math.pi)) for t in (i / 99 for i in range(100))
    ]
    stroke(underline, 5)
    img = img.filter(ImageFilter.GaussianBlur(1.2)).resize((width, height), Image.LANCZOS)
    return _png(img)


def seal_png(agency: str = AGENCY, size: int = 720, color=(210, 20, 25), font_path=None) -> bytes:
    """A red circular seal (double ring, agency name around, star in the middle)."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    cx = cy = size / 2
    fill = color + (255,)
    r_out = size / 2 - 6
    draw.ellipse(
        (cx - r_out, cy - r_out, cx + r_out, cy + r_out), outline=fill, width=int(size * 0.025)
    )
    r_in = r_out * 0.66
    draw.ellipse(
        (cx - r_in, cy - r_in, cx + r_in, cy + r_in), outline=fill, width=int(size * 0.012)
    )
    # star
    star = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rad = r_in * (0.42 if k % 2 == 0 else 0.17)
        star.append((cx + rad * math.cos(ang), cy - r_in * 0.12 + rad * math.sin(ang)))
    draw.polygon(star, fill=fill)
    small = ImageFont.truetype(find_font(font_path, "bold"), int(size * 0.055))
    draw.text((cx, cy + r_in * 0.55), "TÂY NINH", font=small, fill=fill, anchor="mm")
    # agency name around the ring, letter by letter
    font = ImageFont.truetype(find_font(font_path, "bold"), int(size * 0.075))
    text = agency + " ★ "
    radius = (r_out + r_in) / 2
    circumference_share = 0.94 * 2 * math.pi
    total = sum(font.getlength(ch) for ch in text)
    angle = -math.pi / 2 - circumference_share / 2
    for ch in text:
        adv = font.getlength(ch)
        step = adv / total * circumference_share
        mid = angle + step / 2
        glyph = Image.new("RGBA", (int(size * 0.15), int(size * 0.15)), (0, 0, 0, 0))
        gd = ImageDraw.Draw(glyph)
        gd.text((glyph.width / 2, glyph.height / 2), ch, font=font, fill=fill, anchor="mm")
        glyph = glyph.rotate(-math.degrees(mid) - 90, resample=Image.BICUBIC)
        x = cx + radius * math.cos(mid) - glyph.width / 2
        y = cy + radius * math.sin(mid) - glyph.height / 2
        img.alpha_composite(glyph, (int(x), int(y)))
        angle += step
    return _png(img)


# ----------------------------------------------------------------------------- PKI


def _name(cn: str, org: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if org:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attrs)


@dataclass
class Identity:
    """A certificate with its key (demo and tests only)."""

    cert: x509.Certificate
    key: rsa.RSAPrivateKey = field(repr=False)
    chain: tuple[x509.Certificate, ...] = ()

    def pkcs12(self, passphrase: bytes = b"demo") -> bytes:
        return pkcs12.serialize_key_and_certificates(
            b"egov",
            self.key,
            self.cert,
            list(self.chain),
            serialization.BestAvailableEncryption(passphrase),
        )

    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


@dataclass
class DemoPki:
    root: Identity
    issuing_ca: Identity
    person: Identity
    organisation: Identity
    tsa: Identity
    expired: Identity
    not_yet_valid: Identity
    revoked: Identity
    untrusted_root: Identity
    untrusted: Identity
    crl: x509.CertificateRevocationList
    now: datetime

    @property
    def crl_der(self) -> bytes:
        return self.crl.public_bytes(serialization.Encoding.DER)


def _issue(
    subject: x509.Name,
    key,
    issuer: Identity | None,
    *,
    not_before: datetime,
    not_after: datetime,
    ca: bool = False,
    tsa: bool = False,
    serial: int | None = None,
) -> x509.Certificate:
    issuer_name = issuer.cert.subject if issuer else subject
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(serial or x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    if issuer is not None and not ca:
        # where relying parties find the CRL (tests pass it offline)
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier("http://ca.demo.invalid/issuing.crl")],
                        None,
                        None,
                        None,
                    )
                ]
            ),
            critical=False,
        )
    if ca:
        usage = {"key_cert_sign": True, "crl_sign": True}
    elif tsa:
        usage = {"digital_signature": True}
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    else:
        usage = {"digital_signature": True, "content_commitment": True}
    flags = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    flags.update(usage)
    builder = builder.add_extension(x509.KeyUsage(**flags), critical=True)
    return builder.sign(signing_key, hashes.SHA256())


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def issue_identity(
    cn: str,
    org: str | None,
    issuer: Identity | None,
    *,
    not_before: datetime,
    not_after: datetime,
    **kw,
) -> Identity:
    """A new key and certificate ``cn`` issued by ``issuer`` (self-signed when None)
    for the given validity period; ``ca=True`` or ``tsa=True`` for those roles."""
    key = _key()
    cert = _issue(_name(cn, org), key, issuer, not_before=not_before, not_after=not_after, **kw)
    chain = (issuer.cert, *issuer.chain) if issuer else ()
    return Identity(cert, key, chain)


def build_demo_pki(now: datetime | None = None) -> DemoPki:
    """A complete throw-away PKI (RSA 2048) for tests and the demo."""
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    year = timedelta(days=365)

    def ident(cn, org, issuer, nb=now - timedelta(days=30), na=now + 2 * year, **kw):
        return issue_identity(cn, org, issuer, not_before=nb, not_after=na, **kw)

    root = ident(
        "Demo RootCA chuyên dùng G2",
        "Ban Cơ yếu Demo",
        None,
        nb=now - 5 * year,
        na=now + 20 * year,
        ca=True,
    )
    issuing = ident(
        "Demo CA phục vụ cơ quan nhà nước",
        "Ban Cơ yếu Demo",
        root,
        nb=now - 4 * year,
        na=now + 10 * year,
        ca=True,
    )
    org = "UBND tỉnh Tây Ninh"
    person = ident(SIGNER_NAME, org, issuing)
    organisation = ident("Ủy ban nhân dân tỉnh Tây Ninh", org, issuing)
    tsa = ident("Demo TSA", "Ban Cơ yếu Demo", issuing, nb=now - year, na=now + 5 * year, tsa=True)
    expired = ident("Trần Thị Hết Hạn", org, issuing, nb=now - 2 * year, na=now - year)
    not_yet_valid = ident(
        "Lê Văn Chưa Hiệu Lực", org, issuing, nb=now + 30 * timedelta(days=1), na=now + year
    )
    revoked = ident("Phạm Văn Thu Hồi", org, issuing)
    untrusted_root = ident(
        "Rogue Root CA", "Unknown", None, nb=now - year, na=now + 10 * year, ca=True
    )
    untrusted = ident("Hoàng Văn Lạ", "Unknown", untrusted_root)
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuing.cert.subject)
        .last_update(now - timedelta(hours=1))
        .next_update(now + timedelta(days=7))
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(revoked.cert.serial_number)
            .revocation_date(now - timedelta(days=1))
            .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
            .build()
        )
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuing.key.public_key()),
            critical=False,
        )
        .sign(issuing.key, hashes.SHA256())
    )
    return DemoPki(
        root,
        issuing,
        person,
        organisation,
        tsa,
        expired,
        not_yet_valid,
        revoked,
        untrusted_root,
        untrusted,
        crl,
        now,
    )


def demo_timestamper(pki: DemoPki):
    """pyHanko's in-process TSA (RFC 3161 tokens signed by the demo TSA certificate)."""
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    engine = pades()
    to_asn1 = engine.trust.to_asn1

    return DummyTimeStamper(
        tsa_cert=to_asn1([pki.tsa.cert])[0],
        tsa_key=engine.signers.private_key_to_asn1(pki.tsa.key),
        certs_to_embed=to_asn1([pki.issuing_ca.cert]),
    )


# -------------------------------------------------------------------------- render


def sign_demo_chain(pki: DemoPki | None = None, font_path=None, timestamper=None):
    """Draft → fields → signer → number/date → organisation; appendix and
    digitised copy. Returns a dict of PDF bytes (used by ``--render`` and the bench)."""
    engine = pades()
    pki = pki or build_demo_pki()
    opts = engine.SignOptions(timestamper=timestamper, font_path=font_path)
    person = engine.Pkcs12Signer(pki.person.pkcs12(), "demo")
    org = engine.Pkcs12Signer(pki.organisation.pkcs12(), "demo")
    draft = engine.add_number_date_fields(sample_decision_pdf(font_path))
    signed = engine.sign_pdf(
        draft,
        person,
        engine.SignerAppearance(signature_png(), full_name=SIGNER_NAME, position=SIGNER_POSITION),
        opts,
    )
    numbered = engine.fill_number_date(
        signed, number="125", date=pki.now.date(), font_path=font_path
    )
    issued = engine.sign_pdf(
        numbered,
        org,
        engine.SealAppearance(seal_png(font_path=font_path), agency_name=org.subject_name),
        opts,
    )
    appendix = engine.sign_pdf(
        sample_appendix_pdf(font_path),
        org,
        engine.StampAppearance.appendix(f"125/{DOC_SYMBOL}"),
        opts,
    )
    digitised = engine.sign_pdf(
        sample_appendix_pdf(font_path),
        org,
        engine.StampAppearance.digitised(f"125/{DOC_SYMBOL}", seal_png(font_path=font_path)),
        opts,
    )
    return {
        "draft": draft,
        "signed": signed,
        "numbered": numbered,
        "issued": issued,
        "appendix": appendix,
        "digitised": digitised,
    }


def render(outdir: str | Path, dpi: int = 110) -> list[Path]:
    """Sign the demo documents and write PDFs plus PNGs of the interesting pages."""
    if not shutil.which("pdftoppm"):
        raise SystemExit("pdftoppm (poppler-utils) is needed for --render")
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    docs = sign_demo_chain()
    written = []
    for name in ("issued", "appendix", "digitised"):
        pdf = outdir / f"{name}.pdf"
        pdf.write_bytes(docs[name])
        written.append(pdf)
        from pyhanko.pdf_utils.reader import PdfFileReader

        count = len(PdfFileReader(io.BytesIO(docs[name])).root["/Pages"]["/Kids"])
        for page, label in ((1, "first"), (count, "last")):
            if name != "issued" and label == "last":
                continue
            stem = outdir / f"{name}-{label}"
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    str(dpi),
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(stem),
                ],
                check=True,
            )
            written.append(stem.with_suffix(".png"))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--render", metavar="OUTDIR", help="sign the demo documents and render PNGs"
    )
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args(argv)
    if not args.render:
        parser.print_help()
        return 1
    for path in render(args.render, args.dpi):
        print(path)  # pylint: disable=print-used  # the command line's output
    return 0


if __name__ == "__main__":
    sys.exit(main())
