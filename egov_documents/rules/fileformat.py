"""Attachment formats, recognised by their content.

Kon Tum Điều 11.3: electronic documents are exchanged as text documents (txt, rtf, doc,
docx, odt), spreadsheets (csv, xls, xlsx, ods), pdf, and images (jpeg). DESIGN.md: the
format is checked by what the file contains, not by its name, so a renamed executable
or an HTML page saved as ``.xls`` is refused with a message that says what it really is.
"""

import csv
import hashlib
import io
import itertools
import os
import re
import struct
import zipfile

import olefile
from pyhanko.pdf_utils.reader import PdfFileReader

from .errors import DamagedFile, FileTooLarge, UnsafeFile, UnsupportedFileFormat, _lt

ALLOWED_FORMATS = ("txt", "rtf", "doc", "docx", "odt", "csv", "xls", "xlsx", "ods", "pdf", "jpeg")

MIMETYPES = {
    "txt": "text/plain",
    "rtf": "application/rtf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "csv": "text/csv",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
}

# What each recognised kind is called in messages. The labels are marked for
# translation; they reach messages as the ``kind_label`` and ``claimed_label`` params.
KIND_LABELS = {
    "txt": _lt("a plain text file"),
    "csv": _lt("a CSV table"),
    "rtf": _lt("an RTF document"),
    "doc": _lt("a Word 97-2003 document"),
    "docx": _lt("a Word document"),
    "odt": _lt("an OpenDocument text"),
    "xls": _lt("an Excel 97-2003 workbook"),
    "xlsx": _lt("an Excel workbook"),
    "ods": _lt("an OpenDocument spreadsheet"),
    "pdf": _lt("a PDF document"),
    "jpeg": _lt("a JPEG image"),
    "docm": _lt("a Word document with macros"),
    "xlsm": _lt("an Excel workbook with macros"),
    "pptx": _lt("a PowerPoint presentation"),
    "odf": _lt("an OpenDocument file other than text or spreadsheet"),
    "ole": _lt("an Office 97-2003 file other than Word or Excel"),
    "zip": _lt("a ZIP archive"),
    "rar": _lt("a RAR archive"),
    "7z": _lt("a 7-Zip archive"),
    "gzip": _lt("a gzip archive"),
    "png": _lt("a PNG image"),
    "gif": _lt("a GIF image"),
    "bmp": _lt("a BMP image"),
    "tiff": _lt("a TIFF image"),
    "html": _lt("a web page (HTML)"),
    "svg": _lt("an SVG image"),
    "xml": _lt("an XML file"),
    "exe": _lt("a Windows program"),
    "elf": _lt("a Linux program"),
    "script": _lt("a script"),
}

# File name extensions that claim a kind; other extensions are ignored (file names such
# as "Công văn 12.UBND" have a dot without having an extension).
_EXTENSION_KINDS = {
    **{fmt: fmt for fmt in ALLOWED_FORMATS},
    "jpg": "jpeg",
    "jpe": "jpeg",
    "docm": "docm",
    "xlsm": "xlsm",
    "pptx": "pptx",
    "ppt": "ole",
    "odp": "odf",
    "zip": "zip",
    "rar": "rar",
    "7z": "7z",
    "gz": "gzip",
    "png": "png",
    "gif": "gif",
    "bmp": "bmp",
    "tif": "tiff",
    "tiff": "tiff",
    "htm": "html",
    "html": "html",
    "svg": "svg",
    "xml": "xml",
    "exe": "exe",
    "dll": "exe",
    "sh": "script",
    "bat": "script",
}
# Plain text and CSV are both text; either extension fits either content.
_INTERCHANGEABLE_KINDS = frozenset({"txt", "csv"})

_PDF_HEADER_WINDOW = 1024
_SIGNATURES = (  # (magic bytes at offset 0, kind), checked in order
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\x7fELF", "elf"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"{\\rtf", "rtf"),
)
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")

# --- OLE2 compound file (Microsoft "Compound File Binary" format), read by olefile --------
_OLE_MAIN_STREAMS = (("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"))


def _ole_kind(data):
    """Tell a Word 97-2003 document from an Excel 97-2003 workbook by their main stream.

    olefile reads the header, the FAT (through the DIFAT), the directory and the stream's
    sector chain, and refuses anything truncated or inconsistent (``DEFECT_INCORRECT``);
    every stream must be readable to its end, and the main stream at the top of the file.
    """
    try:
        with olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT) as ole:
            paths = ole.listdir(streams=True, storages=False)
            for path in paths:
                with ole.openstream(path) as stream:
                    if len(stream.read()) != ole.get_size(path):
                        return None
            top_level_streams = {path[0] for path in paths if len(path) == 1}
    except Exception:  # noqa: BLE001 - hostile bytes can break the parser anywhere: damaged
        return None
    for stream, kind in _OLE_MAIN_STREAMS:
        if stream in top_level_streams:
            return kind
    return "ole"


