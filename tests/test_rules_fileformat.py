"""Attachment formats recognised by content (Kon Tum Điều 11.3; DESIGN.md "Attachments").

Sample files are built here: ZIP packages with the members Office and OpenDocument
require, OLE2 compound files written by ``compound_file`` below, a hand-written PDF,
and real files from reportlab, Pillow, openpyxl and xlwt when they are installed.
"""

import gzip
import io
import random
import struct
import zipfile

import pytest

from egov_documents.rules import (
    ALLOWED_FORMATS,
    KIND_LABELS,
    MIMETYPES,
    UnsupportedFileFormat,
    check_file,
    detect_format,
    detect_kind,
    sha256_hex,
)

# --- sample builders --------------------------------------------------------------------
FREE_SECTOR = 0xFFFFFFFF
END_OF_CHAIN = 0xFFFFFFFE
FAT_SECTOR = 0xFFFFFFFD
DIFAT_SECTOR = 0xFFFFFFFC
NO_STREAM = 0xFFFFFFFF
STREAM_SIZE = 4096  # at the mini stream cutoff, so streams live in regular sectors
DIRECTORY_ENTRY = struct.Struct("<64sHBBIII16sIQQIQ")  # 128 bytes, [MS-CFB] 2.6.1
HEADER = struct.Struct("<8s16sHHHHH6sIIIIIIIII")  # 76 bytes, then 109 DIFAT entries


def _link_as_binary_tree(entry_ids, entries):
    """Link directory entries as a balanced tree through left/right; return the top id."""
    if not entry_ids:
        return NO_STREAM
    middle = len(entry_ids) // 2
    top = entry_ids[middle]
    entries[top]["left"] = _link_as_binary_tree(entry_ids[:middle], entries)
    entries[top]["right"] = _link_as_binary_tree(entry_ids[middle + 1 :], entries)
    return top


