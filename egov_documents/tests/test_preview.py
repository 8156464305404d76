"""The document is read where one acts on it: its PDF inline, the main file in its current
version by default, another PDF of the same document on request, never a file the reader
may not read (over JSON-RPC included)."""

import base64

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import MINIMAL_PDF, EgovCase
from .jsonrpc import call_kw

MAIN_PDF = MINIMAL_PDF
APPENDIX_PDF = MINIMAL_PDF.replace(b"595 842", b"842 595")
NEW_VERSION_PDF = MINIMAL_PDF.replace(b"595 842", b"596 842")


class PreviewFixtures(EgovCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.draft = cls._draft_with_files(cls.officer_a)
        cls.main_file = cls.draft.file_ids.filtered(lambda file: file.role == "main")
        cls.appendix_file = cls.draft.file_ids - cls.main_file

    @classmethod
    def _draft_with_files(cls, user):
        document = (
            cls.env["egov.document"]
            .with_user(user)
            .with_company(user.company_id)
            .create(
                {
                    "direction": "outgoing",
                    "subject": "Kế hoạch chuyển đổi số năm 2026",
                    "document_type_id": cls.types["plan"].id,
                }
            )
        )
        Files = cls.env["egov.document.file"].with_user(user)
        # the appendix comes first in the list: the preview still opens on the main file
        Files.create(
            [
                {
                    "document_id": document.id,
                    "name": "phu-luc.pdf",
                    "datas": base64.b64encode(APPENDIX_PDF),
                    "role": "appendix",
                    "sequence": 1,
                },
                {
                    "document_id": document.id,
                    "name": "ke-hoach.pdf",
                    "datas": base64.b64encode(MAIN_PDF),
                    "role": "main",
                    "sequence": 20,
                },
            ]
        )
        return document


@tagged("post_install", "-at_install")
class TestPreview(PreviewFixtures):
    def test_preview_opens_on_the_main_pdf_even_when_an_appendix_comes_first(self):
        self.assertEqual(self.draft.preview_file_id, self.main_file)
        self.assertEqual(self.draft.preview_file_count, 2)
        self.assertEqual(base64.b64decode(self.draft.preview_pdf), MAIN_PDF)
        self.assertEqual(self.draft.preview_file_checksum, self.main_file.checksum)

    def test_preview_follows_the_new_version_of_the_main_file(self):
        old_checksum = self.draft.preview_file_checksum
        self.main_file.write({"datas": base64.b64encode(NEW_VERSION_PDF)})
        self.draft.invalidate_recordset()
        self.assertEqual(self.main_file.version, 2)
        self.assertEqual(base64.b64decode(self.draft.preview_pdf), NEW_VERSION_PDF)
        self.assertNotEqual(self.draft.preview_file_checksum, old_checksum)

    def test_reader_can_choose_another_pdf_of_the_same_document(self):
        shown = self.draft.new({"preview_file_id": self.appendix_file.id}, origin=self.draft)
        self.assertEqual(base64.b64decode(shown.preview_pdf), APPENDIX_PDF)

    def test_a_file_of_another_document_is_never_shown(self):
        other = self._draft_with_files(self.officer_a)
        other_main = other.file_ids.filtered(lambda file: file.role == "main")
        other_main.write({"datas": base64.b64encode(NEW_VERSION_PDF)})
        shown = self.draft.new({"preview_file_id": other_main.id}, origin=self.draft)
        self.assertEqual(base64.b64decode(shown.preview_pdf), MAIN_PDF)

    def test_choosing_a_file_to_read_is_not_a_write_of_a_registered_document(self):
        incoming = self._incoming(self.clerk_a)
        self.env["egov.document.file"].with_user(self.clerk_a).create(
            {"document_id": incoming.id, "name": "qd.pdf", "datas": base64.b64encode(MAIN_PDF)}
        )
        incoming.action_register()
        self.assertEqual(incoming.incoming_state, "received")
        self.assertTrue(incoming.write({"preview_file_id": incoming.file_ids.id}))
        self.assertEqual(incoming.incoming_state, "received")

    def test_no_pdf_means_nothing_to_preview(self):
        document = self._outgoing(self.officer_a)
        self.assertFalse(document.preview_file_id)
        self.assertFalse(document.preview_pdf)

    def test_wizards_and_assignment_show_the_document_pdf(self):
        leader_env = self.env(
            user=self.leader_a.id, context={"allowed_company_ids": [self.agency_a.id]}
        )
        for model in ("egov.distribute.wizard", "egov.review.wizard"):
            shown = leader_env[model].new({"document_id": self.draft.id})
            self.assertEqual(shown.preview_file_id, self.main_file, model)
            self.assertEqual(base64.b64decode(shown.preview_pdf), MAIN_PDF, model)
        assignment = self.env["egov.assignment"].new({"document_id": self.draft.id})
        self.assertEqual(assignment.preview_file_id, self.main_file)
        wizard = self.env["egov.assignment.wizard"].new({"assignment_id": assignment.id})
        self.assertEqual(wizard.preview_file_id, self.main_file)

    def test_file_opens_in_the_inline_viewer_not_as_a_download(self):
        action = self.main_file.with_user(self.officer_a).action_open_viewer()
        self.assertEqual(action["res_model"], "egov.document.file")
        self.assertEqual(action["res_id"], self.main_file.id)
        view = self.env["ir.ui.view"].browse(action["views"][0][0])
        self.assertIn('widget="pdf_viewer"', view.arch_db)


@tagged("post_install", "-at_install")
class TestPreviewOverRpc(HttpCase, PreviewFixtures):
    """An officer of agency B tries to read agency A's draft through the preview."""

    def call_kw(self, model, method, *args, **kwargs):
        result, error = call_kw(
            self, model, method, args, kwargs, context={"allowed_company_ids": self.agency_b.ids}
        )
        return result, error and error.get("name")

    def test_officer_of_another_agency_cannot_read_a_file_through_the_preview(self):
        own = self._draft_with_files(self.officer_b)
        own.file_ids.filtered(lambda file: file.role == "main").write(
            {"datas": base64.b64encode(NEW_VERSION_PDF)}
        )
        self.authenticate("officer_b", "officer_b")
        spec = {
            "preview_file_id": {"fields": {"display_name": {}}},
            "preview_pdf": {},
            "preview_file_checksum": {},
        }
        with mute_logger("odoo.http"):
            result, error = self.call_kw(
                "egov.document",
                "onchange",
                [own.id],
                {"preview_file_id": self.main_file.id},
                ["preview_file_id"],
                spec,
            )
        # the foreign file is ignored: the preview stays on the document's own main file,
        # and nothing of the foreign file (content, name) comes back
        self.assertIsNone(error)
        self.assertFalse(
            {"preview_pdf", "preview_file_id", "preview_file_checksum"} & set(result["value"])
        )
        with mute_logger("odoo.http"):
            result, error = self.call_kw("egov.document", "read", [self.draft.id], ["preview_pdf"])
        self.assertEqual(error, "odoo.exceptions.AccessError")
        with mute_logger("odoo.http"):
            result, error = self.call_kw(
                "egov.document.file", "action_open_viewer", [self.main_file.id]
            )
        self.assertEqual(error, "odoo.exceptions.AccessError")
        response = self.url_open(
            f"/web/content?model=egov.document.file&field=datas&id={self.main_file.id}"
        )
        self.assertNotEqual(response.content, MAIN_PDF)
        self.assertNotEqual(response.status_code, 200)

    def test_reader_of_the_document_gets_the_pdf_inline(self):
        self.authenticate("officer_a", "officer_a")
        response = self.url_open(
            f"/web/content?model=egov.document.file&field=datas&id={self.main_file.id}"
            f"&unique={self.main_file.checksum}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, MAIN_PDF)
        self.assertNotIn("attachment", response.headers.get("Content-Disposition", ""))

    def test_web_app_manifest_carries_the_product_name_and_icon(self):
        self.authenticate(None, None)  # a visitor of the login page: a session on the database
        response = self.url_open("/web/manifest.webmanifest")
        self.assertEqual(response.status_code, 200)
        manifest = response.json()
        self.assertEqual(manifest["name"], "eGov – Quản lý văn bản và điều hành")
        self.assertTrue(all("egov_documents" in icon["src"] for icon in manifest["icons"]))
        icon = self.url_open(manifest["icons"][0]["src"])
        self.assertEqual(icon.status_code, 200)
        self.assertEqual(icon.headers["Content-Type"], "image/png")
