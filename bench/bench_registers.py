"""How long the outgoing register book (NĐ 30/2020 Phụ lục IV) takes to print for a quarter of
N documents, through Odoo's report engine and wkhtmltopdf, as a clerk.

Run against a database where egov_reports is installed; everything it adds is rolled back:

    python3 bench/bench_registers.py -d egov_bench --rows 5000 [--http-port 8069] [--pdf out.pdf]

Prints the figures; it is not a test. wkhtmltopdf loads the style sheets of Odoo's report
layout over HTTP from ``report.url`` (by default the loopback address and ``--http-port``):
start Odoo on that database and port first for the real figure; without a running server
they are skipped (the register's own styles are inline).
"""

import argparse
import io
import time
from datetime import date, timedelta
from pathlib import Path

from bench_documents import open_registry

from odoo import SUPERUSER_ID, Command, api


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--db-host", default="127.0.0.1")
    parser.add_argument("--db-user", default="odoo")
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument(
        "--http-port",
        default="8069",
        help="port of a running Odoo serving this database: wkhtmltopdf loads the report's "
        "style sheets from it",
    )
    parser.add_argument("--pdf", help="also write the PDF to this path")
    parser.add_argument(
        "--addons-path", help="Odoo addons path (default: Odoo's own addons and this repository)"
    )
    return parser.parse_args()


def populate(env, rows):
    """A bench agency with an outgoing register holding ``rows`` numbers in Q2 2031, one in
    fifty voided. Documents are created by the ORM in batches; the entries likewise."""
    from odoo.addons.egov_documents.models.egov_guard import system_env  # noqa: PLC0415

    env = env(context={"tracking_disable": True, "mail_create_nolog": True, "lang": "vi_VN"})
    parent = env["res.partner"].create(
        {"name": "UBND tỉnh Bench", "is_company": True, "is_agency": True}
    )
    company = env["res.company"].create(
        {
            "name": "Sở Nội vụ tỉnh Bench",
            "agency_abbreviation": "SNV",
            "agency_parent_id": parent.id,
        }
    )
    clerk = env["res.users"].create(
        {
            "name": "Văn thư Bench",
            "login": "bench.register.clerk",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.link(env.ref("egov_documents.group_egov_clerk").id)],
        }
    )
    register = env["egov.register"].create(
        {"name": "Sổ đăng ký văn bản đi", "direction": "outgoing", "company_id": company.id}
    )
    document_type = env.ref("egov_documents.document_type_official_letter")
    first = date(2031, 4, 1)
    documents = system_env(env["egov.document"], sudo=True).create(
        [
            {
                "direction": "outgoing",
                "company_id": company.id,
                "subject": f"V/v hướng dẫn nghiệp vụ văn thư, lưu trữ điện tử đợt {n}",
                "document_type_id": document_type.id,
                "signer_name": "Nguyễn Văn Bình",
                "recipient_places": "- UBND các huyện, thị xã, thành phố;\n- Lưu: VT, VP.",
                "outgoing_state": "numbered",
                "register_id": register.id,
                "number": f"{n:02d}",
                "notation": "SNV-VP",
                "issued_date": first + timedelta(days=(n * 90) // (rows + 1)),
            }
            for n in range(1, rows + 1)
        ]
    )
    entries = system_env(env["egov.register.entry"], sudo=True).create(
        [
            {
                "register_id": register.id,
                "year": 2031,
                "number": n,
                "document_id": document.id,
                "state": "voided" if n % 50 == 0 else "used",
                "void_reason": "Cấp nhầm số" if n % 50 == 0 else False,
            }
            for n, document in enumerate(documents, start=1)
        ]
    )
    _link(env, documents, entries)
    env.invalidate_all()
    return clerk, register


def _link(env, documents, entries):
    from psycopg2.extras import execute_values  # noqa: PLC0415

    execute_values(
        env.cr._obj,
        "UPDATE egov_document d SET register_entry_id = v.entry"
        " FROM (VALUES %s) AS v(id, entry) WHERE d.id = v.id",
        [(document.id, entry.id) for document, entry in zip(documents, entries, strict=True)],
    )


def main():
    args = parse_args()
    registry = open_registry(args, "--http-port", args.http_port)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        started = time.perf_counter()
        clerk, register = populate(env, args.rows)
        print(f"setup: {args.rows} numbered documents in {time.perf_counter() - started:.1f} s")
        data = {"register_id": register.id, "date_from": "2031-04-01", "date_to": "2031-06-30"}
        clerk_env = api.Environment(cr, clerk.id, {"lang": "vi_VN"})
        book = clerk_env["egov.register.book"]
        started = time.perf_counter()
        rows = book._egov_book(
            register.with_env(clerk_env), date_from=date(2031, 4, 1), date_to=date(2031, 6, 30)
        )["rows"]
        rows_seconds = time.perf_counter() - started
        report = clerk_env.ref("egov_reports.action_report_egov_register")
        started = time.perf_counter()
        pdf, _kind = report._render_qweb_pdf(report.report_name, register.ids, data=data)
        pdf_seconds = time.perf_counter() - started
        from pdfminer.pdfpage import PDFPage  # noqa: PLC0415

        pages = sum(1 for _page in PDFPage.get_pages(io.BytesIO(pdf)))
        print(f"rows of the book: {len(rows)} in {rows_seconds:.2f} s")
        print(
            f"outgoing register PDF, {len(rows)} rows: {pdf_seconds:.1f} s, {pages} pages, "
            f"{len(pdf) / 1024 / 1024:.1f} MiB"
        )
        if args.pdf:
            Path(args.pdf).write_bytes(pdf)
        cr.rollback()


if __name__ == "__main__":
    main()
