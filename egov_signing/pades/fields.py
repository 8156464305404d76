"""Number and date on an already-signed document (NĐ 30 Điều 15.3).

The draft carries two read-only text fields, put there before anyone signs:
``EgovNumber`` over the gap in "Số: ……/QĐ-UBND" and ``EgovDate`` over
"ngày … tháng … năm 2026". After the competent person's approval signature the
clerk fills them in an incremental update; to pyHanko's difference analysis
that is *form filling*, a permitted change for an approval signature, so the
signer's signature stays valid. The organisation then signs and locks them, writing
their appearances again in its own revision (:func:`own_appearances`) so that the
document still accepts later revisions (a receiver's signature or "ĐẾN" stamp).
"""

from datetime import date, datetime
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from .appearance import empty_appearance_stream, font_metrics, new_font_engine
from .errors import FieldError, InvalidPdfError
from .fonts import find_font
from .locate import FieldSpot, find_date_spot, find_number_spot

NUMBER_FIELD = "EgovNumber"
DATE_FIELD = "EgovDate"
_FONTS = {False: "/TiRo", True: "/TiIt"}  # standard 14 names in /DA, for viewers
_BASE14 = {"/TiRo": "/Times-Roman", "/TiIt": "/Times-Italic"}

Rect = tuple[float, float, float, float]


def open_incremental(pdf: bytes) -> IncrementalPdfFileWriter:
    try:
        return IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except Exception as exc:
        raise InvalidPdfError(f"Not a readable PDF ({type(exc).__name__})") from None


def format_vn_date(value: date | datetime) -> str:
    """``ngày 05 tháng 3 năm 2026``: days below 10 and months 1, 2 get a leading
    zero (NĐ 30 PL I, II.5)."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def _iter_fields(writer):
    acroform = writer.root.get("/AcroForm")
    if acroform is None:
        return
    stack = list(acroform.get_object().get("/Fields", ()))
    while stack:
        ref = stack.pop()
        obj = ref.get_object()
        yield ref, obj
        stack.extend(obj.get("/Kids", ()) if "/T" in obj else ())


def find_field(writer, name: str):
    for ref, obj in _iter_fields(writer):
        if obj.get("/T") == name:
            return ref, obj
    return None, None


def field_names(writer) -> list[str]:
    return [str(obj["/T"]) for _, obj in _iter_fields(writer) if "/T" in obj]


def _ensure_acroform(writer):
    root = writer.root
    if "/AcroForm" not in root:
        root["/AcroForm"] = writer.add_object(
            generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        )
        writer.update_root()
    acroform = root["/AcroForm"]
    fonts = generic.DictionaryObject()
    dr = acroform.get("/DR")
    if dr is not None:
        fonts = dr.get("/Font", fonts)
    changed = False
    for short, base in _BASE14.items():
        if short not in fonts:
            fonts[pdf_name(short)] = generic.DictionaryObject(
                {
                    pdf_name("/Type"): pdf_name("/Font"),
                    pdf_name("/Subtype"): pdf_name("/Type1"),
                    pdf_name("/BaseFont"): pdf_name(base),
                    pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
                }
            )
            changed = True
    if changed:
        acroform["/DR"] = generic.DictionaryObject({pdf_name("/Font"): fonts})
    ref = root.raw_get("/AcroForm")
    if isinstance(ref, generic.IndirectObject):
        writer.mark_update(ref)
    else:
        writer.update_root()
    return acroform


def _add_text_field(
    writer, name: str, page: int, rect: Rect, size: float, italic: bool, align: int
):
    page_ref = writer.find_page_for_modification(page)[0]
    x0, y0, x1, y1 = rect
    field = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): pdf_string(name),
            pdf_name("/Ff"): generic.NumberObject(1),  # read-only for viewers
            pdf_name("/F"): generic.NumberObject(4),  # print
            pdf_name("/Q"): generic.NumberObject(align),
            pdf_name("/DA"): pdf_string(f"{_FONTS[italic]} {size:g} Tf 0 g"),
            pdf_name("/Rect"): generic.ArrayObject(
                generic.FloatObject(v) for v in (x0, y0, x1, y1)
            ),
            pdf_name("/P"): page_ref,
            pdf_name("/AP"): generic.DictionaryObject(
                {pdf_name("/N"): writer.add_object(empty_appearance_stream(x1 - x0, y1 - y0))}
            ),
        }
    )
    _ensure_acroform(writer)
    append_widget(writer, page_ref, field)


def append_widget(writer, page_ref, widget) -> generic.IndirectObject:
    """Add ``widget`` (a field that is its own widget annotation) to its page's /Annots and
    to the form's /Fields, marking for the incremental update exactly what changes."""
    widget_ref = writer.add_object(widget)
    page_obj = page_ref.get_object()
    annots = page_obj.get("/Annots")
    if annots is None:
        page_obj["/Annots"] = generic.ArrayObject([widget_ref])
        writer.update_container(page_obj)
    else:
        annots.append(widget_ref)
        annots_ref = page_obj.raw_get("/Annots")
        if isinstance(annots_ref, generic.IndirectObject):
            writer.mark_update(annots_ref)
        else:
            writer.update_container(page_obj)
    root = writer.root
    if "/AcroForm" not in root:
        root["/AcroForm"] = writer.add_object(
            generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject([widget_ref])})
        )
        writer.update_root()
        return widget_ref
    acroform = root["/AcroForm"]
    if "/Fields" not in acroform:
        acroform["/Fields"] = generic.ArrayObject()
    acroform["/Fields"].append(widget_ref)
    fields_ref = acroform.raw_get("/Fields")
    acroform_ref = root.raw_get("/AcroForm")
    if isinstance(fields_ref, generic.IndirectObject):
        writer.mark_update(fields_ref)
    elif isinstance(acroform_ref, generic.IndirectObject):
        writer.mark_update(acroform_ref)
    else:
        writer.update_root()
    return widget_ref


