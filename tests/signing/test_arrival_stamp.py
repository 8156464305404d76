"""The "ĐẾN" stamp of NĐ 30/2020 Phụ lục IV on a received PDF (Điều 22: số đến and ngày đến
shown on the electronic document), written as an incremental update that keeps every
earlier signature valid by pyHanko's standard difference policy."""

import shutil
import subprocess
from io import BytesIO

import pytest
from egov_fixtures import samples
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import signers as ph_signers
from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm, SigFieldSpec
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import collect_embedded_signatures

from egov_signing.pades import InvalidPdfError, verify_pdf
from egov_signing.pades.arrival_stamp import (
    ArrivalStampError,
    ArrivalStampRefusedError,
    EncryptedPdfError,
    read_arrival,
    stamp_arrival,
    update_forwarded,
)

AGENCY = "Sở Khoa học và Công nghệ tỉnh Tây Ninh"
RECEIVED = "2026-03-05T09:15:00+07:00"
FORWARDED = "Phòng Quản lý khoa học (chủ trì)"


def _certified(pdf, signer, permission):
    meta = ph_signers.PdfSignatureMetadata(
        field_name="Certification", certify=True, docmdp_permissions=permission
    )
    out = ph_signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf)), meta, signer=signer.pyhanko_signer()
    )
    return out.getvalue()


def _pyhanko_statuses(pdf):
    """pyHanko's own verdict on each signature (standard diff policy)."""
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    result = {}
    for emb in collect_embedded_signatures(reader):
        status = validate_pdf_signature(emb)
        result[emb.field_name] = (
            status.intact,
            status.valid,
            status.docmdp_ok,
            status.modification_level,
        )
    return result


