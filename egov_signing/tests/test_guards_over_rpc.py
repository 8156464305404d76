import base64
import json

from odoo.tests import HttpCase, tagged

from .common import SigningCase

#: what a client may put in its context: keys that once were guards
FORGED_CONTEXTS = (
    {"egov_skip_signature_check": True},
    {"egov_system_write": True},
    {"egov_skip_signature_check": True, "egov_system_write": True},
)


@tagged("post_install", "-at_install")
class TestGuardsOverRpc(SigningCase, HttpCase):
    """Each guard of signing, attacked the way a client can: a JSON-RPC call to
    ``/web/dataset/call_kw`` with any context it likes (STYLE.md §3)."""

    def _call(self, login, model, method, args, context=None, **kwargs):
        self.authenticate(login, login)
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": {**kwargs, "context": context or {}},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _refused(self, payload, pattern):
        self.assertIn("error", payload, f"the call was accepted: {payload.get('result')!r}")
        self.assertRegex(payload["error"]["data"]["message"], pattern)

    def _reload(self, *records):
        for record in records:
            record.invalidate_recordset()

    def test_forged_context_cannot_replace_the_signed_main_file(self):
        document = self._signed_draft(appendix=False)
        main = self._file(document)
        before = (main.version, main.checksum)
        unsigned = base64.b64encode(self.decision_pdf).decode()
        for context in FORGED_CONTEXTS:
            payload = self._call(
                "clerk_a", "egov.document.file", "write", [[main.id], {"datas": unsigned}], context
            )
            self._refused(payload, "can no longer change: it is Signed")
            self._reload(main, document)
            self.assertEqual((main.version, main.checksum), before)
            self.assertEqual(document.signature_status, "valid")
            payload = self._call("clerk_a", "egov.document.file", "unlink", [[main.id]], context)
            self._refused(payload, "can no longer change: it is Signed")
            self.assertTrue(main.exists())

    def test_forged_context_does_not_skip_the_check_of_a_replaced_incoming_file(self):
        """The swap that once registered as valid: a verified signed PDF replaced by an
        unsigned one with ``egov_skip_signature_check``."""
        self.agency_b._egov_signing_profile().refuse_unsigned_electronic = True
        received = self._received(self._externally_signed(self.pki.person))
        self.assertEqual(received.signature_status, "valid")
        main = received.file_ids
        payload = self._call(
            "clerk_b",
            "egov.document.file",
            "write",
            [main.ids, {"datas": base64.b64encode(self.decision_pdf).decode()}],
            {"egov_skip_signature_check": True, "egov_system_write": True},
        )
        self.assertNotIn("error", payload)
        self._reload(received, main)
        self.assertEqual(main.version, 2)
        self.assertEqual(received.signature_status, "unsigned")
        payload = self._call(
            "clerk_b",
            "egov.document",
            "action_register",
            [received.ids],
            {"egov_skip_signature_check": True, "egov_system_write": True},
        )
        self._refused(payload, "(?s)cannot be registered.*carries no digital signature")
        self._reload(received)
        self.assertEqual(received.incoming_state, "arrived")

    def test_signature_fields_cannot_be_written_over_rpc(self):
        document = self._draft()
        for context in FORGED_CONTEXTS:
            for vals in (
                {"signature_status": "valid"},
                {"signature_result": {"status": "valid", "files": []}},
                {"signature_checked_at": "2026-11-16 08:00:00"},
                {"org_signed_by_id": self.clerk_a.id},
            ):
                payload = self._call(
                    "officer_a", "egov.document", "write", [document.ids, vals], context
                )
                self._refused(payload, "set by the system")
            payload = self._call(
                "officer_a",
                "egov.document",
                "create",
                [
                    {
                        "direction": "outgoing",
                        "subject": "Văn bản tự nhận là đã ký hợp lệ",
                        "document_type_id": self.types["report"].id,
                        "signature_status": "valid",
                    }
                ],
                context,
            )
            self._refused(payload, "set by the system")
        self._reload(document)
        self.assertRecordValues(
            document,
            [
                {
                    "signature_status": "unchecked",
                    "signature_result": False,
                    "org_signed_by_id": False,
                }
            ],
        )

    def test_signing_without_a_certificate_is_refused_under_a_digital_signature_profile(self):
        self.assertTrue(self.agency_a._egov_signing_profile().require_signature)
        self.leader_a.egov_certificate_id = False
        self.person_certificate.active = False
        document = self._draft()
        for context in FORGED_CONTEXTS:
            payload = self._call(
                "leader_a", "egov.document", "action_approve_and_sign", [document.ids], context
            )
            self._refused(payload, "Nguyễn Văn An has no signing certificate")
        # the plain "Sign" of an approved draft: the profile requires a digital signature
        document.with_user(self.leader_a).action_approve()
        for context in FORGED_CONTEXTS:
            payload = self._call(
                "leader_a", "egov.document", "action_sign", [document.ids], context
            )
            self._refused(payload, "Nguyễn Văn An has no signing certificate to sign")
            self._reload(document)
            self.assertRecordValues(
                document,
                [
                    {
                        "outgoing_state": "approved",
                        "signature_status": "unchecked",
                        "signed_by_id": False,
                    }
                ],
            )
            self.assertEqual(self._file(document).version, 1)

    def test_an_officer_cannot_sign(self):
        document = self._draft()
        document.with_user(self.leader_a).action_approve()
        for method in ("action_sign", "action_approve_and_sign"):
            payload = self._call(
                "officer_a", "egov.document", method, [document.ids], {"egov_system_write": True}
            )
            self._refused(payload, "Only a user of group Unit Leader may sign documents")
        self._reload(document)
        self.assertEqual(document.outgoing_state, "approved")
        self.assertEqual(self._file(document).version, 1)

    def test_issue_without_a_verified_signature_is_refused(self):
        document = self._draft()
        self._signed(document)
        document.with_user(self.clerk_a).action_assign_number()
        payload = self._call(
            "clerk_a",
            "egov.document",
            "action_issue",
            [document.ids],
            {"egov_skip_signature_check": True, "egov_system_write": True},
        )
        self._refused(payload, "no verified digital signature of its signatory")
        self._reload(document)
        self.assertEqual(document.outgoing_state, "numbered")
        self.assertFalse(document.sudo().recipient_ids.incoming_document_id)


