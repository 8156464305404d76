"""The three visible signatures of NĐ 30/2020 Phụ lục I.

* :class:`SignerAppearance`: the competent person's signature (box 7): blue
  handwritten image centred between the position (chức vụ) line and the name line.
* :class:`SealAppearance`: the issuing organisation (box 8): red seal at its real
  size overlapping about 1/3 of the signer's image on its left, with the agency
  name and the ISO 8601 signing time.
* :class:`StampAppearance`: separate appendix files (no image) and digitised
  paper (seal image), top right of page 1: số và ký hiệu + time, Times 10 pt black.

Each appearance only *describes*; :mod:`.engine` measures the page and builds the
pyHanko stamp with :class:`CompositeStampStyle`.
"""

import io
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.content import ResourceType
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.stamp.base import BaseStamp, BaseStampStyle

MM = 72 / 25.4
Rect = tuple[float, float, float, float]
ImageSource = bytes | str | Path


@dataclass(frozen=True)
class Placement:
    """An explicit place: 0-based ``page`` (negative counts from the end) and
    ``rect`` = (x0, y0, x1, y1) in PDF points, origin bottom-left."""

    page: int
    rect: Rect


@dataclass(frozen=True)
class SignerAppearance:
    """Approval signature of the competent person (NĐ 30 PL I, II.7.d).

    Give ``full_name`` (and preferably ``position``, e.g. "PHÓ CHỦ TỊCH") to find
    the signature block in the text, or an explicit ``placement`` for the image
    box. ``image_ratio`` is the share of the gap between the two lines the image
    height takes; ``max_width_mm`` caps its width.
    """

    signature_image: ImageSource = field(repr=False)
    full_name: str | None = None
    position: str | None = None
    placement: Placement | None = None
    image_ratio: float = 0.9
    max_width_mm: float = 50
    field_name: str = "EgovSigner"
    reason: str = "Ký duyệt văn bản"


@dataclass(frozen=True)
class SealAppearance:
    """Signature of the issuing organisation (NĐ 30 PL I, II.8.a).

    The seal is drawn ``seal_diameter_mm`` wide (its real size) so that it covers
    ``overlap`` of the signer's image on the left, centred on it vertically.
    ``signer_field`` names the signer's signature field (default: the last
    :class:`SignerAppearance` field in the file); without one, ``placement``
    gives the seal's box. ``caption`` writes the agency name and the ISO 8601 time
    under the seal (``caption_position="below"``) or at its left (``"left"``),
    ``caption_font_size`` pt, black. ``lock_fields``: form
    fields this signature locks with a FieldMDP (default: the number/date fields
    when present; ``()`` locks nothing).
    """

    seal_image: ImageSource = field(repr=False)
    agency_name: str
    seal_diameter_mm: float = 36
    overlap: float = 1 / 3
    signer_field: str | None = None
    placement: Placement | None = None
    caption: bool = True
    caption_position: str = "below"  # or "left"
    caption_font_size: float = 8
    caption_width_mm: float = 48
    lock_fields: tuple[str, ...] | None = None
    field_name: str = "EgovOrganisation"
    reason: str = "Ký số của cơ quan ban hành"


