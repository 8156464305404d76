from datetime import date
from io import BytesIO
from unittest.mock import patch

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers as ph_signers
from pyhanko.sign.fields import MDPPerm

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_documents.tests.jsonrpc import call_kw
from odoo.addons.egov_fixtures import samples
from odoo.addons.egov_signing.models import egov_document_arrival_stamp
from odoo.addons.egov_signing.pades import (
    Pkcs12Signer,
    SignerAppearance,
    add_number_date_fields,
    fill_number_date,
    sign_pdf,
)
from odoo.addons.egov_signing.pades.arrival_stamp import read_arrival

from .common import SigningCase


@tagged("post_install", "-at_install")
class TestArrivalStamp(SigningCase, HttpCase):
    """NĐ 30/2020 Điều 22: the arrival number and date are shown on the electronic document;
    Phụ lục IV: the “ĐẾN” stamp. Written at registration as a new version of the main file;
    “Chuyển:” is filled in at distribution."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader_b = new_test_user(
            cls.env,
            login="stamp_leader_b",
            groups="egov_documents.group_egov_agency_leader",
            company_id=cls.agency_b.id,
            company_ids=[Command.set(cls.agency_b.ids)],
            name="Lãnh đạo Sở Tài chính",
        )
        cls.unit_b = cls.env["hr.department"].create(
            {
                "name": "Phòng Quản lý ngân sách",
                "company_id": cls.agency_b.id,
                "egov_handler_user_id": cls.officer_b.id,
            }
        )

    def _issued_by_agency_a(self):
        """Signed, numbered, sealed and issued by agency A through its own flow; returns the
        incoming document delivered to agency B."""
        document = self._signed_draft(appendix=False)
        document.with_user(self.clerk_a).action_assign_number()
        document.with_user(self.clerk_a).action_org_sign()
        document.with_user(self.clerk_a).action_issue()
        return document.sudo().recipient_ids.incoming_document_id

    def _registered(self, pdf):
        received = self._received(pdf)
        self._as(received, self.clerk_b).action_register()
        return received

    def _approved(self):
        """Signed by the issuer's leader (approval signature) and numbered, no lock."""
        signer = Pkcs12Signer(self.pki.person.pkcs12(b"x"), "x")
        signed = sign_pdf(
            add_number_date_fields(self.decision_pdf),
            signer,
            SignerAppearance(
                self.signature_png, full_name=samples.SIGNER_NAME, position=samples.SIGNER_POSITION
            ),
        )
        return fill_number_date(signed, number="07", date=date(2026, 11, 16))

    def _certified_no_changes(self):
        signer = Pkcs12Signer(self.pki.organisation.pkcs12(b"x"), "x").pyhanko_signer()
        meta = ph_signers.PdfSignatureMetadata(
            field_name="Certification", certify=True, docmdp_permissions=MDPPerm.NO_CHANGES
        )
        out = ph_signers.sign_pdf(
            IncrementalPdfFileWriter(BytesIO(self.decision_pdf)), meta, signer=signer
        )
        return out.getvalue()

    def _notes(self, document):
        return " ".join(document.message_ids.mapped("body"))

    def _agency_text(self, text, **params):
        """``text`` as the system writes it for agency B (its language, vi_VN when installed)."""
        return self.env(context=dict(self.env.context, lang=self.agency_b._egov_lang()))._(
            text, **params
        )

    def test_registration_stamps_the_main_pdf_as_a_new_version_keeping_the_signature(self):
        original = self._approved()
        received = self._received(original)
        self.assertEqual(received.signature_status, "valid")
        main = self._file(received)
        version = main.version
        self._as(received, self.clerk_b).action_register()
        stamped = self._bytes(main)
        self.assertTrue(stamped.startswith(original) and len(stamped) > len(original))
        self.assertEqual(read_arrival(stamped)["number"], str(received.arrival_number))
        self.assertEqual(main.version, version + 1)
        self.assertEqual(main.previous_version_ids[-1].raw, original)
        self.assertEqual(received.signature_status, "valid")
        signatures = self._signature_reports(received)
        self.assertEqual([s["status"] for s in signatures], ["valid"])
        self.assertIn("số đến", self._notes(received))

    def test_agency_that_turned_the_stamp_off_keeps_the_file_as_received(self):
        self.agency_b.egov_arrival_stamp = False
        original = self._approved()
        received = self._received(original)
        self._as(received, self.clerk_b).action_register()
        self.assertEqual(received.incoming_state, "received")
        self.assertEqual(self._bytes(self._file(received)), original)

    def test_no_changes_certification_registers_with_a_note_and_no_stamp(self):
        original = self._certified_no_changes()
        received = self._received(original)
        self._as(received, self.clerk_b).action_register()
        self.assertEqual(received.incoming_state, "received")
        self.assertTrue(received.arrival_number)
        self.assertEqual(self._bytes(self._file(received)), original)
        reason = self._agency_text("its digital signatures do not permit any change")
        self.assertIn(
            self._agency_text(
                "No arrival stamp on the main file: %(reason)s. The arrival number is recorded in "
                "the register only.",
                reason=reason,
            ),
            self._notes(received),
        )

    def test_document_never_checked_is_stamped_at_registration(self):
        """A document whose signatures were never checked (it arrived before signing was
        installed) has nothing to lose: the stamp is written and the check made."""
        received = self._received(self._approved())
        system_env(received).signature_status = "unchecked"
        self._as(received, self.clerk_b).action_register()
        stamp = read_arrival(self._bytes(self._file(received)))
        self.assertEqual(stamp["number"], str(received.arrival_number))
        self.assertEqual(received.signature_status, "valid")

    def test_paper_documents_are_not_stamped_digitally(self):
        received = self._incoming(
            self.clerk_b,
            arrival_channel="paper",
            file_ids=[Command.create({"name": "scan.pdf", "datas": self._b64(self._approved())})],
        )
        before = self._bytes(self._file(received))
        self._as(received, self.clerk_b).action_register()
        self.assertIsNone(read_arrival(self._bytes(self._file(received))))
        self.assertEqual(self._bytes(self._file(received)), before)

    def test_clerk_of_another_agency_cannot_stamp_our_document_over_rpc(self):
        original = self._approved()
        received = self._received(original)
        self.authenticate(self.clerk_a.login, self.clerk_a.login)
        result, error = call_kw(
            self,
            "egov.document",
            "action_register",
            [received.ids],
            context={"allowed_company_ids": self.agency_b.ids + self.agency_a.ids},
        )
        self.assertTrue(error, f"the call was accepted: {result!r}")
        received.invalidate_recordset()
        self.assertFalse(received.arrival_number)
        self.assertEqual(self._bytes(self._file(received)), original)
        # the stamping method itself is private: not callable over RPC, even by our clerk
        self.authenticate(self.clerk_b.login, self.clerk_b.login)
        _result, error = call_kw(self, "egov.document", "_egov_stamp_arrival", [received.ids])
        self.assertTrue(error)
        self.assertEqual(self._bytes(self._file(received)), original)

    def test_document_issued_by_another_egov_agency_is_stamped_keeping_both_signatures(self):
        received = self._issued_by_agency_a()
        main = self._file(received)
        original = self._bytes(main)
        self.assertEqual(received.signature_status, "valid")
        self._as(received, self.clerk_b).action_register()
        stamped = self._bytes(main)
        self.assertTrue(stamped.startswith(original) and len(stamped) > len(original))
        self.assertEqual(read_arrival(stamped)["number"], str(received.arrival_number))
        self.assertEqual(received.signature_status, "valid")
        self.assertEqual(
            [
                (s["field_name"], s["status"], s["changes_permitted"])
                for s in self._signature_reports(received)
            ],
            [("EgovSigner", "valid", True), ("EgovOrganisation", "valid", True)],
        )
        self.assertIn("số đến", self._notes(received))

    def test_distribution_writes_the_lead_unit_after_chuyen_as_a_new_version(self):
        received = self._registered(self._externally_signed(self.pki.person))
        main = self._file(received)
        stamped, version = self._bytes(main), main.version
        received.with_user(self.leader_b)._egov_distribute({"department_id": self.unit_b.id})
        self.assertEqual(received.incoming_state, "distributed")
        forwarded = self._bytes(main)
        self.assertTrue(forwarded.startswith(stamped) and len(forwarded) > len(stamped))
        self.assertEqual(
            read_arrival(forwarded),
            {"number": str(received.arrival_number), "forwarded_to": "Phòng Quản lý ngân sách"},
        )
        self.assertEqual(main.version, version + 1)
        self.assertEqual(main.previous_version_ids.sorted("id")[-1].raw, stamped)
        self.assertEqual(received.signature_status, "valid")
        self.assertEqual(
            [s["status"] for s in self._signature_reports(received)], ["valid", "valid"]
        )
        self.assertIn(
            self._agency_text(
                "“Chuyển: %(lead)s” written on the arrival stamp of %(file)s, version "
                "%(version)s; the previous version is kept.",
                lead="Phòng Quản lý ngân sách",
                file="QD-07.pdf",
                version=main.version,
            ),
            self._notes(received),
        )

    def test_distribution_to_a_person_writes_their_name(self):
        received = self._registered(self._approved())
        received.with_user(self.leader_b)._egov_distribute({"user_id": self.officer_b.id})
        self.assertEqual(
            read_arrival(self._bytes(self._file(received)))["forwarded_to"], self.officer_b.name
        )

    def test_distribution_of_an_unstamped_file_leaves_it_as_it_is(self):
        self.agency_b.egov_arrival_stamp = False
        original = self._approved()
        received = self._registered(original)
        received.with_user(self.leader_b)._egov_distribute({"department_id": self.unit_b.id})
        self.assertEqual(received.incoming_state, "distributed")
        self.assertEqual(self._bytes(self._file(received)), original)

    def _not_kept_note(self):
        return self._agency_text(
            "“Chuyển: %(lead)s” was not kept on the arrival stamp of %(file)s: the signatures "
            "would no longer check as before.",
            lead="Phòng Quản lý ngân sách",
            file="QD-07.pdf",
        )

    def _distribute_with_forwarding(self, received, forwarding):
        with patch.object(egov_document_arrival_stamp, "update_forwarded", forwarding):
            received.with_user(self.leader_b)._egov_distribute({"department_id": self.unit_b.id})

    def test_forwarding_that_would_degrade_the_signatures_is_rolled_back(self):
        received = self._registered(self._approved())
        main = self._file(received)
        stamped, version = self._bytes(main), main.version

        def rotating_the_page(pdf, forwarded_to, **kwargs):
            # an increment the signer's approval signature does not permit
            writer = IncrementalPdfFileWriter(BytesIO(pdf))
            page = writer.find_page_for_modification(0)[0].get_object()
            page["/Rotate"] = generic.NumberObject(90)
            writer.update_container(page)
            out = BytesIO()
            writer.write(out)
            return out.getvalue()

        self._distribute_with_forwarding(received, rotating_the_page)
        self.assertEqual(received.incoming_state, "distributed")
        self.assertEqual(self._bytes(main), stamped)
        self.assertEqual(main.version, version)
        self.assertEqual(received.signature_status, "valid")
        self.assertIn(self._not_kept_note(), self._notes(received))

    def test_forwarding_version_the_file_check_refuses_leaves_the_distribution_standing(self):
        received = self._registered(self._approved())
        main = self._file(received)
        stamped = self._bytes(main)

        def with_trailing_junk(pdf, forwarded_to, **kwargs):
            return pdf + b"\n% appended after the last revision\n"

        self._distribute_with_forwarding(received, with_trailing_junk)
        self.assertEqual(received.incoming_state, "distributed")
        self.assertEqual(self._bytes(main), stamped)
        self.assertIn(self._not_kept_note(), self._notes(received))
