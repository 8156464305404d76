"""End-to-end throughput of the document interchange: documents/second from agency A to
agency B over the axis, with queue_job's runner executing the transfers.

    python3 bench/bench_interchange.py [-d ic4_bench] [--documents 200] [--port 18107] [--keep]
        [--burst]

What it does (prints figures; it is not a test):

1. creates the scratch database (installs egov_interchange, which brings egov_documents and
   queue_job) unless it already has egov_interchange (then it updates it), then sets up
   through the ORM: two agencies A and B (QCVN 102 codes), a clerk, an incoming and an
   outgoing register in each, both codes registered on the hub of this same database with a
   fresh random secret (and a rate limit high enough not to throttle the run: the default
   is 120 requests/minute), and a VDXP backend per agency pointing at
   ``http://127.0.0.1:<port>/egov/axis`` with "Deliver Directly in This System" off (so
   A's documents to B go over the axis) and the minimal polling interval;
2. writes ``var/bench-interchange.conf`` (from the ``-c`` configuration, default
   ``var/odoo.test.conf``: ``server_wide_modules = base,web,queue_job``, ``[queue_job]
   channels``, the port) and starts a real Odoo server on it (threaded, ``--workers=0``:
   the job runner runs in a thread of it, and the server is also the hub); waits for
   ``/web/health``;
3. issues N outgoing documents of A to B, each with its own ~1 MB PDF, one transaction per
   document (retried on a serialization failure, as the RPC layer does), through the entry
   points the exchange tests use (the clerk creates the document, the signed state is set as
   the signing would, ``action_assign_number``, ``action_issue``): each issue builds the
   edXML package and enqueues its send job;
4. receiving is driven by enqueuing the backends' poll (``_egov_poll``, what the poll cron
   calls) as a queue job every ``--poll-every`` seconds per agency, one at a time (the
   cron's own minimum interval is one minute); B's receive jobs create the incoming
   documents and enqueue status 01, A's poll brings status 01 back to the sender's line;
5. watches the database read-only until every document has arrived at B and every
   sender's line has status 01, and prints: documents, seconds, documents/second end to
   end, p50/p95 latency (from the send job's creation to the incoming document's arrival at
   B, and to status 01 recorded on A's line), the queue jobs by kind and state with their
   postponed runs, the exchange messages by state, the packages the hub stored (duplicates
   show as fewer distinct packages than items), and the machine.

``--burst`` issues every document before the server starts and times the server draining
the queue from its start: the transport alone, without the issuing done by this process.

The server process is stopped on exit (also on Ctrl-C). A database created by the run is
dropped with its filestore at the end unless ``--keep``; a database that already had
egov_interchange is reused (its modules updated first) and kept. The server's log is
``var/bench-interchange-server.log``.
"""

import argparse
import configparser
import io
import os
import platform
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CODE_PROVINCE = "000.00.00.H96"
AGENCIES = {
    "a": ("000.00.81.H96", "Sở Nội vụ (bench liên thông)", "SNVBENCH"),
    "b": ("000.00.82.H96", "Sở Tài chính (bench liên thông)", "STCBENCH"),
}
CHANNEL = "root.egov_interchange"
MARK = b"BENCH-DOC-000000"  # fixed width: replaced in place, the PDF's offsets stay valid


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("-d", "--database", default="ic4_bench")
    parser.add_argument(
        "-c",
        "--config",
        default=str(ROOT / "var" / "odoo.test.conf"),
        help="Odoo configuration to start from (default: var/odoo.test.conf)",
    )
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--port", type=int, default=18107, help="HTTP port of the server")
    parser.add_argument("--channels", default="root:4", help="[queue_job] channels")
    parser.add_argument("--pdf-bytes", type=int, default=2**20)
    parser.add_argument("--poll-every", type=float, default=1.0, help="seconds")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds")
    parser.add_argument("--stall", type=float, default=300, help="seconds without progress")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--burst",
        action="store_true",
        help="issue every document before the server starts, then time the server draining "
        "the queue (the transport alone, without the issuing in the bench process)",
    )
    return parser.parse_args()