# --- ZIP based formats (Office Open XML, OpenDocument) --------------------------------
_ODF_MIMETYPE_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_ODF_MIMETYPE_PREFIX = "application/vnd.oasis.opendocument."
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    KeyError,
    RuntimeError,
)


def _zip_kind(data):
    """Tell docx, xlsx, odt and ods (and their unwanted cousins) from other ZIP files."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(200).decode("ascii", errors="replace").strip()
                if mimetype in _ODF_MIMETYPE_KINDS:
                    return _ODF_MIMETYPE_KINDS[mimetype]
                if mimetype.startswith(_ODF_MIMETYPE_PREFIX):
                    return "odf"
    except _ZIP_ERRORS:
        return None  # damaged or truncated archive
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return "docm" if "word/vbaProject.bin" in names else "docx"
        if "xl/workbook.xml" in names:
            return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
    return "zip"


# --- text --------------------------------------------------------------------------
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_CHARACTER_SHARE = 0.01
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<script", "<iframe")
_CSV_DELIMITERS = (",", ";", "\t", "|")
_CSV_SAMPLE_ROWS = 1000


def _decode_text(data):
    """Return ``data`` decoded as UTF-8 (or UTF-16 with a byte order mark), or None."""
    encoding, body = "utf-8", data
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            encoding, body = bom_encoding, data[len(bom) :]
            break
    if encoding == "utf-8" and b"\x00" in body:
        return None
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError:
        return None
    if len(_CONTROL_CHARACTERS_RE.findall(text)) > len(text) * _MAX_CONTROL_CHARACTER_SHARE:
        return None
    return text


def _markup_kind(text):
    """Return "html", "svg" or "xml" for text that starts as markup, else None."""
    head = text.lstrip()[:1024].lower()
    if not head.startswith("<"):
        return None
    if head.startswith("<svg") or (head.startswith("<?xml") and "<svg" in head):
        return "svg"
    if any(marker in head for marker in _HTML_MARKERS):
        return "html"
    if head.startswith("<?xml"):
        return "xml"
    return None


def _looks_like_csv(text):
    """True when the text reads as at least 2 rows, all of one width of 2 or more columns."""
    for delimiter in _CSV_DELIMITERS:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            rows = [row for row in itertools.islice(reader, _CSV_SAMPLE_ROWS) if row]
        except csv.Error:
            continue
        widths = {len(row) for row in rows}
        if len(rows) >= 2 and len(widths) == 1 and min(widths) >= 2:
            return True
    return False


def _text_kind(data):
    text = _decode_text(data)
    if text is None or not text.strip():
        return None
    markup = _markup_kind(text)
    if markup:
        return markup
    if text.startswith("#!"):
        return "script"
    return "csv" if _looks_like_csv(text) else "txt"


def _is_windows_program(data):
    """True for an "MZ" file with a Portable Executable header (exe, dll)."""
    if not data.startswith(b"MZ") or len(data) < 0x40:
        return False
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    return data[pe_offset : pe_offset + 4] == b"PE\x00\x00"


def detect_kind(data):
    """Return what ``data`` is, allowed or not ("pdf", "docx", "png", "exe", …), or None.

    None means the content is empty, damaged, or of no kind this module knows.
    """
    if not data:
        return None
    if data.startswith(_OLE_SIGNATURE):
        return _ole_kind(data)
    if data.startswith(_ZIP_SIGNATURES):
        return _zip_kind(data)
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if _is_windows_program(data):
        return "exe"
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    return _text_kind(data)


def detect_format(data):
    """Return the allowed format of ``data`` (one of ``ALLOWED_FORMATS``), or None.

    Kon Tum Điều 11.3, recognised by content: PDF by its ``%PDF-`` header, RTF by
    ``{\\rtf``, JPEG by FF D8 FF, doc/xls by the main stream of the OLE2 compound file,
    docx/xlsx/odt/ods by their ZIP members, csv/txt as UTF-8 text.
    """
    kind = detect_kind(data)
    return kind if kind in ALLOWED_FORMATS else None


def _claimed_kind(filename):
    """Return the kind the file name's extension claims, or None when it claims none."""
    extension = os.path.splitext((filename or "").strip())[1].lower().lstrip(".")
    return _EXTENSION_KINDS.get(extension)


def _allowed_list():
    return ", ".join(ALLOWED_FORMATS)


def format_size(size):
    """Return a byte count as people read it: "812 bytes", "3.4 KB", "60.0 MB"."""
    if size < 1024:
        return f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}"
    return None  # unreachable


