"""Registration without retyping: the clerk drops the scan of a paper document, the system
fills in the fields from its text (NĐ 30/2020 Phụ lục I layout), marks them until the
clerk checks them, warns about duplicates (Phụ lục VI) and refuses anyone but a clerk."""

import base64
import io
import json
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from unittest import skipUnless

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..rules.fonts import find_font
from .common import EgovCase
from .jsonrpc import call_kw

FONT_FAMILIES = ("Liberation Serif", "DejaVu Serif")


def scan_pdf(
    agency_lines=("BỘ NỘI VỤ",),
    number="Số: 3456/BNV-CCVC",
    date_line="Hà Nội, ngày 16 tháng 11 năm 2026",
    title=None,
    subject_lines=("V/v triển khai công tác đánh giá, xếp loại chất lượng cán bộ,",),
    body=("Thực hiện quy định về đánh giá, xếp loại chất lượng cán bộ, công chức.",),
    signature=("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"),
    signer="Nguyễn Văn Phúc",
):
    """A one-page document laid out as NĐ 30/2020 Phụ lục I draws it, with a text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = {}
    for style in ("regular", "bold"):
        path = find_font(FONT_FAMILIES, style)
        fonts[style] = f"EgovScanTest-{style}"
        if fonts[style] not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(fonts[style], path))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    left_x, right_x, y = 170, width - 170, height - 60
    for index, line in enumerate(agency_lines):
        pdf.setFont(fonts["bold" if index == len(agency_lines) - 1 else "regular"], 12)
        pdf.drawCentredString(left_x, y - 14 * index, line)
    pdf.setFont(fonts["bold"], 12)
    pdf.drawCentredString(right_x, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    pdf.drawCentredString(right_x, y - 14, "Độc lập - Tự do - Hạnh phúc")
    pdf.setFont(fonts["regular"], 13)
    pdf.drawCentredString(left_x, y - 40, number)
    pdf.drawCentredString(right_x, y - 40, date_line)
    y -= 90
    pdf.setFont(fonts["bold"], 14)
    for line in ((title,) if title else ()) + tuple(subject_lines):
        pdf.drawCentredString(width / 2, y, line)
        y -= 18
    y -= 20
    pdf.setFont(fonts["regular"], 14)
    for line in body:
        pdf.drawString(85, y, line)
        y -= 20
    y -= 30
    pdf.setFont(fonts["bold"], 14)
    for line in signature:
        pdf.drawCentredString(right_x, y, line)
        y -= 18
    pdf.drawCentredString(right_x, y - 70, signer)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def has_vietnamese_ocr():
    if not (shutil.which("tesseract") and shutil.which("pdftoppm")):
        return False
    langs = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, timeout=30, check=False
    ).stdout.decode()
    return "vie" in langs.split()


class ScanCase(EgovCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bo_noi_vu = cls._directory_agency(
            {
                "name": "Bộ Nội vụ",
                "is_company": True,
                "is_agency": True,
                "agency_abbreviation": "BNV",
                "code_qcvn102": "000.00.00.G09",
            }
        )

    def _wizard(self, user, data, filename="scan.pdf"):
        Wizard = self.env["egov.scan.wizard"].with_user(user).with_company(user.company_id)
        return Wizard.create({"scan_file": base64.b64encode(data), "scan_filename": filename})

    def _read(self, user, data, filename="scan.pdf"):
        wizard = self._wizard(user, data, filename)
        wizard.action_read_scan()
        return wizard

    def _confirm(self, wizard):
        action = wizard.action_confirm()
        return self.env["egov.document"].with_user(wizard.env.user).browse(action["res_id"])


@tagged("post_install", "-at_install")
class TestScanWizard(ScanCase):
    def test_scan_of_an_official_letter_fills_in_the_fields_of_the_layout(self):
        wizard = self._read(self.clerk_a, scan_pdf())
        self.assertRecordValues(
            wizard,
            [
                {
                    "state": "review",
                    "source": "text_layer",
                    "issuing_agency_id": self.bo_noi_vu.id,
                    "number": "3456",
                    "notation": "BNV-CCVC",
                    "issued_date": date(2026, 11, 16),
                    "document_type_id": self.types["official_letter"].id,
                    "subject": "V/v triển khai công tác đánh giá, xếp loại chất lượng cán bộ,",
                    "signer_competence": "kt",
                    "signer_position": "Thứ trưởng",
                    "signer_name": "Nguyễn Văn Phúc",
                    "page_count": 1,
                    "duplicate_warning": False,
                }
            ],
        )
        self.assertIn("Signer", wizard.prefilled_labels)

    def test_decision_title_gives_the_type_and_the_subject_below_it(self):
        data = scan_pdf(
            agency_lines=("UBND TỈNH MẪU", "SỞ NỘI VỤ"),
            number="Số: 15/QĐ-SNV",
            date_line="Mẫu, ngày 5/3/2026",
            title="QUYẾT ĐỊNH",
            subject_lines=("Về việc ban hành Quy chế văn thư, lưu trữ",),
            body=("Căn cứ Nghị định số 30/2020/NĐ-CP;",),
            signature=("GIÁM ĐỐC",),
            signer="Trần Thị Mai",
        )
        wizard = self._read(self.clerk_a, data)
        self.assertRecordValues(
            wizard,
            [
                {
                    "number": "15",
                    "notation": "QĐ-SNV",
                    "issued_date": date(2026, 3, 5),
                    "document_type_id": self.types["decision"].id,
                    "subject": "Về việc ban hành Quy chế văn thư, lưu trữ",
                    "signer_competence": "direct",
                    "signer_position": "Giám đốc",
                    "signer_name": "Trần Thị Mai",
                }
            ],
        )
        self.assertEqual(wizard.agency_text, "UBND TỈNH MẪU – SỞ NỘI VỤ")

    def test_confirm_creates_an_arrived_paper_document_with_the_scan_and_marks(self):
        data = scan_pdf()
        wizard = self._read(self.clerk_a, data)
        document = self._confirm(wizard)
        self.assertRecordValues(
            document,
            [
                {
                    "direction": "incoming",
                    "incoming_state": "arrived",
                    "arrival_channel": "paper",
                    "company_id": self.agency_a.id,
                    "number_notation": "3456/BNV-CCVC",
                    "issuing_agency_id": self.bo_noi_vu.id,
                }
            ],
        )
        self.assertEqual(len(document.file_ids), 1)
        self.assertEqual(document.file_ids.role, "main")
        self.assertEqual(base64.b64decode(document.file_ids.datas), data)
        for name in ("number", "notation", "issued_date", "subject", "issuing_agency_id"):
            self.assertIn(f",{name},", document.prefilled_fields)

    def test_a_field_changed_in_the_wizard_is_not_marked_on_the_document(self):
        wizard = self._read(self.clerk_a, scan_pdf())
        wizard.number = "3457"
        document = self._confirm(wizard)
        self.assertNotIn(",number,", document.prefilled_fields)
        self.assertIn(",notation,", document.prefilled_fields)

    def test_registration_waits_until_the_clerk_checked_the_prefilled_fields(self):
        document = self._confirm(self._read(self.clerk_a, scan_pdf()))
        with self.assertRaisesRegex(UserError, "nobody has checked yet"):
            document.action_register()
        self.assertEqual(document.incoming_state, "arrived")
        document.write({"subject": "V/v triển khai đánh giá cán bộ năm 2026"})
        self.assertNotIn(",subject,", document.prefilled_fields)
        self.assertIn(",number,", document.prefilled_fields)
        document.action_confirm_prefilled()
        self.assertFalse(document.prefilled_fields)
        document.action_register()
        self.assertEqual(document.incoming_state, "received")

    def test_duplicate_warning_names_the_document_already_entered(self):
        existing = self._incoming(
            self.clerk_a,
            issuing_agency_id=self.bo_noi_vu.id,
            number="3456",
            notation="BNV-CCVC",
            issued_date=date(2026, 11, 16),
            document_type_id=self.types["official_letter"].id,
        )
        wizard = self._read(self.clerk_a, scan_pdf())
        self.assertIn(existing.display_name, wizard.duplicate_warning)
        count = self.env["egov.document"].search_count([("company_id", "=", self.agency_a.id)])
        with self.assertRaisesRegex(UserError, "not entered twice"):
            wizard.action_confirm()
        self.assertEqual(
            self.env["egov.document"].search_count([("company_id", "=", self.agency_a.id)]), count
        )
        # a misread number corrected by the clerk: no longer the same document
        wizard.number = "3465"
        self.assertFalse(self._confirm(wizard).duplicate_document_id)

    def test_another_agency_document_is_no_duplicate(self):
        self._incoming(
            self.clerk_b,
            issuing_agency_id=self.bo_noi_vu.id,
            number="3456",
            notation="BNV-CCVC",
            issued_date=date(2026, 11, 16),
        )
        self.assertFalse(self._read(self.clerk_a, scan_pdf()).duplicate_warning)
        self.assertTrue(self._read(self.clerk_b, scan_pdf()).duplicate_warning)

    def test_an_agency_kept_by_another_agency_is_never_proposed(self):
        private = self.env["res.partner"].create(
            {"name": "Sở Xây dựng", "is_agency": True, "company_id": self.agency_b.id}
        )
        data = scan_pdf(agency_lines=("SỞ XÂY DỰNG",), number="Số: 77/SXD-QLN")
        self.assertFalse(self._read(self.clerk_a, data).issuing_agency_id)
        self.assertEqual(self._read(self.clerk_b, data).issuing_agency_id, private)

    def test_a_file_that_is_not_a_scan_gives_a_clear_error_and_creates_nothing(self):
        count = self.env["egov.document"].search_count([])
        png = base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        )
        for data, name, pattern in (
            (b"not a document at all, just words", "scan.pdf", "."),
            (png, "scan.png", "PNG"),
            (b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "broken.pdf", "."),
        ):
            wizard = self._wizard(self.clerk_a, data, name)
            with self.assertRaisesRegex(UserError, pattern):
                wizard.action_read_scan()
            with self.assertRaises(UserError):
                wizard.action_confirm()
        self.assertEqual(self.env["egov.document"].search_count([]), count)

    def test_only_a_clerk_enters_a_scan(self):
        with self.assertRaises(AccessError):
            self._wizard(self.officer_a, scan_pdf())
        with self.assertRaises(AccessError):
            self.env["egov.scan.wizard"].with_user(self.leader_a).create({})

    def test_confirm_prefilled_is_for_clerks(self):
        document = self._confirm(self._read(self.clerk_a, scan_pdf()))
        with self.assertRaises(AccessError):
            document.with_user(self.leader_a).action_confirm_prefilled()
        self.assertTrue(document.prefilled_fields)

    def test_values_read_cannot_be_rewritten_by_the_caller(self):
        wizard = self._read(self.clerk_a, scan_pdf())
        wizard.write({"prefilled_json": "{}", "source": "ocr", "notation": "BNV-CCVC"})
        self.assertEqual(wizard.source, "text_layer")
        self.assertIn("notation", json.loads(wizard.prefilled_json))

    @skipUnless(has_vietnamese_ocr(), "tesseract-ocr-vie or poppler-utils is not installed")
    def test_jpeg_scan_is_read_by_ocr(self):
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder, "scan.pdf")
            source.write_bytes(scan_pdf())
            subprocess.run(
                ["pdftoppm", "-r", "200", "-jpeg", "-singlefile", str(source), f"{folder}/page"],
                check=True,
                timeout=60,
            )
            jpeg = Path(folder, "page.jpg").read_bytes()
        wizard = self._read(self.clerk_a, jpeg, "scan.jpg")
        self.assertEqual(wizard.source, "ocr")
        self.assertEqual((wizard.number, wizard.notation), ("3456", "BNV-CCVC"))
        self.assertEqual(wizard.issued_date, date(2026, 11, 16))
        document = self._confirm(wizard)
        self.assertEqual(document.file_ids.file_format, "jpeg")


@tagged("post_install", "-at_install")
class TestScanWizardRpc(ScanCase, HttpCase):
    """The guards hold over /web/dataset/call_kw, where a caller sends what it likes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for role, group in (
            ("clerk", "egov_documents.group_egov_clerk"),
            ("officer", "egov_documents.group_egov_officer"),
        ):
            setattr(
                cls,
                f"rpc_{role}",
                new_test_user(
                    cls.env,
                    login=f"scan_rpc_{role}",
                    password=f"scan_rpc_{role}_pw1",
                    groups=group,
                    company_id=cls.agency_a.id,
                    company_ids=[Command.set(cls.agency_a.ids)],
                ),
            )

    def _call(self, user, model, method, *args, **kwargs):
        self.authenticate(user.login, f"{user.login}_pw1")
        result, error = call_kw(
            self, model, method, args, kwargs, context={"allowed_company_ids": user.company_id.ids}
        )
        return result, error and error.get("name")

    def test_an_officer_cannot_open_the_scan_wizard_over_rpc(self):
        values = {"scan_file": base64.b64encode(scan_pdf()).decode(), "scan_filename": "a.pdf"}
        result, error = self._call(self.rpc_clerk, "egov.scan.wizard", "create", [values])
        self.assertFalse(error, "a clerk may enter a scan")
        self.assertTrue(result)
        result, error = self._call(self.rpc_officer, "egov.scan.wizard", "create", [values])
        self.assertEqual(error, "odoo.exceptions.AccessError")
        _result, error = self._call(
            self.rpc_officer, "egov.scan.wizard", "action_read_scan", result or [1]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")

    def test_an_officer_cannot_confirm_prefilled_fields_over_rpc(self):
        wizard = self._read(self.rpc_clerk, scan_pdf())
        document = self._confirm(wizard)
        _result, error = self._call(
            self.rpc_officer, "egov.document", "action_confirm_prefilled", [document.id]
        )
        self.assertIn(error, ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"))
        self.env.invalidate_all()
        self.assertTrue(document.sudo().prefilled_fields)