@dataclass(frozen=True)
class StampAppearance:
    """Organisation signature at the top right of page 1 (NĐ 30 PL I II.8.b, III.1.d;
    Phần II I.3 for copies): ``lines`` of text (số và ký hiệu, or for copies the
    copy form and the agency) followed by the ISO 8601 signing time, Times
    ``font_size`` pt black; ``seal_image`` left of the text for digitised paper.
    """

    lines: tuple[str, ...]
    seal_image: ImageSource | None = field(default=None, repr=False)
    seal_diameter_mm: float = 20
    font_size: float = 10
    top_margin_mm: float = 6
    right_margin_mm: float = 15
    with_time: bool = True
    field_name: str = "EgovAttachment"
    reason: str = "Ký số văn bản kèm theo"

    @classmethod
    def appendix(cls, doc_number: str, **kwargs) -> "StampAppearance":
        """Separate appendix/attachment file: no image, "số và ký hiệu" + time."""
        return cls(lines=(doc_number,), **kwargs)

    @classmethod
    def digitised(
        cls,
        doc_number: str | None,
        seal_image: ImageSource,
        agency_name: str | None = None,
        seal_diameter_mm: float = 36,
        **kwargs,
    ) -> "StampAppearance":
        """Digitised paper (NĐ 30 PL I III.1.d; Tây Ninh Điều 8.2.a, Kon Tum Điều 11.6.a):
        the agency's seal at its real size (``seal_diameter_mm``, 36 mm unless the agency
        says otherwise), then the agency name, the "số và ký hiệu" when there is one, and
        the time."""
        kwargs.setdefault("field_name", "EgovDigitised")
        kwargs.setdefault("reason", "Ký số bản số hóa")
        lines = tuple(line for line in (agency_name, doc_number) if line)
        return cls(lines=lines, seal_image=seal_image, seal_diameter_mm=seal_diameter_mm, **kwargs)

    @classmethod
    def copy(  # pylint: disable=method-required-super  # a constructor, not Model.copy
        cls, copy_form: str, agency: str, **kwargs
    ) -> "StampAppearance":
        """Electronic copy (SAO Y / SAO LỤC / TRÍCH SAO): form, agency, time."""
        kwargs.setdefault("field_name", "EgovCopy")
        kwargs.setdefault("reason", copy_form)
        return cls(lines=(copy_form, agency), **kwargs)


Appearance = SignerAppearance | SealAppearance | StampAppearance


# ------------------------------------------------------------------ stamp drawing


def load_image(source: ImageSource):
    """A Pillow RGBA image from PNG bytes or a path."""
    from PIL import Image

    img = Image.open(source if isinstance(source, (str, Path)) else io.BytesIO(source))
    img.load()
    return img.convert("RGBA")


def fit_image(img, width_pt: float, dpi: int = 300):
    """Downscale to ``dpi`` at the printed width (keeps files small)."""
    from PIL import Image

    target = max(1, int(width_pt / 72 * dpi))
    if img.width > target:
        img = img.resize((target, max(1, round(img.height * target / img.width))), Image.LANCZOS)
    return img


@lru_cache(maxsize=8)
def _font_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


@lru_cache(maxsize=8)
def font_metrics(path: str) -> tuple[float, float]:
    """(ascent, descent) in em units from the font's hhea table."""
    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(_font_bytes(path)), lazy=True)
    upm = tt["head"].unitsPerEm
    return tt["hhea"].ascent / upm, tt["hhea"].descent / upm


def new_font_engine(writer, font_path: str, size: float):
    """A pyHanko glyph accumulator (subset TrueType, CID-keyed, with ToUnicode)
    that writes metrics in the 1/1000 em units PDF requires."""
    return _glyph_accumulator_class()(
        writer=writer,
        font_handle=io.BytesIO(_font_bytes(font_path)),
        font_size=size,
        bcp47_lang_code="vi",
    )


