"""Two agencies, every role, documents in several states, and a JSON-RPC client that talks
to the server only over real HTTP (``/web/dataset/call_kw``), as an attacker would.

Used by ``test_rpc_sweep`` and ``test_rpc_probes``. The fixtures are built once per class
with the ORM (the owning flows where they are stable, system writes where the flow needs
modules such as ``egov_signing``); the attacks go over HTTP only, and their effect is read
back with the ORM as superuser.
"""

import base64
import io
import itertools
import json
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user

from ..models.egov_guard import system_env as _system_env
from .common import MINIMAL_PDF

#: the error classes a clean refusal or validation comes as; anything else is a crash
CLEAN_ERRORS = (
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.AccessDenied",
    "odoo.exceptions.RedirectWarning",
)
ROLE_GROUPS = {
    "officer": "egov_documents.group_egov_officer",
    "clerk": "egov_documents.group_egov_clerk",
    "unit_leader": "egov_documents.group_egov_unit_leader",
    "agency_leader": "egov_documents.group_egov_agency_leader",
    "administrator": "egov_documents.group_egov_admin",
}
ROLES = tuple(ROLE_GROUPS)


class RpcError(str):
    """The JSON-RPC error: the string is the error's message, ``name`` its class path
    (``odoo.exceptions.AccessError``, ``builtins.TypeError``, …)."""

    name = ""

    def __new__(cls, message, name):
        error = super().__new__(cls, message or "")
        error.name = name or ""
        return error

    @property
    def clean(self):
        """A refusal or validation error, not a crash."""
        return self.name in CLEAN_ERRORS

    @property
    def short(self):
        return self.name.rsplit(".", 1)[-1]


def system(records):
    """``records`` with the proof of an owning code path (the fixture plays that path)."""
    return _system_env(records)


