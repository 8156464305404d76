import unicodedata

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestDuplicatesAndGuards(EgovCase):
    """NĐ 30/2020 Phụ lục VI duplicate warnings; system-owned fields; NFC text;
    confidential documents (Tây Ninh Điều 1.2, NĐ 30 Điều 15.2)."""

    def test_duplicate_number_notation_and_agency_is_flagged_and_refused_at_registration(self):
        original = self._incoming(self.clerk_a)
        original.with_user(self.clerk_a).action_register()
        copy = self._incoming(self.clerk_a, notation="qđ-ubnd ")  # same, typed differently
        self.assertEqual(copy.duplicate_document_id, original)
        with self.assertRaisesRegex(ValidationError, "duplicates 15/QĐ-UBND"):
            copy.with_user(self.clerk_a).action_register()
        self.assertRecordValues(copy, [{"incoming_state": "arrived", "arrival_number": 0}])

    def test_same_number_next_year_is_not_a_duplicate(self):
        self._incoming(self.clerk_a).with_user(self.clerk_a).action_register()
        next_year = self._incoming(self.clerk_a, issued_date="2027-01-05")
        self.assertFalse(next_year.duplicate_document_id)

    def test_same_document_identifier_is_refused(self):
        self._incoming(self.clerk_a)
        with self.assertRaisesRegex(ValidationError, r"000\.00\.00\.H98,2026/11/16,15/QĐ-UBND"):
            self._incoming(self.clerk_a, subject="Nhập lại lần hai")

    def test_documents_of_another_agency_are_not_duplicates(self):
        self._incoming(self.clerk_a).with_user(self.clerk_a).action_register()
        other = self._incoming(self.clerk_b)
        other.with_user(self.clerk_b).action_register()
        self.assertEqual(other.arrival_number, 1)

    def test_arrival_number_cannot_be_written_by_hand(self):
        document = self._incoming(self.clerk_a)
        with self.assertRaisesRegex(UserError, "Arrival Number"):
            document.with_user(self.clerk_a).write({"arrival_number": 7})
        with self.assertRaisesRegex(UserError, "Incoming Status"):
            document.with_user(self.clerk_a).write({"incoming_state": "done"})

    def test_number_of_a_numbered_outgoing_document_is_frozen(self):
        document = self._signed(self._outgoing(self.officer_a))
        document.with_user(self.clerk_a).action_assign_number()
        with self.assertRaisesRegex(UserError, "Number"):
            document.with_user(self.clerk_a).write({"number": "99"})
        self.assertEqual(document.number, "01")

    def test_subject_is_stored_in_unicode_nfc(self):
        decomposed = unicodedata.normalize("NFD", "Về việc   tổ chức Hội nghị ")
        document = self._incoming(self.clerk_a, subject=decomposed)
        self.assertEqual(document.subject, unicodedata.normalize("NFC", "Về việc tổ chức Hội nghị"))

    def test_confidential_document_is_refused_when_the_agency_does_not_handle_them(self):
        with self.assertRaisesRegex(ValidationError, "confidential"):
            self._incoming(self.leader_a, confidentiality="confidential")

    def test_confidential_document_needs_the_separate_register(self):
        self.agency_a.egov_confidential_enabled = True
        secret_register = self.env["egov.register"].create(
            {
                "name": "Sổ văn bản mật đến",
                "direction": "incoming",
                "company_id": self.agency_a.id,
                "is_confidential": True,
            }
        )
        document = self._incoming(self.clerk_a, confidentiality="confidential")
        document.with_user(self.clerk_a).action_register()
        self.assertEqual(document.register_id, secret_register)
        ordinary = self._incoming(self.clerk_a, number="16")
        ordinary.with_user(self.clerk_a).action_register()
        self.assertEqual((document.arrival_number, ordinary.arrival_number), (1, 1))

    def test_registration_names_the_missing_fields(self):
        document = self._incoming(self.clerk_a, issuing_agency_id=False, issued_date=False)
        with self.assertRaisesRegex(UserError, "Issuing Agency, .*Document Date"):
            document.with_user(self.clerk_a).action_register()

    def test_state_change_is_tracked_in_the_chatter(self):
        document = self._incoming(self.clerk_a)
        self.env.flush_all()
        self.env.cr.precommit.run()  # entry and registration are two requests of the clerk
        document.with_user(self.clerk_a).action_register()
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit time
        messages = self.env["mail.message"].search(
            [("model", "=", "egov.document"), ("res_id", "=", document.id)]
        )
        tracked = messages.sudo().tracking_value_ids.mapped("field_id.name")
        self.assertIn("incoming_state", tracked)
        self.assertIn("arrival_number", tracked)
