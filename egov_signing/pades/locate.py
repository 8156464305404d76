"""Find text on a PDF page: the signature block, the "Số:" line, the date line.

Uses pdfminer.six character boxes (PDF user space, origin bottom-left).
"""

import re
import unicodedata
from dataclasses import dataclass
from io import BytesIO

from .errors import InvalidPdfError, PlacementError

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class Char:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str


@dataclass(frozen=True)
class TextLine:
    """One line of text as pdfminer groups it, with its characters."""

    page: int
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def bbox(self) -> Rect:
        return (
            min(c.x0 for c in self.chars),
            min(c.y0 for c in self.chars),
            max(c.x1 for c in self.chars),
            max(c.y1 for c in self.chars),
        )

    @property
    def center_x(self) -> float:
        x0, _, x1, _ = self.bbox
        return (x0 + x1) / 2

    def normalised(self) -> tuple[str, list[int]]:
        """Normalised text and, for each of its characters, the index in :attr:`chars`."""
        out: list[str] = []
        owners: list[int] = []
        for idx, ch in enumerate(self.chars):
            piece = normalise(ch.text)
            out.append(piece)
            owners.extend([idx] * len(piece))
        return "".join(out), owners


def normalise(text: str) -> str:
    """NFC, case-folded, white space as plain spaces (one output char per input char)."""
    text = unicodedata.normalize("NFC", text)
    return "".join(" " if ch.isspace() else ch.casefold()[:1] for ch in text)


def _collapse(text: str) -> str:
    return " ".join(normalise(text).split())


def _split_segments(chars: list[Char]) -> list[list[Char]]:
    """Split a pdfminer line where a wide horizontal gap separates two columns."""
    segments: list[list[Char]] = [[]]
    for ch in chars:
        cur = segments[-1]
        if cur and ch.x0 - cur[-1].x1 > 3 * max(ch.size, 1):
            segments.append([])
        segments[-1].append(ch)
    return [s for s in segments if s]


def page_lines(pdf: bytes, pages: list[int]) -> list[TextLine]:
    """Text lines of the given 0-based pages, top to bottom within each page."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
    except ImportError as exc:  # pragma: no cover
        raise PlacementError("pdfminer.six is needed to locate text in a PDF") from exc

    result: list[TextLine] = []
    try:
        layouts = list(extract_pages(BytesIO(pdf), page_numbers=pages, laparams=LAParams()))
    except Exception as exc:
        raise InvalidPdfError(f"Cannot read the PDF text ({type(exc).__name__})") from None
    for page_index, layout in zip(sorted(pages), layouts, strict=False):
        lines: list[TextLine] = []

        def walk(obj, page_index, lines):
            if isinstance(obj, LTTextLine):
                chars = [
                    Char(c.get_text(), c.x0, c.y0, c.x1, c.y1, c.size, c.fontname)
                    for c in obj
                    if isinstance(c, LTChar)
                ]
                for seg in _split_segments(chars):
                    lines.append(TextLine(page_index, tuple(seg)))
            elif isinstance(obj, LTTextContainer) or hasattr(obj, "__iter__"):
                for child in obj:
                    walk(child, page_index, lines)

        walk(layout, page_index, lines)
        lines.sort(key=lambda ln: (-ln.bbox[3], ln.bbox[0]))
        result.extend(lines)
    return result


def _matches(line: TextLine, needle: str) -> bool:
    return _collapse(needle) in _collapse(line.text)


@dataclass(frozen=True)
class SignatureBlock:
    page: int
    position_line: TextLine
    name_line: TextLine

    @property
    def gap(self) -> Rect:
        """The empty area between the position line and the name line."""
        px0, py0, px1, _ = self.position_line.bbox
        nx0, _, nx1, ny1 = self.name_line.bbox
        return (min(px0, nx0), ny1, max(px1, nx1), py0)

    @property
    def center_x(self) -> float:
        return (self.position_line.center_x + self.name_line.center_x) / 2


def find_signature_block(
    pdf: bytes, page_count: int, full_name: str, position: str | None = None
) -> SignatureBlock:
    """The signer's block: the line with ``full_name`` and the position (chức vụ)
    line just above it in the same column. Pages are searched from the last.
    """
    for page in range(page_count - 1, -1, -1):
        lines = page_lines(pdf, [page])
        for idx, line in enumerate(lines):
            if not _matches(line, full_name):
                continue
            nx0, _, nx1, ny1 = line.bbox
            above = [
                other
                for other in lines[:idx]
                if other.bbox[1] > ny1
                and other.bbox[0] < nx1
                and other.bbox[2] > nx0
                and other.text.strip()
            ]
            if position:
                above = [other for other in above if _matches(other, position)]
            if above:
                nearest = min(above, key=lambda o: o.bbox[1] - ny1)
                return SignatureBlock(page, nearest, line)
    raise PlacementError(
        "Signature block not found: no line with the signer's name under a position line",
        full_name=full_name,
        position=position,
    )


_NUMBER_RE = re.compile(r"số\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class FieldSpot:
    """Where a number or date form field goes, with the size/style of the text there."""

    page: int
    rect: Rect
    font_size: float
    italic: bool


def _spot(
    line: TextLine, owners: list[int], start: int, end: int, pad_right: float = 0
) -> FieldSpot:
    page = line.page
    chosen = line.chars[owners[start] : owners[end - 1] + 1]
    size = max(c.size for c in chosen)
    italic = any("italic" in c.font.lower() for c in chosen)
    x0 = chosen[0].x0
    x1 = chosen[-1].x1 + pad_right
    y0 = min(c.y0 for c in chosen)
    y1 = max(c.y1 for c in chosen)
    return FieldSpot(page, (x0 - 0.5, y0 - 1, x1 + 0.5, y1 + 1), size, italic)


def find_number_spot(pdf: bytes, page: int = 0) -> FieldSpot:
    """The gap after "Số:" and before "/" (e.g. ``Số: ……/QĐ-UBND``)."""
    for line in page_lines(pdf, [page]):
        text, owners = line.normalised()
        match = _NUMBER_RE.search(text)
        if not match:
            continue
        slash = text.find("/", match.end())
        if slash < 0:
            continue
        start = match.end()
        while start < slash and text[start] == " ":
            start += 1
        if start == slash:  # "Số:/QĐ": no room, take a 3-digit width before "/"
            raise PlacementError("The number line has no placeholder before '/'")
        return _spot(line, owners, start, slash)
    raise PlacementError("No 'Số: …/…' line found on the page", page=page)


def find_date_spot(pdf: bytes, page: int = 0, slack: float = 30) -> FieldSpot:
    """From "ngày" to the end of the date line (``…, ngày … tháng … năm 2026``)."""
    for line in page_lines(pdf, [page]):
        text, owners = line.normalised()
        start = text.find("ngày")
        if start < 0 or "tháng" not in text[start:] or "năm" not in text[start:]:
            continue
        end = len(text.rstrip())
        return _spot(line, owners, start, end, pad_right=slack)
    raise PlacementError("No 'ngày … tháng … năm …' date line found on the page", page=page)
