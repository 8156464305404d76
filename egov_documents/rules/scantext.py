"""The text of a scanned or electronic incoming document, for registration without retyping.

A PDF that carries a real text layer is read with pdfminer.six; a scan (an image-only PDF,
or a JPEG, both allowed incoming formats, Kon Tum Điều 11.3) is rasterised with
``pdftoppm`` (poppler-utils) and read by Tesseract with its Vietnamese model
(``tesseract-ocr-vie``). Only the pages that carry the metadata of the NĐ 30/2020 Phụ lục I
layout are read: the first two (agency, number, date, type, subject) and the last (the
signature block).

OCR lines are rebuilt from Tesseract's word boxes (TSV output) so that both sources read
alike: the left and right columns of the header ("SỞ TÀI CHÍNH" / "Độc lập - Tự do - Hạnh
phúc") become separate lines, and a wide vertical gap becomes a blank line, as pdfminer
gives between text boxes. Pages are separated by a form feed (``\\f``).

No shell is used; every subprocess has a timeout; temporary files live in a temporary
directory removed afterwards.
"""

import io
import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass

from .errors import RuleError, _lt

SOURCE_TEXT_LAYER = "text_layer"
SOURCE_OCR = "ocr"
OCR_LANGUAGE = "vie"
OCR_DPI = 300
#: seconds allowed to each external tool call (one page)
TOOL_TIMEOUT = 60
#: a text layer counts as real with at least this many letters on the pages read
MIN_TEXT_LETTERS = 40
#: a word gap wider than this many word heights splits a line into two columns
COLUMN_GAP = 2.5
#: a vertical gap wider than this many typical line pitches starts a new paragraph
PARAGRAPH_GAP = 1.45


class ScanError(RuleError):
    """A scan cannot be read: unsupported or damaged content, missing tool, timeout."""

    code = "scan_error"


@dataclass
class ScanText:
    """What was read: ``text`` (pages separated by ``\\f``), ``source`` (text layer or
    OCR), ``page_count`` of the file and ``pages_read`` (1-based page numbers)."""

    text: str
    source: str
    page_count: int
    pages_read: tuple


def file_kind(data):
    """The kind of scan ``data`` is, from its content: "pdf", "jpeg" or None."""
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return None


def pages_to_read(page_count):
    """The first two pages and the last one, 1-based, in order."""
    wanted = {1, 2, page_count} if page_count else {1}
    return tuple(sorted(page for page in wanted if 1 <= page <= max(page_count, 1)))


def extract_text(data, ocr=True, timeout=TOOL_TIMEOUT, dpi=OCR_DPI):
    """Return the :class:`ScanText` of ``data`` (PDF or JPEG bytes).

    A PDF with a real text layer is read from it; otherwise (and for a JPEG) it is read by
    OCR when ``ocr`` is true. Raises :class:`ScanError` with a clear message when the file
    is neither, is damaged, has no text and OCR is off, or a tool is missing or too slow.
    """
    kind = file_kind(data or b"")
    if kind is None:
        raise ScanError(
            _lt("Only a PDF or a JPEG scan can be read to fill in a document's information.")
        )
    if kind == "jpeg":
        if not ocr:
            raise ScanError(_lt("A JPEG scan can only be read by OCR, which is turned off."))
        with tempfile.TemporaryDirectory(prefix="egov-scan-") as folder:
            path = os.path.join(folder, "page.jpg")
            with open(path, "wb") as handle:
                handle.write(data)
            return ScanText(ocr_image(path, timeout=timeout), SOURCE_OCR, 1, (1,))
    page_count, layer = read_text_layer(data)
    pages = pages_to_read(page_count)
    text = "\f".join(layer[page - 1] for page in pages if page - 1 < len(layer))
    if has_real_text(text):
        return ScanText(text, SOURCE_TEXT_LAYER, page_count, pages)
    if not ocr:
        raise ScanError(_lt("The PDF has no text layer and OCR is turned off."))
    return ScanText(ocr_pdf(data, pages, timeout=timeout, dpi=dpi), SOURCE_OCR, page_count, pages)


