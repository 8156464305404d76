from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.egov_documents.tests.common import MINIMAL_PDF
from odoo.addons.egov_signing.pades import InvalidPdfError, fill_number_date

from .common import SigningCase


@tagged("post_install", "-at_install")
class TestVerificationOnReceipt(SigningCase):
    """NĐ 30/2020 Điều 21.2: the receiver checks authenticity and integrity; Kon Tum Điều
    8.2: a document whose signature fails is returned to its sender through the system."""

    def _problem_codes(self, document):
        return {p["code"] for s in self._signature_reports(document) for p in s["problems"]}

    def test_a_properly_signed_document_from_another_system_is_valid(self):
        received = self._received(self._externally_signed(self.pki.person))
        self.assertEqual(received.signature_status, "valid")
        self.assertTrue(received.signature_checked_at)
        received.with_user(self.clerk_b).action_register()
        self.assertEqual(received.incoming_state, "received")

    def test_expired_signer_certificate_is_reported_as_expired(self):
        received = self._received(self._externally_signed(self.pki.expired))
        self.assertEqual(received.signature_status, "expired")
        self.assertIn("cert_expired", self._problem_codes(received))
        self.assertIn("Trần Thị Hết Hạn", received.signature_report)
        self.assertIn("had expired at the signing time", received.signature_report)

    def test_revoked_signer_certificate_is_reported_from_the_agency_crl(self):
        received = self._received(self._externally_signed(self.pki.revoked))
        self.assertEqual(received.signature_status, "revoked")
        self.assertIn("cert_revoked", self._problem_codes(received))
        self.assertIn("was revoked on", received.signature_report)

    def test_certificate_from_an_unknown_root_is_untrusted(self):
        received = self._received(self._externally_signed(self.pki.untrusted))
        self.assertEqual(received.signature_status, "untrusted")
        self.assertIn("untrusted_chain", self._problem_codes(received))
        self.assertIn(
            "issued by Rogue Root CA, does not chain to a trusted root", received.signature_report
        )

    def test_a_changed_byte_after_signing_makes_the_document_invalid(self):
        pdf = self._externally_signed(self.pki.person)
        tampered = pdf.replace(
            b"ReportLab Generated PDF document", b"ReportLab Generated PDF documenT", 1
        )
        self.assertNotEqual(tampered, pdf)
        received = self._received(tampered)
        self.assertEqual(received.signature_status, "invalid")
        self.assertIn("digest_mismatch", self._problem_codes(received))

    def test_renumbering_after_the_organisation_signature_is_a_forbidden_change(self):
        renumbered = fill_number_date(
            self._externally_signed(self.pki.person),
            number="99",
            date="ngày 20 tháng 11 năm 2026",
            overwrite=True,
        )
        received = self._received(renumbered)
        self.assertEqual(received.signature_status, "modified")
        self.assertIn("not permitted", received.signature_report)

    def test_the_receipt_check_follows_the_agency_trust_roots(self):
        """Agency A trusts only the demo root and has no CRL: it does not know of the
        revocation; agency B, with the CRL, does."""
        pdf = self._externally_signed(self.pki.revoked)
        at_a = self._incoming(
            self.clerk_a, file_ids=[Command.create({"name": "QD.pdf", "datas": self._b64(pdf)})]
        )
        at_b = self._received(pdf)
        self.assertEqual((at_a.signature_status, at_b.signature_status), ("valid", "revoked"))
        self.agency_b._egov_signing_profile().write(
            {"use_shipped_roots": True, "trust_root_attachment_ids": [Command.clear()]}
        )
        at_b.action_verify_signatures()
        self.assertEqual(at_b.signature_status, "untrusted")

    def test_registering_a_document_whose_signature_failed_is_refused(self):
        received = self._received(self._externally_signed(self.pki.revoked))
        with self.assertRaisesRegex(
            UserError,
            r"(?s)cannot be registered: the check of its digital signatures "
            r"failed \(Certificate Revoked\).*was revoked on.*Return to Sender",
        ):
            received.with_user(self.clerk_b).action_register()
        self.assertEqual(received.incoming_state, "arrived")
        self.assertTrue(received._egov_integrity_problems())

    def test_a_failed_document_from_the_same_database_goes_back_with_the_report_as_reason(self):
        # agency A does not have the CRL and signs with a certificate the CA has revoked
        revoked = self._certificate(self.pki.revoked, self.leader_a)
        self.leader_a.egov_certificate_id = revoked
        document = self._signed_draft()
        document.with_user(self.clerk_a).action_number_and_org_sign()
        document.with_user(self.clerk_a).action_issue()
        line = document.sudo().recipient_ids
        received = self._as(line.incoming_document_id, self.clerk_b)
        self.assertEqual(received.signature_status, "revoked")
        with self.assertRaisesRegex(UserError, "cannot be registered"):
            received.action_register()

        action = received.action_return_signature_failed()
        self.assertEqual(action["res_model"], "egov.reason.wizard")
        wizard_form = Form(
            self.env[action["res_model"]].with_user(self.clerk_b).with_context(**action["context"])
        )
        self.assertIn("approval signature of Phạm Văn Thu Hồi", wizard_form.reason)
        self.assertIn("was revoked on", wizard_form.reason)
        wizard_form.save().action_confirm()
        self.assertEqual(received.incoming_state, "returned")
        self.assertEqual(line.business_status, "02")
        self.assertIn("was revoked on", line.status_note)

    def test_no_return_for_signature_reasons_when_the_check_passed(self):
        received = self._received(self._externally_signed(self.pki.person))
        with self.assertRaisesRegex(UserError, "passed the check"):
            received.with_user(self.clerk_b).action_return_signature_failed()

    def test_adding_a_file_to_an_arrived_document_checks_it_again(self):
        received = self._incoming(self.clerk_b)
        self.assertEqual(received.signature_status, "unchecked")
        received.with_user(self.clerk_b).write(
            {
                "file_ids": [
                    Command.create(
                        {
                            "name": "QD.pdf",
                            "datas": self._b64(self._externally_signed(self.pki.expired)),
                        }
                    )
                ]
            }
        )
        self.assertEqual(received.signature_status, "expired")
        received.file_ids.with_user(self.clerk_b).write(
            {"datas": self._b64(self._externally_signed(self.pki.person))}
        )
        self.assertEqual(received.signature_status, "valid")

    def test_an_unsigned_scan_is_unsigned_and_may_be_registered(self):
        received = self._incoming(
            self.clerk_b,
            arrival_channel="paper",
            file_ids=[Command.create({"name": "scan.pdf", "datas": self._b64(self.decision_pdf)})],
        )
        self.assertEqual(received.signature_status, "unsigned")
        self.assertIn("no digital signature", received.signature_report)
        received.with_user(self.clerk_b).action_register()
        self.assertEqual(received.incoming_state, "received")

    def test_an_agency_may_refuse_unsigned_documents_received_electronically(self):
        self.agency_b._egov_signing_profile().refuse_unsigned_electronic = True
        received = self._received(self.decision_pdf)
        self.assertEqual(received.signature_status, "unsigned")
        with self.assertRaisesRegex(UserError, "carries no digital signature"):
            received.with_user(self.clerk_b).action_register()

    def test_a_pdf_the_verifier_cannot_parse_is_unsigned_or_invalid_by_its_traces(self):
        """A file the verifier cannot read is unsigned when it has no trace of a signature,
        invalid when it has one."""
        with patch(
            "odoo.addons.egov_signing.models.egov_document_verification.verify_pdf",
            side_effect=InvalidPdfError("Not a readable PDF"),
        ):
            unsigned = self._incoming(
                self.clerk_b,
                file_ids=[Command.create({"name": "min.pdf", "datas": self._b64(MINIMAL_PDF)})],
            )
            signed = self._received(self._externally_signed(self.pki.person), number="16")
        self.assertEqual(unsigned.signature_status, "unsigned")
        self.assertEqual(signed.signature_status, "invalid")
        self.assertIn("cannot be read", signed.signature_report)

    def test_an_unsigned_appendix_does_not_fail_a_validly_signed_document(self):
        received = self._received(self._externally_signed(self.pki.person))
        received.write(
            {
                "file_ids": [
                    Command.create(
                        {
                            "name": "PL.pdf",
                            "datas": self._b64(self.appendix_pdf),
                            "role": "appendix",
                        }
                    )
                ]
            }
        )
        self.assertEqual(received.signature_status, "valid")
        statuses = {f["role"]: f["status"] for f in received.signature_result["files"]}
        self.assertEqual(statuses, {"main": "valid", "appendix": "unsigned"})
