"""XroadVnpt-* headers (STANDARDS.md §5.1): every parameter is signed with HMAC-SHA256 of
the sign-header JSON, and the receiver refuses anything changed, unsigned, stale or signed
with another secret."""

import hashlib
import hmac
import json
from datetime import datetime, timedelta, timezone

import pytest

from egov_interchange.vdxp import (
    VIETNAM,
    VdxpPermanentError,
    file_hash,
    format_timestamp,
    parse_timestamp,
    sign_headers,
    verify_headers,
)

SYSTEM = "000.00.00.H41"
SECRET = "province-secret-1"
NOW = datetime(2026, 3, 2, 1, 30, 15, 250000, tzinfo=timezone.utc)


def secrets(system_id):
    return {SYSTEM: SECRET}.get(system_id)


def signed(params=None, **kwargs):
    return sign_headers(params or {"docId": "D-1", "status": "done"}, SYSTEM, SECRET, NOW, **kwargs)


def test_every_param_travels_as_xroadvnpt_header_with_systemid_timestamp_and_nonce():
    headers = signed(nonce="n-1")
    assert headers["XroadVnpt-docId"] == "D-1"
    assert headers["XroadVnpt-status"] == "done"
    assert headers["XroadVnpt-systemid"] == SYSTEM
    assert headers["XroadVnpt-nonce"] == "n-1"
    assert headers["XroadVnpt-version"] == "3.0.201608"
    assert headers["User-Agent"] == "JAVASDKAgent/1.0.0 XRoad/VPCP"
    assert headers["XroadVnpt-sign-header-key"].split(";") == [
        "XroadVnpt-docId",
        "XroadVnpt-status",
        "XroadVnpt-systemid",
        "XroadVnpt-timestamp",
        "XroadVnpt-nonce",
    ]


def test_hash_header_is_hex_hmac_sha256_of_the_sign_header_json():
    headers = signed()
    expected = hmac.new(
        SECRET.encode(), headers["XroadVnpt-sign-header"].encode(), hashlib.sha256
    ).hexdigest()
    assert headers["XroadVnpt-hash-header"] == expected
    assert json.loads(headers["XroadVnpt-sign-header"])["XroadVnpt-docId"] == "D-1"


def test_timestamp_uses_the_sdk_format_in_vietnam_time():
    assert format_timestamp(NOW) == "02032026T083015+0250"
    assert parse_timestamp("02032026T083015+0250") == NOW
    assert parse_timestamp("2026-03-02T08:30:15.250+07:00") == NOW
    assert parse_timestamp("02032026T083015") == NOW.replace(microsecond=0)
    assert parse_timestamp("yesterday") is None
    assert parse_timestamp("31022026T083015+0000") is None
    assert NOW.astimezone(VIETNAM).hour == 8


def test_nonce_is_random_for_each_call():
    assert signed()["XroadVnpt-nonce"] != signed()["XroadVnpt-nonce"]


def test_sign_verify_round_trip_returns_the_system_and_its_params():
    system_id, params = verify_headers(signed(nonce="abc"), secrets, NOW + timedelta(seconds=3))
    assert system_id == SYSTEM
    assert params == {
        "docId": "D-1",
        "status": "done",
        "systemid": SYSTEM,
        "timestamp": "02032026T083015+0250",
        "nonce": "abc",
    }


def test_header_names_are_matched_case_insensitively_as_http_does():
    headers = {name.lower(): value for name, value in signed().items()}
    assert verify_headers(headers, secrets, NOW)[0] == SYSTEM


def test_tampered_param_header_is_refused_with_code_15():
    headers = signed()
    headers["XroadVnpt-docId"] = "D-2"
    with pytest.raises(VdxpPermanentError) as error:
        verify_headers(headers, secrets, NOW)
    assert error.value.code == "15"
    assert "XroadVnpt-docId" in error.value.message


def test_tampered_sign_header_json_is_refused_as_bad_signature():
    headers = signed()
    forged = json.loads(headers["XroadVnpt-sign-header"])
    forged["XroadVnpt-docId"] = "D-2"
    headers["XroadVnpt-sign-header"] = json.dumps(forged, separators=(",", ":"))
    headers["XroadVnpt-docId"] = "D-2"
    with pytest.raises(VdxpPermanentError) as error:
        verify_headers(headers, secrets, NOW)
    assert error.value.code == "15"
    assert "signature" in error.value.message


def test_unsigned_extra_header_is_not_returned_as_a_param():
    headers = signed()
    headers["XroadVnpt-to"] = '["000.00.00.H99"]'
    _system, params = verify_headers(headers, secrets, NOW)
    assert "to" not in params


def test_sign_header_key_that_does_not_list_the_signed_headers_is_refused():
    headers = signed()
    headers["XroadVnpt-sign-header-key"] = "XroadVnpt-systemid"
    with pytest.raises(VdxpPermanentError, match="sign-header-key"):
        verify_headers(headers, secrets, NOW)


def test_wrong_secret_is_refused_with_code_15():
    headers = sign_headers({"docId": "D-1"}, SYSTEM, "not-the-secret", NOW)
    with pytest.raises(VdxpPermanentError) as error:
        verify_headers(headers, secrets, NOW)
    assert error.value.code == "15"
    assert not error.value.transient


def test_unknown_system_is_refused_with_code_15():
    headers = sign_headers({}, "000.00.00.H99", SECRET, NOW)
    with pytest.raises(VdxpPermanentError, match="not registered") as error:
        verify_headers(headers, secrets, NOW)
    assert error.value.code == "15"


def test_unsigned_request_is_refused():
    with pytest.raises(VdxpPermanentError, match="not signed"):
        verify_headers({"XroadVnpt-systemid": SYSTEM}, secrets, NOW)
    headers = signed()
    headers["XroadVnpt-sign-header"] = "[1, 2]"
    with pytest.raises(VdxpPermanentError, match="JSON object"):
        verify_headers(headers, secrets, NOW)


def test_stale_timestamp_beyond_five_minutes_is_refused_with_code_17():
    headers = signed()
    assert verify_headers(headers, secrets, NOW + timedelta(minutes=4, seconds=59))
    with pytest.raises(VdxpPermanentError) as error:
        verify_headers(headers, secrets, NOW + timedelta(minutes=5, seconds=1))
    assert error.value.code == "17"
    with pytest.raises(VdxpPermanentError) as error:
        verify_headers(headers, secrets, NOW - timedelta(minutes=6))
    assert error.value.code == "17"


def test_stale_timestamp_is_checked_only_after_the_signature():
    headers = sign_headers({}, SYSTEM, "wrong", NOW)
    with pytest.raises(VdxpPermanentError) as error:
        verify_headers(headers, secrets, NOW + timedelta(hours=1))
    assert error.value.code == "15"


def test_hash_file_mismatch_is_visible_to_the_receiver():
    body = b"<edXMLEnvelope/>"
    headers = sign_headers({"hash-file": file_hash(body)}, SYSTEM, SECRET, NOW)
    _system, params = verify_headers(headers, secrets, NOW)
    assert params["hash-file"] == hashlib.sha256(body).hexdigest()
    assert params["hash-file"] != file_hash(body + b" ")


def test_non_ascii_header_value_is_refused_before_sending():
    with pytest.raises(ValueError, match="printable ASCII"):
        sign_headers({"from": "Sở Nội vụ"}, SYSTEM, SECRET, NOW)
