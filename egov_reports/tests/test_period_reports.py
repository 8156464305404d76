"""The periodic reports: prepared by the cron on the day they fall due (quarterly on the 15th
of the quarter's last month, Tây Ninh 52/2019 Điều 13.4; six-monthly and annual, Kon Tum
Điều 17.1 and 20.7), once, with their figures, an Excel workbook and the agency's
administrators notified."""

import base64
import io
import zipfile
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from ..models.egov_report_period import report_period
from ..models.egov_report_stat import figure_keys
from .test_stat_figures import StatCase, utc


@tagged("post_install", "-at_install")
class TestPeriodReports(StatCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_a = cls._create_user("admin_a", cls.agency_a, "egov_documents.group_egov_admin")
        cls.admin_b = cls._create_user("admin_b", cls.agency_b, "egov_documents.group_egov_admin")
        cls.Report = cls.env["egov.report.period"]
        # quarterly (Tây Ninh Điều 13.4), six-monthly and annual (Kon Tum Điều 17.1, 20.7)
        # reports, due on the 15th: read from the agencies' rule profile
        cls.every_report = cls.env.ref("egov_documents.rule_profile_tay_ninh").copy(
            {
                "code": "test_every_report",
                "report_quarterly": True,
                "report_half_year": True,
                "report_annual": True,
                "report_due_day": 15,
            }
        )
        (cls.agency_a | cls.agency_b).write({"egov_rule_profile_id": cls.every_report.id})

    def _run_cron(self, local_time):
        with freeze_time(utc(local_time)):
            return self.Report._cron_prepare_reports()

    def _reports(self, company):
        return self.Report.search([("company_id", "=", company.id)])

    def test_quarter_runs_from_the_15th_before_it_to_the_14th_of_its_last_month(self):
        self.assertEqual(
            report_period("quarter", 2026, 1, 15),
            (date(2025, 12, 15), date(2026, 3, 14), date(2026, 3, 15)),
        )
        self.assertEqual(
            report_period("half", 2026, 1, 15),
            (date(2025, 12, 15), date(2026, 6, 14), date(2026, 6, 15)),
        )
        self.assertEqual(
            report_period("year", 2026, 1, 15),
            (date(2025, 12, 15), date(2026, 12, 14), date(2026, 12, 15)),
        )

    def test_quarterly_report_is_prepared_on_the_15th_of_the_quarters_last_month(self):
        self._run_cron("2026-03-14 12:00")
        self.assertFalse(self._reports(self.agency_a), "not before the due day")
        self._run_cron("2026-03-15 08:00")
        report = self._reports(self.agency_a)
        self.assertRecordValues(
            report,
            [
                {
                    "kind": "quarter",
                    "year": 2026,
                    "number": 1,
                    "date_from": date(2025, 12, 15),
                    "date_to": date(2026, 3, 14),
                    "due_date": date(2026, 3, 15),
                    # arrivals up to 14/03: IA3 (paper, late), IA4 (urgent, late), IA5 (on
                    # time), IA8 (returned); OA1 (rejected by B), OA2, OA3 (paper, late)
                    "incoming_document_count": 4,
                    "incoming_paper": 1,
                    "incoming_register_on_time": 1,
                    "incoming_register_late": 2,
                    "incoming_returned": 1,
                    "outgoing_document_count": 3,
                    "outgoing_issue_on_time": 2,
                    "outgoing_issue_late": 1,
                    "outgoing_rejected": 1,
                    "assignments_due": 2,
                    "assignments_late": 1,
                    "assignments_open_overdue": 1,
                    "logins": 3,
                    "active_users": 2,
                    "register_on_time_rate": 33.3,
                    "issue_on_time_rate": 66.7,
                }
            ],
        )
        computed = self.env["egov.report.stat"]._egov_figures(
            self.agency_a, date(2025, 12, 15), date(2026, 3, 14)
        )[self.agency_a.id]
        self.assertEqual({key: report[key] for key in figure_keys()}, computed)

    def test_running_twice_prepares_each_report_once(self):
        first = self._run_cron("2026-03-15 08:00")
        second = self._run_cron("2026-03-15 09:00")
        self.assertIn(self.agency_a, first.company_id)
        self.assertFalse(second, "nothing left to prepare")
        self.assertEqual(len(self._reports(self.agency_a)), 1)
        # a day later, still within the catch-up window: nothing new either
        self.assertFalse(self._run_cron("2026-03-16 08:00"))

    def test_a_run_prepares_a_bounded_batch_and_the_next_run_the_rest(self):
        with freeze_time(utc("2026-03-15 08:00")):
            first = self.Report._egov_prepare_due_reports(batch_size=1)
            self.assertEqual(len(first), 1)
            rest = self.Report._egov_prepare_due_reports(batch_size=1000)
        self.assertFalse(first & rest)
        self.assertEqual(len(self._reports(self.agency_a) | self._reports(self.agency_b)), 2)

    def test_six_monthly_and_annual_reports_fall_due_in_june_and_december(self):
        self._run_cron("2026-06-15 08:00")
        self.assertEqual(
            sorted(self._reports(self.agency_a).mapped(lambda r: (r.kind, r.number))),
            [("half", 1), ("quarter", 2)],
        )
        self._run_cron("2026-12-15 08:00")
        self.assertEqual(
            sorted(self._reports(self.agency_a).mapped(lambda r: (r.kind, r.number))),
            [("half", 1), ("half", 2), ("quarter", 2), ("quarter", 4), ("year", 1)],
        )

    def test_cadence_is_chosen_per_agency(self):
        self.agency_b.egov_rule_profile_id = self.every_report.copy(
            {"code": "test_no_quarter_due_20", "report_quarterly": False, "report_due_day": 20}
        )
        self._run_cron("2026-06-15 08:00")
        self.assertFalse(self._reports(self.agency_b), "B's reports are due on the 20th")
        self._run_cron("2026-06-20 08:00")
        self.assertEqual(self._reports(self.agency_b).mapped("kind"), ["half"])
        self.assertEqual(self._reports(self.agency_b).date_to, date(2026, 6, 19))

    def test_the_agencys_administrators_are_notified(self):
        self._run_cron("2026-03-15 08:00")
        report_a, report_b = self._reports(self.agency_a), self._reports(self.agency_b)
        self.assertEqual(report_a.activity_ids.user_id, self.admin_a)
        self.assertEqual(report_b.activity_ids.user_id, self.admin_b)
        self.assertEqual(report_a.activity_ids.date_deadline, date(2026, 3, 15))
        notified = report_a.message_ids.filtered(lambda m: self.admin_a.partner_id in m.partner_ids)
        self.assertTrue(notified)
        self.assertNotIn(self.admin_b.partner_id, report_a.message_ids.partner_ids)

    def test_excel_workbook_is_attached_and_downloaded(self):
        self._run_cron("2026-03-15 08:00")
        report = self._reports(self.agency_a).with_user(self.admin_a)
        action = report.action_download_xlsx()
        attachment = report.sudo().xlsx_attachment_id
        self.assertEqual(action["url"], f"/web/content/{attachment.id}?download=true")
        with zipfile.ZipFile(io.BytesIO(base64.b64decode(attachment.datas))) as workbook:
            strings = workbook.read("xl/sharedStrings.xml").decode()
            sheet = workbook.read("xl/worksheets/sheet1.xml").decode()
        self.assertIn("Incoming Documents", strings)
        self.assertIn(self.agency_a.name, strings)
        self.assertIn("<v>4</v>", sheet)  # the incoming documents of the quarter

    def test_only_the_scheduler_runs_the_cron_and_only_an_admin_recomputes(self):
        with self.assertRaises(AccessError):
            self.Report.with_user(self.clerk_a)._cron_prepare_reports()
        self._run_cron("2026-03-15 08:00")
        report = self._reports(self.agency_a)
        with self.assertRaisesRegex(AccessError, "administrator of Sở Nội vụ"):
            report.with_user(self.leader_a).action_recompute()
        with self.assertRaises(AccessError):
            report.with_user(self.admin_b).action_recompute()
        # a late entry: the administrator recomputes and the figures follow
        self.env.cr.execute(
            "INSERT INTO res_users_log (create_uid, write_uid, create_date, write_date)"
            " VALUES (%s, %s, %s, %s)",
            [
                self.officer_a.id,
                self.officer_a.id,
                utc("2026-03-14 08:00"),
                utc("2026-03-14 08:00"),
            ],
        )
        report.with_user(self.admin_a).action_recompute()
        self.assertEqual((report.logins, report.active_users), (4, 3))

    def test_a_due_day_outside_the_month_is_refused_by_name(self):
        refused = self.assertRaisesRegex(ValidationError, "report due day must be between 1 and 28")
        with refused, self.env.cr.savepoint():
            self.every_report.report_due_day = 31
        self.every_report.invalidate_recordset()
        self.assertEqual(self.every_report.report_due_day, 15)
