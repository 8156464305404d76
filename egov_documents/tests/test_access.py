from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import EgovCase


class AccessFixture(EgovCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_a = cls._incoming_cls(cls.clerk_a)
        cls.doc_a.with_user(cls.clerk_a).action_register()
        cls.draft_a = (
            cls.env["egov.document"]
            .with_user(cls.officer_a)
            .with_company(cls.agency_a)
            .create(
                {
                    "direction": "outgoing",
                    "subject": "Dự thảo kế hoạch",
                    "document_type_id": cls.types["plan"].id,
                }
            )
        )

    @classmethod
    def _incoming_cls(cls, user):
        return (
            cls.env["egov.document"]
            .with_user(user)
            .with_company(user.company_id)
            .create(
                {
                    "direction": "incoming",
                    "subject": "Công văn gửi Sở Nội vụ",
                    "issuing_agency_id": cls.province.id,
                    "number": "20",
                    "notation": "UBND-VX",
                    "issued_date": "2026-11-10",
                    "document_type_id": cls.types["official_letter"].id,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestDocumentAccess(AccessFixture):
    """An agency never sees another agency's documents; an officer sees what they draft,
    handle, coordinate or follow; clerks and leaders see their agency's (DESIGN.md)."""

    def test_officer_of_another_agency_cannot_search_count_or_read(self):
        Documents = self.env["egov.document"].with_user(self.officer_b)
        self.assertEqual(Documents.search_count([]), 0)
        self.assertFalse(Documents.search([("subject", "ilike", "Sở Nội vụ")]))
        with self.assertRaises(AccessError):
            self.doc_a.with_user(self.officer_b).read(["subject"])
        with self.assertRaises(AccessError):
            self.doc_a.with_user(self.officer_b).write({"description": "x"})

    def test_clerk_of_another_agency_cannot_see_them_either_even_by_read_group(self):
        Documents = self.env["egov.document"].with_user(self.clerk_b)
        self.assertEqual(Documents.search_count([("company_id", "=", self.agency_a.id)]), 0)
        groups = Documents.read_group([], ["company_id"], ["company_id"])
        self.assertFalse(groups)

    def test_files_and_register_numbers_of_another_agency_are_hidden(self):
        self.assertEqual(
            self.env["egov.register.entry"].with_user(self.clerk_b).search_count([]), 0
        )
        self.assertEqual(
            self.env["egov.register"]
            .with_user(self.clerk_b)
            .search_count([("company_id", "=", self.agency_a.id)]),
            0,
        )

    def test_officer_sees_own_drafts_but_not_unassigned_agency_documents(self):
        Documents = self.env["egov.document"].with_user(self.officer_a)
        self.assertEqual(Documents.search([]), self.draft_a)

    def test_officer_sees_a_document_once_made_a_member(self):
        self.doc_a._egov_add_members(self.officer_a, "lead")
        Documents = self.env["egov.document"].with_user(self.officer_a)
        self.assertEqual(Documents.search([]), self.doc_a | self.draft_a)

    def test_clerk_sees_every_non_confidential_document_of_the_agency(self):
        Documents = self.env["egov.document"].with_user(self.clerk_a)
        self.assertEqual(Documents.search([]), self.doc_a | self.draft_a)

    def test_officer_cannot_grant_themselves_access(self):
        with self.assertRaisesRegex(UserError, "never by hand"):
            self.env["egov.document.member"].with_user(self.officer_a).create(
                {"document_id": self.doc_a.id, "user_id": self.officer_a.id, "role": "follower"}
            )


@tagged("post_install", "-at_install")
class TestDocumentAccessOverRpc(HttpCase, AccessFixture):
    """The same isolation seen through the JSON-RPC endpoint the web client uses."""

    def _call(self, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/egov.document/{method}",
            {"model": "egov.document", "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_officer_of_agency_b_gets_nothing_of_agency_a_over_rpc(self):
        self.authenticate("officer_b", "officer_b")
        self.assertEqual(self._call("search_count", [[]]), 0)
        self.assertEqual(
            self._call("search_read", [[("id", "=", self.doc_a.id)]], {"fields": ["subject"]}), []
        )
        with self.assertRaises(Exception) as caught:
            self._call("read", [[self.doc_a.id], ["subject"]])
        self.assertIn(
            "AccessError",
            str(caught.exception.args) + type(caught.exception).__name__ + str(caught.exception),
        )

    def test_clerk_of_agency_a_sees_the_document_over_rpc(self):
        self.authenticate("clerk_a", "clerk_a")
        records = self._call(
            "search_read", [[("id", "=", self.doc_a.id)]], {"fields": ["subject", "arrival_number"]}
        )
        self.assertEqual(records[0]["arrival_number"], 1)
