"""Key stores behind the one Signer interface; keys never leak into text."""

import json
import logging
import pickle

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from egov_signing.pades import (
    ExternalSigner,
    PendingSignature,
    Pkcs11Signer,
    Pkcs12Signer,
    SignerAppearance,
    SignerError,
    SignOptions,
    sign_pdf,
    verify_pdf,
)

from .conftest import POSITION, SIGNER


def test_pkcs12_wrong_passphrase_is_a_signer_error_without_the_passphrase(pki):
    with pytest.raises(SignerError) as err:
        Pkcs12Signer(pki.person.pkcs12(b"right-one"), "wrong-one")
    assert err.value.code == "signer_error"
    assert "wrong-one" not in str(err.value) and "right-one" not in str(err.value)


def test_pkcs12_signer_shows_only_its_subject(person, pki):
    text = repr(person) + str(person.__dict__.keys())
    assert text.startswith("<Pkcs12Signer 'Nguyễn Văn An'>")
    key_hex = pki.person.key.private_numbers().d.to_bytes(256, "big").hex()[:32]
    assert key_hex not in repr(person)
    with pytest.raises(TypeError):
        pickle.dumps(person)


def test_signing_logs_nothing_about_the_key(draft, pki, signature_image, caplog):
    signer = Pkcs12Signer(pki.person.pkcs12(b"pw-1234"), "pw-1234")
    with caplog.at_level(logging.DEBUG):
        sign_pdf(
            draft, signer, SignerAppearance(signature_image, full_name=SIGNER, position=POSITION)
        )
    logged = caplog.text
    assert "PRIVATE KEY" not in logged and "pw-1234" not in logged
    assert str(pki.person.key.private_numbers().d)[:20] not in logged


def test_pkcs11_token_signs_for_real(softhsm_token, draft, signature_image, material):
    with Pkcs11Signer(
        softhsm_token["lib"],
        token_label=softhsm_token["token"],
        pin=softhsm_token["pin"],
        key_label=softhsm_token["label"],
        cert_label=softhsm_token["label"],
    ) as signer:
        assert signer.subject_name == SIGNER
        assert softhsm_token["pin"] not in repr(signer)
        out = sign_pdf(
            draft, signer, SignerAppearance(signature_image, full_name=SIGNER, position=POSITION)
        )
    (report,) = verify_pdf(out, material).signatures
    assert report.ok and report.signer_name == SIGNER


def test_pkcs11_wrong_pin_is_a_signer_error(softhsm_token):
    signer = Pkcs11Signer(softhsm_token["lib"], token_label="egov", pin="0000", key_label="signer")
    with pytest.raises(SignerError) as err:
        signer.certificate  # noqa: B018 - opens the session
    assert "0000" not in str(err.value)


class ServiceSigner(ExternalSigner):
    """The transport of a remote signing service, reduced to a queue; the test
    plays the service (and the user confirming on a phone) with a local key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.queue = []

    def submit(self, pending):
        self.queue.append(pending.to_dict())
        return f"tx-{len(self.queue)}"


def _service_signs(pki, pending_dict):
    pending = PendingSignature.from_dict(json.loads(json.dumps(pending_dict)))
    return pki.person.key.sign(pending.data_to_sign, padding.PKCS1v15(), hashes.SHA256())


def test_external_signer_two_phase_flow(pki, draft, signature_image, material, dummy_tsa):
    signer = ServiceSigner(pki.person.cert, (pki.issuing_ca.cert,))
    appearance = SignerAppearance(signature_image, full_name=SIGNER, position=POSITION)
    options = SignOptions(timestamper=dummy_tsa)
    pending = signer.prepare(draft, appearance, options)
    assert pending.prepared_pdf.startswith(draft)
    assert len(pending.digest_to_sign) == 32
    assert signer.submit(pending) == "tx-1"
    # ... later, maybe in another worker: the service answers with a raw signature
    value = _service_signs(pki, signer.queue[0])
    stored = PendingSignature.from_dict(signer.queue[0])
    signed = signer.complete(stored, value, options)
    (report,) = verify_pdf(signed, material).signatures
    assert report.ok
    assert report.level == "B-T"
    assert report.signer_name == SIGNER


def test_external_signature_from_the_wrong_key_is_refused(pki, draft, signature_image):
    signer = ServiceSigner(pki.person.cert)
    pending = signer.prepare(draft, SignerAppearance(signature_image, full_name=SIGNER))
    wrong = pki.organisation.key.sign(pending.data_to_sign, padding.PKCS1v15(), hashes.SHA256())
    with pytest.raises(SignerError):
        signer.complete(pending, wrong)


def test_external_signer_cannot_be_used_in_one_step(pki, draft, signature_image):
    with pytest.raises(TypeError):
        sign_pdf(
            draft,
            ServiceSigner(pki.person.cert),
            SignerAppearance(signature_image, full_name=SIGNER),
        )
