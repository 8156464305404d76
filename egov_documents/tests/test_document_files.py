import io
import zipfile

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MINIMAL_PDF, EgovCase


def _docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@tagged("post_install", "-at_install")
class TestDocumentFiles(EgovCase):
    """Kon Tum Điều 11.3: allowed formats, checked from the content, not the name."""

    def setUp(self):
        super().setUp()
        self.document = self._incoming(self.clerk_a)
        self.Files = self.env["egov.document.file"].with_user(self.clerk_a)

    def test_pdf_is_accepted_and_described(self):
        file = self.Files.create(
            {"document_id": self.document.id, "name": "QD-15.pdf", "datas": self._b64(MINIMAL_PDF)}
        )
        self.assertRecordValues(
            file,
            [{"file_format": "pdf", "mimetype": "application/pdf", "file_size": len(MINIMAL_PDF)}],
        )
        self.assertEqual(len(file.checksum), 64)
        self.assertEqual(self.document.file_count, 1)

    def test_word_document_named_pdf_is_refused_as_a_mismatch(self):
        with self.assertRaisesRegex(ValidationError, "bao_cao.pdf") as caught:
            self.Files.create(
                {
                    "document_id": self.document.id,
                    "name": "bao_cao.pdf",
                    "datas": self._b64(_docx_bytes()),
                }
            )
        self.assertIn("docx", str(caught.exception).lower())
        self.assertFalse(self.document.file_ids, "nothing half-saved")

    def test_executable_renamed_to_pdf_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "virus.pdf"):
            self.Files.create(
                {
                    "document_id": self.document.id,
                    "name": "virus.pdf",
                    "datas": self._b64(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200),
                }
            )

    def test_png_image_is_not_an_allowed_format(self):
        png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
        with self.assertRaisesRegex(ValidationError, "(?i)png"):
            self.Files.create(
                {"document_id": self.document.id, "name": "scan.png", "datas": self._b64(png)}
            )

    def test_empty_file_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "empty"):
            self.Files.create(
                {"document_id": self.document.id, "name": "empty.pdf", "datas": self._b64(b"")}
            )

    def test_replacing_content_rechecks_and_bumps_version(self):
        file = self.Files.create(
            {"document_id": self.document.id, "name": "QD-15.pdf", "datas": self._b64(MINIMAL_PDF)}
        )
        with self.assertRaisesRegex(ValidationError, "QD-15.pdf"):
            file.write({"datas": self._b64(_docx_bytes())})
        file.write({"name": "QD-15.docx", "datas": self._b64(_docx_bytes())})
        self.assertRecordValues(file, [{"file_format": "docx", "version": 2}])
