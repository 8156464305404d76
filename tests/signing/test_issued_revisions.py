"""An issued document (signer, number/date, organisation signature that locks the number and
date fields) accepts the revisions a receiver makes: its own visible signatures, the "ĐẾN"
stamp and "Chuyển:", in any order and number, while every earlier signature stays intact,
valid and reports its changes as permitted; changing the number or date afterwards is still
caught by the organisation signature."""

from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import collect_embedded_signatures

from egov_signing.pades import (
    NUMBER_FIELD,
    Placement,
    SealAppearance,
    StampAppearance,
    fill_number_date,
    sign_pdf,
    verify_pdf,
)
from egov_signing.pades.arrival_stamp import stamp_arrival, update_forwarded
from egov_signing.pades.fields import find_field, open_incremental

RECEIVER = "Sở Khoa học và Công nghệ tỉnh Tây Ninh"
RECEIVED = "2026-03-05T09:15:00+07:00"


def _pyhanko_statuses(pdf):
    """pyHanko's own verdict on each signature (standard difference policy)."""
    reader = PdfFileReader(BytesIO(pdf), strict=False)
    return {
        emb.field_name: validate_pdf_signature(emb) for emb in collect_embedded_signatures(reader)
    }


def _assert_every_signature_holds(pdf, material, names):
    result = verify_pdf(pdf, material)
    assert result.verdict == "valid", result.to_dict()
    assert [s.field_name for s in result.signatures] == names
    for report in result.signatures:
        assert (report.status, report.changes_permitted) == ("valid", True), report
    for name, status in _pyhanko_statuses(pdf).items():
        assert status.intact and status.valid and status.docmdp_ok, name
        assert status.modification_level.name in ("NONE", "LTA_UPDATES", "FORM_FILLING"), name


@pytest.fixture(scope="module")
def receiver_signed(issued, organisation):
    """The receiving agency signs the issued document visibly (its own signature field)."""
    return sign_pdf(issued, organisation, StampAppearance.appendix("12/SKHCN"))


def test_receivers_own_visible_signature_keeps_every_earlier_signature_valid(
    issued, receiver_signed, material
):
    assert receiver_signed.startswith(issued)
    _assert_every_signature_holds(
        receiver_signed, material, ["EgovSigner", "EgovOrganisation", "EgovAttachment"]
    )


def test_arrival_stamp_on_an_issued_document_keeps_every_signature_valid(issued, material):
    stamped = stamp_arrival(issued, RECEIVER, 12, RECEIVED)
    assert stamped.startswith(issued)
    _assert_every_signature_holds(stamped, material, ["EgovSigner", "EgovOrganisation"])


def test_several_later_revisions_in_a_row_keep_every_signature_valid(
    receiver_signed, organisation, material
):
    # each later revision is compared with the signed one: the second and third must pass
    # as well as the first
    stamped = stamp_arrival(receiver_signed, RECEIVER, 12, RECEIVED)
    forwarded = update_forwarded(stamped, "Phòng Quản lý khoa học")
    again = sign_pdf(forwarded, organisation, StampAppearance.copy("SAO Y", RECEIVER))
    _assert_every_signature_holds(
        again,
        material,
        ["EgovSigner", "EgovOrganisation", "EgovAttachment", "EgovCopy"],
    )


def test_renumbering_after_later_revisions_still_breaks_the_organisation_signature(
    receiver_signed, material, pki
):
    stamped = stamp_arrival(receiver_signed, RECEIVER, 12, RECEIVED)
    tampered = fill_number_date(stamped, number="999", date=pki.now.date(), overwrite=True)
    reports = {s.field_name: s for s in verify_pdf(tampered, material).signatures}
    assert reports["EgovOrganisation"].status == "modified"
    assert "modified_after_signing" in [p.code for p in reports["EgovOrganisation"].problems]
    assert not _pyhanko_statuses(tampered)["EgovOrganisation"].docmdp_ok


