"""Demo material, generated (no binary blobs in the repository):

* :func:`sample_decision_pdf`: a 3-page Quyết định of UBND tỉnh Tây Ninh laid out
  as NĐ 30/2020 Phụ lục I draws it (Liberation Serif);
* :func:`sample_appendix_pdf`: a one-page appendix (phụ lục) in a separate file;
* :func:`signature_png` (blue, transparent) and :func:`seal_png` (red, circular);
* :func:`build_demo_pki`: root → issuing CA → person / organisation / TSA
  certificates plus expired, revoked (with a CRL) and untrusted ones.

``python3 -m egov_signing.pades.samples --render OUTDIR`` signs the demo
documents through the whole chain and writes PNG renderings (pdftoppm).
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

from .fonts import find_font

AGENCY = "ỦY BAN NHÂN DÂN TỈNH TÂY NINH"
SIGNER_NAME = "Nguyễn Văn An"
SIGNER_POSITION = "PHÓ CHỦ TỊCH"
DOC_SYMBOL = "QĐ-UBND"

# ----------------------------------------------------------------------------- PDF


def _register_fonts(font_path=None) -> dict[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = {}
    for style in ("regular", "bold", "italic", "bolditalic"):
        name = f"EgovSerif-{style}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, find_font(font_path, style)))
        names[style] = name
    return names


_BODY = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
    "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
    "ngày 22 tháng 11 năm 2019;",
    "Căn cứ Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân tỉnh.",
]

_ARTICLES = [
    (
        "Điều 1.",
        "Ban hành kèm theo Quyết định này Quy chế quản lý, sử dụng Hệ thống quản lý văn bản "
        "và điều hành trên môi trường mạng của các cơ quan hành chính nhà nước trên địa bàn "
        "tỉnh Tây Ninh.",
    ),
    (
        "Điều 2.",
        "Văn bản điện tử được ký số bởi người có thẩm quyền và ký số của cơ quan, tổ chức theo "
        "quy định có giá trị pháp lý như bản gốc văn bản giấy. Văn thư cơ quan cấp số, thời gian "
        "ban hành bằng chức năng của Hệ thống sau khi người có thẩm quyền ký số.",
    ),
    (
        "Điều 3.",
        "Các cơ quan, đơn vị có trách nhiệm bảo đảm hạ tầng kỹ thuật, chứng thư số chuyên dùng "
        "Chính phủ và thiết bị lưu khóa bí mật cho cán bộ, công chức; kiểm tra tính hợp lệ của "
        "chữ ký số trên văn bản đến trước khi tiếp nhận, đăng ký vào Hệ thống.",
    ),
    (
        "Điều 4.",
        "Văn bản đến có chữ ký số không hợp lệ, không toàn vẹn hoặc sai thẩm quyền thì được trả "
        "lại nơi gửi qua Hệ thống, đồng thời thông báo lý do cho cơ quan gửi biết để xử lý.",
    ),
    (
        "Điều 5.",
        "Việc lập hồ sơ, lưu trữ văn bản điện tử thực hiện theo quy định của pháp luật về lưu "
        "trữ; bảo đảm tính xác thực, toàn vẹn, nhất quán, an toàn và khả năng truy cập của văn "
        "bản điện tử trong suốt thời hạn bảo quản.",
    ),
    (
        "Điều 6.",
        "Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Văn phòng Ủy ban nhân dân tỉnh hướng "
        "dẫn, kiểm tra việc thực hiện Quy chế này; định kỳ hằng năm tổng hợp, báo cáo Ủy ban "
        "nhân dân tỉnh kết quả triển khai.",
    ),
    (
        "Điều 7.",
        "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Thủ "
        "trưởng các sở, ban, ngành tỉnh, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố "
        "và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
    ),
]


def sample_decision_pdf(font_path=None, pages: int = 3) -> bytes:
    """The 3-page draft: header with "Số: ……/QĐ-UBND" and "Tây Ninh, ngày … tháng …
    năm 2026", body, and on the last page "Nơi nhận" plus the signature block
    (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / blank / Nguyễn Văn An)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    f = _register_fonts(font_path)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle("Quyết định ban hành Quy chế quản lý văn bản điện tử")
    c.setAuthor(AGENCY)
    width, height = A4
    left, right, top, bottom = 30 * mm, width - 15 * mm, height - 20 * mm, 20 * mm
    col_l = (left + 72 * mm) / 2 + 0 * mm  # centre of the agency column
    col_l = left + 36 * mm - 15 * mm
    col_r = width - 15 * mm - 55 * mm

    def centered(text, x, y, font, size):
        c.setFont(font, size)
        c.drawCentredString(x, y, text)
        return c.stringWidth(text, font, size)

    # national motto and agency (NĐ 30 PL I, boxes 1 and 2)
    y = top
    centered("ỦY BAN NHÂN DÂN", col_l, y, f["bold"], 13)
    centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", col_r, y, f["bold"], 12.5)
    y -= 15
    w = centered("TỈNH TÂY NINH", col_l, y, f["bold"], 13)
    c.line(col_l - w / 4, y - 4, col_l + w / 4, y - 4)
    w = centered("Độc lập - Tự do - Hạnh phúc", col_r, y, f["bold"], 13)
    c.line(col_r - w / 2, y - 4, col_r + w / 2, y - 4)
    y -= 30
    centered(f"Số: ……/{DOC_SYMBOL}", col_l, y, f["regular"], 13)
    centered("Tây Ninh, ngày … tháng … năm 2026", col_r, y, f["italic"], 13)
    y -= 42
    centered("QUYẾT ĐỊNH", width / 2 + 7 * mm, y, f["bold"], 14)
    y -= 17
    centered(
        "Ban hành Quy chế quản lý, sử dụng Hệ thống quản lý văn bản và điều hành",
        width / 2 + 7 * mm,
        y,
        f["bold"],
        14,
    )
    y -= 17
    w = centered("trên môi trường mạng", width / 2 + 7 * mm, y, f["bold"], 14)
    c.line(width / 2 + 7 * mm - 30, y - 5, width / 2 + 7 * mm + 30, y - 5)
    y -= 34
    centered("ỦY BAN NHÂN DÂN TỈNH TÂY NINH", width / 2 + 7 * mm, y, f["bold"], 14)
    y -= 28

    page_no = 1
    body_width = right - left

    def new_page():
        nonlocal y, page_no
        c.showPage()
        page_no += 1
        c.setFont(f["regular"], 13)
        c.drawCentredString(width / 2, height - 12 * mm, str(page_no))
        y = top - 10

    def paragraph(text, font=f["regular"], size=14, indent=12 * mm, lead_font=None, lead=""):
        nonlocal y
        lines = simpleSplit(lead + " " + text if lead else text, font, size, body_width - indent)
        for i, line in enumerate(lines):
            if y < bottom + 20:
                new_page()
            x = left + (indent if i == 0 else 0)
            if i == 0 and lead:
                c.setFont(lead_font or font, size)
                c.drawString(x, y, lead)
                x += c.stringWidth(lead + " ", lead_font or font, size)
                line = line[len(lead) + 1 :]
            c.setFont(font, size)
            c.drawString(x, y, line)
            y -= size * 1.3
        y -= 6

    for para in _BODY:
        paragraph(para, font=f["italic"])
    centered("QUYẾT ĐỊNH:", width / 2 + 7 * mm, y, f["bold"], 14)
    y -= 26
    articles = list(_ARTICLES)
    # spread the articles so that the signature block lands on page ``pages``
    while True:
        for head, text in articles:
            paragraph(text, lead=head, lead_font=f["bold"])
        if page_no >= pages:
            break
        articles = [(h, t + " " + t) for h, t in _ARTICLES[:3]]

    if y < bottom + 190:
        new_page()
    # recipients (box 9a) and signature block (box 7)
    y -= 8
    block_top = y
    c.setFont(f["bolditalic"], 12)
    c.drawString(left, y, "Nơi nhận:")
    c.setFont(f["regular"], 11)
    for item in (
        "- Như Điều 7;",
        "- Văn phòng Chính phủ;",
        "- TT. Tỉnh ủy, TT. HĐND tỉnh;",
        "- CT, các PCT UBND tỉnh;",
        "- Lưu: VT, VP.",
    ):
        y -= 13
        c.drawString(left, y, item)
    sig_x = width - 15 * mm - 45 * mm
    y = block_top
    centered("KT. CHỦ TỊCH", sig_x, y, f["bold"], 14)
    y -= 17
    centered(SIGNER_POSITION, sig_x, y, f["bold"], 14)
    y -= 95
    centered(SIGNER_NAME, sig_x, y, f["bold"], 14)
    c.showPage()
    c.save()
    return buf.getvalue()


