from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SigningCase


@tagged("post_install", "-at_install")
class TestBulkActions(SigningCase):
    """The clerk numbers and signs several documents from the list: each passes its own
    checks, and a failure names the document."""

    def _run(self, xmlid, documents):
        action = self.env.ref(xmlid).with_user(self.clerk_a)
        return action.with_context(
            active_model="egov.document", active_ids=documents.ids, active_id=documents[:1].id
        ).run()

    def test_number_and_sign_as_agency_on_several_selected_documents(self):
        first = self._signed_draft(subject="Quyết định thứ nhất")
        second = self._signed_draft(subject="Quyết định thứ hai", appendix=False)
        self._run("egov_signing.action_server_egov_number_and_org_sign", first | second)
        self.assertEqual((first | second).mapped("outgoing_state"), ["org_signed", "org_signed"])
        self.assertEqual(len({first.number, second.number}), 2)
        for document in first | second:
            self.assertEqual(len(self._verify(self._file(document)).signatures), 2)
            self.assertEqual(document.signature_status, "valid")

    def test_organisation_signature_on_several_numbered_documents(self):
        documents = self._signed_draft(subject="Một") | self._signed_draft(subject="Hai")
        documents.with_user(self.clerk_a).action_assign_number()
        self._run("egov_signing.action_server_egov_org_sign", documents)
        self.assertEqual(documents.mapped("outgoing_state"), ["org_signed", "org_signed"])

    def test_a_failing_document_is_named_and_nothing_is_signed(self):
        good = self._signed_draft(subject="Quyết định đủ điều kiện")
        without_file = self._signed(
            self._outgoing(
                self.officer_a,
                subject="Quyết định chưa có tệp",
                document_type_id=self.types["decision"].id,
            )
        )
        with self.assertRaisesRegex(UserError, "Quyết định chưa có tệp has no main file in PDF"):
            self._run("egov_signing.action_server_egov_number_and_org_sign", good | without_file)
        self.assertEqual(good.outgoing_state, "signed")
        self.assertFalse(good.number)
        self.assertEqual(self._file(good).version, 2)

    def test_a_document_in_the_wrong_state_is_named(self):
        numbered = self._signed_draft(subject="Đã cấp số")
        numbered.with_user(self.clerk_a).action_assign_number()
        draft = self._draft(subject="Còn là dự thảo")
        with self.assertRaisesRegex(
            UserError, "Còn là dự thảo is Draft: it cannot move to Organisation Signed"
        ):
            self._run("egov_signing.action_server_egov_org_sign", numbered | draft)
        self.assertEqual(numbered.outgoing_state, "numbered")

    def test_the_bulk_actions_are_offered_to_clerks_only(self):
        action = self.env.ref("egov_signing.action_server_egov_org_sign")
        self.assertEqual(action.binding_view_types, "list")
        self.assertEqual(action.groups_id, self.env.ref("egov_documents.group_egov_clerk"))
