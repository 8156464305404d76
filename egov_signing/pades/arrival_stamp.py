"""The "ĐẾN" (arrival) stamp of NĐ 30/2020 Phụ lục IV, drawn on a received PDF.

NĐ 30 Điều 22: the clerk writes the arrival number (số đến) and the arrival date on every
incoming document; for an electronic document they are shown on the electronic document.
The rubber stamp is a box with the receiving agency, "ĐẾN" with "Số:" and "Ngày:",
"Chuyển:" (whom the document was forwarded to) and "Số và ký hiệu hồ sơ:".

The stamp is written as an incremental update, so every earlier signature keeps its bytes,
and as an object that pyHanko's standard difference analysis accepts after the existing
signatures:

* no certification signature (an unsigned file, or approval signatures only): the box is
  the appearance of a new, *unsigned* signature field (form filling, permitted after an
  approval signature, also after an organisation signature of egov_signing that locks the
  number and date fields, since it carries their appearances in its own revision);
* a certification signature (DocMDP, any P): refused (:class:`ArrivalStampRefusedError`).
  P=1 allows no change at all; for P=2 and P=3 pyHanko 0.38's standard policy (stricter
  than Acrobat) rejects any new visible field after a certification signature and has no
  rule that permits a new annotation on a page.

Before the stamped bytes are returned, the difference analysis of every existing signature
is run again; a stamp that would make one of them worse is refused, and the caller keeps
the original. Stamping again with the same number returns the file unchanged.
``update_forwarded`` writes "Chuyển:" later (at distribution) as a further increment of the
same kind, over the blank after the label.
"""

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string

from .appearance import MM, empty_appearance_stream, font_metrics, new_font_engine, text_width
from .errors import InvalidPdfError, SigningEngineError
from .fields import append_widget, field_names, open_incremental
from .fonts import find_font
from .timeutil import to_vn

ARRIVAL_FIELD = "EgovArrival"
FORWARD_FIELD = "EgovArrivalForward"
#: /NM of the stamp's annotation: ``EgovArrival:<number>``
MARK = "EgovArrival:"
FORWARD_MARK = "EgovArrivalForward:"
#: where "Chuyển:" leaves its blank, in the stamp's annotation dictionary
FORWARD_RECT_KEY = "/EgovForwardRect"

RED = (0.82, 0.06, 0.06)
BLACK = (0, 0, 0)
WIDTH_MM = 50  # the rubber stamp is 35 mm x 50 mm (NĐ 30 PL IV)
PAD = 4.0
SIZE = 8.0
MIN_SIZE = 5.5
TITLE_SIZE = 13.0
LEADING = 1.25
MARGIN_MM = 5
#: sizes tried when the page has no free place for the full-size stamp
SCALES = (1.0, 0.8, 0.65)

Rect = tuple[float, float, float, float]


class ArrivalStampError(SigningEngineError):
    """The arrival stamp cannot be written on this file."""

    code = "arrival_stamp_error"


class ArrivalStampRefusedError(ArrivalStampError):
    """A certification signature forbids the change (``params``: ``permission``) or the
    stamp would make an existing signature fail (``field_name``)."""

    code = "arrival_stamp_refused"


class EncryptedPdfError(InvalidPdfError):
    """The PDF is encrypted: nothing is written into it."""

    code = "encrypted_pdf"


@dataclass(frozen=True)
class _Run:
    text: str
    x: float
    baseline: float
    size: float
    bold: bool
    color: tuple
    centred: bool = False


# ------------------------------------------------------------------ reading the file


def _open(pdf: bytes):
    writer = open_incremental(pdf)
    if writer.prev.encrypted:
        raise EncryptedPdfError("The PDF is encrypted")
    try:
        int(writer.root["/Pages"]["/Count"])
        writer.find_page_for_modification(0)
    except Exception as exc:
        raise InvalidPdfError(f"Not a readable PDF ({type(exc).__name__})") from None
    return writer


