"""Compliance statistics built from documents that went through the real flows (arrival,
registration, distribution, handling, signing, numbering, issue, return, recall) under
``freeze_time``, with every figure of both agencies asserted.

All times below are Vietnam time (+07:00); the database stores UTC. Friday 27/03/2026 is
made a public holiday of the agencies' calendar.
"""

import base64
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.egov_documents.tests.common import MINIMAL_PDF, EgovCase

from ..models.egov_report_stat import figure_keys, rates

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


def utc(text):
    """'2026-03-20 17:30' in Vietnam time as the naive UTC datetime Odoo stores."""
    return datetime.fromisoformat(text) - timedelta(hours=7)


def expected(**values):
    figures = dict.fromkeys(figure_keys(), 0)
    unknown = set(values) - set(figures)
    assert not unknown, unknown
    figures.update(values)
    return figures


class StatCase(EgovCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday (test)",
                "calendar_id": cls.calendar.id,
                "resource_id": False,
                "date_from": utc("2026-03-27 00:00"),
                "date_to": utc("2026-03-28 00:00"),
                "time_type": "leave",
            }
        )
        cls.leader_b = cls._create_user(
            "leader_b", cls.agency_b, "egov_documents.group_egov_agency_leader"
        )
        # an agency outside the database (a ministry-level code no other fixture or the demo
        # province uses: agency codes are unique)
        cls.external = cls.env["res.partner"].create(
            {
                "name": "Bộ Thử nghiệm",
                "is_company": True,
                "is_agency": True,
                "code_qcvn102": "000.00.00.G96",
                "agency_abbreviation": "BTN",
            }
        )
        cls._build_scenario()
        cls.env.flush_all()

    # --- the flows ------------------------------------------------------------------------
    @classmethod
    def _arrive(cls, clerk, at, **values):
        with freeze_time(utc(at)):
            return cls._incoming_doc(clerk, **values)

    @classmethod
    def _incoming_doc(cls, clerk, **values):
        vals = {
            "direction": "incoming",
            "subject": values.pop("subject", "Về việc báo cáo số liệu quý I"),
            "issuing_agency_id": cls.province.id,
            "number": values.pop("number", "15"),
            "notation": "UBND-VP",
            "issued_date": date(2026, 3, 1),
            "document_type_id": cls.types["official_letter"].id,
            **values,
        }
        return cls.env["egov.document"].with_user(clerk).with_company(clerk.company_id).create(vals)

    @classmethod
    def _register(cls, document, clerk, at):
        with freeze_time(utc(at)):
            cls._as(document, clerk).action_register()

    @classmethod
    def _distribute(cls, document, leader, at, lead, deadline, coordinators=()):
        with freeze_time(utc(at)):
            leader_env = cls.env(
                user=leader, context={"allowed_company_ids": leader.company_id.ids}
            )
            leader_env["egov.distribute.wizard"].create(
                {
                    "document_id": document.id,
                    "directive": "Đề nghị xử lý đúng hạn",
                    "deadline": utc(deadline),
                    "lead_user_id": lead.id if lead._name == "res.users" else False,
                    "lead_department_id": lead.id if lead._name == "hr.department" else False,
                    "line_ids": [
                        Command.create({"user_id": user.id, "deadline": utc(when)})
                        for user, when in coordinators
                    ],
                }
            ).action_confirm()
        return document.assignment_ids

    @classmethod
    def _issue(cls, officer, clerk, leader, signed, issued, partner, subject, unit=None):
        with freeze_time(utc(signed)):
            draft = cls._outgoing_doc(officer, partner, subject, unit)
            system_env(draft.sudo()).write(
                {
                    "outgoing_state": "signed",
                    "signed_at": utc(signed),
                    "signed_by_id": leader.id,
                }
            )
            cls._as(draft, clerk).action_assign_number()
        with freeze_time(utc(issued)):
            cls._as(draft, clerk).action_issue()
        return draft

    @classmethod
    def _outgoing_doc(cls, officer, partner, subject, unit=None):
        Documents = cls.env["egov.document"].with_user(officer).with_company(officer.company_id)
        draft = Documents.create(
            {
                "direction": "outgoing",
                "subject": subject,
                "document_type_id": cls.types["report"].id,
                "department_id": unit and unit.id,
                "recipient_ids": [Command.create({"kind": "agency", "partner_id": partner.id})],
            }
        )
        cls.env["egov.document.file"].with_user(officer).with_company(officer.company_id).create(
            {
                "document_id": draft.id,
                "name": "bao-cao.pdf",
                "datas": base64.b64encode(MINIMAL_PDF),
                "role": "main",
            }
        )
        return draft

    @staticmethod
    def _delivered(outgoing):
        return outgoing.sudo().recipient_ids.incoming_document_id.sudo(False)

    @classmethod
    def _as(cls, records, user):
        """``records`` as ``user`` working in their own agency."""
        return records.with_env(
            cls.env(user=user, context={"allowed_company_ids": user.company_id.ids}, su=False)
        )

    @classmethod
    def _build_scenario(cls):
        a, b = cls.agency_a.partner_id, cls.agency_b.partner_id
        ca, cb, la, oa = cls.clerk_a, cls.clerk_b, cls.leader_a, cls.officer_a
        # --- A issues to B and to a body outside the database -----------------------------
        # OA1: signed and issued on Monday 02/03; B returns it (rejected by the recipient)
        unit = cls.unit_a
        cls.oa1 = cls._issue(oa, ca, la, "2026-03-02 10:00", "2026-03-02 15:00", b, "OA1", unit)
        with freeze_time(utc("2026-03-03 09:00")):
            cls._as(cls._delivered(cls.oa1), cb)._egov_return_to_sender("Không đúng thẩm quyền")
        # OA2: signed Friday 16:00, issued Monday 11:00 = before the end of the next working
        # morning: on time; B has not registered it yet
        cls.oa2 = cls._issue(oa, ca, la, "2026-03-06 16:00", "2026-03-09 11:00", b, "OA2", unit)
        # OA3: signed Tuesday, issued Thursday: late; on paper (no electronic channel)
        cls.oa3 = cls._issue(
            oa, ca, la, "2026-03-10 09:00", "2026-03-12 09:00", cls.external, "OA3"
        )
        # OA4: issued on time, registered by B, then recalled by A
        cls.oa4 = cls._issue(oa, ca, la, "2026-03-30 10:00", "2026-03-30 10:30", b, "OA4")
        cls._register(cls._delivered(cls.oa4), cb, "2026-03-30 11:00")
        with freeze_time(utc("2026-03-31 09:00")):
            cls._as(cls.oa4, ca)._egov_recall("Sai số liệu")
        # --- B issues to A ---------------------------------------------------------------
        cls.ob1 = cls._issue(
            cls.officer_b, cb, cls.leader_b, "2026-03-16 09:00", "2026-03-16 10:00", a, "OB1"
        )
        cls._register(cls._delivered(cls.ob1), ca, "2026-03-16 11:00")
        cls.ob2 = cls._issue(
            cls.officer_b, cb, cls.leader_b, "2026-03-17 08:00", "2026-03-17 09:00", a, "OB2"
        )
        cls._register(cls._delivered(cls.ob2), ca, "2026-03-17 10:00")
        with freeze_time(utc("2026-03-18 09:00")):
            cls._as(cls.ob2, cb)._egov_recall("Ban hành nhầm")
        # --- A's own arrivals -----------------------------------------------------------
        # Friday 17:30, after hours: counts from Monday 07:30; registered Monday: on time
        cls.ia1 = cls._arrive(ca, "2026-03-20 17:30", arrival_channel="axis", number="1")
        cls._register(cls.ia1, ca, "2026-03-23 09:00")
        nodes = cls._distribute(cls.ia1, la, "2026-03-23 09:30", oa, "2026-03-25 17:00")
        with freeze_time(utc("2026-03-24 10:00")):
            cls._as(nodes, oa)._egov_complete("Đã báo cáo")
        # Thursday; Friday is a holiday: registered Monday afternoon is on time
        cls.ia2 = cls._arrive(ca, "2026-03-26 10:00", arrival_channel="axis", number="2")
        cls._register(cls.ia2, ca, "2026-03-30 16:00")
        cls._distribute(cls.ia2, la, "2026-03-30 16:30", unit, "2026-03-31 10:00")
        # on paper, registered two days later: late; its lead stays open, its coordinator
        # (due with the document) completes three days late
        cls.ia3 = cls._arrive(ca, "2026-03-03 09:00", arrival_channel="paper", number="3")
        cls._register(cls.ia3, ca, "2026-03-05 09:00")
        nodes = cls._distribute(
            cls.ia3, la, "2026-03-05 10:00", oa, "2026-03-10 17:00", [(ca, "2026-03-10 17:00")]
        )
        with freeze_time(utc("2026-03-13 09:00")):
            cls._as(nodes.filtered(lambda n: n.user_id == ca), ca)._egov_complete("Đã phối hợp")
        # urgent, registered two and a half hours after receipt: late
        cls.ia4 = cls._arrive(ca, "2026-03-11 09:00", urgency="urgent", number="4")
        cls._register(cls.ia4, ca, "2026-03-11 11:30")
        # flash, registered twenty minutes after receipt: on time
        cls.ia5 = cls._arrive(ca, "2026-03-11 14:00", urgency="flash", arrival_channel="email")
        cls._register(cls.ia5, ca, "2026-03-11 14:20")
        # 31/03 23:30 in Vietnam is still the first quarter; 01/04 06:30 is the second
        cls.ia6 = cls._arrive(ca, "2026-03-31 23:30", arrival_channel="axis", number="6")
        cls.ia7 = cls._arrive(ca, "2026-04-01 06:30", arrival_channel="axis", number="7")
        # returned to its sender
        cls.ia8 = cls._arrive(ca, "2026-03-10 09:00", arrival_channel="axis", number="8")
        with freeze_time(utc("2026-03-10 10:00")):
            cls._as(cls.ia8, ca)._egov_return_to_sender("Gửi nhầm cơ quan")
        # --- logins ----------------------------------------------------------------------
        for user, at in (
            (ca, "2026-03-02 08:00"),
            (ca, "2026-03-03 08:00"),
            (la, "2026-03-05 08:00"),
            (cb, "2026-03-10 08:00"),
            (ca, "2026-04-01 08:00"),
        ):
            cls.env.cr.execute(
                "INSERT INTO res_users_log (create_uid, write_uid, create_date, write_date)"
                " VALUES (%s, %s, %s, %s)",
                [user.id, user.id, utc(at), utc(at)],
            )

    # --- what the agencies did in the first quarter ----------------------------------
    def _signed_column(self):
        """With egov_signing installed, OA1's signature verifies (as its verification would
        store it); without egov_signing no document is signed digitally and the share is 0."""
        if "signature_status" not in self.env["egov.document"]._fields:
            return 0
        self.env.cr.execute(
            "UPDATE egov_document SET signature_status = 'valid' WHERE id = %s", [self.oa1.id]
        )
        return 1

    def _expected_a(self, signed=0):
        return expected(
            incoming_document_count=9,
            incoming_electronic=8,
            incoming_paper=1,
            incoming_axis=4,
            incoming_register_on_time=5,
            incoming_register_late=2,
            incoming_register_waiting=1,
            incoming_returned=1,
            incoming_recalled=1,
            outgoing_document_count=4,
            outgoing_electronic=3,
            outgoing_paper=1,
            outgoing_axis=0,
            outgoing_signed=signed,
            outgoing_issue_on_time=3,
            outgoing_issue_late=1,
            outgoing_recalled=1,
            outgoing_rejected=1,
            assignments_due=4,
            assignments_on_time=1,
            assignments_late=1,
            assignments_open_overdue=2,
            assignments_ageing_1_5=1,
            assignments_ageing_11_30=1,
            logins=3,
            active_users=2,
        )

    def _expected_b(self):
        return expected(
            incoming_document_count=3,
            incoming_electronic=3,
            incoming_register_on_time=1,
            incoming_register_waiting=1,
            incoming_returned=1,
            incoming_recalled=1,
            outgoing_document_count=2,
            outgoing_electronic=2,
            outgoing_issue_on_time=2,
            outgoing_recalled=1,
            logins=1,
            active_users=1,
        )


