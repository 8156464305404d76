"""Fixtures for the Odoo-free signing tests: a throw-away PKI, the sample
document and images, a local RFC 3161 TSA, and a SoftHSM2 token."""

import os
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from egov_fixtures import samples

from egov_signing.pades import (
    Pkcs12Signer,
    SealAppearance,
    SignerAppearance,
    ValidationMaterial,
    add_number_date_fields,
    fill_number_date,
    sign_pdf,
)

DOC_NUMBER = "125"
SIGNER = samples.SIGNER_NAME
POSITION = samples.SIGNER_POSITION
AGENCY = "Ủy ban nhân dân tỉnh Tây Ninh"


@pytest.fixture(scope="session")
def pki():
    return samples.build_demo_pki()


@pytest.fixture(scope="session")
def material(pki):
    """Trust the demo root, know the issuing CA, have its CRL."""
    return ValidationMaterial(
        trust_roots=(pki.root.cert,),
        intermediates=(pki.issuing_ca.cert,),
        crls=(pki.crl_der,),
    )


@pytest.fixture(scope="session")
def signature_image():
    return samples.signature_png()


@pytest.fixture(scope="session")
def seal_image():
    return samples.seal_png()


@pytest.fixture(scope="session")
def draft():
    """The 3-page decision with its empty number/date fields."""
    return add_number_date_fields(samples.sample_decision_pdf())


@pytest.fixture(scope="session")
def person(pki):
    return Pkcs12Signer(pki.person.pkcs12(b"s3cret"), "s3cret")


@pytest.fixture(scope="session")
def organisation(pki):
    return Pkcs12Signer(pki.organisation.pkcs12(b"s3cret"), b"s3cret")


@pytest.fixture(scope="session")
def signer_appearance(signature_image):
    return SignerAppearance(signature_image, full_name=SIGNER, position=POSITION)


@pytest.fixture(scope="session")
def signed(draft, person, signer_appearance):
    return sign_pdf(draft, person, signer_appearance)


@pytest.fixture(scope="session")
def numbered(signed, pki):
    return fill_number_date(signed, number=DOC_NUMBER, date=pki.now.date())


@pytest.fixture(scope="session")
def issued(numbered, organisation, seal_image):
    return sign_pdf(numbered, organisation, SealAppearance(seal_image, agency_name=AGENCY))


@pytest.fixture(scope="session")
def dummy_tsa(pki):
    return samples.demo_timestamper(pki)


@pytest.fixture(scope="session")
def tsa_url(dummy_tsa):
    """A real RFC 3161 service over HTTP on localhost, answering with the demo TSA."""
    from asn1crypto import tsp

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if self.headers.get("Content-Type") != "application/timestamp-query":
                self.send_error(415)
                return
            response = dummy_tsa.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(response)))
            self.end_headers()
            self.wfile.write(response)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/tsa"
    server.shutdown()
    server.server_close()


SOFTHSM_LIBS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib64/softhsm/libsofthsm.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory, pki):
    """A SoftHSM2 token ``egov`` (user PIN 5678) holding the person's key and
    certificate under label ``signer``. Skips when SoftHSM2 is not installed."""
    lib = next((p for p in SOFTHSM_LIBS if Path(p).exists()), None)
    if lib is None or not shutil.which("softhsm2-util"):
        pytest.skip("SoftHSM2 is not installed (apt-get install softhsm2)")
    pkcs11 = pytest.importorskip("pkcs11")
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    key_file = base / "key.pem"
    key_file.write_bytes(pki.person.key_pem())

    def util(*args):
        subprocess.run(["softhsm2-util", *args], check=True, capture_output=True)

    util("--init-token", "--free", "--label", "egov", "--so-pin", "1234", "--pin", "5678")
    util(
        "--import",
        str(key_file),
        "--token",
        "egov",
        "--label",
        "signer",
        "--id",
        "01",
        "--pin",
        "5678",
    )
    key_file.unlink()
    from cryptography.hazmat.primitives.serialization import Encoding
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(lib).get_token(token_label="egov")
    with token.open(rw=True, user_pin="5678") as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "signer",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: pki.person.cert.subject.public_bytes(),
                Attribute.VALUE: pki.person.cert.public_bytes(Encoding.DER),
            }
        )
    yield {"lib": lib, "token": "egov", "pin": "5678", "label": "signer"}
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old
