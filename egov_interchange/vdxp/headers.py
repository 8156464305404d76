"""The ``XroadVnpt-*`` request headers and their HMAC (STANDARDS.md §5.1).

Every parameter travels as header ``XroadVnpt-<name>``; ``systemid``, ``timestamp`` and a
random ``nonce`` are always added. ``XroadVnpt-sign-header`` is the JSON object of those
headers, ``XroadVnpt-sign-header-key`` their names joined with ``;`` and
``XroadVnpt-hash-header`` the hex HMAC-SHA256 of the sign-header JSON under the secret.
The receiver checks the signed values against the headers it got, so a header can be
neither changed nor added to the signed set without the secret.
"""

import hashlib
import hmac
import json
import secrets as _secrets
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone

from .errors import BAD_CREDENTIALS, STALE, VdxpPermanentError

PREFIX = "XroadVnpt-"
VERSION = "3.0.201608"
USER_AGENT = "JAVASDKAgent/1.0.0 XRoad/VPCP"
SIGN_HEADER = PREFIX + "sign-header"
SIGN_HEADER_KEY = PREFIX + "sign-header-key"
HASH_HEADER = PREFIX + "hash-header"
#: Vietnam has one offset all year; the SDK writes its timestamps in local time
VIETNAM = timezone(timedelta(hours=7))
#: the SDK's ``ddMMyyyy'T'HHmmss+SSSS``: local time, then "+" and milliseconds on 4 digits
_TIMESTAMP_FORMAT = "%d%m%YT%H%M%S"


def format_timestamp(moment):
    """``moment`` (aware) in the SDK's timestamp format, Vietnam time."""
    local = moment.astimezone(VIETNAM)
    return f"{local.strftime(_TIMESTAMP_FORMAT)}+{local.microsecond // 1000:04d}"


def parse_timestamp(text):
    """The aware datetime of a timestamp in the SDK's format (or ISO 8601), else ``None``."""
    text = (text or "").strip()
    head, _, millis = text.partition("+")
    if len(head) == 15 and head[8:9] == "T" and (millis.isdigit() or not millis):
        try:
            moment = datetime.strptime(head, _TIMESTAMP_FORMAT).replace(tzinfo=VIETNAM)
        except ValueError:
            return None
        return moment + timedelta(milliseconds=int(millis or 0))
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)


def file_hash(data):
    """The ``hash-file`` value of ``data``: SHA-256 in lowercase hex."""
    return hashlib.sha256(data).hexdigest()


def _hmac(secret, text):
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def sign_headers(params, system_id, secret, now=None, nonce=None):
    """The headers of a call with ``params`` (name → str) by ``system_id`` under ``secret``."""
    signed = {PREFIX + str(name): str(value) for name, value in params.items()}
    signed[PREFIX + "systemid"] = system_id
    signed[PREFIX + "timestamp"] = format_timestamp(now or datetime.now(timezone.utc))
    signed[PREFIX + "nonce"] = nonce or _secrets.token_hex(16)
    for name, value in signed.items():
        if any(ord(char) < 32 or ord(char) > 126 for char in name + value):
            raise ValueError(f"Header {name} must be printable ASCII, got {value!r}")
    sign_header = json.dumps(signed, separators=(",", ":"))
    return {
        **signed,
        SIGN_HEADER_KEY: ";".join(signed),
        SIGN_HEADER: sign_header,
        HASH_HEADER: _hmac(secret, sign_header),
        PREFIX + "version": VERSION,
        "User-Agent": USER_AGENT,
    }


def _refuse(message, code=BAD_CREDENTIALS):
    raise VdxpPermanentError(code, message)


def verify_headers(
    headers: Mapping,
    secret_for: Callable[[str], str | None],
    now: datetime,
    max_skew: timedelta = timedelta(minutes=5),
):
    """Check the signature of a request's ``headers`` and return ``(system_id, params)``,
    ``params`` being the signed parameters without their prefix (``systemid``,
    ``timestamp`` and ``nonce`` included). ``secret_for(system_id)`` gives the secret of a
    registered system or ``None``. Raises :class:`VdxpPermanentError` (code 15 for an
    unknown system or a bad signature, 17 for a timestamp further than ``max_skew`` from
    ``now``)."""
    received = {str(name).lower(): str(value) for name, value in headers.items()}
    sign_header = received.get(SIGN_HEADER.lower())
    signature = received.get(HASH_HEADER.lower())
    if not sign_header or not signature:
        _refuse("The request is not signed (XroadVnpt-sign-header / hash-header missing).")
    try:
        signed = json.loads(sign_header)
    except ValueError:
        signed = None
    if not isinstance(signed, dict) or not all(
        isinstance(name, str) and name.startswith(PREFIX) and isinstance(value, str)
        for name, value in signed.items()
    ):
        _refuse("XroadVnpt-sign-header is not a JSON object of XroadVnpt-* strings.")
    keys = received.get(SIGN_HEADER_KEY.lower())
    if keys is not None and set(keys.split(";")) != set(signed):
        _refuse("XroadVnpt-sign-header-key does not list the signed headers.")
    for name, value in signed.items():
        if received.get(name.lower()) != value:
            _refuse(f"Header {name} does not match its signed value.")
    params = {name[len(PREFIX) :]: value for name, value in signed.items()}
    system_id = params.get("systemid") or ""
    secret = secret_for(system_id) if system_id else None
    if not secret:
        _refuse(f"System {system_id!r} is not registered on this axis.")
    if not hmac.compare_digest(_hmac(secret, sign_header), signature.strip().lower()):
        _refuse(f"The signature of system {system_id!r} is wrong (XroadVnpt-hash-header).")
    moment = parse_timestamp(params.get("timestamp"))
    if moment is None:
        _refuse("XroadVnpt-timestamp is missing or unreadable.", STALE)
    if abs(moment - now) > max_skew:
        _refuse(
            f"XroadVnpt-timestamp {params['timestamp']} is more than "
            f"{int(max_skew.total_seconds())} seconds away from the server time.",
            STALE,
        )
    return system_id, params
