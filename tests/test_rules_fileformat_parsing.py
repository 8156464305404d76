"""Attachments are checked by parsing them, not by a magic number in their first bytes
(Kon Tum Điều 11.3; DESIGN.md "Attachments"): a PDF must be a readable PDF, an Office or
OpenDocument package a sound ZIP with its required parts and within limits, a Word or
Excel 97-2003 file an OLE2 compound file with its main stream, a JPEG a sequence of
markers from SOI to EOI; and no file may exceed the size limit."""

import io
import os
import random
import zipfile

import pytest
from pyhanko.pdf_utils.generic import pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from test_rules_fileformat import (
    MINIMAL_JPEG,
    compound_file,
    docx_package,
    minimal_pdf,
    odf_package,
    word_97_document,
    xlsx_package,
    zip_package,
)

from egov_documents.rules import fileformat
from egov_documents.rules.errors import (
    DamagedFile,
    FileTooLarge,
    UnsafeFile,
    UnsupportedFileFormat,
)
from egov_documents.rules.fileformat import DEFAULT_MAX_FILE_SIZE, check_file, format_size

MB = 1024 * 1024


def refused(error_class, filename, data, **options):
    with pytest.raises(error_class) as caught:
        check_file(filename, data, **options)
    assert caught.value.code == error_class.code
    assert caught.value.params["filename"] == filename
    return caught.value


def reportlab_pdf(pages=1):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    for page in range(pages):
        document.drawString(72, 720, f"Quyet dinh so 05/QD-UBND, trang {page + 1}")
        document.showPage()
    document.save()
    return buffer.getvalue()