# --- Database and configuration ----------------------------------------------------------
def module_state(config, database):
    """State of egov_interchange in ``database`` (None: no such database or no Odoo)."""
    import psycopg2

    options = config["options"]
    params = {
        "host": options.get("db_host", "127.0.0.1"),
        "port": options.get("db_port", "5432"),
        "user": options.get("db_user", "odoo"),
    }
    if options.get("db_password", "False") not in ("False", ""):
        params["password"] = options["db_password"]
    try:
        connection = psycopg2.connect(dbname=database, **params)
    except psycopg2.OperationalError:
        return None
    try:
        with connection.cursor() as cr:
            cr.execute("SELECT state FROM ir_module_module WHERE name = 'egov_interchange'")
            row = cr.fetchone()
            return row and row[0]
    except psycopg2.Error:
        return None
    finally:
        connection.close()


def write_config(args):
    """``var/bench-interchange.conf``: the base configuration with queue_job server-wide,
    its channels and this run's port."""
    config = configparser.ConfigParser(interpolation=None)
    if not config.read(args.config):
        sys.exit(f"configuration {args.config} not found (scripts/test generates it)")
    options = config["options"]
    options["server_wide_modules"] = "base,web,queue_job"
    options["http_interface"] = "127.0.0.1"
    options["http_port"] = str(args.port)
    options["workers"] = "0"
    options["max_cron_threads"] = "1"
    options["list_db"] = "False"
    options["db_name"] = args.database
    options["dbfilter"] = f"^{args.database}$"
    options["without_demo"] = "all"
    options["log_level"] = "warn"
    options["logfile"] = str(ROOT / "var" / "bench-interchange-server.log")
    if not config.has_section("queue_job"):
        config.add_section("queue_job")
    config["queue_job"]["channels"] = args.channels
    path = ROOT / "var" / "bench-interchange.conf"
    path.parent.mkdir(exist_ok=True)
    with path.open("w") as handle:
        handle.write("; written by bench/bench_interchange.py\n")
        config.write(handle)
    return config, path


def odoo_command(config_path, database, *extra):
    return [sys.executable, "-m", "odoo", "-c", str(config_path), "-d", database, *extra]


def ensure_database(config, config_path, args):
    state = module_state(config, args.database)
    if state == "installed":
        print(f"database {args.database}: reused (kept at the end); updating its modules ...")
        update_database(config_path, args)  # the code may have changed since it was made
        return False
    print(f"database {args.database}: installing egov_interchange ...", flush=True)
    started = time.perf_counter()
    result = subprocess.run(
        odoo_command(
            config_path,
            args.database,
            "-i",
            "egov_interchange",
            "--stop-after-init",
            "--without-demo=all",
            f"--http-port={args.port}",
            "--max-cron-threads=0",
        ),
        cwd=ROOT,
        check=False,
    )
    if result.returncode or module_state(config, args.database) != "installed":
        sys.exit(
            f"installing egov_interchange in {args.database} failed: "
            "see var/bench-interchange-server.log"
        )
    print(f"database {args.database}: installed in {time.perf_counter() - started:.0f} s")
    return True


def update_database(config_path, args):
    result = subprocess.run(
        odoo_command(
            config_path,
            args.database,
            "-u",
            "egov_documents,egov_interchange",
            "--stop-after-init",
            f"--http-port={args.port}",
            "--max-cron-threads=0",
        ),
        cwd=ROOT,
        check=False,
    )
    if result.returncode:
        sys.exit(f"updating {args.database} failed: see var/bench-interchange-server.log")


