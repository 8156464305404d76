"""Kon Tum Điều 11.5, Thái Bình Điều 7, Bến Tre Điều 9.1.a: only certificates of the
authority the regulation names count (Ban Cơ yếu Chính phủ); a signature whose trusted
chain passes through another authority is flagged with its own problem code."""

import dataclasses

from egov_signing.pades import (
    Pkcs12Signer,
    SignerAppearance,
    accepted_chain,
    sign_pdf,
    verify_pdf,
)
from egov_signing.pades.problems import PROBLEMS, UNTRUSTED

from .conftest import SIGNER


def _signed_by_other_trusted_ca(pki, draft, signature_image):
    signer = Pkcs12Signer(pki.untrusted.pkcs12(b"x"), "x")
    return sign_pdf(draft, signer, SignerAppearance(signature_image, full_name=SIGNER))


def test_issuer_not_accepted_is_a_registered_untrusted_error():
    kind = PROBLEMS["issuer_not_accepted"]
    assert kind.status == UNTRUSTED and kind.severity == "error"


def test_kon_tum_11_5_trusted_chain_outside_accepted_authorities_is_flagged(
    pki, material, draft, signature_image
):
    # both roots are trusted, only the government one is accepted
    both = dataclasses.replace(
        material,
        trust_roots=(pki.root.cert, pki.untrusted_root.cert),
        accepted_authorities=(pki.root.cert,),
    )
    pdf = _signed_by_other_trusted_ca(pki, draft, signature_image)
    (report,) = verify_pdf(pdf, both).signatures
    codes = [p.code for p in report.problems]
    assert "issuer_not_accepted" in codes
    assert "untrusted_chain" not in codes, "the chain itself is trusted"
    assert report.status == UNTRUSTED
    finding = next(p for p in report.problems if p.code == "issuer_not_accepted")
    assert finding.params["root"] == "Rogue Root CA"


def test_kon_tum_11_5_accepted_authority_signature_stays_valid(pki, material, signed):
    accepted = dataclasses.replace(material, accepted_authorities=(pki.issuing_ca.cert,))
    (report,) = verify_pdf(signed, accepted).signatures
    assert report.status == "valid"
    assert "issuer_not_accepted" not in [p.code for p in report.problems]


def test_no_accepted_list_accepts_every_trusted_authority(pki, material, draft, signature_image):
    both = dataclasses.replace(material, trust_roots=(pki.root.cert, pki.untrusted_root.cert))
    pdf = _signed_by_other_trusted_ca(pki, draft, signature_image)
    (report,) = verify_pdf(pdf, both).signatures
    assert "issuer_not_accepted" not in [p.code for p in report.problems]
    assert accepted_chain([pki.untrusted.cert, pki.untrusted_root.cert], ())
    assert not accepted_chain([pki.untrusted.cert, pki.untrusted_root.cert], (pki.root.cert,))
