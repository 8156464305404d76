import io

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.egov_signing.pades import verify_pdf

from .common import SigningCase

MM = 72 / 25.4


def _widget_rect(pdf, prefix):
    """(x0, y0, x1, y1) of the first signature widget whose field name starts with
    ``prefix``."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf))
    for ref in reader.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if str(field.get("/T", "")).startswith(prefix):
            widget = field if "/Rect" in field else field["/Kids"][0].get_object()
            return [float(value) for value in widget["/Rect"]]
    raise AssertionError(f"no field {prefix}")


@tagged("post_install", "-at_install")
class TestDigitisedPaper(SigningCase):
    """Paper in the electronic flow: incoming paper is registered as its digitised copy
    with the agency's organisation signature, the seal at its real size with the agency name
    (Tây Ninh Điều 8.2.a, Kon Tum Điều 8.1 and 11.6.a, NĐ 30/2020 Phụ lục I III.1.d); an
    outgoing document signed on paper is issued, digitised, with the organisation
    signature only (Kon Tum Điều 10.2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency_a.egov_seal_diameter_mm = 42

    def _scan(self, document):
        return (
            self.env["egov.document.file"]
            .with_user(self.clerk_a)
            .create(
                {
                    "document_id": document.id,
                    "name": "Ban-giay-da-ky-so-hoa.pdf",
                    "datas": self._b64(self.appendix_pdf),
                    "role": "digitised",
                }
            )
        )

    def test_tay_ninh_8_2_a_incoming_paper_gets_the_agency_seal_at_real_size(self):
        document = self._incoming(
            self.clerk_a,
            arrival_channel="paper",
            file_ids=[
                Command.create({"name": "CV-giay.pdf", "datas": self._b64(self.appendix_pdf)}),
            ],
        )
        document.with_user(self.clerk_a).action_register()
        scan = self._bytes(self._file(document))
        material = self.agency_a._egov_signing_profile()._egov_validation_material()
        (stamp,) = verify_pdf(scan, material).signatures
        self.assertEqual((stamp.field_name, stamp.status), ("EgovDigitised", "valid"))
        x0, y0, x1, y1 = _widget_rect(scan, "EgovDigitised")
        self.assertAlmostEqual(y1 - y0, 42 * MM, delta=0.5, msg="the seal at its real size")
        self.assertGreater(x1 - x0, 42 * MM, "the agency name is written beside the seal")
        self.assertEqual(document.signature_status, "valid")
        self.assertTrue(document.org_signed_at)
        self.assertTrue(
            document.message_ids.filtered(
                lambda m: "Organisation signature on the digitised copy" in (m.body or "")
            )
        )

    def test_incoming_paper_without_organisation_certificate_registers_and_says_why(self):
        self.agency_a.egov_org_certificate_id = False
        document = self._incoming(
            self.clerk_a,
            arrival_channel="paper",
            file_ids=[
                Command.create({"name": "CV-giay.pdf", "datas": self._b64(self.appendix_pdf)})
            ],
        )
        document.with_user(self.clerk_a).action_register()
        self.assertEqual(document.incoming_state, "received")
        self.assertNotIn(b"/ByteRange", self._bytes(self._file(document)))
        note = document.message_ids.filtered(
            lambda m: "was not signed by the agency" in (m.body or "")
        )
        self.assertIn("has no organisation certificate", note.body)

    def test_incoming_paper_with_an_expired_organisation_certificate_still_registers(self):
        self.agency_a.egov_org_certificate_id = self._certificate(
            self.pki.expired, company=self.agency_a
        )
        document = self._incoming(
            self.clerk_a,
            arrival_channel="paper",
            file_ids=[
                Command.create({"name": "CV-giay.pdf", "datas": self._b64(self.appendix_pdf)})
            ],
        )
        document.with_user(self.clerk_a).action_register()
        self.assertEqual(document.incoming_state, "received")
        self.assertTrue(document.arrival_number)
        self.assertNotIn(b"/ByteRange", self._bytes(self._file(document)))
        note = document.message_ids.filtered(
            lambda m: "was not signed by the agency" in (m.body or "")
        )
        self.assertIn("it is valid from", note.body)

    def test_kon_tum_10_2_signed_on_paper_is_issued_with_the_organisation_signature_only(self):
        document = self._draft(appendix=False)
        document.with_user(self.leader_a).action_sign_on_paper()
        self.assertRecordValues(document, [{"outgoing_state": "signed", "signed_on_paper": True}])
        self.assertEqual(self._file(document).version, 1, "no digital signature of the signer")
        document.with_user(self.clerk_a).action_assign_number()
        scan = self._scan(document)
        document.with_user(self.clerk_a).action_org_sign()
        document.with_user(self.clerk_a).action_issue()
        self.assertEqual(document.outgoing_state, "issued")
        self.assertNotIn(b"/ByteRange", self._bytes(self._file(document)))
        (stamp,) = self._verify(scan).signatures
        self.assertEqual((stamp.field_name, stamp.status), ("EgovDigitised", "valid"))
        x0, y0, x1, y1 = _widget_rect(self._bytes(scan), "EgovDigitised")
        self.assertAlmostEqual(y1 - y0, 42 * MM, delta=0.5)
        self.assertEqual(document.signature_status, "valid")
        self.assertFalse(document.digitally_signed, "the signatory signed on paper only")
        self.assertTrue(document.recipient_ids.incoming_document_id, "delivered to agency B")

    def test_kon_tum_10_2_signed_on_paper_without_the_scan_is_not_issued(self):
        document = self._draft(appendix=False)
        document.with_user(self.leader_a).action_sign_on_paper()
        document.with_user(self.clerk_a).action_assign_number()
        with self.assertRaisesRegex(UserError, "attach its digitised original"):
            document.with_user(self.clerk_a).action_org_sign()
        with self.assertRaisesRegex(UserError, "attach its digitised original"):
            document.with_user(self.clerk_a).action_issue()
        self.assertEqual(document.outgoing_state, "numbered")
        self.assertFalse(document.recipient_ids.incoming_document_id)

    def test_only_the_signatory_records_a_paper_signature(self):
        document = self._draft(appendix=False)
        with self.assertRaises(AccessError):
            document.with_user(self.clerk_a).action_sign_on_paper()
        self.assertFalse(document.signed_on_paper)
        self.assertIn(document.outgoing_state, ("draft", "in_review"))

    def test_signed_on_paper_is_set_only_by_the_signatory_path(self):
        document = self._draft(appendix=False)
        with self.assertRaises(UserError):
            document.with_user(self.leader_a).write({"signed_on_paper": True})
        self.assertFalse(document.signed_on_paper)
