"""Fonts, trust roots, number/date fields, sample renderings."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from egov_fixtures import samples

from egov_signing.pades import (
    FieldError,
    FontNotFoundError,
    PlacementError,
    add_number_date_fields,
    fill_number_date,
    find_font,
    format_vn_date,
    load_trust_roots,
    read_number_date,
    sha256_fingerprint,
)
from egov_signing.pades import fonts as fonts_module


def test_default_font_is_a_times_compatible_face_with_vietnamese():
    path = find_font()
    if "DejaVu" in path:
        pytest.skip("no Times/Liberation Serif 2 here (apt-get install fonts-liberation2)")
    assert Path(path).name in ("times.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf")
    assert fonts_module.has_vietnamese(path)


def test_font_without_vietnamese_glyphs_is_refused(tmp_path):
    old = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
    if not old.exists() or fonts_module.has_vietnamese(str(old)):
        pytest.skip("no Liberation 1.x font on this machine")
    with pytest.raises(FontNotFoundError):
        find_font(old)


def test_no_font_at_all_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts_module, "FONT_DIRS", ())
    monkeypatch.setattr(fonts_module, "FALLBACK_DIRS", ())
    monkeypatch.delenv("EGOV_SIGNING_FONT_DIR", raising=False)
    fonts_module._search.cache_clear()
    try:
        with pytest.raises(FontNotFoundError) as err:
            find_font(tmp_path)
        assert "fonts-liberation2" in str(err.value)
        assert err.value.code == "font_not_found"
    finally:
        fonts_module._search.cache_clear()


def test_trust_roots_load_from_pem_and_der_files(tmp_path, pki):
    (tmp_path / "root.pem").write_bytes(pki.root.cert.public_bytes(Encoding.PEM))
    (tmp_path / "root-again.crt").write_bytes(pki.root.cert.public_bytes(Encoding.DER))
    (tmp_path / "ca.cer").write_bytes(pki.issuing_ca.cert.public_bytes(Encoding.DER))
    (tmp_path / "broken.pem").write_bytes(b"not a certificate")
    (tmp_path / "notes.txt").write_text("ignored")
    roots = load_trust_roots(tmp_path)
    assert [c.subject for c in roots] == [pki.issuing_ca.cert.subject, pki.root.cert.subject]
    assert len(sha256_fingerprint(roots[0])) == 64


def test_missing_trust_directory_gives_no_roots(tmp_path):
    assert load_trust_roots(tmp_path / "absent") == []


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (date(2026, 1, 15), "ngày 15 tháng 01 năm 2026"),
        (date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    ],
)
def test_dates_follow_the_leading_zero_rule(value, text):
    assert format_vn_date(value) == text


def test_fields_are_placed_over_the_number_and_date_placeholders(draft):
    from egov_signing.pades.locate import find_date_spot, find_number_spot

    plain = samples.sample_decision_pdf()
    number, day = find_number_spot(plain), find_date_spot(plain)
    assert number.rect[2] - number.rect[0] > 10 and not number.italic
    assert day.italic and day.font_size == 13
    assert read_number_date(draft) == {"number": None, "date": None}


def test_fields_cannot_be_added_twice(draft):
    with pytest.raises(FieldError):
        add_number_date_fields(draft)


def test_a_document_without_placeholders_needs_rects():
    appendix = samples.sample_appendix_pdf()
    with pytest.raises(PlacementError):
        add_number_date_fields(appendix)
    with_fields = add_number_date_fields(
        appendix, number_rect=(100, 700, 150, 715), date_rect=(300, 700, 500, 715)
    )
    filled = fill_number_date(with_fields, number="7", date="ngày 01 tháng 01 năm 2027")
    assert read_number_date(filled) == {"number": "7", "date": "ngày 01 tháng 01 năm 2027"}


def test_numbering_twice_or_without_fields_is_refused(numbered):
    with pytest.raises(FieldError):
        fill_number_date(numbered, number="126", date=date(2026, 1, 1))
    with pytest.raises(FieldError):
        fill_number_date(samples.sample_appendix_pdf(), number="1", date=date(2026, 1, 1))


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_render_command_writes_first_and_last_pages(tmp_path):
    assert samples.main(["--render", str(tmp_path), "--dpi", "40"]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == [
        "appendix-first.png",
        "digitised-first.png",
        "issued-first.png",
        "issued-last.png",
    ]


def test_shipped_roots_are_the_published_government_roots():
    from egov_signing.pades.trust import SHIPPED_ROOTS, load_intermediates

    roots = load_trust_roots()
    assert {sha256_fingerprint(c) for c in roots} == set(SHIPPED_ROOTS)
    for root in roots:
        root.verify_directly_issued_by(root)  # self-signed
    names = {c.subject.rfc4514_string() for c in roots}
    assert "CN=RootCA chuyên dùng Chính phủ G2,O=Ban Cơ yếu Chính phủ,C=VN" in names
    (issuing,) = load_intermediates()
    g2 = next(c for c in roots if "G2" in c.subject.rfc4514_string())
    issuing.verify_directly_issued_by(g2)


def test_demo_signatures_are_not_trusted_by_the_real_roots(issued):
    from egov_signing.pades import ValidationMaterial, verify_pdf

    result = verify_pdf(issued, ValidationMaterial.default())
    assert [r.status for r in result.signatures] == ["untrusted", "untrusted"]
