"""Legal normative documents (văn bản QPPL) carry the year in their number, e.g.
05/2019/QĐ-UBND (Tây Ninh 52/2019 Phụ lục, group I; NĐ 30/2020 Phụ lục II), and each QPPL kind
is numbered in its own series (NĐ 30/2020 Điều 15.1). The type list has Lịch công tác."""

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestQppl(EgovCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.legal_decision = cls.env.ref("egov_documents.document_type_legal_decision")
        cls.legal_resolution = cls.env.ref("egov_documents.document_type_legal_resolution")
        cls.work_schedule = cls.env.ref("egov_documents.document_type_work_schedule")
        cls.general_register = cls.registers[cls.agency_a.id]["outgoing"]

    def _qppl_register(self, document_type):
        return self.env["egov.register"].create(
            {
                "name": f"Sổ {document_type.name}",
                "direction": "outgoing",
                "company_id": self.agency_a.id,
                "document_type_ids": [(6, 0, document_type.ids)],
            }
        )

    def _numbered(self, document_type):
        document = self._signed(self._outgoing(self.officer_a, document_type_id=document_type.id))
        document.with_user(self.clerk_a).action_assign_number()
        return document

    def test_qppl_types_are_seeded_as_legal_normative(self):
        self.assertTrue(self.legal_decision.is_legal_normative)
        self.assertEqual(self.legal_decision.abbreviation, "QĐ")
        self.assertTrue(self.legal_resolution.is_legal_normative)
        self.assertEqual(self.legal_resolution.abbreviation, "NQ")
        self.assertFalse(self.env.ref("egov_documents.document_type_decision").is_legal_normative)

    def test_lich_cong_tac_type_with_abbreviation_tay_ninh_appendix(self):
        self.assertEqual(self.work_schedule.abbreviation, "LCT")
        self.assertFalse(self.work_schedule.is_legal_normative)
        with freeze_time("2026-11-20 03:00:00"):
            document = self._numbered(self.work_schedule)
        self.assertEqual(document.number_notation, "01/LCT-SNV")

    @freeze_time("2026-11-20 03:00:00")
    def test_qppl_number_carries_the_year_nd30_appendix_ii(self):
        self._qppl_register(self.legal_decision)
        document = self._numbered(self.legal_decision)
        self.assertEqual(document.number, "01")
        self.assertEqual(document.notation, "2026/QĐ-SNV")
        self.assertEqual(document.number_notation, "01/2026/QĐ-SNV")
        # an administrative decision keeps number/notation without the year
        administrative = self._numbered(self.env.ref("egov_documents.document_type_decision"))
        self.assertEqual(administrative.number_notation, "01/QĐ-SNV")

    @freeze_time("2026-11-20 03:00:00")
    def test_each_qppl_kind_has_its_own_series_nd30_dieu_15(self):
        decisions = self._qppl_register(self.legal_decision)
        resolutions = self._qppl_register(self.legal_resolution)
        first = self._numbered(self.legal_decision)
        second = self._numbered(self.legal_decision)
        resolution = self._numbered(self.legal_resolution)
        report = self._numbered(self.types["report"])
        self.assertEqual((first.register_id, second.register_id), (decisions, decisions))
        self.assertEqual(resolution.register_id, resolutions)
        self.assertEqual(report.register_id, self.general_register)
        self.assertEqual(
            [d.number_notation for d in (first, second, resolution, report)],
            ["01/2026/QĐ-SNV", "02/2026/QĐ-SNV", "01/2026/NQ-SNV", "01/BC-SNV"],
        )

    @freeze_time("2026-11-20 03:00:00")
    def test_qppl_without_its_own_register_is_refused_and_nothing_numbered(self):
        document = self._signed(
            self._outgoing(self.officer_a, document_type_id=self.legal_decision.id)
        )
        with self.assertRaisesRegex(UserError, "its own register"):
            document.with_user(self.clerk_a).action_assign_number()
        self.assertEqual(document.outgoing_state, "signed")
        self.assertFalse(document.number)
        self.assertFalse(self.general_register.entry_ids)
        # nor in a register chosen by hand that is not its kind's own
        document.sudo().register_id = self.general_register
        with self.assertRaisesRegex(UserError, "its own register"):
            document.with_user(self.clerk_a).action_assign_number()

    @freeze_time("2026-11-20 03:00:00")
    def test_a_qppl_register_numbers_nothing_else(self):
        decisions = self._qppl_register(self.legal_decision)
        report = self._signed(self._outgoing(self.officer_a))
        report.sudo().register_id = decisions
        with self.assertRaisesRegex(UserError, "number series of"):
            report.with_user(self.clerk_a).action_assign_number()
        self.assertFalse(decisions.entry_ids)
        self.assertFalse(report.number)

    def test_a_qppl_register_lists_that_kind_only(self):
        with self.assertRaisesRegex(ValidationError, "one type only"):
            self.env["egov.register"].create(
                {
                    "name": "Sổ lẫn",
                    "direction": "outgoing",
                    "company_id": self.agency_a.id,
                    "document_type_ids": [(6, 0, (self.legal_decision | self.types["plan"]).ids)],
                }
            )

    @freeze_time("2026-11-20 03:00:00")
    def test_incoming_qppl_keeps_the_year_in_its_number(self):
        document = self._incoming(
            self.clerk_a,
            number="52",
            notation="2019/QĐ-UBND",
            document_type_id=self.legal_decision.id,
        )
        self.assertEqual(document.number_notation, "52/2019/QĐ-UBND")
        document.action_register()
        self.assertEqual(document.arrival_number, 1)
