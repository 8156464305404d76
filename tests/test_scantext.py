"""The text of a scan: a PDF's text layer when it has one, else OCR (pdftoppm + Tesseract
``vie``); JPEG scans too; clear errors for what cannot be read."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from egov_fixtures.pdfs import render_document_pdf

from egov_documents.rules import scantext
from egov_documents.rules.scanmeta import parse_metadata
from egov_documents.rules.scantext import ScanError, extract_text, lines_from_tsv


def _has_vietnamese_ocr():
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    result = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, timeout=30, check=False
    )
    return "vie" in result.stdout.decode().split()


needs_ocr = pytest.mark.skipif(
    not _has_vietnamese_ocr(),
    reason="OCR needs pdftoppm (poppler-utils) and tesseract with its Vietnamese model "
    "(tesseract-ocr-vie); install them to run this test",
)


@pytest.fixture(scope="module")
def letter_pdf():
    return render_document_pdf(
        parent_agency="",
        agency="Bộ Nội vụ",
        number_notation="3456/BNV-CCVC",
        place="Hà Nội",
        issued_date=date(2026, 11, 16),
        title="",
        subject="V/v triển khai công tác đánh giá, xếp loại chất lượng cán bộ năm 2026",
        body=["Thực hiện quy định về đánh giá, xếp loại chất lượng cán bộ, công chức."],
        signer_position="KT. Bộ trưởng\nThứ trưởng",
        signer_name="Nguyễn Văn Phúc",
    )


def _image_only(pdf, fmt, dpi=200):
    """The page rasterised (as a scanner would give it), saved as ``fmt``."""
    import tempfile
    from pathlib import Path

    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "page.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-gray",
                "-tiff",
                "-singlefile",
                f"{folder}/page.pdf",
                f"{folder}/page",
            ],
            timeout=60,
            check=True,
        )
        image = Image.open(Path(folder, "page.tif"))
        image.load()
    out = io.BytesIO()
    image.save(out, format=fmt, resolution=dpi)
    return out.getvalue()


def test_text_layer_is_read_without_ocr(letter_pdf, monkeypatch):
    monkeypatch.setattr(scantext, "ocr_pdf", lambda *a, **k: pytest.fail("OCR was run"))
    scan = extract_text(letter_pdf)
    assert scan.source == "text_layer"
    assert (scan.page_count, scan.pages_read) == (1, (1,))
    assert "Số: 3456/BNV-CCVC" in scan.text
    assert parse_metadata(scan.text)["signer_name"].value == "Nguyễn Văn Phúc"


@needs_ocr
def test_image_only_pdf_is_read_by_ocr_like_its_text_layer(letter_pdf):
    scan = extract_text(_image_only(letter_pdf, "PDF"))
    assert scan.source == "ocr"
    by_layer = parse_metadata(extract_text(letter_pdf).text)
    by_ocr = parse_metadata(scan.text)
    for field in ("number", "notation", "issued_date", "agency", "subject", "signer_name"):
        assert by_ocr[field].value == by_layer[field].value, field


@needs_ocr
def test_jpeg_scan_is_read_by_ocr(letter_pdf):
    scan = extract_text(_image_only(letter_pdf, "JPEG"))
    assert (scan.source, scan.page_count) == ("ocr", 1)
    assert parse_metadata(scan.text)["number"].value == "3456"


def test_ocr_columns_and_paragraph_gaps_are_rebuilt_from_word_boxes():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        (1, 1, 1, 100, 100, 80, 40, "SỞ"),
        (1, 1, 2, 190, 100, 80, 40, "NỘI"),
        (1, 1, 3, 600, 100, 80, 40, "CỘNG"),
        (1, 2, 1, 100, 180, 80, 40, "Dòng"),
        (1, 3, 1, 100, 260, 80, 40, "Tiếp"),
        (2, 1, 1, 100, 500, 80, 40, "Đoạn"),
    ]
    tsv = "\n".join(
        [header]
        + [
            f"5\t1\t{block}\t1\t{line}\t{word}\t{left}\t{top}\t{width}\t{height}\t95\t{text}"
            for block, line, word, left, top, width, height, text in rows
        ]
    )
    assert lines_from_tsv(tsv) == "SỞ NỘI\nCỘNG\nDòng\nTiếp\n\nĐoạn"


def test_a_file_that_is_neither_pdf_nor_jpeg_is_refused():
    with pytest.raises(ScanError, match="PDF or a JPEG"):
        extract_text(b"\x89PNG\r\n\x1a\n....")


def test_a_damaged_pdf_is_refused_clearly():
    with pytest.raises(ScanError, match="damaged|no page"):
        extract_text(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")


def test_missing_vietnamese_model_names_the_package(monkeypatch):
    monkeypatch.setattr(scantext, "_run", lambda command, timeout: b"List of languages:\neng\n")
    monkeypatch.setattr(scantext.shutil, "which", lambda tool: f"/usr/bin/{tool}")
    with pytest.raises(ScanError, match="tesseract-ocr-vie"):
        scantext.check_ocr_tools()


def test_missing_tesseract_names_the_packages(monkeypatch):
    monkeypatch.setattr(
        scantext.shutil, "which", lambda tool: None if tool == "tesseract" else "/usr/bin/x"
    )
    with pytest.raises(ScanError, match="tesseract-ocr-vie"):
        scantext.check_ocr_tools()


def test_a_tool_that_takes_too_long_is_stopped(monkeypatch):
    def too_slow(command, **kwargs):
        raise subprocess.TimeoutExpired(command, kwargs["timeout"])

    monkeypatch.setattr(scantext.subprocess, "run", too_slow)
    with pytest.raises(ScanError, match="longer than 5 seconds") as error:
        scantext._run(["tesseract", "x"], timeout=5)
    assert error.value.params == {"seconds": 5, "tool": "tesseract"}


def test_no_text_layer_and_ocr_off_is_a_clear_error():
    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (200, 200), 255).save(blank, format="PDF")
    with pytest.raises(ScanError, match="no text layer"):
        extract_text(blank.getvalue(), ocr=False)


def test_pages_read_are_the_first_two_and_the_last():
    assert scantext.pages_to_read(1) == (1,)
    assert scantext.pages_to_read(2) == (1, 2)
    assert scantext.pages_to_read(9) == (1, 2, 9)
