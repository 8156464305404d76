"""Dossiers (hồ sơ): NĐ 30/2020 Điều 28–31, Phụ lục V and VI Mục III; Kon Tum Điều 14,
16.3; Thái Bình Điều 4.1, 5.2; Tây Ninh Điều 8.2.c, 11."""

import base64
import io
import itertools
import json
import zipfile
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.egov_documents.dossier import read_package, verify_package
from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_documents.rules.fileformat import sha256_hex

from .common import MINIMAL_PDF, EgovCase

OTHER_PDF = MINIMAL_PDF.replace(b"595 842", b"842 595")


@tagged("post_install", "-at_install")
class TestDossiers(EgovCase, HttpCase):
    _rpc_ids = itertools.count(1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader2_a = cls._create_user(
            "leader2_a", cls.agency_a, "egov_documents.group_egov_agency_leader"
        )
        cls.officer2_a = cls._create_user(
            "officer2_a", cls.agency_a, "egov_documents.group_egov_officer"
        )
        cls.admin_a = cls._create_user("admin_a", cls.agency_a, "egov_documents.group_egov_admin")
        cls.agency_a.egov_dossier_destruction_approver_ids = [
            Command.set((cls.leader_a | cls.leader2_a).ids)
        ]
        cls.year = fields.Date.today().year
        Catalogue = (
            cls.env["egov.dossier.catalogue"].with_user(cls.clerk_a).with_company(cls.agency_a)
        )
        cls.catalogue = Catalogue.create(
            {
                "company_id": cls.agency_a.id,
                "year": cls.year,
                "line_ids": [
                    Command.create(
                        {
                            "notation": "01.TH",
                            "title": "Hồ sơ cải cách hành chính",
                            "maintenance": "06",
                            "rights": "01",
                            "responsible_user_id": cls.officer_a.id,
                            "department_id": cls.unit_a.id,
                        }
                    )
                ],
            }
        )
        cls.catalogue.with_user(cls.leader_a).action_approve()
        cls.line = cls.catalogue.line_ids

    # --- Helpers ----------------------------------------------------------------------------
    def _document_with_file(self, direction="incoming", content=MINIMAL_PDF, **values):
        if direction == "incoming":
            document = self._incoming(self.clerk_a, page_count=2, **values)
        else:
            document = self._outgoing(self.clerk_a, page_count=3, **values)
            # the numbering of the outgoing document is tested elsewhere: the fixture plays it
            system_env(document.sudo()).write(
                {"number": "05", "notation": "BC-SNV", "issued_date": date(2026, 11, 20)}
            )
        self.env["egov.document.file"].with_user(self.clerk_a).create(
            {
                "document_id": document.id,
                "name": f"{direction}.pdf",
                "datas": self._b64(content),
                "role": "main",
            }
        )
        return document

    def _open_dossier(self, user=None):
        action = self.line.with_user(user or self.clerk_a).action_open_dossier()
        return self.env["egov.dossier"].browse(action["res_id"]).with_user(user or self.clerk_a)

    def _add(self, dossier, documents, user=None):
        user = user or self.clerk_a
        wizard = (
            self.env["egov.dossier.add.wizard"]
            .with_user(user)
            .with_context(active_model="egov.document", active_ids=documents.ids)
            .create({"dossier_id": dossier.id})
        )
        wizard.action_confirm()

    def _closed_dossier(self):
        dossier = self._open_dossier()
        incoming = self._document_with_file(
            "incoming", number="21", subject="Về việc cải cách hành chính"
        )
        outgoing = self._document_with_file("outgoing", content=OTHER_PDF)
        self._add(dossier, incoming | outgoing)
        dossier.with_user(self.officer_a).action_close()
        return dossier, incoming, outgoing

    def _export(self, dossier):
        action = dossier.action_export_package()
        self.assertIn(f"/web/content/{dossier.package_attachment_id.id}", action["url"])
        return dossier.package_attachment_id.raw

    def _login(self, user, password=None):
        self.authenticate(user.login, password or user.login + "x" * (8 - len(user.login)))
        self.rpc_user = user

    def _rpc(self, model, method, *args, **kwargs):
        kwargs["context"] = {"lang": "en_US", "allowed_company_ids": self.rpc_user.company_id.ids}
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": next(self._rpc_ids),
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
                timeout=60,
            )
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            return None, (
                data.get("name", ""),
                data.get("message") or body["error"].get("message", ""),
            )
        return body["result"], None

    def assertRefusedOverHttp(self, error, pattern, what):
        self.assertIsNotNone(error, f"{what}: the server accepted it")
        self.assertIn(
            error[0],
            (
                "odoo.exceptions.UserError",
                "odoo.exceptions.AccessError",
                "odoo.exceptions.ValidationError",
            ),
            f"{what}: {error}",
        )
        self.assertRegex(error[1], pattern, what)

    # --- From the catalogue to the package --------------------------------------------------------
    def test_dossier_opened_from_approved_catalogue_carries_pl6_metadata(self):
        with self.assertRaises(UserError):
            self.env["egov.dossier"].with_user(self.clerk_a).create(
                {
                    "title": "x",
                    "year": self.year,
                    "notation": "02",
                    "maintenance": "01",
                    "rights": "01",
                }
            )
        dossier = self._open_dossier()
        self.assertRecordValues(
            dossier,
            [
                {
                    "file_code": f"000.00.12.H98.{self.year}.01.TH",
                    "title": "Hồ sơ cải cách hành chính",
                    "maintenance": "06",
                    "rights": "01",
                    "responsible_user_id": self.officer_a.id,
                    "state": "open",
                    "organ_code": "000.00.12.H98",
                    "language": "01",
                }
            ],
        )
        self.assertEqual(self._open_dossier(), dossier, "a catalogue line opens its dossier once")
        with self.assertRaises(UserError, msg="an approved catalogue no longer changes"):
            self.line.with_user(self.clerk_a).write({"title": "Khác"})

    def test_dossier_from_catalogue_to_export(self):
        dossier, incoming, outgoing = self._closed_dossier()
        self.assertRecordValues(
            dossier.document_ids.sorted("ordinal"),
            [
                {"ordinal": 1, "document_id": incoming.id, "number": "21"},
                {"ordinal": 2, "document_id": outgoing.id, "number": "05"},
            ],
        )
        self.assertRecordValues(
            dossier,
            [
                {
                    "state": "closed",
                    "doc_total": 2,
                    "page_total": 5,
                    "closed_by_id": self.officer_a.id,
                }
            ],
        )
        self.assertEqual(
            sorted(dossier.file_ids.mapped("sha256")),
            sorted([sha256_hex(MINIMAL_PDF), sha256_hex(OTHER_PDF)]),
        )
        self.assertEqual(incoming.with_user(self.clerk_a).dossier_count, 1)
        data = self._export(dossier)
        self.assertEqual(verify_package(data), [])
        meta, entries = read_package(data)
        self.assertEqual(meta.title, dossier.title)
        self.assertEqual([entry.ordinal for entry in entries], [1, 2])
        self.assertEqual(entries[1].files[0].content, OTHER_PDF)
        self.assertEqual(dossier._egov_integrity_problems(), [])

    def test_tampered_file_in_exported_package_is_named_by_the_verification(self):
        dossier, _incoming, _outgoing = self._closed_dossier()
        data = self._export(dossier)
        source = zipfile.ZipFile(io.BytesIO(data))
        target_name = next(name for name in source.namelist() if name.startswith("files/002/"))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as tampered:
            for info in source.infolist():
                content = source.read(info.filename)
                if info.filename == target_name:
                    content = content.replace(b"842 595", b"100 100")
                tampered.writestr(info, content)
        wizard = (
            self.env["egov.dossier.package.wizard"]
            .with_user(self.clerk_a)
            .create({"mode": "verify", "package": base64.b64encode(out.getvalue())})
        )
        wizard.action_verify()
        self.assertEqual(wizard.problem_count, 1)
        self.assertIn(target_name, wizard.result)
        self.assertIn("was changed", wizard.result)
        intact = (
            self.env["egov.dossier.package.wizard"]
            .with_user(self.clerk_a)
            .create({"mode": "verify", "package": base64.b64encode(data)})
        )
        intact.action_verify()
        self.assertEqual(intact.problem_count, 0)
        with self.assertRaisesRegex(UserError, "was changed"):
            self.env["egov.dossier"].with_user(self.clerk_a)._egov_import_package(out.getvalue())

    def test_import_reproduces_the_package_byte_for_byte(self):
        dossier, _incoming, _outgoing = self._closed_dossier()
        data = self._export(dossier)
        wizard = (
            self.env["egov.dossier.package.wizard"]
            .with_user(self.clerk_a)
            .create({"mode": "import", "package": base64.b64encode(data)})
        )
        imported = (
            self.env["egov.dossier"]
            .browse(wizard.action_import()["res_id"])
            .with_user(self.clerk_a)
        )
        self.assertNotEqual(imported, dossier)
        self.assertRecordValues(
            imported,
            [
                {
                    "state": "closed",
                    "imported": True,
                    "file_code": dossier.file_code,
                    "title": dossier.title,
                    "doc_total": 2,
                    "page_total": 5,
                    "maintenance": "06",
                }
            ],
        )
        self.assertEqual(
            [
                f._egov_content()
                for f in imported.file_ids.sorted(lambda f: (f.line_id.ordinal, f.id))
            ],
            [MINIMAL_PDF, OTHER_PDF],
        )
        self.assertEqual(
            self._export(imported), data, "exporting the imported dossier gives the same bytes"
        )
        with self.assertRaises(UserError, msg="an officer does not import packages"):
            self.env["egov.dossier"].with_user(self.officer_a)._egov_import_package(data)

    # --- A closed dossier is frozen ---------------------------------------------------------------
    def test_closed_dossier_refuses_changes(self):
        dossier, incoming, _outgoing = self._closed_dossier()
        extra = self._document_with_file("incoming", number="22", subject="Công văn bổ sung")
        with self.assertRaisesRegex(UserError, "no document is added or removed"):
            self._add(dossier, extra)
        with self.assertRaisesRegex(UserError, "cannot be edited by hand"):
            dossier.write({"title": "Tiêu đề khác"})
        with self.assertRaisesRegex(UserError, "no document is added or removed"):
            dossier.document_ids[:1].unlink()
        with self.assertRaisesRegex(UserError, "kept in a closed dossier"):
            incoming.file_ids.with_user(self.clerk_a).write({"datas": self._b64(OTHER_PDF)})
        self.assertRecordValues(dossier, [{"title": "Hồ sơ cải cách hành chính", "doc_total": 2}])
        # what the files were at closing is checked against what they are now
        system_env(incoming.file_ids.sudo()).write({"datas": self._b64(OTHER_PDF)})
        problems = dossier._egov_integrity_problems()
        self.assertEqual(len(problems), 1)
        self.assertIn("incoming.pdf", problems[0])

    def test_closed_dossier_refuses_changes_over_http(self):
        dossier, _incoming, _outgoing = self._closed_dossier()
        extra = self._document_with_file("incoming", number="23", subject="Công văn đến sau")
        line = dossier.document_ids[:1]
        self.env.flush_all()
        self._login(self.clerk_a)
        _result, error = self._rpc("egov.dossier", "write", [dossier.id], {"title": "Đổi tiêu đề"})
        self.assertRefusedOverHttp(error, "cannot be edited by hand", "rename a closed dossier")
        _result, error = self._rpc("egov.dossier", "write", [dossier.id], {"state": "open"})
        self.assertRefusedOverHttp(error, "cannot be edited by hand", "reopen by writing the state")
        _result, error = self._rpc("egov.dossier.document", "action_remove", [line.id])
        self.assertRefusedOverHttp(error, "no document is added or removed", "remove a document")
        _result, error = self._rpc("egov.dossier.document", "unlink", [line.id])
        self.assertRefusedOverHttp(error, "no document is added or removed", "delete a line")
        _result, error = self._rpc(
            "egov.dossier.document",
            "create",
            {"dossier_id": dossier.id, "document_id": extra.id, "ordinal": 3},
        )
        self.assertRefusedOverHttp(error, "never by creating a line by hand", "create a line")
        wizard_id, error = self._rpc(
            "egov.dossier.add.wizard",
            "create",
            {"dossier_id": dossier.id, "document_ids": [[6, 0, [extra.id]]]},
        )
        self.assertIsNone(error)
        _result, error = self._rpc("egov.dossier.add.wizard", "action_confirm", [wizard_id])
        self.assertRefusedOverHttp(
            error, "no document is added or removed", "add through the wizard"
        )
        _result, error = self._rpc(
            "egov.dossier.file", "write", dossier.file_ids.ids, {"datas": self._b64(OTHER_PDF)}
        )
        self.assertRefusedOverHttp(
            error, "cannot be edited by hand|not allowed", "rewrite a kept file"
        )
        self.env.invalidate_all()
        dossier = dossier.sudo()
        self.assertRecordValues(
            dossier, [{"title": "Hồ sơ cải cách hành chính", "state": "closed", "doc_total": 2}]
        )
        self.assertEqual(dossier.document_ids.mapped("ordinal"), [1, 2])
        self.assertEqual(dossier._egov_integrity_problems(), [])

    # --- Destruction ------------------------------------------------------------------------------
    def test_destruction_needs_every_approval(self):
        dossier, incoming, _outgoing = self._closed_dossier()
        data = self._export(dossier)
        self.assertTrue(data)
        with self.assertRaises(AccessError):
            dossier.with_user(self.officer_a).action_list_for_destruction()
        dossier.action_list_for_destruction()
        self.assertEqual(dossier.state, "destruction_pending")
        with self.assertRaises(AccessError, msg="the clerk is not an approver"):
            dossier.action_approve_destruction()
        dossier.with_user(self.leader_a).action_approve_destruction()
        self.assertEqual(
            dossier.state, "destruction_pending", "one approval of two does not destroy"
        )
        self.assertEqual(base64.b64decode(incoming.sudo().file_ids.datas), MINIMAL_PDF)
        with self.assertRaises(UserError):
            dossier.with_user(self.leader_a).action_approve_destruction()
        dossier.with_user(self.leader2_a).action_approve_destruction()
        self.env.invalidate_all()
        self.assertRecordValues(
            dossier,
            [
                {
                    "state": "destroyed",
                    "title": "Hồ sơ cải cách hành chính",
                    "doc_total": 2,
                    "package_attachment_id": False,
                }
            ],
        )
        self.assertEqual(dossier.destruction_approval_ids.user_id, self.leader_a | self.leader2_a)
        self.assertFalse(
            any(dossier.sudo().file_ids.mapped("datas")), "the kept copies are destroyed"
        )
        self.assertFalse(incoming.sudo().file_ids.datas, "the document's files are destroyed")
        self.assertEqual(dossier.document_ids.mapped("subject")[0], "Về việc cải cách hành chính")

    def test_refused_destruction_closes_the_dossier_again(self):
        dossier, _incoming, _outgoing = self._closed_dossier()
        dossier.action_list_for_destruction()
        dossier.with_user(self.leader_a).action_approve_destruction()
        dossier.with_user(self.leader2_a).action_refuse_destruction()
        self.assertEqual(dossier.state, "closed")
        self.assertEqual(len(dossier.destruction_approval_ids), 2, "the trail is kept")

    def test_transfer_to_archive_produces_the_transfer_list(self):
        dossier, _incoming, _outgoing = self._closed_dossier()
        dossier.action_transfer_to_archive()
        self.assertEqual(dossier.state, "archived")
        content = dossier.transfer_list_id.raw.decode("utf-8-sig")
        self.assertIn(dossier.file_code, content)
        self.assertIn("Hồ sơ cải cách hành chính", content)

    # --- Notices ----------------------------------------------------------------------------------
    def test_archive_notice_thirty_days_before_due_sent_once(self):
        dossier, _incoming, _outgoing = self._closed_dossier()
        system_env(dossier.sudo()).write({"closed_at": datetime(2026, 3, 10, 3, 0)})
        self.assertEqual(
            dossier.archive_due, date(2027, 12, 31), "31 December of the year after closing"
        )
        Dossier = self.env["egov.dossier"]
        with self.assertRaises(AccessError):
            Dossier.with_user(self.clerk_a)._cron_archive_notices()

        def notices():
            return dossier.sudo().message_ids.filtered(
                lambda m: "Archive transfer due" in (m.body or "")
            )

        with freeze_time("2027-11-30 09:00:00"):
            Dossier._cron_archive_notices()
            self.assertFalse(notices(), "31 days before: not yet")
        with freeze_time("2027-12-01 09:00:00"):
            Dossier._cron_archive_notices()
            Dossier._cron_archive_notices()
        self.assertEqual(len(notices()), 1, "sent once, however often the cron runs")
        self.assertEqual(notices().partner_ids, (self.officer_a | self.clerk_a).partner_id)
        self.assertEqual(
            set(dossier.sudo().activity_ids.user_id.ids), {self.officer_a.id, self.clerk_a.id}
        )
        self.assertTrue(dossier.archive_notice_sent_at)

    def test_open_dossier_past_its_end_date_is_listed_and_noticed(self):
        dossier = self._open_dossier()
        dossier.write({"end_date": date(2026, 6, 30)})
        with freeze_time("2026-07-02 09:00:00"):
            overdue = (
                self.env["egov.dossier"]
                .with_user(self.clerk_a)
                .search([("closure_overdue", "=", True)])
            )
            self.assertIn(dossier, overdue)
            self.env["egov.dossier"]._cron_archive_notices()
            self.env["egov.dossier"]._cron_archive_notices()
        closing = dossier.sudo().message_ids.filtered(lambda m: "Closing overdue" in (m.body or ""))
        self.assertEqual(len(closing), 1)

    # --- Assignments --------------------------------------------------------------------------------
    def test_completed_assignment_files_the_document_in_the_suggested_dossier(self):
        dossier = self._open_dossier()
        document = self._document_with_file("incoming", number="24", subject="Công văn cần xử lý")
        document.action_register()
        self.env["egov.distribute.wizard"].with_user(self.leader_a).create(
            {
                "document_id": document.id,
                "deadline": datetime.now() + timedelta(days=5),
                "lead_user_id": self.officer_a.id,
            }
        ).action_confirm()
        assignment = document.sudo().assignment_ids.filtered(lambda a: a.user_id == self.officer_a)
        assignment = assignment.with_user(self.officer_a)
        self.assertEqual(assignment.suggested_dossier_id, dossier)
        wizard = (
            self.env["egov.assignment.wizard"]
            .with_user(self.officer_a)
            .create({"assignment_id": assignment.id, "step": "complete", "note": "Đã xử lý xong"})
        )
        wizard._onchange_suggest_dossier()
        self.assertEqual(wizard.dossier_id, dossier)
        wizard.action_confirm()
        self.assertEqual(dossier.document_ids.document_id, document)

    # --- Tenancy over HTTP ----------------------------------------------------------------------------
    def test_other_agency_and_administrator_see_no_dossier_over_http(self):
        dossier, _incoming, _outgoing = self._closed_dossier()
        self.env.flush_all()
        for user in (self.clerk_b, self.admin_a, self.officer2_a):
            self._login(user)
            for model in ("egov.dossier", "egov.dossier.document", "egov.dossier.file"):
                result, error = self._rpc(model, "search_read", [], fields=["display_name"])
                self.assertIsNone(error, f"{user.login} {model}")
                self.assertEqual(result, [], f"{user.login} sees {model} of agency A")
            result, error = self._rpc("egov.dossier", "read", [dossier.id], fields=["title"])
            self.assertIsNone(result)
            self.assertRefusedOverHttp(error, ".", f"{user.login} reads the dossier")
        self._login(self.clerk_b)
        result, error = self._rpc("egov.dossier.catalogue", "search_read", [], fields=["name"])
        self.assertEqual(result, [])
        self._login(self.officer_a)
        result, error = self._rpc("egov.dossier", "search_read", [], fields=["title"])
        self.assertEqual(
            [row["id"] for row in result], [dossier.id], "the responsible officer sees it"
        )