def sample_appendix_pdf(font_path=None) -> bytes:
    """A separate appendix file (Phụ lục) for the decision."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    f = _register_fonts(font_path)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    y = height - 35 * mm
    c.setFont(f["bold"], 14)
    c.drawCentredString(width / 2, y, "Phụ lục")
    y -= 18
    c.drawCentredString(width / 2, y, "DANH MỤC CƠ QUAN KẾT NỐI HỆ THỐNG QUẢN LÝ VĂN BẢN")
    y -= 16
    c.setFont(f["italic"], 13)
    c.drawCentredString(
        width / 2, y, "(Kèm theo Quyết định số     /QĐ-UBND ngày     tháng     năm 2026"
    )
    y -= 15
    c.drawCentredString(width / 2, y, "của Ủy ban nhân dân tỉnh Tây Ninh)")
    y -= 36
    c.setFont(f["regular"], 13)
    for i, name in enumerate(
        [
            "Văn phòng Ủy ban nhân dân tỉnh",
            "Sở Khoa học và Công nghệ",
            "Sở Nội vụ",
            "Sở Tài chính",
            "Ủy ban nhân dân thành phố Tây Ninh",
            "Ủy ban nhân dân thị xã Hòa Thành",
        ],
        start=1,
    ):
        c.drawString(30 * mm, y, f"{i}.")
        c.drawString(40 * mm, y, name)
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


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


def build_demo_pki(now: datetime | None = None) -> DemoPki:
    """A complete throw-away PKI (RSA 2048) for tests and the demo."""
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    year = timedelta(days=365)

    def ident(cn, org, issuer, nb=now - timedelta(days=30), na=now + 2 * year, **kw):
        key = _key()
        cert = _issue(_name(cn, org), key, issuer, not_before=nb, not_after=na, **kw)
        chain = (issuer.cert, *issuer.chain) if issuer else ()
        return Identity(cert, key, chain)

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

    from .signers import private_key_to_asn1
    from .trust import to_asn1

    return DummyTimeStamper(
        tsa_cert=to_asn1([pki.tsa.cert])[0],
        tsa_key=private_key_to_asn1(pki.tsa.key),
        certs_to_embed=to_asn1([pki.issuing_ca.cert]),
    )


# -------------------------------------------------------------------------- render


def sign_demo_chain(pki: DemoPki | None = None, font_path=None, timestamper=None):
    """Draft → fields → signer → number/date → organisation; appendix and
    digitised copy. Returns a dict of PDF bytes (used by ``--render`` and the bench)."""
    from . import (
        SealAppearance,
        SignerAppearance,
        SignOptions,
        StampAppearance,
        add_number_date_fields,
        fill_number_date,
        sign_pdf,
    )
    from .signers import Pkcs12Signer

    pki = pki or build_demo_pki()
    opts = SignOptions(timestamper=timestamper, font_path=font_path)
    person = Pkcs12Signer(pki.person.pkcs12(), "demo")
    org = Pkcs12Signer(pki.organisation.pkcs12(), "demo")
    draft = add_number_date_fields(sample_decision_pdf(font_path))
    signed = sign_pdf(
        draft,
        person,
        SignerAppearance(signature_png(), full_name=SIGNER_NAME, position=SIGNER_POSITION),
        opts,
    )
    numbered = fill_number_date(signed, number="125", date=pki.now.date(), font_path=font_path)
    issued = sign_pdf(
        numbered,
        org,
        SealAppearance(seal_png(font_path=font_path), agency_name=org.subject_name),
        opts,
    )
    appendix = sign_pdf(
        sample_appendix_pdf(font_path), org, StampAppearance.appendix(f"125/{DOC_SYMBOL}"), opts
    )
    digitised = sign_pdf(
        sample_appendix_pdf(font_path),
        org,
        StampAppearance.digitised(f"125/{DOC_SYMBOL}", seal_png(font_path=font_path)),
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
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
