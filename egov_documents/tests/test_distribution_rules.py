import json
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import EgovCase


class DistributionCase(EgovCase):
    """Agency A with a unit that has a manager, a unit with only a work recipient and a unit
    with neither, and a registered incoming document due 30/11/2026 17:00 (+07:00)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit_leader_a = cls._create_user(
            "unit_leader_a", cls.agency_a, "egov_documents.group_egov_unit_leader"
        )
        cls.officer2_a = cls._create_user(
            "officer2_a", cls.agency_a, "egov_documents.group_egov_officer"
        )
        manager = cls.env["hr.employee"].create(
            {
                "name": "Trưởng phòng Kế hoạch",
                "user_id": cls.unit_leader_a.id,
                "company_id": cls.agency_a.id,
            }
        )
        cls.unit_managed = cls.env["hr.department"].create(
            {"name": "Phòng Kế hoạch", "company_id": cls.agency_a.id, "manager_id": manager.id}
        )
        cls.unit_handled = cls.env["hr.department"].create(
            {
                "name": "Phòng Kinh tế",
                "company_id": cls.agency_a.id,
                "egov_handler_user_id": cls.officer2_a.id,
            }
        )
        cls.unit_orphan = cls.env["hr.department"].create(
            {"name": "Phòng Tổ chức biên chế", "company_id": cls.agency_a.id}
        )
        cls.due = datetime(2026, 11, 30, 10, 0)  # 17:00 +07:00

    def _registered(self, **values):
        with freeze_time("2026-11-20 02:00:00"):
            document = self._incoming(self.clerk_a, deadline=self.due, **values)
            document.with_user(self.clerk_a).action_register()
            self._flush_tracking()
        return document

    def _flush_tracking(self):
        """Tracking is written when the transaction ends (each step is its own request)."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _wizard(self, document, user=None, **values):
        user = user or self.leader_a
        return (
            self.env["egov.distribute.wizard"]
            .with_user(user)
            .with_company(user.company_id)
            .with_context(active_id=document.id)
            .create({"document_id": document.id, **values})
        )


