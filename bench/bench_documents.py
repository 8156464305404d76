"""Province-scale figures for egov_documents: how long the clerk's lists and counts take
when the database holds many agencies and documents, and how fast numbers are taken.

Run against a database where egov_documents is installed (it adds rows; use a scratch
database):

    python3 bench/bench_documents.py -d egov_bench --agencies 200 --documents 1000000

Prints the figures; it is not a test. Rows are inserted with batched SQL (the ORM would
take hours for a million documents); the timed calls go through the ORM with a clerk's
access rights and record rules, as the web client does.
"""

import argparse
import random
import statistics
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

STATES = ["arrived", "received", "distributed", "in_progress", "done"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--db-host", default="127.0.0.1")
    parser.add_argument("--db-user", default="odoo")
    parser.add_argument("--agencies", type=int, default=200)
    parser.add_argument("--documents", type=int, default=200000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--addons-path", help="Odoo addons path (default: Odoo's own addons and this repository)"
    )
    return parser.parse_args()


def timed(function, repeat):
    samples = []
    for _i in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def populate(env, agencies, documents):
    cr = env.cr
    calendar = env.ref("egov_documents.resource_calendar_egov_office_hours")
    document_type = env.ref("egov_documents.document_type_official_letter")
    companies = env["res.company"].search([("name", "like", "Bench agency %")])
    missing = agencies - len(companies)
    if missing > 0:
        start = len(companies)
        companies |= env["res.company"].create(
            [
                {
                    "name": f"Bench agency {index:04d}",
                    "code_qcvn102": f"000.{index // 100:02d}.{index % 100:02d}.H97"[-13:],
                    "agency_abbreviation": f"BA{index}",
                    "resource_calendar_id": calendar.id,
                }
                for index in range(start + 1, start + missing + 1)
            ]
        )
    companies = companies[:agencies]
    cr.execute("SELECT count(*) FROM egov_document")
    existing = cr.fetchone()[0]
    to_add = max(documents - existing, 0)
    batch = 50000
    started = time.perf_counter()
    for offset in range(0, to_add, batch):
        size = min(batch, to_add - offset)
        cr.execute(
            """
            INSERT INTO egov_document (company_id, direction, incoming_state, subject, number, notation,
                   number_notation, document_type_id, issuing_agency_id, urgency, confidentiality, language,
                   steering_type, arrival_channel, arrived_at, received_at, sequence_date, year, arrival_number,
                   active, create_uid, write_uid, create_date, write_date)
            SELECT c.id, 'incoming', (%(states)s)[1 + (g %% 5)], 'Văn bản số ' || g, (g %% 9000)::text, 'UBND-VP',
                   (g %% 9000)::text || '/UBND-VP', %(type)s, c.partner_id, 'normal', 'normal', 'vi', '0', 'axis',
                   now() - (g %% 700) * interval '1 day', now() - (g %% 700) * interval '1 day',
                   now() - (g %% 700) * interval '1 day', 2026, g, true, 1, 1, now(), now()
              FROM generate_series(%(first)s, %(last)s) g
              JOIN res_company c ON c.id = (%(companies)s)[1 + (g %% %(count)s)]
            """,
            {
                "states": STATES,
                "type": document_type.id,
                "first": existing + offset + 1,
                "last": existing + offset + size,
                "companies": companies.ids,
                "count": len(companies),
            },
        )
        cr.commit()
    cr.execute("ANALYZE egov_document")
    cr.commit()
    return companies, to_add, time.perf_counter() - started


def default_addons_path():
    odoo_root = Path(odoo.__path__[0]).parent
    paths = [str(odoo_root / "addons")] if (odoo_root / "addons" / "web").is_dir() else []
    root = Path(__file__).resolve().parent.parent
    return [*paths, str(root), str(root / "addons")]


def open_registry(args, *options):
    """The registry of the bench database named by the command line (``-d``, ``--db-host``,
    ``--db-user``, ``--addons-path``, and Odoo ``options``); shared by the benchmarks that
    build on this one."""
    addons_path = args.addons_path or ",".join(default_addons_path())
    odoo.tools.config.parse_config(
        [
            "-d",
            args.database,
            "--db_host",
            args.db_host,
            "--db_user",
            args.db_user,
            "--addons-path",
            addons_path,
            *options,
        ]
    )
    return Registry(args.database)


def main():
    args = parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        companies, added, seconds = populate(env, args.agencies, args.documents)
        cr.execute("SELECT count(*), count(DISTINCT company_id) FROM egov_document")
        total, agencies = cr.fetchone()
        print(
            f"database: {total} documents in {agencies} agencies ({added} added in {seconds:.1f} s)"
        )
        company = random.Random(1).choice(companies)
        clerk = env["res.users"].search([("login", "=", "bench.clerk")]) or env["res.users"].create(
            {
                "name": "Bench Clerk",
                "login": "bench.clerk",
                "company_id": company.id,
                "company_ids": [(6, 0, company.ids)],
                "groups_id": [(6, 0, [env.ref("egov_documents.group_egov_clerk").id])],
            }
        )
        clerk.write({"company_id": company.id, "company_ids": [(6, 0, company.ids)]})
        cr.commit()
        Documents = env["egov.document"].with_user(clerk).with_company(company)
        fields = [
            "arrival_number",
            "received_at",
            "number_notation",
            "issued_date",
            "issuing_agency_id",
            "document_type_id",
            "subject",
            "urgency",
            "deadline",
            "incoming_state",
        ]
        domain = [("direction", "=", "incoming")]
        figures = {
            "incoming list, first page of 80 (search_read)": lambda: Documents.search_read(
                domain, fields, limit=80, order="sequence_date desc, id desc"
            ),
            "awaiting registration count": lambda: Documents.search_count(
                domain + [("incoming_state", "=", "arrived")]
            ),
            "all incoming count (pager)": lambda: Documents.search_count(domain),
            "search by number/notation": lambda: Documents.search(
                domain + [("number_notation", "ilike", "4521/UBND")], limit=80
            ),
            "group by status (read_group)": lambda: Documents.read_group(
                domain, ["incoming_state"], ["incoming_state"]
            ),
        }
        for label, function in figures.items():
            env.invalidate_all()
            median, worst = timed(function, args.repeat)
            print(f"{label:<48} median {median:8.1f} ms   max {worst:8.1f} ms")
        register = env["egov.register"].search(
            [("company_id", "=", company.id), ("direction", "=", "incoming")], limit=1
        ) or env["egov.register"].create(
            {"name": "Bench register", "direction": "incoming", "company_id": company.id}
        )
        start = time.perf_counter()
        count = 200
        for _i in range(count):
            register._take_number(env["egov.document"], odoo.fields.Date.today())
        elapsed = time.perf_counter() - start
        print(f"{'numbers taken (one transaction)':<48} {count / elapsed:8.0f} numbers/s")
        cr.rollback()


if __name__ == "__main__":
    main()
