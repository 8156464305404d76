from cryptography.hazmat.primitives.serialization import Encoding

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.egov_signing.pades import sha256_fingerprint

from .common import SigningCase


@tagged("post_install", "-at_install")
class TestAcceptedAuthorities(SigningCase):
    """Kon Tum Điều 11.5, Thái Bình Điều 7, Bến Tre Điều 9.1.a: only certificates of the
    authority the regulation names (Ban Cơ yếu Chính phủ) count. Here both agencies also
    trust a second root ("Rogue Root CA", standing for a commercial CA); the province's
    profile accepts only the demo government root."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_root = cls.pki.untrusted_root.cert.public_bytes(Encoding.PEM)
        for company in (cls.agency_a, cls.agency_b):
            company._egov_signing_profile().write(
                {
                    "trust_root_attachment_ids": [
                        Command.create({"name": "other-root.pem", "raw": other_root})
                    ]
                }
            )
        cls.government = cls.env["egov.signing.authority"].create(
            {
                "name": "Demo Ban Cơ yếu",
                "certificate_file": cls._b64(cls.pki.root.cert.public_bytes(Encoding.PEM)),
            }
        )
        cls.kon_tum = cls.env.ref("egov_documents.rule_profile_kon_tum")
        cls.tay_ninh = cls.env.ref("egov_documents.rule_profile_tay_ninh")
        cls.kon_tum.accepted_ca_ids = cls.government
        cls.tay_ninh.accepted_ca_ids = False

    def _use(self, profile):
        (self.agency_a | self.agency_b).write({"egov_rule_profile_id": profile.id})

    def test_presets_accept_ban_co_yeu_where_the_regulation_names_it(self):
        g2 = self.env.ref("egov_signing.authority_root_ca_g2")
        self.assertEqual(
            g2.fingerprint_sha256,
            "f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8",
        )
        self.assertEqual(self.government.fingerprint_sha256, sha256_fingerprint(self.pki.root.cert))
        for code in ("thai_binh", "ben_tre"):
            profile = self.env.ref(f"egov_documents.rule_profile_{code}")
            self.assertEqual(profile.accepted_ca_ids, g2, code)
            self.assertTrue(
                profile.citation_ids.filtered(lambda c: c.field_name == "accepted_ca_ids"), code
            )
        self.assertFalse(self.env.ref("egov_documents.rule_profile_son_la").accepted_ca_ids)

    def test_kon_tum_11_5_signing_with_a_certificate_of_another_authority_is_refused(self):
        self._use(self.kon_tum)
        other = self._certificate(self.pki.untrusted, self.leader_a)
        self.leader_a.egov_certificate_id = other
        document = self._draft(appendix=False)
        with self.assertRaises(UserError) as refusal:
            document.with_user(self.leader_a).action_approve_and_sign()
        self.assertRegex(
            str(refusal.exception), "issued by Rogue Root CA, which .* does not accept"
        )
        self.assertEqual(self._file(document).version, 1, "nothing was signed")
        self.assertIn(document.outgoing_state, ("draft", "in_review"))

    def test_ben_tre_9_1_a_preset_refuses_a_certificate_not_issued_by_ban_co_yeu(self):
        # the preset as shipped: only the real RootCA G2 of Ban Cơ yếu Chính phủ
        self._use(self.env.ref("egov_documents.rule_profile_ben_tre"))
        document = self._draft(appendix=False)
        with self.assertRaises(UserError) as refusal:
            document.with_user(self.leader_a).action_approve_and_sign()
        self.assertIn("issued by Demo CA", str(refusal.exception))
        self.assertIn("RootCA chuyên dùng Chính phủ G2", str(refusal.exception))
        self.assertEqual(self._file(document).version, 1)

    def test_tay_ninh_no_list_signs_with_any_configured_trust_root(self):
        self._use(self.tay_ninh)
        self.leader_a.egov_certificate_id = self._certificate(self.pki.untrusted, self.leader_a)
        document = self._draft(appendix=False)
        document.with_user(self.leader_a).action_approve_and_sign()
        self.assertEqual((document.outgoing_state, document.signature_status), ("signed", "valid"))

    def test_kon_tum_11_5_accepted_authority_still_signs(self):
        self._use(self.kon_tum)
        document = self._signed_draft(appendix=False)
        self.assertEqual((document.outgoing_state, document.signature_status), ("signed", "valid"))

    def test_kon_tum_11_5_received_signature_of_another_authority_is_flagged(self):
        self._use(self.kon_tum)
        received = self._received(self._externally_signed(self.pki.untrusted))
        self.assertEqual(received.signature_status, "untrusted")
        codes = {p["code"] for s in self._signature_reports(received) for p in s["problems"]}
        self.assertIn("issuer_not_accepted", codes)
        self.assertNotIn("untrusted_chain", codes, "the chain itself is trusted")
        self.assertIn("not a certification authority the regulation", received.signature_report)
        self.assertIn("Rogue Root CA", received.signature_report)
        with self.assertRaises(UserError) as refusal:
            received.with_user(self.clerk_b).action_register()
        self.assertIn("cannot be registered", str(refusal.exception))
        self.assertEqual(received.incoming_state, "arrived")

    def test_tay_ninh_received_signature_of_any_trusted_root_is_valid(self):
        self._use(self.tay_ninh)
        received = self._received(self._externally_signed(self.pki.untrusted))
        self.assertEqual(received.signature_status, "valid")

    def test_authority_needs_a_readable_certificate(self):
        with self.assertRaises(ValidationError) as refusal:
            self.env["egov.signing.authority"].create(
                {"name": "Hỏng", "certificate_file": self._b64(b"not a certificate")}
            )
        self.assertIn("is not a certificate", str(refusal.exception))
        self.assertFalse(self.env["egov.signing.authority"].search([("name", "=", "Hỏng")]))