def _docmdp_permission(writer) -> int | None:
    from pyhanko.sign.validation.pdf_embedded import read_certification_data

    try:
        info = read_certification_data(writer.prev)
    except Exception:
        return None
    return int(info.permission.value) if info is not None else None


def _page(writer, index: int = 0):
    ref = writer.find_page_for_modification(index)[0]
    return ref, ref.get_object()


def _page_box(page_obj) -> Rect:
    node, box = page_obj, None
    while box is None:
        box = node.get("/CropBox") or node.get("/MediaBox")
        if box is None and "/Parent" not in node:
            raise InvalidPdfError("The first page has no size")
        node = node["/Parent"] if box is None else node
    return tuple(float(v) for v in box)


def _annotations(page_obj):
    for ref in page_obj.get("/Annots", ()) or ():
        try:
            yield ref.get_object()
        except Exception:
            continue


def _marked(page_obj, mark: str):
    return [a for a in _annotations(page_obj) if str(a.get("/NM", "")).startswith(mark)]


def read_arrival(pdf: bytes) -> dict | None:
    """``{"number": ..., "forwarded_to": ...}`` of the stamp on page 1, or ``None``."""
    writer = _open(pdf)
    _ref, page = _page(writer)
    stamps = _marked(page, MARK)
    if not stamps:
        return None
    forwards = _marked(page, FORWARD_MARK)
    return {
        "number": str(stamps[-1]["/NM"])[len(MARK) :],
        "forwarded_to": str(forwards[-1].get("/Contents", "")) if forwards else None,
    }


# ------------------------------------------------------------------ layout


