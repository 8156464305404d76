"""Errors of the VDXP transport, kept apart by what the caller should do with them: a
transient error is retried later, a permanent one needs a person (STYLE.md §5)."""

#: ErrorCode values of the axis responses. 0 and 10-23 are the codes the provincial axes use
#: (STANDARDS.md §5.3, Lạng Sơn list); 11, 16, 17, 24, 25, 26 and 29 are this hub's own.
ERROR_CODES = {
    "0": "Success",
    "10": "Invalid file",
    "11": "The file does not match its hash-file header",
    "15": "Wrong SystemId or SecretKey",
    "16": "Request replayed",
    "17": "Request timestamp outside the allowed window",
    "18": "Receiver does not exist",
    "19": "Sender not registered",
    "20": "System error",
    "21": "File processing error",
    "22": "edXML not compliant",
    "23": "Receiver locked",
    "24": "Document not found",
    "25": "Missing or invalid parameter",
    "26": "The package sender is not the calling system",
    "29": "Too many requests",
}
OK = "0"
INVALID_FILE = "10"
HASH_MISMATCH = "11"
BAD_CREDENTIALS = "15"
REPLAYED = "16"
STALE = "17"
UNKNOWN_RECEIVER = "18"
SENDER_NOT_REGISTERED = "19"
SYSTEM_ERROR = "20"
FILE_PROCESSING = "21"
NOT_COMPLIANT = "22"
RECEIVER_LOCKED = "23"
NOT_FOUND = "24"
BAD_PARAMETER = "25"
WRONG_SENDER = "26"
RATE_LIMITED = "29"

#: axis codes worth a retry: the axis itself failed or asked the caller to slow down
TRANSIENT_CODES = frozenset({SYSTEM_ERROR, RATE_LIMITED})


class VdxpError(Exception):
    """A refused or failed axis call: ``code`` is the axis ErrorCode, or ``"network"`` /
    ``"http-<status>"`` / ``"invalid-response"`` when no axis answer came back."""

    transient = False

    def __init__(self, code, message):
        self.code = str(code)
        self.message = message
        super().__init__(f"[{self.code}] {message}")


class VdxpTransientError(VdxpError):
    """Retry later: connection refused, timeout, HTTP 5xx or 429, axis system error."""

    transient = True


class VdxpPermanentError(VdxpError):
    """Retrying will not help: bad credentials, replay, invalid file, unknown receiver, 4xx."""

    transient = False


def error_for(code, message, http_status=None):
    """The error class instance for an axis ``code`` (and the HTTP status it came with)."""
    code = str(code)
    transient = code in TRANSIENT_CODES or (
        http_status is not None and (http_status >= 500 or http_status == 429)
    )
    return (VdxpTransientError if transient else VdxpPermanentError)(code, message)
