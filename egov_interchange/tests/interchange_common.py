"""Two agencies of the test database that talk only through the axis: each has a VDXP
backend with ``route_same_database`` off, pointed at the hub that this same test server
serves at ``/egov/axis`` (real HTTP on loopback). A third agency C exists only on the hub
(an attacker's or a stranger's system). Jobs are trapped with queue_job's helpers and run
synchronously."""

import base64
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_documents.tests.common import MINIMAL_PDF
from odoo.addons.queue_job.tests.common import trap_jobs

from ..vdxp import VdxpClient
from .test_axis_hub_common import register_agency

CODE_A = "000.00.31.H96"
CODE_B = "000.00.32.H96"
CODE_C = "000.00.33.H96"
SECRET_A = "secret-of-agency-a-0123456789"
SECRET_B = "secret-of-agency-b-0123456789"
SECRET_C = "secret-of-agency-c-0123456789"
ROLES = {
    "clerk": "egov_documents.group_egov_clerk",
    "officer": "egov_documents.group_egov_officer",
    "leader": "egov_documents.group_egov_agency_leader",
    "admin": "egov_documents.group_egov_admin",
}


def second_pdf():
    """Another valid one-page PDF (different bytes: an appendix)."""
    return MINIMAL_PDF.replace(b"MediaBox[0 0 595 842]", b"MediaBox[0 0 842 595]")


class InterchangeCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        calendar = env.ref("egov_documents.resource_calendar_egov_office_hours")
        cls.province = env["res.partner"].create(
            {
                "name": "UBND tỉnh Liên thông",
                "is_company": True,
                "is_agency": True,
                "code_qcvn102": "000.00.00.H96",
                "code_qd20": "H96",
                "agency_level": "province",
            }
        )
        cls.agencies, cls.users, cls.backends = {}, {}, {}
        for tag, code, name, abbreviation in (
            ("a", CODE_A, "Sở Nội vụ tỉnh Liên thông", "SNVLT"),
            ("b", CODE_B, "Sở Tài chính tỉnh Liên thông", "STCLT"),
        ):
            company = env["res.company"].create(
                {
                    "name": name,
                    "code_qcvn102": code,
                    "code_qd20": f"H96.{code[7:9]}",
                    "agency_abbreviation": abbreviation,
                    "agency_level": "department",
                    "agency_parent_id": cls.province.id,
                    "resource_calendar_id": calendar.id,
                }
            )
            cls.agencies[tag] = company
            for kind in ("incoming", "outgoing"):
                env["egov.register"].with_company(company).create(
                    {
                        "name": f"Sổ văn bản {kind} {tag}",
                        "direction": kind,
                        "company_id": company.id,
                    }
                )
            for role, group in ROLES.items():
                cls.users[role, tag] = new_test_user(
                    env,
                    login=f"ic2_{role}_{tag}",
                    password=f"ic2_{role}_{tag}_pw",
                    groups=group,
                    company_id=company.id,
                    company_ids=[Command.set(company.ids)],
                    name=f"{role.title()} {tag.upper()}",
                    tz="Asia/Ho_Chi_Minh",
                )
            cls.backends[tag] = env["egov.interchange.backend"].create(
                {
                    "name": f"Trục {tag.upper()}",
                    "company_id": company.id,
                    "endpoint": "http://127.0.0.1:9/egov/axis",
                    "secret": SECRET_A if tag == "a" else SECRET_B,
                    "route_same_database": False,
                }
            )
        cls.partner_c = env["res.partner"].create(
            {"name": "Sở Lạ", "is_agency": True, "is_company": True, "code_qcvn102": CODE_C}
        )
        register_agency(env, CODE_A, SECRET_A)
        register_agency(env, CODE_B, SECRET_B)
        register_agency(env, CODE_C, SECRET_C)
        cls.report_type = env.ref("egov_documents.document_type_report")

    def setUp(self):
        super().setUp()
        self.endpoint = self.base_url() + "/egov/axis"
        for backend in self.backends.values():
            backend.endpoint = self.endpoint

    # --- Helpers ---------------------------------------------------------------------------
    @contextmanager
    def jobs(self):
        """Trap the jobs enqueued inside; they run when :meth:`run_jobs` is called."""
        with trap_jobs() as trap:
            self.trap = trap
            yield trap

    def run_jobs(self):
        """Run the trapped jobs, and those they enqueue, until none is left."""
        for _round in range(10):
            if not self.trap.enqueued_jobs:
                return
            self.env.flush_all()
            self.trap.perform_enqueued_jobs()
            self.env.invalidate_all()
        self.fail("jobs keep enqueuing jobs")

    def poll(self, tag):
        """Collect at agency ``tag`` what the axis holds for it, and run the jobs."""
        self.env.flush_all()
        self.backends[tag]._egov_poll()
        self.run_jobs()

    def client(self, code, secret):
        return VdxpClient(self.endpoint, code, secret, timeout=20)

    def issue(self, subject="Về việc liên thông văn bản điện tử", recipients=("b",), **values):
        """A signed, numbered outgoing document of agency A issued to ``recipients``, with a
        main PDF and an appendix PDF."""
        clerk = self.users["clerk", "a"]
        Documents = self.env["egov.document"].with_user(clerk).with_company(self.agencies["a"])
        document = Documents.create(
            {
                "direction": "outgoing",
                "subject": subject,
                "document_type_id": self.report_type.id,
                "signer_name": "Nguyễn Văn Ký",
                "signer_position": "Giám đốc",
                "recipient_ids": [
                    Command.create(
                        {"kind": "agency", "partner_id": self.agencies[tag].partner_id.id}
                    )
                    for tag in recipients
                ],
                "file_ids": [
                    Command.create(
                        {
                            "name": "van-ban.pdf",
                            "datas": base64.b64encode(MINIMAL_PDF),
                            "role": "main",
                        }
                    ),
                    Command.create(
                        {
                            "name": "phu-luc.pdf",
                            "datas": base64.b64encode(second_pdf()),
                            "role": "appendix",
                        }
                    ),
                ],
                **values,
            }
        )
        system_env(document.sudo()).write({"outgoing_state": "signed"})
        document.action_assign_number()
        document.action_issue()
        return document

    def received(self, outgoing, tag="b"):
        """Agency ``tag``'s copy of ``outgoing`` (active or not)."""
        return (
            self.env["egov.document"]
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "=", self.agencies[tag].id),
                    ("direction", "=", "incoming"),
                    ("egov_edxml_document_id", "=", outgoing.document_identifier),
                ]
            )
        )

    def statuses(self, line):
        return line.status_ids.sorted(lambda s: (s.reported_at, s.id)).mapped("code")

    def messages(self, tag, **domain):
        return self.env["egov.interchange.message"].search(
            [("company_id", "=", self.agencies[tag].id)]
            + [(key, "=", value) for key, value in domain.items()]
        )

    @staticmethod
    def today():
        return date.today()
