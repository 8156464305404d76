"""PAdES levels: B-T with an RFC 3161 timestamp, B-LT with validation data in the DSS."""

import io

from pyhanko.pdf_utils.reader import PdfFileReader

from egov_signing.pades import (
    SignOptions,
    StampAppearance,
    add_validation_info,
    sign_pdf,
    verify_pdf,
)


def test_in_process_tsa_gives_a_b_t_signature(signed, organisation, dummy_tsa, material):
    out = sign_pdf(
        signed,
        organisation,
        StampAppearance.appendix("125/QĐ-UBND"),
        SignOptions(timestamper=dummy_tsa),
    )
    report = verify_pdf(out, material).signatures[-1]
    assert report.level == "B-T"
    assert report.signing_time_source == "timestamp"
    assert report.ok
    assert "signing_time_unverified" not in [p.code for p in report.problems]


def test_tsa_url_is_called_over_http(signed, organisation, tsa_url, material):
    out = sign_pdf(
        signed, organisation, StampAppearance.appendix("125/QĐ-UBND"), SignOptions(tsa_url=tsa_url)
    )
    report = verify_pdf(out, material).signatures[-1]
    assert report.level == "B-T" and report.ok
    assert report.signing_time.endswith("+07:00")


def test_without_tsa_the_signature_is_b_b_and_says_so(signed, material):
    report = verify_pdf(signed, material).signatures[0]
    assert report.level == "B-B"
    assert "signing_time_unverified" in [p.code for p in report.problems]


def test_validation_material_with_crls_gives_b_lt(signed, organisation, dummy_tsa, material):
    out = sign_pdf(
        signed,
        organisation,
        StampAppearance.appendix("125/QĐ-UBND"),
        SignOptions(timestamper=dummy_tsa, ltv=material),
    )
    assert "/DSS" in PdfFileReader(io.BytesIO(out)).root
    result = verify_pdf(out, material)
    assert result.signatures[-1].level == "B-LT"
    assert result.ok
    # the DSS update after the signer's signature is a permitted change
    assert result.signatures[0].status == "valid"


def test_validation_info_can_be_added_afterwards(signed, material):
    out = add_validation_info(signed, material)
    assert out.startswith(signed)
    assert "/DSS" in PdfFileReader(io.BytesIO(out)).root
    report = verify_pdf(out, material).signatures[0]
    assert report.ok
    assert report.modification_level in ("lta_updates", "none")