# --- Sample PDF --------------------------------------------------------------------------
def pdf_template(size):
    """A one-page PDF of about ``size`` bytes (a noise image: incompressible) whose page
    carries the fixed-width text MARK, uncompressed, to be replaced per document."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    side = int((size / 3 / 1.25) ** 0.5)  # image data is written in ASCII85 (5/4)
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pageCompression=0)
    pdf.drawString(72, 800, "Van ban lien thong (bench) " + MARK.decode())
    pdf.drawImage(ImageReader(image), 72, 200, 450, 450)
    pdf.showPage()
    pdf.save()
    data = buffer.getvalue()
    if data.count(MARK) != 1:
        sys.exit("the sample PDF does not carry its mark once")
    return data


def pdf_for(template, index):
    return template.replace(MARK, f"BENCH-DOC-{index:06d}".encode())


# --- Setup through the ORM ---------------------------------------------------------------
def setup(env, args, secret):
    """Agencies, clerks, registers, hub registrations and backends (idempotent)."""
    from odoo import Command

    Partners = env["res.partner"].with_context(active_test=False)
    province = Partners.search([("code_qcvn102", "=", CODE_PROVINCE)], limit=1)
    if not province:
        province = Partners.create(
            {
                "name": "UBND tỉnh (bench liên thông)",
                "is_company": True,
                "is_agency": True,
                "code_qcvn102": CODE_PROVINCE,
                "code_qd20": "H96",
                "agency_level": "province",
            }
        )
    calendar = env.ref("egov_documents.resource_calendar_egov_office_hours")
    clerk_group = env.ref("egov_documents.group_egov_clerk")
    endpoint = f"http://127.0.0.1:{args.port}/egov/axis"
    agencies, clerks, backends = {}, {}, {}
    for tag, (code, name, abbreviation) in AGENCIES.items():
        company = env["res.company"].search([("code_qcvn102", "=", code)], limit=1)
        if not company:
            company = env["res.company"].create(
                {
                    "name": name,
                    "code_qcvn102": code,
                    "code_qd20": f"H96.{code[7:9]}",
                    "agency_abbreviation": abbreviation,
                    "agency_level": "department",
                    "agency_parent_id": province.id,
                    "resource_calendar_id": calendar.id,
                }
            )
        if company.name != name:
            company.name = name
        agencies[tag] = company
        for direction in ("incoming", "outgoing"):
            domain = [("company_id", "=", company.id), ("direction", "=", direction)]
            if not env["egov.register"].search(domain, limit=1):
                env["egov.register"].with_company(company).create(
                    {
                        "name": f"Sổ văn bản {direction} (bench {tag})",
                        "direction": direction,
                        "company_id": company.id,
                    }
                )
        login = f"bench.interchange.clerk.{tag}"
        clerk = env["res.users"].with_context(active_test=False).search([("login", "=", login)])
        if not clerk:
            clerk = (
                env["res.users"]
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": f"Văn thư {tag.upper()} (bench)",
                        "login": login,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set(clerk_group.ids)],
                        "tz": "Asia/Ho_Chi_Minh",
                    }
                )
            )
        clerks[tag] = clerk
        # the hub's directory names the agency as it names itself (the directory sync
        # copies these names onto the agencies' partners)
        env["egov.axis.agency"]._egov_register(code, name, secret, rate_limit=1_000_000)
        values = {
            "name": f"Trục liên thông (bench {tag})",
            "endpoint": endpoint,
            "secret": secret,
            "route_same_database": False,
            "poll_interval": 1,
            "timeout": 120,
            "active": True,
        }
        Backends = env["egov.interchange.backend"].with_context(active_test=False)
        backend = Backends.search([("company_id", "=", company.id), ("transport", "=", "vdxp")])
        if backend:
            backend.write(values)
        else:
            backend = Backends.create({"company_id": company.id, **values})
        backends[tag] = backend
    return agencies, clerks, backends


def issue(env, company, clerk, receiver, pdf, index):
    """One outgoing document of ``company`` to ``receiver``, issued the way the exchange
    tests issue it (interchange_common.InterchangeCase.issue): its send job is enqueued."""
    import base64

    from odoo import Command

    from odoo.addons.egov_documents.models.egov_guard import system_env

    Documents = env["egov.document"].with_user(clerk).with_company(company)
    document = Documents.create(
        {
            "direction": "outgoing",
            "subject": f"Về việc đo thông lượng liên thông văn bản điện tử, văn bản {index}",
            "document_type_id": env.ref("egov_documents.document_type_report").id,
            "signer_name": "Nguyễn Văn Ký",
            "signer_position": "Giám đốc",
            "recipient_ids": [Command.create({"kind": "agency", "partner_id": receiver.id})],
            "file_ids": [
                Command.create(
                    {
                        "name": f"van-ban-{index:06d}.pdf",
                        "datas": base64.b64encode(pdf),
                        "role": "main",
                    }
                )
            ],
        }
    )
    system_env(document.sudo()).write({"outgoing_state": "signed"})
    document.action_assign_number()
    document.action_issue()
    return document


# --- Server process ----------------------------------------------------------------------
class Server:
    def __init__(self, config_path, args):
        self.command = odoo_command(
            config_path,
            args.database,
            f"--db-filter=^{args.database}$",
            "--load=base,web,queue_job",
            "--workers=0",
            f"--http-port={args.port}",
        )
        self.url = f"http://127.0.0.1:{args.port}"
        self.process = None

    def start(self, timeout=180):
        self.process = subprocess.Popen(  # noqa: S603 (our own command line)
            self.command,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches the benchmark, which stops the server
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("the Odoo server stopped at start: see var/bench-interchange-server.log")
            try:
                health = self.url + "/web/health"
                with urllib.request.urlopen(health, timeout=5) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.5)
        sys.exit(f"the Odoo server did not answer {self.url}/web/health in {timeout} s")

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)


# --- Watching --------------------------------------------------------------------------------
class Poller:
    """Enqueues each backend's poll as a queue job, at most one waiting per backend."""

    def __init__(self, env, backends, every):
        self.env, self.backends, self.every = env, backends, every
        self.last = 0.0
        self.count = 0

    def tick(self):
        if time.monotonic() - self.last < self.every:
            return
        self.last = time.monotonic()
        for backend in self.backends:
            backend.with_delay(
                channel=CHANNEL,
                identity_key=f"bench:poll:{backend.id}",  # one waiting poll per backend
                description=f"Bench: poll {backend.system_id}",
            )._egov_poll()
            self.count += 1
        self.env.cr.commit()


