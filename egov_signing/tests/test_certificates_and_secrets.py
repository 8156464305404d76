import base64
import logging
from unittest.mock import patch

from cryptography.hazmat.primitives.serialization import Encoding

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import config

from .common import PASSPHRASE, SigningCase

TOKEN_MODULE = "/usr/lib/token/libtoken.so"


@tagged("post_install", "-at_install")
class TestCertificatesAndSecrets(SigningCase):
    """Keys are kept encrypted, bound to their certificate, never readable by anyone and
    never written to the logs."""

    def _ciphertexts(self, certificate):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT kind, ciphertext FROM egov_signing_secret WHERE certificate_id = %s ORDER BY kind",
            [certificate.id],
        )
        return dict(self.env.cr.fetchall())

    def test_importing_a_pkcs12_file_reads_its_certificate(self):
        self.assertRecordValues(
            self.person_certificate,
            [
                {
                    "name": "Nguyễn Văn An",
                    "subject_common_name": "Nguyễn Văn An",
                    "issuer_common_name": "Demo CA phục vụ cơ quan nhà nước",
                    "serial_number": format(self.pki.person.cert.serial_number, "x"),
                    "validity_state": "valid",
                    "has_key_material": True,
                }
            ],
        )
        self.assertIn("BEGIN CERTIFICATE", self.person_certificate.certificate_pem)
        self.assertIn("BEGIN CERTIFICATE", self.person_certificate.chain_pem)

    def test_the_certificate_form_takes_the_key_and_never_shows_it_again(self):
        with Form(self.Certificates.with_context(allowed_company_ids=self.agency_b.ids)) as form:
            form.kind = "organisation"
            form.pkcs12_file = self._b64(self.pki.organisation.pkcs12(b"form-pass"))
            form.pkcs12_passphrase = "form-pass"
        certificate = form.record
        self.assertRecordValues(
            certificate,
            [
                {
                    "name": "Ủy ban nhân dân tỉnh Tây Ninh",
                    "company_id": self.agency_b.id,
                    "has_key_material": True,
                }
            ],
        )
        reopened = Form(certificate)
        self.assertFalse(reopened.pkcs12_passphrase)
        self.assertFalse(reopened.pkcs12_file)
        self.assertEqual(
            repr(certificate._egov_signer()), "<Pkcs12Signer 'Ủy ban nhân dân tỉnh Tây Ninh'>"
        )

    def test_a_wrong_passphrase_is_refused_and_nothing_is_kept(self):
        with self.assertRaisesRegex(UserError, "could not be opened: wrong passphrase"):
            self.Certificates.create(
                {
                    "kind": "organisation",
                    "company_id": self.agency_b.id,
                    "pkcs12_file": self._b64(self.pki.organisation.pkcs12(b"right")),
                    "pkcs12_passphrase": "wrong",
                }
            )
        self.assertFalse(
            self.env["egov.signing.secret"]
            .sudo()
            .search([("certificate_id.company_id", "=", self.agency_b.id)])
        )

    def test_a_personal_certificate_needs_its_owner_and_an_agency_one_has_none(self):
        with self.assertRaisesRegex(ValidationError, "needs its owner"):
            self.Certificates.create(
                {"kind": "person", "name": "Không chủ", "company_id": self.agency_a.id}
            )
        with self.assertRaisesRegex(ValidationError, "has no personal owner"):
            self.Certificates.create(
                {
                    "kind": "organisation",
                    "name": "Cơ quan",
                    "user_id": self.clerk_a.id,
                    "company_id": self.agency_a.id,
                }
            )

    def test_key_material_is_encrypted_at_rest_and_bound_to_its_certificate(self):
        stored = self._ciphertexts(self.person_certificate)
        self.assertEqual(set(stored), {"passphrase", "pkcs12"})
        for ciphertext in stored.values():
            self.assertTrue(ciphertext.startswith("v1:d:"))
            self.assertNotIn(PASSPHRASE, ciphertext)
            self.assertNotIn(PASSPHRASE.encode(), base64.b64decode(ciphertext.split(":", 2)[2]))
        # a ciphertext moved onto another certificate does not decrypt
        other = self._certificate(self.pki.expired, self.clerk_a)
        secret = (
            self.env["egov.signing.secret"]
            .sudo()
            .search([("certificate_id", "=", other.id), ("kind", "=", "passphrase")])
        )
        secret.ciphertext = stored["passphrase"]
        with self.assertRaisesRegex(UserError, "cannot be decrypted"):
            other._egov_signer()

    def test_the_server_option_key_is_used_when_set_and_needed_afterwards(self):
        with patch.dict(config.options, {"egov_signing_key": "khóa máy chủ dài và bí mật"}):
            certificate = self._certificate(self.pki.organisation, company=self.agency_b)
            self.assertTrue(
                all(c.startswith("v1:c:") for c in self._ciphertexts(certificate).values())
            )
            self.assertEqual(
                repr(certificate._egov_signer()), "<Pkcs12Signer 'Ủy ban nhân dân tỉnh Tây Ninh'>"
            )
            # the secrets kept with the database secret until then are moved to the server key
            self.assertGreaterEqual(self.env["egov.signing.secret"]._egov_reencrypt_all(), 4)
            self.assertTrue(
                self._ciphertexts(self.person_certificate)["pkcs12"].startswith("v1:c:")
            )
        with (
            patch.dict(config.options, {"egov_signing_key": ""}),
            self.assertRaisesRegex(UserError, "server option egov_signing_key, which is not set"),
        ):
            certificate._egov_signer()

    def test_nobody_reads_the_secrets_not_even_an_administrator(self):
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.agency_a
        with self.assertRaises(AccessError):
            self.env["egov.signing.secret"].with_user(admin).search_read([], ["ciphertext"])
        values = (
            self.person_certificate.with_user(admin)
            .with_company(self.agency_a)
            .read(["pkcs12_file", "pkcs12_passphrase", "pkcs11_pin", "has_key_material"])[0]
        )
        self.assertEqual(
            (
                values["pkcs12_file"],
                values["pkcs12_passphrase"],
                values["pkcs11_pin"],
                values["has_key_material"],
            ),
            (False, False, False, True),
        )

    def test_another_agency_does_not_see_the_certificates(self):
        self.assertFalse(self.Certificates.with_user(self.clerk_b).search([]))
        self.assertEqual(
            self.Certificates.with_user(self.officer_a).search([("kind", "=", "organisation")]),
            self.org_certificate,
        )
        with self.assertRaises(AccessError):
            self.org_certificate.with_user(self.clerk_a).write({"name": "Đổi tên"})

    def test_signing_never_logs_keys_or_passphrases(self):
        p12_b64 = self._b64(self.pki.person.pkcs12(PASSPHRASE.encode()))
        ciphertexts = list(self._ciphertexts(self.person_certificate).values())
        with self.assertLogs(level=logging.INFO) as captured:
            document = self._signed_draft()
            document.with_user(self.clerk_a).action_number_and_org_sign()
        logged = "\n".join(captured.output)
        self.assertIn(f"Document {document.id}: Approval signature on file", logged)
        for secret in (PASSPHRASE, p12_b64[:64], *(c[8:72] for c in ciphertexts)):
            self.assertNotIn(secret, logged)
        self.assertNotIn("PRIVATE KEY", logged)

    def test_removing_a_certificate_removes_its_key(self):
        certificate = self._certificate(self.pki.expired, self.clerk_a)
        self.assertEqual(len(self._ciphertexts(certificate)), 2)
        certificate.unlink()
        self.assertEqual(self._ciphertexts(certificate), {})

    @patch.dict(config.options, {"egov_signing_pkcs11_libraries": "/usr/lib/token/libtoken.so"})
    def test_a_certificate_without_its_ca_is_completed_from_the_known_intermediates(self):
        profile = self.agency_a._egov_signing_profile()
        profile.intermediate_attachment_ids = [
            Command.create(
                {
                    "name": "issuing-ca.pem",
                    "raw": self.pki.issuing_ca.cert.public_bytes(Encoding.PEM),
                }
            )
        ]
        certificate = self.Certificates.create(
            {
                "kind": "organisation",
                "company_id": self.agency_a.id,
                "name": "Certificate only",
                "storage": "pkcs11",
                "pkcs11_library": TOKEN_MODULE,
                "certificate_file": self._b64(
                    self.pki.organisation.cert.public_bytes(Encoding.PEM)
                ),
            }
        )
        self.assertFalse(certificate.chain_pem, "the file held no chain")
        self.assertEqual(
            [cert.subject for cert in certificate._egov_chain()][:1],
            [self.pki.issuing_ca.cert.subject],
        )

    @patch.dict(config.options, {"egov_signing_pkcs11_libraries": "/usr/lib/token/libtoken.so"})
    def test_uploading_only_the_ca_completes_the_chain_and_keeps_the_signing_certificate(self):
        certificate = self.Certificates.create(
            {
                "kind": "organisation",
                "company_id": self.agency_a.id,
                "name": "Token certificate",
                "storage": "pkcs11",
                "pkcs11_library": TOKEN_MODULE,
                "certificate_file": self._b64(
                    self.pki.organisation.cert.public_bytes(Encoding.PEM)
                ),
            }
        )
        certificate.certificate_file = self._b64(
            self.pki.issuing_ca.cert.public_bytes(Encoding.PEM)
        )
        self.assertEqual(certificate._egov_x509().subject, self.pki.organisation.cert.subject)
        self.assertIn(
            self.pki.issuing_ca.cert.subject, [cert.subject for cert in certificate._egov_chain()]
        )
