"""Small one-page PDFs laid out like a Vietnamese administrative document (NĐ 30/2020
Phụ lục I): issuing agency top left, national motto top right, number and notation, place
and date, title, subject, body and signature block. Demo files only, made with reportlab.
"""

import io
import os
import unicodedata

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

# Serif fonts, first found that has the Vietnamese letters wins: (regular, bold, italic).
# Liberation 1.x lacks the precomposed Vietnamese letters (U+1EA0-U+1EF9); Liberation 2.x
# (fonts-liberation2) and DejaVu have them.
_FONT_DIRECTORIES = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
)
_FONT_FILES = (
    ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf"),
    ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
)
_VIETNAMESE_SAMPLE = "ĐđƠơƯưẠạẾếỆệỘộỮữỸỹ"
_FALLBACK_FONTS = ("Times-Roman", "Times-Bold", "Times-Italic")
_REGISTERED = {}


def _vietnamese_family():
    """Paths of the first (regular, bold, italic) family covering Vietnamese, or None."""
    for files in _FONT_FILES:
        for directory in _FONT_DIRECTORIES:
            paths = [os.path.join(directory, name) for name in files]
            if not all(os.path.isfile(path) for path in paths):
                continue
            fonts = [TTFont(f"EgovDemoSerif{index}", path) for index, path in enumerate(paths)]
            if all(
                ord(char) in font.face.charToGlyph for font in fonts for char in _VIETNAMESE_SAMPLE
            ):
                return fonts
    return None


def _fonts():
    """Return (regular, bold, italic, unicode) font names, registering a TTF family once."""
    if "fonts" not in _REGISTERED:
        family = _vietnamese_family()
        if family:
            for font in family:
                pdfmetrics.registerFont(font)
            _REGISTERED["fonts"] = (*(font.fontName for font in family), True)
        else:
            _REGISTERED["fonts"] = (*_FALLBACK_FONTS, False)
    return _REGISTERED["fonts"]


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
    regular, bold, italic, has_unicode = _fonts()
    text = (lambda value: value) if has_unicode else _ascii
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