def add_number_date_fields(
    pdf: bytes,
    *,
    page: int = 0,
    number_rect: Rect | None = None,
    date_rect: Rect | None = None,
    font_size: float | None = None,
    number_field: str = NUMBER_FIELD,
    date_field: str = DATE_FIELD,
) -> bytes:
    """Add the empty number and date fields to an unsigned draft.

    Without rects, they are found in the text of ``page``: the gap between
    "Số:" and "/", and "ngày … tháng … năm …" to the end of its line (the size
    and italic style of that text are recorded in the field's /DA).
    """
    writer = open_incremental(pdf)
    existing = set(field_names(writer))
    if number_field in existing or date_field in existing:
        raise FieldError("The document already has number/date fields", fields=sorted(existing))
    spots: list[tuple[str, FieldSpot, int]] = []
    for name, rect, finder, align, italic in (
        (number_field, number_rect, find_number_spot, 2, False),
        (date_field, date_rect, find_date_spot, 0, True),
    ):
        if rect is None:
            spot = finder(pdf, page)
        else:
            spot = FieldSpot(page, tuple(rect), font_size or 13, italic)
        spots.append((name, spot, align))
    for name, spot, align in spots:
        _add_text_field(
            writer, name, spot.page, spot.rect, font_size or spot.font_size, spot.italic, align
        )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _field_style(field) -> tuple[float, bool]:
    parts = str(field.get("/DA", "/TiRo 13 Tf")).split()
    size, italic = 13.0, False
    if "Tf" in parts:
        idx = parts.index("Tf")
        size = float(parts[idx - 1])
        italic = parts[idx - 2] == _FONTS[True]
    return size, italic