def _fonts(font_path):
    return {False: find_font(font_path, "regular"), True: find_font(font_path, "bold")}


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(font, size, f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _format_received(received_at: str | datetime) -> str:
    moment = datetime.fromisoformat(received_at) if isinstance(received_at, str) else received_at
    return to_vn(moment).strftime("%d/%m/%Y %H:%M")


def _fit(text: str, font: str, width: float) -> tuple[str, float]:
    """``text`` on one line of ``width``: smaller type down to :data:`MIN_SIZE`, then cut
    with an ellipsis."""
    natural = text_width(font, SIZE, text)
    if natural <= width:
        return text, SIZE
    size = max(MIN_SIZE, SIZE * width / natural)
    while len(text) > 1 and text_width(font, size, text) > width:
        text = text[:-2].rstrip() + "…"
    return text, size


def _label_value(label, value, x, baseline, width, fonts) -> list[_Run]:
    """A red label and a black value on one line."""
    runs = [_Run(label, x, baseline, SIZE, False, RED)]
    if value:
        indent = x + text_width(fonts[False], SIZE, label + " ")
        text, size = _fit(value, fonts[False], width - PAD - indent)
        runs.append(_Run(text, indent, baseline, size, False, BLACK))
    return runs


def _layout(agency, number, when_text, forwarded_to, dossier, fonts):
    """(width, height, runs, forward blank rect) in the box's own coordinates."""
    width = WIDTH_MM * MM
    inner = width - 2 * PAD
    ascent, descent = font_metrics(fonts[True])
    runs: list[_Run] = []
    y = -PAD - ascent * SIZE  # first baseline, measured down from the top (0)
    for line in _wrap(agency.upper(), fonts[True], SIZE, inner):
        runs.append(_Run(line, width / 2, y, SIZE, True, RED, centred=True))
        y -= SIZE * LEADING
    y -= 3
    title_w = text_width(fonts[True], TITLE_SIZE, "ĐẾN")
    right = PAD + title_w + 6
    number_y, date_y = y, y - SIZE * LEADING
    runs.append(_Run("ĐẾN", PAD, (number_y + date_y) / 2 - 3, TITLE_SIZE, True, RED))
    for label, value, baseline in (("Số:", number, number_y), ("Ngày:", when_text, date_y)):
        runs.append(_Run(label, right, baseline, SIZE, False, RED))
        x = right + text_width(fonts[False], SIZE, label + " ")
        runs.append(_Run(value, x, baseline, SIZE, True, BLACK))
    y = date_y - SIZE * LEADING - 3
    label = "Chuyển:"
    blank_x = PAD + text_width(fonts[False], SIZE, label + " ")
    forward_top = y + ascent * SIZE + 1
    runs += _label_value(label, forwarded_to, PAD, y, width, fonts)
    y -= SIZE * LEADING
    forward_rect = (blank_x, y + ascent * SIZE + 1, width - PAD, forward_top)
    runs += _label_value("Số và ký hiệu hồ sơ:", dossier, PAD, y, width, fonts)
    height = -(y + descent * SIZE) + PAD
    return width, height, runs, forward_rect


def _content(runs, width, height, fonts, writer, border=True, background=False):
    """The appearance stream: runs drawn with the embedded fonts (subset, ToUnicode)."""
    engines, resources, ops = {}, generic.DictionaryObject(), []
    if background:
        ops.append(b"q 1 1 1 rg 0 0 %g %g re f Q" % (width, height))
    if border:
        ops.append(b"q %g %g %g RG 1.2 w 0.6 0.6 %g %g re S Q" % (*RED, width - 1.2, height - 1.2))
    for run in runs:
        key = (run.bold, run.size)
        if key not in engines:
            name = f"/F{len(engines) + 1}"
            engines[key] = (name, new_font_engine(writer, fonts[run.bold], run.size))
            resources[pdf_name(name)] = engines[key][1].as_resource()
        name, engine = engines[key]
        shaped = engine.shape(run.text)
        x = run.x
        if run.centred:
            x -= shaped.x_advance * run.size / 2
        ops.append(
            b"q %g %g %g rg BT %s %g Tf %g %g Td %s ET Q"
            % (*run.color, name.encode(), run.size, x, height + run.baseline, shaped.graphics_ops)
        )
    stream = empty_appearance_stream(width, height, b"\n".join(ops))
    stream["/Resources"] = generic.DictionaryObject({pdf_name("/Font"): resources})
    stream.compress()
    return stream


# ------------------------------------------------------------------ free space


def _occupied(pdf: bytes, page_obj) -> list[Rect]:
    """Boxes of the text lines, images and annotations on page 1."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextLine

    boxes: list[Rect] = []

    def walk(obj):
        if isinstance(obj, (LTTextLine, LTImage, LTFigure)):
            boxes.append(tuple(obj.bbox))
        elif hasattr(obj, "__iter__"):
            for child in obj:
                walk(child)

    try:
        for layout in extract_pages(BytesIO(pdf), page_numbers=[0], laparams=LAParams()):
            walk(layout)
    except Exception as exc:
        raise InvalidPdfError(f"Cannot read the PDF text ({type(exc).__name__})") from None
    for annot in _annotations(page_obj):
        rect = annot.get("/Rect")
        if rect is not None and len(rect) == 4:
            x0, y0, x1, y1 = (float(v) for v in rect)
            boxes.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return boxes


def _free(rect: Rect, boxes: list[Rect], gap: float = 3 * MM) -> bool:
    """Whether ``rect`` keeps clear of every box by ``gap`` (a stamp never touches the text)."""
    x0, y0, x1, y1 = rect
    return not any(
        bx0 < x1 + gap and bx1 > x0 - gap and by0 < y1 + gap and by1 > y0 - gap
        for bx0, by0, bx1, by1 in boxes
    )


def find_free_area(pdf: bytes, page_obj, width: float, height: float) -> tuple[Rect, float]:
    """(rect, scale): the highest free place on page 1 for a ``width`` x ``height`` box
    drawn at ``scale``, rightmost first (the clerk stamps under the national motto and
    the date when there is room), full size first, then smaller; the top right corner at
    the smallest size when the page has no free place."""
    px0, py0, px1, py1 = _page_box(page_obj)
    margin = MARGIN_MM * MM
    boxes = _occupied(pdf, page_obj)
    for scale in SCALES:
        w, h = width * scale, height * scale
        top = py1 - margin
        while top - h >= py0 + margin:
            x1 = px1 - margin
            while x1 - w >= px0 + margin:
                rect = (x1 - w, top - h, x1, top)
                if _free(rect, boxes):
                    return rect, scale
                x1 -= 6
            top -= 6
    w, h = width * SCALES[-1], height * SCALES[-1]
    return (px1 - margin - w, py1 - margin - h, px1 - margin, py1 - margin), SCALES[-1]


# ------------------------------------------------------------------ writing


def _write_box(writer, page_ref, rect, stream, *, name, mark, text, extra=None):
    """A visible box with ``stream`` as its appearance: a new unsigned signature field."""
    annot = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in rect),
            pdf_name("/F"): generic.NumberObject(4 | 128),  # print, locked
            pdf_name("/P"): page_ref,
            pdf_name("/NM"): pdf_string(mark),
            pdf_name("/Contents"): pdf_string(text),
            pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): writer.add_object(stream)}),
        }
    )
    if extra:
        annot.update(extra)
    names = set(field_names(writer))
    unique, n = name, 2
    while unique in names:
        unique, n = f"{name}_{n}", n + 1
    annot[pdf_name("/Subtype")] = pdf_name("/Widget")
    annot[pdf_name("/FT")] = pdf_name("/Sig")
    annot[pdf_name("/T")] = pdf_string(unique)
    annot[pdf_name("/TU")] = pdf_string(text)
    append_widget(writer, page_ref, annot)


def _check_not_certified(writer):
    permission = _docmdp_permission(writer)
    if permission is None:
        return
    raise ArrivalStampRefusedError(
        f"A certification signature (DocMDP P={permission}) does not permit the stamp",
        permission=permission,
    )


def _signature_states(pdf: bytes) -> dict:
    """Field name → (docmdp_ok, modification level) of every signature, by pyHanko's
    standard difference policy."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.pdf_embedded import collect_embedded_signatures

    states = {}
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    for emb in collect_embedded_signatures(reader):
        try:
            emb.compute_integrity_info()
            summary = emb.summarise_integrity_info()
            diff = summary.get("diff_result")
            level = getattr(diff, "modification_level", None)
            states[emb.field_name] = (summary.get("docmdp_ok") is not False, level is not None)
        except Exception:
            states[emb.field_name] = (False, False)
    return states


def _check_signatures_kept(before: bytes, after: bytes):
    old = _signature_states(before)
    if not old:
        return
    new = _signature_states(after)
    for name, (ok_before, _) in old.items():
        if ok_before and not new.get(name, (False, False))[0]:
            raise ArrivalStampRefusedError(
                f"The stamp would invalidate the signature {name}", field_name=name
            )


def _finish(pdf: bytes, writer) -> bytes:
    out = BytesIO()
    writer.write(out)
    stamped = out.getvalue()
    _check_signatures_kept(pdf, stamped)
    return stamped


def stamp_arrival(
    pdf_bytes: bytes,
    agency: str,
    number: str | int,
    received_at_iso: str | datetime,
    forwarded_to: str | None = None,
    dossier: str | None = None,
    *,
    font_path: str | None = None,
    rect: Rect | None = None,
) -> bytes:
    """Write the "ĐẾN" stamp on page 1 (an incremental update of ``pdf_bytes``).

    ``received_at_iso``: ISO 8601 (``2026-03-05T09:15:00+07:00``) or an aware datetime,
    shown as ``05/03/2026 09:15`` in Vietnam time. ``rect`` forces the place (PDF points);
    by default the first free area from the top right. Stamping again with the same
    ``number`` returns ``pdf_bytes`` unchanged; a different number raises
    :class:`ArrivalStampError`. Raises :class:`InvalidPdfError` (:class:`EncryptedPdfError`)
    for unreadable or encrypted files and :class:`ArrivalStampRefusedError` when the
    existing signatures do not permit the stamp.
    """
    number = str(number)
    writer = _open(pdf_bytes)
    page_ref, page_obj = _page(writer)
    existing = _marked(page_obj, MARK)
    if existing:
        stamped_number = str(existing[-1]["/NM"])[len(MARK) :]
        if stamped_number == number:
            return pdf_bytes
        raise ArrivalStampError(
            "The file already carries an arrival stamp with another number",
            number=stamped_number,
        )
    _check_not_certified(writer)
    fonts = _fonts(font_path)
    when_text = _format_received(received_at_iso)
    width, height, runs, forward = _layout(agency, number, when_text, forwarded_to, dossier, fonts)
    if rect is None:
        rect, scale = find_free_area(pdf_bytes, page_obj, width, height)
    else:
        scale = (rect[2] - rect[0]) / width
        rect = (rect[0], rect[3] - height * scale, rect[2], rect[3])
    stream = _content(runs, width, height, fonts, writer)
    # the viewer fits the appearance (width x height) into the rect: the blank after
    # "Chuyển:" is kept in page coordinates for update_forwarded
    forward_abs = generic.ArrayObject(
        generic.FloatObject(round(rect[i % 2] + v * scale + (height * scale if i % 2 else 0), 2))
        for i, v in enumerate(forward)
    )
    _write_box(
        writer,
        page_ref,
        rect,
        stream,
        name=ARRIVAL_FIELD,
        mark=MARK + number,
        text=f"ĐẾN Số: {number} Ngày: {when_text}",
        extra={pdf_name(FORWARD_RECT_KEY): forward_abs},
    )
    return _finish(pdf_bytes, writer)


def update_forwarded(pdf_bytes: bytes, forwarded_to: str, *, font_path: str | None = None):
    """Write "Chuyển: <forwarded_to>" into the stamp already on page 1, as a further
    incremental update (a white box over the blank after the label, of the same kind as
    the stamp). The same text again returns ``pdf_bytes`` unchanged."""
    writer = _open(pdf_bytes)
    page_ref, page_obj = _page(writer)
    stamps = _marked(page_obj, MARK)
    if not stamps:
        raise ArrivalStampError("The file carries no arrival stamp")
    stamp = stamps[-1]
    written = _marked(page_obj, FORWARD_MARK)
    if written and str(written[-1].get("/Contents", "")) == forwarded_to:
        return pdf_bytes
    if FORWARD_RECT_KEY not in stamp:
        raise ArrivalStampError("The arrival stamp has no place for the forwarding")
    _check_not_certified(writer)
    fonts = _fonts(font_path)
    x0, y0, x1, y1 = (float(v) for v in stamp[FORWARD_RECT_KEY])
    sx0, _sy0, sx1, _sy1 = (float(v) for v in stamp["/Rect"])
    scale = (sx1 - sx0) / (WIDTH_MM * MM)
    width, height = (x1 - x0) / scale, (y1 - y0) / scale
    text, size = _fit(forwarded_to, fonts[False], width - 1)
    ascent, descent = font_metrics(fonts[False])
    baseline = -(height - (ascent - descent) * size) / 2 - ascent * size
    runs = [_Run(text, 0.5, baseline, size, False, BLACK)]
    stream = _content(runs, width, height, fonts, writer, border=False, background=True)
    _write_box(
        writer,
        page_ref,
        (x0, y0, x1, y1),
        stream,
        name=FORWARD_FIELD,
        mark=FORWARD_MARK + str(len(written) + 1),
        text=forwarded_to,
    )
    return _finish(pdf_bytes, writer)