def read_text_layer(data):
    """``(page count, [text of page 1, 2, …, last])`` of a PDF, read with pdfminer.six;
    pages other than the first two and the last are left empty (not read)."""
    from pdfminer.high_level import extract_text as pdfminer_text
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        page_count = sum(1 for _page in PDFPage.get_pages(io.BytesIO(data)))
        if not page_count:
            raise ScanError(_lt("The PDF has no page to read."))
        texts = [""] * page_count
        for page in pages_to_read(page_count):
            texts[page - 1] = pdfminer_text(io.BytesIO(data), page_numbers=[page - 1]) or ""
    except ScanError:
        raise
    except (PDFSyntaxError, PSException, ValueError, TypeError, KeyError) as error:
        raise ScanError(
            _lt("The PDF could not be read (%(reason)s): it may be damaged."),
            reason=type(error).__name__,
        ) from error
    except Exception as error:  # noqa: BLE001 - hostile bytes break pdfminer anywhere
        raise ScanError(
            _lt("The PDF could not be read (%(reason)s): it may be damaged."),
            reason=type(error).__name__,
        ) from error
    return page_count, [text.replace("\f", "").strip() for text in texts]


def has_real_text(text):
    """True when ``text`` is readable words, not empty or glyph codes ("(cid:12)") of a
    font without a character map."""
    if not text:
        return False
    unmapped = text.count("(cid:")
    letters = sum(1 for char in text if char.isalpha())
    return letters >= MIN_TEXT_LETTERS and unmapped * 5 < letters / 10


# --- OCR --------------------------------------------------------------------------------
def check_ocr_tools(timeout=TOOL_TIMEOUT):
    """Raise :class:`ScanError` naming the Debian package to install when ``pdftoppm``,
    ``tesseract`` or its Vietnamese model is missing."""
    if not shutil.which("pdftoppm"):
        raise ScanError(
            _lt(
                "OCR needs the poppler-utils package (pdftoppm): ask the administrator to "
                "install it."
            )
        )
    if not shutil.which("tesseract"):
        raise ScanError(
            _lt(
                "OCR needs the tesseract-ocr and tesseract-ocr-vie packages: ask the "
                "administrator to install them."
            )
        )
    languages = _run(["tesseract", "--list-langs"], timeout=timeout).decode(errors="replace")
    if OCR_LANGUAGE not in languages.split():
        raise ScanError(
            _lt(
                "OCR needs the tesseract-ocr-vie package (the Vietnamese model): ask the "
                "administrator to install it."
            )
        )


def ocr_pdf(data, pages, timeout=TOOL_TIMEOUT, dpi=OCR_DPI):
    """OCR of ``pages`` (1-based) of a PDF: each page rasterised at ``dpi`` in grey."""
    check_ocr_tools(timeout=timeout)
    texts = []
    with tempfile.TemporaryDirectory(prefix="egov-scan-") as folder:
        source = os.path.join(folder, "scan.pdf")
        with open(source, "wb") as handle:
            handle.write(data)
        for page in pages:
            prefix = os.path.join(folder, f"page{page}")
            _run(
                [
                    "pdftoppm",
                    "-r",
                    str(dpi),
                    "-gray",
                    "-tiff",  # uncompressed: PNG's deflate of a noisy scan takes seconds
                    "-singlefile",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    source,
                    prefix,
                ],
                timeout=timeout,
            )
            texts.append(ocr_image(prefix + ".tif", timeout=timeout, checked=True))
    return "\f".join(texts)


