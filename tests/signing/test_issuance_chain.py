"""NĐ 30/2020 Điều 15.3 and PL I: the signer approves, the clerk stamps number
and date into the signed file, the organisation signs; every signature holds."""

import io

from pyhanko.pdf_utils.reader import PdfFileReader

from egov_signing.pades import (
    DATE_FIELD,
    NUMBER_FIELD,
    fill_number_date,
    format_vn_date,
    read_number_date,
    sign_pdf,
    verify_pdf,
)

from .conftest import AGENCY, SIGNER


def _revisions(pdf: bytes) -> int:
    return PdfFileReader(io.BytesIO(pdf)).xrefs.total_revisions


def test_each_step_is_an_incremental_update_of_the_previous_one(draft, signed, numbered, issued):
    for before, after in ((draft, signed), (signed, numbered), (numbered, issued)):
        assert after.startswith(before)
        assert _revisions(after) == _revisions(before) + 1


def test_issued_document_verifies_with_both_signatures_valid(issued, material):
    result = verify_pdf(issued, material)
    assert result.verdict == "valid" and result.ok
    signer, org = result.signatures
    assert (signer.field_name, signer.status, signer.kind) == ("EgovSigner", "valid", "approval")
    assert (org.field_name, org.status, org.kind) == ("EgovOrganisation", "valid", "approval")
    assert signer.signer_name == SIGNER
    assert org.signer_name == AGENCY
    assert signer.issuer_name == org.issuer_name == "Demo CA phục vụ cơ quan nhà nước"
    assert result.problems == ()


def test_number_and_date_after_signing_count_as_permitted_form_filling(issued, material):
    signer = verify_pdf(issued, material).signatures[0]
    assert signer.coverage == "entire_revision"
    assert signer.modification_level == "form_filling"
    assert signer.changes_permitted is True
    assert "changes_after_signature" in [p.code for p in signer.problems]
    assert all(p.severity != "error" for p in signer.problems)


def test_organisation_signature_covers_the_whole_file(issued, material):
    org = verify_pdf(issued, material).signatures[1]
    assert org.coverage == "entire_file"
    assert org.modification_level == "none"


def test_signing_time_is_iso8601_with_vietnam_offset(issued, material):
    for report in verify_pdf(issued, material).signatures:
        assert report.signing_time.endswith("+07:00")
        assert report.signing_time[10] == "T"
        assert report.signing_time_source == "claimed"


def test_clerk_numbering_is_readable_back(issued, pki):
    values = read_number_date(issued)
    assert values["number"] == "125"
    assert values["date"] == format_vn_date(pki.now.date())
    assert values["date"].startswith("ngày ")


def test_organisation_signature_locks_number_and_date_fields(issued):
    reader = PdfFileReader(io.BytesIO(issued))
    org = [s for s in reader.embedded_signatures if s.field_name == "EgovOrganisation"][0]
    assert org.fieldmdp is not None
    assert sorted(org.fieldmdp.fields) == sorted([NUMBER_FIELD, DATE_FIELD])


def test_renumbering_after_the_organisation_signed_breaks_its_signature(issued, material, pki):
    tampered = fill_number_date(issued, number="999", date=pki.now.date(), overwrite=True)
    result = verify_pdf(tampered, material)
    assert not result.ok
    signer, org = result.signatures
    assert org.status == "modified"
    assert "modified_after_signing" in [p.code for p in org.problems]
    # for the signer's approval signature it is still only form filling
    assert signer.status == "valid"
    assert "unsigned_changes_after_last_signature" in [p.code for p in result.problems]


def test_a_second_signer_can_sign_the_same_draft(signed, organisation, signature_image, material):
    from egov_signing.pades import Placement, SignerAppearance

    twice = sign_pdf(
        signed,
        organisation,
        SignerAppearance(signature_image, placement=Placement(-1, (90, 100, 200, 150))),
    )
    reports = verify_pdf(twice, material).signatures
    assert [r.field_name for r in reports] == ["EgovSigner", "EgovSigner_2"]
    assert all(r.ok for r in reports)
