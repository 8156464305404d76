"""The outage procedure (Thái Bình QĐ 17/2019 Điều 8.1; Bến Tre QĐ 44/2017 Điều 9.2.đ–e):
the incident report, the switch to paper past the profile's threshold of working hours, and
the back-fill of the documents handled on paper, numbered in order of registration (NĐ 30/2020
Điều 22.2) with their real arrival times."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MINIMAL_PDF, EgovCase

# Asia/Ho_Chi_Minh is UTC+7: Monday 16 November 2026 08:00 local = 01:00 UTC
MONDAY_0800 = datetime(2026, 11, 16, 1, 0)
MONDAY_1000 = datetime(2026, 11, 16, 3, 0)
MONDAY_1400 = datetime(2026, 11, 16, 7, 0)
FRIDAY_1500 = datetime(2026, 11, 20, 8, 0)
NEXT_MONDAY_0930 = datetime(2026, 11, 23, 2, 30)


@tagged("post_install", "-at_install")
class TestOutage(EgovCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.thai_binh = cls.env.ref("egov_documents.rule_profile_thai_binh")
        cls.tay_ninh = cls.env.ref("egov_documents.rule_profile_tay_ninh")
        cls.admin_a = cls._create_user("admin_a", cls.agency_a, "egov_documents.group_egov_admin")

    def _use_profile(self, profile, company=None):
        (company or self.agency_a).sudo().egov_rule_profile_id = profile

    def _incident(self, user=None, **values):
        user = user or self.clerk_a
        vals = {
            "name": "Mất kết nối hệ thống quản lý văn bản",
            "description": "Máy chủ của tỉnh ngừng hoạt động.",
            "started_at": MONDAY_0800,
            **values,
        }
        return self.env["egov.incident"].with_user(user).with_company(user.company_id).create(vals)

    # --- Threshold measured in working hours ----------------------------------------------
    @freeze_time("2026-11-16 10:00:00")
    def test_thai_binh_dieu_8_paper_after_4_working_hours(self):
        self._use_profile(self.thai_binh)
        incident = self._incident()
        self.assertEqual(incident.threshold_hours, 4.0)
        # 08:00–11:30 is 3.5 working hours; the lunch break does not count; 13:30 + 0.5 h
        self.assertEqual(incident.paper_from, MONDAY_1400)

    @freeze_time("2026-11-23 03:00:00")
    def test_thai_binh_dieu_8_threshold_skips_the_weekend(self):
        self._use_profile(self.thai_binh)
        incident = self._incident(started_at=FRIDAY_1500)
        # Friday 15:00–17:00 is 2 h; the other 2 h run from Monday 07:30
        self.assertEqual(incident.paper_from, NEXT_MONDAY_0930)
        self.assertEqual(incident.outage_working_hours, 2.0 + 2.5)
        self.assertTrue(incident.paper_procedure)

    @freeze_time("2026-11-16 10:00:00")
    def test_threshold_comes_from_the_profile_not_the_code(self):
        other = self.thai_binh.sudo().copy({"code": "rr3_two_hours", "name": "Two hours"})
        other.outage_threshold_hours = 2.0
        self._use_profile(other)
        self.assertEqual(self._incident().paper_from, MONDAY_1000)
        # Tây Ninh 52/2019 and Bến Tre 44/2017 set no threshold: no switch by itself
        for xmlid in ("rule_profile_tay_ninh", "rule_profile_ben_tre"):
            self._use_profile(self.env.ref(f"egov_documents.{xmlid}"))
            incident = self._incident()
            self.assertEqual(incident.threshold_hours, 0.0)
            self.assertFalse(incident.paper_from)
            self.assertFalse(incident.paper_procedure)
            self.assertFalse(incident.paper_notified_at)

    @freeze_time("2026-11-16 10:00:00")
    def test_threshold_is_kept_on_the_report_when_the_profile_changes(self):
        self._use_profile(self.thai_binh)
        incident = self._incident()
        self._use_profile(self.tay_ninh)
        incident.invalidate_recordset()
        self.assertEqual(incident.threshold_hours, 4.0)
        self.assertEqual(incident.paper_from, MONDAY_1400)

    # --- Switch to paper announced to clerks and administrators ---------------------------
    def test_thai_binh_dieu_8_switch_to_paper_told_to_clerks_and_administrators(self):
        self._use_profile(self.thai_binh)
        with freeze_time("2026-11-16 03:00:00"):
            incident = self._incident()
            self.env["egov.incident"]._cron_announce_paper()
            self.assertFalse(incident.paper_notified_at, "3 working hours: not yet on paper")
        with freeze_time("2026-11-16 07:30:00"):
            self.env["egov.incident"]._cron_announce_paper()
            self.assertEqual(incident.paper_notified_at, datetime(2026, 11, 16, 7, 30))
            told = incident.message_ids.filtered(lambda m: "handles documents on paper" in m.body)
            self.assertEqual(len(told), 1)
            self.assertIn(self.clerk_a.partner_id, told.partner_ids)
            self.assertIn(self.admin_a.partner_id, told.partner_ids)
            self.assertNotIn(self.clerk_b.partner_id, told.partner_ids)
            self.assertIn("2026-11-16T14:00:00+07:00", told.body)
            self.env["egov.incident"]._cron_announce_paper()
            self.assertEqual(
                len(incident.message_ids.filtered(lambda m: "on paper" in m.body)), 1, "once only"
            )

    def test_announce_cron_is_for_the_scheduler_only(self):
        with self.assertRaises(AccessError):
            self.env["egov.incident"].with_user(self.clerk_a)._cron_announce_paper()

    # --- The report ---------------------------------------------------------------------
    @freeze_time("2026-11-16 10:00:00")
    def test_incident_report_records_who_and_closes_once(self):
        self._use_profile(self.thai_binh)
        incident = self._incident()
        self.assertEqual(incident.recorded_by_id, self.clerk_a)
        self.assertEqual(incident.state, "open")
        incident.action_close()
        self.assertEqual(incident.state, "closed")
        self.assertEqual(incident.ended_at, datetime(2026, 11, 16, 10, 0))
        with self.assertRaises(UserError):
            incident.write({"description": "Sửa biên bản sau khi đóng"})
        with self.assertRaises(UserError):
            incident.action_close()

    @freeze_time("2026-11-16 10:00:00")
    def test_incident_times_cannot_be_in_the_future_or_reversed(self):
        with self.assertRaises(ValidationError):
            self._incident(started_at=datetime(2026, 11, 16, 11, 0))
        with self.assertRaisesRegex(ValidationError, "before it started"):
            self._incident(ended_at=datetime(2026, 11, 16, 0, 0))

    def test_only_clerks_and_administrators_record_incidents(self):
        with self.assertRaises(AccessError):
            self._incident(user=self.officer_a)

    @freeze_time("2026-11-16 10:00:00")
    def test_incident_system_fields_refused_on_plain_write(self):
        self._use_profile(self.thai_binh)
        incident = self._incident()
        for vals in (
            {"state": "closed"},
            {"threshold_hours": 99.0},
            {"recorded_by_id": self.clerk_b.id},
            {"paper_notified_at": datetime(2026, 11, 16, 1, 0)},
        ):
            with self.assertRaises(UserError):
                incident.write(vals)
        with self.assertRaises(UserError):
            self._incident(threshold_hours=99.0)

    # --- Back-fill ------------------------------------------------------------------------
    def _outage_with_paper_documents(self):
        """An outage Monday 08:00–15:00; afterwards one document arrives electronically and
        is registered, and the clerk enters two paper ones (the later first)."""
        self._use_profile(self.thai_binh)
        with freeze_time("2026-11-16 01:00:00"):
            incident = self._incident()
        with freeze_time("2026-11-16 08:00:00"):
            incident.action_close()
        with freeze_time("2026-11-17 01:00:00"):
            electronic = self._incident_document("Văn bản điện tử", "101")
            electronic.action_register()
            paper_late = self._incident_document("Văn bản giấy đến lúc 14 giờ", "102")
            paper_early = self._incident_document("Văn bản giấy đến lúc 9 giờ", "103")
        return incident, electronic, paper_early, paper_late

    def _incident_document(self, subject, number):
        return self._incident_doc_for(self.clerk_a, subject, number)

    def _incident_doc_for(self, user, subject, number):
        return self._incoming(user, subject=subject, number=number)

    def _backfill(self, incident, arrivals, user=None):
        user = user or self.clerk_a
        wizard = (
            self.env["egov.backfill.wizard"]
            .with_user(user)
            .with_company(user.company_id)
            .create(
                {
                    "incident_id": incident.id,
                    "line_ids": [
                        (0, 0, {"document_id": document.id, "real_at": moment})
                        for document, moment in arrivals
                    ],
                }
            )
        )
        return wizard.action_confirm()

    def test_nd30_dieu_22_backfilled_documents_keep_real_times_and_number_in_order(self):
        incident, electronic, paper_early, paper_late = self._outage_with_paper_documents()
        early, late = datetime(2026, 11, 16, 2, 0), datetime(2026, 11, 16, 7, 0)
        with freeze_time("2026-11-17 02:00:00"):
            self._backfill(incident, [(paper_late, late), (paper_early, early)])
        self.assertEqual(electronic.arrival_number, 1)
        # numbers continue the register at back-fill time, in order of real arrival
        self.assertEqual(paper_early.arrival_number, 2)
        self.assertEqual(paper_late.arrival_number, 3)
        for document, moment in ((paper_early, early), (paper_late, late)):
            self.assertEqual(document.incoming_state, "received")
            self.assertEqual(document.arrived_at, moment, "the real arrival time is kept")
            self.assertEqual(document.received_at, moment)
            self.assertEqual(document.registered_at, datetime(2026, 11, 17, 2, 0))
            self.assertTrue(document.backfilled)
            self.assertEqual(document.incident_id, incident)
            self.assertEqual(document.arrival_channel, "paper")
            self.assertEqual(document.egov_iso("arrived_at")[:10], "2026-11-16")
        self.assertFalse(electronic.backfilled)
        self.assertEqual(incident.document_count, 2)
        # the register stays gap-free
        entries = self.registers[self.agency_a.id]["incoming"].entry_ids
        self.assertEqual(sorted(entries.mapped("number")), [1, 2, 3])
        # statistics can separate them
        Document = self.env["egov.document"]
        self.assertEqual(
            Document.search_count(
                [("company_id", "=", self.agency_a.id), ("backfilled", "=", True)]
            ),
            2,
        )

    def test_backfill_refuses_a_time_outside_the_incident_and_loses_nothing(self):
        incident, _electronic, paper_early, paper_late = self._outage_with_paper_documents()
        before = paper_late.arrived_at
        with freeze_time("2026-11-17 02:00:00"), self.assertRaisesRegex(UserError, "outside"):
            self._backfill(
                incident,
                [
                    (paper_early, datetime(2026, 11, 16, 2, 0)),
                    (paper_late, datetime(2026, 11, 16, 9, 0)),
                ],
            )
        for document in (paper_early, paper_late):
            self.assertEqual(document.incoming_state, "arrived")
            self.assertFalse(document.backfilled)
            self.assertFalse(document.arrival_number)
        self.assertEqual(paper_late.arrived_at, before)

    def test_backfill_waits_for_the_incident_to_be_closed(self):
        self._use_profile(self.thai_binh)
        with freeze_time("2026-11-16 01:00:00"):
            incident = self._incident()
            document = self._incident_document("Văn bản giấy", "201")
        with freeze_time("2026-11-16 02:00:00"), self.assertRaisesRegex(UserError, "Close"):
            self._backfill(incident, [(document, datetime(2026, 11, 16, 1, 30))])
        self.assertFalse(document.backfilled)

    def test_backfill_refuses_registered_documents_and_officers(self):
        incident, electronic, paper_early, _paper_late = self._outage_with_paper_documents()
        with freeze_time("2026-11-17 02:00:00"):
            with self.assertRaisesRegex(UserError, "waiting for registration"):
                self._backfill(incident, [(electronic, datetime(2026, 11, 16, 2, 0))])
            with self.assertRaises(AccessError):
                incident.with_user(self.officer_a)._egov_backfill(
                    [(paper_early.with_user(self.officer_a), datetime(2026, 11, 16, 2, 0))]
                )

    def test_backfilled_flag_and_real_times_refused_on_plain_write(self):
        _incident, electronic, paper_early, _paper_late = self._outage_with_paper_documents()
        for document in (electronic, paper_early):
            for vals in (
                {"backfilled": True},
                {"incident_id": _incident.id},
                {"arrived_at": datetime(2026, 11, 16, 2, 0)},
            ):
                with self.assertRaises(UserError):
                    document.write(vals)
        with self.assertRaises(UserError):
            self._incoming(self.clerk_a, subject="Giả mạo", number="301", backfilled=True)

    def test_other_agency_clerk_cannot_backfill_into_my_incident(self):
        incident, _electronic, _paper_early, _paper_late = self._outage_with_paper_documents()
        with freeze_time("2026-11-17 01:00:00"):
            theirs = self._incident_doc_for(self.clerk_b, "Văn bản của cơ quan B", "401")
        with freeze_time("2026-11-17 02:00:00"), self.assertRaises(AccessError):
            self._backfill(incident, [(theirs, datetime(2026, 11, 16, 2, 0))], user=self.clerk_b)
        self.assertFalse(theirs.backfilled)
        self.assertEqual(incident.document_count, 0)

    def _signed_with_file(self, subject):
        document = self._signed(self._outgoing(self.officer_a, subject=subject))
        self.env["egov.document.file"].with_user(self.clerk_a).create(
            {
                "document_id": document.id,
                "name": "ban-giay-da-so-hoa.pdf",
                "datas": self._b64(MINIMAL_PDF),
                "role": "main",
            }
        )
        return document

    def test_nd30_dieu_15_backfilled_outgoing_keep_real_issue_times_and_number_in_order(self):
        self._use_profile(self.thai_binh)
        with freeze_time("2026-11-13 02:00:00"):
            before = self._signed_with_file("Báo cáo trước sự cố")
            before.with_user(self.clerk_a).action_assign_number()
        with freeze_time("2026-11-16 01:00:00"):
            incident = self._incident()
        with freeze_time("2026-11-16 08:00:00"):
            incident.action_close()
        with freeze_time("2026-11-17 01:00:00"):
            late = self._signed_with_file("Báo cáo phát hành giấy lúc 14 giờ")
            early = self._signed_with_file("Báo cáo phát hành giấy lúc 9 giờ")
        early_at, late_at = datetime(2026, 11, 16, 2, 0), datetime(2026, 11, 16, 7, 0)
        with freeze_time("2026-11-17 02:00:00"):
            self._backfill(incident, [(late, late_at), (early, early_at)])
            after = self._signed_with_file("Báo cáo sau sự cố")
            after.with_user(self.clerk_a).action_assign_number()
        self.assertEqual(
            [d.number_notation for d in (before, early, late, after)],
            ["01/BC-SNV", "02/BC-SNV", "03/BC-SNV", "04/BC-SNV"],
        )
        for document, moment in ((early, early_at), (late, late_at)):
            self.assertEqual(document.outgoing_state, "issued")
            self.assertEqual(document.issued_at, moment, "the real issue time is kept")
            self.assertEqual(str(document.issued_date), "2026-11-16")
            self.assertTrue(document.backfilled)
            self.assertEqual(document.incident_id, incident)
        self.assertFalse(after.backfilled)

    def test_backfilled_outgoing_needs_its_digitised_original(self):
        self._use_profile(self.thai_binh)
        with freeze_time("2026-11-16 01:00:00"):
            incident = self._incident()
        with freeze_time("2026-11-16 08:00:00"):
            incident.action_close()
        with freeze_time("2026-11-17 01:00:00"):
            paper = self._incoming(self.clerk_a, subject="Văn bản giấy", number="601")
            bare = self._signed(self._outgoing(self.officer_a))
        with freeze_time("2026-11-17 02:00:00"), self.assertRaisesRegex(UserError, "main file"):
            self._backfill(
                incident,
                [(paper, datetime(2026, 11, 16, 2, 0)), (bare, datetime(2026, 11, 16, 3, 0))],
            )
        self.assertEqual((paper.incoming_state, paper.backfilled), ("arrived", False))
        self.assertEqual((bare.outgoing_state, bare.number), ("signed", False))
        self.assertFalse(self.registers[self.agency_a.id]["outgoing"].entry_ids)