@tagged("post_install", "-at_install")
class TestSigningImagesOverHttp(SigningCase, HttpCase):
    """A leader's signature and an agency's seal are served to their owner and the
    agency's administrators only; the signing steps read them themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_a = cls._create_user("admin_a", cls.agency_a, "egov_documents.group_egov_admin")
        cls.leader_b = cls._create_user(
            "leader_b", cls.agency_b, "egov_documents.group_egov_agency_leader"
        )

    def _image(self, login, model, record_id, field):
        self.authenticate(login, login)
        return self.url_open(f"/web/image/{model}/{record_id}/{field}").content

    def test_a_signature_image_is_served_to_its_owner_and_the_agency_administrators_only(self):
        signature = f"res.users/{self.leader_a.id}"
        for login in ("leader_a", "admin_a"):
            self.assertEqual(
                self._image(login, "res.users", self.leader_a.id, "egov_signature_image"),
                self.signature_png,
                login,
            )
        for login in ("officer_a", "clerk_a", "leader_b", "clerk_b"):
            content = self._image(login, "res.users", self.leader_a.id, "egov_signature_image")
            self.assertNotEqual(content, self.signature_png, f"{login} got {signature}")
            self.assertNotIn(self.signature_png[64:256], content)

    def test_a_seal_is_served_to_the_agency_administrators_only(self):
        self.assertEqual(
            self._image("admin_a", "res.company", self.agency_a.id, "egov_seal_image"),
            self.seal_png,
        )
        for login in ("officer_a", "clerk_a", "leader_a", "leader_b"):
            content = self._image(login, "res.company", self.agency_a.id, "egov_seal_image")
            self.assertNotEqual(content, self.seal_png, login)

    def test_json_rpc_reads_no_image_of_someone_else(self):
        self.authenticate("officer_a", "officer_a")
        users = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "res.users",
                "method": "read",
                "args": [[self.leader_a.id], ["egov_signature_image"]],
                "kwargs": {},
            },
        )
        self.assertFalse(users[0]["egov_signature_image"])
        images = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "egov.signing.image",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": ["image"]},
            },
        )
        self.assertEqual(images, [])

    def test_the_signing_steps_still_read_the_images(self):
        document = self._signed_draft(appendix=False)
        document.with_user(self.clerk_a).action_number_and_org_sign()
        self.assertEqual(document.signature_status, "valid")
        self.assertEqual(len(self._verify(self._file(document)).signatures), 2)