def compound_file(root_streams, storages=None, sector_size=512, fat_sector_count=1):
    """Write a small, valid OLE2 compound file ([MS-CFB]) with the given streams.

    ``root_streams`` are stream names at the top level; ``storages`` maps a storage name
    to the stream names inside it. Version 3 for 512-byte sectors, 4 for 4096. A
    ``fat_sector_count`` above 109 puts the extra FAT sector ids in a DIFAT sector, as
    files larger than about 7 MB have (the extra FAT entries are simply free).
    """
    entries = [{"name": "Root Entry", "type": 5}]
    root_children = []
    for name in root_streams:
        entries.append({"name": name, "type": 2})
        root_children.append(len(entries) - 1)
    for storage_name, stream_names in (storages or {}).items():
        entries.append({"name": storage_name, "type": 1})
        storage_id = len(entries) - 1
        root_children.append(storage_id)
        children = []
        for name in stream_names:
            entries.append({"name": name, "type": 2})
            children.append(len(entries) - 1)
        entries[storage_id]["child"] = _link_as_binary_tree(children, entries)
    entries[0]["child"] = _link_as_binary_tree(root_children, entries)

    entries_per_sector = sector_size // DIRECTORY_ENTRY.size
    ids_per_sector = sector_size // 4
    directory_sector_count = -(-len(entries) // entries_per_sector)
    sectors_per_stream = -(-STREAM_SIZE // sector_size)
    fat = [FAT_SECTOR] * fat_sector_count
    uses_difat_sector = fat_sector_count > 109
    if uses_difat_sector:
        assert fat_sector_count - 109 < ids_per_sector, "sample needs one DIFAT sector at most"
        difat_sector_id = len(fat)
        fat.append(DIFAT_SECTOR)
    first_directory_sector = len(fat)
    for index in range(directory_sector_count):
        last = index == directory_sector_count - 1
        fat.append(END_OF_CHAIN if last else len(fat) + 1)
    for entry in entries:
        if entry["type"] != 2:
            continue
        entry["start"] = len(fat)
        for index in range(sectors_per_stream):
            fat.append(END_OF_CHAIN if index == sectors_per_stream - 1 else len(fat) + 1)
    fat_entries = fat_sector_count * ids_per_sector
    assert len(fat) <= fat_entries, "sample too big for its FAT"
    fat += [FREE_SECTOR] * (fat_entries - len(fat))

    directory = b""
    for entry in entries:
        name = entry["name"].encode("utf-16-le")
        is_stream = entry["type"] == 2
        directory += DIRECTORY_ENTRY.pack(
            name.ljust(64, b"\x00"),
            len(name) + 2,
            entry["type"],
            1,  # black
            entry.get("left", NO_STREAM),
            entry.get("right", NO_STREAM),
            entry.get("child", NO_STREAM),
            b"\x00" * 16,
            0,
            0,
            0,
            entry["start"] if is_stream else (END_OF_CHAIN if entry["type"] == 5 else 0),
            STREAM_SIZE if is_stream else 0,
        )
    unused_entry = DIRECTORY_ENTRY.pack(
        b"", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM, b"\x00" * 16, 0, 0, 0, 0, 0
    )
    directory += unused_entry * (directory_sector_count * entries_per_sector - len(entries))

    fat_sector_ids = list(range(fat_sector_count))
    header_difat = (fat_sector_ids[:109] + [FREE_SECTOR] * 109)[:109]
    difat_sector = b""
    if uses_difat_sector:
        rest = fat_sector_ids[109:]
        difat_ids = rest + [FREE_SECTOR] * (ids_per_sector - 1 - len(rest)) + [END_OF_CHAIN]
        difat_sector = struct.pack(f"<{ids_per_sector}I", *difat_ids)
    version = 3 if sector_size == 512 else 4
    header = HEADER.pack(
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\x00" * 16,
        0x3E,
        version,
        0xFFFE,
        sector_size.bit_length() - 1,
        6,
        b"\x00" * 6,
        directory_sector_count if version == 4 else 0,
        fat_sector_count,
        first_directory_sector,
        0,
        4096,  # mini stream cutoff
        END_OF_CHAIN,
        0,
        difat_sector_id if uses_difat_sector else END_OF_CHAIN,
        1 if uses_difat_sector else 0,
    ) + struct.pack("<109I", *header_difat)
    streams = b"".join(
        (entry["name"].encode("utf-16-le") * STREAM_SIZE)[:STREAM_SIZE]
        for entry in entries
        if entry["type"] == 2
    )
    return (
        header.ljust(sector_size, b"\x00")
        + struct.pack(f"<{fat_entries}I", *fat)
        + difat_sector
        + directory
        + streams
    )


def word_97_document(**options):
    return compound_file(["WordDocument", "1Table", "\x05SummaryInformation"], **options)


def excel_97_workbook(**options):
    return compound_file(["Workbook", "\x05SummaryInformation"], **options)


def zip_package(members, first=None):
    """A ZIP file with ``members`` ({name: text}); ``first`` is stored uncompressed first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], compress_type=zipfile.ZIP_STORED)
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def docx_package(extra=None):
    return zip_package(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document><w:body>Công văn</w:body></w:document>",
            **(extra or {}),
        }
    )


def xlsx_package(extra=None):
    return zip_package(
        {
            "[Content_Types].xml": "<Types/>",
            "_rels/.rels": "<Relationships/>",
            "xl/workbook.xml": "<workbook/>",
            "xl/worksheets/sheet1.xml": "<worksheet/>",
            **(extra or {}),
        }
    )


def odf_package(mimetype):
    return zip_package(
        {"content.xml": "<office:document-content/>", "META-INF/manifest.xml": "<manifest/>"},
        first=("mimetype", mimetype),
    )


def minimal_pdf():
    """A small but well-formed one-page PDF written by hand (with a correct xref table)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref_offset = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_offset,
    )
    return body


MINIMAL_JPEG = (
    bytes.fromhex("FFD8FFE000104A46494600010100000100010000")  # SOI, APP0 (JFIF)
    + bytes.fromhex("FFC0000B080001000101011100")  # SOF0: 1x1, one component
    + bytes.fromhex("FFDA0008010100003F00D2")  # SOS and one byte of scan data
    + bytes.fromhex("FFD9")  # EOI
)
PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
WINDOWS_PROGRAM = b"MZ" + b"\x90" * 58 + struct.pack("<I", 64) + b"PE\x00\x00" + b"\x00" * 64
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 57


def assert_refused(filename, data, fragment):
    with pytest.raises(UnsupportedFileFormat) as caught:
        check_file(filename, data)
    assert caught.value.code == "unsupported_file_format"
    assert fragment in str(caught.value)
    return caught.value


# --- the allowed list ---------------------------------------------------------------------
def test_allowed_formats_are_those_of_kon_tum_article_11_3():
    assert ALLOWED_FORMATS == (
        "txt",
        "rtf",
        "doc",
        "docx",
        "odt",
        "csv",
        "xls",
        "xlsx",
        "ods",
        "pdf",
        "jpeg",
    )


def test_every_allowed_format_has_a_mimetype():
    assert set(MIMETYPES) == set(ALLOWED_FORMATS)
    assert MIMETYPES["pdf"] == "application/pdf"
    assert MIMETYPES["jpeg"] == "image/jpeg"
    assert MIMETYPES["docx"].endswith("wordprocessingml.document")


def test_every_allowed_format_has_a_label_for_messages():
    assert set(ALLOWED_FORMATS) <= set(KIND_LABELS)


# --- PDF, RTF, JPEG -----------------------------------------------------------------------
def test_hand_written_pdf_is_pdf():
    assert detect_format(minimal_pdf()) == "pdf"


def test_pdf_generated_by_reportlab_is_pdf():
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.drawString(72, 720, "Quyet dinh so 05/QD-UBND")
    document.save()
    assert detect_format(buffer.getvalue()) == "pdf"


def test_pdf_header_is_found_within_the_first_1024_bytes():
    assert detect_format(b"\x00" * 1000 + minimal_pdf()) == "pdf"


def test_pdf_header_after_the_first_1024_bytes_does_not_make_a_pdf():
    assert detect_format(b"\x00" * 1100 + minimal_pdf()) is None


def test_rtf_is_recognised_by_its_opening_control_word():
    assert (
        detect_format(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} C\\'f4ng v\\'e3n}") == "rtf"
    )