# --- validation of an allowed format: the content must parse as what it claims ----------
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
MAX_ZIP_MEMBERS = 5000
MAX_ZIP_UNPACKED_SIZE = 500 * 1024 * 1024
_ZIP_REQUIRED_PARTS = {
    "docx": ("[Content_Types].xml", "_rels/.rels", "word/document.xml"),
    "xlsx": ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"),
    "odt": ("mimetype", "META-INF/manifest.xml", "content.xml"),
    "ods": ("mimetype", "META-INF/manifest.xml", "content.xml"),
}
_WINDOWS_DRIVE_RE = re.compile(r"^[A-Za-z]:")
# Markup that makes a browser, or a viewer that sniffs content, treat a file as a web page.
_ACTIVE_MARKUP_RE = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta\s)", re.IGNORECASE
)
_PDF_SCRIPT_ACTIONS = ("/JavaScript", "/JS", "/Launch")
_PDF_MAX_PAGE_TREE_DEPTH = 64
_JPEG_STANDALONE_MARKERS = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-7
_JPEG_FRAME_MARKERS = frozenset(set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC})
_JPEG_SOS, _JPEG_EOI = 0xDA, 0xD9


def _damaged(filename, kind):
    return DamagedFile(
        _lt(
            "File %(filename)s looks like %(kind_label)s (%(kind)s) but cannot be read as one: "
            "it is damaged or truncated, or only made to look like one. Save or export the "
            "document again and attach the new file."
        ),
        filename=filename,
        kind=kind,
        kind_label=KIND_LABELS[kind],
    )


def _pdf_has_script(reader):
    """True when the catalog runs a script or a program when the document opens."""
    root = reader.root
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names:
        return True
    actions = [root.get("/OpenAction"), *(root.get("/AA") or {}).values()]
    for action in actions:
        action = action.get_object() if hasattr(action, "get_object") else action
        if isinstance(action, dict) and str(action.get("/S")) in _PDF_SCRIPT_ACTIONS:
            return True
    return False


def _pdf_has_pages(reader):
    """True when the catalog's page tree counts at least one page and its first branch
    leads, through /Pages nodes, to a /Page (resolving every page of a long document
    would cost seconds)."""
    node = reader.root["/Pages"].get_object()
    if str(node.get("/Type")) != "/Pages" or int(node.get("/Count", 0)) < 1:
        return False
    for _depth in range(_PDF_MAX_PAGE_TREE_DEPTH):
        node_type = str(node.get("/Type"))
        if node_type == "/Page":
            return True
        if node_type != "/Pages" or not node.get("/Kids"):
            return False
        node = node["/Kids"][0].get_object()
    return False