@tagged("post_install", "-at_install")
class TestStatFigures(StatCase):
    def test_every_figure_of_each_agency_in_the_first_quarter(self):
        signed = self._signed_column()
        figures = self.env["egov.report.stat"]._egov_figures(self.agency_a | self.agency_b, *Q1)
        self.assertEqual(figures[self.agency_a.id], self._expected_a(signed))
        self.assertEqual(figures[self.agency_b.id], self._expected_b())

    def test_shares_electronic_axis_signed_and_on_time(self):
        figures = self.env["egov.report.stat"]._egov_figures(self.agency_a, *Q1)
        self.assertEqual(
            rates(figures[self.agency_a.id]),
            {
                "electronic_rate": 84.6,  # 11 of 13
                "axis_rate": 30.8,  # 4 of 13
                "signed_rate": 0.0,
                "register_on_time_rate": 71.4,  # 5 of 7
                "issue_on_time_rate": 75.0,  # 3 of 4
                "assignments_on_time_rate": 50.0,  # 1 of 2 done
            },
        )

    def test_province_roll_up_sums_the_agencies(self):
        signed = self._signed_column()
        office = new_test_user(
            self.env,
            login="province_office",
            groups="egov_reports.group_egov_province_office",
            company_id=self.agency_a.id,
            company_ids=[Command.set(self.agency_a.ids)],
        )
        Stat = self.env["egov.report.stat"].with_user(office)
        figures = Stat._egov_figures(self.agency_a | self.agency_b, *Q1)
        total = Stat._egov_total(figures)
        expected_a, expected_b = self._expected_a(signed), self._expected_b()
        self.assertEqual(total, {key: expected_a[key] + expected_b[key] for key in total})
        self.assertEqual(total["incoming_document_count"], 12)
        # the office reads counts of every agency, never a document's reference
        rows = Stat.search([("company_id", "=", self.agency_b.id)])
        self.assertEqual(len(rows), 5)
        self.assertEqual(set(rows.mapped("reference")), {""})

    def test_document_arrived_31_03_at_23_30_counts_in_the_first_quarter(self):
        Stat = (
            self.env["egov.report.stat"].with_user(self.clerk_a).with_context(tz="Asia/Ho_Chi_Minh")
        )
        groups = dict(
            Stat._read_group(
                [("direction", "=", "incoming"), ("id", "in", (self.ia6 | self.ia7).ids)],
                ["date:quarter"],
                ["id:array_agg"],
            )
        )
        self.assertEqual(
            {str(quarter): sorted(ids) for quarter, ids in groups.items()},
            {"2026-01-01 00:00:00": [self.ia6.id], "2026-04-01 00:00:00": [self.ia7.id]},
        )
        second = self.env["egov.report.stat"]._egov_figures(
            self.agency_a, date(2026, 4, 1), date(2026, 6, 30)
        )[self.agency_a.id]
        self.assertEqual(second["incoming_document_count"], 1)

    def test_friday_evening_and_holiday_deadlines_are_stored_on_the_document(self):
        self.assertEqual(self.ia1.egov_iso("received_at"), "2026-03-23T07:30:00+07:00")
        self.assertEqual(self.ia1.egov_iso("egov_register_due"), "2026-03-24T17:00:00+07:00")
        # Thursday + one working day, Friday being a holiday = Monday evening
        self.assertEqual(self.ia2.egov_iso("egov_register_due"), "2026-03-30T17:00:00+07:00")
        # urgent: within the agency's tolerance for "immediately" (60 minutes by default)
        self.assertEqual(self.ia4.egov_iso("egov_register_due"), "2026-03-11T10:00:00+07:00")
        rows = self.env["egov.report.stat"].browse((self.ia1 | self.ia2 | self.ia3 | self.ia4).ids)
        self.assertEqual(
            {row.id: (row.register_on_time, row.register_late) for row in rows},
            {
                self.ia1.id: (1, 0),
                self.ia2.id: (1, 0),
                self.ia3.id: (0, 1),
                self.ia4.id: (0, 1),
            },
        )

    def test_outgoing_sent_the_next_morning_is_on_time_the_next_afternoon_late(self):
        rows = self.env["egov.report.stat"].browse((self.oa2 | self.oa3).ids)
        self.assertEqual(
            {row.id: (row.issue_on_time, row.issue_late, row.channel) for row in rows},
            {self.oa2.id: (1, 0, "internal"), self.oa3.id: (0, 1, "paper")},
        )

    def test_backlog_ageing_as_of_a_later_date_moves_to_older_buckets(self):
        figures = self.env["egov.report.stat"]._egov_figures(
            self.agency_a, *Q1, as_of=utc("2026-04-12 00:00")
        )[self.agency_a.id]
        # IA2's lead: due 31/03 10:00, 11.6 days overdue; IA3's lead: due 10/03, 32.3 days
        self.assertEqual(
            [figures[key] for key in figure_keys() if key.startswith("assignments_ageing")],
            [0, 0, 1, 1],
        )

    def test_drill_down_opens_the_counted_document_for_its_agency_only(self):
        row = self.env["egov.report.stat"].with_user(self.clerk_a).browse(self.ia1.id)
        self.assertEqual(row.reference, self.ia1.with_user(self.clerk_a).display_name)
        action = row.action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("egov.document", self.ia1.id))
        unit_rows = self.env["egov.report.stat.assignment"].search(
            [("document_ref_id", "=", self.ia3.id)]
        )
        self.assertEqual(sorted(unit_rows.mapped("state")), ["assigned", "done"])

    def test_view_reads_the_signature_verification_once_egov_signing_is_installed(self):
        # the view is rebuilt when the registry loads: installing egov_signing after
        # egov_reports feeds the share of digitally signed documents
        installed = "signature_status" in self.env["egov.document"]._fields
        self.env.cr.execute("SELECT pg_get_viewdef('egov_report_stat'::regclass)")
        self.assertEqual("signature_status" in self.env.cr.fetchone()[0], installed)
        recipient_channel = "channel" in self.env["egov.document.recipient"]._fields
        self.assertEqual(
            "r.channel" in self.env["egov.report.stat"]._egov_view_query(), recipient_channel
        )

    def test_figures_per_unit_follow_the_drafting_unit_and_the_lead_unit(self):
        # OA1 and OA2 were drafted by Phòng Văn xã; IA2 was distributed to it as lead
        Stat = self.env["egov.report.stat"].with_user(self.clerk_a)
        groups = Stat._read_group(
            [("company_id", "=", self.agency_a.id)], ["department_id"], ["id:array_agg"]
        )
        self.assertEqual(
            {unit.name or None: sorted(ids) for unit, ids in groups}[self.unit_a.name],
            sorted((self.oa1 | self.oa2 | self.ia2).ids),
        )
        self.assertEqual(sum(len(ids) for _unit, ids in groups), 14)  # 9 + 4 in Q1, 1 in Q2
