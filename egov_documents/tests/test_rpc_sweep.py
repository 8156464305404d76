"""Every egov model × every role × own/other agency × read, search_read, read_group,
name_search, write, create, unlink, export_data, over real HTTP JSON-RPC only.

Expectations (DESIGN.md "Users and tenancy", "Integrity model"):

* the OTHER agency's records: read / write / unlink / export_data refused, search_read /
  read_group / name_search return nothing of it, create of a record linked to it refused;
* the OWN agency: system-owned fields are never writable by a plain write (states,
  numbers, register entries and their links, times, company, delivery and business status,
  assignment handler/deadline/document/assigner by officers, access grants), and recipient
  lines, status history, register entries, files of registered/issued documents,
  registered/issued documents are never deleted by a plain unlink.

Everything else on the own agency is recorded (allowed / refused) without judgement. Each
cell's outcome goes into a table logged at the end of the class (``logger.info``), the
evidence of the isolation; a test fails on any LEAK of its role.
"""

import base64
import logging
from collections import defaultdict
from datetime import datetime, timedelta

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MINIMAL_PDF
from .rpc_common import ROLES, RpcCase

_logger = logging.getLogger(__name__)

OPS = (
    "read",
    "search_read",
    "read_group",
    "name_search",
    "write",
    "create",
    "export_data",
    "unlink",
)
#: a field each model lets a user write without any integrity meaning (first one found)
HARMLESS_FIELDS = (
    "description",
    "note",
    "comment",
    "decision_note",
    "progress_note",
    "void_reason",
    "status_note",
    "sequence",
    "code",
    "name",
    "tsa_url",
    "pkcs11_token_label",
)
#: unlink order: children before what they hang on
UNLINK_ORDER = (
    "egov.document.status",
    "egov.document.recipient",
    "egov.document.file",
    "egov.assignment.extension",
    "egov.approval.step",
    "egov.document.member",
    "egov.assignment",
    "egov.register.entry",
    "egov.document",
    "egov.register",
)
MUTED = (
    "odoo.http",
    "odoo.sql_db",
    "odoo.addons.base.models.ir_rule",
    "odoo.models",
    "odoo.addons.base.models.ir_model",
)