def _fill(writer, field, value: str, font_path: str | None):
    size, italic = _field_style(field)
    font = find_font(font_path, "italic" if italic else "regular")
    x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
    width, height = x1 - x0, y1 - y0
    engine = new_font_engine(writer, font, size)
    shaped = engine.shape(value)
    text_w = shaped.x_advance * size
    ascent, descent = font_metrics(font)
    baseline = (height - (ascent - descent) * size) / 2 - descent * size
    align = int(field.get("/Q", 0))
    x = {0: 1.0, 1: (width - text_w) / 2, 2: width - text_w - 1.0}.get(align, 1.0)
    content = b"/Tx BMC q 1 1 1 rg 0 0 %g %g re f 0 g BT /F1 %g Tf %g %g Td %s ET Q EMC" % (
        width,
        height,
        size,
        x,
        baseline,
        shaped.graphics_ops,
    )
    stream = empty_appearance_stream(width, height, content)
    stream["/Resources"] = generic.DictionaryObject(
        {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/F1"): engine.as_resource()})}
    )
    stream.compress()
    field["/V"] = pdf_string(value)
    field["/AP"] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(stream)})
    writer.update_container(field)


def fill_number_date(
    pdf: bytes,
    *,
    number: str,
    date: date | datetime | str,
    font_path: str | None = None,
    number_field: str = NUMBER_FIELD,
    date_field: str = DATE_FIELD,
    overwrite: bool = False,
) -> bytes:
    """Write the number (e.g. ``"125"``) and the date into the fields, as one
    incremental update that leaves earlier signatures intact. ``date`` may be a
    date (formatted with :func:`format_vn_date`) or the exact text to show."""
    writer = open_incremental(pdf)
    text_date = date if isinstance(date, str) else format_vn_date(date)
    for name, value in ((number_field, str(number)), (date_field, text_date)):
        _ref, field = find_field(writer, name)
        if field is None:
            raise FieldError("The document has no number/date field", field=name)
        if field.get("/V") and not overwrite:
            raise FieldError("The number/date field is already filled", field=name)
        _fill(writer, field, value, font_path)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def fields_locked_by_signatures(writer) -> set[str]:
    """Names of the form fields that a signature already in the file locks (FieldMDP)."""
    from pyhanko.sign.validation.pdf_embedded import collect_embedded_signatures

    names = set(field_names(writer))
    locked = set()
    for signature in collect_embedded_signatures(writer.prev):
        spec = signature.fieldmdp
        if spec is not None:
            locked |= {name for name in names if spec.is_locked(name)}
    return locked


def own_appearances(writer, names) -> list[str]:
    """Write the appearance streams of the fields ``names`` again, as new objects of the
    revision ``writer`` is preparing; returns the names of the fields rewritten.

    A signature that locks fields (FieldMDP) must carry their appearances in its own
    revision: pyHanko 0.38's standard difference policy takes an appearance stream last
    written in any *other* revision than the signed one for an in-place update of a locked
    field, and so rejects every later revision, e.g. a receiver's signature or "ĐẾN" stamp
    (``_allow_in_place_appearance_update`` compares ``get_last_change(ref) == signed
    revision``). The copies have the same bytes: nothing visible changes."""
    rewritten = []
    for name in names:
        _ref, field = find_field(writer, name)
        if field is None:
            continue
        widgets = [field] if "/AP" in field else []
        widgets += [kid.get_object() for kid in field.get("/Kids", ()) if "/AP" in kid.get_object()]
        for widget in widgets:
            old = widget["/AP"]
            fresh = generic.DictionaryObject()
            for key, value in old.items():
                stream = value.get_object() if isinstance(value, generic.IndirectObject) else None
                if isinstance(stream, generic.StreamObject):
                    value = writer.add_object(
                        generic.StreamObject(dict(stream), encoded_data=stream.encoded_data)
                    )
                fresh[key] = value
            widget["/AP"] = fresh
            writer.update_container(widget)
        if widgets:
            rewritten.append(name)
    return rewritten


def read_number_date(
    pdf: bytes, number_field: str = NUMBER_FIELD, date_field: str = DATE_FIELD
) -> dict:
    """``{"number": ..., "date": ...}`` as filled (``None`` when absent/empty)."""
    writer = open_incremental(pdf)
    result = {}
    for key, name in (("number", number_field), ("date", date_field)):
        _ref, field = find_field(writer, name)
        value = field.get("/V") if field is not None else None
        result[key] = str(value) if value else None
    return result
