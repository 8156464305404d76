from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import MINIMAL_PDF, EgovCase


class WorkflowCase(EgovCase):
    """Two agencies of the demo province exchanging one document, with the people of
    both: drafter, unit leader, leader and clerk at A; clerk, leader, unit leaders and
    officers at B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_leader_a = cls._create_user(
            "unit_leader_a", cls.agency_a, "egov_documents.group_egov_unit_leader"
        )
        cls.officer_a2 = cls._create_user(
            "officer_a2", cls.agency_a, "egov_documents.group_egov_officer"
        )
        cls.leader_b = cls._create_user(
            "leader_b", cls.agency_b, "egov_documents.group_egov_agency_leader"
        )
        cls.unit_leader_b = cls._create_user(
            "unit_leader_b", cls.agency_b, "egov_documents.group_egov_unit_leader"
        )
        cls.officer_b2 = cls._create_user(
            "officer_b2", cls.agency_b, "egov_documents.group_egov_officer"
        )
        cls.budget_unit_b = cls._unit("Phòng Ngân sách", cls.agency_b, "NS", cls.unit_leader_b)
        cls.office_b = cls._unit("Văn phòng", cls.agency_b, "VP", cls.leader_b)

    @classmethod
    def _unit(cls, name, company, abbreviation, manager_user):
        manager = cls.env["hr.employee"].create(
            {"name": manager_user.name, "user_id": manager_user.id, "company_id": company.id}
        )
        return cls.env["hr.department"].create(
            {
                "name": name,
                "company_id": company.id,
                "egov_abbreviation": abbreviation,
                "manager_id": manager.id,
            }
        )

    def _draft_to_b(self):
        draft = self._outgoing(
            self.officer_a,
            document_type_id=self.types["plan"].id,
            subject="Kế hoạch tổ chức hội nghị tổng kết năm 2026",
            reply_deadline="2026-12-15",
            recipient_ids=[(0, 0, {"kind": "agency", "partner_id": self.agency_b.partner_id.id})],
        )
        self.env["egov.document.file"].with_user(self.officer_a).create(
            {
                "document_id": draft.id,
                "name": "KH-hoi-nghi.pdf",
                "datas": self._b64(MINIMAL_PDF),
                "role": "main",
            }
        )
        return draft

    def _issue(self, draft):
        """Review, approve, sign, number and issue ``draft`` at agency A."""
        draft.with_user(self.officer_a)._egov_submit_for_review(
            [("visa", self.unit_leader_a), ("opinion", self.officer_a2)]
        )
        draft.with_user(self.unit_leader_a)._egov_approval_answer("agreed", "Đồng ý trình ký")
        draft.with_user(self.leader_a).action_approve()
        draft.with_user(self.leader_a).action_sign()
        draft.with_user(self.clerk_a).action_assign_number()
        draft.with_user(self.clerk_a).action_issue()
        return self.env["egov.document"].browse(draft.recipient_ids.incoming_document_id.ids)


@tagged("post_install", "-at_install")
class TestDocumentLife(WorkflowCase):
    """NĐ 30/2020 Điều 10–24, Tây Ninh 52/2019 Điều 8–10, Kon Tum Điều 8–10: the whole life
    of one document across two agencies, and the sender seeing each status with its time."""

    def test_whole_life_of_a_document_between_two_agencies(self):
        sent = self._draft_to_b()
        with freeze_time("2026-11-18 02:00:00"):  # Wednesday 09:00 +07:00
            received = self._issue(sent)
        self.assertRecordValues(
            sent,
            [
                {
                    "outgoing_state": "issued",
                    "number_notation": "01/KH-SNV",
                    "signed_by_id": self.leader_a.id,
                    "issued_on_time": True,
                }
            ],
        )
        self.assertEqual(sent.egov_iso("issued_at"), "2026-11-18T09:00:00+07:00")
        # Arrival at the receiver: a real incoming document of agency B, linked.
        self.assertRecordValues(
            received,
            [
                {
                    "company_id": self.agency_b.id,
                    "direction": "incoming",
                    "incoming_state": "arrived",
                    "number_notation": "01/KH-SNV",
                    "issuing_agency_id": self.agency_a.partner_id.id,
                    "arrival_channel": "internal",
                    "origin_recipient_id": sent.recipient_ids.id,
                }
            ],
        )
        self.assertEqual(received.file_ids.checksum, sent.file_ids.checksum)
        self.assertFalse(
            self.env["egov.document"].with_user(self.clerk_a).search([("id", "=", received.id)]),
            "the sender never reads the receiver's copy",
        )

        with freeze_time("2026-11-18 03:00:00"):
            received.with_user(self.clerk_b).action_register()
        self.assertEqual(received.arrival_number, 1)
        self.assertEqual(received.leader_id, self.leader_b, "presented to the agency leader")

        with freeze_time("2026-11-18 04:00:00"):
            received.with_user(self.leader_b)._egov_distribute(
                {"department_id": self.budget_unit_b.id},
                [{"user_id": self.officer_b2.id}, {"department_id": self.office_b.id}],
                directive="Phòng Ngân sách chủ trì tham mưu, Văn phòng phối hợp",
                deadline=datetime(2026, 11, 30, 10, 0),
            )
        lead = received.assignment_ids.filtered(lambda a: a.role == "lead")
        self.assertEqual(len(received.assignment_ids), 3)
        self.assertEqual(lead.responsible_user_id, self.unit_leader_b)

        with freeze_time("2026-11-18 06:00:00"):
            officer_node = lead.with_user(self.unit_leader_b)._egov_split(
                [
                    {
                        "user_id": self.officer_b.id,
                        "role": "lead",
                        "deadline": datetime(2026, 11, 27, 10, 0),
                        "directive": "Đồng chí B dự thảo văn bản trả lời",
                    }
                ]
            )
        self.assertEqual(received.incoming_state, "in_progress")
        self.assertIn(
            self.officer_b, received.member_ids.user_id, "the officer now sees the document"
        )

        extension = officer_node.with_user(self.officer_b)._egov_request_extension(
            datetime(2026, 11, 29, 10, 0), "Chờ số liệu quyết toán"
        )
        extension.with_user(self.unit_leader_b)._decide(True, "Đồng ý")
        self.assertEqual(officer_node.deadline, datetime(2026, 11, 29, 10, 0))

        reply = (
            self.env["egov.document"]
            .with_user(self.officer_b)
            .create(
                {
                    "direction": "outgoing",
                    "company_id": self.agency_b.id,
                    "document_type_id": self.types["report"].id,
                    "subject": "Báo cáo góp ý kế hoạch hội nghị",
                }
            )
        )
        with freeze_time("2026-11-20 02:00:00"):
            officer_node.with_user(self.officer_b).action_accept()
            officer_node.with_user(self.officer_b)._egov_complete(
                "Đã dự thảo văn bản trả lời", reply, "Đề nghị ký ban hành"
            )
            lead.with_user(self.unit_leader_b)._egov_complete("Đã tham mưu xong", reply)
        self.assertEqual(received.incoming_state, "done")
        self.assertIn(received, reply.response_for_ids, "the reply is linked to what it answers")
        self.assertTrue(all(node.state == "done" for node in received.assignment_ids))

        statuses = sent.recipient_ids.status_ids.sorted("id")
        self.assertEqual(statuses.mapped("code"), ["01", "03", "04", "05", "06"])
        self.assertEqual(
            [received.env["egov.document"]._egov_format_dt(s.reported_at) for s in statuses],
            [
                "2026-11-18T09:00:00+07:00",
                "2026-11-18T10:00:00+07:00",
                "2026-11-18T11:00:00+07:00",
                "2026-11-18T13:00:00+07:00",
                "2026-11-20T09:00:00+07:00",
            ],
        )
        self.assertEqual(sent.recipient_ids.business_status, "06")

    def test_visa_disagreement_sends_the_draft_back_with_the_comment(self):
        draft = self._draft_to_b()
        draft.with_user(self.officer_a)._egov_submit_for_review([("visa", self.unit_leader_a)])
        with self.assertRaisesRegex(UserError, "comment"):
            draft.with_user(self.unit_leader_a)._egov_approval_answer("disagreed")
        draft.with_user(self.unit_leader_a)._egov_approval_answer(
            "disagreed", "Sửa lại thời gian hội nghị"
        )
        self.assertEqual(draft.outgoing_state, "draft")
        self.assertEqual(draft.approval_step_ids.comment, "Sửa lại thời gian hội nghị")
        with self.assertRaises(AccessError):
            draft.with_user(self.officer_a2)._egov_approval_answer("agreed")

    def test_receiver_returns_the_document_and_the_sender_sees_why(self):
        received = self._issue(self._draft_to_b())
        with self.assertRaisesRegex(UserError, "reason"):
            received.with_user(self.clerk_b)._egov_return_to_sender(" ")
        received.with_user(self.clerk_b)._egov_return_to_sender("Gửi nhầm cơ quan")
        line = received.origin_recipient_id
        self.assertEqual(received.incoming_state, "returned")
        self.assertRecordValues(
            line, [{"business_status": "02", "status_note": "Gửi nhầm cơ quan"}]
        )

    def test_recall_removes_the_document_at_the_receiver_and_keeps_the_recall(self):
        sent = self._draft_to_b()
        received = self._issue(sent)
        received.with_user(self.clerk_b).action_register()
        sent.with_user(self.clerk_a)._egov_recall("Văn bản ban hành sai thẩm quyền")
        self.assertEqual(sent.outgoing_state, "recalled")
        received = received.with_context(active_test=False)
        self.assertRecordValues(
            received,
            [
                {
                    "incoming_state": "recalled",
                    "active": False,
                    "recall_reason": "Văn bản ban hành sai thẩm quyền",
                }
            ],
        )
        self.assertFalse(received.file_ids, "the recalled content is deleted at the receiver")
        self.assertFalse(
            self.env["egov.document"].with_user(self.clerk_b).search([("id", "=", received.id)])
        )
        self.assertEqual(sent.recipient_ids.status_ids.mapped("code")[:2], ["15", "13"])

    def test_illegal_transition_is_refused_naming_the_current_state(self):
        draft = self._draft_to_b()
        with self.assertRaisesRegex(UserError, "is Draft: it cannot move to Issued"):
            draft.with_user(self.clerk_a).action_issue()
        with self.assertRaisesRegex(UserError, "is Draft: it cannot move to Signed"):
            draft.with_user(self.leader_a).action_sign()
        received = self._issue(draft)
        with self.assertRaisesRegex(UserError, "is Arrived: it cannot move to Distributed"):
            received.with_user(self.leader_b)._egov_distribute(
                {"department_id": self.budget_unit_b.id}
            )

    def test_issue_without_recipient_or_main_file_is_refused_by_name(self):
        draft = self._outgoing(self.officer_a, subject="Thông báo nội bộ")
        self._signed(draft)
        draft.with_user(self.clerk_a).action_assign_number()
        with self.assertRaisesRegex(UserError, "Thông báo nội bộ.*no recipient"):
            draft.with_user(self.clerk_a).action_issue()

    def test_issuing_the_next_day_after_the_morning_is_late(self):
        draft = self._draft_to_b()
        draft.with_user(self.officer_a)._egov_submit_for_review([("visa", self.unit_leader_a)])
        draft.with_user(self.unit_leader_a)._egov_approval_answer("agreed")
        draft.with_user(self.leader_a).action_approve()
        with freeze_time("2026-11-19 09:00:00"):  # Thursday 16:00 +07:00
            draft.with_user(self.leader_a).action_sign()
        self.assertEqual(draft.egov_iso("issue_due"), "2026-11-20T11:30:00+07:00")
        draft.with_user(self.clerk_a).action_assign_number()
        with freeze_time("2026-11-20 07:00:00"):  # Friday 14:00 +07:00
            draft.with_user(self.clerk_a).action_issue()
        self.assertFalse(draft.issued_on_time)

    def test_urgent_document_is_presented_to_the_leader_at_once(self):
        with freeze_time("2026-11-18 02:00:00"):
            document = self._incoming(self.clerk_a, urgency="flash")
            document.with_user(self.clerk_a).action_register()
        self.assertEqual(document.leader_id, self.leader_a)
        # immediately = the rule profile's minutes of working time after arrival (Tây Ninh: 60)
        self.assertEqual(document.present_due, datetime(2026, 11, 18, 3, 0))
        notified = document.message_ids.filtered(
            lambda m: self.leader_a.partner_id in m.partner_ids
        )
        self.assertTrue(notified, "the leader is notified immediately")

    def test_ordinary_document_is_presented_by_the_next_working_day(self):
        with freeze_time("2026-11-20 03:00:00"):  # Friday 10:00 +07:00
            document = self._incoming(self.clerk_a)
            document.with_user(self.clerk_a).action_register()
        self.assertEqual(document.egov_iso("present_due"), "2026-11-23T17:00:00+07:00")


@tagged("post_install", "-at_install")
class TestDeadlines(WorkflowCase):
    """Reminders before a deadline, escalation to the leader when overdue (Tây Ninh
    52/2019 Điều 8.2.c), batched and safe to run twice."""

    def setUp(self):
        super().setUp()
        with freeze_time("2026-11-18 02:00:00"):
            self.document = self._incoming(
                self.clerk_b, issuing_agency_id=self.agency_a.partner_id.id
            )
            self.document.with_user(self.clerk_b).action_register()
            self.document.with_user(self.leader_b)._egov_distribute(
                {"user_id": self.officer_b.id}, deadline=datetime(2026, 11, 20, 10, 0)
            )
        self.node = self.document.assignment_ids

    def test_overdue_assignment_is_escalated_once_to_the_leader(self):
        Assignment = self.env["egov.assignment"]
        with freeze_time("2026-11-19 12:00:00"):
            self.assertEqual(
                Assignment._cron_deadline_reminders(),
                (1, 0),
                "reminded within a day of the deadline",
            )
        with freeze_time("2026-11-20 11:00:00"):
            self.assertTrue(self.node.is_overdue)
            self.assertIn(
                self.document, self.env["egov.document"].search([("is_overdue", "=", True)])
            )
            self.assertEqual(Assignment._cron_deadline_reminders(), (0, 1))
            self.assertEqual(Assignment._cron_deadline_reminders(), (0, 0), "safe to run twice")
        self.assertEqual(self.node.escalated_at, datetime(2026, 11, 20, 11, 0))
        # written in the agency's language: found by the deadline it names
        deadline = self.document._egov_format_dt(self.node.deadline)
        escalation = self.document.message_ids.filtered(
            lambda m: deadline in (m.body or "") and self.leader_b.partner_id in m.partner_ids
        )
        self.assertEqual(len(escalation), 1)
        self.assertIn(self.leader_b.partner_id, escalation.partner_ids)

    def test_extension_refused_keeps_the_deadline(self):
        request = self.node.with_user(self.officer_b)._egov_request_extension(
            datetime(2026, 11, 25, 10, 0), "Thiếu hồ sơ"
        )
        with self.assertRaisesRegex(UserError, "reason"):
            request.with_user(self.leader_b)._decide(False)
        with self.assertRaises(AccessError):
            request.with_user(self.officer_b2)._decide(True)
        request.with_user(self.leader_b)._decide(False, "Không đủ căn cứ")
        self.assertEqual(self.node.deadline, datetime(2026, 11, 20, 10, 0))
        self.assertEqual(request.state, "refused")

    def test_requested_deadline_must_be_later(self):
        with self.assertRaisesRegex(UserError, "later"):
            self.node.with_user(self.officer_b)._egov_request_extension(datetime(2026, 11, 19), "x")

    def test_sub_assignment_deadline_cannot_pass_its_parent(self):
        unit_node = self.document.assignment_ids
        with self.assertRaisesRegex(Exception, "cannot be later"):
            unit_node.with_user(self.leader_b)._egov_split(
                [{"user_id": self.officer_b2.id, "deadline": datetime(2026, 11, 21, 10, 0)}]
            )
        self.assertFalse(unit_node.child_ids, "nothing half-created")

    def test_clerk_without_an_email_address_still_registers_and_presents(self):
        self.clerk_a.partner_id.email = False
        document = self._incoming(self.clerk_a)
        document.with_user(self.clerk_a).action_register()
        self.assertEqual(document.incoming_state, "received")
        self.assertEqual(document.activity_ids.user_id, self.leader_a)


@tagged("post_install", "-at_install")
class TestPaperCopies(WorkflowCase):
    """Tây Ninh 52/2019 Điều 6.2 and Kon Tum Điều 7: some documents also go on paper."""

    def test_paper_copy_for_central_bodies_and_types_that_require_it(self):
        ministry = self.env["res.partner"].create(
            {
                "name": "Bộ Nội vụ (thử)",
                "is_agency": True,
                "agency_level": "central",
                "code_qcvn102": "000.00.00.G98",
            }
        )
        document = self._outgoing(
            self.officer_a,
            recipient_ids=[
                (0, 0, {"kind": "agency", "partner_id": ministry.id}),
                (0, 0, {"kind": "agency", "partner_id": self.agency_b.partner_id.id}),
            ],
        )
        self.assertEqual(document.recipient_ids.mapped("paper_copy"), [True, False])
        self.types["report"].requires_paper = True
        submission = self._outgoing(
            self.officer_a,
            recipient_ids=[
                (0, 0, {"kind": "agency", "partner_id": self.agency_b.partner_id.id}),
            ],
        )
        self.assertTrue(submission.paper_copy)
        self.assertTrue(submission.recipient_ids.paper_copy)
