"""Evidence of an exchange between two agencies over the axis, on a real Odoo server (not a
test: it is not imported by the test suite).

    echo "from odoo.addons.egov_interchange.tests.evidence_exchange import run; print(run(env, PORT))" \
        | python3 -m odoo shell -c CONFIG -d DATABASE --no-http

Needs an Odoo server of DATABASE (egov_interchange installed, best with vi_VN loaded) on
127.0.0.1:PORT: it serves the hub at ``/egov/axis``. This script, in its own process, sets up
agencies A and B with VDXP backends pointed at that hub (direct delivery off), issues one
document with two PDF files from A to B, and runs the flows the way the job runner would, but
at once (queue_job's ``queue_job__no_delay``), committing after each step so that the server
sees it: B receives it (01), registers (03), distributes (04), handles (05) and completes it
(06); A collects each status. It reports the sender's recipient line with each status and its
time, and the exchange messages of both agencies: ``run`` returns that Markdown.
"""

import base64
from datetime import date, timedelta

from odoo import Command

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_documents.rules.worktime import to_iso
from odoo.addons.egov_documents.tests.common import MINIMAL_PDF

from .interchange_common import second_pdf

CODES = {"a": "000.00.51.H95", "b": "000.00.52.H95"}
NAMES = {"a": "Sở Nội vụ tỉnh Minh họa", "b": "Sở Tài chính tỉnh Minh họa"}


def setup(env, port, password):
    calendar = env.ref("egov_documents.resource_calendar_egov_office_hours")
    province = env["res.partner"].create(
        {
            "name": "UBND tỉnh Minh họa",
            "is_agency": True,
            "is_company": True,
            "code_qcvn102": "000.00.00.H95",
        }
    )
    agencies, users, backends = {}, {}, {}
    for tag in ("a", "b"):
        company = env["res.company"].create(
            {
                "name": NAMES[tag],
                "code_qcvn102": CODES[tag],
                "agency_abbreviation": "SNV" if tag == "a" else "STC",
                "agency_level": "department",
                "agency_parent_id": province.id,
                "resource_calendar_id": calendar.id,
            }
        )
        agencies[tag] = company
        for kind in ("incoming", "outgoing"):
            env["egov.register"].create(
                {"name": f"Sổ văn bản {kind}", "direction": kind, "company_id": company.id}
            )
        for role, group in (
            ("clerk", "group_egov_clerk"),
            ("leader", "group_egov_agency_leader"),
            ("officer", "group_egov_officer"),
        ):
            users[role, tag] = env["res.users"].create(
                {
                    "name": f"{role.title()} {NAMES[tag]}",
                    "login": f"ic2ev_{role}_{tag}",
                    "password": password,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [Command.link(env.ref(f"egov_documents.{group}").id)],
                    "tz": "Asia/Ho_Chi_Minh",
                    "lang": "vi_VN" if env["res.lang"]._lang_get("vi_VN") else "en_US",
                }
            )
        secret = f"evidence-secret-{tag}-0123456789"
        env["egov.axis.agency"]._egov_register(CODES[tag], NAMES[tag], secret)
        backends[tag] = env["egov.interchange.backend"].create(
            {
                "name": "Trục liên thông tỉnh",
                "company_id": company.id,
                "endpoint": f"http://127.0.0.1:{port}/egov/axis",
                "secret": secret,
                "route_same_database": False,
            }
        )
    return agencies, users, backends


def run(env, port, password="ic2-evidence"):
    """Set up, exchange and print (``env``: an ``odoo shell`` environment)."""
    cr = env.cr

    def commit():
        # the server (the hub) reads what this script wrote: a script, not a flow of the module
        cr.commit()  # pylint: disable=invalid-commit

    env = env(context={"queue_job__no_delay": True, "tracking_disable": False})
    agencies, users, backends = setup(env, port, password)
    commit()
    clerk = users["clerk", "a"]
    document = (
        env["egov.document"]
        .with_user(clerk)
        .with_company(agencies["a"])
        .create(
            {
                "direction": "outgoing",
                "subject": "Về việc triển khai liên thông văn bản điện tử qua trục tỉnh",
                "document_type_id": env.ref("egov_documents.document_type_report").id,
                "signer_name": "Nguyễn Văn An",
                "signer_position": "Giám đốc",
                "reply_deadline": date.today() + timedelta(days=10),
                "recipient_ids": [
                    Command.create({"kind": "agency", "partner_id": agencies["b"].partner_id.id})
                ],
                "file_ids": [
                    Command.create(
                        {"name": "cong-van.pdf", "datas": base64.b64encode(MINIMAL_PDF)}
                    ),
                    Command.create(
                        {
                            "name": "phu-luc.pdf",
                            "datas": base64.b64encode(second_pdf()),
                            "role": "appendix",
                        }
                    ),
                ],
            }
        )
    )
    system_env(document.sudo()).write({"outgoing_state": "signed"})
    document.action_assign_number()
    document.action_issue()
    commit()

    def poll(tag):
        backends[tag]._egov_poll()
        commit()

    poll("b")
    incoming = env["egov.document"].search(
        [("company_id", "=", agencies["b"].id), ("direction", "=", "incoming")], limit=1
    )
    poll("a")
    incoming.with_user(users["clerk", "b"]).action_register()
    commit()
    poll("a")
    incoming.with_user(users["leader", "b"])._egov_distribute(
        {"user_id": users["officer", "b"].id}, directive="Phòng Ngân sách chủ trì xử lý"
    )
    commit()
    poll("a")
    incoming.sudo()._egov_move("in_progress")
    commit()
    poll("a")
    incoming.sudo()._egov_move("done")
    commit()
    poll("a")

    line = document.sudo().recipient_ids
    out = []
    out.append(f"# Exchange over the axis: {document.number_notation} from A to B\n")
    out.append(f"Outgoing document id {document.id} of {agencies['a'].name}; received as incoming")
    out.append(f"document id {incoming.id} of {agencies['b'].name}.\n")
    out.append("## The sender's recipient line\n")
    out.append(f"- {line.partner_id.name}: channel {line.channel}, delivery {line.delivery_state}")
    out.append("\n| Status | Note | Reported at |\n|---|---|---|")
    for status in line.status_ids.sorted(lambda s: (s.reported_at, s.id)):
        out.append(f"| {status.code} | {status.note or ''} | {to_iso(status.reported_at)} |")
    out.append("\n## Exchange messages\n")
    out.append(
        "| Agency | Direction | Kind | Status code | State | Axis DocId |\n|---|---|---|---|---|---|"
    )
    messages = env["egov.interchange.message"].search(
        [("company_id", "in", [agencies["a"].id, agencies["b"].id])], order="id"
    )
    for message in messages:
        out.append(
            f"| {message.company_id.name} | {message.direction} | {message.kind} | "
            f"{message.status_code or ''} | {message.state} | {message.external_id} |"
        )
    out.append(
        f"\nScreenshot: /odoo/action-egov_documents.action_egov_document_outgoing/{document.id}"
    )
    out.append(f"as {clerk.login}")
    return "\n".join(out)
