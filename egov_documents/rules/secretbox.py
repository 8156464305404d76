"""Secrets kept encrypted at rest: AES-256-GCM with a key derived by HKDF-SHA256 from a master
secret (a server option when it is set, else the database secret), each value bound to its
owner as GCM associated data, so that a ciphertext copied onto another owner does not open.

The stores of signing keys (egov_signing), axis credentials and hub credentials
(egov_interchange) share this; each derives its key with its own salt and info, so that a
value of one store never opens in another. Stored form: ``v1:<source>:<base64(nonce+sealed)>``
with ``source`` the master secret it was sealed with: ``c`` the server option, ``d`` the
database secret.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT = "v1"
SOURCE_CONFIG = "c"
SOURCE_DATABASE = "d"


class SecretBoxError(ValueError):
    """A stored value that does not open: another master secret, another owner, or damaged."""


def derive_key(material, salt, info):
    """The 32-byte key of a store (``salt``, ``info``: bytes) from the master ``material``."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(
        str(material).encode()
    )


def seal(key_for, source, plaintext, bound_to):
    """``plaintext`` (bytes) sealed with ``key_for(source)`` and bound to ``bound_to``
    (bytes), in the stored form."""
    nonce = os.urandom(12)
    sealed = AESGCM(key_for(source)).encrypt(nonce, plaintext, bound_to)
    return f"{FORMAT}:{source}:{base64.b64encode(nonce + sealed).decode()}"


def unseal(key_for, ciphertext, bound_to):
    """The plaintext (bytes) of a stored value; ``SecretBoxError`` when it does not open."""
    try:
        version, source, payload = ciphertext.split(":", 2)
        if version != FORMAT:
            raise SecretBoxError(f"unknown format {version!r}")
        raw = base64.b64decode(payload, validate=True)
        return AESGCM(key_for(source)).decrypt(raw[:12], raw[12:], bound_to)
    except (ValueError, InvalidTag) as error:
        raise SecretBoxError(str(error) or "the value does not open") from None
