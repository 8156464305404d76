"""The Mục lục văn bản trong hồ sơ (index.pdf, NĐ 30/2020 Phụ lục VI outputs), the
command line, the font finder, and that the engine imports without Odoo."""

import io
import logging
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from test_dossier_package import make_documents, make_meta

from egov_documents.dossier import build_package
from egov_documents.dossier import index as index_module
from egov_documents.dossier.archive import write_zip
from egov_documents.rules import fonts

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def package():
    return build_package(make_meta(), make_documents())


@pytest.fixture(scope="module")
def index_pdf(package):
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.read("index.pdf")


def squash(text):
    return " ".join(text.split())


def test_index_is_an_a4_pdf_without_a_creation_time(index_pdf):
    assert index_pdf.startswith(b"%PDF-")
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in index_pdf
    assert b"D:20000101000000" in index_pdf  # reportlab's invariant date


def test_index_shows_the_dossier_header_in_vietnamese(index_pdf):
    text = squash(extract_text(io.BytesIO(index_pdf)))
    for expected in (
        "SỞ NỘI VỤ TỈNH TÂY NINH",
        "MỤC LỤC VĂN BẢN TRONG HỒ SƠ",
        "Mã hồ sơ: 000.00.12.H53.2026.01.05",
        "Tiêu đề hồ sơ: Hồ sơ tuyển dụng công chức năm 2026",
        "Thời hạn bảo quản: 70 năm",
        "Chế độ sử dụng: Thông thường",
        "05/01/2026 - 31/03/2026",
    ):
        assert expected in text


def test_index_lists_every_document_with_the_table_columns(index_pdf):
    text = squash(extract_text(io.BytesIO(index_pdf)))
    for expected in (
        "STT",
        "Số và ký hiệu",
        "Trích yếu nội dung văn bản",
        "Tác giả văn bản",
        "Ghi chú",
        "05/QĐ-SNV",
        "15/UBND-KT",
        "10/01/2026",
        "Ủy ban nhân dân tỉnh Tây Ninh",
        "Về việc đôn đốc tuyển dụng công chức",
        "Đề xuất danh sách hội đồng",
        "Bản số hóa",
    ):
        assert expected in text


def test_index_counts_sheets_through_the_dossier(index_pdf):
    text = squash(extract_text(io.BytesIO(index_pdf)))
    assert "1-2" in text and "3-5" in text


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) not installed")
def test_index_renders_to_an_image(index_pdf, tmp_path):
    source = tmp_path / "index.pdf"
    source.write_bytes(index_pdf)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    (image,) = tmp_path.glob("p*.png")
    assert image.read_bytes().startswith(b"\x89PNG")
    assert image.stat().st_size > 2000


def test_index_embeds_a_font_with_vietnamese_letters(index_pdf):
    assert b"/FontFile2" in index_pdf


def test_index_falls_back_to_times_with_a_warning_when_no_font_fits(monkeypatch, caplog):
    monkeypatch.setattr(index_module, "find_font", lambda families, style: None)
    with caplog.at_level(logging.WARNING, logger=index_module.__name__):
        pdf = index_module.render_index(make_meta(), [])
    assert b"/Times-Roman" in pdf
    assert "Vietnamese letters will not show" in caplog.text


# --- font finder ----------------------------------------------------------------------
def test_font_finder_returns_a_font_with_every_vietnamese_letter():
    path = fonts.find_font(("Liberation Serif", "DejaVu Serif"))
    if path is None:
        pytest.skip("neither Liberation Serif nor DejaVu Serif is installed")
    assert path.endswith(".ttf")
    assert fonts.has_vietnamese(path)


def test_font_finder_returns_none_for_a_family_that_is_not_installed():
    assert fonts.find_font(("No Such Family 1234",)) is None


def test_font_finder_refuses_an_unknown_style():
    with pytest.raises(ValueError, match="unknown font style"):
        fonts.find_font("Liberation Serif", style="condensed")


def test_font_file_without_vietnamese_letters_is_passed_over(tmp_path):
    impostor = tmp_path / "LiberationSerif-Regular.ttf"
    impostor.write_bytes(b"not a font")
    assert not fonts.has_vietnamese(str(impostor))
    assert fonts.find_font("Liberation Serif", directories=(str(tmp_path),)) != str(impostor)


LIBERATION_1 = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")


@pytest.mark.skipif(not LIBERATION_1.is_file(), reason="fonts-liberation 1.x not installed")
def test_liberation_1_without_vietnamese_letters_is_never_chosen():
    if fonts.has_vietnamese(str(LIBERATION_1)):
        pytest.skip("this Liberation build has the Vietnamese letters")
    found = fonts.find_font("Liberation Serif", directories=(str(LIBERATION_1.parent),))
    assert found != str(LIBERATION_1)


# --- command line ---------------------------------------------------------------------
def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "egov_documents.dossier", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_verify_reports_ok_with_the_file_code_and_counts(package, tmp_path):
    path = tmp_path / "hoso.zip"
    path.write_bytes(package)
    result = run_cli("verify", path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK: 000.00.12.H53.2026.01.05, 3 documents, 3 files verified"


def test_cli_verify_names_each_problem_on_stderr_and_exits_1(package, tmp_path):
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["files/002/QD-15.pdf"] = b"forged"
    del members["files/001/Phu-luc-ke-hoach.docx"]
    path = tmp_path / "tampered.zip"
    path.write_bytes(write_zip(members))
    result = run_cli("verify", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "missing: files/001/Phu-luc-ke-hoach.docx",
        "changed: files/002/QD-15.pdf",
    ]


def test_cli_verify_refuses_what_is_not_a_package(tmp_path):
    path = tmp_path / "x.zip"
    path.write_bytes(b"hello")
    result = run_cli("verify", path)
    assert result.returncode == 1
    assert result.stderr.startswith("not a package")


def test_cli_show_prints_the_metadata_as_json(package, tmp_path):
    import json

    path = tmp_path / "hoso.zip"
    path.write_bytes(package)
    result = run_cli("show", path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["file_code"] == "000.00.12.H53.2026.01.05"
    assert shown["title"] == "Hồ sơ tuyển dụng công chức năm 2026"
    assert shown["page_total"] == 5
    assert shown["documents"][1]["files"][0]["name"] == "QĐ-15.pdf"
    assert shown["documents"][1]["arrival_date"] == "2026-01-11"


def test_cli_index_extracts_the_index_pdf(package, index_pdf, tmp_path):
    path = tmp_path / "hoso.zip"
    path.write_bytes(package)
    result = run_cli("index", path, tmp_path / "out.pdf")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.pdf").read_bytes() == index_pdf


def test_dossier_engine_imports_without_odoo():
    code = (
        "import sys, egov_documents.dossier, egov_documents.rules.fonts; "
        "assert not any(m == 'odoo' or m.startswith('odoo.') for m in sys.modules), 'odoo'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
