import unicodedata
from datetime import date

from lxml import etree

from odoo.tests import tagged

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestSearchBox(EgovCase):
    """One search box: what the clerk types and Enter finds the document, whether it is the
    number alone, the notation, both, words of the subject, the issuing agency or the
    document identifier (NĐ 30/2020 Phụ lục VI: the fields a document is looked up by)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ministry = cls._directory_agency(
            {
                "name": "Bộ Nội vụ",
                "is_company": True,
                "is_agency": True,
                "code_qcvn102": "000.00.00.G09",
                "code_qd20": "G09",
                "agency_abbreviation": "BNV",
                "agency_level": "central",
            }
        )
        cls.wanted = cls._incoming_as_clerk(
            subject="Về việc tuyển dụng công chức cấp xã năm 2026",
            number="3456",
            notation="BNV-CCVC",
            issuing_agency_id=cls.ministry.id,
            issued_date=date(2026, 11, 16),
        )
        cls.other = cls._incoming_as_clerk(
            subject="Về kế hoạch kiểm tra cải cách hành chính",
            number="78",
            notation="UBND-VX",
        )

    @classmethod
    def _incoming_as_clerk(cls, **values):
        Documents = cls.env["egov.document"].with_user(cls.clerk_a).with_company(cls.agency_a)
        return Documents.create(
            {
                "direction": "incoming",
                "issuing_agency_id": cls.province.id,
                "issued_date": date(2026, 11, 10),
                "document_type_id": cls.types["official_letter"].id,
                **values,
            }
        )

    def _found(self, text):
        return (
            self.env["egov.document"]
            .with_user(self.clerk_a)
            .search([("search_text", "ilike", text), ("id", "in", (self.wanted | self.other).ids)])
        )

    def test_search_by_number_alone_finds_the_document(self):
        self.assertEqual(self._found("3456"), self.wanted)

    def test_search_by_notation_finds_the_document(self):
        self.assertEqual(self._found("BNV-CCVC"), self.wanted)
        self.assertEqual(self._found("bnv-ccvc"), self.wanted)

    def test_search_by_number_and_notation_finds_the_document(self):
        self.assertEqual(self._found("3456/BNV-CCVC"), self.wanted)

    def test_search_by_words_of_the_subject_in_any_order(self):
        self.assertEqual(self._found("công chức tuyển dụng"), self.wanted)
        self.assertEqual(self._found("cải cách"), self.other)

    def test_search_with_decomposed_vietnamese_finds_the_nfc_subject(self):
        typed = unicodedata.normalize("NFD", "tuyển dụng")
        self.assertNotEqual(typed, "tuyển dụng")
        self.assertEqual(self._found(typed), self.wanted)

    def test_search_by_issuing_agency_name(self):
        self.assertEqual(self._found("Bộ Nội vụ"), self.wanted)

    def test_search_by_document_identifier(self):
        self.assertEqual(self.wanted.document_identifier, "000.00.00.G09,2026/11/16,3456/BNV-CCVC")
        self.assertEqual(self._found(self.wanted.document_identifier), self.wanted)

    def test_search_for_something_absent_finds_nothing(self):
        self.assertFalse(self._found("9999/XYZ"))

    def test_the_search_box_is_the_first_field_of_the_search_view(self):
        arch = self.env["egov.document"].get_view(
            self.env.ref("egov_documents.egov_document_view_search").id, "search"
        )["arch"]
        first = etree.fromstring(arch).xpath("//field")[0]
        self.assertEqual(first.get("name"), "search_text")

    def test_subject_and_identifier_have_trigram_indexes(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'egov_document' "
            "AND indexdef ILIKE '%%gin_trgm_ops%%'"
        )
        definitions = " ".join(row[0] for row in self.env.cr.fetchall())
        for column in ("subject", "document_identifier", "number_notation"):
            self.assertIn(column, definitions)
