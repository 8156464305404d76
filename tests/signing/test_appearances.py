"""The three visible signatures of NĐ 30/2020 Phụ lục I: right image, place, text."""

import io
import shutil
import subprocess

import pytest
from egov_fixtures.samples import sample_appendix_pdf, sample_decision_pdf
from PIL import Image

from egov_signing.pades import Placement, SealAppearance, SignOptions, StampAppearance, sign_pdf
from egov_signing.pades.locate import find_signature_block
from egov_signing.pades.timeutil import VN_TZ

from . import pdfinspect
from .conftest import AGENCY, POSITION, SIGNER

MM = 72 / 25.4
WHEN = __import__("datetime").datetime(2026, 11, 20, 9, 15, 2, tzinfo=VN_TZ)


@pytest.fixture(scope="module")
def appendix(organisation):
    return sign_pdf(
        sample_appendix_pdf(),
        organisation,
        StampAppearance.appendix("125/QĐ-UBND"),
        SignOptions(signing_time=WHEN),
    )


def test_signer_image_sits_centred_between_position_and_name(issued):
    block = find_signature_block(sample_decision_pdf(), 3, SIGNER, POSITION)
    sig = pdfinspect.widget(issued, "EgovSigner")
    x0, y0, x1, y1 = sig.rect
    assert sig.page == block.page == 2
    assert y0 >= block.name_line.bbox[3] and y1 <= block.position_line.bbox[1]
    gap_mid = (block.name_line.bbox[3] + block.position_line.bbox[1]) / 2
    assert abs((y0 + y1) / 2 - gap_mid) < 0.5
    assert abs((x0 + x1) / 2 - block.center_x) < 0.5
    assert len(sig.images) == 1 and sig.runs == []


def test_seal_is_real_size_and_overlaps_a_third_of_the_signature_on_its_left(issued):
    sig = pdfinspect.widget(issued, "EgovSigner")
    org = pdfinspect.widget(issued, "EgovOrganisation")
    (img_x, img_y, img_w, img_h) = org.images[0]
    seal_x0, seal_y0 = org.rect[0] + img_x, org.rect[1] + img_y
    assert img_w == pytest.approx(36 * MM, abs=0.01) and img_h == pytest.approx(36 * MM, abs=0.01)
    sx0, sy0, sx1, sy1 = sig.rect
    assert seal_x0 < sx0  # the seal is on the left
    assert seal_x0 + img_w - sx0 == pytest.approx((sx1 - sx0) / 3, abs=0.01)
    assert seal_y0 + img_h / 2 == pytest.approx((sy0 + sy1) / 2, abs=0.01)
    assert org.page == sig.page


def test_seal_caption_has_agency_and_iso_time(issued, material):
    from egov_signing.pades import verify_pdf

    org = pdfinspect.widget(issued, "EgovOrganisation")
    texts = [r.text for r in org.runs]
    assert texts[0] == AGENCY
    assert texts[-1] == verify_pdf(issued, material).signatures[1].signing_time


def test_appendix_stamp_is_top_right_of_page_one(appendix):
    w = pdfinspect.widget(appendix, "EgovAttachment")
    px0, py0, px1, py1 = w.page_box
    assert w.page == 0
    assert w.rect[2] == pytest.approx(px1 - 15 * MM, abs=0.01)
    assert w.rect[3] == pytest.approx(py1 - 6 * MM, abs=0.01)
    assert w.rect[0] > (px0 + px1) / 2  # right half
    assert w.images == []  # no image for appendices


def test_appendix_stamp_text_is_number_and_time_in_times_10pt_black(appendix):
    w = pdfinspect.widget(appendix, "EgovAttachment")
    assert [r.text for r in w.runs] == ["125/QĐ-UBND", "2026-11-20T09:15:02+07:00"]
    for run in w.runs:
        assert any(name in run.font for name in ("LiberationSerif", "Times", "DejaVuSerif"))
        assert run.size == 10
        assert run.color == (0, 0, 0)


def test_digitised_copy_carries_the_seal_left_of_the_text(organisation, seal_image):
    out = sign_pdf(
        sample_appendix_pdf(),
        organisation,
        StampAppearance.digitised("125/QĐ-UBND", seal_image),
        SignOptions(signing_time=WHEN),
    )
    w = pdfinspect.widget(out, "EgovDigitised")
    (img,) = w.images
    assert img[0] == 0 and img[2] == pytest.approx(36 * MM, abs=0.01)
    assert [r.text for r in w.runs] == ["125/QĐ-UBND", "2026-11-20T09:15:02+07:00"]


