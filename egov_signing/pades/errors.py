"""Exceptions raised by the signing engine.

Every exception carries a stable ``code`` so that callers (the Odoo layer) can
translate it; messages are short English sentences. No exception message ever
contains key material, PINs or passphrases.
"""


class SigningEngineError(Exception):
    """Base class of every error raised by :mod:`egov_signing.pades`."""

    code = "signing_error"

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.params = params


class InvalidPdfError(SigningEngineError):
    """The bytes are not a readable PDF (garbage, truncated, encrypted...)."""

    code = "invalid_pdf"


class FileTooLargeError(InvalidPdfError):
    """The file is larger than the verifier reads (``params``: ``limit``, ``size`` in bytes).

    Raised before any parsing; a subclass of :class:`InvalidPdfError` so that callers
    refusing unreadable files refuse it too."""

    code = "file_too_large"


class FontNotFoundError(SigningEngineError):
    """No TrueType/OpenType font usable for Vietnamese text was found."""

    code = "font_not_found"


class PlacementError(SigningEngineError):
    """The place of a visible signature or form field could not be determined."""

    code = "placement_not_found"


class SignerError(SigningEngineError):
    """A key store (PKCS#12 file, PKCS#11 token, remote service) failed."""

    code = "signer_error"


class SigningFailedError(SigningEngineError):
    """pyHanko refused or failed to produce the signature."""

    code = "signing_failed"


class FieldError(SigningEngineError):
    """Number/date form fields are missing, already filled or locked."""

    code = "field_error"