def pdf_with_catalog_entries(entries):
    """A one-page PDF, as ``minimal_pdf``, with extra entries in its catalog."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + entries + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref_offset = len(body)
    body += b"xref\n0 4\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return body + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref_offset


# --- PDF ----------------------------------------------------------------------------------
def test_real_pdf_written_by_reportlab_is_accepted():
    assert check_file("quyet_dinh.pdf", reportlab_pdf(pages=3)) == "pdf"


def test_hand_written_one_page_pdf_is_accepted():
    assert check_file("cong_van.pdf", minimal_pdf()) == "pdf"


def test_random_bytes_after_a_pdf_header_are_refused_as_damaged():
    data = b"%PDF-1.7\n" + random.Random(7).randbytes(MB)
    error = refused(DamagedFile, "bao_cao.pdf", data)
    assert error.params["kind"] == "pdf"
    assert "cannot be read as one" in str(error)


def test_60_mb_of_random_bytes_after_a_pdf_header_are_refused_even_under_a_larger_limit():
    data = b"%PDF-1.4\n" + os.urandom(60 * MB)
    refused(FileTooLarge, "bao_cao.pdf", data)
    refused(DamagedFile, "bao_cao.pdf", data, max_size=100 * MB)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.98])
def test_truncated_pdf_is_refused_as_damaged(keep):
    data = reportlab_pdf()
    refused(DamagedFile, "cong_van.pdf", data[: int(len(data) * keep)])


def test_html_page_with_a_pdf_header_inside_its_first_kilobyte_is_refused():
    polyglot = b"<html><body><script>fetch('/web/session')</script>\n" + minimal_pdf()
    assert fileformat.detect_kind(polyglot) == "pdf"  # what the old magic-number check saw
    error = refused(UnsafeFile, "cong_van.pdf", polyglot)
    assert "web page or script" in str(error)


def test_pdf_header_followed_by_a_web_page_is_refused():
    pdf = minimal_pdf()
    polyglot = pdf[:15] + b"<!DOCTYPE html><html><script>alert(1)</script></html>\n" + pdf[15:]
    refused(UnsafeFile, "cong_van.pdf", polyglot)


def test_pdf_with_a_web_page_after_its_end_is_refused():
    refused(UnsafeFile, "cong_van.pdf", minimal_pdf() + b"<html><script>alert(1)</script>")


def test_pdf_with_other_data_after_its_end_is_refused():
    error = refused(UnsafeFile, "cong_van.pdf", minimal_pdf() + b"PK\x03\x04 hidden archive")
    assert "before its PDF header or after its end" in str(error)


def test_pdf_that_runs_javascript_when_opened_is_refused():
    data = pdf_with_catalog_entries(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
    error = refused(UnsafeFile, "cong_van.pdf", data)
    assert "runs a script or a program" in str(error)


def test_pdf_that_launches_a_program_is_refused():
    data = pdf_with_catalog_entries(b"/OpenAction << /S /Launch /F (cmd.exe) >>")
    refused(UnsafeFile, "cong_van.pdf", data)


def test_pdf_that_opens_on_its_first_page_is_accepted():
    data = pdf_with_catalog_entries(b"/OpenAction [3 0 R /Fit]")
    assert check_file("cong_van.pdf", data) == "pdf"


def test_pdf_whose_catalog_has_no_page_is_refused():
    data = minimal_pdf().replace(b"/Kids [3 0 R] /Count 1", b"/Kids [] /Count 0")
    refused(DamagedFile, "cong_van.pdf", data)


def test_pdf_whose_cross_reference_points_nowhere_is_refused():
    data = minimal_pdf()
    start = data.rindex(b"startxref\n") + len(b"startxref\n")
    end = data.index(b"\n", start)
    refused(DamagedFile, "cong_van.pdf", data[:start] + b"999999" + data[end:])


# --- ZIP packages -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (docx_package(), "cong_van.docx", "docx"),
        (xlsx_package(), "so_lieu.xlsx", "xlsx"),
        (odf_package("application/vnd.oasis.opendocument.text"), "cong_van.odt", "odt"),
        (odf_package("application/vnd.oasis.opendocument.spreadsheet"), "so_lieu.ods", "ods"),
    ],
)
def test_sound_office_and_opendocument_packages_are_accepted(data, name, kind):
    assert check_file(name, data) == kind


def test_real_xlsx_written_by_openpyxl_is_accepted():
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Số văn bản"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert check_file("so_lieu.xlsx", buffer.getvalue()) == "xlsx"


def test_docx_renamed_to_pdf_is_refused_saying_it_is_a_word_document():
    error = refused(UnsupportedFileFormat, "cong_van.pdf", docx_package())
    assert error.params["kind"] == "docx"
    assert error.params["claimed"] == "pdf"


def test_docx_without_its_package_relationships_is_refused_naming_the_part():
    data = zip_package({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
    error = refused(DamagedFile, "cong_van.docx", data)
    assert error.params["part"] == "_rels/.rels"


def test_opendocument_without_its_manifest_is_refused_naming_the_part():
    data = zip_package(
        {"content.xml": "<office:document-content/>"},
        first=("mimetype", "application/vnd.oasis.opendocument.text"),
    )
    error = refused(DamagedFile, "cong_van.odt", data)
    assert error.params["part"] == "META-INF/manifest.xml"


def test_package_with_too_many_members_is_refused_as_a_zip_bomb():
    extra = {f"word/media/part{index}.xml": "" for index in range(fileformat.MAX_ZIP_MEMBERS)}
    error = refused(UnsafeFile, "cong_van.docx", docx_package(extra))
    assert error.params["limit"] == fileformat.MAX_ZIP_MEMBERS
    assert "ZIP bomb" in str(error)


def test_package_that_unpacks_beyond_the_limit_is_refused_as_a_zip_bomb(monkeypatch):
    monkeypatch.setattr(fileformat, "MAX_ZIP_UNPACKED_SIZE", 4 * MB)
    data = docx_package({"word/media/zeros.bin": "\x00" * (5 * MB)})
    assert len(data) < 100_000  # a small file
    error = refused(UnsafeFile, "cong_van.docx", data)
    assert error.params["limit"] == "4.0 MB"
    assert "ZIP bomb" in str(error)


@pytest.mark.parametrize(
    "member",
    [
        "../../etc/cron.d/job",
        "word/../../evil.xml",
        "/etc/passwd",
        "C:/Windows/evil.dll",
        "..\\evil.xml",
    ],
)
def test_package_with_a_member_name_escaping_its_folder_is_refused(member):
    error = refused(UnsafeFile, "cong_van.docx", docx_package({member: "x"}))
    assert error.params["member"] == repr(member)


def test_package_with_a_damaged_member_is_refused():
    data = bytearray(docx_package())
    offset = data.index(b"word/document.xml") + len(b"word/document.xml")
    data[offset + 5] ^= 0xFF  # inside the first compressed member after its local header
    with pytest.raises(UnsupportedFileFormat):
        check_file("cong_van.docx", bytes(data))


def test_package_with_two_members_of_the_same_name_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in [
            ("[Content_Types].xml", "<Types/>"),
            ("_rels/.rels", "<Relationships/>"),
            ("word/document.xml", "<w:document/>"),
        ]:
            archive.writestr(name, text)
        with pytest.warns(UserWarning):
            archive.writestr("word/document.xml", "<w:document>other</w:document>")
    refused(DamagedFile, "cong_van.docx", buffer.getvalue())


# --- OLE2: doc, xls -----------------------------------------------------------------------
def test_word_97_document_is_accepted():
    assert check_file("cong_van.doc", word_97_document()) == "doc"


def test_ole2_file_without_a_worddocument_stream_is_refused_when_named_doc():
    data = compound_file(["1Table", "\x05SummaryInformation"])
    error = refused(UnsupportedFileFormat, "cong_van.doc", data)
    assert error.params["kind"] == "ole"


def test_worddocument_stream_inside_a_storage_does_not_make_a_word_document():
    data = compound_file(["\x05SummaryInformation"], storages={"ObjectPool": ["WordDocument"]})
    assert fileformat.detect_kind(data) == "ole"


# --- JPEG, RTF ----------------------------------------------------------------------------
def test_jpeg_written_by_pillow_is_accepted():
    image_module = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    image_module.new("RGB", (32, 16), (200, 30, 30)).save(buffer, "JPEG", progressive=True)
    assert check_file("anh.jpg", buffer.getvalue()) == "jpeg"


def test_minimal_jpeg_with_a_frame_and_a_scan_is_accepted():
    assert check_file("anh.jpg", MINIMAL_JPEG) == "jpeg"


@pytest.mark.parametrize("keep", [4, 10, 25, 33])
def test_truncated_jpeg_is_refused_as_damaged(keep):
    refused(DamagedFile, "anh.jpg", MINIMAL_JPEG[:keep])


def test_jpeg_header_without_a_frame_or_scan_is_refused():
    refused(DamagedFile, "anh.jpg", bytes.fromhex("FFD8FFE000104A46494600010100000100010000FFD9"))


def test_jpeg_with_a_web_page_after_its_end_is_refused():
    refused(DamagedFile, "anh.jpg", MINIMAL_JPEG + b"<html><script>alert(1)</script>")


def test_jpeg_followed_by_a_second_picture_is_accepted():
    assert check_file("anh.jpg", MINIMAL_JPEG + MINIMAL_JPEG) == "jpeg"


def test_rtf_without_its_closing_brace_is_refused():
    refused(DamagedFile, "cong_van.rtf", b"{\\rtf1\\ansi C\\'f4ng v\\'e3n")


def test_complete_rtf_is_accepted():
    assert check_file("cong_van.rtf", b"{\\rtf1\\ansi C\\'f4ng v\\'e3n}\r\n") == "rtf"


# --- text ---------------------------------------------------------------------------------
def test_text_with_a_nul_byte_is_refused():
    refused(UnsupportedFileFormat, "ghi_chu.txt", "Công văn\x00số 5".encode())


def test_text_that_is_not_utf8_is_refused():
    refused(UnsupportedFileFormat, "ghi_chu.txt", "Công văn".encode("cp1258"))


# --- size ---------------------------------------------------------------------------------
def test_default_size_limit_is_50_mb():
    assert DEFAULT_MAX_FILE_SIZE == 50 * MB


def test_file_over_the_limit_is_refused_naming_the_file_the_limit_and_the_size():
    error = refused(FileTooLarge, "ho_so.pdf", minimal_pdf(), max_size=200)
    assert error.params["limit"] == "200 bytes"
    assert error.params["size"] == format_size(len(minimal_pdf()))
    assert "ho_so.pdf" in str(error) and "200 bytes" in str(error)


def test_file_at_the_limit_is_accepted():
    data = minimal_pdf()
    assert check_file("ho_so.pdf", data, max_size=len(data)) == "pdf"


def test_size_is_checked_before_the_content_is_parsed():
    refused(FileTooLarge, "ho_so.bin", b"\x00" * 2048, max_size=1024)


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1536, "1.5 KB"),
        (60 * MB, "60.0 MB"),
        (3 * 1024 * MB, "3.0 GB"),
    ],
)
def test_sizes_are_written_as_people_read_them(size, text):
    assert format_size(size) == text


def test_size_limit_error_is_still_an_unsupported_file_for_existing_callers():
    assert issubclass(FileTooLarge, UnsupportedFileFormat)
    assert issubclass(DamagedFile, UnsupportedFileFormat)
    assert issubclass(UnsafeFile, UnsupportedFileFormat)


def test_pdf_with_an_incremental_update_as_signing_writes_is_accepted():
    writer = IncrementalPdfFileWriter(io.BytesIO(reportlab_pdf()))
    writer.root["/Lang"] = pdf_string("vi-VN")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    data = output.getvalue()
    assert data.count(b"%%EOF") == 2
    assert check_file("cong_van_da_ky.pdf", data) == "pdf"
