"""What the verifier promises: a claimed time proves nothing, no byte escapes the
signatures, corrupt signature data gets a verdict, and oversize input is refused
before pyHanko reads it."""

import io
import logging
import time
import tracemalloc
from datetime import datetime, timedelta, timezone

import pytest
from egov_fixtures.samples import issue_identity
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from egov_signing.pades import (
    MAX_CONTENTS_SIZE,
    MAX_FILE_SIZE,
    PROBLEMS,
    FileTooLargeError,
    InvalidPdfError,
    Pkcs12Signer,
    SignerAppearance,
    SignOptions,
    ValidationMaterial,
    message_for,
    sign_pdf,
    verify_pdf,
)

from .conftest import POSITION, SIGNER

DAY = timedelta(days=1)


def _codes(problems):
    return [p.code for p in problems]


def _sign(identity, draft, signature_image, signing_time=None, timestamper=None):
    signer = Pkcs12Signer(identity.pkcs12(), "demo")
    return sign_pdf(
        draft,
        signer,
        SignerAppearance(signature_image, full_name=SIGNER, position=POSITION),
        SignOptions(signing_time=signing_time, timestamper=timestamper),
    )


@pytest.fixture(scope="module")
def expired_last_month(pki):
    """Valid for a year until 30 days ago, issued by the trusted demo CA."""
    return issue_identity(
        "Đỗ Văn Hết Hạn",
        "UBND tỉnh Tây Ninh",
        pki.issuing_ca,
        not_before=pki.now - 400 * DAY,
        not_after=pki.now - 30 * DAY,
    )


# ------------------------------------------------------------------ time claims


def test_backdated_claim_does_not_save_a_certificate_expired_now(
    pki, draft, signature_image, material, expired_last_month
):
    pdf = _sign(expired_last_month, draft, signature_image, pki.now - 200 * DAY)
    result = verify_pdf(pdf, material)
    assert result.verdict == "invalid"
    (report,) = result.signatures
    assert report.status == "expired"
    assert report.signing_time_source == "claimed"
    problem = next(p for p in report.problems if p.code == "cert_expired_now")
    assert problem.params["not_after"].startswith(
        str(expired_last_month.cert.not_valid_after_utc.date())
    )
    assert problem.params["claimed_time"] < problem.params["not_after"]
    assert "cert_expired" not in _codes(report.problems)


def test_with_a_trusted_timestamp_the_timestamp_time_counts(
    pki, draft, signature_image, material, dummy_tsa
):
    three_years_on = pki.now + 3 * 365 * DAY  # the person's certificate ends after 2 years
    stamped = _sign(pki.person, draft, signature_image, timestamper=dummy_tsa)
    report = verify_pdf(stamped, material, now=three_years_on).signatures[0]
    assert report.status == "valid", _codes(report.problems)
    assert report.signing_time_source == "timestamp"
    claimed_only = _sign(pki.person, draft, signature_image)
    report = verify_pdf(claimed_only, material, now=three_years_on).signatures[0]
    assert report.status == "expired"
    assert "cert_expired_now" in _codes(report.problems)


def test_claimed_signing_time_in_the_future_is_a_problem(pki, draft, signature_image, material):
    pdf = _sign(pki.person, draft, signature_image, pki.now + 30 * DAY)
    result = verify_pdf(pdf, material)
    assert result.verdict == "invalid"
    (report,) = result.signatures
    problem = next(p for p in report.problems if p.code == "time_claimed_future")
    assert problem.params["claimed_time"] > problem.params["validation_time"]


def test_claimed_signing_time_before_the_certificate_is_a_problem(
    pki, draft, signature_image, material
):
    pdf = _sign(pki.person, draft, signature_image, pki.now - 60 * DAY)  # person: from -30 days
    result = verify_pdf(pdf, material)
    assert result.verdict == "invalid"
    (report,) = result.signatures
    assert report.status == "not_yet_valid"
    problem = next(p for p in report.problems if p.code == "time_claimed_before_cert")
    assert problem.params["claimed_time"] < problem.params["not_before"]


def test_a_claim_inside_the_validity_of_a_valid_certificate_stays_valid(
    pki, draft, signature_image, material
):
    pdf = _sign(pki.person, draft, signature_image, pki.now - 10 * DAY)
    (report,) = verify_pdf(pdf, material).signatures
    assert report.status == "valid", _codes(report.problems)
    assert _codes(report.problems) == ["signing_time_unverified"]


