import logging
from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.egov_documents.models.egov_cron import check_scheduler
from odoo.addons.egov_documents.rules.errors import RuleError
from odoo.addons.egov_documents.rules.identifiers import check_qcvn102, check_qd20
from odoo.addons.egov_documents.rules.worktime import to_iso
from odoo.addons.queue_job.exception import RetryableJobError

from ..vdxp import VdxpClient, VdxpError, VdxpPermanentError, VdxpTransientError

_logger = logging.getLogger(__name__)

ADMIN = "egov_documents.group_egov_admin"
CHANNEL = "root.egov_interchange"
TRANSPORTS = [("vdxp", "VDXP (document axis)")]


def _classify_codes(*values):
    """``{field: code}`` for the identifier codes among ``values``, each by its format
    (QCVN 102:2016 or QĐ 20/2020); unreadable values are left out."""
    codes = {}
    for value in values:
        value = (value or "").strip().upper()
        if not value:
            continue
        for field_name, check in (("code_qcvn102", check_qcvn102), ("code_qd20", check_qd20)):
            try:
                codes.setdefault(field_name, check(value))
                break
            except RuleError:
                continue
    return codes


def run_aside(env, function):
    """Run ``function(env)`` as superuser in a short transaction of its own, committed at
    once: what must survive the rollback of the job's transaction, or must not make it
    collide with parallel jobs. A database error there is logged, never raised."""
    try:
        with env.registry.cursor() as cr:
            aside = api.Environment(cr, SUPERUSER_ID, {})
            result = function(aside)
            aside.flush_all()
            return result
    except psycopg2.Error as error:
        _logger.info("Skipped a write aside: %s", error)
        return None


def backoff_seconds(attempts):
    """Wait before retrying a transient fault: 1, 2, 4 … minutes, at most an hour."""
    return min(3600, 60 * 2 ** max(0, attempts - 1))