def test_digitised_paper_seal_at_real_size_with_agency_name_tay_ninh_8_2_a(
    organisation, seal_image
):
    """Tây Ninh Điều 8.2.a, Kon Tum Điều 11.6.a, NĐ 30 PL I III.1.d: the seal at its real
    diameter (the agency's, here 42 mm), the agency name and the ISO 8601 time."""
    out = sign_pdf(
        sample_appendix_pdf(),
        organisation,
        StampAppearance.digitised(None, seal_image, agency_name=AGENCY, seal_diameter_mm=42),
        SignOptions(signing_time=WHEN),
    )
    w = pdfinspect.widget(out, "EgovDigitised")
    (img,) = w.images
    assert img[2] == pytest.approx(42 * MM, abs=0.01)
    assert img[3] == pytest.approx(42 * MM, abs=0.01)
    assert [r.text for r in w.runs] == [AGENCY, "2026-11-20T09:15:02+07:00"]


@pytest.fixture(scope="module")
def copy_stamp(organisation):
    return sign_pdf(
        sample_appendix_pdf(),
        organisation,
        StampAppearance.copy("SAO Y", AGENCY),
        SignOptions(signing_time=WHEN),
    )


def test_vietnamese_text_is_embedded_with_real_glyphs(copy_stamp):
    from fontTools.ttLib import TTFont
    from pyhanko.pdf_utils.reader import PdfFileReader

    w = pdfinspect.widget(copy_stamp, "EgovCopy")
    assert [r.text for r in w.runs][:2] == ["SAO Y", AGENCY]
    run = w.runs[1]
    assert 0 not in run.cids  # no .notdef glyph
    # the subset embedded in the file really draws every letter of "Ủy ban nhân dân tỉnh Tây Ninh"
    reader = PdfFileReader(io.BytesIO(copy_stamp))
    field = next(s for s in reader.embedded_signatures if s.field_name == "EgovCopy").sig_field
    font = field["/AP"]["/N"]["/Resources"]["/Font"]["/F1"]
    descendant = font["/DescendantFonts"][0]
    program = descendant["/FontDescriptor"]["/FontFile2"].data
    tt = TTFont(io.BytesIO(program))
    glyf = tt["glyf"]
    order = tt.getGlyphOrder()
    w_array = list(descendant["/W"])
    widths = dict(zip(w_array[0::2], w_array[1::2], strict=False))
    for ch, cid in zip(AGENCY, run.cids, strict=True):
        if ch != " ":
            assert glyf[order[cid]].numberOfContours != 0, ch
    assert all(0 < int(v) < 1000 for arr in widths.values() for v in arr)  # 1/1000 em units


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_vietnamese_stamp_renders_ink_where_the_text_is(copy_stamp, tmp_path):
    w = pdfinspect.widget(copy_stamp, "EgovCopy")
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(copy_stamp)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "144",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    img = Image.open(tmp_path / "p.png").convert("L")
    scale = 144 / 72
    height = img.height
    x0, y0, x1, y1 = w.rect
    crop = img.crop(
        (int(x0 * scale), int(height - y1 * scale), int(x1 * scale), int(height - y0 * scale))
    )
    dark = sum(crop.histogram()[:100])
    assert dark > 300  # three lines of 10 pt text
    outside = img.crop(
        (
            int(x0 * scale) - 200,
            int(height - y1 * scale),
            int(x0 * scale) - 20,
            int(height - y0 * scale),
        )
    )
    assert sum(outside.histogram()[:100]) == 0


def test_explicit_placement_overrides_the_text_search(organisation, seal_image):
    out = sign_pdf(
        sample_appendix_pdf(),
        organisation,
        SealAppearance(
            seal_image,
            agency_name=AGENCY,
            placement=Placement(0, (300, 100, 400, 200)),
            caption=False,
        ),
    )
    w = pdfinspect.widget(out, "EgovOrganisation")
    assert w.rect == pytest.approx(
        (300 + 50 - 18 * MM, 150 - 18 * MM, 350 + 18 * MM, 150 + 18 * MM), abs=0.01
    )
    assert w.runs == []


def test_sample_images_are_transparent_blue_and_red(signature_image, seal_image):
    for png, channel in ((signature_image, 2), (seal_image, 0)):
        img = Image.open(io.BytesIO(png))
        assert img.mode == "RGBA"
        assert img.getpixel((0, 0))[3] == 0  # transparent corner
        raw = img.tobytes()
        pixels = [tuple(raw[i : i + 4]) for i in range(0, len(raw), 4)]
        inked = [px for px in pixels if px[3] > 200]
        assert inked
        avg = [sum(px[i] for px in inked) / len(inked) for i in range(3)]
        assert avg[channel] == max(avg)
