"""Backends, the agency directory, health monitoring and reply deadlines, and what another
agency's users can (not) do over JSON-RPC."""

import json
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .interchange_common import SECRET_A, InterchangeCase
from .test_axis_hub_common import register_agency


@tagged("post_install", "-at_install")
class TestInterchangeAdmin(InterchangeCase):
    def test_secret_is_write_only_and_encrypted_at_rest(self):
        backend = self.backends["a"]
        admin = self.users["admin", "a"]
        self.assertFalse(backend.with_user(admin).secret)
        self.assertTrue(backend.with_user(admin).secret_is_set)
        stored = (
            self.env["egov.interchange.secret"].sudo().search([("backend_id", "=", backend.id)])
        )
        self.assertNotIn(SECRET_A, stored.ciphertext)
        self.assertEqual(self.env["egov.interchange.secret"]._egov_load(backend), SECRET_A)
        backend.with_user(admin).secret = "a-brand-new-secret-0123456789"
        self.assertEqual(
            self.env["egov.interchange.secret"]._egov_load(backend),
            "a-brand-new-secret-0123456789",
        )

    def test_directory_sync_brings_both_codes_names_and_parents(self):
        register_agency(
            self.env,
            "H96.40",
            "secret-of-agency-d-0123456789",
            name="Sở Y tế tỉnh Liên thông",
            code102="000.00.40.H96",
            parent_code="H96",
        )
        created, _updated, _skipped = self.backends["a"]._egov_sync_directory()
        self.assertGreaterEqual(created, 1)
        partner = self.env["res.partner"].search([("code_qd20", "=", "H96.40")])
        self.assertEqual(partner.name, "Sở Y tế tỉnh Liên thông")
        self.assertEqual(partner.code_qcvn102, "000.00.40.H96")
        self.assertTrue(partner.is_agency)
        # recipient pickers find it by name and by either code
        Partners = self.env["res.partner"]
        for term in ("Sở Y tế", "H96.40", "000.00.40.H96"):
            self.assertIn(partner.id, [pid for pid, _name in Partners.name_search(term)], term)
        # a second run changes nothing
        self.assertEqual(self.backends["a"]._egov_sync_directory()[:2], (0, 0))

    def test_tay_ninh_art12_health_check_alerts_the_agencys_administrators(self):
        backend = self.backends["a"]
        self.assertFalse(backend._egov_health_check(), "the hub answers")
        backend.endpoint = "http://127.0.0.1:9/egov/axis"
        problem = backend._egov_health_check()
        self.assertIn("does not answer", problem)
        admin = self.users["admin", "a"]
        self.assertEqual(backend.activity_ids.user_id, admin)
        self.assertEqual(backend.activity_ids.egov_step, "axis_alert")
        self.assertIn(admin.partner_id, backend.message_ids[0].partner_ids)
        self.assertTrue(backend.last_failure_at)
        # the axis answers, but nothing was exchanged for longer than the threshold
        backend.endpoint = self.endpoint
        backend._egov_poll()
        self.assertFalse(backend._egov_health_check())
        with freeze_time(fields.Datetime.now() + timedelta(hours=13)):
            self.assertIn("Nothing was exchanged", backend._egov_health_check())

    def test_tay_ninh_art9_missing_reply_by_deadline_is_flagged_to_the_drafter(self):
        with self.jobs():
            outgoing = self.issue(reply_deadline=date.today() + timedelta(days=3))
            self.run_jobs()
        line = outgoing.recipient_ids
        Documents = self.env["egov.document"]
        Documents._cron_egov_reply_overdue()
        self.assertFalse(line.egov_reply_flagged_at, "not overdue yet")
        with freeze_time(fields.Datetime.now() + timedelta(days=5)):
            Documents._cron_egov_reply_overdue()
        self.assertTrue(line.egov_reply_flagged_at)
        activity = outgoing.activity_ids.filtered(lambda a: a.egov_step == "reply_overdue")
        self.assertEqual(activity.user_id, outgoing.user_id)
        self.assertIn(self.agencies["b"].name, activity.summary)
        with freeze_time(fields.Datetime.now() + timedelta(days=6)):
            Documents._cron_egov_reply_overdue()
        self.assertEqual(
            len(outgoing.activity_ids.filtered(lambda a: a.egov_step == "reply_overdue")),
            1,
            "flagged once",
        )

    def test_crons_only_poll_and_enqueue(self):
        with self.jobs():
            outgoing = self.issue()
            self.run_jobs()
            self.env.flush_all()
            self.env["egov.interchange.backend"]._cron_poll()
            receives = [
                job for job in self.trap.enqueued_jobs if job.method_name == "_egov_job_receive"
            ]
            self.assertEqual(len(receives), 1)
            self.assertEqual(receives[0].channel, "root.egov_interchange")
            self.assertFalse(self.received(outgoing), "the cron itself receives nothing")
            self.run_jobs()
        self.assertTrue(self.received(outgoing))

    def test_a_send_whose_job_gave_up_is_enqueued_again_by_the_poll_cron(self):
        with self.jobs():
            outgoing = self.issue()
            self.trap.enqueued_jobs = []  # the job was lost (runner stopped, retries exhausted)
            message = self.messages("a", direction="out", kind="document")
            self.assertEqual(message.state, "queued")
            self.env["egov.interchange.message"]._egov_requeue_stuck()
            self.assertFalse(self.trap.enqueued_jobs, "younger than ten minutes: left alone")
            self.env.flush_all()
            self.env.cr.execute(
                "UPDATE egov_interchange_message SET write_date = write_date - interval '1 hour' "
                "WHERE id = %s",
                [message.id],
            )
            self.env.invalidate_all()
            self.assertEqual(self.env["egov.interchange.message"]._egov_requeue_stuck(), message)
            self.run_jobs()
            self.poll("b")
        self.assertEqual(message.state, "sent")
        self.assertEqual(len(self.received(outgoing)), 1)

    def test_cron_entry_points_refuse_anyone_but_the_scheduler(self):
        clerk = self.users["clerk", "a"]
        for model, method in (
            ("egov.interchange.backend", "_cron_poll"),
            ("egov.interchange.backend", "_cron_health_check"),
            ("egov.document", "_cron_egov_reply_overdue"),
        ):
            with self.assertRaisesRegex(Exception, "scheduler"):
                getattr(self.env[model].with_user(clerk), method)()


