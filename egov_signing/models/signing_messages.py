"""The engine's findings and errors in the reader's words.

The PAdES engine speaks in stable codes with parameters (and English default messages for
its own logs); people read these translatable sentences instead, chosen by code. A code
this table does not know yet is named, never shown as the engine's English sentence.
"""


def change_text(env, level):
    """What changed after a signature (pyHanko's modification level)."""
    _ = env._
    texts = {
        "none": lambda: _("no change"),
        "form_filling": lambda: _("filling in form fields (number and date)"),
        "annotations": lambda: _("annotations"),
        "lta_updates": lambda: _("validation data"),
        "other": lambda: _("other changes"),
    }
    text = texts.get(level)
    return text() if text else _("unknown changes")


def signature_label(env, signature):
    """Whose signature it is, from the field the signing step created."""
    _ = env._
    field_name = signature.get("field_name") or ""
    who = signature.get("signer_name") or "?"
    if field_name.startswith("EgovSigner"):
        return _("approval signature of %(who)s", who=who)
    if field_name.startswith("EgovOrganisation"):
        return _("organisation signature of %(who)s", who=who)
    if field_name.startswith(("EgovAttachment", "EgovDigitised")):
        return _("organisation signature of %(who)s on a separate file", who=who)
    if signature.get("kind") == "timestamp":
        return _("document timestamp of %(who)s", who=who)
    return _("signature of %(who)s", who=who)


def _sentences(env, params, signature):
    """Code → sentence maker, for every code of the engine (findings and errors)."""
    _ = env._
    params = params or {}
    signature = signature or {}

    def date(key):  # a parameter of the finding, "?" when the engine gave none
        return params.get(key) or "?"

    texts = {
        "digest_mismatch": lambda: _("The signed content was changed after signing."),
        "signature_invalid": lambda: _("The cryptographic signature is not valid."),
        "signature_data_corrupt": lambda: _("The signature data cannot be read."),
        "signature_format_unsupported": lambda: _(
            "The signature format %(format)s is not supported.", format=date("subfilter")
        ),
        "coverage_incomplete": lambda: _("The signature does not cover the whole file."),
        "validation_error": lambda: _("The signature could not be checked."),
        "modified_after_signing": lambda: _(
            "The document was changed after signing in a way that is not permitted (%(change)s).",
            change=change_text(env, params.get("modification_level")),
        ),
        "cert_revoked": lambda: _(
            "The signer's certificate was revoked on %(date)s.", date=date("revocation_date")
        ),
        "revoked_no_timestamp": lambda: _(
            "The signer's certificate is revoked (since %(date)s) and no trusted timestamp "
            "proves the signature is older.",
            date=date("revocation_date"),
        ),
        "cert_expired": lambda: _(
            "The signer's certificate had expired at the signing time (valid until %(date)s).",
            date=date("not_after"),
        ),
        "cert_expired_now": lambda: _(
            "No trusted timestamp, and the signer's certificate has expired (valid until "
            "%(date)s): the claimed signing time %(claimed)s proves nothing.",
            date=date("not_after"),
            claimed=date("claimed_time"),
        ),
        "time_claimed_future": lambda: _(
            "The claimed signing time %(claimed)s is later than the time of the check %(checked)s.",
            claimed=date("claimed_time"),
            checked=date("validation_time"),
        ),
        "time_claimed_before_cert": lambda: _(
            "The claimed signing time %(claimed)s is before the signer's certificate was valid "
            "(valid from %(date)s).",
            claimed=date("claimed_time"),
            date=date("not_before"),
        ),
        "cert_not_yet_valid": lambda: _(
            "The signer's certificate was not yet valid at the signing time (valid from %(date)s).",
            date=date("not_before"),
        ),
        "untrusted_chain": lambda: _(
            "The certificate, issued by %(issuer)s, does not chain to a trusted root.",
            issuer=signature.get("issuer_name") or params.get("issuer") or "?",
        ),
        "key_usage_not_allowed": lambda: _("The certificate is not allowed to sign documents."),
        "weak_algorithm": lambda: _("A weak or forbidden algorithm is used."),
        "chain_validation_failed": lambda: _("The certificate chain is not valid."),
        "timestamp_invalid": lambda: _("The signature timestamp is not valid or not trusted."),
        "revocation_unknown": lambda: _(
            "The revocation status of the certificate could not be determined."
        ),
        "signing_time_unverified": lambda: _(
            "No trusted timestamp: the signing time is the signer's claim."
        ),
        "changes_after_signature": lambda: _(
            "Later changes are permitted ones (%(change)s).",
            change=change_text(env, params.get("modification_level")),
        ),
        "no_signatures": lambda: _("The file has no digital signature."),
        "unsigned_changes_after_last_signature": lambda: _(
            "The file was changed after the last signature (%(change)s).",
            change=change_text(env, params.get("modification_level")),
        ),
        "bytes_after_signature": lambda: _(
            "%(length)s bytes at the end of the file are covered by no signature.",
            length=date("length"),
        ),
        "file_too_large": lambda: _(
            "The file has %(size)s bytes; at most %(limit)s bytes are verified.",
            size=date("size"),
            limit=date("limit"),
        ),
        "contents_too_large": lambda: _(
            "A signature value has %(size)s bytes; at most %(limit)s bytes are read.",
            size=date("size"),
            limit=date("limit"),
        ),
        "hex_string_too_large": lambda: _(
            "A value in the file has %(size)s bytes; at most %(limit)s bytes are read.",
            size=date("size"),
            limit=date("limit"),
        ),
        "unreadable": lambda: _("The PDF file cannot be read."),
        # errors of the signing engine (SigningEngineError.code)
        "signing_error": lambda: _("The signing engine failed."),
        "invalid_pdf": lambda: _(
            "The file is not a readable PDF (damaged, truncated or encrypted)."
        ),
        "font_not_found": lambda: _(
            "No font with Vietnamese characters is installed on the server (install "
            "fonts-liberation2)."
        ),
        "placement_not_found": lambda: _(
            "The place of the signature or of the number and date was not found on the page."
        ),
        "signer_error": lambda: _(
            "The key store (PKCS#12 file or token) could not be used: check the passphrase, the "
            "PIN and that the token is connected."
        ),
        "signing_failed": lambda: _("The signature could not be made."),
        "field_error": lambda: _(
            "The number and date fields are missing, already filled or locked."
        ),
    }
    return texts


def worded_codes(env):
    """The codes that have their own sentence."""
    return set(_sentences(env, {}, {}))


def problem_text(env, code, params=None, signature=None):
    """One finding of the verifier (``code`` with its ``params``) as a sentence."""
    text = _sentences(env, params or {}, signature or {}).get(code)
    if text:
        return text()
    return env._("The signature check reported a problem (code %(code)s).", code=code or "?")


def engine_error_text(env, error):
    """An exception of the signing engine in words, by its ``code`` (never ``str(error)``,
    which is the engine's English)."""
    code = getattr(error, "code", None) or "signing_error"
    return problem_text(env, code, getattr(error, "params", None))
