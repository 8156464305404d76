"""The sealed secrets shared by the stores of signing keys and axis credentials
(egov_documents/rules/secretbox.py): what opens, and what refuses to, with a clear error."""

import base64
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from egov_documents.rules.secretbox import SecretBoxError, derive_key, seal, unseal

SALT, INFO = b"egov_test", b"egov.test.secret/v1"


def key_for_material(material):
    return lambda source: derive_key(material, SALT, INFO)


def test_a_sealed_secret_opens_with_its_key_and_owner():
    key_for = key_for_material("database-secret")
    stored = seal(key_for, "d", b"the HMAC secret", b"owner:7")
    assert stored.startswith("v1:d:")
    assert b"the HMAC secret" not in base64.b64decode(stored.split(":", 2)[2])
    assert unseal(key_for, stored, b"owner:7") == b"the HMAC secret"


def test_the_same_secret_seals_differently_each_time():
    key_for = key_for_material("database-secret")
    assert seal(key_for, "d", b"x", b"o") != seal(key_for, "d", b"x", b"o")


def test_a_value_copied_onto_another_owner_does_not_open():
    key_for = key_for_material("database-secret")
    stored = seal(key_for, "d", b"secret", b"owner:7")
    with pytest.raises(SecretBoxError):
        unseal(key_for, stored, b"owner:8")


def test_another_master_secret_or_store_does_not_open_it():
    stored = seal(key_for_material("one"), "c", b"secret", b"owner:7")
    with pytest.raises(SecretBoxError):
        unseal(key_for_material("two"), stored, b"owner:7")
    other_store = lambda source: derive_key("one", b"egov_other", INFO)  # noqa: E731
    with pytest.raises(SecretBoxError):
        unseal(other_store, stored, b"owner:7")


@pytest.mark.parametrize(
    "stored",
    ["v2:d:AAAA", "v1:d:not base64!", "v1:d:" + base64.b64encode(b"short").decode(), "garbage"],
)
def test_damaged_or_unknown_values_are_refused_with_a_clear_error(stored):
    with pytest.raises(SecretBoxError):
        unseal(key_for_material("database-secret"), stored, b"owner:7")


def test_values_stored_before_the_shared_helper_still_open():
    """The stores wrote ``v1:<source>:<base64(nonce + AES-GCM)>`` themselves before: the
    helper reads exactly that."""
    key = derive_key("database-secret", SALT, INFO)
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, b"legacy", b"owner:7")
    stored = f"v1:d:{base64.b64encode(nonce + sealed).decode()}"
    assert unseal(key_for_material("database-secret"), stored, b"owner:7") == b"legacy"