class EgovInterchangeBackend(models.Model):
    """An agency's connection to a document axis (the national VDXP axis or a province's own
    hub): its endpoint, its identity on the axis (the agency code) and its shared secret, the
    polling interval and the health of the link (Tây Ninh 52/2019 Điều 12.6).

    The secret is write-only: it is stored encrypted (``egov.interchange.secret``) and no
    field ever returns it."""

    _name = "egov.interchange.backend"
    _description = "Interchange Backend"
    _inherit = ["mail.thread", "mail.activity.mixin", "egov.guarded.mixin"]
    _check_company_auto = True
    _order = "company_id, name, id"

    #: the health of the link, stored on ``egov.interchange.health``
    _egov_health_fields = (
        "last_poll_at",
        "last_success_at",
        "last_failure_at",
        "last_error",
        "last_alert_at",
    )

    name = fields.Char(required=True, default="VDXP")
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True)
    transport = fields.Selection(TRANSPORTS, required=True, default="vdxp")
    endpoint = fields.Char(
        help="Base address of the axis operations, e.g. https://axis.example.gov.vn/egov/axis "
        "(requests go to {endpoint}/{operation})."
    )
    system_id = fields.Char(
        string="System ID",
        help="This agency's identity on the axis: its identifier code (QCVN 102).",
    )
    secret = fields.Char(
        compute="_compute_secret",
        inverse="_inverse_secret",
        groups="egov_documents.group_egov_admin,base.group_system",
        copy=False,
        help="The shared secret given by the axis operator. Write-only: it is stored "
        "encrypted and never shown again.",
    )
    secret_is_set = fields.Boolean(compute="_compute_secret_is_set", string="Secret Set")
    poll_interval = fields.Integer(
        string="Polling Interval (minutes)",
        default=5,
        help="How often documents and statuses are collected from the axis.",
    )
    route_same_database = fields.Boolean(
        string="Deliver Directly in This System",
        default=True,
        help="Agencies of this system receive documents directly; untick to send them over the "
        "axis as well.",
    )
    silence_alert_hours = fields.Integer(
        string="Alert After Silence (hours)",
        default=12,
        help="Administrators are alerted when the axis has not answered for this long "
        "(Tây Ninh 52/2019 Điều 12.6).",
    )
    timeout = fields.Integer(string="Timeout (seconds)", default=30)
    last_poll_at = fields.Datetime(string="Last Polled", compute="_compute_health")
    last_success_at = fields.Datetime(string="Last Answer", compute="_compute_health")
    last_failure_at = fields.Datetime(string="Last Failure", compute="_compute_health")
    last_error = fields.Text(compute="_compute_health")
    last_alert_at = fields.Datetime(string="Last Alert", compute="_compute_health")
    message_count = fields.Integer(compute="_compute_message_count", string="Exchange Messages")

    _sql_constraints = [
        (
            "company_transport_unique",
            "UNIQUE(company_id, transport)",
            "An agency has one backend per transport.",
        ),
        ("poll_interval_positive", "CHECK(poll_interval > 0)", "Poll at least every minute."),
    ]

    @api.constrains("endpoint")
    def _check_endpoint(self):
        for backend in self.filtered("endpoint"):
            if not backend.endpoint.startswith(("http://", "https://")):
                raise ValidationError(
                    self.env._(
                        "The endpoint of %(backend)s must be an http:// or https:// address.",
                        backend=backend.display_name,
                    )
                )

    def _compute_secret(self):
        for backend in self:
            backend.secret = False

    def _inverse_secret(self):
        if not (self.env.su or self.env.user._is_superuser() or self.env.user.has_group(ADMIN)):
            raise AccessError(self.env._("Only an administrator may set the axis secret."))
        for backend in self:
            if backend.secret:
                backend.check_access("write")
                self.env["egov.interchange.secret"]._egov_store(backend, backend.secret.strip())

    def _compute_health(self):
        health = {
            record.backend_id.id: record
            for record in self.env["egov.interchange.health"]
            .sudo()
            .search([("backend_id", "in", self.ids)])
        }
        for backend in self:
            record = health.get(backend.id)
            for name in self._egov_health_fields:
                backend[name] = record[name] if record else False

    def _compute_secret_is_set(self):
        Secrets = self.env["egov.interchange.secret"].sudo()
        known = set(Secrets.search([("backend_id", "in", self.ids)]).backend_id.ids)
        for backend in self:
            backend.secret_is_set = backend.id in known

    def _compute_message_count(self):
        counts = dict(
            self.env["egov.interchange.message"]._read_group(
                [("backend_id", "in", self.ids)], ["backend_id"], ["__count"]
            )
        )
        for backend in self:
            backend.message_count = counts.get(backend, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("system_id") and vals.get("company_id"):
                company = self.env["res.company"].browse(vals["company_id"])
                vals["system_id"] = company.code_qcvn102 or company.code_qd20 or False
        backends = super().create(vals_list)
        self.env["egov.interchange.health"].sudo().create(
            [{"backend_id": backend.id} for backend in backends]
        )
        return backends

    # --- Lookup and client ---------------------------------------------------------------
    @api.model
    def _egov_for_company(self, company):
        """The active axis backend of ``company`` (as superuser: the transport's own use)."""
        return self.sudo().search(
            [("company_id", "=", company.id), ("active", "=", True), ("transport", "=", "vdxp")],
            limit=1,
        )

    def _egov_client(self):
        """A VDXP client signed with this backend's secret. Transport code only."""
        self.ensure_one()
        secret = self.env["egov.interchange.secret"]._egov_load(self)
        if not (self.endpoint and self.system_id and secret):
            raise VdxpPermanentError(
                "config",
                self.env._(
                    "Backend %(backend)s needs its endpoint, system ID and secret.",
                    backend=self.display_name,
                ),
            )
        return VdxpClient(self.endpoint, self.system_id, secret, timeout=self.timeout or 30)

    def _egov_note_success(self):
        """Record that the axis answered. Health is advisory and every job of the agency
        reports it: written aside, at most once a minute, skipped while another job holds
        the row (so parallel jobs never collide on it)."""
        now = fields.Datetime.now()
        for backend in self.sudo():
            if (
                not backend.last_error
                and backend.last_success_at
                and backend.last_success_at > now - timedelta(minutes=1)
            ):
                continue
            backend._egov_note_health({"last_success_at": now, "last_error": False})

    def _egov_note_failure(self, error):
        now = fields.Datetime.now()
        self.sudo()._egov_note_health({"last_failure_at": now, "last_error": str(error)})

    def _egov_note_health(self, values):
        """Write the health of these backends aside (a transaction of its own, committed at
        once), skipping a row another transaction holds: health is advisory."""

        def write(env):
            # backends made before the health record existed get theirs now
            env.cr.execute(
                """INSERT INTO egov_interchange_health
                        (backend_id, create_uid, write_uid, create_date, write_date)
                   SELECT id, 1, 1, now() at time zone 'UTC', now() at time zone 'UTC'
                     FROM egov_interchange_backend WHERE id = ANY(%s)
                       ON CONFLICT (backend_id) DO NOTHING""",
                [self.ids],
            )
            env.cr.execute(
                "SELECT id FROM egov_interchange_health WHERE backend_id = ANY(%s) "
                "FOR UPDATE SKIP LOCKED",
                [self.ids],
            )
            env["egov.interchange.health"].browse([row[0] for row in env.cr.fetchall()]).write(
                values
            )

        run_aside(self.env, write)
        self.invalidate_recordset(list(self._egov_health_fields))

    # --- Receiving ----------------------------------------------------------------------
    @api.model
    def _cron_poll(self):
        """Collect what the axis holds for each backend whose interval has passed, one job
        per package, and enqueue again the sends a failed job left behind."""
        check_scheduler(self.env)
        now = fields.Datetime.now()
        for backend in self.sudo().search([("active", "=", True)]):
            if (
                backend.last_poll_at
                and backend.last_poll_at + timedelta(minutes=backend.poll_interval) > now
            ):
                continue
            backend._egov_poll()
        self.env["egov.interchange.message"]._egov_requeue_stuck()
        return True

    def _egov_poll(self):
        """List the packages waiting for this agency and enqueue one receive job each
        (the identity key keeps one job per package however often it is listed)."""
        self.ensure_one()
        self._egov_note_health({"last_poll_at": fields.Datetime.now()})
        enqueued = 0
        try:
            client = self._egov_client()
            for message_type in ("edoc", "status"):
                for item in client.received_list(message_type):
                    doc_id = str(item.get("docId") or "")
                    if not doc_id:
                        continue
                    self._egov_enqueue_receive(doc_id, message_type, item.get("from") or "")
                    enqueued += 1
        except VdxpError as error:
            _logger.warning("Polling %s failed: %s", self.display_name, error)
            self._egov_note_failure(error)
            return enqueued
        self._egov_note_success()
        return enqueued

    def _egov_enqueue_receive(self, doc_id, message_type, sender_code):
        self.ensure_one()
        return self.with_delay(
            channel=CHANNEL,
            identity_key=f"egov.interchange:receive:{self.id}:{doc_id}",
            description=f"Receive {message_type} {doc_id} for {self.system_id}",
        )._egov_job_receive(doc_id, message_type, sender_code)

    def _egov_job_receive(self, doc_id, message_type, sender_code):
        """Fetch one package, keep it as an exchange message, apply it (in a savepoint:
        all or nothing) and acknowledge it to the axis: ``done``, or ``fail`` when it was
        parked. Receiving the same package again changes nothing."""
        self.ensure_one()
        Message = self.env["egov.interchange.message"].sudo()
        message = Message.search(
            [
                ("backend_id", "=", self.id),
                ("direction", "=", "in"),
                ("external_id", "=", doc_id),
            ],
            limit=1,
        )
        client = self._egov_client()
        if not message:
            try:
                data = client.get_edoc(doc_id)
            except VdxpTransientError as error:
                self._egov_note_failure(error)
                raise RetryableJobError(str(error), seconds=60) from error
            except VdxpPermanentError as error:
                self._egov_note_failure(error)
                message = self._egov_claim_incoming(doc_id, message_type, sender_code, b"")
                if not message:
                    return "received by a concurrent job"
                message._egov_park(
                    self.env._(
                        "The axis refused to hand over %(doc)s: %(error)s", doc=doc_id, error=error
                    )
                )
                return message.state
            message = self._egov_claim_incoming(doc_id, message_type, sender_code, data)
            if not message:
                return "received by a concurrent job"
            message._egov_process()
        self._egov_note_success()
        if message.state in ("processed", "error_permanent"):
            try:
                client.update_status(doc_id, "done" if message.state == "processed" else "fail")
            except VdxpError as error:
                # the package stays listed; the next poll acknowledges it (idempotent)
                _logger.warning("Acknowledging %s failed: %s", doc_id, error)
        return message.state

    def _egov_claim_incoming(self, doc_id, message_type, sender_code, data):
        """The exchange message of package ``doc_id``, or nothing when another job (the
        package listed again while its first job ran) created it first: the unique DocId
        per backend decides, in a savepoint."""
        try:
            # the race is expected: its unique violation is not a database error to log
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return self.env["egov.interchange.message"]._egov_create_incoming(
                    self, doc_id, message_type, sender_code, data
                )
        except psycopg2.errors.UniqueViolation:
            self.env.invalidate_all()
            return None

    # --- Agency directory ---------------------------------------------------------------
    @api.model
    def _cron_sync_directory(self):
        check_scheduler(self.env)
        for backend in self.sudo().search([("active", "=", True)]):
            try:
                backend._egov_sync_directory()
            except VdxpError as error:
                backend._egov_note_failure(error)
        return True

    def _egov_sync_directory(self):
        """Bring the national list of agencies (codes QĐ 20 and QCVN 102, names, parents)
        into the directory of agencies. Returns (created, updated, skipped)."""
        self.ensure_one()
        agencies = self._egov_client().agencies()
        self._egov_note_success()
        Partners = self.env["res.partner"].sudo().with_context(active_test=False)
        created = updated = skipped = 0
        by_code = {}
        for item in agencies:
            codes = _classify_codes(item.get("code"), item.get("code102"))
            name = (item.get("name") or "").strip()
            if not name or not codes:
                skipped += 1
                continue
            domain = [(field_name, "=", code) for field_name, code in codes.items()]
            domain = ["|"] * (len(domain) - 1) + domain
            partner = Partners.search(domain, limit=1)
            vals = {"name": name, "is_agency": True, "is_company": True, **codes}
            if item.get("mail"):
                vals["email"] = item["mail"]
            try:
                with self.env.cr.savepoint():
                    if partner:
                        changed = {k: v for k, v in vals.items() if partner[k] != v}
                        if changed:
                            partner.write(changed)
                            updated += 1
                    else:
                        partner = Partners.create(vals)
                        created += 1
            except (ValidationError, UserError) as error:
                _logger.warning("Directory entry %s skipped: %s", codes, error)
                self.env.invalidate_all()
                skipped += 1
                continue
            for key in (item.get("id"), *codes.values()):
                if key:
                    by_code[str(key)] = partner
            item["_partner"] = partner
        for item in agencies:
            partner = item.get("_partner")
            parent = by_code.get(str(item.get("pid") or ""))
            if partner and parent and parent != partner and partner.agency_parent_id != parent:
                try:
                    with self.env.cr.savepoint():
                        partner.agency_parent_id = parent
                except ValidationError:
                    self.env.invalidate_all()
        return created, updated, skipped

    def action_sync_directory(self):
        """Button: synchronise the agency directory now (administrators)."""
        self._egov_check_admin()
        for backend in self:
            backend.check_access("write")
            try:
                created, updated, skipped = backend.sudo()._egov_sync_directory()
            except VdxpError as error:
                backend._egov_note_failure(error)
                raise UserError(
                    self.env._("The axis did not answer: %(error)s", error=error)
                ) from None
            backend.message_post(
                body=self.env._(
                    "Agency directory synchronised: %(created)s new, %(updated)s updated, "
                    "%(skipped)s skipped.",
                    created=created,
                    updated=updated,
                    skipped=skipped,
                )
            )
        return True

    # --- Health --------------------------------------------------------------------------
    @api.model
    def _cron_health_check(self):
        """At least twice a day: ask each axis whether it answers; alert the agency's
        administrators when it does not, or has not for too long (Tây Ninh Điều 12.6)."""
        check_scheduler(self.env)
        for backend in self.sudo().search([("active", "=", True)]):
            backend._egov_health_check()
        return True

    def _egov_health_check(self):
        self.ensure_one()
        now = fields.Datetime.now()
        problem = None
        try:
            self._egov_client().ping()
        except VdxpError as error:
            self._egov_note_failure(error)
            problem = self.env._("The axis does not answer: %(error)s", error=error)
        # the ping proves the axis is up, not that this agency exchanges with it: the last
        # successful poll, send or receipt does
        silence = timedelta(hours=self.silence_alert_hours or 12)
        last = self.last_success_at or self.create_date
        if not problem and last < now - silence:
            problem = self.env._(
                "Nothing was exchanged with the axis since %(time)s: check the scheduled "
                "polling and the job queue.",
                time=to_iso(last),
            )
        if problem:
            self._egov_alert(problem)
        return problem

    def _egov_alert(self, problem):
        """Tell the agency's administrators, once per silence period."""
        self.ensure_one()
        now = fields.Datetime.now()
        admins = self.company_id._egov_users(ADMIN)
        self.message_post(
            body=self.env._("Axis %(backend)s: %(problem)s", backend=self.name, problem=problem),
            partner_ids=admins.partner_id.ids,
            message_type="notification",
            subtype_xmlid="mail.mt_comment",
        )
        if not self.activity_ids.filtered(lambda activity: activity.egov_step == "axis_alert"):
            self._egov_activity_schedule(
                "axis_alert",
                admins[:1],
                note=problem,
            )
        self._egov_note_health({"last_alert_at": now})

    def action_test_connection(self):
        """Button: ask the axis whether it answers (administrators)."""
        self._egov_check_admin()
        self.ensure_one()
        self.check_access("write")
        try:
            count = self.sudo()._egov_client().ping()
        except VdxpError as error:
            self.sudo()._egov_note_failure(error)
            raise UserError(self.env._("The axis did not answer: %(error)s", error=error)) from None
        self.sudo()._egov_note_success()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "The axis answered: %(count)s package(s) waiting.", count=count
                ),
            },
        }

    def action_open_messages(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Exchange Messages"),
            "res_model": "egov.interchange.message",
            "view_mode": "list,form",
            "domain": [("backend_id", "=", self.id)],
        }

    def _egov_check_admin(self):
        if not (self.env.su or self.env.user._is_superuser() or self.env.user.has_group(ADMIN)):
            raise AccessError(self.env._("Only an administrator may manage the document axis."))