def _page_one_text(pdf, tmp_path):
    """Text poppler draws on page 1, annotations and form fields included."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    path = tmp_path / "stamped.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(scope="module")
def unsigned():
    return samples.sample_decision_pdf()


@pytest.fixture(scope="module")
def certified_p2(unsigned, organisation):
    return _certified(unsigned, organisation, MDPPerm.FILL_FORMS)


def test_unsigned_pdf_gets_the_stamp_on_page_one_as_an_increment(unsigned, tmp_path):
    stamped = stamp_arrival(unsigned, AGENCY, 12, RECEIVED, dossier="01.02/2026/KHCN")
    assert stamped[: len(unsigned)] == unsigned and len(stamped) > len(unsigned)
    text = _page_one_text(stamped, tmp_path)
    assert "ĐẾN" in text
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text
    assert "05/03/2026 09:15" in text
    assert "01.02/2026/KHCN" in text
    assert read_arrival(stamped) == {"number": "12", "forwarded_to": None}
    assert "ĐẾN" not in _page_one_text(unsigned, tmp_path)


def test_date_is_shown_in_vietnam_time_whatever_the_offset_given(unsigned, tmp_path):
    stamped = stamp_arrival(unsigned, AGENCY, 7, "2026-03-05T02:15:00+00:00")
    assert "05/03/2026 09:15" in _page_one_text(stamped, tmp_path)


def test_approval_signatures_stay_valid_after_stamp_and_forwarding(numbered, material):
    before = verify_pdf(numbered, material)
    assert before.verdict == "valid"
    stamped = stamp_arrival(numbered, AGENCY, "35", RECEIVED)
    forwarded = update_forwarded(stamped, FORWARDED)
    for pdf in (stamped, forwarded):
        assert pdf.startswith(numbered)
        after = verify_pdf(pdf, material)
        assert after.verdict == "valid"
        assert [(s.field_name, s.status, s.changes_permitted) for s in after.signatures] == [
            (s.field_name, "valid", True) for s in before.signatures
        ]
        for intact, valid, docmdp_ok, level in _pyhanko_statuses(pdf).values():
            assert intact and valid and docmdp_ok
            assert level.name in ("LTA_UPDATES", "FORM_FILLING")
    assert read_arrival(forwarded) == {"number": "35", "forwarded_to": FORWARDED}


def test_forwarding_is_written_in_the_stamp(unsigned, tmp_path):
    forwarded = update_forwarded(stamp_arrival(unsigned, AGENCY, 3, RECEIVED), FORWARDED)
    assert "Phòng Quản lý khoa học" in _page_one_text(forwarded, tmp_path)
    assert update_forwarded(forwarded, FORWARDED) == forwarded


def test_certified_fill_forms_document_is_refused_and_left_untouched(certified_p2):
    # pyHanko's standard policy rejects any new visible field after a certification
    # signature, and annotations exceed P=2: the stamp stays in the register only
    with pytest.raises(ArrivalStampRefusedError) as refused:
        stamp_arrival(certified_p2, AGENCY, 4, RECEIVED)
    assert refused.value.params["permission"] == 2
    (intact, valid, docmdp_ok, _level) = _pyhanko_statuses(certified_p2)["Certification"]
    assert intact and valid and docmdp_ok


def test_certified_no_changes_document_is_refused(unsigned, organisation):
    locked = _certified(unsigned, organisation, MDPPerm.NO_CHANGES)
    with pytest.raises(ArrivalStampRefusedError) as refused:
        stamp_arrival(locked, AGENCY, 4, RECEIVED)
    assert refused.value.params["permission"] == 1
    assert refused.value.code == "arrival_stamp_refused"


def test_certified_annotations_document_is_refused_too(unsigned, organisation):
    # P=3 would permit annotations, but pyHanko's standard policy has no rule for a new
    # annotation on a page and rejects new visible fields after a certification
    certified = _certified(unsigned, organisation, MDPPerm.ANNOTATE)
    with pytest.raises(ArrivalStampRefusedError) as refused:
        stamp_arrival(certified, AGENCY, 5, RECEIVED)
    assert refused.value.params["permission"] == 3


def test_document_issued_by_egov_signing_gets_the_stamp_and_keeps_its_signatures(issued, material):
    # the organisation signature locks the number/date fields (FieldMDP) and carries their
    # appearances in its own revision: the stamp and "Chuyển:" are permitted after it
    stamped = stamp_arrival(issued, AGENCY, 12, RECEIVED)
    forwarded = update_forwarded(stamped, FORWARDED)
    for pdf in (stamped, forwarded):
        assert pdf.startswith(issued)
        result = verify_pdf(pdf, material)
        assert result.verdict == "valid"
        assert [(s.field_name, s.status, s.changes_permitted) for s in result.signatures] == [
            ("EgovSigner", "valid", True),
            ("EgovOrganisation", "valid", True),
        ]
        for intact, valid, docmdp_ok, level in _pyhanko_statuses(pdf).values():
            assert intact and valid and docmdp_ok
            assert level.name in ("NONE", "LTA_UPDATES", "FORM_FILLING")
    assert read_arrival(forwarded) == {"number": "12", "forwarded_to": FORWARDED}


def _locked_one_revision_late(numbered, signer):
    """A signature that locks the number/date fields filled one revision before it (what
    egov_signing wrote before its organisation signature carried the fields' appearances,
    and what other systems may write): pyHanko 0.38 then rejects any later revision."""
    meta = ph_signers.PdfSignatureMetadata(field_name="Legacy")
    spec = SigFieldSpec(
        sig_field_name="Legacy",
        field_mdp_spec=FieldMDPSpec(FieldMDPAction.INCLUDE, ["EgovNumber", "EgovDate"]),
    )
    out = ph_signers.sign_pdf(
        IncrementalPdfFileWriter(BytesIO(numbered)),
        meta,
        signer=signer.pyhanko_signer(),
        new_field_spec=spec,
    )
    return out.getvalue()


def test_stamp_that_would_break_a_signature_is_refused(numbered, organisation):
    legacy = _locked_one_revision_late(numbered, organisation)
    with pytest.raises(ArrivalStampRefusedError) as refused:
        stamp_arrival(legacy, AGENCY, 12, RECEIVED)
    assert refused.value.params["field_name"] == "Legacy"
    (intact, valid, docmdp_ok, _level) = _pyhanko_statuses(legacy)["Legacy"]
    assert intact and valid and docmdp_ok


def test_stamping_twice_with_the_same_number_adds_no_second_box(numbered):
    once = stamp_arrival(numbered, AGENCY, 12, RECEIVED)
    assert stamp_arrival(once, AGENCY, 12, RECEIVED) == once
    with pytest.raises(ArrivalStampError) as other:
        stamp_arrival(once, AGENCY, 13, RECEIVED)
    assert other.value.params["number"] == "12"


def test_broken_and_encrypted_files_are_refused_with_a_clear_error(unsigned):
    with pytest.raises(InvalidPdfError):
        stamp_arrival(b"%PDF-1.7\nnot really a pdf", AGENCY, 1, RECEIVED)
    with pytest.raises(InvalidPdfError):
        stamp_arrival(unsigned[: len(unsigned) // 2], AGENCY, 1, RECEIVED)
    writer = IncrementalPdfFileWriter(BytesIO(unsigned))
    plain = copy_into_new_writer(writer.prev)
    plain.encrypt("owner-pass", "user-pass")
    out = BytesIO()
    plain.write(out)
    with pytest.raises(EncryptedPdfError) as encrypted:
        stamp_arrival(out.getvalue(), AGENCY, 1, RECEIVED)
    assert encrypted.value.code == "encrypted_pdf"


def test_forwarding_needs_a_stamp(unsigned):
    with pytest.raises(ArrivalStampError):
        update_forwarded(unsigned, FORWARDED)
