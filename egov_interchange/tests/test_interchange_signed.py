"""Digitally signed documents over the axis, when egov_signing is installed in the test
database (skipped otherwise): NĐ 30/2020 Điều 21.2 (the receiver checks the signatures of
what arrives) and Kon Tum Điều 8.2 (a document whose signature fails goes back to its sender
through the system, with the report as reason: status 02)."""

import base64

from odoo import Command
from odoo.tests import tagged

from .interchange_common import InterchangeCase


@tagged("post_install", "-at_install")
class TestInterchangeSigned(InterchangeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signing = "egov.signing.profile" in cls.env
        if not cls.signing:
            return
        from cryptography.hazmat.primitives.serialization import Encoding

        from odoo.addons.egov_fixtures import samples
        from odoo.addons.egov_signing.tests.common import PASSPHRASE, demo_material

        cls.samples = samples

        material = demo_material()
        cls.pki = material["pki"]
        cls.decision_pdf = material["decision"]
        cls.appendix_pdf = material["appendix"]
        root_pem = cls.pki.root.cert.public_bytes(Encoding.PEM)
        for tag in ("a", "b"):
            cls.env["egov.signing.profile"].create(
                {
                    "company_id": cls.agencies[tag].id,
                    "trust_root_attachment_ids": [
                        Command.create({"name": "demo-root.pem", "raw": root_pem})
                    ],
                    "crl_attachment_ids": [
                        Command.create({"name": "issuing.crl", "raw": cls.pki.crl_der})
                    ]
                    if tag == "b"
                    else [],
                }
            )
        cls.leader_a = cls.users["leader", "a"]
        cls.leader_a.egov_signature_image = base64.b64encode(material["signature"])

        def certificate(identity, user=None, company=None):
            return cls.env["egov.signing.certificate"].create(
                {
                    "kind": "person" if user else "organisation",
                    "user_id": user.id if user else False,
                    "company_id": (company or user.company_id).id,
                    "pkcs12_file": base64.b64encode(identity.pkcs12(PASSPHRASE.encode())),
                    "pkcs12_passphrase": PASSPHRASE,
                }
            )

        cls.certificate = staticmethod(certificate)
        cls.leader_a.egov_certificate_id = certificate(cls.pki.person, cls.leader_a)
        cls.agencies["a"].write(
            {
                "egov_seal_image": base64.b64encode(material["seal"]),
                "egov_org_certificate_id": certificate(
                    cls.pki.organisation, company=cls.agencies["a"]
                ).id,
            }
        )

    def setUp(self):
        super().setUp()
        if not self.signing:
            self.skipTest("egov_signing is not installed in this database")

    def _issue_signed(self):
        """Agency A's leader signs a decision with its appendix, the clerk numbers it,
        signs it as the agency and issues it to B."""
        officer = self.users["officer", "a"]
        document = (
            self.env["egov.document"]
            .with_user(officer)
            .with_company(self.agencies["a"])
            .create(
                {
                    "direction": "outgoing",
                    "subject": "Quyết định ban hành Quy chế liên thông văn bản điện tử",
                    "document_type_id": self.env.ref("egov_documents.document_type_decision").id,
                    "signer_id": self.leader_a.id,
                    "signer_name": self.samples.SIGNER_NAME,
                    "signer_position": self.samples.SIGNER_POSITION,
                    "recipient_ids": [
                        Command.create(
                            {"kind": "agency", "partner_id": self.agencies["b"].partner_id.id}
                        )
                    ],
                    "file_ids": [
                        Command.create(
                            {
                                "name": "QD-quy-che.pdf",
                                "datas": base64.b64encode(self.decision_pdf),
                                "role": "main",
                            }
                        ),
                        Command.create(
                            {
                                "name": "Phu-luc.pdf",
                                "datas": base64.b64encode(self.appendix_pdf),
                                "role": "appendix",
                                "sequence": 20,
                            }
                        ),
                    ],
                }
            )
        )
        document.with_user(self.leader_a).action_approve_and_sign()
        clerk = self.users["clerk", "a"]
        document.with_user(clerk).action_number_and_org_sign()
        document.with_user(clerk).action_issue()
        return document

    def test_nd30_art21_signed_files_arrive_intact_and_verify_at_the_receiver(self):
        with self.jobs():
            outgoing = self._issue_signed()
            self.run_jobs()
            self.poll("b")
        incoming = self.received(outgoing)
        self.assertEqual(len(incoming.file_ids), 2)
        self.assertEqual(
            sorted(base64.b64decode(f.datas) for f in incoming.file_ids),
            sorted(base64.b64decode(f.datas) for f in outgoing.file_ids),
            "the signed bytes travel unchanged through edXML",
        )
        self.assertEqual(incoming.signature_status, "valid")

    def test_kon_tum_art8_failed_signature_goes_back_as_02_with_the_report(self):
        # the leader signs with a certificate the CA has revoked; only B holds the CRL
        self.leader_a.egov_certificate_id = self.certificate(self.pki.revoked, self.leader_a)
        with self.jobs():
            outgoing = self._issue_signed()
            self.run_jobs()
            self.poll("b")
            incoming = self.received(outgoing)
            self.assertEqual(incoming.signature_status, "revoked")
            incoming.with_user(self.users["clerk", "b"])._egov_return_to_sender(
                incoming._egov_signature_return_reason()
            )
            self.run_jobs()
            self.poll("a")
        line = outgoing.recipient_ids
        self.assertEqual(line.business_status, "02")
        self.assertIn("was revoked on", line.status_note)