def test_hand_made_jfif_header_is_jpeg():
    assert detect_format(MINIMAL_JPEG) == "jpeg"


def test_jpeg_written_by_pillow_is_jpeg():
    image_module = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    image_module.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    assert detect_format(buffer.getvalue()) == "jpeg"


# --- OLE2 compound files: doc and xls ----------------------------------------------------
@pytest.mark.parametrize("sector_size", [512, 4096])
def test_ole2_file_with_a_worddocument_stream_is_a_word_97_document(sector_size):
    assert detect_format(word_97_document(sector_size=sector_size)) == "doc"


@pytest.mark.parametrize("sector_size", [512, 4096])
def test_ole2_file_with_a_workbook_stream_is_an_excel_97_workbook(sector_size):
    assert detect_format(excel_97_workbook(sector_size=sector_size)) == "xls"


def test_excel_5_book_stream_is_an_excel_workbook():
    assert detect_format(compound_file(["Book"])) == "xls"


def test_worddocument_stream_found_in_a_later_directory_sector():
    streams = [f"Stream{i}" for i in range(9)] + ["WordDocument"]
    data = compound_file(streams)
    assert data.count(b"\xd0\xcf\x11\xe0") == 1
    assert detect_format(data) == "doc"


def test_fat_of_more_than_109_sectors_is_found_through_the_difat_sector():
    data = word_97_document(fat_sector_count=111)
    assert len(data) > 111 * 512
    assert detect_format(data) == "doc"


