from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_signing.pades import format_vn_date, read_number_date

from .common import SigningCase


@tagged("post_install", "-at_install")
class TestOutgoingSigning(SigningCase):
    """NĐ 30/2020 Phụ lục I and Điều 15.3, Kon Tum Điều 11.6: the signatory signs the PDF,
    the clerk writes the number and date into the signed file and applies the organisation
    signature; the receiving agency of the same database verifies it on arrival."""

    def test_full_flow_from_draft_to_the_receiving_agency_keeps_every_signature_valid(self):
        document = self._draft()
        main = self._file(document)
        self.assertEqual(main.version, 1)

        # ký duyệt: the leader approves and signs with their own certificate
        document.with_user(self.leader_a).action_approve_and_sign()
        self.assertEqual(document.outgoing_state, "signed")
        self.assertEqual(main.version, 2)
        signed = self._verify(main)
        self.assertEqual(signed.verdict, "valid")
        self.assertEqual([s.signer_name for s in signed.signatures], ["Nguyễn Văn An"])
        self.assertEqual(document.signature_status, "valid")

        # cấp số: the number and date go into the signed file as form filling
        document.with_user(self.clerk_a).action_assign_number()
        self.assertEqual(document.outgoing_state, "numbered")
        self.assertEqual(main.version, 3)
        self.assertEqual(
            read_number_date(self._bytes(main)),
            {"number": document.number, "date": format_vn_date(document.issued_date)},
        )
        (signer,) = self._verify(main).signatures
        self.assertEqual(
            (signer.status, signer.modification_level, signer.changes_permitted),
            ("valid", "form_filling", True),
        )

        # NĐ 30 Điều 14.3: no issue of a digitally signed document without the organisation
        with self.assertRaisesRegex(UserError, "organisation signature before issuing"):
            document.with_user(self.clerk_a).action_issue()

        # ký số cơ quan: seal on the main file, number and time on the separate appendix
        document.with_user(self.clerk_a).action_org_sign()
        self.assertRecordValues(
            document,
            [
                {
                    "outgoing_state": "org_signed",
                    "org_signed_by_id": self.clerk_a.id,
                    "signature_status": "valid",
                }
            ],
        )
        issued = self._verify(main)
        self.assertEqual(
            [s.field_name for s in issued.signatures], ["EgovSigner", "EgovOrganisation"]
        )
        self.assertEqual(issued.signatures[1].signer_name, "Ủy ban nhân dân tỉnh Tây Ninh")
        appendix = self._verify(self._file(document, "appendix"))
        self.assertEqual(
            (appendix.verdict, appendix.signatures[0].field_name), ("valid", "EgovAttachment")
        )

        document.with_user(self.clerk_a).action_issue()
        received = document.sudo().recipient_ids.incoming_document_id
        self.assertEqual(received.company_id, self.agency_b)
        self.assertEqual(received.signature_status, "valid")
        signer_report, org_report = self._signature_reports(received)
        self.assertEqual(
            (
                signer_report["status"],
                signer_report["modification_level"],
                signer_report["changes_permitted"],
                signer_report["coverage"],
            ),
            ("valid", "form_filling", True, "entire_revision"),
        )
        self.assertEqual((org_report["status"], org_report["coverage"]), ("valid", "entire_file"))
        self.assertTrue(signer_report["signing_time"].endswith("+07:00"))
        report = received.signature_report
        self.assertIn("Nguyễn Văn An", report)
        self.assertIn("Demo CA phục vụ cơ quan nhà nước", report)
        self.assertIn("+07:00", report)
        self.assertIn("filling in form fields", report)
        self._as(received, self.clerk_b).action_register()
        self.assertEqual(received.incoming_state, "received")

    def test_the_chatter_says_who_signed_what_and_when(self):
        document = self._signed_draft()
        document.with_user(self.clerk_a).action_number_and_org_sign()
        bodies = "\n".join(document.message_ids.mapped("body"))
        self.assertIn("Approval signature on QD-quy-che.pdf (version 2)", bodies)
        self.assertIn("by Nguyễn Văn An, certificate Nguyễn Văn An issued by Demo CA", bodies)
        self.assertIn("Organisation signature on QD-quy-che.pdf (version 4)", bodies)
        self.assertIn("Organisation signature on a separate file on Phu-luc.pdf", bodies)
        self.assertIn("+07:00", bodies)

    def test_number_and_sign_as_agency_does_both_in_one_go(self):
        document = self._signed_draft()
        document.with_user(self.clerk_a).action_number_and_org_sign()
        self.assertEqual(document.outgoing_state, "org_signed")
        self.assertEqual(
            read_number_date(self._bytes(self._file(document)))["number"], document.number
        )
        self.assertEqual(len(self._verify(self._file(document)).signatures), 2)

    def test_digitised_paper_gets_the_seal_at_the_top_right(self):
        document = self._draft(appendix=False)
        document.sudo().write(
            {
                "file_ids": [
                    Command.create(
                        {
                            "name": "Ban-giay-so-hoa.pdf",
                            "datas": self._b64(self.appendix_pdf),
                            "role": "digitised",
                        }
                    )
                ]
            }
        )
        document.with_user(self.leader_a).action_approve_and_sign()
        document.with_user(self.clerk_a).action_number_and_org_sign()
        (stamp,) = self._verify(self._file(document, "digitised")).signatures
        self.assertEqual((stamp.field_name, stamp.status), ("EgovDigitised", "valid"))

    def test_each_signing_step_keeps_the_version_it_replaced(self):
        document = self._signed_draft(appendix=False)
        main = self._file(document)
        (first,) = main.previous_version_ids
        self.assertEqual(first.raw, self.decision_pdf)
        self.assertEqual((first.res_model, first.res_id), ("egov.document.file", main.id))
        document.with_user(self.clerk_a).action_number_and_org_sign()
        self.assertEqual(main.version, 4)
        self.assertEqual(len(main.previous_version_ids), 3)
        self.assertNotIn(self._bytes(main), main.previous_version_ids.mapped("raw"))
        self.assertEqual(document.signature_status, "valid")

    def test_signing_is_refused_without_a_certificate_or_with_an_expired_one(self):
        self.leader_a.egov_certificate_id = False
        self.person_certificate.active = False
        document = self._draft()
        with self.assertRaisesRegex(UserError, "has no signing certificate"):
            document.with_user(self.leader_a).action_approve_and_sign()
        expired = self._certificate(self.pki.expired, self.leader_a)
        self.leader_a.egov_certificate_id = expired
        with self.assertRaisesRegex(UserError, "cannot be used for signing .* it is valid from"):
            document.with_user(self.leader_a).action_approve_and_sign()
        self.assertEqual(self._file(document).version, 1)

    def test_signing_needs_the_signature_image_and_the_signature_block(self):
        document = self._draft()
        self.leader_a.egov_signature_image = False
        with self.assertRaisesRegex(UserError, "Add your signature image"):
            document.with_user(self.leader_a).action_approve_and_sign()
        self.leader_a.egov_signature_image = self._b64(self.signature_png)
        system_env(document).signer_name = "Trần Văn Khác"
        with self.assertRaisesRegex(UserError, "signature block of Trần Văn Khác .* was not found"):
            document.with_user(self.leader_a).action_approve_and_sign()

    def test_only_the_designated_signatory_signs(self):
        other_leader = self._create_user(
            "leader_a2", self.agency_a, "egov_documents.group_egov_agency_leader"
        )
        document = self._draft()
        document.with_user(self.leader_a).action_approve()
        with self.assertRaisesRegex(UserError, "is to be signed by"):
            document.with_user(other_leader).action_approve_and_sign()

    def test_organisation_signature_needs_the_agency_certificate_and_seal(self):
        document = self._signed_draft()
        document.with_user(self.clerk_a).action_assign_number()
        self.agency_a.egov_org_certificate_id = False
        with self.assertRaisesRegex(UserError, "has no organisation certificate to sign"):
            document.with_user(self.clerk_a).action_org_sign()
        self.agency_a.write(
            {"egov_org_certificate_id": self.org_certificate.id, "egov_seal_image": False}
        )
        with self.assertRaisesRegex(UserError, "has no seal image"):
            document.with_user(self.clerk_a).action_org_sign()
        self.assertEqual(document.outgoing_state, "numbered")

    def test_an_officer_cannot_apply_the_organisation_signature(self):
        document = self._signed_draft()
        with self.assertRaisesRegex(AccessError, "Only a user of group"):
            document.with_user(self.officer_a).action_number_and_org_sign()

    def test_signature_status_and_report_are_set_by_the_system_only(self):
        document = self._draft()
        for context in ({}, {"egov_system_write": True}, {"egov_skip_signature_check": True}):
            officer_document = document.with_user(self.officer_a).with_context(**context)
            with self.assertRaisesRegex(UserError, "set by the system"):
                officer_document.write({"signature_status": "valid"})
            with self.assertRaisesRegex(UserError, "set by the system"):
                officer_document.write({"signature_report": "<p>Hợp lệ</p>"})
            with self.assertRaisesRegex(UserError, "set by the system"):
                officer_document.write({"org_signed_by_id": self.clerk_a.id})
        with self.assertRaisesRegex(UserError, "set by the system"):
            self._outgoing(self.officer_a, signature_status="valid")
        self.assertEqual(document.signature_status, "unchecked")

    def test_the_report_is_rendered_from_the_stored_result_when_read(self):
        self.assertFalse(self.env["egov.document"]._fields["signature_report"].store)
        document = self._signed_draft(appendix=False)
        self.assertEqual(document.signature_result["status"], "valid")
        report = document.signature_report
        self.assertIn("Approval signature of Nguyễn Văn An", report)
        self.assertIn('class="badge text-bg-success"', report)
        self.assertIn("No trusted timestamp", report)

    def test_approve_and_sign_signs_digitally_or_not_at_all(self):
        """ "Approve and Sign" is the digital signature: without a certificate it is refused
        even where the agency has no signing profile (Duyệt và ký số never records an
        unsigned "signed")."""
        self.agency_a._egov_signing_profile().unlink()
        self.leader_a.egov_certificate_id = False
        self.person_certificate.active = False
        document = self._draft()
        with self.assertRaises(UserError) as refused:
            document.with_user(self.leader_a).action_approve_and_sign()
        self.assertIn("has no signing certificate", str(refused.exception))
        self.env.invalidate_all()
        self.assertEqual(
            (document.outgoing_state, document.signature_status), ("draft", "unchecked")
        )
        self.assertEqual(self._file(document).version, 1)

    def test_an_agency_that_does_not_require_digital_signatures_records_paper_signatures(self):
        self.agency_a._egov_signing_profile().require_signature = False
        self.leader_a.egov_certificate_id = False
        self.person_certificate.active = False
        document = self._draft()
        with self.assertRaisesRegex(UserError, "has no signing certificate"):
            document.with_user(self.leader_a).action_approve_and_sign()
        document.with_user(self.leader_a).action_approve()
        document.with_user(self.leader_a).action_sign()
        self.assertRecordValues(document, [{"outgoing_state": "signed", "digitally_signed": False}])
        self.assertEqual(self._file(document).version, 1)
        self.assertIn("without a digital signature", "".join(document.message_ids.mapped("body")))

    def test_a_signature_that_does_not_verify_leaves_the_document_unsigned(self):
        """Agency A stops trusting the demo root: the leader's signature is made but does not
        verify, so nothing is signed."""
        self.agency_a._egov_signing_profile().write(
            {"use_shipped_roots": True, "trust_root_attachment_ids": [Command.clear()]}
        )
        document = self._draft()
        with self.assertRaises(UserError) as refused:
            document.with_user(self.leader_a).action_approve_and_sign()
        self.assertRegex(
            str(refused.exception), r"does not verify \(Untrusted\), so the document is not signed"
        )
        self.env.invalidate_all()
        self.assertEqual(document.outgoing_state, "draft")
        self.assertEqual(self._file(document).version, 1)

    def test_issue_needs_a_verified_signature_of_the_signatory(self):
        document = self._draft()
        self._signed(document)  # recorded as signed by another way, with no signature
        document.with_user(self.clerk_a).action_assign_number()
        with self.assertRaisesRegex(
            UserError, "has no verified digital signature of its signatory .* cannot be issued"
        ):
            document.with_user(self.clerk_a).action_issue()
        self.assertEqual(document.outgoing_state, "numbered")

    def test_signing_competence_follows_nd30_article_13(self):
        unit_leader = self._create_user(
            "unit_leader_a", self.agency_a, "egov_documents.group_egov_unit_leader"
        )
        document = self._draft()
        document.signer_id = unit_leader
        with self.assertRaisesRegex(
            AccessError, "competence “KT. .*reserves it to a user of group"
        ):
            document.with_user(unit_leader).action_approve_and_sign()
        document.signer_competence = "tl"
        # by order of the head: a unit leader may; here they have no certificate yet
        with self.assertRaisesRegex(UserError, "Unit Leader A has no signing certificate"):
            document.with_user(unit_leader).action_approve_and_sign()
        with self.assertRaisesRegex(AccessError, "Only a user of group .* may sign documents"):
            document.with_user(self.officer_a).action_sign()
