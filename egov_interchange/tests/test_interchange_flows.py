"""End-to-end exchange between two agencies over the axis, over real HTTP on loopback to
the hub served by the test server (QĐ 28/2018 and NĐ 30/2020 Điều 18, 21; QCVN 102:2016;
Tây Ninh 52/2019 Điều 9, 10, 12)."""

import base64

from odoo.tests import tagged

from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.queue_job.exception import RetryableJobError

from ..edxml import (
    Business,
    DocumentPackage,
    Organization,
    ResponseFor,
    StatusPackage,
    build,
)
from ..vdxp import VdxpPermanentError
from .interchange_common import CODE_A, CODE_B, CODE_C, SECRET_B, SECRET_C, InterchangeCase
from .test_axis_hub_common import document_package, register_agency


@tagged("post_install", "-at_install")
class TestInterchangeFlows(InterchangeCase):
    def test_qd28_send_two_files_and_status_chain_01_to_06_reaches_sender(self):
        with self.jobs():
            outgoing = self.issue()
            line = outgoing.recipient_ids
            self.assertEqual(line.channel, "axis")
            self.run_jobs()
            sent = self.messages("a", direction="out", kind="document")
            self.assertEqual(sent.state, "sent", sent.last_error)
            self.assertTrue(sent.external_id, "the axis acknowledged it with a DocId")
            self.assertEqual(line.delivery_state, "sent")

            self.poll("b")
            incoming = self.received(outgoing)
            self.assertEqual(len(incoming), 1)
            self.assertEqual(incoming.arrival_channel, "axis")
            self.assertEqual(incoming.subject, outgoing.subject)
            self.assertEqual(incoming.number_notation, outgoing.number_notation)
            self.assertEqual(incoming.issuing_agency_id, self.agencies["a"].partner_id)
            self.assertEqual(incoming.signer_name, "Nguyễn Văn Ký")
            self.assertEqual(len(incoming.file_ids), 2)
            self.assertEqual(
                sorted(base64.b64decode(f.datas) for f in incoming.file_ids),
                sorted(base64.b64decode(f.datas) for f in outgoing.file_ids),
            )
            self.assertEqual(self.messages("b", direction="in").state, "processed")

            self.poll("a")
            self.assertEqual(self.statuses(line), ["01"])
            self.assertEqual(line.delivery_state, "delivered")

            clerk_b = self.users["clerk", "b"]
            incoming.with_user(clerk_b).action_register()  # 03
            leader_b = self.users["leader", "b"]
            incoming.with_user(leader_b)._egov_distribute(
                {"user_id": self.users["officer", "b"].id}, directive="Xử lý ngay"
            )  # 04
            incoming.sudo()._egov_move("in_progress")  # 05
            incoming.sudo()._egov_move("done")  # 06
            self.run_jobs()
            self.poll("a")
        self.assertEqual(self.statuses(line), ["01", "03", "04", "05", "06"])
        self.assertEqual(line.business_status, "06")
        self.assertTrue(all(status.reported_at for status in line.status_ids))
        self.assertEqual(line.status_ids.reported_by_id, self.agencies["b"].partner_id)

    def test_nd30_art21_rejection_02_carries_its_reason_to_the_sender(self):
        with self.jobs():
            outgoing = self.issue()
            self.run_jobs()
            self.poll("b")
            incoming = self.received(outgoing)
            incoming.with_user(self.users["clerk", "b"])._egov_return_to_sender("Gửi nhầm cơ quan")
            self.run_jobs()
            self.poll("a")
        line = outgoing.recipient_ids
        self.assertEqual(line.business_status, "02")
        self.assertEqual(line.status_note, "Gửi nhầm cơ quan")

    def _recall(self):
        outgoing = self.issue()
        self.run_jobs()
        self.poll("b")
        incoming = self.received(outgoing)
        self.poll("a")
        outgoing.with_user(self.users["clerk", "a"])._egov_recall("Sai thể thức")
        self.assertEqual(outgoing.recipient_ids.business_status, "13")
        self.run_jobs()
        self.poll("b")
        self.assertTrue(incoming.egov_recall_pending)
        self.assertEqual(incoming.egov_recall_request_reason, "Sai thể thức")
        self.assertTrue(incoming.active, "the clerk decides; nothing is removed yet")
        self.assertEqual(
            incoming.activity_ids.filtered(lambda a: a.egov_step == "recall_answer").user_id,
            self.users["clerk", "b"],
        )
        return outgoing, incoming

    def _answer(self, incoming, decision, reason=False):
        wizard = (
            self.env["egov.interchange.recall.wizard"]
            .with_user(self.users["clerk", "b"])
            .with_context(active_model="egov.document", active_id=incoming.id)
            .create({"decision": decision, "reason": reason})
        )
        wizard.action_confirm()

    def test_nd30_art18_recall_agreed_15_removes_the_receivers_copy(self):
        with self.jobs():
            outgoing, incoming = self._recall()
            self._answer(incoming, "agree")
            self.assertFalse(incoming.active)
            self.assertEqual(incoming.incoming_state, "recalled")
            self.assertFalse(incoming.file_ids)
            self.run_jobs()
            self.poll("a")
        self.assertEqual(self.statuses(outgoing.recipient_ids), ["01", "13", "15"])

    def test_nd30_art18_recall_refused_16_keeps_the_copy_and_tells_why(self):
        with self.jobs():
            outgoing, incoming = self._recall()
            with self.assertRaisesRegex(Exception, "reason for refusing"):
                self._answer(incoming, "refuse")
            self._answer(incoming, "refuse", "Đã triển khai thực hiện")
            self.run_jobs()
            self.poll("a")
        self.assertTrue(incoming.active)
        self.assertFalse(incoming.egov_recall_pending)
        self.assertEqual(len(incoming.file_ids), 2)
        self.assertFalse(
            incoming.activity_ids.filtered(lambda a: a.egov_step == "recall_answer"),
            "the recall to-do is closed; the document's other to-dos stay",
        )
        line = outgoing.recipient_ids
        self.assertEqual(line.business_status, "16")
        self.assertEqual(line.status_note, "Đã triển khai thực hiện")

    def test_qcvn102_update_2_pushes_new_metadata_with_reason(self):
        with self.jobs():
            outgoing = self.issue()
            self.run_jobs()
            self.poll("b")
            outgoing.with_user(self.users["clerk", "a"])._egov_update_recipients_info(
                "Sửa trích yếu", {"subject": "Về việc liên thông (sửa đổi)", "urgency": "urgent"}
            )
            self.run_jobs()
            self.poll("b")
        incoming = self.received(outgoing)
        self.assertEqual(incoming.subject, "Về việc liên thông (sửa đổi)")
        self.assertEqual(incoming.urgency, "urgent")
        self.assertTrue(
            any("Sửa trích yếu" in str(body) for body in incoming.message_ids.mapped("body"))
        )
        self.assertEqual(self.messages("b", direction="in", business_type="2").state, "processed")

    def test_nd30_art18_replace_3_new_document_replaces_the_old_at_the_receiver(self):
        with self.jobs():
            outgoing = self.issue()
            self.run_jobs()
            self.poll("b")
            old = self.received(outgoing)
            action = outgoing.with_user(self.users["clerk", "a"]).action_create_replacement()
            replacement = self.env["egov.document"].browse(action["res_id"])
            replacement.file_ids = [
                (0, 0, {"name": "thay-the.pdf", "datas": outgoing.file_ids[0].datas})
            ]
            replacement.sudo().write({"signer_name": "Nguyễn Văn Ký"})
            system_env(replacement.sudo()).write({"outgoing_state": "signed"})
            replacement.with_user(self.users["clerk", "a"]).action_assign_number()
            replacement.with_user(self.users["clerk", "a"]).action_issue()
            self.run_jobs()
            self.poll("b")
        new = self.received(replacement)
        self.assertEqual(len(new), 1)
        self.assertTrue(new.active)
        self.assertEqual(old.incoming_state, "recalled")
        self.assertFalse(old.active)
        self.assertEqual(self.messages("b", direction="in", business_type="3").document_id, new)

    def test_idempotence_same_package_received_twice_is_one_document(self):
        with self.jobs():
            outgoing = self.issue()
            self.run_jobs()
            doc_id = self.messages("a", direction="out", kind="document").external_id
            backend = self.backends["b"]
            backend._egov_job_receive(doc_id, "edoc", CODE_A)
            backend._egov_job_receive(doc_id, "edoc", CODE_A)
            # a concurrent job that missed the message in its snapshot: the unique DocId wins
            self.assertFalse(backend._egov_claim_incoming(doc_id, "edoc", CODE_A, b""))
            self.poll("b")
            self.poll("a")
            # B's status 01 sent again under a new DocId is recorded once
            status = self.messages("b", direction="out", kind="status")
            self.client(CODE_B, SECRET_B).send_edoc(
                status._egov_package_bytes(), "status", to=[CODE_A]
            )
            self.poll("a")
        self.assertEqual(len(self.received(outgoing)), 1)
        self.assertEqual(len(self.messages("b", direction="in", kind="document")), 1)
        self.assertEqual(len(self.messages("a", direction="in", kind="status")), 2)
        self.assertEqual(self.statuses(outgoing.recipient_ids), ["01"])

    def test_tay_ninh_art10_hub_down_transient_then_delivered_exactly_once(self):
        self.backends["a"].endpoint = "http://127.0.0.1:9/egov/axis"  # nothing listens there
        with self.jobs():
            outgoing = self.issue()
            # queue_job rolls the failed job's transaction back (assertRaises does too), then
            # the rollback hooks keep the fault on the message
            with self.assertRaises(RetryableJobError):
                self.trap.perform_enqueued_jobs()
            self.env.cr.postrollback.run()
            self.env.invalidate_all()
            message = self.messages("a", direction="out", kind="document")
            self.assertEqual(message.state, "error_transient")
            self.assertEqual(message.attempts, 1)
            self.assertIn("sendEdoc", message.last_error)
            self.assertEqual(outgoing.recipient_ids.delivery_state, "pending")
            self.assertTrue(self.backends["a"].last_failure_at)
            # the axis is back: the job is retried (here, as the runner would, by hand)
            self.backends["a"].endpoint = self.endpoint
            message._egov_job_send()
            self.assertEqual(message.state, "sent")
            self.assertEqual(message.attempts, 2)
            message._egov_job_send()  # a late duplicate run sends nothing
            self.poll("b")
            self.poll("b")
            self.poll("a")
        self.assertEqual(len(self.received(outgoing)), 1)
        self.assertEqual(outgoing.recipient_ids.delivery_state, "delivered")

    def test_qcvn102_malformed_package_is_parked_with_the_codec_error(self):
        Message = self.env["egov.interchange.message"]
        message = Message._egov_create_incoming(
            self.backends["b"], "malformed-1", "edoc", CODE_A, b"<edXML><broken"
        )
        documents_before = self.env["egov.document"].search_count([])
        message._egov_process()
        self.assertEqual(message.state, "error_permanent")
        self.assertIn("edXML", message.last_error)
        self.assertEqual(self.env["egov.document"].search_count([]), documents_before)
        # kept for inspection; an administrator may retry it (it fails the same way)
        self.assertTrue(message.with_user(self.users["admin", "b"]).can_retry)
        with self.jobs():
            message.with_user(self.users["admin", "b"]).action_retry()
            self.assertEqual(message.state, "received")
            self.run_jobs()
        self.assertEqual(message.state, "error_permanent")

    def test_hub_refuses_a_non_compliant_package_and_the_send_is_parked(self):
        with self.jobs():
            sent = self.env["egov.interchange.message"]._egov_create_outgoing(
                self.backends["a"], b"<not-edxml/>", kind="document", receiver_code=CODE_B
            )
            self.run_jobs()
        self.assertEqual(sent.state, "error_permanent")
        self.assertTrue(sent.last_error)

    def test_another_agencys_status_or_recall_is_refused_and_logged(self):
        with self.jobs():
            outgoing = self.issue()
            self.run_jobs()
            self.poll("b")
            self.poll("a")
            stranger = self.client(CODE_C, SECRET_C)
            # C cannot fetch the package A sent to B
            doc_id = self.messages("a", direction="out", kind="document").external_id
            with self.assertRaises(VdxpPermanentError):
                stranger.get_edoc(doc_id)
            # C reports a status on A's document, which A never sent to C
            forged_status = build(
                StatusPackage(
                    sender=Organization(organ_id=CODE_C, organ_name="Sở Lạ"),
                    response_for=ResponseFor(
                        organ_id=CODE_A,
                        code=outgoing.number_notation,
                        promulgation_date=outgoing.issued_date,
                        document_id=outgoing.document_identifier,
                    ),
                    status_code="06",
                )
            )
            stranger.send_edoc(forged_status, "status", to=[CODE_A])
            self.poll("a")
            parked = self.messages("a", direction="in", state="error_permanent")
            self.assertEqual(len(parked), 1)
            self.assertIn("not send to that agency", parked.last_error)
            self.assertEqual(self.statuses(outgoing.recipient_ids), ["01"])
            # C asks B to recall the document A sent to B

            forged_recall = build(
                DocumentPackage(
                    sender=Organization(organ_id=CODE_C, organ_name="Sở Lạ"),
                    recipients=[Organization(organ_id=CODE_B)],
                    document_id=outgoing.document_identifier,
                    number=outgoing.number,
                    notation=outgoing.notation,
                    promulgation_date=outgoing.issued_date,
                    subject=outgoing.subject,
                    business=Business(
                        doc_type=1, reason="Thu hồi", document_id=outgoing.document_identifier
                    ),
                )
            )
            stranger.send_edoc(forged_recall, "edoc", to=[CODE_B])
            self.poll("b")
        parked = self.messages("b", direction="in", state="error_permanent")
        self.assertEqual(len(parked), 1)
        self.assertIn("refused", parked.last_error)
        incoming = self.received(outgoing)
        self.assertTrue(incoming.active)
        self.assertFalse(incoming.egov_recall_pending)

    def test_same_system_delivery_is_logged_and_agencies_without_code_get_paper(self):
        self.backends["a"].route_same_database = True
        nowhere = self.env["res.partner"].create(
            {"name": "Ban Quản lý dự án (không có mã)", "is_agency": True, "is_company": True}
        )
        with self.jobs():
            outgoing = self.issue(
                recipient_ids=[
                    (0, 0, {"kind": "agency", "partner_id": self.agencies["b"].partner_id.id}),
                    (0, 0, {"kind": "agency", "partner_id": nowhere.id}),
                ],
                recipients=(),
            )
            self.assertFalse(self.trap.enqueued_jobs, "nothing goes over the axis")
        lines = outgoing.sudo().recipient_ids
        same = lines.filtered(lambda line: line.partner_id != nowhere)
        paper = lines - same
        self.assertEqual(same.channel, "internal")
        self.assertTrue(same.incoming_document_id)
        self.assertRecordValues(
            same.exchange_message_ids,
            [{"transport": "internal", "state": "sent", "direction": "out"}],
        )
        self.assertEqual(paper.channel, "paper")
        self.assertTrue(paper.paper_copy)
        self.assertFalse(paper.exchange_message_ids)

    def test_unknown_sending_agency_is_added_to_the_directory(self):
        code_d = "000.00.44.H96"
        register_agency(self.env, code_d, "secret-of-agency-d-0123456789", name="Sở Mới")
        with self.jobs():
            self.client(code_d, "secret-of-agency-d-0123456789").send_edoc(
                document_package(code_d, [CODE_B], subject="Công văn từ cơ quan mới"),
                "edoc",
                to=[CODE_B],
            )
            self.poll("b")
        partner = self.env["res.partner"].search([("code_qcvn102", "=", code_d)])
        self.assertEqual(len(partner), 1)
        self.assertTrue(partner.is_agency)
        incoming = self.env["egov.document"].search(
            [("company_id", "=", self.agencies["b"].id), ("issuing_agency_id", "=", partner.id)]
        )
        self.assertEqual(incoming.subject, "Công văn từ cơ quan mới")
        self.assertEqual(incoming.arrival_channel, "axis")