PROGRESS_SQL = """
    SELECT count(inc.id), count(st.first01)
      FROM egov_document o
      JOIN egov_document_recipient r ON r.document_id = o.id
      LEFT JOIN egov_document inc
             ON inc.company_id = %(b)s AND inc.direction = 'incoming'
            AND inc.egov_edxml_document_id = o.document_identifier
      LEFT JOIN LATERAL (SELECT min(s.create_date) AS first01 FROM egov_document_status s
                          WHERE s.recipient_id = r.id AND s.code = '01') st ON true
     WHERE o.id = ANY(%(ids)s)
"""

LATENCY_SQL = """
    SELECT (SELECT min(j.date_created) FROM queue_job j
             WHERE j.identity_key = 'egov.interchange:send:' || m.id),
           inc.arrived_at, st.first01
      FROM egov_interchange_message m
      JOIN egov_document o ON o.id = m.document_id
      LEFT JOIN egov_document inc
             ON inc.company_id = %(b)s AND inc.direction = 'incoming'
            AND inc.egov_edxml_document_id = o.document_identifier
      LEFT JOIN LATERAL (SELECT min(s.create_date) AS first01 FROM egov_document_status s
                          WHERE s.recipient_id = m.recipient_id AND s.code = '01') st ON true
     WHERE m.direction = 'out' AND m.kind = 'document' AND m.document_id = ANY(%(ids)s)
"""

MESSAGES_SQL = """
    SELECT c.name, m.direction, m.kind, m.state, count(*)
      FROM egov_interchange_message m JOIN res_company c ON c.id = m.company_id
     WHERE m.create_date >= %(since)s
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
"""

HUB_SQL = """
    SELECT messagetype, from_code, count(*), count(DISTINCT package_hash)
      FROM egov_axis_item WHERE create_date >= %(since)s
     GROUP BY 1, 2 ORDER BY 1, 2
"""

JOBS_SQL = """
    SELECT CASE WHEN method_name = '_egov_poll' THEN 'poll'
                WHEN method_name = '_egov_job_send' THEN 'send'
                WHEN method_name = '_egov_job_receive' THEN 'receive'
                ELSE method_name END,
           state, count(*), coalesce(sum(greatest(retry - 1, 0)), 0)
      FROM queue_job WHERE date_created >= %(since)s
     GROUP BY 1, 2 ORDER BY 1, 2
"""


