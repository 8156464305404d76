"""``index.pdf``: the Mục lục văn bản trong hồ sơ (NĐ 30/2020 Phụ lục VI, outputs).

A4 portrait, in Vietnamese: a header with the agency, the dossier code, title, retention,
access regime and dates, then one table row per document (STT, Số và ký hiệu, Ngày
tháng, Tác giả, Trích yếu, Tờ số, Ghi chú). Rendered with reportlab in invariant mode
with fixed document information, so the same dossier gives the same bytes on the same
machine. The font is Liberation Serif (Times New Roman metrics) or DejaVu Serif, which
carry the Vietnamese letters; without either, reportlab's Times is used and a warning is
logged, because Times cannot show most Vietnamese letters.
"""

import io
import logging
import zlib
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..rules.fonts import find_font
from .codes import LANGUAGES, RIGHTS, maintenance_label

_logger = logging.getLogger(__name__)

FONT_FAMILIES = ("Liberation Serif", "DejaVu Serif")
_FALLBACK = {"regular": "Times-Roman", "bold": "Times-Bold"}
_MARGIN = 15 * mm
#: column widths (mm) of STT, Số và ký hiệu, Ngày tháng, Tác giả, Trích yếu, Tờ số, Ghi chú
_COLUMNS_MM = (10, 28, 20, 36, 54, 15, 17)
HEADERS = (
    "STT",
    "Số và ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tác giả văn bản",
    "Trích yếu nội dung văn bản",
    "Tờ số/ Số trang",
    "Ghi chú",
)


def _font_name(style):
    """Register the Vietnamese font for ``style`` with reportlab and return its name."""
    path = find_font(FONT_FAMILIES, style)
    if not path:
        _logger.warning(
            "No %s font with Vietnamese glyphs (install fonts-liberation2 or fonts-dejavu); "
            "the dossier index uses %s and Vietnamese letters will not show.",
            style,
            _FALLBACK[style],
        )
        return _FALLBACK[style]
    name = f"EgovIndex-{style}-{zlib.crc32(path.encode()):08x}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name


def _date(value):
    return value.strftime("%d/%m/%Y") if value else ""


def _sheets(documents):
    """Tờ số: the first-last page of each document counted through the dossier."""
    ranges, first = [], 1
    for document in documents:
        if document.page_amount:
            last = first + document.page_amount - 1
            ranges.append(f"{first}-{last}" if last > first else str(first))
            first = last + 1
        else:
            ranges.append("")
    return ranges


def render_index(meta, documents):
    """Return the PDF bytes of the index of a validated dossier."""
    regular, bold = _font_name("regular"), _font_name("bold")
    text = ParagraphStyle("text", fontName=regular, fontSize=10, leading=12.5)
    cell = ParagraphStyle("cell", parent=text, fontSize=9.5, leading=11.5)
    head = ParagraphStyle("head", parent=cell, fontName=bold, alignment=TA_CENTER)
    centre = ParagraphStyle("centre", parent=cell, alignment=TA_CENTER)
    title = ParagraphStyle(
        "title",
        parent=text,
        fontName=bold,
        fontSize=14,
        leading=18,
        alignment=TA_CENTER,
        spaceBefore=6,
        spaceAfter=8,
    )
    agency = ParagraphStyle("agency", parent=text, fontName=bold, alignment=TA_CENTER)

    def para(value, style=text):
        return Paragraph(escape(value or "").replace("\n", "<br/>"), style)

    def line(label, value):
        return Paragraph(f"<font name='{bold}'>{escape(label)}:</font> {escape(value or '')}", text)

    period = " - ".join(part for part in (_date(meta.start_date), _date(meta.end_date)) if part)
    story = [
        para(meta.organ_name.upper(), agency),
        Spacer(1, 4 * mm),
        para("MỤC LỤC VĂN BẢN TRONG HỒ SƠ", title),
        line("Mã hồ sơ", meta.file_code),
        line("Tiêu đề hồ sơ", meta.title),
        line("Thời hạn bảo quản", maintenance_label(meta.maintenance, meta.maintenance_years)),
        line("Chế độ sử dụng", RIGHTS.get(meta.rights, meta.rights)),
        line("Ngôn ngữ", LANGUAGES.get(meta.language, meta.language)),
        line("Người lập hồ sơ", meta.creator),
        line("Thời gian bắt đầu - kết thúc", period),
        line("Số lượng văn bản", str(len(documents))),
        line("Tổng số trang", str(sum(d.page_amount for d in documents))),
    ]
    if meta.description:
        story.append(line("Ghi chú", meta.description))
    story.append(Spacer(1, 5 * mm))
    rows = [[para(header, head) for header in HEADERS]]
    for document, sheets in zip(documents, _sheets(documents), strict=True):
        rows.append(
            [
                para(str(document.ordinal), centre),
                para(document.number_notation, cell),
                para(_date(document.issued_date), centre),
                para(document.organ_name, cell),
                para(document.subject, cell),
                para(sheets, centre),
                para(document.description, cell),
            ]
        )
    table = Table(rows, colWidths=[width * mm for width in _COLUMNS_MM], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(table)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(regular, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{meta.file_code} - Trang {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN + 5 * mm,
        title=f"Mục lục văn bản - {meta.file_code}",
        author=meta.organ_name,
        subject=meta.title,
        creator="egov dossier package",
        producer="egov dossier package",
        invariant=1,
        lang="vi",
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
