import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path
from unittest.mock import patch

from cryptography.hazmat.primitives.serialization import Encoding

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import config

from .common import SigningCase

#: where Debian, Ubuntu and Fedora install SoftHSM2's PKCS#11 module
SOFTHSM_LIBS = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib64/pkcs11/libsofthsm2.so",
)
PIN = "5678"


@tagged("post_install", "-at_install")
class TestPkcs11Token(SigningCase):
    """A leader's key on a token (SoftHSM2 stands in for the VGCA eToken): the PIN is kept
    encrypted, the module must be allowed by the server administrator, and the signature is
    the same PAdES approval signature."""

    @classmethod
    def setUpClass(cls):
        cls.lib = next((path for path in SOFTHSM_LIBS if Path(path).exists()), None)
        if cls.lib is None or not shutil.which("softhsm2-util"):
            raise unittest.SkipTest("SoftHSM2 is not installed (apt-get install softhsm2)")
        try:
            import pkcs11  # noqa: F401
        except ImportError as error:
            raise unittest.SkipTest("python-pkcs11 is not installed") from error
        super().setUpClass()
        cls._token_dir = tempfile.TemporaryDirectory()
        cls.addClassCleanup(cls._token_dir.cleanup)
        base = Path(cls._token_dir.name)
        (base / "tokens").mkdir()
        conf = base / "softhsm2.conf"
        conf.write_text(
            f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\n"
            "log.level = ERROR\n"
        )
        previous = os.environ.get("SOFTHSM2_CONF")
        os.environ["SOFTHSM2_CONF"] = str(conf)
        cls.addClassCleanup(cls._restore_env, previous)
        (base / "key.pem").write_bytes(cls.pki.person.key_pem())
        (base / "cert.der").write_bytes(cls.pki.person.cert.public_bytes(Encoding.DER))
        token = cls._token_label = f"egov-{os.getpid()}"
        cls._util("--init-token", "--free", "--label", token, "--so-pin", "1234", "--pin", PIN)
        cls._util(
            "--import",
            str(base / "key.pem"),
            "--token",
            token,
            "--label",
            "signer",
            "--id",
            "01",
            "--pin",
            PIN,
        )
        (base / "key.pem").unlink()
        cls._store_certificate(token)

    @classmethod
    def _restore_env(cls, previous):
        if previous is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = previous

    @staticmethod
    def _util(*args):
        subprocess.run(["softhsm2-util", *args], check=True, capture_output=True)

    @classmethod
    def _store_certificate(cls, token_label):
        import pkcs11
        from pkcs11 import Attribute, CertificateType, ObjectClass

        token = pkcs11.lib(cls.lib).get_token(token_label=token_label)
        with token.open(rw=True, user_pin=PIN) as session:
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: "signer",
                    Attribute.ID: b"\x01",
                    Attribute.SUBJECT: cls.pki.person.cert.subject.public_bytes(),
                    Attribute.VALUE: cls.pki.person.cert.public_bytes(Encoding.DER),
                }
            )

    def _token_certificate(self):
        return self.Certificates.create(
            {
                "kind": "person",
                "user_id": self.leader_a.id,
                "company_id": self.agency_a.id,
                "name": "eToken",
                "storage": "pkcs11",
                "pkcs11_library": self.lib,
                "pkcs11_token_label": self._token_label,
                "pkcs11_key_label": "signer",
                "pkcs11_pin": PIN,
            }
        )

    def test_a_module_the_server_does_not_allow_is_refused(self):
        with (
            patch.dict(config.options, {"egov_signing_pkcs11_libraries": ""}),
            self.assertRaisesRegex(ValidationError, "is not allowed on this server"),
        ):
            self._token_certificate()

    def test_the_leader_signs_with_the_key_on_the_token(self):
        self.person_certificate.unlink()  # the same certificate, now on a token
        with patch.dict(
            config.options, {"egov_signing_pkcs11_libraries": f"/nowhere.so, {self.lib}"}
        ):
            certificate = self._token_certificate()
            self.assertFalse(certificate.certificate_pem)
            # the administrator gives the certificate with its CA, in any order
            certificate.certificate_file = self._b64(
                self.pki.issuing_ca.cert.public_bytes(Encoding.PEM)
                + self.pki.person.cert.public_bytes(Encoding.PEM)
            )
            self.assertEqual(certificate.subject_common_name, "Nguyễn Văn An")
            certificate.action_read_certificate_from_token()
            self.assertEqual(certificate.subject_common_name, "Nguyễn Văn An")
            self.assertIn("BEGIN CERTIFICATE", certificate.chain_pem)
            self.assertTrue(certificate.has_key_material)
            self.env.flush_all()
            self.env.cr.execute(
                "SELECT ciphertext FROM egov_signing_secret WHERE certificate_id = %s AND kind = 'pin'",
                [certificate.id],
            )
            (ciphertext,) = self.env.cr.fetchone()
            self.assertNotIn(PIN, ciphertext)
            self.leader_a.egov_certificate_id = certificate
            document = self._signed_draft()
        (signature,) = self._verify(self._file(document)).signatures
        self.assertEqual((signature.signer_name, signature.status), ("Nguyễn Văn An", "valid"))
        self.assertIn(
            "certificate Nguyễn Văn An issued by Demo CA",
            "".join(document.message_ids.mapped("body")),
        )
