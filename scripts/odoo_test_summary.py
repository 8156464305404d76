#!/usr/bin/env python3
"""Read the log of an Odoo 18 test run (``--test-enable --stop-after-init``) and decide.

Odoo-free (standard library only). Usage::

    odoo_test_summary.py LOGFILE --rc ODOO_EXIT_CODE [--kv OUTFILE]

Prints a human report and, with ``--kv``, writes ``key=value`` lines for scripts/test:
ran, failed, errors, skipped, log_errors, crashed, passed, total_failed, summary.
Exit status 0 when the run is clean, 1 otherwise.

The rules (Odoo 18.0 wording, checked against odoo/tests/result.py, odoo/service/server.py and
odoo/modules/loading.py):

* Each log record starts with ``YYYY-MM-DD HH:MM:SS,mmm PID LEVEL DB LOGGER: message``; other
  lines (tracebacks) belong to the record above them.
* The verdict line, logged once per database by ``odoo.tests.result`` at the end of the run::

      N failed, N error(s) of N tests when loading database 'DB'

  (INFO when all passed, WARNING when no test ran, ERROR on failures) gives ran / failed /
  errors. It is missing when Odoo crashed (e.g. a module failed to install: CRITICAL
  ``Failed to initialize database``): that is a failure.
* A test's own failure is logged as an ERROR record ``FAIL: <test>`` or ``ERROR: <test>`` (by
  the test's logger ``odoo.addons.<module>.tests...``, or by ``odoo.tests.suite`` for
  ``setUpClass (...)`` and other class-level errors) and is already counted in the verdict; so
  are the consequences ``Module X: N failures, N errors of N tests`` and ``At least one test
  failed when loading the modules.``.
* Every other ERROR or CRITICAL record is a failure of its own ("log error"): an error logged
  while installing or loading (a module that fails to install, ``Some modules are not loaded``,
  a bad XML view, ...) or one logged during a test that otherwise passed (expected errors must
  be silenced in the test with ``mute_logger`` or checked with ``assertLogs``). An error logged
  during a test that failed, or just before a failing ``setUpClass``, is that failure's own
  log and is not counted twice. Each error outside tests counts once; a passing test that
  logged errors counts once (and not as passed).
* Skipped tests are the INFO records ``skipped <test> : <reason>`` (the verdict line does not
  count them); passed = ran - failed - errors - skipped, where class-level errors are not
  subtracted (Odoo counts them as errors, but the tests of such a class never ran).
* A non-zero exit code of Odoo with an otherwise clean log counts as one failure.
* Without a verdict line, ran / failed / errors are counted from the ``Starting <test> ...``
  and ``FAIL:`` / ``ERROR:`` records of the tests that ran before Odoo stopped.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field

RECORD = re.compile(
    r"^(?P<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) (?P<pid>\d+) (?P<level>[A-Z]+) "
    r"(?P<db>\S+) (?P<logger>[^\s:]+): (?P<msg>.*)$"
)
VERDICT = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<ran>\d+) tests "
    r"when loading database (?P<db>.+)$"
)
TEST_START = re.compile(r"^Starting (?P<test>.+) \.\.\.$")
TEST_REPORT = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>.+)")
CLASS_LEVEL = re.compile(r"^(setUpClass|tearDownClass|setUpModule|tearDownModule) ")
SKIPPED = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
CONSEQUENCES = (
    re.compile(r"^Module \S+: \d+ failures, \d+ errors of \d+ tests$"),
    re.compile(r"^At least one test failed when loading the modules\.$"),
)
# "ValueError: ...", "odoo.tools.convert.ParseError: ..." at the start of a line.
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Warning|Failure|Fault|Exit)\b")
# Loggers whose records mean "we are no longer inside a test".
OUTSIDE_TEST_LOGGERS = ("odoo.modules.loading", "odoo.service.server", "odoo.tests.stats")


@dataclass
class Record:
    line_no: int
    level: str
    logger: str
    msg: str
    extra: list[str] = field(default_factory=list)

    def head(self, first: int = 3, last: int = 10) -> str:
        """The record, its traceback shortened to the first and last lines, keeping the
        exception lines ("ValueError: ...") of chained tracebacks from the middle."""
        extra = [line for line in self.extra if line.strip()]
        if len(extra) > first + last + 1:
            middle = extra[first:-last]
            kept = [line for line in middle if EXCEPTION_LINE.match(line)][-6:]
            cut = len(middle) - len(kept)
            extra = [*extra[:first], f"  ... ({cut} lines) ...", *kept, "  ...", *extra[-last:]]
        lines = [f"line {self.line_no}: {self.level} {self.logger}: {self.msg}", *extra]
        return "\n".join("      " + line for line in lines)


def read_records(path: str):
    current = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for no, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            m = RECORD.match(line)
            if m:
                if current:
                    yield current
                current = Record(no, m["level"], m["logger"], m["msg"].rstrip())
            elif current:
                current.extra.append(line)
    if current:
        yield current


def is_test_logger(logger: str) -> bool:
    # Test modules log under their own name (odoo.addons.<module>.tests...); class-level
    # failures (setUpClass, ...) are reported by the suite (odoo.tests.suite / unittest).
    return logger.startswith(("odoo.addons.", "odoo.tests.", "unittest"))


def analyse(path: str, rc: int) -> dict:
    """Walk the records. Errors are held in a "window" that ends at the next test start, the
    next class-level failure report or the next module-loading record; when the window saw a
    FAIL/ERROR report they are that failure's own log, otherwise each counts."""
    verdicts = []
    started = 0
    skipped = []
    test_reports = []  # FAIL/ERROR records
    log_errors = []  # (where, record) counted as failures
    window_errors = []  # errors since the window opened
    window_failed = False
    current_test = None  # the last test started in the window, if any

    def close_window():
        nonlocal window_errors, window_failed, current_test
        if not window_failed:
            where = (
                f"logged during passing test {current_test}" if current_test else "outside tests"
            )
            log_errors.extend((where, rec) for rec in window_errors)
        window_errors, window_failed, current_test = [], False, None

    for rec in read_records(path):
        if rec.logger == "odoo.tests.result" and (m := VERDICT.match(rec.msg)):
            close_window()
            verdicts.append(m)
            continue
        if is_test_logger(rec.logger) and rec.level == "INFO":
            if m := TEST_START.match(rec.msg):
                close_window()
                current_test = m["test"]
                started += 1
                continue
            if m := SKIPPED.match(rec.msg):
                skipped.append(f"{m['test']} : {m['reason']}")
                continue
        outside = rec.logger.startswith(OUTSIDE_TEST_LOGGERS)
        if outside:
            close_window()
        if rec.level not in ("ERROR", "CRITICAL"):
            continue
        if is_test_logger(rec.logger) and (m := TEST_REPORT.match(rec.msg)):
            test_reports.append(rec)
            window_failed = True
            if CLASS_LEVEL.match(m["test"]):
                close_window()  # the errors before it were logged by that setUpClass
            continue
        if any(c.match(rec.msg) for c in CONSEQUENCES):
            continue
        if outside:
            log_errors.append(("outside tests", rec))
        else:
            window_errors.append(rec)
    close_window()

    if verdicts:
        ran = sum(int(v["ran"]) for v in verdicts)
        failed = sum(int(v["failed"]) for v in verdicts)
        errors = sum(int(v["errors"]) for v in verdicts)
    else:
        # No verdict: count what the log shows of the tests that ran before Odoo stopped.
        ran = started
        failed = sum(1 for rec in test_reports if rec.msg.startswith("FAIL: "))
        errors = len(test_reports) - failed
    crashed = 0
    if not verdicts:
        crashed = 1  # Odoo did not get to the end of the run
    elif rc != 0 and not (failed or errors or log_errors):
        crashed = 1
    # Each passing test that logged errors counts once; each error outside tests counts once.
    in_test_errors = len({where for where, _rec in log_errors if where != "outside tests"})
    outside_errors = sum(1 for where, _rec in log_errors if where == "outside tests")
    total_failed = failed + errors + in_test_errors + outside_errors + crashed
    class_errors = sum(
        1 for rec in test_reports if CLASS_LEVEL.match(TEST_REPORT.match(rec.msg)["test"])
    )
    return {
        "ran": ran,
        "failed": failed,
        "errors": errors,
        "skipped": len(skipped),
        "log_errors": in_test_errors + outside_errors,
        "crashed": crashed,
        # A test that passed but logged an error is counted as failed, not passed. Class-level
        # errors (setUpClass, ...) are in Odoo's error count but their tests never started,
        # so they are not in its test count.
        "passed": max(
            0, ran - failed - max(0, errors - class_errors) - len(skipped) - in_test_errors
        ),
        "total_failed": total_failed,
        "summary": "; ".join(v.group(0) for v in verdicts) or "(no summary line)",
        "_skipped": skipped,
        "_reports": test_reports,
        "_log_errors": log_errors,
        "_rc": rc,
    }


