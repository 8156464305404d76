import io
import re
import time
from datetime import date

from freezegun import freeze_time
from pdfminer.high_level import extract_text
from pdfminer.pdfpage import PDFPage

from odoo.tests import HttpCase, tagged

from odoo.addons.egov_documents.models.egov_guard import system_env

from ..registers.period import quarter_bounds, quarter_of
from .test_register_books import RegisterBookCase


def _pdf_pages(pdf):
    return sum(1 for _page in PDFPage.get_pages(io.BytesIO(pdf)))


def _pdf_text(pdf):
    """The text of ``pdf`` with runs of white space (line breaks in table cells) as one
    space."""
    return re.sub(r"\s+", " ", extract_text(io.BytesIO(pdf)))


@tagged("post_install", "-at_install")
class TestRegisterPdf(RegisterBookCase, HttpCase):
    """The register books and the processing slip come out of Odoo's report engine as real
    PDF (wkhtmltopdf), in Vietnamese, A4 landscape, cover page first (NĐ 30/2020 Phụ lục IV).

    Odoo returns HTML instead of PDF in test mode; ``force_report_rendering`` makes it run
    wkhtmltopdf exactly as it does for a user. wkhtmltopdf then loads the report's style
    sheets from this very server: that needs an HttpCase (the registry in test mode serves
    those requests with the test's cursor; outside it the server holds the registry lock
    while tests run and wkhtmltopdf would wait forever), and ``report.url`` pointing at the
    port the test server listens on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("report.url", cls.base_url())

    def _render(self, xmlid, res_ids, data=None, user=None):
        report = (
            self.env.ref(xmlid)
            .with_user(user or self.clerk_a)
            .with_context(force_report_rendering=True)
        )
        content, kind = report._render_qweb_pdf(report.report_name, res_ids, data=data)
        self.assertEqual(kind, "pdf")
        self.assertTrue(content.startswith(b"%PDF-"), content[:40])
        return content

    def test_outgoing_register_prints_cover_and_every_row_in_vietnamese(self):
        pdf = self._render(
            "egov_reports.action_report_egov_register",
            self.outgoing_register.ids,
            data={
                "register_id": self.outgoing_register.id,
                "date_from": "2026-01-01",
                "date_to": "2026-03-31",
                "volume": "01",
            },
        )
        self.assertEqual(_pdf_pages(pdf), 2, "the cover, then the table of three rows")
        text = _pdf_text(pdf)
        for expected in (
            "UBND TỈNH MẪU",
            "SỞ NỘI VỤ TỈNH MẪU",
            "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
            "Năm: 2026",
            "Từ ngày 01/01/2026 đến ngày 31/03/2026",
            "Từ số 01 đến số 03",
            "Quyển số: 01",
            "Người ký",
            "Ghi chú",
            "01/BC-SNV",
            "03/BC-SNV",
            "Trần Văn Bình",
            "06/01/2026",
            "31/03/2026",
        ):
            self.assertIn(expected, text)
        # cells wrap over several lines: compare the words of the longer texts
        words = text.split()
        for phrase in (
            "Báo cáo tình hình thực hiện nhiệm vụ tháng 12 năm 2025",
            "Hủy số: Cấp nhầm số, văn bản chưa ký",
            "Tên loại và trích yếu nội dung văn bản",
        ):
            for word in phrase.split():
                self.assertIn(word, words, phrase)
        self.assertLess(text.index("01/BC-SNV"), text.index("03/BC-SNV"), "rows in number order")
        self.assertNotIn("04/BC-SNV", text, "numbered on 1 April: second quarter")

    def test_print_menu_prints_the_current_quarter_of_an_incoming_register(self):
        with freeze_time("2026-03-31 09:00:00"):
            pdf = self._render(
                "egov_reports.action_report_egov_register", self.incoming_register.ids
            )
        text = _pdf_text(pdf)
        self.assertIn("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", text)
        self.assertIn("Từ ngày 01/01/2026 đến ngày 31/03/2026", text)
        self.assertIn("Từ số 01 đến số 04", text)
        self.assertIn("101/UBND-NC", text)
        self.assertNotIn("105/UBND-NC", text)

    def test_follow_up_book_prints_its_seven_columns(self):
        pdf = self._render(
            "egov_reports.action_report_egov_register_tracking",
            self.incoming_register.ids,
            data={
                "register_id": self.incoming_register.id,
                "book": "tracking",
                "date_from": "2026-01-01",
                "date_to": "2026-03-31",
            },
        )
        text = _pdf_text(pdf)
        self.assertIn("SỔ THEO DÕI GIẢI QUYẾT VĂN BẢN ĐẾN", text)
        for heading in ("Số đến", "Thời hạn giải quyết", "Tiến độ giải quyết", "Ghi chú"):
            self.assertIn(heading, text)

    def test_processing_slip_prints_one_page_per_incoming_document(self):
        documents = self.inc["a"] | self.inc["c"]
        pdf = self._render("egov_reports.action_report_egov_incoming_slip", documents.ids)
        self.assertEqual(_pdf_pages(pdf), 2)
        text = _pdf_text(pdf)
        self.assertEqual(text.count("PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN"), 2)
        self.assertIn("1. Ý kiến của lãnh đạo cơ quan, tổ chức:", text)
        self.assertIn("2. Ý kiến của lãnh đạo đơn vị:", text)
        self.assertIn("3. Ý kiến đề xuất của người giải quyết:", text)
        self.assertIn("Phòng Văn xã chủ trì tham mưu trả lời", text)
        self.assertIn("ngày 05 tháng 01 năm 2026", text)

    def test_register_of_many_rows_renders_every_row(self):
        count = 600
        register = self.outgoing_register
        Documents = system_env(self.env["egov.document"], sudo=True)
        documents = Documents.create(
            [
                {
                    "direction": "outgoing",
                    "company_id": self.agency_a.id,
                    "subject": f"Công văn số {n} về việc hướng dẫn nghiệp vụ văn thư lưu trữ",
                    "document_type_id": self.types["report"].id,
                    "signer_name": "Trần Văn Bình",
                    "outgoing_state": "numbered",
                    "register_id": register.id,
                    "number": str(n),
                    "notation": "BC-SNV",
                    "issued_date": date(2028, 5, 1 + n % 28),
                }
                for n in range(1, count + 1)
            ]
        )
        entries = system_env(self.env["egov.register.entry"], sudo=True).create(
            [
                {"register_id": register.id, "year": 2028, "number": n, "document_id": d.id}
                for n, d in enumerate(documents, start=1)
            ]
        )
        for document, entry in zip(documents, entries, strict=True):
            system_env(document).register_entry_id = entry
        started = time.monotonic()
        pdf = self._render(
            "egov_reports.action_report_egov_register",
            register.ids,
            data={"register_id": register.id, "date_from": "2028-04-01", "date_to": "2028-06-30"},
        )
        elapsed = time.monotonic() - started
        text = _pdf_text(pdf)
        self.assertIn("Từ số 01 đến số 600", text)
        self.assertIn("600/BC-SNV", text)
        self.assertGreater(_pdf_pages(pdf), 10)
        self.assertLess(elapsed, 120, f"{count} rows took {elapsed:.1f}s")


@tagged("post_install", "-at_install")
class TestDemoProvinceRegisters(HttpCase):
    """The sample province (addons/egov_demo) prints the register of every register that has
    numbers, for the quarter of its latest number, as one of its own clerks."""

    def test_every_demo_register_prints_its_quarter(self):
        if not self.env["ir.module.module"].search_count(
            [("name", "=", "egov_demo"), ("state", "=", "installed")]
        ):
            self.skipTest("egov_demo is not installed")
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        clerk_group = self.env.ref("egov_documents.group_egov_clerk")
        registers = self.env["egov.register"].search([("entry_ids", "!=", False)])
        self.assertTrue(registers, "the demo province has registered and numbered documents")
        printed = 0
        for register in registers:
            clerk = clerk_group.users.filtered(lambda u, r=register: u.company_id == r.company_id)[
                :1
            ]
            if not clerk:
                continue
            Book = self.env["egov.register.book"].with_user(clerk)
            latest = register.entry_ids.sorted(lambda e: (e.year, e.number))[-1]
            day = Book._egov_entry_day(latest) or date(latest.year, 12, 31)
            first, last = quarter_bounds(day.year, quarter_of(day))
            data = {"register_id": register.id, "date_from": str(first), "date_to": str(last)}
            report = (
                self.env.ref("egov_reports.action_report_egov_register")
                .with_user(clerk)
                .with_context(force_report_rendering=True)
            )
            pdf, _kind = report._render_qweb_pdf(report.report_name, register.ids, data=data)
            self.assertTrue(pdf.startswith(b"%PDF-"), register.name)
            text = _pdf_text(pdf)
            title = (
                "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"
                if register.direction == "incoming"
                else ("SỔ ĐĂNG KÝ VĂN BẢN ĐI")
            )
            self.assertIn(title, text, register.name)
            self.assertIn(register.company_id.name.upper(), text, register.name)
            printed += 1
        self.assertGreater(printed, 0)