def drop_database(database):
    """Drop the scratch database and its filestore (the database manager's own drop is
    disabled with list_db = False)."""
    import shutil

    from psycopg2 import sql

    import odoo
    from odoo.modules.registry import Registry

    Registry.delete(database)
    odoo.sql_db.close_db(database)
    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid != pg_backend_pid()",
            [database],
        )
        cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(database)))
    shutil.rmtree(odoo.tools.config.filestore(database), ignore_errors=True)


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


LOAD_AT_START = os.getloadavg()


def machine():
    def load(values):
        return "/".join(f"{value:.1f}" for value in values)

    return (
        f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"load average (1/5/15 min) {load(LOAD_AT_START)} at start, {load(os.getloadavg())} at end"
    )


def start_server(server, args):
    print(f"starting Odoo on port {args.port} (queue_job channels {args.channels}) ...")
    started = time.perf_counter()
    server.start()
    print(f"server answers /web/health after {time.perf_counter() - started:.1f} s", flush=True)


def issue_all(env, args, agencies, clerks, poller):
    """Issue the documents, one transaction each; returns their ids and the number of
    transactions retried after a serialization failure."""
    from odoo.service.model import retrying

    template = pdf_template(args.pdf_bytes)
    print(f"PDF per document: {len(template) / 2**20:.2f} MiB (each one different)")
    ids, tries = [], []
    for index in range(1, args.documents + 1):

        def one(index=index):
            tries.append(index)
            return issue(
                env,
                agencies["a"],
                clerks["a"],
                agencies["b"].partner_id,
                pdf_for(template, index),
                index,
            )

        # a serialization failure is retried as the RPC layer retries a request
        document = retrying(one, env)
        ids.append(document.id)
        env.cr.commit()
        env.invalidate_all()
        if not args.burst:
            poller.tick()
    return ids, len(tries) - len(ids)


def watch(registry, server, args, agencies, ids, poller, t0, since):
    """Wait (read-only) until every document arrived at B and got status 01 back at A;
    give up when the server stops, after ``--timeout``, or after ``--stall`` seconds
    without progress."""
    result = {"arrived": 0, "answered": 0}
    with registry.cursor() as cr:
        last_report = last_progress = time.perf_counter()
        while time.perf_counter() - t0 < args.timeout:
            cr.rollback()  # a fresh snapshot each time
            cr.execute(PROGRESS_SQL, {"b": agencies["b"].id, "ids": ids})
            progress = cr.fetchone()
            if progress != (result["arrived"], result["answered"]):
                last_progress = time.perf_counter()
            result["arrived"], result["answered"] = progress
            if result["arrived"] == result["answered"] == len(ids):
                break
            if server.process.poll() is not None:
                print("the server stopped: see var/bench-interchange-server.log")
                break
            if time.perf_counter() - last_progress > args.stall:
                print(f"no progress for {args.stall:.0f} s: see var/bench-interchange-server.log")
                break
            if time.perf_counter() - last_report > 15:
                last_report = time.perf_counter()
                print(
                    f"  {time.perf_counter() - t0:6.0f} s: {result['arrived']} arrived at B, "
                    f"{result['answered']} with status 01 back at A",
                    flush=True,
                )
            poller.tick()
            time.sleep(0.2)
        result["total"] = time.perf_counter() - t0
        cr.rollback()
        for key, query in (
            ("rows", LATENCY_SQL),
            ("jobs", JOBS_SQL),
            ("messages", MESSAGES_SQL),
            ("hub", HUB_SQL),
        ):
            cr.execute(query, {"b": agencies["b"].id, "ids": ids, "since": since})
            result[key] = cr.fetchall()
        cr.execute("SELECT version()")
        result["postgres"] = cr.fetchone()[0].split(",")[0]
    return result


