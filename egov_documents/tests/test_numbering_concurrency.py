import logging
import threading
import time
import traceback
from datetime import date

from psycopg2 import errorcodes
from psycopg2.errors import OperationalError

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE
from odoo.tests import BaseCase, get_db_name, tagged

_logger = logging.getLogger(__name__)

RETRYABLE = (
    errorcodes.SERIALIZATION_FAILURE,
    errorcodes.LOCK_NOT_AVAILABLE,
    errorcodes.DEADLOCK_DETECTED,
)


@tagged("post_install", "-at_install")
class TestNumberingConcurrency(BaseCase):
    """NĐ 30/2020 Điều 15.1: a number is unique within the year and the series has no gap,
    even when clerks number at the same moment. Real PostgreSQL, separate committed
    transactions on separate cursors; a transaction that loses the race is retried the
    way Odoo retries a request (rollback, fresh snapshot, run again)."""

    NUMBER_DATE = date(2026, 11, 20)

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = self._env(cr)
            register = env["egov.register"].create(
                {
                    "name": "Sổ thử đồng thời",
                    "direction": "outgoing",
                    "company_id": env.ref("base.main_company").id,
                }
            )
            self.register_id, self.sequence_id = register.id, register.sequence_id.id
        self.addCleanup(self._drop_register)

    def _env(self, cr):
        # The test runner holds the registry class lock while tests run: give each
        # cursor its transaction from the loaded registry directly.
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _drop_register(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM egov_register_entry WHERE register_id = %s", [self.register_id])
            cr.execute("DELETE FROM egov_register WHERE id = %s", [self.register_id])
            cr.execute("DELETE FROM ir_sequence WHERE id = %s", [self.sequence_id])

    def _take_and_commit(self, before_commit=None, max_attempts=MAX_TRIES_ON_CONCURRENCY_FAILURE):
        """Take one number in its own transaction and commit it; retry on a concurrency
        failure as Odoo retries a request. Returns (number, attempts)."""
        for attempt in range(1, max_attempts + 1):
            cr = self.registry.cursor()
            try:
                env = self._env(cr)
                number = (
                    env["egov.register"]
                    .browse(self.register_id)
                    ._take_number(env["egov.document"], self.NUMBER_DATE)
                    .number
                )
                if before_commit:
                    before_commit()
                cr.commit()  # pylint: disable=invalid-commit  # each clerk commits, as a request does
                return number, attempt
            except OperationalError as error:
                if error.pgcode not in RETRYABLE:
                    raise
                cr.rollback()
            finally:
                cr.close()
        raise AssertionError(f"a clerk got no number in {max_attempts} attempts")

    def _committed_numbers(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT number FROM egov_register_entry WHERE register_id = %s ORDER BY number",
                [self.register_id],
            )
            return [row[0] for row in cr.fetchall()]

    def _run_clerks(self, targets):
        errors = []

        def guarded(target):
            try:
                target()
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                errors.append("".join(traceback.format_exception(error)))

        threads = [threading.Thread(target=guarded, args=(target,)) for target in targets]
        return threads, errors

    def test_two_concurrent_transactions_never_duplicate_nor_skip_a_number(self):
        first_holds_number = threading.Event()
        results = {}

        def hold():
            first_holds_number.set()
            time.sleep(1.0)  # uncommitted: the second clerk must wait for it

        def first():
            results["first"] = self._take_and_commit(before_commit=hold)

        def second():
            results["second"] = self._take_and_commit()

        (first_thread, second_thread), errors = self._run_clerks([first, second])
        first_thread.start()
        self.assertTrue(first_holds_number.wait(10), errors)
        second_thread.start()
        first_thread.join(30)
        second_thread.join(30)
        self.assertFalse(errors, errors)
        self.assertEqual(results["first"], (1, 1))
        self.assertEqual(results["second"][0], 2)
        self.assertEqual(results["second"][1], 1, "the second clerk waited, and needed no retry")
        self.assertEqual(self._committed_numbers(), [1, 2])

    def test_three_clerks_numbering_in_parallel_fill_the_series_without_holes(self):
        per_clerk = 5

        def clerk():
            for _i in range(per_clerk):
                self._take_and_commit()

        threads, errors = self._run_clerks([clerk, clerk, clerk])
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertFalse(errors, errors)
        self.assertEqual(self._committed_numbers(), list(range(1, 3 * per_clerk + 1)))

    def test_four_clerks_registering_200_documents_get_numbers_1_to_200_without_retry(self):
        per_clerk, clerks = 50, 4
        attempts = []

        def clerk():
            for _i in range(per_clerk):
                attempts.append(self._take_and_commit()[1])

        threads, errors = self._run_clerks([clerk] * clerks)
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(600)
        elapsed = time.perf_counter() - started
        total = per_clerk * clerks
        _logger.info(
            "%s clerks x %s registrations: %s numbers in %.2f s (%.1f numbers/s), %s retries",
            clerks,
            per_clerk,
            len(attempts),
            elapsed,
            len(attempts) / elapsed,
            sum(attempts) - len(attempts),
        )
        self.assertFalse(errors, errors[:3])
        self.assertEqual(len(attempts), total)
        self.assertEqual(self._committed_numbers(), list(range(1, total + 1)))
        self.assertEqual(set(attempts), {1}, "a clerk who waits for the register is never retried")
