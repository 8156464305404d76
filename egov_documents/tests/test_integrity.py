"""The integrity model, rule by rule, in the ORM as each role (the same attacks over real
HTTP JSON-RPC are in test_rpc_probes and test_rpc_sweep)."""

from datetime import datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.egov_documents.models.egov_guard import SYSTEM_WRITE, is_system

from .common import MINIMAL_PDF
from .test_workflows import WorkflowCase


@tagged("post_install", "-at_install")
class TestIntegrityModel(WorkflowCase):
    """Kon Tum Điều 14.8 and Thái Bình Điều 4.6: what the regulations say must never be
    altered cannot be altered by a plain write, whatever the caller sends."""

    # --- The workflow declaration ----------------------------------------------------------
    def test_workflow_declaration_names_real_states_and_groups(self):
        Documents = self.env["egov.document"]
        states = {
            "incoming": dict(Documents._fields["incoming_state"].selection),
            "outgoing": dict(Documents._fields["outgoing_state"].selection),
        }
        for machine, moves in Documents._egov_transitions.items():
            for source, targets in moves.items():
                self.assertIn(source, states[machine])
                for target, group in targets.items():
                    self.assertIn(target, states[machine], f"{machine}: {source} → {target}")
                    if group:
                        self.assertTrue(self.env.ref(group, raise_if_not_found=False), group)
        for machine, frozen in Documents._egov_frozen_states.items():
            for state, editable in frozen.items():
                self.assertIn(state, states[machine])
                self.assertFalse(
                    set(editable) - set(Documents._fields), f"unknown fields frozen in {state}"
                )

    def test_buttons_follow_the_declaration_for_each_role(self):
        draft = self._draft_to_b()
        self.assertRecordValues(
            draft.with_user(self.officer_a), [{"can_submit": True, "can_approve": False}]
        )
        self.assertRecordValues(
            draft.with_user(self.leader_a), [{"can_submit": True, "can_approve": True}]
        )
        received = self._issue(draft)
        self.assertRecordValues(
            received.with_user(self.clerk_b), [{"can_register": True, "can_distribute": False}]
        )
        self.assertRecordValues(received.with_user(self.officer_b), [{"can_register": False}])
        self.assertRecordValues(
            draft.with_user(self.clerk_a), [{"can_recall": True, "can_issue": False}]
        )

    def test_move_outside_its_group_is_refused_naming_the_group(self):
        received = self._issue(self._draft_to_b())
        with self.assertRaisesRegex(AccessError, "Clerk"):
            received.with_user(self.leader_b)._egov_move("received")
        self.assertEqual(received.incoming_state, "arrived")

    # --- No guard is a context key ---------------------------------------------------------
    def test_context_key_of_the_old_guard_proves_nothing(self):
        draft = self._draft_to_b()
        forged = draft.with_user(self.officer_a).with_context(egov_system_write=True)
        self.assertFalse(is_system(forged.env))
        with self.assertRaisesRegex(UserError, "Outgoing Status"):
            forged.write({"outgoing_state": "issued"})
        self.assertEqual(draft.outgoing_state, "draft")

    def test_only_the_module_private_sentinel_proves_the_system(self):
        self.assertTrue(
            is_system(self.env["egov.document"].with_context(egov_system_write=SYSTEM_WRITE).env)
        )
        for forged in (True, 1, "1", "SYSTEM_WRITE", {"__class__": "object"}):
            self.assertFalse(
                is_system(self.env["egov.document"].with_context(egov_system_write=forged).env)
            )

    def test_document_cannot_be_born_issued_or_numbered(self):
        Documents = self.env["egov.document"].with_user(self.officer_a)
        for forged in (
            {"outgoing_state": "issued"},
            {"number": "900"},
            {"issued_at": "2026-11-20 03:00:00"},
            {"register_entry_id": 1},
        ):
            with self.assertRaisesRegex(UserError, "set by the system"):
                Documents.create(
                    {
                        "direction": "outgoing",
                        "subject": "Giả mạo",
                        "document_type_id": self.types["plan"].id,
                        **forged,
                    }
                )
        with self.assertRaisesRegex(UserError, "set by the system"):
            self.env["egov.document"].with_user(self.clerk_a).create(
                {"direction": "incoming", "subject": "Giả mạo", "incoming_state": "done"}
            )
        self.assertFalse(self.env["egov.document"].search([("subject", "=", "Giả mạo")]))

    # --- Frozen records --------------------------------------------------------------------
    def test_registered_incoming_document_keeps_its_metadata_and_files(self):
        received = self._issue(self._draft_to_b())
        received.with_user(self.clerk_b).action_register()
        with self.assertRaisesRegex(UserError, "Subject"):
            received.with_user(self.clerk_b).write({"subject": "Trích yếu đã sửa"})
        with self.assertRaisesRegex(UserError, "can no longer change"):
            received.file_ids.with_user(self.clerk_b).write({"datas": self._b64(MINIMAL_PDF)})
        with self.assertRaisesRegex(UserError, "can no longer change"):
            received.file_ids.with_user(self.clerk_b).unlink()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.env["egov.document.file"].with_user(self.clerk_b).create(
                {"document_id": received.id, "name": "them.pdf", "datas": self._b64(MINIMAL_PDF)}
            )
        received.with_user(self.clerk_b).write({"description": "Ghi chú nội bộ của văn thư"})
        self.assertEqual(received.subject, "Kế hoạch tổ chức hội nghị tổng kết năm 2026")
        self.assertEqual(len(received.file_ids), 1)

    def test_issued_document_changes_only_through_update_replace_correct(self):
        draft = self._draft_to_b()
        self._issue(draft)
        for vals in (
            {"subject": "Sửa sau phát hành"},
            {"number": "99"},
            {"active": False},
            {"document_type_id": self.types["decision"].id},
        ):
            with self.assertRaises(UserError):
                draft.with_user(self.clerk_a).write(vals)
        draft.with_user(self.clerk_a)._egov_update_recipients_info(
            "Lùi hạn báo cáo", {"subject": "Kế hoạch (cập nhật)"}
        )
        self.assertEqual(draft.subject, "Kế hoạch (cập nhật)")

    def test_recipient_lines_and_status_history_are_never_deleted(self):
        draft = self._draft_to_b()
        self._issue(draft)
        line = draft.recipient_ids
        self.assertTrue(line.status_ids)
        with self.assertRaisesRegex(UserError, "never deleted"):
            line.with_user(self.clerk_a).unlink()
        with self.assertRaisesRegex(UserError, "never"):
            line.status_ids.sudo().unlink()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            self.env["egov.document.recipient"].with_user(self.clerk_a).create(
                {"document_id": draft.id, "kind": "person", "user_id": self.officer_a2.id}
            )
        with self.assertRaisesRegex(UserError, "never entered by hand"):
            self.env["egov.document.status"].sudo().create({"recipient_id": line.id, "code": "02"})
        self.assertTrue(line.exists())

    def test_register_numbers_are_taken_by_registration_only_and_voided_with_a_reason(self):
        register = self.registers[self.agency_a.id]["incoming"]
        with self.assertRaises(UserError):  # an AccessError is a UserError too
            self.env["egov.register.entry"].with_user(self.clerk_a).create(
                {"register_id": register.id, "year": 2026, "number": 900}
            )
        with self.assertRaisesRegex(UserError, "never entered by hand"):
            self.env["egov.register.entry"].sudo().create(
                {"register_id": register.id, "year": 2026, "number": 900}
            )
        document = self._incoming(self.clerk_a)
        document.with_user(self.clerk_a).action_register()
        with self.assertRaisesRegex(UserError, "voided\\s+with a reason"):
            document.register_entry_id.sudo().write({"state": "voided"})
        self.assertRecordValues(document.register_entry_id, [{"state": "used", "number": 1}])

    # --- Company integrity -----------------------------------------------------------------
    def test_agency_of_a_record_never_changes(self):
        draft = self._draft_to_b()
        with self.assertRaisesRegex(UserError, "Agency"):
            draft.with_user(self.officer_a).write({"company_id": self.agency_b.id})
        with self.assertRaisesRegex(UserError, "stays with its document"):
            draft.file_ids.with_user(self.officer_a).write(
                {"document_id": self._outgoing(self.officer_b).id}
            )
        self.assertEqual(draft.company_id, self.agency_a)

    def test_link_to_another_agency_is_refused_without_naming_its_document(self):
        theirs = self._outgoing(self.officer_b, subject="Tờ trình mật của Sở Tài chính")
        draft = self._draft_to_b()
        with self.assertRaises(UserError) as caught:
            draft.with_user(self.officer_a).write({"response_for_ids": [(4, theirs.id)]})
        self.assertIn("own agency", str(caught.exception))
        self.assertNotIn("Tờ trình mật", str(caught.exception))
        with self.assertRaisesRegex(UserError, "set by the system"):
            draft.with_user(self.officer_a).write({"replaces_id": theirs.id})

    def test_register_cannot_borrow_another_agencys_number_series(self):
        ours = self.registers[self.agency_a.id]["outgoing"]
        theirs = self.registers[self.agency_b.id]["outgoing"]
        with self.assertRaisesRegex(UserError, "Number Series"):
            ours.write({"sequence_id": theirs.sequence_id.id})
        self.assertNotEqual(ours.sequence_id, theirs.sequence_id)

    def test_recall_reaches_only_the_document_the_line_delivered(self):
        draft = self._draft_to_b()
        received = self._issue(draft)
        other = self._incoming(self.clerk_b, subject="Văn bản khác của Sở Tài chính")
        with self.assertRaises(AccessError):
            other._egov_receive_recall("giả mạo", draft.recipient_ids.sudo())
        self.assertTrue(other.active)
        self.assertEqual(received.origin_recipient_id, draft.recipient_ids)

    # --- Assignments ----------------------------------------------------------------------
    def test_officer_cannot_take_over_or_redate_an_assignment(self):
        received = self._issue(self._draft_to_b())
        received.with_user(self.clerk_b).action_register()
        received.with_user(self.leader_b)._egov_distribute({"user_id": self.officer_b.id})
        node = received.assignment_ids
        for vals in (
            {"user_id": self.officer_b2.id},
            {"deadline": "2027-01-01 00:00:00"},
            {"document_id": self._incoming(self.clerk_b).id},
            {"state": "done"},
        ):
            with self.assertRaisesRegex(UserError, "set by the system"):
                node.with_user(self.officer_b).write(vals)
        with self.assertRaisesRegex(UserError, "never by creating an assignment by hand"):
            self.env["egov.assignment"].with_user(self.unit_leader_b).create(
                {"document_id": received.id, "user_id": self.unit_leader_b.id}
            )
        self.assertEqual(node.user_id, self.officer_b)

    def test_handler_cannot_decide_his_own_extension(self):
        received = self._issue(self._draft_to_b())
        received.with_user(self.clerk_b).action_register()
        received.with_user(self.leader_b)._egov_distribute({"user_id": self.leader_b.id})
        node = received.assignment_ids
        request = node.with_user(self.leader_b)._egov_request_extension(
            datetime(2030, 1, 2, 10, 0), "Cần thêm thời gian"
        )
        with self.assertRaisesRegex(AccessError, "cannot decide it"):
            request.with_user(self.leader_b).action_approve()
        self.assertEqual(request.state, "pending")

    def test_work_goes_only_to_units_and_people_of_the_agency(self):
        received = self._issue(self._draft_to_b())
        received.with_user(self.clerk_b).action_register()
        with self.assertRaisesRegex(UserError, "only be given to units and people of"):
            received.with_user(self.leader_b)._egov_distribute({"user_id": self.officer_a.id})
        self.assertFalse(received.assignment_ids)

    # --- Need-to-know -----------------------------------------------------------------------
    def test_administrator_administers_without_reading_documents(self):
        admin = self._create_user("egov_admin_a", self.agency_a, "egov_documents.group_egov_admin")
        draft = self._draft_to_b()
        self.assertFalse(self.env["egov.document"].with_user(admin).search([("id", "=", draft.id)]))
        self.assertFalse(
            self.env["egov.document.file"].with_user(admin).search([("document_id", "=", draft.id)])
        )

    def test_scheduler_only_runs_the_deadline_cron(self):
        with self.assertRaisesRegex(AccessError, "scheduler"):
            self.env["egov.assignment"].with_user(self.leader_a)._cron_deadline_reminders()
        cron = self.env.ref("egov_documents.ir_cron_egov_assignment_deadlines")
        with self.assertRaises(AccessError):
            cron.ir_actions_server_id.with_user(self.leader_a).run()