def test_expired_and_unchained_certificate_keeps_both_problems(
    pki, draft, signature_image, material
):
    rogue_expired = issue_identity(
        "Vũ Văn Lạ Hết Hạn",
        "Unknown",
        pki.untrusted_root,
        not_before=pki.now - 400 * DAY,
        not_after=pki.now - 30 * DAY,
    )
    backdated = _sign(rogue_expired, draft, signature_image, pki.now - 200 * DAY)
    codes = _codes(verify_pdf(backdated, material).signatures[0].problems)
    assert "cert_expired_now" in codes and "untrusted_chain" in codes
    claimed_now = _sign(rogue_expired, draft, signature_image)
    codes = _codes(verify_pdf(claimed_now, material).signatures[0].problems)
    assert "cert_expired" in codes and "untrusted_chain" in codes


def test_an_expired_certificate_that_chains_is_not_called_untrusted(
    pki, draft, signature_image, material, expired_last_month
):
    pdf = _sign(expired_last_month, draft, signature_image, pki.now - 200 * DAY)
    codes = _codes(verify_pdf(pdf, material).signatures[0].problems)
    assert "untrusted_chain" not in codes and "chain_validation_failed" not in codes


# ------------------------------------------------------------ bytes after signing


@pytest.mark.parametrize(
    "tail",
    [b"\nsome junk appended\n", bytes(range(256)) * 10],
    ids=["text", "binary"],
)
def test_bytes_appended_after_the_last_revision_are_a_problem(signed, material, tail):
    result = verify_pdf(signed + tail, material)
    assert result.verdict == "invalid"
    problem = next(p for p in result.problems if p.code == "bytes_after_signature")
    assert int(problem.params["offset"]) >= len(signed) - 2
    assert int(problem.params["length"]) == len(tail.lstrip(b"\x00\t\n\x0c\r "))


def test_an_object_override_without_xref_is_a_problem(signed, material):
    page_ref = PdfFileReader(io.BytesIO(signed)).root["/Pages"]["/Kids"].raw_get(0)
    override = (
        f"\n{page_ref.idnum} 0 obj\n<< /Type /Page /MediaBox [0 0 612 792] >>\nendobj\n"
    ).encode()
    result = verify_pdf(signed + override, material)
    assert result.verdict == "invalid"
    assert "bytes_after_signature" in _codes(result.problems)


def test_a_fake_eof_marker_does_not_hide_appended_bytes(signed, material):
    startxref = signed[signed.rindex(b"startxref") :]  # "startxref\nNNN\n%%EOF\n"
    result = verify_pdf(signed + b"\n999 0 obj\n(forged)\nendobj\n" + startxref, material)
    assert result.verdict == "invalid"
    assert "bytes_after_signature" in _codes(result.problems)


def test_an_incremental_update_not_covered_is_reported(signed, material):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    info = generic.DictionaryObject({generic.pdf_name("/Title"): generic.TextStringObject("x")})
    writer.set_info(writer.add_object(info))
    out = io.BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue(), material)
    assert result.problems, "an uncovered update must never give a clean result"
    assert "unsigned_changes_after_last_signature" in _codes(result.problems)


def test_a_clean_signed_file_has_no_document_problems(issued, material):
    result = verify_pdf(issued, material)
    assert result.verdict == "valid"
    assert result.problems == ()


# ------------------------------------------------------------ corrupt signature data


@pytest.mark.parametrize("garbage", [b"DEADBEEF" * 5, b"zz"], ids=["not_der", "not_hex"])
def test_corrupt_signature_data_gets_an_invalid_signature_verdict(signed, material, garbage):
    data = bytearray(signed)
    start = data.index(b"/Contents <") + len(b"/Contents <")
    data[start : start + len(garbage)] = garbage
    result = verify_pdf(bytes(data), material)  # not InvalidPdfError
    assert result.verdict == "invalid"
    (report,) = result.signatures
    assert report.status == "invalid_integrity"
    assert _codes(report.problems) == ["signature_data_corrupt"]
    assert report.to_dict()["problems"][0]["params"]["error"]


def test_bytes_that_are_no_pdf_still_raise_invalid_pdf():
    with pytest.raises(InvalidPdfError) as err:
        verify_pdf(b"%PDF-1.7\nnot really")
    assert err.value.code == "invalid_pdf"


# ------------------------------------------------------------------------ limits


