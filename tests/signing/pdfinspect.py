"""Read back what a visible signature draws: its widget rectangle, the text
of its appearance stream (decoded through the embedded font's ToUnicode map),
the fonts, sizes and colours used, and where images are painted."""

import io
import re
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader


@dataclass
class TextRun:
    text: str
    font: str  # BaseFont of the Type0 font
    size: float
    color: tuple
    cids: list


@dataclass
class Widget:
    page: int
    rect: tuple
    page_box: tuple
    runs: list
    images: list  # (x, y, w, h) inside the widget box


def _to_unicode_map(font) -> dict[int, str]:
    data = font["/ToUnicode"].data.decode("latin-1")
    mapping: dict[int, str] = {}

    def uni(hexstr):
        return bytes.fromhex(hexstr).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(src, 16)] = uni(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)", block
        ):
            lo, hi = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, dst in enumerate(re.findall(r"<([0-9a-fA-F]+)>", rest)):
                    mapping[lo + i] = uni(dst)
            else:
                start = int(rest[1:-1], 16)
                for i in range(hi - lo + 1):
                    mapping[lo + i] = chr(start + i)
    return mapping


_TOKEN = re.compile(
    rb"(?P<tf>/(?P<fname>\w+)\s+(?P<size>[\d.]+)\s+Tf)"
    rb"|(?P<rg>(?P<r>[\d.]+)\s+(?P<g>[\d.]+)\s+(?P<b>[\d.]+)\s+rg)"
    rb"|(?P<tj>\[(?P<arr>[^\]]*)\]\s*TJ)"
    rb"|(?P<cm>(?P<a>[-\d.]+)\s+0\s+0\s+(?P<d>[-\d.]+)\s+(?P<e>[-\d.]+)\s+(?P<f>[-\d.]+)\s+cm)"
    rb"|(?P<do>/(?P<xname>[\w.-]+)\s+Do)"
    rb"|(?P<q>\bq\b)|(?P<Q>\bQ\b)"
)


def _walk(stream, runs, images, ctm=(1, 1, 0, 0)):
    resources = stream.get("/Resources", {})
    fonts = resources.get("/Font", {})
    xobjects = resources.get("/XObject", {})
    font, size, color = None, 0, (0, 0, 0)
    stack = []
    for m in _TOKEN.finditer(stream.data):
        if m.group("q"):
            stack.append(ctm)
        elif m.group("Q"):
            ctm = stack.pop() if stack else ctm
        elif m.group("cm"):
            sx, sy, tx, ty = (float(m.group(k)) for k in ("a", "d", "e", "f"))
            ctm = (ctm[0] * sx, ctm[1] * sy, ctm[2] + ctm[0] * tx, ctm[3] + ctm[1] * ty)
        elif m.group("tf"):
            font = fonts["/" + m.group("fname").decode()]
            size = float(m.group("size"))
        elif m.group("rg"):
            color = tuple(float(m.group(k)) for k in "rgb")
        elif m.group("tj"):
            cmap = _to_unicode_map(font)
            cids = [
                int(h[i : i + 4], 16)
                for h in re.findall(rb"<([0-9a-fA-F]+)>", m.group("arr"))
                for i in range(0, len(h), 4)
            ]
            runs.append(
                TextRun(
                    "".join(cmap.get(c, "\ufffd") for c in cids),
                    str(font["/BaseFont"]),
                    size,
                    color,
                    cids,
                )
            )
        elif m.group("do"):
            xo = xobjects["/" + m.group("xname").decode()].get_object()
            if xo["/Subtype"] == "/Image":
                images.append((ctm[2], ctm[3], ctm[0], ctm[1]))
            else:
                _walk(xo, runs, images, ctm)


def widget(pdf: bytes, field_name: str) -> Widget:
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    for sig in reader.embedded_signatures:
        if sig.field_name == field_name:
            field = sig.sig_field
            break
    else:
        raise KeyError(field_name)
    count = int(reader.root["/Pages"]["/Count"])
    page_ref = field.raw_get("/P")
    page = next(
        i for i in range(count) if reader.find_page_for_modification(i)[0].idnum == page_ref.idnum
    )
    page_obj = page_ref.get_object()
    box = tuple(float(v) for v in page_obj.get("/CropBox", page_obj["/MediaBox"]))
    runs, images = [], []
    _walk(field["/AP"]["/N"], runs, images)
    return Widget(page, tuple(float(v) for v in field["/Rect"]), box, runs, images)