@tagged("post_install", "-at_install")
class TestRpcSweep(RpcCase):
    """Isolation between agencies and the system-owned fields, cell by cell, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cells = []
        models = cls.env["ir.model"].search(
            [("model", "=like", "egov.%"), ("transient", "=", False)]
        )
        cls.sweep_models = sorted(
            m.model for m in models if m.model in cls.env and not cls.env[m.model]._abstract
        )
        cls.samples = {
            model: {tag: cls._samples(model, tag) for tag in ("a", "b")}
            for model in cls.sweep_models
        }

    @classmethod
    def tearDownClass(cls):
        try:
            cls._log_table()
        finally:
            super().tearDownClass()

    # --- Samples --------------------------------------------------------------------------
    @classmethod
    def _samples(cls, model, tag):
        """Up to two records of ``model`` in agency ``tag``, preferring those of the fixture."""
        env = cls.env
        issued, incoming = cls.issued[tag], cls.incoming[tag]
        preferred = {
            "egov.document": incoming | issued,
            "egov.document.recipient": issued.recipient_ids,
            "egov.document.file": issued.file_ids,
            "egov.document.member": incoming.member_ids[:1],
            "egov.document.status": env["egov.document.status"]
            .sudo()
            .search([("recipient_id", "in", issued.recipient_ids.ids)], limit=2),
            "egov.register.entry": issued.register_entry_id | incoming.register_entry_id,
            "egov.register": cls.registers[tag]["incoming"],
            "egov.assignment": incoming.assignment_ids[:2],
            "egov.assignment.extension": incoming.assignment_ids.extension_ids[:1],
            "egov.approval.step": env["egov.approval.step"]
            .sudo()
            .search(
                [("res_model", "=", "egov.document"), ("res_id", "=", cls.in_review[tag].id)],
                limit=2,
            ),
        }.get(model)
        if preferred:
            return preferred.ids
        Model = env[model].sudo().with_context(active_test=False)
        if "company_id" not in Model._fields:
            return Model.search([], limit=1).ids if tag == "a" else []
        return Model.search([("company_id", "=", cls._company(tag).id)], limit=2).ids

    # --- Cells ----------------------------------------------------------------------------
    def _cell(self, model, agency, op, expect, outcome, detail=""):
        """``expect`` is ``deny`` (must be refused / empty) or ``info`` (recorded only)."""
        if outcome == "allowed" and expect == "deny":
            outcome = "LEAK"
        elif outcome == "allowed":
            outcome = "allowed-as-expected"
        self.cells.append(
            {
                "model": model,
                "role": self.role,
                "agency": agency,
                "op": op,
                "expect": expect,
                "outcome": outcome,
                "detail": (detail or "")[:90],
            }
        )
        return outcome

    def _classify(self, result, error, rows=None):
        """(outcome, detail) of one call; ``rows`` says how many records a read returned."""
        if error is not None:
            return ("refused" if error.clean else f"CRASH {error.short}"), f"{error.short}: {error}"
        if rows is not None and rows == 0:
            return "refused (empty)", ""
        return "allowed", "" if rows is None else f"{rows} row(s)"

    def _harmless(self, model):
        fields_ = self.env[model]._fields
        for name in HARMLESS_FIELDS:
            field = fields_.get(name)
            if (
                field
                and field.store
                and not field.related
                and not (field.compute and field.readonly)
            ):
                value = {"char": "RPC sweep", "text": "RPC sweep", "integer": 77}.get(field.type)
                if value is not None:
                    return name, value
        return None, None

    def _create_vals(self, model, tag):
        """Values of a record of ``model`` linked to agency ``tag``'s records."""
        company = self._company(tag)
        incoming, issued, draft = self.incoming[tag], self.issued[tag], self.drafts[tag]
        me = self.rpc_user
        soon = (datetime.now() + timedelta(days=40)).strftime("%Y-%m-%d %H:%M:%S")
        return {
            "egov.document": {
                "direction": "outgoing",
                "subject": "Tạo qua RPC",
                "company_id": company.id,
                "document_type_id": self.types["report"].id,
                "response_for_ids": [[6, 0, [incoming.id]]],
            },
            "egov.document.recipient": {
                "document_id": issued.id,
                "kind": "agency",
                "partner_id": self.province.id,
            },
            "egov.document.file": {
                "document_id": incoming.id,
                "name": "rpc.pdf",
                "role": "attachment",
                "datas": base64.b64encode(MINIMAL_PDF).decode(),
            },
            "egov.document.member": {
                "document_id": incoming.id,
                "user_id": me.id,
                "role": "follower",
            },
            "egov.document.status": {"recipient_id": issued.recipient_ids[:1].id, "code": "06"},
            "egov.assignment": {
                "document_id": incoming.id,
                "user_id": me.id,
                "role": "coordinator",
            },
            "egov.assignment.extension": {
                "assignment_id": incoming.assignment_ids[:1].id,
                "requested_deadline": soon,
                "reason": "RPC",
            },
            "egov.approval.step": {
                "res_model": "egov.document",
                "res_id": draft.id,
                "company_id": company.id,
                "user_id": me.id,
                "kind": "opinion",
            },
            "egov.register": {"name": "Sổ RPC", "direction": "internal", "company_id": company.id},
            "egov.register.entry": {
                "register_id": self.registers[tag]["outgoing"].id,
                "year": 2026,
                "number": 901,
                "document_id": draft.id,
            },
            "egov.signing.profile": {"name": "Cấu hình RPC", "company_id": company.id},
            "egov.signing.certificate": {"kind": "organisation", "company_id": company.id},
        }.get(model)

    def _system_writes(self):
        """(model, record, field, value, roles judged or None for every role) on agency A."""
        a, b = "a", "b"
        incoming, issued, draft, arrived = (
            self.incoming[a],
            self.issued[a],
            self.drafts[a],
            self.arrived[a],
        )
        me = self.rpc_user
        line = issued.recipient_ids[:1]
        entry = issued.register_entry_id
        lead = incoming.assignment_ids.filtered(lambda x: x.role == "lead")[:1]
        mine = incoming.assignment_ids.filtered(lambda x: x.user_id == self.users["officer", a])[:1]
        extension = incoming.assignment_ids.extension_ids[:1]
        step = (
            self.env["egov.approval.step"]
            .sudo()
            .search(
                [("res_model", "=", "egov.document"), ("res_id", "=", self.in_review[a].id)],
                limit=1,
            )
        )
        status = (
            self.env["egov.document.status"]
            .sudo()
            .search([("recipient_id", "=", line.id)], limit=1)
        )
        member = incoming.member_ids[:1]
        main = issued.file_ids[:1]
        past = "2020-01-01 00:00:00"
        other_b = self._company(b).id
        officers = ("officer",)
        rows = [
            ("egov.document", incoming, "incoming_state", "done", None),
            ("egov.document", draft, "outgoing_state", "issued", None),
            ("egov.document", draft, "direction", "incoming", None),
            ("egov.document", issued, "number", "99", None),
            ("egov.document", issued, "notation", "QĐ-GIA", None),
            ("egov.document", issued, "issued_date", "2020-01-01", None),
            ("egov.document", incoming, "arrival_number", 999, None),
            ("egov.document", incoming, "register_entry_id", entry.id, None),
            ("egov.document", incoming, "register_id", self.registers[a]["outgoing"].id, None),
            ("egov.document", incoming, "registered_at", past, None),
            ("egov.document", issued, "issued_at", past, None),
            ("egov.document", incoming, "arrived_at", past, None),
            ("egov.document", draft, "company_id", other_b, None),
            ("egov.document", arrived, "company_id", other_b, None),
            ("egov.document.recipient", line, "delivery_state", "failed", None),
            ("egov.document.recipient", line, "business_status", "06", None),
            ("egov.document.recipient", line, "incoming_document_id", arrived.id, None),
            ("egov.document.recipient", line, "document_id", draft.id, None),
            ("egov.document.recipient", line, "company_id", other_b, None),
            ("egov.register.entry", entry, "number", 900, None),
            ("egov.register.entry", entry, "state", "voided", None),
            ("egov.register.entry", entry, "document_id", draft.id, None),
            ("egov.register.entry", entry, "register_id", self.registers[a]["incoming"].id, None),
            ("egov.register.entry", entry, "year", 1999, None),
            ("egov.register.entry", entry, "company_id", other_b, None),
            ("egov.assignment", mine, "state", "done", None),
            ("egov.assignment", mine, "company_id", other_b, None),
            ("egov.assignment", lead, "user_id", me.id, officers),
            ("egov.assignment", mine, "deadline", "2099-12-31 10:00:00", officers),
            ("egov.assignment", mine, "document_id", arrived.id, officers),
            ("egov.assignment", mine, "assigned_by_id", me.id, officers),
            ("egov.assignment.extension", extension, "state", "approved", None),
            ("egov.approval.step", step, "state", "agreed", None),
            ("egov.approval.step", step, "user_id", me.id, None),
            ("egov.document.status", status, "code", "06", None),
            (
                "egov.document.status",
                status,
                "recipient_id",
                self.issued[a].recipient_ids[-1:].id,
                None,
            ),
            ("egov.document.member", member, "user_id", me.id, None),
            ("egov.document.member", member, "document_id", self.confidential.id, None),
            (
                "egov.document.file",
                main,
                "datas",
                base64.b64encode(MINIMAL_PDF.replace(b"595 842", b"842 595")).decode(),
                None,
            ),
            ("egov.document.file", main, "document_id", draft.id, None),
            ("egov.document.file", main, "company_id", other_b, None),
            (
                "egov.register",
                self.registers[a]["incoming"],
                "sequence_id",
                self.registers[a]["outgoing"].sequence_id.id,
                None,
            ),
            ("egov.register", self.registers[a]["incoming"], "company_id", other_b, None),
        ]
        return [row for row in rows if row[0] in self.sweep_models and row[1]]

    def _protected_unlinks(self):
        """Records of agency A no plain unlink may delete, per model."""
        issued, incoming = self.issued["a"], self.incoming["a"]
        return {
            "egov.document.status": self.env["egov.document.status"]
            .sudo()
            .search([("recipient_id", "in", issued.recipient_ids.ids)], limit=1),
            "egov.document.recipient": issued.recipient_ids[:1],
            "egov.document.file": issued.file_ids[:1] | incoming.file_ids[:1],
            "egov.document.member": incoming.member_ids[:1],
            "egov.assignment": incoming.assignment_ids[:1],
            "egov.register.entry": issued.register_entry_id,
            "egov.document": incoming | issued,
            "egov.register": self.registers["a"]["incoming"],
        }

    # --- The sweep ------------------------------------------------------------------------
    def _sweep(self, role):
        self.role = role
        self.login(role, "a")
        start = len(self.cells)
        with mute_logger(*MUTED):
            for model in self.sweep_models:
                self._sweep_other(model)
                self._sweep_own(model)
            for model, field, record, value, judged in (
                (m, f, r, v, j) for m, r, f, v, j in self._system_writes()
            ):
                result, error = self.rpc(model, "write", record.ids, {field: value})
                outcome, detail = self._classify(result, error)
                expect = "deny" if judged is None or role in judged else "info"
                self._cell(model, "own", f"write {field}", expect, outcome, detail)
            self._sweep_unlinks()
        leaks = [
            f"{c['model']} {c['agency']} {c['op']}: {c['outcome']} {c['detail']}"
            for c in self.cells[start:]
            if c["outcome"] == "LEAK"
        ]
        self.assertFalse(leaks, f"{role} of agency A got through:\n" + "\n".join(leaks))
        # a call any user can make answers with a clean refusal or a result, never a crash
        crashes = [
            f"{c['model']} {c['agency']} {c['op']}: {c['outcome']} {c['detail']}"
            for c in self.cells[start:]
            if c["outcome"].startswith("CRASH")
        ]
        self.assertFalse(crashes, f"{role} of agency A crashed the server:\n" + "\n".join(crashes))

    def _sweep_reads(self, model, agency, ids, expected):
        """read, search_read, read_group, name_search and export_data of ``ids`` over HTTP."""
        result, error = self.rpc(model, "read", ids, ["display_name"])
        self._cell(
            model, agency, "read", expected, *self._classify(result, error, rows=len(result or []))
        )
        domain = [["id", "in", ids]]
        result, error = self.rpc(model, "search_read", domain, fields=["display_name"])
        self._cell(
            model,
            agency,
            "search_read",
            expected,
            *self._classify(result, error, rows=len(result or [])),
        )
        # a stored field every model has: the creator, or the agency on SQL-view models
        # (statistics), which keep no log fields
        group_by = "create_uid" if "create_uid" in self.env[model]._fields else "company_id"
        result, error = self.rpc(model, "read_group", domain, [group_by], [group_by])
        count = sum(
            value
            for group in (result or [])
            for key, value in group.items()
            if key.endswith("_count") and isinstance(value, int)
        )
        self._cell(
            model, agency, "read_group", expected, *self._classify(result, error, rows=count)
        )
        result, error = self.rpc(model, "name_search", "", domain)
        found = [row for row in (result or []) if row and row[0] in ids]
        self._cell(
            model, agency, "name_search", expected, *self._classify(result, error, rows=len(found))
        )
        exported = "create_date" if "create_date" in self.env[model]._fields else "company_id"
        result, error = self.rpc(model, "export_data", ids, [exported])
        rows = len((result or {}).get("datas") or []) if isinstance(result, dict) else None
        self._cell(
            model, agency, "export_data", expected, *self._classify(result, error, rows=rows)
        )

    def _sweep_other(self, model):
        ids = self.samples[model]["b"]
        if not ids:
            for op in OPS:
                self._cell(model, "other", op, "deny", "n/a", "no record of agency B (no company)")
            return
        self._sweep_reads(model, "other", ids, "deny")
        field, _value = self._harmless(model)
        if field:
            self._cell(model, "other", "create", "deny", "n/a", "no link to build")

    def _sweep_own(self, model):
        ids = self.samples[model]["a"]
        if not ids:
            self._cell(model, "own", "read", "info", "n/a", "no record of agency A")
            return
        self._sweep_reads(model, "own", ids, "info")
        field, value = self._harmless(model)
        if field:
            result, error = self.rpc(model, "write", ids[:1], {field: value})
            self._cell(model, "own", f"write {field}", "info", *self._classify(result, error))
        vals = self._create_vals(model, "a")
        if vals:
            result, error = self.rpc(model, "create", vals)
            self._cell(model, "own", "create", "info", *self._classify(result, error))

    def _sweep_unlinks(self):
        protected = self._protected_unlinks()
        ordered = [m for m in UNLINK_ORDER if m in self.sweep_models]
        ordered += [m for m in self.sweep_models if m not in ordered]
        for model in ordered:
            ids = self.samples[model]["b"]
            if ids:
                result, error = self.rpc(model, "unlink", ids)
                self._cell(model, "other", "unlink", "deny", *self._classify(result, error))
            records = protected.get(model)
            if records:
                for record in records:
                    result, error = self.rpc(model, "unlink", record.ids)
                    self._cell(
                        model,
                        "own",
                        f"unlink #{record.id} (protected)",
                        "deny",
                        *self._classify(result, error),
                    )
            elif self.samples[model]["a"]:
                result, error = self.rpc(model, "unlink", self.samples[model]["a"][:1])
                self._cell(model, "own", "unlink", "info", *self._classify(result, error))

    def test_sweep_officer(self):
        self._sweep("officer")

    def test_sweep_clerk(self):
        self._sweep("clerk")

    def test_sweep_unit_leader(self):
        self._sweep("unit_leader")

    def test_sweep_agency_leader(self):
        self._sweep("agency_leader")

    def test_sweep_administrator(self):
        self._sweep("administrator")

    # --- The evidence -----------------------------------------------------------------------
    @classmethod
    def _log_table(cls):
        if not cls.cells:
            return
        table = defaultdict(dict)
        order = []
        for cell in cls.cells:
            key = (cell["model"], cell["agency"], cell["op"])
            if key not in table:
                order.append(key)
            outcome = cell["outcome"]
            if cell["detail"] and outcome not in ("allowed-as-expected",):
                outcome = (
                    f"{outcome} ({cell['detail'][:60]})"
                    if outcome != "refused (empty)"
                    else outcome
                )
            table[key][cell["role"]] = outcome
            table[key]["expect"] = cell["expect"]
        header = "| model | agency | op | expected | " + " | ".join(ROLES) + " |"
        lines = [header, "|" + "---|" * (4 + len(ROLES))]
        for key in order:
            row = table[key]
            cells = [row.get(role, "-").replace("|", "/").replace("\n", " ") for role in ROLES]
            lines.append(
                f"| {key[0]} | {key[1]} | {key[2]} | {row['expect']} | " + " | ".join(cells) + " |"
            )
        leaks = sum(1 for cell in cls.cells if cell["outcome"] == "LEAK")
        crashes = sum(1 for cell in cls.cells if cell["outcome"].startswith("CRASH"))
        _logger.info(
            "RPC sweep: %s cells, %s LEAK, %s CRASH (agency A's users; own = agency A, other = agency B)\n%s",
            len(cls.cells),
            leaks,
            crashes,
            "\n".join(lines),
        )
