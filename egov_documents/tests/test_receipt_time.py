from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import EgovCase


@tagged("post_install", "-at_install")
class TestReceiptTime(EgovCase):
    """Tây Ninh 52/2019 Điều 10.2: a document entering the system outside working hours
    counts as received at the start of the next working period. Times are UTC in the
    database (07:30 +07:00 = 00:30 UTC)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar._egov_generate_public_holidays([2026])

    def test_receipt_after_17_on_friday_before_public_holiday_counts_from_next_working_morning(
        self,
    ):
        # Friday 2026-04-24 17:30 +07:00. Giỗ Tổ Hùng Vương falls on Sunday 2026-04-26,
        # so Monday 2026-04-27 is the compensatory day off: next working morning is Tuesday.
        document = self._incoming(self.clerk_a, arrived_at=datetime(2026, 4, 24, 10, 30))
        self.assertEqual(document.received_at, datetime(2026, 4, 28, 0, 30))
        self.assertEqual(document.egov_iso("received_at"), "2026-04-28T07:30:00+07:00")

    def test_receipt_on_evening_before_30_april_and_1_may_counts_from_monday(self):
        # Wednesday 2026-04-29 18:00 +07:00; Thursday 30/4 and Friday 1/5 are holidays.
        document = self._incoming(self.clerk_a, arrived_at=datetime(2026, 4, 29, 11, 0))
        self.assertEqual(document.egov_iso("received_at"), "2026-05-04T07:30:00+07:00")

    def test_receipt_during_lunch_break_counts_from_afternoon(self):
        document = self._incoming(
            self.clerk_a, arrived_at=datetime(2026, 11, 18, 5, 0)
        )  # 12:00 +07
        self.assertEqual(document.egov_iso("received_at"), "2026-11-18T13:30:00+07:00")

    def test_receipt_inside_working_hours_is_the_arrival_itself(self):
        document = self._incoming(
            self.clerk_a, arrived_at=datetime(2026, 11, 18, 2, 15)
        )  # 09:15 +07
        self.assertEqual(document.received_at, datetime(2026, 11, 18, 2, 15))

    def test_next_working_day_deadline_skips_weekend(self):
        # Kon Tum Điều 8.3: register by the next working day. Friday → Monday 17:00.
        deadline = self.calendar.egov_add_working_days(datetime(2026, 11, 20, 3, 0), 1)
        self.assertEqual(deadline, datetime(2026, 11, 23, 10, 0))

    @freeze_time("2026-11-20 10:05:00")
    def test_arrival_defaults_to_now_and_is_shown_in_iso_8601_vietnam_time(self):
        document = self._incoming(self.clerk_a)
        self.assertEqual(document.egov_iso("arrived_at"), "2026-11-20T17:05:00+07:00")
        self.assertEqual(document.egov_iso("received_at"), "2026-11-23T07:30:00+07:00")

    def test_generating_public_holidays_twice_adds_nothing_the_second_time(self):
        before = len(self.calendar.global_leave_ids)
        self.calendar._egov_generate_public_holidays([2026])
        self.assertEqual(len(self.calendar.global_leave_ids), before)
        names = self.calendar.global_leave_ids.mapped("name")
        self.assertIn("Ngày Giỗ Tổ Hùng Vương", names)  # holidays.Vietnam, language="vi"