def _number_stream_ref(writer):
    _ref, field = find_field(writer, NUMBER_FIELD)
    return field["/AP"].raw_get("/N")


def test_rewriting_the_number_appearance_in_place_breaks_the_organisation_signature(
    issued, material
):
    # same object number, new content, field dictionary untouched: an in-place update of a
    # locked field's appearance
    writer = open_incremental(issued)
    ref = _number_stream_ref(writer)
    writer.mark_update(ref)
    stream = ref.get_object()
    stream.pop("/Filter", None)
    stream._data, stream._encoded_data = b"q 1 1 1 rg 0 0 10 10 re f Q", None
    out = BytesIO()
    writer.write(out)
    org = verify_pdf(out.getvalue(), material).signatures[1]
    assert (org.field_name, org.status) == ("EgovOrganisation", "modified")


def test_number_and_date_appearances_are_carried_by_the_organisation_revision(issued, numbered):
    """What makes later revisions acceptable: the locked fields' appearances are (re)written
    in the revision the organisation signs, with the same drawing as the clerk's."""
    reader = PdfFileReader(BytesIO(issued), strict=False)
    org = [s for s in reader.embedded_signatures if s.field_name == "EgovOrganisation"][0]
    signed_revision = org.signed_revision
    before = open_incremental(numbered)
    after = open_incremental(issued)
    for name in ("EgovNumber", "EgovDate"):
        old = find_field(before, name)[1]["/AP"]["/N"]
        new_ref = find_field(after, name)[1]["/AP"].raw_get("/N")
        assert reader.xrefs.get_last_change(new_ref.reference) == signed_revision
        assert new_ref.get_object().data == old.data
        assert find_field(after, name)[1]["/V"] == find_field(before, name)[1]["/V"]


def test_receivers_seal_does_not_lock_the_issuers_fields_again(issued, organisation, material):
    """A receiver's organisation signature next to the issuer's leaves the issuer's locked
    fields alone (rewriting them would modify them for the issuer)."""
    from egov_fixtures import samples

    sealed = sign_pdf(
        issued,
        organisation,
        SealAppearance(
            samples.seal_png(), agency_name=RECEIVER, placement=Placement(0, (300, 80, 400, 180))
        ),
    )
    reader = PdfFileReader(BytesIO(sealed), strict=False)
    receiver = [s for s in reader.embedded_signatures if s.field_name == "EgovOrganisation_2"][0]
    assert receiver.fieldmdp is None
    stamped = stamp_arrival(sealed, RECEIVER, 12, RECEIVED)
    _assert_every_signature_holds(
        stamped, material, ["EgovSigner", "EgovOrganisation", "EgovOrganisation_2"]
    )


def test_an_unfilled_locked_field_cannot_be_filled_after_the_organisation_signed(
    signed, organisation, seal_image, material, pki
):
    sealed = sign_pdf(signed, organisation, SealAppearance(seal_image, agency_name=RECEIVER))
    stamped = stamp_arrival(sealed, RECEIVER, 3, RECEIVED)
    _assert_every_signature_holds(stamped, material, ["EgovSigner", "EgovOrganisation"])
    filled = fill_number_date(stamped, number="7", date=pki.now.date())
    assert verify_pdf(filled, material).signatures[1].status == "modified"


def test_organisation_signature_made_externally_also_accepts_later_revisions(
    numbered, pki, seal_image, material
):
    """The two-phase flow (VGCA plugin, remote signing) lays the seal out the same way."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    from .test_signers import ServiceSigner

    signer = ServiceSigner(pki.organisation.cert, (pki.issuing_ca.cert,))
    pending = signer.prepare(numbered, SealAppearance(seal_image, agency_name=RECEIVER))
    value = pki.organisation.key.sign(pending.data_to_sign, padding.PKCS1v15(), hashes.SHA256())
    issued = signer.complete(pending, value)
    stamped = stamp_arrival(issued, RECEIVER, 12, RECEIVED)
    _assert_every_signature_holds(stamped, material, ["EgovSigner", "EgovOrganisation"])