@tagged("post_install", "-at_install")
class TestDistributionRules(DistributionCase):
    def test_distribution_keeps_the_documents_deadline(self):
        document = self._registered(urgency="flash")
        wizard = self._wizard(document, lead_user_id=self.officer_a.id)
        self.assertEqual(wizard.deadline, self.due, "The wizard offers the document's deadline.")
        messages_before = document.message_ids
        wizard.action_confirm()
        self.assertEqual(document.deadline, self.due)
        self.assertEqual(document.assignment_ids.deadline, self.due)
        notes = (document.message_ids - messages_before).filtered(
            lambda m: "30/11/2026" in (m.body or "")
        )
        self.assertFalse(notes, "An unchanged deadline is not reported as a change.")

    @freeze_time("2026-11-20 02:00:00")
    def test_wizard_offers_the_profile_deadline_when_the_document_has_none(self):
        document = self._incoming(self.clerk_a)
        document.with_user(self.clerk_a).action_register()
        wizard = self._wizard(document, lead_user_id=self.officer_a.id)
        self.assertEqual(wizard.deadline, document._egov_default_handling_deadline())
        self.assertGreater(wizard.deadline, datetime(2026, 11, 20, 2, 0))

    def test_changed_deadline_is_noted_in_the_history(self):
        document = self._registered()
        later = datetime(2026, 12, 14, 10, 0)
        wizard = self._wizard(document, lead_user_id=self.officer_a.id, deadline=later)
        wizard.action_confirm()
        self.assertEqual(document.deadline, later)
        note = document.message_ids.filtered(
            lambda m: "30/11/2026" in (m.body or "") and "14/12/2026" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn(self.leader_a.name, note.body)
        self.assertIn("17:00 30/11/2026", note.body)
        self.assertIn("17:00 14/12/2026", note.body)
        subtype = self.env.ref(
            "egov_documents.mt_egov_deadline", raise_if_not_found=False
        ) or self.env.ref("egov_documents.mt_document_deadline", raise_if_not_found=False)
        self.assertEqual(note.subtype_id, subtype or self.env.ref("mail.mt_note"))
        self._flush_tracking()
        tracked = document.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "deadline"
        )
        self.assertIn(later, tracked.mapped("new_value_datetime"))

    def test_coordinator_deadline_cannot_be_later_than_the_documents(self):
        document = self._registered()
        wizard = self._wizard(
            document,
            lead_user_id=self.officer_a.id,
            line_ids=[(0, 0, {"user_id": self.officer2_a.id, "deadline": "2026-12-01 10:00:00"})],
        )
        with self.assertRaisesRegex(UserError, "cannot be later than the handling deadline"):
            wizard.action_confirm()
        self.assertEqual(document.incoming_state, "received")

    def test_unit_without_manager_is_refused(self):
        document = self._registered()
        wizard = self._wizard(document, lead_department_id=self.unit_orphan.id)
        with self.assertRaisesRegex(UserError, "Phòng Tổ chức biên chế has no manager"):
            wizard.action_confirm()
        with self.assertRaisesRegex(UserError, "Phòng Tổ chức biên chế has no manager"):
            document.with_user(self.leader_a)._egov_distribute(
                {"user_id": self.officer_a.id}, [{"department_id": self.unit_orphan.id}]
            )
        self.assertFalse(document.assignment_ids)
        self.assertEqual(document.incoming_state, "received")

    def test_unit_handler_receives_the_work(self):
        document = self._registered()
        self._wizard(document, lead_department_id=self.unit_handled.id).action_confirm()
        lead = document.assignment_ids
        self.assertEqual(lead.responsible_user_id, self.officer2_a)
        self.assertIn(self.officer2_a, document.activity_ids.user_id)
        self.assertTrue(document.with_user(self.officer2_a).has_access("read"))

    def test_unit_manager_comes_before_the_unit_handler(self):
        self.unit_handled.manager_id = self.unit_managed.manager_id
        document = self._registered()
        self._wizard(document, lead_department_id=self.unit_handled.id).action_confirm()
        self.assertEqual(document.assignment_ids.responsible_user_id, self.unit_leader_a)

    def test_handler_of_another_agency_is_refused(self):
        with self.assertRaises(Exception):  # noqa: B017 -- ValidationError or UserError
            self.unit_orphan.egov_handler_user_id = self.officer_b

    def test_for_information_recipients_read_without_work(self):
        document = self._registered()
        messages_before = document.message_ids
        self._wizard(
            document,
            lead_user_id=self.officer_a.id,
            informed_user_ids=[(6, 0, self.officer2_a.ids)],
            informed_department_ids=[(6, 0, self.unit_managed.ids)],
        ).action_confirm()
        self.assertEqual(document.informed_user_ids, self.officer2_a)
        self.assertEqual(document.informed_department_ids, self.unit_managed)
        followers = document.member_ids.filtered(lambda m: m.role == "follower").user_id
        self.assertEqual(followers, self.officer2_a | self.unit_leader_a)
        # no assignment, no to-do for them
        self.assertEqual(document.assignment_ids.responsible_user_id, self.officer_a)
        self.assertNotIn(self.officer2_a, document.activity_ids.user_id)
        as_informed = document.with_user(self.officer2_a)
        self.assertTrue(as_informed.has_access("read"))
        self.assertTrue(as_informed.egov_for_information)
        self.assertFalse(document.with_user(self.officer_a).egov_for_information)
        listed = (
            self.env["egov.document"]
            .with_user(self.officer2_a)
            .search(
                [
                    (
                        "member_ids",
                        "any",
                        [("user_id", "=", self.officer2_a.id), ("role", "=", "follower")],
                    )
                ]
            )
        )
        self.assertEqual(listed, document)
        notice = (document.message_ids - messages_before).filtered(
            lambda m: self.officer2_a.partner_id in m.partner_ids
        )
        self.assertTrue(notice)
        self.assertIn(self.officer2_a.partner_id, notice.partner_ids)
        self.assertIn(self.unit_leader_a.partner_id, notice.partner_ids)
        # completion rolls up without them
        document.assignment_ids.with_user(self.officer_a)._egov_complete("Đã trả lời")
        self.assertEqual(document.incoming_state, "done")

    def test_for_information_unit_without_manager_is_refused(self):
        document = self._registered()
        wizard = self._wizard(
            document,
            lead_user_id=self.officer_a.id,
            informed_department_ids=[(6, 0, self.unit_orphan.ids)],
        )
        with self.assertRaisesRegex(UserError, "Phòng Tổ chức biên chế"):
            wizard.action_confirm()
        self.assertEqual(document.incoming_state, "received")

    def test_officer_cannot_send_for_information(self):
        document = self._registered()
        self._wizard(document, lead_user_id=self.officer_a.id).action_confirm()
        with self.assertRaises(Exception):  # noqa: B017 -- AccessError
            document.with_user(self.officer_a)._egov_inform([{"user_id": self.officer2_a.id}])
        self.assertFalse(document.informed_user_ids)

    def test_register_confirms_with_the_arrival_numbers(self):
        with freeze_time("2026-11-20 02:00:00"):
            first = self._incoming(self.clerk_a, number="101")
            second = self._incoming(self.clerk_a, number="102")
            action = (first | second).with_user(self.clerk_a).action_register()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        message = action["params"]["message"]
        self.assertIn(f"arrival number {first.arrival_number} – Sổ văn bản đến", message)
        self.assertIn(f"arrival number {second.arrival_number} – Sổ văn bản đến", message)

    def test_after_hours_arrival_explains_the_receipt_time(self):
        # Saturday 28/11/2026 18:40 +07:00 counts from Monday 30/11 07:30
        document = self._incoming(self.clerk_a, arrived_at=datetime(2026, 11, 28, 11, 40))
        self.assertEqual(
            document.receipt_note,
            "Arrived outside working hours at 18:40 on 28/11/2026; counted as received at "
            "07:30 on 30/11/2026 (Article 10.2 of the Regulation).",
        )
        inside = self._incoming(self.clerk_a, number="16", arrived_at=datetime(2026, 11, 27, 3, 0))
        self.assertFalse(inside.receipt_note)


