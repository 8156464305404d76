import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.egov_documents.models.egov_cron import lock_batch
from odoo.addons.egov_documents.models.egov_guard import system_env
from odoo.addons.queue_job.exception import RetryableJobError

from ..edxml import EdxmlError, Limits, parse
from ..vdxp import VdxpPermanentError, VdxpTransientError
from .egov_interchange_backend import ADMIN, CHANNEL, backoff_seconds, run_aside

_logger = logging.getLogger(__name__)

DIRECTIONS = [("in", "Received"), ("out", "Sent")]
KINDS = [("document", "Document"), ("status", "Status")]
TRANSPORTS = [("internal", "Same System"), ("vdxp", "Document Axis")]
STATES = [
    ("draft", "Draft"),
    ("queued", "Queued"),
    ("sent", "Sent"),
    ("error_transient", "Temporary Error"),
    ("received", "Received"),
    ("processed", "Processed"),
    ("error_permanent", "Parked"),
]
BUSINESS_TYPES = [("0", "New"), ("1", "Recall"), ("2", "Update"), ("3", "Replace")]


class EgovInterchangeMessage(models.Model):
    """One package exchanged with another agency (a document or a status), in or out,
    with its transport state (after OCA edi_oca's ``edi.exchange.record``).

    Sent: draft → queued → sent (the axis acknowledged it with its DocId, Tây Ninh Điều
    10.1); a transient fault (axis unreachable) → temporary error, retried with backoff; a
    permanent one (refused by the axis) is parked with its reason. Received: received →
    processed, or parked with the codec's or the workflow's reason, kept for inspection;
    an administrator may retry it. The axis DocId is unique per backend: a package received
    twice is one message and one document."""

    _name = "egov.interchange.message"
    _description = "Exchange Message"
    _inherit = ["egov.state.machine.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _rec_name = "name"

    _egov_system_fields = frozenset(
        {
            "state",
            "external_id",
            "edxml_document_id",
            "package",
            "package_name",
            "attempts",
            "last_error",
            "sent_at",
            "processed_at",
            "document_id",
            "recipient_id",
            "status_code",
            "business_type",
            "sender_code",
            "receiver_code",
            "transport",
            "kind",
            "direction",
            "backend_id",
        }
    )
    _egov_transitions = {
        "out": {
            "draft": {"queued": None},
            "queued": {"sent": None, "error_transient": None, "error_permanent": None},
            "error_transient": {"queued": None, "sent": None, "error_permanent": None},
            "error_permanent": {"queued": ADMIN},
        },
        "in": {
            "received": {"processed": None, "error_permanent": None},
            "error_permanent": {"received": ADMIN},
        },
    }

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", string="Agency", required=True, index=True)
    backend_id = fields.Many2one(
        "egov.interchange.backend", index="btree_not_null", readonly=True, check_company=True
    )
    direction = fields.Selection(DIRECTIONS, required=True, readonly=True)
    kind = fields.Selection(KINDS, required=True, readonly=True, default="document")
    transport = fields.Selection(TRANSPORTS, required=True, readonly=True, default="vdxp")
    business_type = fields.Selection(BUSINESS_TYPES, readonly=True, default="0")
    state = fields.Selection(STATES, required=True, readonly=True, index=True)
    external_id = fields.Char(
        string="Axis DocId", readonly=True, copy=False, index="btree_not_null"
    )
    edxml_document_id = fields.Char(string="edXML DocumentId", readonly=True, index=True)
    sender_code = fields.Char(readonly=True)
    receiver_code = fields.Char(readonly=True)
    status_code = fields.Char(readonly=True)
    package = fields.Binary(attachment=True, readonly=True, copy=False, groups="base.group_system")
    package_name = fields.Char(readonly=True)
    document_id = fields.Many2one(
        "egov.document", readonly=True, index="btree_not_null", check_company=True
    )
    recipient_id = fields.Many2one(
        "egov.document.recipient", readonly=True, index="btree_not_null", check_company=True
    )
    attempts = fields.Integer(readonly=True, default=0)
    last_error = fields.Text(readonly=True)
    sent_at = fields.Datetime(readonly=True)
    processed_at = fields.Datetime(readonly=True)
    can_retry = fields.Boolean(compute="_compute_can_retry")

    _sql_constraints = [
        (
            "external_id_unique",
            "UNIQUE(backend_id, direction, external_id)",
            "The axis DocId of a message is unique per backend.",
        )
    ]

    def _egov_state_machine(self):
        return self.direction, "state"

    @api.depends("direction", "kind", "external_id", "edxml_document_id")
    def _compute_name(self):
        for message in self:
            message.name = " ".join(
                part
                for part in (
                    dict(DIRECTIONS).get(message.direction),
                    dict(KINDS).get(message.kind),
                    message.edxml_document_id or message.external_id or f"#{message.id}",
                )
                if part
            )

    @api.depends("state", "direction")
    @api.depends_context("uid")
    def _compute_can_retry(self):
        admin = self.env.user.has_group(ADMIN)
        for message in self:
            message.can_retry = admin and message.state == "error_permanent"

    # --- Creation (transport code only) ---------------------------------------------------
    @api.model
    def _egov_create_incoming(self, backend, doc_id, message_type, sender_code, data):
        return system_env(self, sudo=True).create(
            {
                "company_id": backend.company_id.id,
                "backend_id": backend.id,
                "direction": "in",
                "kind": "status" if message_type == "status" else "document",
                "transport": "vdxp",
                "state": "received",
                "external_id": doc_id,
                "sender_code": sender_code,
                "package": base64.b64encode(data) if data else False,
                "package_name": f"{doc_id}.edxml",
            }
        )

    @api.model
    def _egov_create_outgoing(self, backend, package_bytes, **values):
        """An outgoing message for ``backend``, queued with its send job."""
        message = system_env(self, sudo=True).create(
            {
                "company_id": backend.company_id.id,
                "backend_id": backend.id,
                "direction": "out",
                "transport": "vdxp",
                "state": "draft",
                "package": base64.b64encode(package_bytes),
                **values,
            }
        )
        system_env(message).package_name = f"{message.id}.edxml"
        message._egov_move("queued")
        message._egov_enqueue_send()
        return message

    def _egov_package_bytes(self):
        self.ensure_one()
        raw = self.sudo().package
        return base64.b64decode(raw) if raw else b""

    # --- Sending ------------------------------------------------------------------------
    def _egov_enqueue_send(self, eta=None):
        for message in self:
            message.with_delay(
                channel=CHANNEL,
                eta=eta,
                identity_key=f"egov.interchange:send:{message.id}",
                description=f"Send {message.kind} {message.edxml_document_id or message.id}",
            )._egov_job_send()
        return True

    def _egov_job_send(self):
        """Post the package to the axis. Acknowledged with a DocId: sent. A transient
        fault is recorded (in its own transaction, as the job's is rolled back) and the job
        retried with backoff; a permanent one parks the message with the axis' reason."""
        self.ensure_one()
        message = self.sudo()
        if message.state not in ("queued", "error_transient"):
            return f"nothing to do: {message.state}"
        backend = message.backend_id
        try:
            doc_id = backend._egov_client().send_edoc(
                message._egov_package_bytes(),
                messagetype="status" if message.kind == "status" else "edoc",
                to=[message.receiver_code] if message.receiver_code else None,
            )
        except VdxpTransientError as error:
            attempts = message.attempts + 1
            message._egov_record_transient(error, attempts)
            raise RetryableJobError(str(error), seconds=backoff_seconds(attempts)) from error
        except VdxpPermanentError as error:
            backend._egov_note_failure(error)
            message._egov_move(
                "error_permanent",
                {"last_error": str(error), "attempts": message.attempts + 1},
            )
            if message.kind == "document" and message.recipient_id:
                system_env(message.recipient_id).write(
                    {
                        "delivery_state": "failed",
                        "status_note": self.env._(
                            "The axis refused the document: %(error)s", error=error
                        ),
                    }
                )
            return "parked"
        # The axis holds the package now: record it at once in a transaction of its own, so
        # that a rollback of the job's transaction can never make it send the package twice.
        if not run_aside(
            self.env, lambda env: env[self._name]._egov_record_sent_aside(message.id, doc_id)
        ):
            # not committed yet (the job runs in the transaction that queued it: queue_job's
            # no-delay mode) or held: recorded in this transaction
            message._egov_record_sent(doc_id)
        self.env.invalidate_all()
        backend._egov_note_success()
        return doc_id

    @api.model
    def _egov_record_sent_aside(self, message_id, doc_id):
        """In the aside transaction: lock the message and its line without waiting, then
        record the send; False when they are not visible or another transaction holds them."""
        self.env.cr.execute(
            "SELECT id, recipient_id FROM egov_interchange_message WHERE id = %s FOR UPDATE NOWAIT",
            [message_id],
        )
        row = self.env.cr.fetchone()
        if not row:
            return False
        if row[1]:
            self.env.cr.execute(
                "SELECT id FROM egov_document_recipient WHERE id = %s FOR UPDATE NOWAIT", [row[1]]
            )
        self.browse(message_id)._egov_record_sent(doc_id)
        return True

    def _egov_record_sent(self, doc_id):
        self.ensure_one()
        now = fields.Datetime.now()
        self._egov_move(
            "sent",
            {
                "external_id": doc_id,
                "sent_at": now,
                "attempts": self.attempts + 1,
                "last_error": False,
            },
        )
        line = self.recipient_id
        if self.kind == "document" and line and line.delivery_state in ("pending", "failed"):
            system_env(line).write({"delivery_state": "sent", "sent_at": now, "status_note": False})

    def _egov_record_transient(self, error, attempts):
        """Record a transient fault. The job raises next, and queue_job rolls its
        transaction back: the same values are then written again in a transaction of their
        own, so that the fault stays visible while the job waits for its retry."""
        self.ensure_one()
        values = {"last_error": str(error), "attempts": attempts}
        self._egov_apply_transient(values)
        self.backend_id._egov_note_failure(error)
        env, message_id = self.env, self.id

        def persist(aside):
            message = aside[self._name].browse(message_id).exists()
            if message:
                message._egov_apply_transient(values)
                message.backend_id._egov_note_failure(error)

        env.cr.postrollback.add(lambda: run_aside(env, persist))

    def _egov_apply_transient(self, values):
        if self.state == "queued":
            self._egov_move("error_transient", values)
        else:
            system_env(self).write(values)

    @api.model
    def _egov_requeue_stuck(self, batch_size=500):
        """Sends whose job ended without success (it gave up after its retries, or the
        server stopped): enqueue them again, a bounded batch of rows no other run holds; a
        pending job of the same message is kept (identity key)."""
        stuck = lock_batch(
            self.sudo(),
            "direction = 'out' AND state IN ('queued', 'error_transient') AND write_date < %s",
            [fields.Datetime.subtract(fields.Datetime.now(), minutes=10)],
            "write_date",
            batch_size,
        )
        stuck._egov_enqueue_send()
        return stuck

    # --- Receiving ----------------------------------------------------------------------
    def _egov_process(self):
        """Apply a received package in a savepoint: either everything it carries is
        imported and the message is processed, or nothing is and it is parked with a
        specific reason (a malformed package, another agency's package, a refused file)."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                package = parse(self._egov_package_bytes(), Limits())
                self._egov_check_sender(package)
                if package.kind == "status":
                    result = self.env["egov.document"]._egov_axis_receive_status(self, package)
                else:
                    result = self.env["egov.document"]._egov_axis_receive_document(self, package)
        except EdxmlError as error:
            self.env.invalidate_all()
            self._egov_park(
                self.env._("The package could not be read: %(detail)s", detail=str(error))
            )
            return False
        except (UserError, ValidationError, AccessError) as error:
            self.env.invalidate_all()
            self._egov_park(str(error))
            return False
        self._egov_move("processed", {"processed_at": fields.Datetime.now(), **(result or {})})
        return True

    def _egov_check_sender(self, package):
        """The package must come from the agency the axis authenticated, and a document
        must be addressed to this agency."""
        sender = package.sender.organ_id
        if self.sender_code and not self._egov_same_agency(sender, self.sender_code):
            raise UserError(
                self.env._(
                    "The package says it comes from %(claimed)s but the axis delivered it from "
                    "%(sender)s: refused.",
                    claimed=sender,
                    sender=self.sender_code,
                )
            )
        if package.kind == "document":
            ours = {
                self.company_id.code_qcvn102,
                self.company_id.code_qd20,
                self.backend_id.system_id,
            }
            addressed = {organization.organ_id for organization in package.recipients}
            if not (ours - {False, None, ""}) & addressed:
                raise UserError(
                    self.env._(
                        "The package is addressed to %(receivers)s, not to %(agency)s: refused.",
                        receivers=", ".join(sorted(addressed)) or "-",
                        agency=self.company_id.name,
                    )
                )
        values = {
            "edxml_document_id": package.document_id
            if package.kind == "document"
            else package.response_for.document_id
        }
        if package.kind == "status":
            values["status_code"] = package.status_code
        else:
            values["business_type"] = str(package.business.doc_type or 0)
        system_env(self).write({**values, "sender_code": self.sender_code or sender})

    def _egov_same_agency(self, code, other):
        """Whether two identifier codes (QCVN 102 or QĐ 20) name the same agency."""
        if code == other:
            return True
        partner = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(["|", ("code_qcvn102", "=", code), ("code_qd20", "=", code)], limit=1)
        )
        return bool(partner) and other in (partner.code_qcvn102, partner.code_qd20)

    def _egov_park(self, reason):
        self.ensure_one()
        _logger.warning("Exchange message %s parked: %s", self.id, reason)
        self._egov_move("error_permanent", {"last_error": reason})

    def _egov_job_process(self):
        """Apply a received message again (after a retry) and acknowledge it to the axis."""
        self.ensure_one()
        if self.state != "received":
            return self.state
        self._egov_process()
        if self.backend_id and self.external_id:
            try:
                self.backend_id._egov_client().update_status(
                    self.external_id, "done" if self.state == "processed" else "fail"
                )
            except (VdxpTransientError, VdxpPermanentError) as error:
                _logger.warning("Acknowledging %s failed: %s", self.external_id, error)
        return self.state

    # --- Retry by an administrator ----------------------------------------------------------
    def action_retry(self):
        """Button: retry parked messages (administrators of their agency)."""
        if not self.env.user.has_group(ADMIN):
            raise AccessError(self.env._("Only an administrator may retry exchange messages."))
        # the messages of the administrator's own agencies (record rules); the retry itself
        # is the transport's write
        self.check_access("read")
        for message in self:
            if message.state != "error_permanent":
                raise UserError(
                    self.env._(
                        "%(message)s is not parked: only parked messages are retried.",
                        message=message.display_name,
                    )
                )
        for message in self.sudo():
            if message.direction == "out":
                message._egov_move("queued")
                message._egov_enqueue_send()
            else:
                message._egov_move("received")
                message.with_delay(
                    channel=CHANNEL,
                    identity_key=f"egov.interchange:process:{message.id}",
                    description=f"Process again {message.external_id or message.id}",
                )._egov_job_process()
        return True