def run(args):
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    config, config_path = write_config(args)
    created = ensure_database(config, config_path, args)
    odoo.tools.config.parse_config(["-c", str(config_path), "-d", args.database])
    registry = Registry(args.database)
    secret = secrets.token_urlsafe(24)
    server = Server(config_path, args)
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            agencies, clerks, backends = setup(env, args, secret)
            cr.commit()
            print(f"agencies: A {agencies['a'].code_qcvn102}, B {agencies['b'].code_qcvn102}")
            if not args.burst:
                start_server(server, args)
            poller = Poller(env, [backends["a"], backends["b"]], args.poll_every)
            since = datetime.now(timezone.utc).replace(tzinfo=None)
            cr.commit()  # the next transaction (its create_date) starts after ``since``
            started = time.perf_counter()
            ids, retried = issue_all(env, args, agencies, clerks, poller)
            issued = time.perf_counter() - started
            print(
                f"issued {len(ids)} documents in {issued:.1f} s "
                f"({len(ids) / issued:.2f} documents/s, one transaction each, "
                f"{retried} retried after a serialization failure)",
                flush=True,
            )
            t0, from_time = started, since
            if args.burst:
                start_server(server, args)
                t0, from_time = time.perf_counter(), datetime.now(timezone.utc).replace(tzinfo=None)
            result = watch(registry, server, args, agencies, ids, poller, t0, since)
        report(args, ids, issued, poller, from_time, result)
    finally:
        server.stop()
        if created and not args.keep:
            drop_database(args.database)
            print(f"database {args.database} and its filestore dropped (--keep keeps them)")


def report(args, ids, issued, poller, from_time, result):
    # latencies from the send job's creation, or from the server's start in burst mode
    rows = [(max(row[0] or from_time, from_time), row[1], row[2]) for row in result["rows"]]
    to_arrival = [(row[1] - row[0]).total_seconds() for row in rows if row[1]]
    to_status = [(row[2] - row[0]).total_seconds() for row in rows if row[2]]
    arrived, answered, total = result["arrived"], result["answered"], result["total"]
    complete = arrived == answered == len(ids)
    print()
    print("End-to-end interchange A -> hub -> B (this Odoo serves the hub, queue_job runs it)")
    print(f"documents:                     {len(ids)} (one ~{args.pdf_bytes // 1024} KiB PDF each)")
    print(
        f"arrived at B / status 01 at A: {arrived} / {answered}"
        + ("" if complete else " (INCOMPLETE)")
    )
    if args.burst:
        print(f"issuing (server stopped):      {issued:.1f} s, then the server started")
        print(
            f"total (server up -> last 01):  {total:.1f} s (includes the runner's 5 s start delay)"
        )
    else:
        print(f"issuing (bench process):       {issued:.1f} s, while the server worked")
        print(f"total (first issue -> last 01): {total:.1f} s")
    print(f"throughput end to end:         {len(ids) / total:.2f} documents/s")
    origin = "server up" if args.burst else "send enqueued"
    for label, values in (("arrived at B", to_arrival), ("status 01 at A", to_status)):
        print(
            f"latency {origin} -> {label + ':':<15} p50 {percentile(values, 0.5):6.1f} s   "
            f"p95 {percentile(values, 0.95):6.1f} s   "
            f"max {max(values, default=float('nan')):6.1f} s"
        )
    totals = {}
    for _kind, state, count, _retries in result["jobs"]:
        totals[state] = totals.get(state, 0) + count
    print(
        "queue jobs: "
        + ", ".join(f"{state} {count}" for state, count in sorted(totals.items()))
        + f" ({poller.count} polls requested by the bench, at most one waiting per agency)"
    )
    for kind, state, count, retries in result["jobs"]:
        print(f"  {kind:<8} {state:<10} {count:5d}   runs postponed (retries): {retries}")
    print("exchange messages:")
    for agency, direction, kind, state, count in result["messages"]:
        print(f"  {agency:<34} {direction:<3} {kind:<8} {state:<16} {count}")
    print("packages stored by the hub (messagetype, sender, items, distinct packages):")
    for messagetype, sender, count, distinct in result["hub"]:
        print(f"  {messagetype:<6} from {sender}: {count} items, {distinct} distinct")
    print(
        f"queue_job channels: {args.channels}; "
        f"receive driven by poll jobs every {args.poll_every} s"
    )
    print(f"machine: {machine()}; {result['postgres']}")


def main():
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the cleanup, as Ctrl-C does
    try:
        run(args)
    except KeyboardInterrupt:
        sys.exit("interrupted (the server was stopped)")


if __name__ == "__main__":
    main()