def report(res: dict) -> None:
    print(f"    Odoo summary : {res['summary']}")
    print(f"    Odoo exit    : {res['_rc']}")
    if res["_reports"]:
        print(f"    Failed tests ({len(res['_reports'])}):")
        for rec in res["_reports"]:
            print(rec.head())
    if res["_log_errors"]:
        print(f"    ERROR/CRITICAL log records counted as failures ({len(res['_log_errors'])}):")
        for where, rec in res["_log_errors"]:
            print(f"    - {where}:")
            print(rec.head())
    if res["_skipped"]:
        print(f"    Skipped tests ({len(res['_skipped'])}):")
        for s in res["_skipped"]:
            print(f"      {s}")
    if res["crashed"]:
        if res["summary"] == "(no summary line)":
            print(
                "    Odoo did not print its test summary: it crashed or a module failed to install."
            )
        else:
            print(f"    Odoo exited with status {res['_rc']}.")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("log")
    parser.add_argument("--rc", type=int, default=0, help="Odoo's exit status")
    parser.add_argument("--kv", help="write key=value results to this file")
    args = parser.parse_args(argv)
    res = analyse(args.log, args.rc)
    report(res)
    if args.kv:
        with open(args.kv, "w", encoding="utf-8") as fh:
            for key, value in res.items():
                if not key.startswith("_"):
                    fh.write(f"{key}={value}\n")
    return 1 if res["total_failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