def ocr_image(path, timeout=TOOL_TIMEOUT, checked=False):
    """The text of one page image, lines rebuilt from Tesseract's word boxes."""
    if not checked:
        check_ocr_tools(timeout=timeout)
    tsv = _run(
        ["tesseract", path, "stdout", "-l", OCR_LANGUAGE, "--psm", "3", "tsv"],
        timeout=timeout,
    )
    return lines_from_tsv(tsv.decode("utf-8", errors="replace"))


def _run(command, timeout):
    """Run ``command`` (a list, no shell), one Tesseract thread (faster for one page);
    return its stdout or raise :class:`ScanError`."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        completed = subprocess.run(  # noqa: S603 - fixed tool names, list arguments
            command, capture_output=True, timeout=timeout, check=False, env=env
        )
    except FileNotFoundError as error:
        raise ScanError(
            _lt(
                "OCR needs the program %(tool)s, which is not installed: ask the "
                "administrator to install it (packages poppler-utils, tesseract-ocr-vie)."
            ),
            tool=command[0],
        ) from error
    except subprocess.TimeoutExpired as error:
        raise ScanError(
            _lt(
                "Reading the scan took longer than %(seconds)s seconds (%(tool)s) and was "
                "stopped: try a smaller or clearer scan."
            ),
            seconds=timeout,
            tool=command[0],
        ) from error
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip().splitlines()
        raise ScanError(
            _lt("The scan could not be read by %(tool)s: %(reason)s"),
            tool=command[0],
            reason=(message[-1] if message else f"exit code {completed.returncode}")[:200],
        )
    return completed.stdout


def lines_from_tsv(tsv):
    """Text lines from Tesseract's TSV: words grouped by line, a line split where the gap
    between two words is a column gap, lines in reading order (top to bottom, left to
    right) and a blank line where the vertical gap is a paragraph gap."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        block, par, line = (int(cells[i]) for i in (2, 3, 4))
        left, top, width, height = (int(cells[i]) for i in (6, 7, 8, 9))
        words.append(((block, par, line), left, top, width, height, cells[11].strip()))
    if not words:
        return ""
    heights = statistics.median(word[4] for word in words)
    segments = []  # (top, left, bottom, text)
    by_line = {}
    for word in words:
        by_line.setdefault(word[0], []).append(word)
    for line_words in by_line.values():
        line_words.sort(key=lambda word: word[1])
        current = [line_words[0]]
        for previous, word in zip(line_words, line_words[1:], strict=False):
            if word[1] - (previous[1] + previous[3]) > COLUMN_GAP * heights:
                segments.append(_segment(current))
                current = []
            current.append(word)
        segments.append(_segment(current))
    segments.sort(key=lambda seg: (round(seg[0] / max(heights, 1)), seg[1]))
    rows = []  # segments of one visual row share it
    for segment in segments:
        if rows and abs(segment[0] - rows[-1][0][0]) < heights * 0.6:
            rows[-1].append(segment)
        else:
            rows.append([segment])
    baselines = [statistics.median(segment[2] for segment in row) for row in rows]
    gaps = [b - a for a, b in zip(baselines, baselines[1:], strict=False)]
    # a paragraph gap is wide next to the line pitch around it (the gap before or after)
    usual = sorted(gap for gap in gaps if gap > heights)
    default_pitch = usual[len(usual) // 4] if usual else heights * 1.5
    out = []
    for index, row in enumerate(rows):
        if index:
            gap = gaps[index - 1]
            around = [
                gaps[i] for i in (index - 2, index) if 0 <= i < len(gaps) and gaps[i] > heights
            ]
            pitch = min(around) if around else default_pitch
            if gap > PARAGRAPH_GAP * pitch:
                out.append("")
        out.extend(segment[3] for segment in sorted(row, key=lambda seg: seg[1]))
    return "\n".join(out)


def _segment(words):
    top = min(word[2] for word in words)
    # the baseline, about: most words have no descender, and a tilted line averages out
    baseline = statistics.median(word[2] + word[4] for word in words)
    return (top, words[0][1], baseline, " ".join(word[5] for word in words))