def test_word_document_embedded_inside_a_workbook_storage_does_not_make_it_a_doc():
    data = compound_file(["Workbook"], storages={"MBD0001": ["WordDocument", "1Table"]})
    assert detect_format(data) == "xls"


def test_real_xls_written_by_xlwt_is_an_excel_workbook():
    xlwt = pytest.importorskip("xlwt")
    workbook = xlwt.Workbook(encoding="utf-8")
    workbook.add_sheet("Sổ đăng ký").write(0, 0, "Số đến")
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert detect_format(buffer.getvalue()) == "xls"


def test_other_ole2_files_are_recognised_but_not_allowed():
    data = compound_file(["PowerPoint Document", "Current User"])
    assert detect_kind(data) == "ole"
    assert detect_format(data) is None
    assert_refused("slides.ppt", data, "an Office 97-2003 file other than Word or Excel (ole)")


@pytest.mark.parametrize("keep", [100, 511, 600, 1600, 3000])
def test_truncated_ole2_file_is_unrecognised(keep):
    data = word_97_document()
    assert detect_format(data[:keep]) is None


def test_ole2_file_missing_its_last_sector_is_refused_as_damaged():
    data = word_97_document()
    assert_refused("cong_van.doc", data[:-512], "not in a recognised format, or it is damaged")


def test_ole2_directory_tree_that_loops_is_refused_not_followed_forever():
    data = bytearray(compound_file(["WordDocument"]))
    entry_1 = 2 * 512 + 128  # directory sector 1 starts at (1 + 1) * 512
    struct.pack_into("<I", data, entry_1 + 0x44, 1)  # entry 1's left sibling is itself
    assert detect_format(bytes(data)) is None


def test_ole2_sector_chain_that_loops_is_not_followed_forever():
    data = bytearray(compound_file(["WordDocument"]))
    struct.pack_into("<I", data, 512 + 4 * 1, 1)  # FAT: directory sector 1 → 1 → 1 …
    # olefile stops at the loop; the entries read before it still name the Word stream.
    assert detect_format(bytes(data)) in {"doc", None}


def test_ole2_file_with_an_unknown_sector_size_is_unrecognised():
    data = bytearray(word_97_document())
    struct.pack_into("<H", data, 0x1E, 10)
    assert detect_format(bytes(data)) is None


def test_randomly_damaged_ole2_files_never_raise():
    original = excel_97_workbook()
    rng = random.Random(20261120)
    for _ in range(300):
        data = bytearray(original)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(8, 2560)] = rng.randrange(256)
        assert detect_kind(bytes(data)) in {"xls", "doc", "ole", None}


# --- ZIP packages: docx, xlsx, odt, ods --------------------------------------------------
def test_zip_with_word_document_part_is_docx():
    assert detect_format(docx_package()) == "docx"


def test_zip_with_workbook_part_is_xlsx():
    assert detect_format(xlsx_package()) == "xlsx"


def test_real_xlsx_written_by_openpyxl_is_xlsx():
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Số đến"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert detect_format(buffer.getvalue()) == "xlsx"


def test_opendocument_text_is_odt_by_its_mimetype_member():
    assert detect_format(odf_package("application/vnd.oasis.opendocument.text")) == "odt"


def test_opendocument_spreadsheet_is_ods_by_its_mimetype_member():
    assert detect_format(odf_package("application/vnd.oasis.opendocument.spreadsheet")) == "ods"


def test_opendocument_presentation_is_recognised_but_not_allowed():
    data = odf_package("application/vnd.oasis.opendocument.presentation")
    assert detect_kind(data) == "odf"
    assert_refused("slides.odp", data, "an OpenDocument file other than text or spreadsheet (odf)")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (docx_package({"word/vbaProject.bin": "macro"}), "docm"),
        (xlsx_package({"xl/vbaProject.bin": "macro"}), "xlsm"),
    ],
)
def test_office_files_with_macros_are_refused_even_when_named_docx_or_xlsx(data, kind):
    assert detect_kind(data) == kind
    err = assert_refused(f"file.{kind[:3]}x", data, "with macros")
    assert err.params["kind"] == kind


