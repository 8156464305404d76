"""Verification on receipt: each bad certificate or tampering gets its status
and a stable problem code; broken input never crashes the verifier."""

import io

import pytest
from egov_fixtures.samples import sample_appendix_pdf
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from egov_signing.pades import (
    InvalidPdfError,
    Pkcs12Signer,
    SignerAppearance,
    ValidationMaterial,
    sign_pdf,
    verify_pdf,
)

from .conftest import POSITION, SIGNER


def _sign_with(pki, name, draft, signature_image):
    identity = getattr(pki, name)
    signer = Pkcs12Signer(identity.pkcs12(), "demo")
    return sign_pdf(
        draft, signer, SignerAppearance(signature_image, full_name=SIGNER, position=POSITION)
    )


def _codes(report):
    return [p.code for p in report.problems]


@pytest.mark.parametrize(
    ("identity", "status", "code"),
    [
        ("expired", "expired", "cert_expired"),
        ("not_yet_valid", "not_yet_valid", "cert_not_yet_valid"),
        ("revoked", "revoked", "cert_revoked"),
        ("untrusted", "untrusted", "untrusted_chain"),
    ],
)
def test_bad_certificate_is_reported_with_its_status(
    pki, draft, signature_image, material, identity, status, code
):
    result = verify_pdf(_sign_with(pki, identity, draft, signature_image), material)
    assert result.verdict == "invalid" and not result.ok
    (report,) = result.signatures
    assert report.status == status
    assert code in _codes(report)


def test_revocation_reports_date_and_reason(pki, draft, signature_image, material):
    report = verify_pdf(_sign_with(pki, "revoked", draft, signature_image), material).signatures[0]
    problem = next(p for p in report.problems if p.code == "cert_revoked")
    assert problem.params["reason"] == "key_compromise"
    assert problem.params["revocation_date"].endswith("+07:00")


def test_expired_certificate_reports_its_end_of_validity(pki, draft, signature_image, material):
    report = verify_pdf(_sign_with(pki, "expired", draft, signature_image), material).signatures[0]
    problem = next(p for p in report.problems if p.code == "cert_expired")
    assert problem.params["not_after"].startswith(str(pki.expired.cert.not_valid_after_utc.year))


def test_without_the_crl_a_revoked_certificate_cannot_be_seen(pki, draft, signature_image):
    blind = ValidationMaterial(trust_roots=(pki.root.cert,), intermediates=(pki.issuing_ca.cert,))
    report = verify_pdf(_sign_with(pki, "revoked", draft, signature_image), blind).signatures[0]
    assert report.status == "valid"


def test_without_trust_roots_nothing_is_trusted(issued):
    result = verify_pdf(issued, ValidationMaterial())
    assert [r.status for r in result.signatures] == ["untrusted", "untrusted"]


def test_a_flipped_byte_in_signed_content_is_caught(issued, material):
    data = bytearray(issued)
    pos = data.index(b"stream", 2000) + 60  # inside the first page's content
    data[pos] ^= 0x01
    result = verify_pdf(bytes(data), material)
    assert not result.ok
    assert all(r.status == "invalid_integrity" for r in result.signatures)
    assert "digest_mismatch" in _codes(result.signatures[-1]) or "validation_error" in _codes(
        result.signatures[-1]
    )


def test_a_flipped_byte_in_the_signature_value_is_caught(signed, material):
    data = bytearray(signed)
    start = data.index(b"/Contents <") + len(b"/Contents <")
    end = data.index(b">", start)
    used = bytes(data[start:end]).rstrip(b"0")  # the CMS, then zero padding
    pos = start + len(used) - 40  # inside the RSA signature value, the CMS's last field
    data[pos : pos + 1] = b"0" if data[pos : pos + 1] != b"0" else b"1"
    (report,) = verify_pdf(bytes(data), material).signatures
    assert report.status == "invalid_integrity"


def test_page_content_added_after_signing_is_an_unpermitted_change(signed, material):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    font = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Font"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
            generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
        }
    )
    resources = generic.DictionaryObject(
        {
            generic.pdf_name("/Font"): generic.DictionaryObject(
                {generic.pdf_name("/FX"): writer.add_object(font)}
            )
        }
    )
    stream = generic.StreamObject(
        stream_data=b"BT /FX 30 Tf 100 400 Td (APPROVED 10 BILLION) Tj ET"
    )
    writer.add_stream_to_page(0, writer.add_object(stream), resources)
    out = io.BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue(), material)
    (report,) = result.signatures
    assert report.status == "modified"
    assert report.modification_level == "other"
    assert report.changes_permitted is False
    assert "modified_after_signing" in _codes(report)
    assert "unsigned_changes_after_last_signature" in [p.code for p in result.problems]


def test_unsigned_pdf_gets_the_unsigned_verdict():
    result = verify_pdf(sample_appendix_pdf())
    assert result.verdict == "unsigned"
    assert not result.ok
    assert [p.code for p in result.problems] == ["no_signatures"]


@pytest.mark.parametrize("data", [b"", b"garbage" * 100, b"%PDF-1.7\n" + bytes(range(256)) * 20])
def test_garbage_bytes_raise_invalid_pdf(data):
    with pytest.raises(InvalidPdfError) as err:
        verify_pdf(data)
    assert err.value.code == "invalid_pdf"


def test_truncated_signed_file_does_not_crash(issued, material):
    try:
        result = verify_pdf(issued[: len(issued) - 3000], material)
    except InvalidPdfError:
        return
    assert not result.ok


def test_result_serialises_to_plain_data(issued, material):
    import json

    data = verify_pdf(issued, material).to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert '"verdict": "valid"' in text
    assert data["signatures"][0]["problems"][0]["code"]
