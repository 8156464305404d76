"""Attacks over real HTTP JSON-RPC (``/web/dataset/call_kw``) on the outage back-fill and the
deletion with a reason: the back-fill flag, the incident link and the real times are written
only by the back-fill wizard's code path; another agency's clerk cannot back-fill into my
incident; the deletion fields are the deletion wizard's."""

from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..models.egov_guard import system_env
from .rpc_common import RpcCase

CLERK = "egov_documents.group_egov_clerk"


def _ids(result):
    """``create`` over JSON-RPC answers a list of ids for a list of values."""
    return result if isinstance(result, list) else [result]


OFFICER = "egov_documents.group_egov_officer"


@tagged("post_install", "-at_install")
class TestOutageRpc(HttpCase):
    # the JSON-RPC client of the sweep, without its large fixture
    _counter = RpcCase._counter
    login = RpcCase.login
    _post_json = RpcCase._post_json
    rpc = RpcCase.rpc
    orm = RpcCase.orm

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        calendar = env.ref("egov_documents.resource_calendar_egov_office_hours")
        cls.province = env["res.partner"].create(
            {"name": "UBND tỉnh Sự cố", "is_company": True, "is_agency": True}
        )
        cls.users = {}
        cls.companies = {}
        for tag, abbreviation in (("a", "SNVS"), ("b", "STCS")):
            company = env["res.company"].create(
                {
                    "name": f"Sở {abbreviation} tỉnh Sự cố",
                    "agency_abbreviation": abbreviation,
                    "resource_calendar_id": calendar.id,
                    "egov_rule_profile_id": env.ref("egov_documents.rule_profile_thai_binh").id,
                }
            )
            cls.companies[tag] = company
            env["egov.register"].create(
                {"name": f"Sổ đến {tag}", "direction": "incoming", "company_id": company.id}
            )
            for role, group in (("clerk", CLERK), ("officer", OFFICER)):
                cls.users[role, tag] = new_test_user(
                    env,
                    login=f"rr3_{role}_{tag}",
                    groups=group,
                    company_id=company.id,
                    company_ids=[Command.set(company.ids)],
                    tz="Asia/Ho_Chi_Minh",
                )
        with freeze_time("2026-11-16 01:00:00"):
            cls.incident = (
                env["egov.incident"]
                .with_user(cls.users["clerk", "a"])
                .create(
                    {
                        "name": "Mất kết nối",
                        "description": "Máy chủ ngừng",
                        "company_id": cls.companies["a"].id,
                    }
                )
            )
        with freeze_time("2026-11-16 08:00:00"):
            cls.incident.action_close()
        with freeze_time("2026-11-17 01:00:00"):
            cls.paper = {tag: cls._document(tag, f"50{i}") for i, tag in enumerate("ab")}

    @classmethod
    def _document(cls, tag, number):
        user = cls.users["clerk", tag]
        return (
            cls.env["egov.document"]
            .with_user(user)
            .create(
                {
                    "direction": "incoming",
                    "subject": "Văn bản giấy trong thời gian sự cố",
                    "issuing_agency_id": cls.province.id,
                    "number": number,
                    "notation": "QĐ-UBND",
                    "issued_date": "2026-11-13",
                    "document_type_id": cls.env.ref("egov_documents.document_type_decision").id,
                    "company_id": cls.companies[tag].id,
                }
            )
        )

    def assertRefused(self, error, name=None):
        self.assertTrue(error, "the call must be refused")
        self.assertTrue(error.clean, f"a clean refusal, not a crash: {error.name} {error}")
        if name:
            self.assertEqual(error.short, name)

    def test_writing_backfilled_or_real_times_directly_is_refused(self):
        self.login("clerk", "a")
        document = self.paper["a"]
        for vals in (
            {"backfilled": True},
            {"incident_id": self.incident.id},
            {"arrived_at": "2026-11-16 02:00:00"},
            {
                "backfilled": True,
                "incident_id": self.incident.id,
                "arrived_at": "2026-11-16 02:00:00",
            },
        ):
            _result, error = self.rpc("egov.document", "write", [document.id], vals)
            self.assertRefused(error, "UserError")
        # nor on create, whatever the context says
        _result, error = self.rpc(
            "egov.document",
            "create",
            [{"direction": "incoming", "subject": "Giả mạo", "backfilled": True}],
            context={"egov_system_write": True},
        )
        self.assertRefused(error, "UserError")
        fresh = self.orm(document)
        self.assertFalse(fresh.backfilled)
        self.assertFalse(fresh.incident_id)
        self.assertEqual(fresh.arrived_at, datetime(2026, 11, 17, 1, 0))

    def test_private_backfill_is_not_callable_remotely(self):
        self.login("clerk", "a")
        _result, error = self.rpc(
            "egov.incident",
            "_egov_backfill",
            [self.incident.id],
            [[self.paper["a"].id, "2026-11-16 02:00:00"]],
        )
        self.assertTrue(error)
        self.assertFalse(self.orm(self.paper["a"]).backfilled)

    def test_other_agency_clerk_cannot_backfill_into_my_incident(self):
        self.login("clerk", "b")
        wizard_id, error = self.rpc(
            "egov.backfill.wizard",
            "create",
            [
                {
                    "incident_id": self.incident.id,
                    "line_ids": [
                        [
                            0,
                            0,
                            {
                                "document_id": self.paper["b"].id,
                                "real_at": "2026-11-16 02:00:00",
                            },
                        ]
                    ],
                }
            ],
        )
        if not error:
            _result, error = self.rpc("egov.backfill.wizard", "action_confirm", _ids(wizard_id))
        self.assertRefused(error)
        self.assertFalse(self.orm(self.paper["b"]).backfilled)
        self.assertFalse(self.orm(self.incident).document_ids)
        # nor read it
        _result, error = self.rpc("egov.incident", "read", [self.incident.id], ["name"])
        self.assertRefused(error, "AccessError")

    def test_incident_system_fields_refused_over_rpc(self):
        self.login("clerk", "a")
        incident = system_env(self.incident)
        for vals in ({"state": "open"}, {"threshold_hours": 0.0}, {"ended_at": False}):
            _result, error = self.rpc("egov.incident", "write", [incident.id], vals)
            self.assertRefused(error, "UserError")
        fresh = self.orm(self.incident)
        self.assertEqual((fresh.state, fresh.threshold_hours), ("closed", 4.0))
        self.login("officer", "a")
        _result, error = self.rpc("egov.incident", "create", [{"name": "x", "description": "y"}])
        self.assertRefused(error, "AccessError")

    def test_deleted_state_and_reason_only_through_the_wizard(self):
        self.login("clerk", "a")
        document = self.paper["a"]
        for vals in (
            {"incoming_state": "deleted"},
            {"delete_reason": "Ghi đè"},
            {"active": False, "incoming_state": "deleted"},
        ):
            _result, error = self.rpc("egov.document", "write", [document.id], vals)
            self.assertRefused(error, "UserError")
        _result, error = self.rpc(
            "egov.document", "_egov_delete_with_reason", [document.id], "Không có lý do"
        )
        self.assertTrue(error)
        self.assertEqual(self.orm(document).incoming_state, "arrived")
        # the other agency's clerk cannot delete my document through the wizard
        self.login("clerk", "b")
        wizard_id, error = self.rpc(
            "egov.delete.wizard",
            "create",
            [{"document_ids": [[6, 0, [document.id]]], "reason": "Xóa hộ"}],
        )
        if not error:
            _result, error = self.rpc("egov.delete.wizard", "action_confirm", _ids(wizard_id))
        self.assertRefused(error)
        self.assertEqual(self.orm(document).incoming_state, "arrived")
        # my clerk can, with a reason
        self.login("clerk", "a")
        wizard_id, error = self.rpc(
            "egov.delete.wizard",
            "create",
            [{"document_ids": [[6, 0, [document.id]]], "reason": "Gửi nhầm"}],
        )
        self.assertFalse(error)
        _result, error = self.rpc("egov.delete.wizard", "action_confirm", _ids(wizard_id))
        self.assertFalse(error)
        fresh = self.orm(document)
        self.assertEqual((fresh.incoming_state, fresh.delete_reason), ("deleted", "Gửi nhầm"))
