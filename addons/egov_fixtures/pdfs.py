"""The sample PDFs: one generator for tests, benchmarks and the demo province.

* :func:`sample_decision_pdf`: a 3-page Quyết định of UBND tỉnh Tây Ninh laid out as
  NĐ 30/2020 Phụ lục I draws it, with "Số: ……/" and "ngày … tháng … năm" left blank
  for the number/date fields and the signature block on the last page;
* :func:`sample_appendix_pdf`: a one-page appendix (phụ lục) in a separate file;
* :func:`render_document_pdf`: a one-page document of the demo province (issuing agency,
  national motto, number and notation, place and date, title, subject, body, signer).

Text is set in the serif font the signing engine finds
(:func:`egov_signing.pades.find_font`: Times, Liberation Serif 2.x, DejaVu Serif); when
none with the Vietnamese letters is installed, the demo documents fall back to the
base-14 Times fonts without diacritics (the signing samples need the real font).
"""

import importlib
import io
import unicodedata
import zlib

AGENCY = "ỦY BAN NHÂN DÂN TỈNH TÂY NINH"
SIGNER_NAME = "Nguyễn Văn An"
SIGNER_POSITION = "PHÓ CHỦ TỊCH"
DOC_SYMBOL = "QĐ-UBND"

_STYLES = ("regular", "bold", "italic", "bolditalic")
_BASE14 = {
    "regular": "Times-Roman",
    "bold": "Times-Bold",
    "italic": "Times-Italic",
    "bolditalic": "Times-BoldItalic",
}


def pades():
    """The signing engine package, imported the way this package was (plain
    ``egov_signing.pades`` or ``odoo.addons.egov_signing.pades``), so that classes
    match those the caller uses."""
    prefix = "odoo.addons." if __name__.startswith("odoo.addons.") else ""
    return importlib.import_module(prefix + "egov_signing.pades")


def find_font(font_path=None, style: str = "regular") -> str:
    """The one font finder: the signing engine's (a font with the Vietnamese letters)."""
    return pades().find_font(font_path, style)


def _fonts(font_path=None, required: bool = True) -> dict:
    """reportlab font names per style (registered once) and ``unicode``: whether they
    have the Vietnamese letters. Without such a font: raises when ``required``, else
    the base-14 Times fonts."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        paths = {style: find_font(font_path, style) for style in _STYLES}
    except pades().FontNotFoundError:
        if required:
            raise
        return {**_BASE14, "unicode": False}
    names = {"unicode": True}
    registered = set(pdfmetrics.getRegisteredFontNames())
    for style, path in paths.items():
        name = f"EgovSerif-{style}-{zlib.crc32(path.encode()):08x}"
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, path))
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

    f = _fonts(font_path)
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

    f = _fonts(font_path)
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


def _ascii(text):
    """Vietnamese without diacritics, for the base-14 fonts when no TTF font is found."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def render_document_pdf(
    *,
    parent_agency,
    agency,
    number_notation,
    place,
    issued_date,
    title,
    subject,
    body,
    signer_position,
    signer_name,
):
    """Return the bytes of a one-page PDF of the document."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    f = _fonts(required=False)
    regular, bold, italic = f["regular"], f["bold"], f["italic"]
    text = (lambda value: value) if f["unicode"] else _ascii
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(text(f"{number_notation} {subject}"))
    pdf.setAuthor(text(agency))
    width, height = A4
    left, right = 30 * mm, width - 15 * mm
    header_left_x = left + 35 * mm
    header_right_x = width - 60 * mm
    top = height - 20 * mm

    agency_y = top
    if parent_agency:
        pdf.setFont(regular, 12)
        pdf.drawCentredString(header_left_x, top, text(parent_agency.upper()))
        agency_y = top - 14
    pdf.setFont(bold, 12)
    pdf.drawCentredString(header_left_x, agency_y, text(agency.upper()))
    pdf.line(header_left_x - 15 * mm, agency_y - 4, header_left_x + 15 * mm, agency_y - 4)
    pdf.setFont(bold, 12)
    pdf.drawCentredString(header_right_x, top, text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    pdf.setFont(bold, 13)
    pdf.drawCentredString(header_right_x, top - 14, text("Độc lập - Tự do - Hạnh phúc"))
    pdf.line(header_right_x - 30 * mm, top - 18, header_right_x + 30 * mm, top - 18)

    pdf.setFont(regular, 13)
    pdf.drawCentredString(header_left_x, top - 38, text(f"Số: {number_notation}"))
    pdf.setFont(italic, 13)
    date_line = (
        f"{place}, ngày {issued_date.day:02d} tháng {issued_date.month:02d} năm {issued_date.year}"
    )
    pdf.drawCentredString(header_right_x, top - 38, text(date_line))

    y = top - 80
    if title:
        pdf.setFont(bold, 14)
        pdf.drawCentredString(width / 2, y, text(title.upper()))
        y -= 18
    pdf.setFont(bold, 14)
    for line in simpleSplit(text(subject), bold, 14, right - left - 20 * mm):
        pdf.drawCentredString(width / 2, y, line)
        y -= 18
    y -= 14

    pdf.setFont(regular, 14)
    for paragraph in body:
        lines = simpleSplit(text(paragraph), regular, 14, right - left - 10 * mm)
        for index, line in enumerate(lines):
            indent = 10 * mm if index == 0 else 0
            pdf.drawString(left + indent, y, line)
            y -= 20
        y -= 4

    y -= 16
    pdf.setFont(bold, 14)
    for line in signer_position.splitlines():
        pdf.drawCentredString(header_right_x, y, text(line.upper()))
        y -= 18
    pdf.setFont(italic, 12)
    pdf.drawCentredString(header_right_x, y - 40, text("(Bản điện tử minh họa - dữ liệu demo)"))
    pdf.setFont(bold, 14)
    pdf.drawCentredString(header_right_x, y - 70, text(signer_name))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
