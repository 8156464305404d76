"""Named attacks over real HTTP JSON-RPC, each asserting (a) a clean, specific refusal (an
``odoo.exceptions`` error, not a crash) and (b) that nothing changed, read back with the ORM
as superuser. The expectations are the secure behaviour of DESIGN.md ("Integrity model":
a context key is never a guard; system fields only through their owning code path; every
link company-checked; ``company_id`` never changes; need-to-know for confidential
documents)."""

import base64
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MINIMAL_PDF
from .rpc_common import RpcCase, blue_signature_png, system

TAMPERED_PDF = base64.b64encode(MINIMAL_PDF.replace(b"595 842", b"842 595")).decode()


@tagged("post_install", "-at_install")
class TestRpcProbes(RpcCase):
    # --- Helpers ----------------------------------------------------------------------------
    def assertRefused(self, error, pattern=None, what=""):
        """A clean refusal: an odoo.exceptions error with a message (``pattern`` if given)."""
        self.assertIsNotNone(error, f"{what}: the server accepted it")
        self.assertTrue(
            error.clean, f"{what}: not a clean refusal but a crash, {error.name}: {error[:300]}"
        )
        self.assertTrue(str(error).strip(), f"{what}: refused without a message")
        if pattern:
            self.assertRegex(str(error), pattern, what)

    def rpc_raw(self, model, method, *args):
        """Call a (formerly) public method with raw arguments; a method that no longer exists
        is logged by odoo.http as an error, which is the expected outcome here."""
        with mute_logger("odoo.http"):
            return self.rpc(model, method, *args)

    def assertRefusedOrNotCallable(self, error, what=""):
        """Refused as private / not callable (the method is gone from the model), or a clean
        validation error: never accepted, never a crash."""
        self.assertIsNotNone(error, f"{what}: the server accepted it")
        if error.name == "builtins.AttributeError" and "does not exist" in error:
            return
        self.assertRefused(error, what=what)

    def _module_installed(self, name):
        return bool(
            self.env["ir.module.module"]
            .sudo()
            .search_count([("name", "=", name), ("state", "=", "installed")])
        )

    def _snapshot(self, records, names):
        records = self.orm(records)
        return [{name: records[i][name] for name in names} for i in range(len(records))]

    def _assign(self, tag="a", role="lead"):
        incoming = self.orm(self.incoming[tag])
        if role == "mine":
            return incoming.assignment_ids.filtered(
                lambda a: a.user_id == self.users["officer", tag]
            )[:1]
        if role == "unit":
            return incoming.assignment_ids.filtered(
                lambda a: a.department_id == self.units[tag] and not a.user_id
            )[:1]
        return incoming.assignment_ids.filtered(lambda a: a.role == "lead" and not a.parent_id)[:1]

    # --- Context keys are never a guard ---------------------------------------------------------
    def test_context_system_write_cannot_issue_a_draft(self):
        draft = self.drafts["a"]
        self.login("officer")
        _result, error = self.rpc(
            "egov.document",
            "write",
            [draft.id],
            {"outgoing_state": "issued"},
            context={"egov_system_write": True},
        )
        self.assertRefused(
            error, what="officer writes outgoing_state=issued with egov_system_write"
        )
        self.assertEqual(self.orm(draft).outgoing_state, "draft")

    def test_context_system_write_cannot_renumber_an_issued_document(self):
        issued = self.issued["a"]
        before = self._snapshot(issued, ["number", "notation", "issued_date", "register_entry_id"])
        for role in ("officer", "clerk"):
            with self.subTest(role=role):
                self.login(role)
                _result, error = self.rpc(
                    "egov.document",
                    "write",
                    [issued.id],
                    {"number": "99", "notation": "QĐ-GIA", "issued_date": "2020-01-01"},
                    context={"egov_system_write": True},
                )
                self.assertRefused(
                    error, what=f"{role} renumbers an issued document with egov_system_write"
                )
                self.assertEqual(
                    self._snapshot(
                        issued, ["number", "notation", "issued_date", "register_entry_id"]
                    ),
                    before,
                )

    def test_context_register_write_cannot_rewrite_a_register_entry(self):
        entry = self.issued["a"].register_entry_id
        names = ["number", "year", "document_id", "register_id", "state"]
        before = self._snapshot(entry, names)
        self.login("clerk")
        _result, error = self.rpc(
            "egov.register.entry",
            "write",
            [entry.id],
            {"number": 900, "document_id": self.drafts["a"].id},
            context={"egov_register_write": True},
        )
        self.assertRefused(error, what="clerk rewrites a register entry with egov_register_write")
        self.assertEqual(self._snapshot(entry, names), before)

    def test_context_skip_signature_check_cannot_replace_an_issued_file(self):
        if not self._module_installed("egov_signing"):
            self.skipTest("egov_signing is not installed")
        main = self.issued["a"].file_ids[:1]
        before = self._snapshot(main, ["checksum", "version"])
        for role in ("officer", "clerk"):
            with self.subTest(role=role):
                self.login(role)
                _result, error = self.rpc(
                    "egov.document.file",
                    "write",
                    [main.id],
                    {"datas": TAMPERED_PDF},
                    context={"egov_skip_signature_check": True},
                )
                self.assertRefused(
                    error,
                    what=f"{role} replaces the issued main file with egov_skip_signature_check",
                )
                self.assertEqual(self._snapshot(main, ["checksum", "version"]), before)

    def test_context_skip_signature_check_does_not_skip_the_receipt_check(self):
        """A file of an arrived document replaced with the key: refused, or checked anyway."""
        if not self._module_installed("egov_signing"):
            self.skipTest("egov_signing is not installed")
        arrived = self.arrived["a"]
        past = datetime(2020, 1, 1)
        system(arrived.sudo()).write({"signature_checked_at": past})
        self.env.flush_all()
        file = arrived.file_ids[:1]
        before = self.orm(file).checksum
        self.login("clerk")
        _result, error = self.rpc(
            "egov.document.file",
            "write",
            [file.id],
            {"datas": TAMPERED_PDF},
            context={"egov_skip_signature_check": True},
        )
        if error is not None:
            self.assertRefused(error, what="clerk replaces a file with egov_skip_signature_check")
            self.assertEqual(self.orm(file).checksum, before)
        else:
            self.assertNotEqual(
                self.orm(arrived).signature_checked_at,
                past,
                "the file was replaced and the signature check was skipped by a context key",
            )

    # --- Creation never gives birth to a registered or issued document ------------------------
    def test_create_cannot_give_birth_to_an_issued_or_registered_document(self):
        entry = self.issued["a"].register_entry_id
        base_out = {"direction": "outgoing", "document_type_id": self.types["report"].id}
        base_in = {
            "direction": "incoming",
            "issuing_agency_id": self.province.id,
            "document_type_id": self.types["official_letter"].id,
        }
        attempts = {
            "outgoing_state": {**base_out, "outgoing_state": "issued"},
            "issued_at": {**base_out, "issued_at": "2026-01-05 02:00:00"},
            "incoming_state": {**base_in, "incoming_state": "done"},
            "arrival_number": {**base_in, "arrival_number": 5},
            "register_entry_id": {**base_in, "register_entry_id": entry.id},
        }
        for role in ("officer", "clerk"):
            self.login(role)
            for name, vals in attempts.items():
                with self.subTest(role=role, field=name):
                    subject = f"Sinh ra đã phát hành {role} {name}"
                    _result, error = self.rpc(
                        "egov.document", "create", {**vals, "subject": subject}
                    )
                    self.assertRefused(error, what=f"{role} creates a document with {name}")
                    self.assertFalse(
                        self.orm(self.env["egov.document"]).search([("subject", "=", subject)])
                    )

    # --- Register numbers ----------------------------------------------------------------------
    def test_clerk_cannot_create_a_register_entry_by_hand(self):
        register = self.registers["a"]["outgoing"]
        self.login("clerk")
        _result, error = self.rpc(
            "egov.register.entry",
            "create",
            {
                "register_id": register.id,
                "year": fields.Date.today().year,
                "number": 900,
                "document_id": self.drafts["a"].id,
            },
        )
        self.assertRefused(error, what="clerk creates register entry 900")
        self.assertFalse(
            self.orm(self.env["egov.register.entry"]).search(
                [("register_id", "=", register.id), ("number", "=", 900)]
            )
        )

    def test_clerk_cannot_void_a_number_by_plain_write(self):
        entry = self.issued["a"].register_entry_id
        self.login("clerk")
        _result, error = self.rpc("egov.register.entry", "write", [entry.id], {"state": "voided"})
        self.assertRefused(error, what="clerk writes state=voided on a register entry")
        self.assertEqual(self.orm(entry).state, "used")
        self.assertEqual(self.orm(self.issued["a"]).register_entry_id, entry)

    # --- Issued documents are frozen ------------------------------------------------------------
    def test_subject_of_an_issued_document_is_frozen(self):
        issued = self.issued["a"]
        subject = self.orm(issued).subject
        for role in ("officer", "clerk"):
            with self.subTest(role=role):
                self.login(role)
                _result, error = self.rpc(
                    "egov.document", "write", [issued.id], {"subject": "Trích yếu đã sửa"}
                )
                self.assertRefused(error, what=f"{role} edits the subject of an issued document")
                self.assertEqual(self.orm(issued).subject, subject)

    def test_officer_cannot_replace_the_main_file_of_an_issued_document(self):
        main = self.issued["a"].file_ids[:1]
        before = self._snapshot(main, ["checksum", "version", "name"])
        self.login("officer")
        _result, error = self.rpc("egov.document.file", "write", [main.id], {"datas": TAMPERED_PDF})
        self.assertRefused(error, what="officer replaces the main file of an issued document")
        self.assertEqual(self._snapshot(main, ["checksum", "version", "name"]), before)

    def test_officer_cannot_unlink_the_main_file_of_an_issued_document(self):
        main = self.issued["a"].file_ids[:1]
        self.login("officer")
        _result, error = self.rpc("egov.document.file", "unlink", main.ids)
        self.assertRefused(error, what="officer unlinks the main file of an issued document")
        self.assertTrue(self.orm(main).exists())

    def test_officer_cannot_unlink_recipient_lines_of_an_issued_document(self):
        lines = self.issued["a"].recipient_ids
        self.login("officer")
        _result, error = self.rpc("egov.document.recipient", "unlink", lines.ids)
        self.assertRefused(error, what="officer unlinks the recipient lines of an issued document")
        self.assertEqual(len(self.orm(lines).exists()), len(lines))

    def test_nobody_unlinks_status_history(self):
        statuses = self.orm(self.env["egov.document.status"]).search(
            [("recipient_id", "in", self.issued["a"].recipient_ids.ids)]
        )
        self.assertTrue(statuses, "fixture: B reported statuses on A's recipient line")
        for role in ("officer", "clerk", "administrator"):
            with self.subTest(role=role):
                self.login(role)
                _result, error = self.rpc("egov.document.status", "unlink", statuses.ids)
                self.assertRefused(error, what=f"{role} unlinks status history")
                self.assertEqual(len(self.orm(statuses).exists()), len(statuses))

    # --- Cross-agency links ----------------------------------------------------------------------
    def test_recipient_line_cannot_point_to_another_agency_document(self):
        line = self.issued["a"].recipient_ids[:1]
        before = self.orm(line).incoming_document_id
        for role in ("officer", "clerk"):
            with self.subTest(role=role):
                self.login(role)
                _result, error = self.rpc(
                    "egov.document.recipient",
                    "write",
                    line.ids,
                    {"incoming_document_id": self.arrived["b"].id},
                )
                self.assertRefused(error, what=f"{role} points A's recipient line at B's document")
                self.assertEqual(self.orm(line).incoming_document_id, before)

    def test_document_cannot_claim_another_agency_recipient_line(self):
        target = self.arrived["a"]
        foreign_line = self.drafts["b"].recipient_ids[:1] | self.issued["b"].recipient_ids[:1]
        self.login("clerk")
        for line in foreign_line:
            with self.subTest(line=line.id):
                _result, error = self.rpc(
                    "egov.document", "write", target.ids, {"origin_recipient_id": line.id}
                )
                self.assertRefused(
                    error, what="clerk sets origin_recipient_id to B's recipient line"
                )
                self.assertFalse(self.orm(target).origin_recipient_id)

    def test_children_cannot_move_to_another_agency_document(self):
        cases = [
            ("clerk", "egov.document.file", self.arrived["a"].file_ids[:1], self.arrived["b"]),
            ("officer", "egov.document.file", self.drafts["a"].file_ids[:1], self.drafts["b"]),
            (
                "officer",
                "egov.document.recipient",
                self.drafts["a"].recipient_ids[:1],
                self.drafts["b"],
            ),
            (
                "clerk",
                "egov.document.recipient",
                self.issued["a"].recipient_ids[:1],
                self.issued["b"],
            ),
            ("unit_leader", "egov.assignment", self._assign("a", "unit"), self.incoming["b"]),
            ("agency_leader", "egov.assignment", self._assign("a", "lead"), self.incoming["b"]),
        ]
        for role, model, record, foreign in cases:
            with self.subTest(role=role, model=model):
                self.assertTrue(record, f"fixture: a {model} of agency A")
                before = self.orm(record).document_id
                self.login(role)
                _result, error = self.rpc(model, "write", record.ids, {"document_id": foreign.id})
                self.assertRefused(error, what=f"{role} moves a {model} to B's document")
                self.assertEqual(self.orm(record).document_id, before)
                self.assertEqual(self.orm(record).document_id.company_id, self.agency_a)

    def test_document_company_never_changes(self):
        cases = [
            ("officer", self.drafts["a"]),
            ("clerk", self.arrived["a"]),
            ("administrator", self.issued["a"]),
        ]
        for role, document in cases:
            with self.subTest(role=role):
                self.login(role)
                _result, error = self.rpc(
                    "egov.document", "write", document.ids, {"company_id": self.agency_b.id}
                )
                self.assertRefused(error, what=f"{role} moves a document of A to agency B")
                self.assertEqual(self.orm(document).company_id, self.agency_a)

    def test_links_to_another_agency_document_are_refused(self):
        draft = self.drafts["a"]
        foreign = self.issued["b"]
        attempts = {
            "replaces_id": foreign.id,
            "corrects_id": foreign.id,
            "response_for_ids": [[4, self.incoming["b"].id]],
        }
        self.login("officer")
        for name, value in attempts.items():
            with self.subTest(field=name):
                _result, error = self.rpc("egov.document", "write", draft.ids, {name: value})
                self.assertRefused(
                    error, what=f"officer links his draft to B's document through {name}"
                )
                self.assertFalse(self.orm(draft)[name])
        with self.subTest(field="create with response_for_ids"):
            subject = "Trả lời văn bản của cơ quan khác"
            _result, error = self.rpc(
                "egov.document",
                "create",
                {
                    "direction": "outgoing",
                    "subject": subject,
                    "document_type_id": self.types["report"].id,
                    "response_for_ids": [[6, 0, [self.incoming["b"].id]]],
                    "replaces_id": foreign.id,
                },
            )
            self.assertRefused(error, what="officer creates a draft linked to B's documents")
            self.assertFalse(
                self.orm(self.env["egov.document"]).search([("subject", "=", subject)])
            )

    def test_administrator_cannot_take_another_agency_register_sequence(self):
        register = self.registers["a"]["outgoing"]
        before = self.orm(register).sequence_id
        self.login("administrator")
        _result, error = self.rpc(
            "egov.register",
            "write",
            register.ids,
            {"sequence_id": self.registers["b"]["outgoing"].sequence_id.id},
        )
        self.assertRefused(error, what="administrator of A sets his register's sequence to B's")
        self.assertEqual(self.orm(register).sequence_id, before)

    # --- Assignments -----------------------------------------------------------------------------
    def test_officer_cannot_take_over_or_reschedule_an_assignment(self):
        lead = self._assign("a", "lead")  # officer2's
        mine = self._assign("a", "mine")
        self.assertTrue(lead and mine, "fixture: officer2 leads, officer coordinates")
        names = ["user_id", "deadline", "document_id", "assigned_by_id", "state"]
        before = {record.id: self._snapshot(record, names) for record in (lead, mine)}
        officer = self.users["officer", "a"]
        attempts = [
            (lead, {"user_id": officer.id}),
            (mine, {"deadline": "2099-12-31 10:00:00"}),
            (mine, {"document_id": self.arrived["a"].id}),
            (lead, {"document_id": self.arrived["a"].id}),
            (mine, {"assigned_by_id": officer.id}),
        ]
        self.login("officer")
        for record, vals in attempts:
            with self.subTest(assignment=record.id, vals=vals):
                _result, error = self.rpc("egov.assignment", "write", record.ids, vals)
                self.assertRefused(error, what=f"officer writes {sorted(vals)} on an assignment")
                self.assertEqual(self._snapshot(record, names), before[record.id])

    def test_officer_cannot_approve_his_own_extension_request(self):
        mine = self._assign("a", "mine")
        extension = mine.extension_ids[:1]
        self.assertTrue(extension, "fixture: the officer asked for an extension")
        deadline = mine.deadline
        self.login("officer")
        with self.subTest(how="action_approve"):
            _result, error = self.rpc("egov.assignment.extension", "action_approve", extension.ids)
            self.assertRefused(error, what="officer approves his own extension request")
        with self.subTest(how="write state"):
            _result, error = self.rpc(
                "egov.assignment.extension",
                "write",
                extension.ids,
                {"state": "approved", "decided_by_id": mine.assigned_by_id.id},
            )
            self.assertRefused(error, what="officer writes his extension request approved")
        self.assertEqual(self.orm(extension).state, "pending")
        self.assertEqual(self.orm(mine).deadline, deadline)

    def test_unit_leader_cannot_assign_a_confidential_document_she_cannot_read(self):
        document = self.confidential
        unit_leader = self.users["unit_leader", "a"]
        before = self.orm(document).assignment_ids
        self.login("unit_leader")
        _result, error = self.rpc("egov.document", "read", document.ids, ["subject"])
        self.assertRefused(
            error, what="precondition: the unit leader cannot read the confidential document"
        )
        _result, error = self.rpc(
            "egov.assignment",
            "create",
            {
                "document_id": document.id,
                "user_id": unit_leader.id,
                "role": "coordinator",
            },
        )
        self.assertRefused(error, what="unit leader assigns herself a confidential document")
        self.assertEqual(self.orm(document).assignment_ids, before)
        self.assertNotIn(unit_leader, self.orm(document).member_ids.user_id)

    # --- Signature image ---------------------------------------------------------------------------
    def test_signature_image_of_a_leader_is_not_served_to_others(self):
        if not self._module_installed("egov_signing"):
            self.skipTest("egov_signing is not installed")
        leader = self.users["agency_leader", "a"]
        png = blue_signature_png()
        leader.sudo().egov_signature_image = base64.b64encode(png)
        self.env.flush_all()
        self.assertTrue(
            self.orm(leader).egov_signature_image, "fixture: the leader has a signature image"
        )
        for role, tag in (("officer", "a"), ("clerk", "a"), ("officer", "b")):
            with self.subTest(role=role, agency=tag):
                self.login(role, tag)
                response = self.url_open(
                    f"/web/image/res.users/{leader.id}/egov_signature_image", timeout=30
                )
                self.assertNotEqual(
                    response.content, png, f"{role} of {tag} downloads the leader's signature"
                )
                self.assertNotIn(base64.b64encode(png)[:40], response.content)
                result, error = self.rpc("res.users", "read", leader.ids, ["egov_signature_image"])
                if error is None:
                    self.assertFalse(
                        result and result[0].get("egov_signature_image"),
                        f"{role} of {tag} reads the leader's signature image over call_kw",
                    )

    # --- Confidential documents inside the agency -------------------------------------------------
    def _assert_no_trace_of_confidential(self, role):
        document = self.confidential
        self.assertTrue(
            self.orm(document).assignment_ids and self.orm(document).register_entry_id,
            "fixture: the confidential document is registered and assigned",
        )
        self.login(role)
        searches = {
            "egov.document": [["id", "=", document.id]],
            "egov.assignment": [["document_id", "=", document.id]],
            "egov.document.member": [["document_id", "=", document.id]],
            "egov.register.entry": [["document_id", "=", document.id]],
            "egov.document.file": [["document_id", "=", document.id]],
            "egov.assignment.extension": [["document_id", "=", document.id]],
        }
        for model, domain in searches.items():
            with self.subTest(role=role, model=model):
                result, error = self.rpc(model, "search_read", domain, fields=["display_name"])
                if error is not None:
                    self.assertRefused(
                        error, what=f"{role} searches {model} of a confidential document"
                    )
                else:
                    self.assertEqual(
                        result,
                        [],
                        f"{role} not assigned reads {model} rows of a confidential document",
                    )
        with self.subTest(role=role, model="egov.register.entry by register"):
            result, error = self.rpc(
                "egov.register.entry",
                "search_read",
                [["register_id", "=", self.registers["a"]["confidential"].id]],
                fields=["display_name", "document_id"],
            )
            if error is None:
                self.assertEqual(result, [], f"{role} lists the confidential register's numbers")

    def test_unassigned_officer_sees_no_trace_of_a_confidential_document(self):
        self._assert_no_trace_of_confidential("officer")

    def test_clerk_sees_no_trace_of_a_confidential_document(self):
        self._assert_no_trace_of_confidential("clerk")

    def test_duplicate_error_does_not_name_a_confidential_document(self):
        confidential = self.orm(self.confidential)
        self.login("clerk")
        subject = "Quyết định cùng số với văn bản mật"
        result, error = self.rpc(
            "egov.document",
            "create",
            {
                "direction": "incoming",
                "subject": subject,
                "issuing_agency_id": self.province.id,
                "number": confidential.number,
                "notation": confidential.notation,
                "issued_date": fields.Date.to_string(confidential.issued_date),
                "document_type_id": self.types["decision"].id,
            },
        )
        messages = [str(error)] if error is not None else []
        if error is None:
            _result, error = self.rpc("egov.document", "action_register", [result])
            if error is not None:
                messages.append(str(error))
            read, _error = self.rpc("egov.document", "read", [result], ["duplicate_document_id"])
            messages.append(repr(read))
        for message in messages:
            self.assertNotIn(
                self.CONFIDENTIAL_SUBJECT,
                message,
                "the duplicate warning names the confidential document to a clerk",
            )
        if error is not None:
            self.assertTrue(
                error.clean, f"not a clean refusal but a crash, {error.name}: {error[:300]}"
            )

    # --- Scheduled jobs ---------------------------------------------------------------------------
    def test_nobody_runs_the_deadline_cron_over_http(self):
        cron = self.env.ref("egov_documents.ir_cron_egov_assignment_deadlines")
        action_id = cron.sudo().ir_actions_server_id.id
        mine = self._assign("a", "mine")
        system(mine.sudo()).write(
            {
                "deadline": datetime.now() + timedelta(hours=2),
                "reminded_at": False,
                "escalated_at": False,
            }
        )
        self.env.flush_all()
        for role in ("officer", "clerk", "unit_leader", "agency_leader", "administrator"):
            with self.subTest(role=role):
                self.login(role)
                _result, error = self._post_json("/web/action/run", {"action_id": action_id})
                self.assertRefused(
                    error, what=f"{role} runs the deadline cron through /web/action/run"
                )
                self.assertFalse(self.orm(mine).reminded_at)

    # --- Public methods taking raw arguments ---------------------------------------------------------
    def test_action_distribute_over_call_kw_refused_or_validated(self):
        document = self.arrived["a"]
        document.with_env(self._as("clerk", "a")).action_register()
        self.env.flush_all()
        officer_b = self.users["officer", "b"]
        self.login("agency_leader")
        _result, error = self.rpc_raw(
            "egov.document",
            "action_distribute",
            document.ids,
            {"user_id": officer_b.id},
            [{"user_id": officer_b.id}],
            "Giao cho cơ quan khác",
        )
        self.assertRefusedOrNotCallable(
            error, what="action_distribute to a user of another agency over call_kw"
        )
        self.assertFalse(self.orm(document).assignment_ids)
        self.assertEqual(self.orm(document).incoming_state, "received")

    def test_action_update_recipients_info_over_call_kw_refused_or_validated(self):
        issued = self.issued["a"]
        received = self.incoming["b"]
        subjects = (self.orm(issued).subject, self.orm(received).subject)
        self.login("clerk")
        _result, error = self.rpc_raw(
            "egov.document",
            "action_update_recipients_info",
            issued.ids,
            "Cập nhật",
            [["subject", "Trích yếu giả mạo"]],
        )
        self.assertRefusedOrNotCallable(
            error, what="action_update_recipients_info with a list for values"
        )
        _result, error = self.rpc_raw(
            "egov.document",
            "action_update_recipients_info",
            issued.ids,
            "Cập nhật",
            {"subject": "Trích yếu giả mạo", "company_id": self.agency_b.id},
        )
        self.assertRefusedOrNotCallable(
            error, what="action_update_recipients_info with company_id in values"
        )
        self.assertEqual((self.orm(issued).subject, self.orm(received).subject), subjects)

    def test_action_recall_over_call_kw_refused_or_validated(self):
        issued = self.issued["a"]
        self.login("clerk")
        _result, error = self.rpc_raw(
            "egov.document", "action_recall", issued.ids, {"vi": "Thu hồi"}
        )
        self.assertRefusedOrNotCallable(error, what="action_recall with an object as the reason")
        self.assertEqual(self.orm(issued).outgoing_state, "issued")
        self.assertTrue(self.orm(self.incoming["b"]).active)

    def test_action_return_to_sender_over_call_kw_refused_or_validated(self):
        arrived = self.arrived["a"]
        self.login("clerk")
        _result, error = self.rpc_raw(
            "egov.document", "action_return_to_sender", arrived.ids, ["Sai nơi nhận"]
        )
        self.assertRefusedOrNotCallable(
            error, what="action_return_to_sender with a list as the reason"
        )
        self.assertEqual(self.orm(arrived).incoming_state, "arrived")

    def test_action_split_over_call_kw_refused_or_validated(self):
        node = self._assign("a", "unit")
        self.assertTrue(node, "fixture: the unit node, handled by the unit leader")
        officer_b = self.users["officer", "b"]
        before = self.orm(node).child_ids
        self.login("unit_leader")
        _result, error = self.rpc_raw(
            "egov.assignment",
            "action_split",
            node.ids,
            [{"user_id": officer_b.id, "role": "lead", "directive": "Làm giúp"}],
        )
        self.assertRefusedOrNotCallable(
            error, what="action_split to a user of another agency over call_kw"
        )
        self.assertEqual(self.orm(node).child_ids, before)
        self.assertFalse(
            self.orm(self.env["egov.assignment"]).search(
                [("user_id", "=", officer_b.id), ("company_id", "=", self.agency_a.id)]
            )
        )

    def test_action_complete_over_call_kw_refused_or_validated(self):
        mine = self._assign("a", "mine")
        foreign = self.issued["b"]
        self.login("officer")
        _result, error = self.rpc_raw(
            "egov.assignment", "action_complete", mine.ids, "Đã xong", foreign.id
        )
        self.assertRefusedOrNotCallable(
            error, what="action_complete with B's document id as the result document"
        )
        self.assertEqual(self.orm(mine).state, "assigned")
        self.assertNotIn(self.incoming["a"], self.orm(foreign).response_for_ids)

    def test_action_report_progress_over_call_kw_refused_or_validated(self):
        mine = self._assign("a", "mine")
        progress = self.orm(mine).progress
        self.login("officer")
        _result, error = self.rpc_raw(
            "egov.assignment", "action_report_progress", mine.ids, "năm mươi", "Đang làm"
        )
        self.assertRefusedOrNotCallable(
            error, what="action_report_progress with a text as the progress"
        )
        self.assertEqual(self.orm(mine).progress, progress)

    def test_action_submit_for_review_over_call_kw_refused_or_validated(self):
        draft = self.drafts["a"]
        officer_b = self.users["officer", "b"]
        self.login("officer")
        _result, error = self.rpc_raw(
            "egov.document", "action_submit_for_review", draft.ids, [["visa", officer_b.id]]
        )
        self.assertRefusedOrNotCallable(
            error, what="action_submit_for_review with raw (kind, user id) of another agency"
        )
        self.assertEqual(self.orm(draft).outgoing_state, "draft")
        self.assertFalse(
            self.orm(self.env["egov.approval.step"]).search(
                [
                    ("res_model", "=", "egov.document"),
                    ("res_id", "=", draft.id),
                    ("user_id", "=", officer_b.id),
                ]
            )
        )

    def test_private_egov_move_is_refused(self):
        draft = self.drafts["a"]
        for role in ("officer", "administrator"):
            with self.subTest(role=role):
                self.login(role)
                _result, error = self.rpc("egov.document", "_egov_move", draft.ids, "issued")
                self.assertRefused(error, r"[Pp]rivate", what=f"{role} calls _egov_move")
                self.assertEqual(self.orm(draft).outgoing_state, "draft")