@tagged("post_install", "-at_install")
class TestInterchangeRpcAttacks(InterchangeCase):
    """Another agency's users over real HTTP JSON-RPC (/web/dataset/call_kw)."""

    def call(self, login, model, method, *args, **kwargs):
        self.authenticate(login, f"{login}_pw")
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": model, "method": method, "args": args, "kwargs": kwargs},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        if "error" in body:
            return None, body["error"]["data"]["name"]
        return body["result"], None

    def setUp(self):
        super().setUp()
        with self.jobs():
            self.outgoing = self.issue()
            self.run_jobs()
        self.message_a = self.messages("a", direction="out", kind="document")
        self.malformed = self.env["egov.interchange.message"]._egov_create_incoming(
            self.backends["a"], "rpc-malformed", "edoc", "000.00.32.H96", b"<broken"
        )
        self.malformed._egov_process()
        self.env.flush_all()

    def test_clerk_of_another_agency_cannot_read_or_retry_messages(self):
        result, error = self.call(
            "ic2_clerk_b", "egov.interchange.message", "search_read", [], fields=["id"]
        )
        self.assertIsNone(result)
        self.assertEqual(error, "odoo.exceptions.AccessError")
        _result, error = self.call(
            "ic2_clerk_b", "egov.interchange.message", "action_retry", [self.malformed.id]
        )
        self.assertIn(error, ("odoo.exceptions.AccessError", "odoo.exceptions.MissingError"))
        self.assertEqual(self.malformed.state, "error_permanent")

    def test_administrator_of_another_agency_sees_nothing_of_ours(self):
        result, error = self.call(
            "ic2_admin_b", "egov.interchange.message", "search_read", [], fields=["company_id"]
        )
        self.assertIsNone(error)
        self.assertFalse(
            [row for row in result if row["company_id"][0] == self.agencies["a"].id],
            "record rules hide agency A's messages",
        )
        _result, error = self.call(
            "ic2_admin_b", "egov.interchange.message", "action_retry", [self.malformed.id]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")
        _result, error = self.call(
            "ic2_admin_b", "egov.interchange.backend", "read", [self.backends["a"].id], ["name"]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")

    def test_nobody_reads_a_backend_secret_over_rpc(self):
        result, error = self.call(
            "ic2_admin_a",
            "egov.interchange.backend",
            "read",
            [self.backends["a"].id],
            ["secret", "secret_is_set"],
        )
        self.assertIsNone(error)
        self.assertFalse(result[0]["secret"])
        self.assertTrue(result[0]["secret_is_set"])
        for login in ("ic2_clerk_a", "ic2_clerk_b"):
            _result, error = self.call(
                login, "egov.interchange.backend", "read", [self.backends["a"].id], ["secret"]
            )
            self.assertEqual(error, "odoo.exceptions.AccessError", login)
        _result, error = self.call(
            "ic2_admin_a", "egov.interchange.secret", "search_read", [], fields=["ciphertext"]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")

    def test_messages_and_states_cannot_be_forged_over_rpc(self):
        _result, error = self.call(
            "ic2_admin_a",
            "egov.interchange.message",
            "write",
            [self.malformed.id],
            {"state": "processed"},
        )
        self.assertIsNotNone(error)
        _result, error = self.call(
            "ic2_admin_a",
            "egov.interchange.message",
            "create",
            {"company_id": self.agencies["a"].id, "direction": "in", "state": "processed"},
        )
        self.assertIsNotNone(error)
        _result, error = self.call(
            "ic2_clerk_b", "egov.document", "_egov_axis_answer_recall", [1], True
        )
        self.assertIsNotNone(error)
        # the administrator of the agency may retry its own parked message: it is queued
        # for processing again
        _result, error = self.call(
            "ic2_admin_a", "egov.interchange.message", "action_retry", [self.malformed.id]
        )
        self.assertIsNone(error)
        self.env.invalidate_all()
        self.assertEqual(self.malformed.state, "received")

    def test_clerk_cannot_answer_another_agencys_recall_or_drive_its_axis(self):
        with self.jobs():
            self.poll("b")
        incoming_b = self.received(self.outgoing)
        # a clerk of A tries to answer (remove) B's copy through the public wizard
        wizard_id, error = self.call(
            "ic2_clerk_a",
            "egov.interchange.recall.wizard",
            "create",
            {"document_id": incoming_b.id, "decision": "agree"},
        )
        if not error:
            _result, read_error = self.call(
                "ic2_clerk_a",
                "egov.interchange.recall.wizard",
                "read",
                [wizard_id],
                ["request_reason"],
            )
            self.assertEqual(read_error, "odoo.exceptions.AccessError")
            _result, error = self.call(
                "ic2_clerk_a", "egov.interchange.recall.wizard", "action_confirm", [wizard_id]
            )
        self.assertIn(error, ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"))
        self.env.invalidate_all()
        self.assertTrue(incoming_b.active)
        for method in ("action_sync_directory", "action_test_connection"):
            _result, error = self.call(
                "ic2_clerk_b", "egov.interchange.backend", method, [self.backends["b"].id]
            )
            self.assertEqual(error, "odoo.exceptions.AccessError", method)