def _measure(call):
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome = call()
    except Exception as exc:  # the refusal under test
        outcome = exc
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcome, elapsed, peak


def test_oversize_file_is_refused_before_parsing_quickly_and_cheaply(signed, material):
    data = signed + b"%" * (MAX_FILE_SIZE + 1 - len(signed))
    err, elapsed, peak = _measure(lambda: verify_pdf(data, material))
    print(
        f"\nfile_too_large: {len(data)} bytes refused in {elapsed * 1000:.1f} ms, "
        f"peak {peak / 1024:.0f} KiB"
    )
    assert isinstance(err, FileTooLargeError) and isinstance(err, InvalidPdfError)
    assert err.code == "file_too_large"
    assert err.params == {"limit": MAX_FILE_SIZE, "size": len(data)}
    assert elapsed < 0.5
    assert peak < 256 * 1024


def test_oversize_contents_is_refused_before_parsing_quickly_and_cheaply(signed, material):
    start = signed.index(b"/Contents <") + len(b"/Contents <")
    end = signed.index(b">", start)
    huge = 33 * 1024 * 1024  # the 33 MB upload that took 30 s and 2.9 GB through pyHanko
    data = signed[:start] + b"0" * huge + signed[end:]
    result, elapsed, peak = _measure(lambda: verify_pdf(data, material))
    print(
        f"\ncontents_too_large: {huge} hex digits refused in {elapsed * 1000:.1f} ms, "
        f"peak {peak / 1024:.0f} KiB"
    )
    assert result.verdict == "invalid" and result.signatures == ()
    (problem,) = result.problems
    assert problem.code == "contents_too_large"
    assert problem.params["limit"] == str(MAX_CONTENTS_SIZE)
    assert problem.params["size"] == str(huge)
    assert elapsed < 2.0
    assert peak < 1024 * 1024


def test_limits_are_configurable_on_the_call_and_the_material(signed, material):
    contents = signed.index(b">", signed.index(b"/Contents <")) - signed.index(b"/Contents <") - 11
    refused = verify_pdf(signed, material, max_contents_size=contents - 1)
    assert _codes(refused.problems) == ["contents_too_large"]
    assert refused.problems[0].params["size"] == str(contents)
    assert verify_pdf(signed, material, max_contents_size=contents).verdict == "valid"
    strict = ValidationMaterial(trust_roots=material.trust_roots, max_file_size=len(signed) - 1)
    with pytest.raises(FileTooLargeError):
        verify_pdf(signed, strict)


# ------------------------------------------------------------- codes and the log


def test_every_problem_code_has_an_english_message_that_formats():
    for code, kind in PROBLEMS.items():
        assert kind.severity in ("error", "warning", "info"), code
        text = message_for(code, {})
        assert text and "%(" not in text, code


def test_results_carry_codes_and_params(pki, draft, signature_image, material, expired_last_month):
    pdf = _sign(expired_last_month, draft, signature_image, pki.now - 200 * DAY)
    data = verify_pdf(pdf, material).to_dict()
    problems = data["signatures"][0]["problems"]
    assert all(p["code"] in PROBLEMS for p in problems)
    expired = next(p for p in problems if p["code"] == "cert_expired_now")
    assert set(expired["params"]) >= {"not_after", "claimed_time", "validation_time"}
    assert expired["params"]["not_after"] in expired["message"]


def test_pyhanko_tracebacks_stay_out_of_the_log_during_verification(
    pki, draft, signature_image, material, caplog, monkeypatch
):
    monkeypatch.setattr(logging.getLogger("pyhanko"), "level", logging.WARNING)
    pdf = _sign(pki.untrusted, draft, signature_image)
    with caplog.at_level(logging.WARNING):
        report = verify_pdf(pdf, material).signatures[0]
    assert report.status == "untrusted"
    assert [r for r in caplog.records if r.name.startswith("pyhanko")] == []
    with caplog.at_level(logging.WARNING):
        logging.getLogger("pyhanko.sign.validation.generic_cms").warning("outside verification")
    assert [r.getMessage() for r in caplog.records] == ["outside verification"]


def test_verification_time_defaults_to_now(pki, draft, signature_image, material):
    pdf = _sign(pki.person, draft, signature_image)
    later = datetime.now(timezone.utc) + 3 * 365 * DAY
    assert verify_pdf(pdf, material).signatures[0].status == "valid"
    assert verify_pdf(pdf, material, now=later).signatures[0].status == "expired"
