"""The deleted (xóa) state of incoming documents: reachable by the clerk with a reason, only
from the states the transition table allows; the document leaves the working lists but stays,
with its reason, for audit (issue 11; NĐ 30/2020 Phụ lục VI, state "xóa")."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestDeleted(EgovCase):
    def _delete(self, documents, reason, user=None):
        user = user or self.clerk_a
        wizard = (
            self.env["egov.delete.wizard"]
            .with_user(user)
            .create({"document_ids": [(6, 0, documents.ids)], "reason": reason})
        )
        return wizard.action_confirm()

    @freeze_time("2026-11-20 03:00:00")
    def test_clerk_deletes_with_a_reason_kept_for_audit(self):
        document = self._incoming(self.clerk_a)
        self.assertTrue(document.can_delete)
        self._delete(document, "  Gửi nhầm, văn bản trùng bản giấy  ")
        Document = self.env["egov.document"].with_user(self.clerk_a)
        self.assertFalse(Document.search([("id", "=", document.id)]), "gone from working lists")
        kept = Document.with_context(active_test=False).search([("id", "=", document.id)])
        self.assertEqual(kept, document)
        self.assertEqual(kept.incoming_state, "deleted")
        self.assertEqual(kept.delete_reason, "Gửi nhầm, văn bản trùng bản giấy")
        self.assertEqual(kept.deleted_by_id, self.clerk_a)
        self.assertEqual(kept.deleted_at, datetime(2026, 11, 20, 3, 0))
        self.assertFalse(kept.active)
        self.assertTrue(any("Gửi nhầm" in message.body for message in kept.message_ids))
        kept.invalidate_recordset()
        self.assertFalse(kept.can_delete)

    def test_deletion_needs_a_reason_and_loses_nothing(self):
        document = self._incoming(self.clerk_a)
        with self.assertRaisesRegex(UserError, "reason"):
            document.with_user(self.clerk_a)._egov_delete_with_reason("   ")
        self.assertEqual(document.incoming_state, "arrived")
        self.assertTrue(document.active)

    def test_deletion_only_from_the_states_the_table_allows(self):
        document = self._incoming(self.clerk_a)
        document.with_user(self.clerk_a).action_register()
        self.assertFalse(document.can_delete)
        with self.assertRaisesRegex(UserError, "cannot move"):
            self._delete(document, "Xóa văn bản đã đăng ký")
        self.assertEqual(document.incoming_state, "received")

    def test_returned_document_can_be_deleted(self):
        document = self._incoming(self.clerk_a)
        document.with_user(self.clerk_a)._egov_return_to_sender("Gửi nhầm cơ quan")
        self._delete(document, "Đã trả lại, không xử lý")
        self.assertEqual(document.incoming_state, "deleted")

    def test_only_the_clerk_deletes(self):
        document = self._incoming(self.clerk_a)
        with self.assertRaises(AccessError):
            document.with_user(self.officer_a)._egov_delete_with_reason("Không phải văn thư")
        self.assertEqual(document.incoming_state, "arrived")

    def test_deletion_fields_refused_on_plain_write(self):
        document = self._incoming(self.clerk_a)
        for vals in (
            {"incoming_state": "deleted"},
            {"delete_reason": "Ghi đè"},
            {"deleted_by_id": self.clerk_a.id},
        ):
            with self.assertRaises(UserError):
                document.with_user(self.clerk_a).write(vals)