def test_powerpoint_package_is_refused_as_a_presentation():
    data = zip_package({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
    assert_refused("slides.pptx", data, "a PowerPoint presentation (pptx), which is not allowed")


def test_other_zip_archives_are_refused_as_zip():
    data = zip_package({"ho_so/van_ban.pdf": "x", "ho_so/phu_luc.docx": "y"})
    assert detect_kind(data) == "zip"
    assert detect_format(data) is None
    err = assert_refused("ho_so.zip", data, "is a ZIP archive (zip), which is not allowed")
    assert "allowed formats are txt, rtf, doc, docx, odt, csv, xls, xlsx, ods, pdf, jpeg" in str(
        err
    )


def test_empty_zip_archive_is_refused_as_zip():
    buffer = io.BytesIO()
    zipfile.ZipFile(buffer, "w").close()
    assert detect_kind(buffer.getvalue()) == "zip"


def test_truncated_docx_is_unrecognised():
    data = docx_package()
    assert detect_format(data[: len(data) // 2]) is None
    assert_refused("to_trinh.docx", data[: len(data) // 2], "or it is damaged")


# --- text: txt and csv ---------------------------------------------------------------------
def test_utf8_vietnamese_text_is_txt():
    assert detect_format("Kính gửi: Sở Nội vụ\nNội dung công văn.".encode()) == "txt"


def test_utf8_text_with_byte_order_mark_is_txt():
    assert detect_format(b"\xef\xbb\xbf" + "Trích yếu".encode()) == "txt"


def test_utf16_text_with_byte_order_mark_is_txt():
    assert detect_format("Trích yếu văn bản".encode("utf-16")) == "txt"


@pytest.mark.parametrize(
    "table",
    [
        "Số đến,Ngày đến,Tác giả\n1,02/01/2026,UBND tỉnh\n2,03/01/2026,Sở Nội vụ\n",
        "Số đến;Ngày đến;Tác giả\r\n1;02/01/2026;UBND tỉnh\r\n",
        "Số đến\tTác giả\n1\tUBND tỉnh\n",
        'Số,Trích yếu\n1,"Về việc A, B"\n2,"Dòng một\nDòng hai"\n',
    ],
)
def test_consistent_delimited_rows_are_csv(table):
    assert detect_format(table.encode()) == "csv"


@pytest.mark.parametrize(
    "text",
    [
        "Kính gửi: Sở Nội vụ, Sở Tài chính",
        "Dòng một, có dấu phẩy\nDòng hai không có\n",
        "a,b,c\n1,2\n3,4,5,6\n",
    ],
)
def test_text_without_consistent_columns_is_txt(text):
    assert detect_format(text.encode()) == "txt"


def test_legacy_8_bit_vietnamese_encodings_are_unrecognised():
    tcvn3_bytes = b"C\xabng v\xa8n s\xe8 05"  # "Công văn số 05" in TCVN3 (ABC)
    assert detect_format(tcvn3_bytes) is None
    assert_refused("cong_van.txt", tcvn3_bytes, "text files must be UTF-8 encoded")


def test_binary_data_with_nul_bytes_is_unrecognised():
    assert detect_format(bytes(range(256)) * 4) is None


def test_whitespace_only_text_is_unrecognised():
    assert detect_format(b" \n\t\n") is None


# --- kinds that are recognised and refused -------------------------------------------------
@pytest.mark.parametrize(
    ("data", "kind", "label"),
    [
        (PNG_HEADER, "png", "a PNG image"),
        (b"GIF89a\x01\x00\x01\x00", "gif", "a GIF image"),
        ("<!DOCTYPE html><html><body>Công văn</body></html>".encode(), "html", "a web page (HTML)"),
        (b"  \n<html><head><title>x</title></head></html>", "html", "a web page (HTML)"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "svg", "an SVG image"),
        (b'<?xml version="1.0"?><edXML/>', "xml", "an XML file"),
        (b"#!/bin/sh\nrm -rf /\n", "script", "a script"),
        (WINDOWS_PROGRAM, "exe", "a Windows program"),
        (LINUX_PROGRAM, "elf", "a Linux program"),
        (gzip.compress(b"data"), "gzip", "a gzip archive"),
        (b"Rar!\x1a\x07\x01\x00", "rar", "a RAR archive"),
    ],
)
def test_refused_kinds_are_named_in_the_message(data, kind, label):
    assert detect_kind(data) == kind
    assert detect_format(data) is None
    err = assert_refused("dinh_kem", data, f"is {label} ({kind}), which is not allowed")
    assert err.params["kind"] == kind
    assert err.params["kind_label"] == label


def test_html_saved_as_xls_is_refused_as_html_not_as_a_name_mismatch():
    html = b"<html><body><table><tr><td>1</td></tr></table></body></html>"
    assert_refused("so_dang_ky.xls", html, "is a web page (HTML) (html), which is not allowed")


def test_mz_without_a_portable_executable_header_is_not_called_a_program():
    assert detect_kind(b"MZ is how this text starts, not a program.") == "txt"


# --- check_file ---------------------------------------------------------------------------
def test_check_file_returns_the_detected_format():
    assert check_file("quyet_dinh.pdf", minimal_pdf()) == "pdf"
    assert check_file("cong_van.docx", docx_package()) == "docx"
    assert check_file("so_lieu.xls", excel_97_workbook()) == "xls"


def test_empty_file_is_refused():
    err = assert_refused("bao_cao.pdf", b"", "File bao_cao.pdf is empty (0 bytes)")
    assert err.params == {"filename": "bao_cao.pdf"}


def test_unrecognised_content_is_refused_listing_the_allowed_formats():
    err = assert_refused("bao_cao.pdf", b"\x00\x01\x02\x03" * 10, "is not in a recognised format")
    assert err.params["allowed"] == "txt, rtf, doc, docx, odt, csv, xls, xlsx, ods, pdf, jpeg"


def test_name_and_content_mismatch_is_refused_saying_what_the_file_really_is():
    err = assert_refused(
        "bao_cao.pdf",
        docx_package(),
        "File bao_cao.pdf is a Word document (docx), not a PDF document (pdf) as its name says",
    )
    assert err.params["kind"] == "docx"
    assert err.params["claimed"] == "pdf"


def test_word_97_document_named_docx_is_a_mismatch():
    assert_refused("to_trinh.docx", word_97_document(), "is a Word 97-2003 document (doc)")


def test_pdf_named_as_a_program_is_a_mismatch():
    assert_refused("virus.exe", minimal_pdf(), "not a Windows program (exe) as its name says")


@pytest.mark.parametrize("filename", ["anh.jpg", "anh.jpeg", "ANH.JPG", "anh.jpe"])
def test_jpg_and_jpeg_extensions_both_mean_jpeg(filename):
    assert check_file(filename, MINIMAL_JPEG) == "jpeg"


def test_txt_and_csv_extensions_are_interchangeable():
    table = "Số đến,Tác giả\n1,UBND tỉnh\n".encode()
    text = "Nội dung ghi chú".encode()
    assert check_file("bang.txt", table) == "csv"
    assert check_file("ghi_chu.csv", text) == "txt"


def test_uppercase_extension_is_read_case_insensitively():
    assert check_file("QUYET_DINH.PDF", minimal_pdf()) == "pdf"


@pytest.mark.parametrize("filename", ["quyet_dinh", "", None, "Công văn 12.UBND", "scan.2026"])
def test_missing_or_unknown_extension_is_fine_and_the_detected_format_is_returned(filename):
    assert check_file(filename, minimal_pdf()) == "pdf"


def test_sha256_hex_is_the_standard_digest():
    assert sha256_hex(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert len(sha256_hex(minimal_pdf())) == 64
