"""Hub mode over real HTTP (STANDARDS.md §5): a province database serves the VDXP
operations to its agency systems, refuses whatever is not signed, fresh and the caller's
own, logs each refusal, and relays to the national axis what is not for its agencies."""

from datetime import datetime, timedelta, timezone

import requests

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from ..vdxp import (
    VdxpClient,
    VdxpError,
    VdxpPermanentError,
    VdxpTransientError,
    file_hash,
    sign_headers,
)
from .test_axis_hub_common import (
    StubUpstream,
    document_package,
    register_agency,
    status_package,
)

SO_NOI_VU = "000.01.41.H41"
SO_TU_PHAP = "000.02.41.H41"
SO_Y_TE = "000.03.41.H41"
OUTSIDE = "000.00.00.G09"
SECRETS = {
    SO_NOI_VU: "noi-vu-secret-0001",
    SO_TU_PHAP: "tu-phap-secret-0002",
    SO_Y_TE: "y-te-secret-000003",
}


@tagged("post_install", "-at_install")
class TestAxisHub(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agencies = {
            code: register_agency(cls.env, code, secret) for code, secret in SECRETS.items()
        }
        cls.Log = cls.env["egov.axis.request.log"]
        cls.Item = cls.env["egov.axis.item"]

    def client(self, code, secret=None):
        self.env.flush_all()  # the hub reads the database from its own request
        return VdxpClient(self.base_url() + "/egov/axis", code, secret or SECRETS[code], timeout=20)

    def raw_call(self, operation, params, code=SO_NOI_VU, body=None, now=None, nonce=None):
        self.env.flush_all()
        headers = sign_headers(params, code, SECRETS[code], now=now, nonce=nonce)
        response = requests.post(
            f"{self.base_url()}/egov/axis/{operation}", headers=headers, data=body, timeout=20
        )
        return response.json()

    def refused(self, error_class, call):
        """The error of ``call``, which must be refused with ``error_class``. Not
        ``assertRaises``: it would roll back what the hub logged during the call."""
        try:
            call()
        except VdxpError as error:
            self.assertIsInstance(error, error_class)
            self.env.invalidate_all()
            return error
        self.fail("The hub accepted a request it must refuse.")

    def last_log(self):
        return self.Log.search([], order="id desc", limit=1)

    def send(self, sender=SO_NOI_VU, recipients=(SO_TU_PHAP,), **kwargs):
        return self.client(sender).send_edoc(document_package(sender, list(recipients)), **kwargs)

    # --- Exchange between two agencies of the hub --------------------------------------------
    def test_document_travels_from_sender_to_receiver_and_is_acknowledged(self):
        package = document_package(SO_NOI_VU, [SO_TU_PHAP])
        doc_id = self.client(SO_NOI_VU).send_edoc(package)
        receiver = self.client(SO_TU_PHAP)
        self.assertEqual(receiver.ping(), 1)
        listed = receiver.received_list()
        self.assertEqual([row["docId"] for row in listed], [doc_id])
        self.assertEqual(listed[0]["from"], SO_NOI_VU)
        self.assertRegex(listed[0]["created_time"], r"\+07:00$")
        self.assertEqual(receiver.get_edoc(doc_id), package)
        self.assertEqual(self.client(SO_NOI_VU).received_list(), [])
        receiver.update_status(doc_id, "done")
        self.assertEqual(receiver.received_list(), [])
        self.assertEqual(receiver.ping(), 0)
        self.env.invalidate_all()
        self.assertRecordValues(
            self.Item.search([("doc_id", "=", doc_id)]),
            [
                {
                    "from_code": SO_NOI_VU,
                    "to_code": SO_TU_PHAP,
                    "route": "local",
                    "state": "done",
                    "package_hash": file_hash(package),
                }
            ],
        )

    def test_one_item_per_recipient_under_the_senders_docid(self):
        doc_id = self.send(recipients=(SO_TU_PHAP, SO_Y_TE))
        items = self.Item.search([("doc_id", "=", doc_id)], order="to_code")
        self.assertEqual(items.mapped("to_code"), [SO_TU_PHAP, SO_Y_TE])
        self.client(SO_TU_PHAP).update_status(doc_id, "done")
        self.env.invalidate_all()
        self.assertEqual(items.mapped("state"), ["done", "pending"])
        self.assertEqual([row["docId"] for row in self.client(SO_Y_TE).received_list()], [doc_id])

    def test_to_header_chooses_the_recipients(self):
        doc_id = self.send(recipients=(SO_TU_PHAP, SO_Y_TE), to=[SO_Y_TE])
        self.assertEqual(self.Item.search([("doc_id", "=", doc_id)]).to_code, SO_Y_TE)

    def test_status_package_goes_back_to_the_document_sender(self):
        doc_id = self.client(SO_TU_PHAP).send_edoc(
            status_package(SO_TU_PHAP, SO_NOI_VU, status="03"), messagetype="status"
        )
        sender = self.client(SO_NOI_VU)
        self.assertEqual(sender.received_list("edoc"), [])
        self.assertEqual([row["docId"] for row in sender.received_list("status")], [doc_id])

    def test_agencies_list_names_the_registered_systems(self):
        codes = {row["code"] for row in self.client(SO_NOI_VU).agencies()}
        self.assertEqual(codes, set(SECRETS))

    # --- Authentication, replay, freshness ---------------------------------------------------
    def test_wrong_secret_is_refused_with_code_15_and_logged(self):
        error = self.refused(
            VdxpPermanentError, lambda: self.client(SO_NOI_VU, "not-the-right-secret").ping()
        )
        self.assertEqual(error.code, "15")
        self.assertEqual(error.message, "Wrong SystemId or SecretKey")
        self.assertRecordValues(
            self.last_log(),
            [
                {
                    "system_id": SO_NOI_VU,
                    "operation": "countReceiveEdoc",
                    "code": "15",
                    "remote_addr": "127.0.0.1",
                }
            ],
        )
        self.assertIn("signature", self.last_log().message)

    def test_unregistered_system_gets_the_same_answer_as_a_wrong_secret(self):
        error = self.refused(
            VdxpPermanentError,
            lambda: VdxpClient(self.base_url() + "/egov/axis", "000.09.41.H41", "x" * 20).ping(),
        )
        self.assertEqual((error.code, error.message), ("15", "Wrong SystemId or SecretKey"))
        self.assertIn("not registered", self.last_log().message)

    def test_replayed_request_is_refused_with_code_16_and_logged(self):
        first = self.raw_call("countReceiveEdoc", {}, nonce="once-only")
        self.assertEqual(first["ErrorCode"], "0")
        again = self.raw_call("countReceiveEdoc", {}, nonce="once-only")
        self.assertEqual((again["status"], again["ErrorCode"]), ("FAIL", "16"))
        self.assertRecordValues(
            self.last_log(),
            [{"system_id": SO_NOI_VU, "code": "16", "operation": "countReceiveEdoc"}],
        )

    def test_same_nonce_from_another_system_is_not_a_replay(self):
        self.assertEqual(self.raw_call("countReceiveEdoc", {}, nonce="n-1")["ErrorCode"], "0")
        answer = self.raw_call("countReceiveEdoc", {}, code=SO_TU_PHAP, nonce="n-1")
        self.assertEqual(answer["ErrorCode"], "0")

    def test_stale_timestamp_is_refused_with_code_17_and_logged(self):
        old = datetime.now(timezone.utc) - timedelta(minutes=10)
        answer = self.raw_call("countReceiveEdoc", {}, now=old)
        self.assertEqual((answer["status"], answer["ErrorCode"]), ("FAIL", "17"))
        self.assertEqual(self.last_log().code, "17")

    def test_rate_limit_refuses_the_request_over_the_limit_with_code_29(self):
        self.agencies[SO_Y_TE].rate_limit = 3
        client = self.client(SO_Y_TE)
        for _attempt in range(3):
            client.ping()
        error = self.refused(VdxpTransientError, lambda: client.ping())
        self.assertEqual(error.code, "29")
        self.assertRecordValues(self.last_log(), [{"system_id": SO_Y_TE, "code": "29"}])

    def test_locked_system_can_neither_call_nor_receive(self):
        self.agencies[SO_Y_TE].locked = True
        error = self.refused(VdxpPermanentError, lambda: self.client(SO_Y_TE).ping())
        self.assertEqual(error.code, "23")
        error = self.refused(VdxpPermanentError, lambda: self.send(recipients=(SO_Y_TE,)))
        self.assertEqual(error.code, "23")
        self.assertFalse(self.Item.search([("to_code", "=", SO_Y_TE)]))

    # --- The package itself -----------------------------------------------------------------
    def test_tampered_body_is_refused_by_hash_file_and_nothing_is_stored(self):
        package = document_package(SO_NOI_VU, [SO_TU_PHAP])
        params = {"from": SO_NOI_VU, "messagetype": "edoc", "hash-file": file_hash(package)}
        answer = self.raw_call("sendEdoc", params, body=package.replace(b"Test", b"Fake"))
        self.assertEqual((answer["status"], answer["ErrorCode"]), ("FAIL", "11"))
        self.assertFalse(self.Item.search([("from_code", "=", SO_NOI_VU)]))
        self.assertEqual(self.last_log().code, "11")

    def test_package_from_another_agency_is_refused_with_code_26_and_logged(self):
        forged = document_package(SO_TU_PHAP, [SO_Y_TE])
        error = self.refused(VdxpPermanentError, lambda: self.client(SO_NOI_VU).send_edoc(forged))
        self.assertEqual(error.code, "26")
        self.assertFalse(self.Item.search([("to_code", "=", SO_Y_TE)]))
        self.assertRecordValues(
            self.last_log(), [{"system_id": SO_NOI_VU, "code": "26", "operation": "sendEdoc"}]
        )
        self.assertIn(SO_TU_PHAP, self.last_log().message)

    def test_package_that_is_not_edxml_is_refused_with_code_22(self):
        error = self.refused(
            VdxpPermanentError,
            lambda: self.client(SO_NOI_VU).send_edoc(b"<html><body>not a package</body></html>"),
        )
        self.assertEqual(error.code, "22")
        self.assertEqual(self.last_log().code, "22")

    def test_status_sent_as_document_is_refused_with_code_25(self):
        error = self.refused(
            VdxpPermanentError,
            lambda: self.client(SO_TU_PHAP).send_edoc(status_package(SO_TU_PHAP, SO_NOI_VU)),
        )
        self.assertEqual(error.code, "25")

    def test_unknown_receiver_without_upstream_fails_with_code_18(self):
        error = self.refused(VdxpPermanentError, lambda: self.send(recipients=(OUTSIDE,)))
        self.assertEqual(error.code, "18")
        self.assertIn(OUTSIDE, error.message)
        self.assertFalse(self.Item.search([("from_code", "=", SO_NOI_VU)]))

    # --- Another agency's items -------------------------------------------------------------
    def test_other_agencys_docid_is_refused_like_an_unknown_one_and_logged(self):
        doc_id = self.send(recipients=(SO_TU_PHAP,))
        intruder = self.client(SO_Y_TE)
        stolen = self.refused(VdxpPermanentError, lambda: intruder.get_edoc(doc_id))
        unknown = self.refused(
            VdxpPermanentError, lambda: intruder.get_edoc("00000000-0000-0000-0000-000000000000")
        )
        self.assertEqual(stolen.code, "24")
        self.assertEqual(
            stolen.message.replace(doc_id, "ID"),
            unknown.message.replace("00000000-0000-0000-0000-000000000000", "ID"),
        )
        acked = self.refused(VdxpPermanentError, lambda: intruder.update_status(doc_id, "done"))
        self.assertEqual(acked.code, "24")
        self.assertEqual(self.Item.search([("doc_id", "=", doc_id)]).state, "pending")
        logs = self.Log.search([("doc_id", "=", doc_id)], order="id")
        self.assertEqual(logs.mapped("operation"), ["getEdoc", "updateStatus"])
        self.assertEqual(set(logs.mapped("system_id")), {SO_Y_TE})
        self.assertIn("another agency", logs[0].message)
        # the sender does not get its own package back either: it is the receiver's item
        with self.assertRaises(VdxpPermanentError):
            self.client(SO_NOI_VU).get_edoc(doc_id)

    def test_business_status_is_not_a_transport_status(self):
        doc_id = self.send()
        answer = self.raw_call("updateStatus", {"docId": doc_id, "status": "03"}, code=SO_TU_PHAP)
        self.assertEqual((answer["status"], answer["ErrorCode"]), ("FAIL", "25"))
        self.assertEqual(self.Item.search([("doc_id", "=", doc_id)]).state, "pending")

    def test_unknown_operation_is_answered_in_json_with_code_25(self):
        answer = self.raw_call("deleteAgency", {"AgencyCode": SO_TU_PHAP})
        self.assertEqual((answer["status"], answer["ErrorCode"]), ("FAIL", "25"))
        self.assertTrue(self.Item.env["egov.axis.agency"].search([("code", "=", SO_TU_PHAP)]))

    # --- Secrets and access -----------------------------------------------------------------
    def test_secrets_are_encrypted_and_readable_by_nobody_over_rpc(self):
        secret = self.env["egov.axis.secret"].search(
            [("owner", "=", f"agency:{self.agencies[SO_NOI_VU].id}")]
        )
        self.assertTrue(secret)
        self.assertNotIn(SECRETS[SO_NOI_VU], secret.ciphertext)
        self.authenticate("admin", "admin")
        for model, method, args in (
            ("egov.axis.secret", "search_read", [[]]),
            ("egov.axis.secret", "read", [secret.ids, ["ciphertext"]]),
            ("egov.axis.nonce", "search_read", [[]]),
        ):
            with self.assertRaises(JsonRpcException) as error:
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {"model": model, "method": method, "args": args, "kwargs": {}},
                )
            self.assertIn("AccessError", str(error.exception.args))
        admin = self.env.ref("base.user_admin")
        with self.assertRaises(AccessError):
            self.env["egov.axis.secret"].with_user(admin).search_read([], ["ciphertext"])

    def test_only_settings_administrators_see_the_hub(self):
        clerk = new_test_user(
            self.env, "axis_clerk", groups="egov_documents.group_egov_clerk,base.group_user"
        )
        for model in ("egov.axis.agency", "egov.axis.item", "egov.axis.request.log"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(clerk).search([])
        with self.assertRaises(AccessError):
            self.agencies[SO_NOI_VU].with_user(clerk)._egov_set_secret("y" * 20)
        with self.assertRaises(AccessError):
            self.env["egov.axis.hub"].with_user(clerk)._cron_upstream_exchange()


@tagged("post_install", "-at_install")
class TestAxisHubUpstream(HttpCase):
    """Relay to the national axis, played by a stub server on loopback."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code, secret in SECRETS.items():
            register_agency(cls.env, code, secret)
        cls.stub = StubUpstream()
        cls.addClassCleanup(cls.stub.close)
        cls.upstream = cls.env["egov.axis.upstream"].create(
            {"endpoint": cls.stub.endpoint, "system_id": "000.00.00.H41"}
        )
        cls.upstream._egov_set_secret("province-upstream-secret")
        cls.Item = cls.env["egov.axis.item"]
        cls.Hub = cls.env["egov.axis.hub"]

    def setUp(self):
        super().setUp()
        self.stub.sent, self.stub.acks, self.stub.inbox = [], [], {}
        self.stub.fail_send = None

    def client(self, code):
        self.env.flush_all()
        return VdxpClient(self.base_url() + "/egov/axis", code, SECRETS[code], timeout=20)

    def test_package_for_an_outside_agency_is_relayed_upstream_by_the_cron(self):
        package = document_package(SO_NOI_VU, [SO_TU_PHAP, OUTSIDE])
        doc_id = self.client(SO_NOI_VU).send_edoc(package)
        outbound = self.Item.search([("doc_id", "=", doc_id), ("route", "=", "outbound")])
        self.assertRecordValues(outbound, [{"to_code": OUTSIDE, "state": "pending"}])
        self.assertEqual(self.Hub._cron_upstream_exchange(), (1, 0))
        self.assertEqual(len(self.stub.sent), 1)
        self.assertEqual(self.stub.sent[0]["to"], [OUTSIDE])
        self.assertEqual(self.stub.sent[0]["body"], package)
        self.assertEqual(self.stub.sent[0]["system"], "000.00.00.H41")
        self.assertRecordValues(outbound, [{"state": "done", "upstream_doc_id": "UP-1"}])
        # run twice: nothing is sent again
        self.assertEqual(self.Hub._cron_upstream_exchange(), (0, 0))
        self.assertEqual(len(self.stub.sent), 1)
        # the outside copy is not offered to any agency of the hub
        self.assertEqual(self.client(SO_TU_PHAP).ping(), 1)

    def test_status_about_an_outside_document_goes_back_upstream_as_a_status(self):
        status = status_package(SO_TU_PHAP, OUTSIDE, status="03")
        doc_id = self.client(SO_TU_PHAP).send_edoc(status, messagetype="status")
        self.assertEqual(self.Hub._cron_upstream_exchange(), (1, 0))
        [sent] = self.stub.sent
        self.assertEqual(
            (sent["messagetype"], sent["to"], sent["body"]), ("status", [OUTSIDE], status)
        )
        self.assertEqual(self.Item.search([("doc_id", "=", doc_id)]).state, "done")

    def test_relay_retries_a_transient_failure_and_stops_at_a_permanent_one(self):
        doc_id = self.client(SO_NOI_VU).send_edoc(document_package(SO_NOI_VU, [OUTSIDE]))
        item = self.Item.search([("doc_id", "=", doc_id)])
        self.stub.fail_send = ("20", 500)
        self.Hub._cron_upstream_exchange()
        self.assertRecordValues(item, [{"state": "pending", "relay_attempts": 1}])
        self.assertIn("stub refusal", item.relay_error)
        self.stub.fail_send = ("18", 200)
        self.Hub._cron_upstream_exchange()
        self.assertRecordValues(item, [{"state": "fail", "relay_attempts": 2}])
        self.stub.fail_send = None
        self.Hub._cron_upstream_exchange()
        self.assertEqual(item.state, "fail")
        self.assertEqual(self.stub.sent, [])

    def test_packages_held_upstream_for_an_agency_of_the_hub_are_fetched_once(self):
        package = document_package("000.00.00.G01", [SO_TU_PHAP])
        self.stub.inbox["UP-77"] = ("edoc", package)
        self.stub.inbox["UP-78"] = ("edoc", document_package("000.00.00.G01", [OUTSIDE]))
        self.assertEqual(self.Hub._cron_upstream_exchange(), (0, 1))
        self.assertIn(("UP-77", "done"), self.stub.acks)
        self.assertIn(("UP-78", "fail"), self.stub.acks)
        receiver = self.client(SO_TU_PHAP)
        [row] = receiver.received_list()
        self.assertEqual(row["from"], "000.00.00.G01")
        self.assertEqual(receiver.get_edoc(row["docId"]), package)
        self.assertRecordValues(
            self.Item.search([("upstream_doc_id", "=", "UP-77")]),
            [{"route": "inbound", "to_code": SO_TU_PHAP}],
        )
        self.assertEqual(self.Hub._cron_upstream_exchange(), (0, 0))
        self.assertEqual(self.Item.search_count([("upstream_doc_id", "=", "UP-77")]), 1)

    def test_upstream_unreachable_is_recorded_and_nothing_is_lost(self):
        doc_id = self.client(SO_NOI_VU).send_edoc(document_package(SO_NOI_VU, [OUTSIDE]))
        self.upstream.endpoint = "http://127.0.0.1:9/axis"
        self.Hub._cron_upstream_exchange()
        item = self.Item.search([("doc_id", "=", doc_id)])
        self.assertRecordValues(item, [{"state": "pending", "relay_attempts": 1}])
        self.assertTrue(self.upstream.last_error)


@tagged("post_install", "-at_install")
class TestAxisHubAdministration(TransactionCase):
    """What the settings administrator does on the hub, without HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency = register_agency(cls.env, SO_NOI_VU, SECRETS[SO_NOI_VU])
        cls.Agency = cls.env["egov.axis.agency"]

    def test_set_secret_wizard_stores_the_secret_encrypted_and_forgets_the_typed_value(self):
        admin = self.env.ref("base.user_admin")
        wizard_form = Form(
            self.env["egov.axis.secret.wizard"]
            .with_user(admin)
            .with_context(active_model="egov.axis.agency", active_id=self.agency.id)
        )
        wizard_form.secret = "a-brand-new-secret-42"
        wizard = wizard_form.save()
        wizard.action_apply()
        self.assertFalse(wizard.secret)
        self.assertEqual(self.Agency._egov_secret_for(SO_NOI_VU), "a-brand-new-secret-42")
        self.assertTrue(self.agency.has_secret)

    def test_short_secret_is_refused_and_the_old_one_kept(self):
        with self.assertRaisesRegex(ValidationError, "at least 16 characters"):
            self.agency._egov_set_secret("short")
        self.assertEqual(self.Agency._egov_secret_for(SO_NOI_VU), SECRETS[SO_NOI_VU])

    def test_agency_code_must_be_a_qcvn102_or_qd20_code(self):
        with self.assertRaisesRegex(ValidationError, "QĐ 20/2020"):
            register_agency(self.env, "not a code!", "z" * 20)
        self.assertEqual(register_agency(self.env, "h41.07", "z" * 20).code, "H41.07")
        self.assertFalse(self.Agency._egov_secret_for("not a code!"))

    def test_unknown_or_archived_system_has_no_secret(self):
        self.assertIsNone(self.Agency._egov_secret_for("000.09.41.H41"))
        self.agency.active = False
        self.assertIsNone(self.Agency._egov_secret_for(SO_NOI_VU))

    def test_nonces_older_than_the_replay_window_and_old_refusals_are_purged(self):
        Nonces = self.env["egov.axis.nonce"]
        now = fields.Datetime.now()
        self.assertTrue(Nonces._egov_use(SO_NOI_VU, "old", now - timedelta(minutes=16)))
        self.assertTrue(Nonces._egov_use(SO_NOI_VU, "fresh", now - timedelta(minutes=9)))
        self.assertFalse(Nonces._egov_use(SO_NOI_VU, "fresh", now))
        Log = self.env["egov.axis.request.log"]
        old_log, new_log = Log.create([{"code": "15"}, {"code": "16"}])
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE egov_axis_request_log SET create_date = %s WHERE id = %s",
            [now - timedelta(days=181), old_log.id],
        )
        self.assertEqual(Nonces._cron_purge(), 1)
        self.assertFalse(old_log.exists())
        self.assertTrue(new_log.exists())
        self.assertTrue(Nonces._egov_use(SO_NOI_VU, "old", now))
        self.assertFalse(Nonces._egov_use(SO_NOI_VU, "fresh", now))

    def test_upstream_without_secret_is_reported_and_sends_nothing(self):
        upstream = self.env["egov.axis.upstream"].create(
            {"endpoint": "http://127.0.0.1:9/axis", "system_id": "000.00.00.H41"}
        )
        self.assertEqual(self.env["egov.axis.hub"]._cron_upstream_exchange(), (0, 0))
        self.assertIn("no secret", upstream.last_error)

    def test_upstream_endpoint_must_be_http(self):
        with self.assertRaisesRegex(ValidationError, "http"):
            self.env["egov.axis.upstream"].create(
                {"endpoint": "file:///etc/passwd", "system_id": "000.00.00.H41"}
            )
