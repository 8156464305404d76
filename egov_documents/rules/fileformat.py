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

from .errors import UnsupportedFileFormat, _lt

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

# --- OLE2 compound file (Microsoft "Compound File Binary" format) -------------------
_OLE_HEADER_SIZE = 512
_OLE_HEADER_DIFAT_ENTRIES = 109
_OLE_MAX_REGULAR_SECTOR = 0xFFFFFFFA
_OLE_FREE_SECTOR = 0xFFFFFFFF
_OLE_NO_STREAM = 0xFFFFFFFF
_OLE_DIRECTORY_ENTRY_SIZE = 128
_OLE_STORAGE, _OLE_STREAM, _OLE_ROOT = 1, 2, 5


def _ole_sector(data, sector_size, sector_id):
    """Return the bytes of a sector, or None when it lies outside the file."""
    if sector_id > _OLE_MAX_REGULAR_SECTOR:
        return None
    offset = (sector_id + 1) * sector_size
    sector = data[offset : offset + sector_size]
    return sector if len(sector) == sector_size else None


def _ole_fat_sector_ids(data, sector_size):
    """Return the ids of the FAT sectors: the header's DIFAT entries, then the DIFAT chain."""
    (fat_sector_count,) = struct.unpack_from("<I", data, 0x2C)
    first_difat_sector, difat_sector_count = struct.unpack_from("<II", data, 0x44)
    ids = list(struct.unpack_from(f"<{_OLE_HEADER_DIFAT_ENTRIES}I", data, 0x4C))
    difat_sector_id, seen = first_difat_sector, set()
    entries_per_difat_sector = sector_size // 4 - 1
    while difat_sector_id <= _OLE_MAX_REGULAR_SECTOR and len(seen) < difat_sector_count:
        if difat_sector_id in seen:
            return None
        seen.add(difat_sector_id)
        sector = _ole_sector(data, sector_size, difat_sector_id)
        if sector is None:
            return None
        *entries, difat_sector_id = struct.unpack(f"<{entries_per_difat_sector + 1}I", sector)
        ids.extend(entries)
    ids = [sector_id for sector_id in ids if sector_id <= _OLE_MAX_REGULAR_SECTOR]
    if len(ids) < fat_sector_count:
        return None
    return ids[:fat_sector_count]


def _ole_fat(data, sector_size):
    """Return the file allocation table (next sector id for every sector), or None."""
    fat_sector_ids = _ole_fat_sector_ids(data, sector_size)
    if not fat_sector_ids:
        return None
    fat = []
    for sector_id in fat_sector_ids:
        sector = _ole_sector(data, sector_size, sector_id)
        if sector is None:
            return None
        fat.extend(struct.unpack(f"<{sector_size // 4}I", sector))
    return fat


def _ole_directory_entries(data, sector_size, fat, first_directory_sector):
    """Return the directory entries as (name, type, left, right, child) tuples, or None."""
    entries, sector_id, seen = [], first_directory_sector, set()
    while sector_id <= _OLE_MAX_REGULAR_SECTOR:
        if sector_id in seen or sector_id >= len(fat):
            return None
        seen.add(sector_id)
        sector = _ole_sector(data, sector_size, sector_id)
        if sector is None:
            return None
        for offset in range(0, sector_size, _OLE_DIRECTORY_ENTRY_SIZE):
            name_length, entry_type = struct.unpack_from("<HB", sector, offset + 0x40)
            left, right, child = struct.unpack_from("<III", sector, offset + 0x44)
            name_bytes = sector[offset : offset + min(name_length, 64)]
            name = name_bytes.decode("utf-16-le", errors="replace").rstrip("\x00")
            entries.append((name, entry_type, left, right, child))
        sector_id = fat[sector_id]
    return entries


def _ole_root_names(data):
    """Return the names of the streams and storages at the top of an OLE2 file, or None.

    Reads the header, the FAT (through the DIFAT) and the directory sector chain, then
    walks the root storage's child tree. Returns None for anything truncated or
    inconsistent instead of raising.
    """
    if len(data) < _OLE_HEADER_SIZE:
        return None
    (sector_shift,) = struct.unpack_from("<H", data, 0x1E)
    if sector_shift not in (9, 12):  # 512-byte sectors (version 3) or 4096 (version 4)
        return None
    sector_size = 1 << sector_shift
    fat = _ole_fat(data, sector_size)
    if fat is None:
        return None
    used_sectors = [sector for sector, next_id in enumerate(fat) if next_id != _OLE_FREE_SECTOR]
    if used_sectors and (used_sectors[-1] + 1) * sector_size >= len(data):
        return None  # truncated: the FAT uses sectors that are not in the file
    (first_directory_sector,) = struct.unpack_from("<I", data, 0x30)
    entries = _ole_directory_entries(data, sector_size, fat, first_directory_sector)
    if not entries or entries[0][1] != _OLE_ROOT:
        return None
    names, pending, seen = set(), [entries[0][4]], set()
    while pending:
        entry_id = pending.pop()
        if entry_id == _OLE_NO_STREAM:
            continue
        if entry_id in seen or entry_id >= len(entries):
            return None
        seen.add(entry_id)
        name, entry_type, left, right, _child = entries[entry_id]
        if entry_type in (_OLE_STORAGE, _OLE_STREAM):
            names.add(name)
        pending.extend((left, right))
    return names


def _ole_kind(data):
    """Tell a Word 97-2003 document from an Excel 97-2003 workbook by their main stream."""
    names = _ole_root_names(data)
    if names is None:
        return None
    if "WordDocument" in names:
        return "doc"
    if "Workbook" in names or "Book" in names:
        return "xls"
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


def check_file(filename, data):
    """Return the format of an attachment, or raise UnsupportedFileFormat.

    Kon Tum Điều 11.3 and DESIGN.md: the content must be one of ``ALLOWED_FORMATS``,
    and when the name has a known extension it must agree with the content (jpg and
    jpeg are the same; txt and csv are interchangeable). A name without an extension
    is fine: the detected format is returned.
    """
    if not data:
        raise UnsupportedFileFormat(
            _lt("File %(filename)s is empty (0 bytes): attach the document itself."),
            filename=filename,
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
    return kind


def sha256_hex(data):
    """Return the SHA-256 digest of ``data`` as 64 lower-case hex digits."""
    return hashlib.sha256(data).hexdigest()
