"""The engine's findings and errors in the reader's words.

The PAdES engine speaks in stable codes with parameters (and English default messages for
its own logs); people read these translatable sentences instead, chosen by code. A code
this table does not know yet is named, never shown as the engine's English sentence.
"""


def change_text(env, level):
    """What changed after a signature (pyHanko's modification level)."""
    texts = {
        "none": lambda: env._("no change"),
        "form_filling": lambda: env._("filling in form fields (number and date)"),
        "annotations": lambda: env._("annotations"),
        "lta_updates": lambda: env._("validation data"),
        "other": lambda: env._("other changes"),
    }
    text = texts.get(level)
    return text() if text else env._("unknown changes")


def signature_label(env, signature):
    """Whose signature it is, from the field the signing step created."""
    field_name = signature.get("field_name") or ""
    who = signature.get("signer_name") or "?"
    if field_name.startswith("EgovSigner"):
        return env._("approval signature of %(who)s", who=who)
    if field_name.startswith("EgovOrganisation"):
        return env._("organisation signature of %(who)s", who=who)
    if field_name.startswith(("EgovAttachment", "EgovDigitised")):
        return env._("organisation signature of %(who)s on a separate file", who=who)
    if signature.get("kind") == "timestamp":
        return env._("document timestamp of %(who)s", who=who)
    return env._("signature of %(who)s", who=who)


def _sentences(env, params, signature):
    """Code → sentence maker, for every code of the engine (findings and errors)."""
    params = params or {}
    signature = signature or {}

    def date(key):  # a parameter of the finding, "?" when the engine gave none
        return params.get(key) or "?"

    texts = {
        "digest_mismatch": lambda: env._("The signed content was changed after signing."),
        "signature_invalid": lambda: env._("The cryptographic signature is not valid."),
        "signature_data_corrupt": lambda: env._("The signature data cannot be read."),
        "signature_format_unsupported": lambda: env._(
            "The signature format %(format)s is not supported.", format=date("subfilter")
        ),
        "coverage_incomplete": lambda: env._("The signature does not cover the whole file."),
        "validation_error": lambda: env._("The signature could not be checked."),
        "modified_after_signing": lambda: env._(
            "The document was changed after signing in a way that is not permitted (%(change)s).",
            change=change_text(env, params.get("modification_level")),
        ),
        "cert_revoked": lambda: env._(
            "The signer's certificate was revoked on %(date)s.", date=date("revocation_date")
        ),
        "revoked_no_timestamp": lambda: env._(
            "The signer's certificate is revoked (since %(date)s) and no trusted timestamp "
            "proves the signature is older.",
            date=date("revocation_date"),
        ),
        "cert_expired": lambda: env._(
            "The signer's certificate had expired at the signing time (valid until %(date)s).",
            date=date("not_after"),
        ),
        "cert_expired_now": lambda: env._(
            "No trusted timestamp, and the signer's certificate has expired (valid until "
            "%(date)s): the claimed signing time %(claimed)s proves nothing.",
            date=date("not_after"),
            claimed=date("claimed_time"),
        ),
        "time_claimed_future": lambda: env._(
            "The claimed signing time %(claimed)s is later than the time of the check %(checked)s.",
            claimed=date("claimed_time"),
            checked=date("validation_time"),
        ),
        "time_claimed_before_cert": lambda: env._(
            "The claimed signing time %(claimed)s is before the signer's certificate was valid "
            "(valid from %(date)s).",
            claimed=date("claimed_time"),
            date=date("not_before"),
        ),
        "cert_not_yet_valid": lambda: env._(
            "The signer's certificate was not yet valid at the signing time (valid from %(date)s).",
            date=date("not_before"),
        ),
        "untrusted_chain": lambda: env._(
            "The certificate, issued by %(issuer)s, does not chain to a trusted root.",
            issuer=signature.get("issuer_name") or params.get("issuer") or "?",
        ),
        "issuer_not_accepted": lambda: env._(
            "The certificate was issued by %(issuer)s, under %(root)s: not a certification "
            "authority the regulation of the agency accepts.",
            issuer=signature.get("issuer_name") or params.get("issuer") or "?",
            root=params.get("root") or "?",
        ),
        "key_usage_not_allowed": lambda: env._("The certificate is not allowed to sign documents."),
        "weak_algorithm": lambda: env._("A weak or forbidden algorithm is used."),
        "chain_validation_failed": lambda: env._("The certificate chain is not valid."),
        "timestamp_invalid": lambda: env._("The signature timestamp is not valid or not trusted."),
        "revocation_unknown": lambda: env._(
            "The revocation status of the certificate could not be determined."
        ),
        "signing_time_unverified": lambda: env._(
            "No trusted timestamp: the signing time is the signer's claim."
        ),
        "changes_after_signature": lambda: env._(
            "Later changes are permitted ones (%(change)s).",
            change=change_text(env, params.get("modification_level")),
        ),
        "no_signatures": lambda: env._("The file has no digital signature."),
        "unsigned_changes_after_last_signature": lambda: env._(
            "The file was changed after the last signature (%(change)s).",
            change=change_text(env, params.get("modification_level")),
        ),
        "bytes_after_signature": lambda: env._(
            "%(length)s bytes at the end of the file are covered by no signature.",
            length=date("length"),
        ),
        "file_too_large": lambda: env._(
            "The file has %(size)s bytes; at most %(limit)s bytes are verified.",
            size=date("size"),
            limit=date("limit"),
        ),
        "contents_too_large": lambda: env._(
            "A signature value has %(size)s bytes; at most %(limit)s bytes are read.",
            size=date("size"),
            limit=date("limit"),
        ),
        "hex_string_too_large": lambda: env._(
            "A value in the file has %(size)s bytes; at most %(limit)s bytes are read.",
            size=date("size"),
            limit=date("limit"),
        ),
        "unreadable": lambda: env._("The PDF file cannot be read."),
        # errors of the signing engine (SigningEngineError.code)
        "signing_error": lambda: env._("The signing engine failed."),
        "invalid_pdf": lambda: env._(
            "The file is not a readable PDF (damaged, truncated or encrypted)."
        ),
        "font_not_found": lambda: env._(
            "No font with Vietnamese characters is installed on the server (install "
            "fonts-liberation2)."
        ),
        "placement_not_found": lambda: env._(
            "The place of the signature or of the number and date was not found on the page."
        ),
        "signer_error": lambda: env._(
            "The key store (PKCS#12 file or token) could not be used: check the passphrase, the "
            "PIN and that the token is connected."
        ),
        "signing_failed": lambda: env._("The signature could not be made."),
        "field_error": lambda: env._(
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
