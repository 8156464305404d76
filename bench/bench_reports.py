"""Province-scale figures for egov_reports: how long the compliance statistics take when the
database holds many agencies and a million documents.

Run against a scratch database where egov_reports is installed (it adds rows):

    python3 bench/bench_reports.py -d egov_bench --agencies 200 --documents 1000000

The documents are inserted by ``bench_documents.populate`` (batched SQL); this script then
registers most of them (registration time and due time), distributes a tenth with an
assignment and issues outgoing documents, all in SQL, and times, through the ORM with the
access rights and record rules of a province office user and of one agency's clerk:
the province roll-up of a quarter, one agency's figures, and the pivot's first screen.
Prints the figures; it is not a test.
"""

import random
import time
from datetime import date

from bench_documents import open_registry, parse_args, populate, timed

from odoo import SUPERUSER_ID, api


def complete(env, outgoing_share=0.2):
    """Give the populated documents what the statistics measure, once."""
    cr = env.cr
    started = time.perf_counter()
    cr.execute(
        """
        UPDATE egov_document
           SET egov_register_due = received_at + interval '1 day',
               present_due = received_at + interval '1 day',
               registered_at = received_at + (id % 3) * interval '14 hours',
               arrival_channel = CASE WHEN id % 10 = 0 THEN 'paper' ELSE 'axis' END
         WHERE direction = 'incoming' AND incoming_state <> 'arrived'
           AND (egov_register_due IS NULL OR present_due IS NULL)
        """
    )
    # outgoing documents and assignments for the documents added since the last run
    params = env["ir.config_parameter"].sudo()
    done_up_to = int(params.get_param("bench_reports.completed_up_to", 0))
    cr.execute("SELECT COALESCE(max(id), 0) FROM egov_document WHERE direction = 'incoming'")
    last = cr.fetchone()[0]
    cr.execute(
        """
        INSERT INTO egov_document (company_id, direction, outgoing_state, subject,
               document_type_id, urgency, confidentiality, language, steering_type,
               signed_at, issue_due, issued_at, sequence_date, year, active,
               create_uid, write_uid, create_date, write_date)
        SELECT company_id, 'outgoing', 'issued', 'Văn bản đi ' || id, document_type_id,
               'normal', 'normal', 'vi', '0', received_at, received_at + interval '20 hours',
               received_at + (id %% 2) * interval '1 day', received_at, year, true,
               1, 1, now(), now()
          FROM egov_document
         WHERE direction = 'incoming' AND id > %s AND id <= %s AND id %% %s = 0
        """,
        [done_up_to, last, round(1 / outgoing_share)],
    )
    cr.execute(
        """
        INSERT INTO egov_assignment (document_id, company_id, confidential, sequence, role,
               assigned_by_id, assigned_at, deadline, state, completed_at, parent_path,
               create_uid, write_uid, create_date, write_date)
        SELECT id, company_id, false, 10, 'lead', 1, received_at,
               received_at + interval '10 days',
               CASE WHEN id %% 3 = 0 THEN 'in_progress' ELSE 'done' END,
               CASE WHEN id %% 3 = 0 THEN NULL
                    ELSE received_at + (id %% 15) * interval '1 day' END,
               '', 1, 1, now(), now()
          FROM egov_document
         WHERE direction = 'incoming' AND id > %s AND id <= %s
           AND incoming_state IN ('distributed', 'in_progress', 'done') AND id %% 2 = 0
        """,
        [done_up_to, last],
    )
    cr.execute("UPDATE egov_assignment SET parent_path = id || '/' WHERE parent_path = ''")
    params.set_param("bench_reports.completed_up_to", last)
    # what the ORM stores on the document for the statistics (populate inserts with SQL)
    cr.execute(
        """
        UPDATE egov_document
           SET egov_stat_date = CASE WHEN direction = 'incoming' THEN arrived_at
                                     ELSE issued_at END
         WHERE egov_stat_date IS NULL AND direction IN ('incoming', 'outgoing')
        """
    )
    cr.execute("ANALYZE egov_document")
    cr.execute("ANALYZE egov_assignment")
    cr.commit()
    return time.perf_counter() - started


def bench_user(env, login, name, groups, company):
    user = env["res.users"].search([("login", "=", login)])
    values = {
        "company_id": company.id,
        "company_ids": [(6, 0, company.ids)],
        "groups_id": [(6, 0, [env.ref(group).id for group in groups])],
    }
    if user:
        user.write(values)
    else:
        user = env["res.users"].create({"name": name, "login": login, **values})
    return user


def main():
    args = parse_args()
    registry = open_registry(args)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        companies, added, seconds = populate(env, args.agencies, args.documents)
        completed = complete(env)
        cr.execute(
            "SELECT count(*) FILTER (WHERE direction = 'incoming'),"
            " count(*) FILTER (WHERE direction = 'outgoing'), count(DISTINCT company_id)"
            " FROM egov_document"
        )
        incoming, outgoing, agencies = cr.fetchone()
        cr.execute("SELECT count(*) FROM egov_assignment")
        assignments = cr.fetchone()[0]
        print(
            f"database: {incoming} incoming and {outgoing} outgoing documents, {assignments} "
            f"assignments in {agencies} agencies ({added} documents added in {seconds:.1f} s, "
            f"statistics data completed in {completed:.1f} s)"
        )
        company = random.Random(1).choice(companies)
        office = bench_user(
            env,
            "bench.province",
            "Bench Province Office",
            ["egov_reports.group_egov_province_office"],
            company,
        )
        clerk = bench_user(
            env, "bench.clerk", "Bench Clerk", ["egov_documents.group_egov_clerk"], company
        )
        cr.commit()
        all_agencies = env["res.company"].search([])
        Office = env["egov.report.stat"].with_user(office).with_context(tz="Asia/Ho_Chi_Minh")
        Clerk = env["egov.report.stat"].with_user(clerk).with_company(company)
        cr.execute("SELECT min(arrived_at), max(arrived_at) FROM egov_document")
        first, last = cr.fetchone()
        year = last.year
        quarter = (date(year, 1, 1), date(year, 3, 31))
        whole = (first.date(), last.date())
        figures = {
            "province roll-up, one quarter (all figures)": lambda: Office._egov_total(
                Office._egov_figures(all_agencies, *quarter)
            ),
            "province roll-up, whole history (all figures)": lambda: Office._egov_total(
                Office._egov_figures(all_agencies, *whole)
            ),
            "one agency, whole history (clerk)": lambda: Clerk._egov_figures(company, *whole),
            "pivot: agencies x quarters, 6 measures": lambda: Office.read_group(
                [],
                [
                    "document_count:sum",
                    "electronic_rate:avg",
                    "axis_rate:avg",
                    "signed_rate:avg",
                    "register_on_time_rate:avg",
                    "issue_on_time_rate:avg",
                ],
                ["company_id", "date:quarter"],
                lazy=False,
            ),
        }
        for label, function in figures.items():
            env.invalidate_all()
            median, worst = timed(function, args.repeat)
            print(f"{label:<48} median {median:8.1f} ms   max {worst:8.1f} ms")
        cr.rollback()


if __name__ == "__main__":
    main()