def blue_signature_png():
    """A blue signature on a transparent background (NĐ 30/2020 Phụ lục I)."""
    from PIL import Image

    image = Image.new("RGBA", (60, 24), (0, 0, 0, 0))
    for x in range(8, 52):
        for y in (10, 11, 12):
            image.putpixel((x, y), (20, 40, 180, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


class RpcCase(HttpCase):
    """Agencies A and B, each with every role, an outgoing document issued to the other
    (same-database delivery creates the other's incoming one), that incoming document
    registered and distributed with assignments and an extension request, a draft with a
    review step, and at A a confidential incoming document assigned to one officer only."""

    _counter = itertools.count(1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.calendar = env.ref("egov_documents.resource_calendar_egov_office_hours")
        cls.province = env["res.partner"].create(
            {
                "name": "UBND tỉnh Thử nghiệm RPC",
                "is_company": True,
                "is_agency": True,
                "code_qcvn102": "000.00.00.K97",
                "code_qd20": "K97",
                "agency_abbreviation": "UBND",
                "agency_level": "province",
            }
        )
        cls.agency_a = cls._agency("Sở Nội vụ tỉnh Thử nghiệm", "000.00.21.K97", "K97.21", "SNVT")
        cls.agency_b = cls._agency(
            "Sở Tài chính tỉnh Thử nghiệm", "000.00.22.K97", "K97.22", "STCT"
        )
        cls.agency_a.egov_confidential_enabled = True
        cls.types = {
            key: env.ref(f"egov_documents.document_type_{key}")
            for key in ("decision", "official_letter", "report", "plan")
        }
        cls.users = {}
        cls.units = {}
        cls.registers = {}
        for tag, company in (("a", cls.agency_a), ("b", cls.agency_b)):
            Register = env["egov.register"].with_company(company)
            cls.registers[tag] = {
                "incoming": Register.create(
                    {
                        "name": f"Sổ văn bản đến {tag.upper()}",
                        "direction": "incoming",
                        "company_id": company.id,
                    }
                ),
                "outgoing": Register.create(
                    {
                        "name": f"Sổ văn bản đi {tag.upper()}",
                        "direction": "outgoing",
                        "company_id": company.id,
                    }
                ),
            }
            for role, group in ROLE_GROUPS.items():
                cls.users[role, tag] = cls._user(f"rpcs_{role}_{tag}", company, group)
            cls.users["officer2", tag] = cls._user(
                f"rpcs_officer2_{tag}", company, ROLE_GROUPS["officer"]
            )
            manager = env["hr.employee"].create(
                {
                    "name": cls.users["unit_leader", tag].name,
                    "user_id": cls.users["unit_leader", tag].id,
                    "company_id": company.id,
                }
            )
            cls.units[tag] = env["hr.department"].create(
                {
                    "name": f"Phòng Tổng hợp {tag.upper()}",
                    "company_id": company.id,
                    "egov_abbreviation": "TH",
                    "manager_id": manager.id,
                }
            )
        cls.registers["a"]["confidential"] = (
            env["egov.register"]
            .with_company(cls.agency_a)
            .create(
                {
                    "name": "Sổ văn bản mật đến",
                    "direction": "incoming",
                    "is_confidential": True,
                    "company_id": cls.agency_a.id,
                }
            )
        )
        # Outgoing documents issued to the other agency, which receives them at once.
        cls.issued = {"a": cls._issue("a", "b"), "b": cls._issue("b", "a")}
        cls.incoming = {
            "a": cls.issued["b"].recipient_ids.incoming_document_id,
            "b": cls.issued["a"].recipient_ids.incoming_document_id,
        }
        assert cls.incoming["a"] and cls.incoming["b"], (
            "same-database delivery creates the incoming documents"
        )
        for tag in ("a", "b"):
            cls._register_and_distribute(tag, cls.incoming[tag])
        cls.drafts = {tag: cls._draft(tag) for tag in ("a", "b")}
        cls.in_review = {tag: cls._in_review(tag) for tag in ("a", "b")}
        cls.arrived = {tag: cls._arrived(tag) for tag in ("a", "b")}
        cls.confidential = cls._confidential_a()
        cls.dossiers = {tag: cls._dossier(tag) for tag in ("a", "b")}
        for tag in ("a", "b"):
            cls._agency_records(tag)
        cls._signing_material()
        env.flush_all()

    # --- Fixture helpers ----------------------------------------------------------------
    @classmethod
    def _agency(cls, name, code, code_qd20, abbreviation):
        return cls.env["res.company"].create(
            {
                "name": name,
                "code_qcvn102": code,
                "code_qd20": code_qd20,
                "agency_abbreviation": abbreviation,
                "agency_level": "department",
                "agency_parent_id": cls.province.id,
                "resource_calendar_id": cls.calendar.id,
                "email": f"vanthu@{abbreviation.lower()}.example.gov.vn",
            }
        )

    @classmethod
    def _user(cls, login, company, group):
        # with the right to export, so that export_data cells test the record rules
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups=f"{group},base.group_allow_export",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            name=login.replace("_", " ").title(),
            tz="Asia/Ho_Chi_Minh",
        )

    @classmethod
    def _agency_records(cls, tag):
        """An incident report, a distribution delegation and an account lock of the agency,
        each made by its owning flow, so that the sweep has records of those models too."""
        today = fields.Date.today()
        cls._as("clerk", tag)["egov.incident"].with_company(cls._company(tag)).create(
            {
                "name": "Mất kết nối trục liên thông",
                "description": "Máy chủ ngừng hoạt động.",
                "started_at": fields.Datetime.now() - timedelta(hours=2),
            }
        )
        cls._as("agency_leader", tag)["egov.document.delegation"].create(
            {
                "company_id": cls._company(tag).id,
                "leader_id": cls.users["agency_leader", tag].id,
                "delegate_id": cls.users["officer2", tag].id,
                # a leave planned next month: not in force, so it grants nothing during the tests
                "date_from": today + timedelta(days=30),
                "date_to": today + timedelta(days=37),
            }
        )
        locked = cls._user(
            f"rpcs_locked_{tag}", cls._company(tag), "egov_documents.group_egov_officer"
        )
        locked.with_env(cls._as("administrator", tag))._egov_lock("request", "Nghỉ phép dài hạn")

    @classmethod
    def _dossier(cls, tag):
        """The agency's approved catalogue, one dossier opened from it holding the document
        it issued and the one it received, and a second dossier closed with its hashes."""
        clerk_env = cls._as("clerk", tag)
        company = cls._company(tag)
        catalogue = clerk_env["egov.dossier.catalogue"].create(
            {
                "company_id": company.id,
                "year": 2026,
                "line_ids": [
                    Command.create(
                        {
                            "notation": f"0{index}.RPC",
                            "title": f"Hồ sơ thử nghiệm {index} {tag.upper()}",
                            "maintenance": "04",
                            "rights": "01",
                            "responsible_user_id": cls.users["officer", tag].id,
                        }
                    )
                    for index in (1, 2)
                ],
            }
        )
        catalogue.with_env(cls._as("agency_leader", tag)).action_approve()
        open_line, closed_line = catalogue.line_ids.sorted("notation")
        for line in (open_line, closed_line):
            line.with_env(clerk_env).action_open_dossier()
        documents = (cls.issued[tag] | cls.incoming[tag]).with_env(clerk_env)
        open_line.dossier_ids.with_env(clerk_env)._egov_add_documents(documents)
        closed = closed_line.dossier_ids.with_env(clerk_env)
        closed._egov_add_documents(cls.issued[tag].with_env(clerk_env))
        closed.action_close()
        return open_line.dossier_ids | closed

    @classmethod
    def _as(cls, role, tag):
        user = cls.users[role, tag]
        return cls.env(
            user=user, context={**cls.env.context, "allowed_company_ids": user.company_id.ids}
        )

    @classmethod
    def _company(cls, tag):
        return cls.agency_a if tag == "a" else cls.agency_b

    @classmethod
    def _issue(cls, tag, to_tag):
        env = cls._as("officer", tag)
        draft = env["egov.document"].create(
            {
                "direction": "outgoing",
                "subject": f"Kế hoạch phối hợp năm 2026 gửi {to_tag.upper()}",
                "document_type_id": cls.types["plan"].id,
                "department_id": cls.units[tag].id,
                "reply_deadline": fields.Date.today() + timedelta(days=20),
                "recipient_ids": [
                    Command.create(
                        {"kind": "agency", "partner_id": cls._company(to_tag).partner_id.id}
                    )
                ],
            }
        )
        env["egov.document.file"].create(
            {
                "document_id": draft.id,
                "name": f"KH-{tag}.pdf",
                "datas": base64.b64encode(MINIMAL_PDF),
                "role": "main",
            }
        )
        # Review, approval and the signatory's signature are tested by their own modules
        # (egov_signing replaces the signature with PAdES): the fixture puts it in Signed.
        system(draft.sudo()).write(
            {
                "outgoing_state": "signed",
                "signed_at": fields.Datetime.now(),
                "signed_by_id": cls.users["agency_leader", tag].id,
            }
        )
        clerk = cls._as("clerk", tag)
        draft.with_env(clerk).action_assign_number()
        draft.with_env(clerk).action_issue()
        return draft.with_env(cls.env)

    @classmethod
    def _register_and_distribute(cls, tag, document):
        document.with_env(cls._as("clerk", tag)).action_register()
        leader = cls._as("agency_leader", tag)
        wizard = leader["egov.distribute.wizard"].create(
            {
                "document_id": document.id,
                "directive": "Phòng Tổng hợp chủ trì, đồng chí chuyên viên phối hợp",
                "deadline": datetime.now() + timedelta(days=10),
                "lead_user_id": cls.users["officer2", tag].id,
                "line_ids": [
                    Command.create({"user_id": cls.users["officer", tag].id}),
                    Command.create({"department_id": cls.units[tag].id}),
                ],
            }
        )
        wizard.action_confirm()
        document.invalidate_recordset()
        assignments = document.with_env(cls.env).assignment_ids
        coordinator = assignments.filtered(lambda a: a.user_id == cls.users["officer", tag])
        cls._as("officer", tag)["egov.assignment.wizard"].create(
            {
                "assignment_id": coordinator.id,
                "step": "extension",
                "note": "Chờ số liệu",
                "new_deadline": datetime.now() + timedelta(days=30),
            }
        ).action_confirm()

    @classmethod
    def _draft(cls, tag):
        env = cls._as("officer", tag)
        draft = env["egov.document"].create(
            {
                "direction": "outgoing",
                "subject": f"Dự thảo báo cáo {tag.upper()}",
                "document_type_id": cls.types["report"].id,
                "department_id": cls.units[tag].id,
                "recipient_ids": [
                    Command.create({"kind": "unit", "department_id": cls.units[tag].id})
                ],
            }
        )
        env["egov.document.file"].create(
            {
                "document_id": draft.id,
                "name": f"DT-{tag}.pdf",
                "datas": base64.b64encode(MINIMAL_PDF),
                "role": "main",
            }
        )
        return draft.with_env(cls.env)

    @classmethod
    def _in_review(cls, tag):
        """A draft sent for review: a visa of the unit leader, an opinion of a colleague."""
        env = cls._as("officer", tag)
        draft = env["egov.document"].create(
            {
                "direction": "outgoing",
                "subject": f"Dự thảo kế hoạch trình duyệt {tag.upper()}",
                "document_type_id": cls.types["plan"].id,
                "department_id": cls.units[tag].id,
            }
        )
        env["egov.review.wizard"].create(
            {
                "document_id": draft.id,
                "mode": "submit",
                "line_ids": [
                    Command.create({"kind": "visa", "user_id": cls.users["unit_leader", tag].id}),
                    Command.create({"kind": "opinion", "user_id": cls.users["officer2", tag].id}),
                ],
            }
        ).action_confirm()
        return draft.with_env(cls.env)

    @classmethod
    def _arrived(cls, tag):
        env = cls._as("clerk", tag)
        document = env["egov.document"].create(
            {
                "direction": "incoming",
                "subject": f"Công văn mới đến {tag.upper()}",
                "issuing_agency_id": cls.province.id,
                "number": "31",
                "notation": "UBND-TH",
                "issued_date": fields.Date.today(),
                "document_type_id": cls.types["official_letter"].id,
            }
        )
        env["egov.document.file"].create(
            {
                "document_id": document.id,
                "name": f"CV-{tag}.pdf",
                "datas": base64.b64encode(MINIMAL_PDF),
                "role": "main",
            }
        )
        return document.with_env(cls.env)

    CONFIDENTIAL_SUBJECT = "Phương án bảo vệ bí mật nhà nước số hiệu KX-17"

    @classmethod
    def _confidential_a(cls):
        # the person who keeps the confidential register: clerk and agency leader at once
        cls.users["secret_clerk", "a"] = cls._user(
            "rpcs_secret_clerk_a",
            cls.agency_a,
            f"{ROLE_GROUPS['clerk']},{ROLE_GROUPS['agency_leader']}",
        )
        admin = cls._as("secret_clerk", "a")
        document = (
            cls.env["egov.document"]
            .sudo()
            .with_company(cls.agency_a)
            .create(
                {
                    "direction": "incoming",
                    "subject": cls.CONFIDENTIAL_SUBJECT,
                    "company_id": cls.agency_a.id,
                    "issuing_agency_id": cls.province.id,
                    "number": "07",
                    "notation": "QĐ-UBND",
                    "issued_date": fields.Date.today(),
                    "document_type_id": cls.types["decision"].id,
                    "confidentiality": "confidential",
                    "user_id": cls.users["secret_clerk", "a"].id,
                }
            )
        )
        cls.env["egov.document.file"].sudo().create(
            {
                "document_id": document.id,
                "name": "mat.pdf",
                "datas": base64.b64encode(MINIMAL_PDF),
                "role": "main",
            }
        )
        document.with_env(admin).action_register()
        admin["egov.distribute.wizard"].create(
            {
                "document_id": document.id,
                "deadline": datetime.now() + timedelta(days=10),
                "lead_user_id": cls.users["officer2", "a"].id,
            }
        ).action_confirm()
        return document.with_env(cls.env)

    @classmethod
    def _signing_material(cls):
        """With egov_signing: a signing profile per agency and each leader's signature image,
        so that the sweep finds records of its models in both agencies."""
        if "egov.signing.profile" in cls.env:
            for tag in ("a", "b"):
                cls.env["egov.signing.profile"].sudo().create(
                    {"name": f"Cấu hình ký số {tag.upper()}", "company_id": cls._company(tag).id}
                )
        if "egov_signature_image" in cls.env["res.users"]._fields:
            png = base64.b64encode(blue_signature_png())
            for tag in ("a", "b"):
                cls.users["agency_leader", tag].sudo().egov_signature_image = png

    # --- The client -------------------------------------------------------------------------
    def login(self, role, tag="a"):
        user = self.users[role, tag]
        self.authenticate(user.login, user.login)
        self.rpc_user = user

    def _post_json(self, route, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._counter), "params": params}
        response = self.url_open(
            route,
            data=json.dumps(payload),
            timeout=60,
            headers={"Content-Type": "application/json"},
        )
        try:
            body = response.json()
        except ValueError:
            return None, RpcError(
                f"HTTP {response.status_code}: {response.text[:200]}", "http.error"
            )
        if "error" in body:
            data = body["error"].get("data") or {}
            return None, RpcError(
                data.get("message") or body["error"].get("message"), data.get("name")
            )
        return body.get("result"), None

    def rpc(self, model, method, *args, context=None, **kwargs):
        """Call ``model.method(*args, **kwargs)`` over ``/web/dataset/call_kw`` as the
        logged-in user; return ``(result, error)``, ``error`` an :class:`RpcError`."""
        user = getattr(self, "rpc_user", None)
        base = {"lang": "en_US", "tz": "Asia/Ho_Chi_Minh"}
        if user:
            base["allowed_company_ids"] = user.company_id.ids
        kwargs["context"] = {**base, **(context or {})}
        return self._post_json(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def orm(self, records):
        """``records`` re-read fresh as superuser (after the HTTP requests)."""
        self.env.invalidate_all()
        return records.with_env(self.env).sudo().with_context(active_test=False)