def _validate_pdf(filename, data):
    """A PDF must start with its header, parse (trailer or cross-reference stream that
    resolves, a catalog whose page tree holds at least one page), carry no web page or
    script, and have nothing but white space after its last %%EOF."""
    header_at = data.find(b"%PDF-")
    head = data[:header_at] if header_at > 0 else b""
    tail = data[data.rfind(b"%%EOF") + 5 :] if b"%%EOF" in data else b""
    if _ACTIVE_MARKUP_RE.search(
        data[: max(header_at, 0) + _PDF_HEADER_WINDOW]
    ) or _ACTIVE_MARKUP_RE.search(tail):
        raise UnsafeFile(
            _lt(
                "File %(filename)s is a PDF document that also carries a web page or script: "
                "such files are refused. Export the document again as PDF."
            ),
            filename=filename,
        )
    if head.strip(b"\x00\t\n\r\f ") or tail.strip(b"\x00\t\n\r\f "):
        raise UnsafeFile(
            _lt(
                "File %(filename)s has other data before its PDF header or after its end: "
                "only plain PDF documents are accepted. Export the document again as PDF."
            ),
            filename=filename,
        )
    try:
        # Not strict: real producers write slightly off cross-reference offsets and such;
        # the structure checked below is required all the same. pyhanko bounds what
        # decoding a stream may produce (DecodeLimits defaults: ratio, 256 MB per stream).
        reader = PdfFileReader(io.BytesIO(data[header_at:]), strict=False)
        if str(reader.root.get("/Type")) != "/Catalog":
            raise _damaged(filename, "pdf")
        has_pages = _pdf_has_pages(reader)
        has_script = _pdf_has_script(reader)
    except UnsupportedFileFormat:
        raise
    except Exception as error:  # noqa: BLE001 - hostile bytes can break the parser anywhere
        raise _damaged(filename, "pdf") from error
    if not has_pages:
        raise _damaged(filename, "pdf")
    if has_script:
        raise UnsafeFile(
            _lt(
                "File %(filename)s is a PDF document that runs a script or a program when it "
                "opens: such files are refused. Print it to PDF again without scripts."
            ),
            filename=filename,
        )


def _unsafe_member_name(name):
    """True for a ZIP member name that could escape the folder it is unpacked into."""
    parts = name.replace("\\", "/").split("/")
    return (
        not name
        or "\x00" in name
        or name.startswith(("/", "\\"))
        or bool(_WINDOWS_DRIVE_RE.match(name))
        or ".." in parts
    )