@lru_cache(maxsize=1)
def _glyph_accumulator_class():
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    # fontTools reports dropped tables (FFTM...) as warnings on every subset
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

    class Em1000GlyphAccumulator(GlyphAccumulator):
        """pyHanko 0.38 writes /W widths, TJ adjustments and the font descriptor
        in font design units, which is only right for fonts with 1000 units per
        em. Times New Roman and Liberation Serif have 2048: the text comes out
        spread. Here HarfBuzz works at a 1000-unit scale and every metric that
        goes into the PDF is converted to it."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            upem = self.units_per_em
            self._to_1000 = 1000 / upem
            self.units_per_em = 1000
            self.hb_font.scale = (1000, 1000)
            descriptor = self.cidfont_obj._font_descriptor
            for key in ("/Ascent", "/Descent", "/CapHeight"):
                if key in descriptor:
                    descriptor[key] = generic.NumberObject(
                        round(int(descriptor[key]) * self._to_1000)
                    )
            descriptor["/FontBBox"] = generic.ArrayObject(
                generic.NumberObject(round(int(v) * self._to_1000)) for v in descriptor["/FontBBox"]
            )

        def _get_cid_and_width(self, glyph_id: int):
            cached = self._glyphs.get(glyph_id)
            if cached is not None:
                return cached
            cid, width = super()._get_cid_and_width(glyph_id)
            self._glyphs[glyph_id] = result = (cid, round(width * self._to_1000))
            return result

    return Em1000GlyphAccumulator


def text_width(font_path: str, size: float, text: str) -> float:
    """Advance width of ``text`` in points (HarfBuzz shaping, like the renderer)."""
    import uharfbuzz as hb

    face = hb.Face(_font_bytes(font_path))
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf)
    return sum(p.x_advance for p in buf.glyph_positions) / face.upem * size


@dataclass(frozen=True)
class ImageItem:
    """An image drawn at (x, y, width, height) inside the widget box."""

    image: object
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class TextItem:
    """Lines of text; ``x`` is the left, right or centre edge per ``align``,
    ``top`` the top of the first line, inside the widget box."""

    lines: tuple[str, ...]
    x: float
    top: float
    font_path: str
    size: float
    align: str = "left"
    color: tuple[float, float, float] = (0, 0, 0)
    leading: float = 1.15


@dataclass(frozen=True)
class CompositeStampStyle(BaseStampStyle):
    """A pyHanko stamp style drawing exact images and text (no border, no default text)."""

    items: tuple = ()
    border_width: int = 0

    def create_stamp(self, writer, box, text_params) -> "CompositeStamp":
        return CompositeStamp(writer=writer, style=self, box=box)


class CompositeStamp(BaseStamp):
    def _render_inner_content(self):
        from pyhanko.pdf_utils.images import PdfImage
        from pyhanko.pdf_utils.layout import BoxConstraints

        ops: list[bytes] = []
        font_no = 0
        for item in self.style.items:
            if isinstance(item, ImageItem):
                # unit box, scaled by our own matrix: BoxConstraints rounds to integers
                img = PdfImage(item.image, writer=self.writer, box=BoxConstraints(1, 1))
                draw = img.render()
                self.import_resources(img.resources)
                ops.append(
                    b"q %g 0 0 %g %g %g cm %s Q" % (item.width, item.height, item.x, item.y, draw)
                )
            elif isinstance(item, TextItem):
                font_no += 1
                name = f"/F{font_no}"
                engine = new_font_engine(self.writer, item.font_path, item.size)
                self.set_resource(ResourceType.FONT, pdf_name(name), engine.as_resource())
                ascent, _ = font_metrics(item.font_path)
                step = item.size * item.leading
                baseline = item.top - ascent * item.size
                ops.append(b"q %g %g %g rg" % item.color)
                for line in item.lines:
                    shaped = engine.shape(line)
                    width = shaped.x_advance * item.size
                    x = item.x
                    if item.align == "right":
                        x -= width
                    elif item.align == "center":
                        x -= width / 2
                    ops.append(
                        b"BT %s %g Tf %g %g Td %s ET"
                        % (name.encode(), item.size, x, baseline, shaped.graphics_ops)
                    )
                    baseline -= step
                ops.append(b"Q")
        return ops


def empty_appearance_stream(
    width: float, height: float, content: bytes = b""
) -> generic.StreamObject:
    """A form XObject of the given size (transparent when ``content`` is empty)."""
    return generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject(
                [
                    generic.FloatObject(0),
                    generic.FloatObject(0),
                    generic.FloatObject(width),
                    generic.FloatObject(height),
                ]
            ),
            pdf_name("/Resources"): generic.DictionaryObject(),
        },
        stream_data=content,
    )
