from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestNumbering(EgovCase):
    """NĐ 30/2020 Điều 15 and 22.2: numbers per register and year, taken at registration
    or numbering, gap-free, restarting on 1 January; notation per Phụ lục I II.3.c."""

    def test_registration_gives_arrival_numbers_in_order_of_receipt(self):
        first = self._incoming(self.clerk_a, number="01")
        second = self._incoming(self.clerk_a, number="02")
        self.assertFalse(first.arrival_number, "no number is taken when the document is created")
        (second | first).with_user(self.clerk_a).action_register()
        self.assertRecordValues(
            first | second,
            [
                {"arrival_number": 1, "incoming_state": "received"},
                {"arrival_number": 2, "incoming_state": "received"},
            ],
        )
        self.assertEqual(first.register_id, self.registers[self.agency_a.id]["incoming"])

    def test_numbers_of_two_agencies_are_independent(self):
        doc_a = self._incoming(self.clerk_a)
        doc_b = self._incoming(self.clerk_b)
        doc_a.with_user(self.clerk_a).action_register()
        doc_b.with_user(self.clerk_b).action_register()
        self.assertEqual((doc_a.arrival_number, doc_b.arrival_number), (1, 1))

    def test_outgoing_number_and_notation_follow_the_decree(self):
        decision = self._signed(
            self._outgoing(self.officer_a, document_type_id=self.types["decision"].id)
        )
        decision.with_user(self.clerk_a).action_assign_number()
        self.assertEqual(decision.number_notation, "01/QĐ-SNV")
        self.assertEqual(decision.outgoing_state, "numbered")
        self.assertEqual(decision.issued_date, date.today())

    def test_official_letter_notation_is_agency_then_drafting_unit(self):
        self._signed(self._outgoing(self.officer_a)).with_user(self.clerk_a).action_assign_number()
        letter = self._signed(
            self._outgoing(
                self.officer_a,
                document_type_id=self.types["official_letter"].id,
                department_id=self.unit_a.id,
            )
        )
        letter.with_user(self.clerk_a).action_assign_number()
        self.assertEqual(letter.number_notation, "02/SNV-VX")

    def test_official_letter_without_unit_abbreviation_is_refused_by_name(self):
        letter = self._signed(
            self._outgoing(self.officer_a, document_type_id=self.types["official_letter"].id)
        )
        with self.assertRaisesRegex(UserError, "drafting unit"):
            letter.with_user(self.clerk_a).action_assign_number()
        self.assertFalse(letter.number)

    def test_number_is_taken_only_from_a_signed_document(self):
        draft = self._outgoing(self.officer_a)
        with self.assertRaisesRegex(UserError, "Draft.*Numbered"):
            draft.with_user(self.clerk_a).action_assign_number()

    def test_only_a_clerk_numbers_or_registers(self):
        document = self._incoming(self.officer_a)
        with self.assertRaisesRegex(AccessError, "Clerk"):
            document.with_user(self.officer_a).action_register()

    def test_numbering_restarts_on_first_january(self):
        with freeze_time("2026-12-31 09:00:00"):
            for _i in range(3):
                self._signed(self._outgoing(self.officer_a)).with_user(
                    self.clerk_a
                ).action_assign_number()
            last_of_year = self._signed(self._outgoing(self.officer_a))
            last_of_year.with_user(self.clerk_a).action_assign_number()
        with freeze_time("2027-01-01 02:00:00"):
            first_of_year = self._signed(self._outgoing(self.officer_a))
            first_of_year.with_user(self.clerk_a).action_assign_number()
        self.assertEqual(last_of_year.number, "04")
        self.assertEqual(first_of_year.number, "01")
        self.assertEqual(first_of_year.register_entry_id.year, 2027)

    def test_rolled_back_registration_gives_its_number_back(self):
        document = self._incoming(self.clerk_a)
        with self.assertRaises(RuntimeError), self.env.cr.savepoint():
            document.with_user(self.clerk_a).action_register()
            self.assertEqual(document.arrival_number, 1)
            raise RuntimeError("clerk's transaction fails after taking the number")
        self.env.invalidate_all()
        again = self._incoming(self.clerk_a, number="99")
        again.with_user(self.clerk_a).action_register()
        self.assertEqual(
            again.arrival_number, 1, "the number of the failed transaction is not lost"
        )

    def test_voided_number_stays_in_register_with_reason_and_is_never_reused(self):
        document = self._signed(self._outgoing(self.officer_a))
        document.with_user(self.clerk_a).action_assign_number()
        entry = document.register_entry_id
        wizard = (
            self.env["egov.void.number.wizard"]
            .with_user(self.clerk_a)
            .create({"entry_id": entry.id, "reason": "Cấp nhầm số cho văn bản chưa ký"})
        )
        wizard.action_confirm()
        self.assertRecordValues(
            entry,
            [
                {
                    "state": "voided",
                    "void_reason": "Cấp nhầm số cho văn bản chưa ký",
                    "number": 1,
                    "voided_by_id": self.clerk_a.id,
                }
            ],
        )
        self.assertRecordValues(document, [{"outgoing_state": "signed", "number": False}])
        document.with_user(self.clerk_a).action_assign_number()
        self.assertEqual(document.number, "02")
        with self.assertRaises(AccessError):
            entry.with_user(self.clerk_a).unlink()
        with self.assertRaisesRegex(UserError, "never deleted"):
            entry.sudo().unlink()
        self.assertTrue(entry.exists())

    def test_void_without_reason_is_refused(self):
        document = self._incoming(self.clerk_a)
        document.with_user(self.clerk_a).action_register()
        with self.assertRaisesRegex(UserError, "reason"):
            document.register_entry_id._void("  ")
        self.assertEqual(document.register_entry_id.state, "used")

    def test_register_per_document_type_takes_precedence(self):
        Register = self.env["egov.register"]
        decisions = Register.create(
            {
                "name": "Sổ Quyết định",
                "direction": "outgoing",
                "company_id": self.agency_a.id,
                "document_type_ids": [(6, 0, self.types["decision"].ids)],
            }
        )
        decision = self._signed(
            self._outgoing(self.officer_a, document_type_id=self.types["decision"].id)
        )
        report = self._signed(self._outgoing(self.officer_a))
        (decision | report).with_user(self.clerk_a).action_assign_number()
        self.assertEqual(decision.register_id, decisions)
        self.assertEqual(report.register_id, self.registers[self.agency_a.id]["outgoing"])
        self.assertEqual((decision.number, report.number), ("01", "01"))

    def test_missing_register_is_reported_with_the_agency_and_type(self):
        self.registers[self.agency_b.id]["outgoing"].active = False
        document = self._signed(self._outgoing(self.officer_b))
        with self.assertRaisesRegex(UserError, "Sở Tài chính tỉnh Mẫu.*Report"):
            document.with_user(self.clerk_b).action_assign_number()
