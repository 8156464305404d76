"""Province rule profiles (issue 11): the rules read the agency's profile, and the five
presets cite the article of each value. Run under Tây Ninh's (QĐ 52/2019) and Bến Tre's
(QĐ 44/2017) profiles where their numbers differ."""

import importlib.util
import os
from datetime import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_documents.models.egov_rule_profile import CITED_FIELDS

from .common import EgovCase

PRESETS = ("tay_ninh", "kon_tum", "thai_binh", "son_la", "ben_tre")


class RuleProfileCase(EgovCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tay_ninh = cls.env.ref("egov_documents.rule_profile_tay_ninh")
        cls.ben_tre = cls.env.ref("egov_documents.rule_profile_ben_tre")
        cls.son_la = cls.env.ref("egov_documents.rule_profile_son_la")
        cls.env["ir.config_parameter"].sudo().set_param("egov_documents.province_rule_profile", "")

    def _use(self, company, profile):
        company.sudo().egov_rule_profile_id = profile

    def _variant(self, **values):
        """A copy of Tây Ninh's profile with other numbers (an agency's own regulation)."""
        return self.tay_ninh.sudo().copy({"code": f"variant_{len(values)}", **values})


@tagged("post_install", "-at_install")
class TestRuleProfilePresets(RuleProfileCase):
    def test_five_presets_ship_with_every_value_citing_its_article(self):
        for code in PRESETS:
            profile = self.env.ref(f"egov_documents.rule_profile_{code}")
            cited = set(profile.citation_ids.mapped("field_name"))
            self.assertEqual(set(CITED_FIELDS) - cited, set(), f"{code}: uncited values")
            self.assertTrue(all(profile.citation_ids.mapped("article")))
            self.assertIn(profile.code, PRESETS)
        self.assertIn("Điều 5.2.b", self.tay_ninh.citation_table)

    def test_tay_ninh_52_2019_dieu_5_6_13_numbers(self):
        profile = self.tay_ninh
        self.assertEqual(profile.present_working_days, 1)  # Điều 5.2.b
        self.assertEqual(profile.issue_rule, "next_morning")  # Điều 5.2.a (QĐ 28/2018 Điều 6)
        self.assertTrue(profile.paper_copy_party_council)  # Điều 6.2.b
        self.assertTrue(profile.paper_copy_justice_appraisal)  # Điều 6.2.c
        self.assertTrue(profile.report_quarterly)  # Điều 13.4
        self.assertEqual(profile.report_due_day, 15)
        self.assertFalse(profile.report_annual)
        self.assertEqual(profile.lock_unused_days, 0)  # not regulated

    def test_ben_tre_44_2017_dieu_3_6_7_9_numbers(self):
        profile = self.ben_tre
        self.assertEqual(profile.login_pattern, r"^[a-z0-9]+\.[a-z0-9]+$")  # Điều 6.2
        self.assertEqual(profile.lock_unused_days, 30)  # Điều 7.1.a
        self.assertEqual(profile.revoke_inactive_days, 60)  # Điều 7.2
        self.assertTrue(profile.force_password_change)  # Điều 9.2.b
        self.assertTrue(profile.paper_copy_permanent)  # Điều 3.5
        self.assertTrue(profile.report_annual)  # Điều 10.3
        self.assertFalse(profile.paper_copy_party_council)
        self.assertEqual(profile.issue_rule, "next_day")  # NĐ 30/2020 Điều 18.1

    def test_thai_binh_17_2019_dieu_8_outage_threshold_is_4_working_hours(self):
        profile = self.env.ref("egov_documents.rule_profile_thai_binh")
        self.assertEqual(profile.outage_threshold_hours, 4.0)
        # Điều 4.5, 11.1, 12.1: passwords handed out by Sở TT&TT are changed by their owner
        self.assertTrue(profile.force_password_change)
        self.assertEqual((profile.lock_unused_days, profile.revoke_inactive_days), (0, 0))

    def test_kon_tum_dieu_20_7_reports_every_six_months_and_yearly(self):
        profile = self.env.ref("egov_documents.rule_profile_kon_tum")
        self.assertTrue(profile.report_half_year and profile.report_annual)
        self.assertFalse(profile.report_quarterly)

    def test_bad_values_are_refused_with_a_clear_error_and_change_nothing(self):
        profile = self._variant()
        cases = [
            ({"present_working_days": 0}, "at least 1 working day"),
            ({"default_handling_days": 0}, "default handling deadline"),
            ({"lock_unused_days": -1}, "cannot be negative"),
            ({"report_due_day": 31}, "between 1 and 28"),
            ({"login_pattern": "^[a-z"}, "not a valid regular expression"),
            ({"issue_next_morning_hour": 25.0}, "between 0 and 24"),
        ]
        for vals, message in cases:
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(ValidationError, message),
                self.env.cr.savepoint(),
            ):
                profile.write(vals)
        self.assertEqual(profile.present_working_days, 1)
        self.assertEqual(profile.login_pattern, False)

    @mute_logger("odoo.sql_db")
    def test_profile_codes_are_unique(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.tay_ninh.sudo().copy({"code": "ben_tre"})
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestEffectiveProfile(RuleProfileCase):
    def test_agency_override_else_province_parameter_else_tay_ninh(self):
        company = self.agency_a
        self.assertEqual(company._egov_rule_profile(), self.tay_ninh)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(
            "egov_documents.province_rule_profile", "egov_documents.rule_profile_son_la"
        )
        self.assertEqual(company._egov_rule_profile(), self.son_la)
        params.set_param("egov_documents.province_rule_profile", str(self.ben_tre.id))
        self.assertEqual(company._egov_rule_profile(), self.ben_tre)
        self._use(company, self.son_la)
        self.assertEqual(company._egov_rule_profile(), self.son_la)
        self.assertEqual(company.egov_effective_rule_profile_id, self.son_la)
        # a parameter naming something else is ignored, not obeyed
        self._use(company, False)
        params.set_param("egov_documents.province_rule_profile", "base.user_admin")
        self.assertEqual(company._egov_rule_profile(), self.tay_ninh)

    def test_clerk_cannot_write_a_profile_nor_switch_the_agency_profile(self):
        clerk_env_profile = self.ben_tre.with_user(self.clerk_a)
        self.assertEqual(clerk_env_profile.lock_unused_days, 30, "every user reads profiles")
        with self.assertRaises(AccessError):
            clerk_env_profile.write({"lock_unused_days": 365})
        with self.assertRaises(AccessError):
            self.agency_a.with_user(self.clerk_a).write({"egov_rule_profile_id": self.ben_tre.id})
        admin = self._create_user("egov_admin_a", self.agency_a, "egov_documents.group_egov_admin")
        with self.assertRaises(AccessError):
            self.agency_a.with_user(admin).write({"egov_rule_profile_id": self.ben_tre.id})
        self.assertFalse(self.agency_a.egov_rule_profile_id)
        self.assertEqual(self.ben_tre.lock_unused_days, 30)


@tagged("post_install", "-at_install")
class TestRulesReadTheProfile(RuleProfileCase):
    """No rule number stays a constant: switching the agency's profile changes the rule."""

    def test_present_within_the_profiles_working_days_1_vs_3(self):
        # Friday 2026-11-20 10:00 +07:00
        with freeze_time("2026-11-20 03:00:00"):
            tay_ninh = self._incoming(self.clerk_a)
        self.assertEqual(tay_ninh.egov_iso("present_due"), "2026-11-23T17:00:00+07:00")
        self._use(self.agency_a, self._variant(present_working_days=3))
        with freeze_time("2026-11-20 03:00:00"):
            three_days = self._incoming(self.clerk_a, number="16")
        # Monday 23, (Tuesday 24/11 Ngày Văn hóa Việt Nam), Wednesday 25, Thursday 26
        self.assertEqual(three_days.egov_iso("present_due"), "2026-11-26T17:00:00+07:00")
        self.assertEqual(tay_ninh.egov_iso("present_due"), "2026-11-23T17:00:00+07:00")

    def test_urgent_is_presented_within_minutes_of_working_time_from_arrival(self):
        # Wednesday 2026-11-18 11:00 +07:00: 30 minutes before lunch, 30 after 13:30
        with freeze_time("2026-11-18 04:00:00"):
            document = self._incoming(self.clerk_a, urgency="flash")
        self.assertEqual(document.egov_iso("present_due"), "2026-11-18T14:00:00+07:00")
        with freeze_time("2026-11-18 08:00:00"):  # registered and presented at 15:00
            document.with_user(self.clerk_a).action_register()
        self.assertGreater(document.presented_at, document.present_due, "lateness shows")
        self._use(self.agency_a, self._variant(urgent_present_minutes=15))
        with freeze_time("2026-11-18 04:00:00"):
            quick = self._incoming(self.clerk_a, urgency="urgent", number="17")
        self.assertEqual(quick.egov_iso("present_due"), "2026-11-18T11:15:00+07:00")

    def test_documents_waiting_past_the_rule_are_flagged_to_the_clerks_once(self):
        Documents = self.env["egov.document"]
        with freeze_time("2026-11-18 03:00:00"):  # Wednesday 10:00, due Thursday 17:00
            late = self._incoming(self.clerk_a)
            on_time = self._incoming(self.clerk_a, number="18")
        with freeze_time("2026-11-19 09:00:00"):  # Thursday 16:00: nothing late yet
            self.assertEqual(Documents._cron_flag_late_registration(), 0)
        on_time.with_user(self.clerk_a).action_register()
        with freeze_time("2026-11-20 02:00:00"):  # Friday 09:00
            self.assertEqual(Documents._cron_flag_late_registration(), 1)
            self.assertEqual(Documents._cron_flag_late_registration(), 0, "safe to run twice")
        todo = late.activity_ids.filtered(lambda a: a.egov_step == "register")
        self.assertEqual(todo.user_id, self.clerk_a)
        self.assertFalse(on_time.activity_ids.filtered(lambda a: a.egov_step == "register"))
        with freeze_time("2026-11-20 03:00:00"):
            late.with_user(self.clerk_a).action_register()
        self.assertFalse(late.activity_ids.filtered(lambda a: a.egov_step == "register"))

    def test_flagging_cron_is_refused_to_a_clerk(self):
        with self.assertRaises(AccessError):
            self.env["egov.document"].with_user(self.clerk_a)._cron_flag_late_registration()

    def test_default_handling_deadline_is_the_profiles_working_days(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a)
            document.with_user(self.clerk_a).action_register()
            wizard = self.env["egov.distribute.wizard"].with_user(self.leader_a)
            ten_days = wizard.with_context(active_id=document.id).default_get(["deadline"])
            self._use(self.agency_a, self._variant(default_handling_days=5))
            five_days = wizard.with_context(active_id=document.id).default_get(["deadline"])
        # Wednesday 18/11 + 10 working days, Tuesday 24/11 (Ngày Văn hóa Việt Nam) off:
        # Thursday 3/12 17:00; + 5 working days: Thursday 26/11 17:00
        self.assertEqual(ten_days["deadline"], datetime(2026, 12, 3, 10, 0))
        self.assertEqual(five_days["deadline"], datetime(2026, 11, 26, 10, 0))

    def test_reminder_lead_time_is_the_profiles_days(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a)
            document.with_user(self.clerk_a).action_register()
            document.with_user(self.leader_a)._egov_distribute(
                {"user_id": self.officer_a.id}, deadline=datetime(2026, 11, 23, 10, 0)
            )
        Assignment = self.env["egov.assignment"]
        with freeze_time("2026-11-20 10:00:00"):  # 2 days 0 h before the deadline
            self.assertEqual(Assignment._cron_deadline_reminders(), (0, 0), "Tây Ninh: 1 day")
            self._use(self.agency_a, self._variant(reminder_lead_days=3))
            self.assertEqual(Assignment._cron_deadline_reminders(), (1, 0), "3 days ahead")

    def _recompute_issue_due(self, document):
        """issue_due is fixed when signed; recompute it as a new signature would."""
        self.env.add_to_compute(document._fields["issue_due"], document)
        document.flush_recordset()

    def test_issue_by_the_profiles_rule_tay_ninh_next_morning_ben_tre_next_day(self):
        document = self._outgoing(self.officer_a)
        with freeze_time("2026-11-19 09:00:00"):  # Thursday 16:00 +07:00
            system_env(document.sudo()).write(
                {"outgoing_state": "signed", "signed_at": datetime(2026, 11, 19, 9, 0)}
            )
        self.assertEqual(document.egov_iso("issue_due"), "2026-11-20T11:30:00+07:00")
        self._use(self.agency_a, self.ben_tre)
        self._recompute_issue_due(document)
        self.assertEqual(document.egov_iso("issue_due"), "2026-11-20T17:00:00+07:00")
        self._use(self.agency_a, self.son_la)  # same day
        self._recompute_issue_due(document)
        self.assertEqual(document.egov_iso("issue_due"), "2026-11-19T17:00:00+07:00")
        self._use(self.agency_a, self._variant(issue_next_morning_hour=10.0))
        self._recompute_issue_due(document)
        self.assertEqual(document.egov_iso("issue_due"), "2026-11-20T10:00:00+07:00")

    def test_paper_copies_tay_ninh_dieu_6_2_vs_ben_tre_dieu_3_5(self):
        Partner = self.env["res.partner"]
        council = Partner.create({"name": "HĐND tỉnh Mẫu", "agency_kind": "council"})
        justice = Partner.create({"name": "Sở Tư pháp tỉnh Mẫu", "agency_kind": "justice"})
        plain = self.agency_b.partner_id
        lines = [(0, 0, {"kind": "agency", "partner_id": p.id}) for p in (council, justice, plain)]
        tay_ninh = self._outgoing(self.officer_a, recipient_ids=lines)
        self.assertEqual(tay_ninh.recipient_ids.mapped("paper_copy"), [True, False, False])
        appraisal = self._outgoing(self.officer_a, recipient_ids=lines, appraisal_request=True)
        self.assertEqual(appraisal.recipient_ids.mapped("paper_copy"), [True, True, False])
        self._use(self.agency_a, self.ben_tre)
        ben_tre = self._outgoing(self.officer_a, recipient_ids=lines, appraisal_request=True)
        self.assertEqual(ben_tre.recipient_ids.mapped("paper_copy"), [False, False, False])
        kept = self._outgoing(self.officer_a, recipient_ids=lines, paper_copy_permanent=True)
        self.assertEqual(kept.recipient_ids.mapped("paper_copy"), [True, True, True])

    def test_profile_document_types_go_on_paper(self):
        self._use(
            self.agency_a, self._variant(paper_copy_type_ids=[(6, 0, self.types["plan"].ids)])
        )
        plan = self._outgoing(self.officer_a, document_type_id=self.types["plan"].id)
        report = self._outgoing(self.officer_a)
        self.assertTrue(plan.paper_copy)
        self.assertFalse(report.paper_copy)

    def test_migration_1_1_recomputes_present_due_of_documents_not_yet_presented(self):
        with freeze_time("2026-11-20 03:00:00"):
            waiting = self._incoming(self.clerk_a)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE egov_document SET present_due = NULL WHERE id = %s", waiting.ids
        )
        self.env.invalidate_all()
        path = os.path.join(
            get_module_path("egov_documents"), "migrations", "18.0.1.1.0", "post-migrate.py"
        )
        spec = importlib.util.spec_from_file_location("egov_documents_migrate_1_1", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(waiting.egov_iso("present_due"), "2026-11-23T17:00:00+07:00")