def _validate_zip_package(filename, data, kind):
    """docx, xlsx, odt, ods: a sound ZIP with the parts the format requires, no member name
    that escapes its folder, and limits on member count and unpacked size (ZIP bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise UnsafeFile(
                    _lt(
                        "File %(filename)s is %(kind_label)s made of %(count)s parts, more than "
                        "the %(limit)s allowed: it is refused as a possible ZIP bomb."
                    ),
                    filename=filename,
                    kind_label=KIND_LABELS[kind],
                    count=len(members),
                    limit=MAX_ZIP_MEMBERS,
                )
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_ZIP_UNPACKED_SIZE:
                raise UnsafeFile(
                    _lt(
                        "File %(filename)s is %(kind_label)s that unpacks to %(size)s, more "
                        "than the %(limit)s allowed: it is refused as a possible ZIP bomb."
                    ),
                    filename=filename,
                    kind_label=KIND_LABELS[kind],
                    size=format_size(unpacked),
                    limit=format_size(MAX_ZIP_UNPACKED_SIZE),
                )
            names = [member.filename for member in members]
            for name in names:
                if _unsafe_member_name(name):
                    raise UnsafeFile(
                        _lt(
                            "File %(filename)s contains a part named %(member)s, which points "
                            "outside the document: such files are refused."
                        ),
                        filename=filename,
                        member=repr(name),
                    )
            if len(set(names)) != len(names):
                raise _damaged(filename, kind)
            for part in _ZIP_REQUIRED_PARTS[kind]:
                if part not in names:
                    raise DamagedFile(
                        _lt(
                            "File %(filename)s is %(kind_label)s (%(kind)s) without its required "
                            "part %(part)s: it is damaged. Save the document again and attach "
                            "the new file."
                        ),
                        filename=filename,
                        kind=kind,
                        kind_label=KIND_LABELS[kind],
                        part=part,
                    )
            if archive.testzip() is not None:  # reads every member and checks its CRC-32
                raise _damaged(filename, kind)
    except UnsupportedFileFormat:
        raise
    except _ZIP_ERRORS as error:
        raise _damaged(filename, kind) from error


def _validate_jpeg(filename, data):
    """A JPEG is SOI, marker segments whose lengths hold, a frame header, then scans of
    entropy-coded data, and EOI; anything after EOI must be another JPEG (the pictures of
    a multi-picture file) or padding."""
    position, end, frame, scan = 2, len(data), False, False
    while True:
        if position + 2 > end or data[position] != 0xFF:
            raise _damaged(filename, "jpeg")
        while position < end and data[position] == 0xFF:  # fill bytes before a marker
            position += 1
        if position >= end:
            raise _damaged(filename, "jpeg")
        marker = data[position]
        position += 1
        if marker == _JPEG_EOI:
            break
        if marker in _JPEG_STANDALONE_MARKERS:
            continue
        if position + 2 > end:
            raise _damaged(filename, "jpeg")
        (length,) = struct.unpack_from(">H", data, position)
        if length < 2 or position + length > end:
            raise _damaged(filename, "jpeg")
        frame = frame or marker in _JPEG_FRAME_MARKERS
        position += length
        if marker == _JPEG_SOS:
            if not frame:
                raise _damaged(filename, "jpeg")
            scan = True
            # Entropy-coded data: a 0xFF is followed by 0x00 (stuffing) or RST0-7 inside it.
            while True:
                position = data.find(b"\xff", position)
                if position < 0 or position + 1 >= end:
                    raise _damaged(filename, "jpeg")
                following = data[position + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    position += 1 if following == 0xFF else 2
                    continue
                break
    trailer = data[position:]
    if not scan or (trailer.strip(b"\x00") and not trailer.startswith(b"\xff\xd8\xff")):
        raise _damaged(filename, "jpeg")


def _validate_rtf(filename, data):
    """An RTF document is one group: it opens with {\\rtf and ends with its closing brace."""
    if b"\x00" in data.rstrip(b"\x00") or not data.rstrip(b"\x00\t\n\r ").endswith(b"}"):
        raise _damaged(filename, "rtf")


def _validate(filename, data, kind):
    """Raise DamagedFile or UnsafeFile unless ``data`` parses as the allowed ``kind``."""
    if kind == "pdf":
        _validate_pdf(filename, data)
    elif kind in _ZIP_REQUIRED_PARTS:
        _validate_zip_package(filename, data, kind)
    elif kind == "jpeg":
        _validate_jpeg(filename, data)
    elif kind == "rtf":
        _validate_rtf(filename, data)
    # doc and xls were parsed by olefile in detect_kind, txt and csv decoded as text.


def check_file(filename, data, max_size=None):
    """Return the format of an attachment, or raise UnsupportedFileFormat (or one of its
    kinds: DamagedFile, UnsafeFile, FileTooLarge).

    Kon Tum Điều 11.3 and DESIGN.md: the content must be one of ``ALLOWED_FORMATS``,
    and when the name has a known extension it must agree with the content (jpg and
    jpeg are the same; txt and csv are interchangeable). A name without an extension
    is fine: the detected format is returned. The content must then parse as that
    format (see ``_validate``), and be at most ``max_size`` bytes
    (``DEFAULT_MAX_FILE_SIZE`` when not given).
    """
    max_size = max_size or DEFAULT_MAX_FILE_SIZE
    if not data:
        raise UnsupportedFileFormat(
            _lt("File %(filename)s is empty (0 bytes): attach the document itself."),
            filename=filename,
        )
    if len(data) > max_size:
        raise FileTooLarge(
            _lt(
                "File %(filename)s is %(size)s, larger than the limit of %(limit)s per file: "
                "reduce it (e.g. scan at a lower resolution) or split it."
            ),
            filename=filename,
            size=format_size(len(data)),
            limit=format_size(max_size),
        )
    kind = detect_kind(data)
    if kind is None:
        raise UnsupportedFileFormat(
            _lt(
                "File %(filename)s is not in a recognised format, or it is damaged: allowed "
                "formats are %(allowed)s, and text files must be UTF-8 encoded."
            ),
            filename=filename,
            allowed=_allowed_list(),
        )
    if kind not in ALLOWED_FORMATS:
        raise UnsupportedFileFormat(
            _lt(
                "File %(filename)s is %(kind_label)s (%(kind)s), which is not allowed: allowed "
                "formats are %(allowed)s."
            ),
            filename=filename,
            kind=kind,
            kind_label=KIND_LABELS[kind],
            allowed=_allowed_list(),
        )
    claimed = _claimed_kind(filename)
    if claimed and claimed != kind and not {claimed, kind} <= _INTERCHANGEABLE_KINDS:
        raise UnsupportedFileFormat(
            _lt(
                "File %(filename)s is %(kind_label)s (%(kind)s), not %(claimed_label)s "
                "(%(claimed)s) as its name says: rename it to .%(kind)s or attach the right file."
            ),
            filename=filename,
            kind=kind,
            kind_label=KIND_LABELS[kind],
            claimed=claimed,
            claimed_label=KIND_LABELS[claimed],
        )
    _validate(filename, data, kind)
    return kind


def sha256_hex(data):
    """Return the SHA-256 digest of ``data`` as 64 lower-case hex digits."""
    return hashlib.sha256(data).hexdigest()