@tagged("post_install", "-at_install")
class TestHandlingTermsOverRpc(DistributionCase, HttpCase):
    """Hạn xử lý and Độ khẩn of a registered document: the clerk's until distribution, a
    leader's while handled, never an officer's, whatever is sent to /web/dataset/call_kw."""

    def _write_over_rpc(self, user, document, vals):
        self.authenticate(user.login, user.login)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": "egov.document",
                "method": "write",
                "args": [document.ids, vals],
                "kwargs": {
                    "context": {"lang": "en_US", "allowed_company_ids": [user.company_id.id]}
                },
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw/egov.document/write",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def test_officer_cannot_change_deadline_over_rpc(self):
        document = self._registered()
        self._wizard(document, lead_user_id=self.officer_a.id).action_confirm()
        self.assertTrue(document.with_user(self.officer_a).has_access("read"))
        answer = self._write_over_rpc(
            self.officer_a, document, {"deadline": "2027-01-30 10:00:00", "urgency": "normal"}
        )
        self.assertIn("error", answer)
        self.assertIn("Only the clerk", answer["error"]["data"]["message"])
        self.assertEqual(document.deadline, self.due)
        answer = self._write_over_rpc(self.officer_a, document, {"urgency": "flash"})
        self.assertIn("error", answer)
        self.assertEqual(document.urgency, "normal")

    def test_clerk_changes_deadline_only_before_distribution(self):
        document = self._registered()
        answer = self._write_over_rpc(self.clerk_a, document, {"urgency": "urgent"})
        self.assertNotIn("error", answer)
        self.assertEqual(document.urgency, "urgent")
        self._wizard(document, lead_user_id=self.officer_a.id).action_confirm()
        answer = self._write_over_rpc(self.clerk_a, document, {"urgency": "flash"})
        self.assertIn("error", answer)
        self.assertEqual(document.urgency, "urgent")

    def test_leader_changes_deadline_while_handled(self):
        document = self._registered()
        self._wizard(document, lead_user_id=self.officer_a.id).action_confirm()
        answer = self._write_over_rpc(self.leader_a, document, {"deadline": "2026-12-04 10:00:00"})
        self.assertNotIn("error", answer)
        self.assertEqual(document.deadline, datetime(2026, 12, 4, 10, 0))
