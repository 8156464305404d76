"""Hub mode: this database serves the VDXP operations to the agency systems registered on
it (``egov.axis.agency``) and relays what is not for them to the national axis."""

import base64
import json
import logging
import uuid
from datetime import datetime, timedelta, timezone

from odoo import api, fields, models
from odoo.exceptions import AccessDenied

from odoo.addons.egov_documents.models.egov_cron import check_scheduler, lock_batch
from odoo.addons.egov_documents.rules.worktime import to_iso

from .. import edxml
from ..vdxp import ERROR_CODES, VdxpError, VdxpPermanentError, file_hash, verify_headers
from ..vdxp import errors as codes

_logger = logging.getLogger(__name__)

OPERATIONS = (
    "sendEdoc",
    "getReceivedEdocList",
    "getEdoc",
    "updateStatus",
    "getAgenciesList",
    "getAgenciesListQD20",
    "countReceiveEdoc",
)
MAX_SKEW = timedelta(minutes=5)
LIST_LIMIT = 500
MAX_RECIPIENTS = 500


class HubRefusal(Exception):
    """A refused request: ``code`` and ``message`` go to the caller, ``reason`` (more
    precise, e.g. whose DocId it was) only to the request log."""

    def __init__(self, code, message=None, reason=None, doc_id=None):
        self.code = code
        self.message = message or ERROR_CODES[code]
        self.reason = reason or self.message
        self.doc_id = doc_id
        super().__init__(self.reason)


def _fail_status(code):
    return {codes.RATE_LIMITED: 429, codes.SYSTEM_ERROR: 500}.get(code, 200)


def _ok(data=None, **extra):
    return 200, {"status": "OK", "ErrorCode": "0", "ErrorDesc": "", "data": data, **extra}


class EgovAxisHub(models.AbstractModel):
    _name = "egov.axis.hub"
    _description = "Axis Hub (VDXP operations served by this database)"

    # --- Entry point of the controller -----------------------------------------------------
    @api.model
    def _egov_serve(self, operation, headers, read_body, remote_addr, content_length=None):
        """Answer one axis request: ``(http_status, json_payload)``. Runs as superuser
        (the controller's env); the caller is authenticated here, by its HMAC, before
        anything else is read (``read_body()`` gives the request body, bytes)."""
        if not self.env.su:
            raise AccessDenied()
        claimed = self._egov_claimed_system(headers)
        agency = self.env["egov.axis.agency"]
        try:
            if operation not in OPERATIONS:
                raise HubRefusal(codes.BAD_PARAMETER, f"Unknown operation {operation!r}.")
            now = datetime.now(timezone.utc)
            try:
                system_id, params = verify_headers(
                    headers, self.env["egov.axis.agency"]._egov_secret_for, now, MAX_SKEW
                )
            except VdxpPermanentError as error:
                message = (
                    ERROR_CODES[codes.BAD_CREDENTIALS]
                    if error.code == codes.BAD_CREDENTIALS
                    else error.message
                )
                raise HubRefusal(error.code, message, error.message) from None
            agency = agency._egov_by_code(system_id)
            if agency.locked:
                raise HubRefusal(codes.RECEIVER_LOCKED, f"System {system_id} is locked.")
            self._egov_check_rate_and_replay(agency, params, now)
            method = getattr(self, f"_egov_op_{operation}")
            with self.env.cr.savepoint():
                return method(agency, params, read_body, content_length)
        except HubRefusal as refusal:
            self._egov_log(claimed, agency, remote_addr, operation, refusal)
            payload = {
                "status": "FAIL",
                "ErrorCode": refusal.code,
                "ErrorDesc": refusal.message,
                "data": None,
            }
            return _fail_status(refusal.code), payload

    @staticmethod
    def _egov_claimed_system(headers):
        for name, value in headers.items():
            if name.lower() == "xroadvnpt-systemid":
                return str(value)[:64]
        return ""

    @api.model
    def _egov_log(self, system_id, agency, remote_addr, operation, refusal):
        _logger.info(
            "Axis hub refused %s from %s (%s): [%s] %s",
            operation,
            system_id,
            remote_addr,
            refusal.code,
            refusal.reason,
        )
        self.env["egov.axis.request.log"].sudo().create(
            {
                "system_id": system_id,
                "agency_id": agency.id or False,
                "remote_addr": remote_addr,
                "operation": (operation or "")[:64],
                "doc_id": (refusal.doc_id or "")[:128] or False,
                "code": refusal.code,
                "message": refusal.reason,
            }
        )

    @api.model
    def _egov_check_rate_and_replay(self, agency, params, now):
        Nonces = self.env["egov.axis.nonce"]
        nonce = params.get("nonce")
        if not nonce:
            raise HubRefusal(
                codes.BAD_PARAMETER, "The request carries no XroadVnpt-nonce: it could be replayed."
            )
        naive_now = now.replace(tzinfo=None)
        recent = Nonces._egov_recent_count(agency.code, naive_now - timedelta(minutes=1))
        if recent >= agency.rate_limit:
            raise HubRefusal(
                codes.RATE_LIMITED,
                reason=f"{recent} requests in the last minute (limit {agency.rate_limit}).",
            )
        if not Nonces._egov_use(agency.code, nonce[:128], naive_now):
            raise HubRefusal(codes.REPLAYED, reason=f"Nonce {nonce[:128]} was already used.")

    # --- Items of the caller ---------------------------------------------------------------
    @api.model
    def _egov_own_item(self, agency, doc_id, operation):
        """The item ``doc_id`` addressed to ``agency``; another agency's DocId is refused
        with the same answer as an unknown one."""
        if not doc_id:
            raise HubRefusal(codes.BAD_PARAMETER, "The request names no docId.")
        Items = self.env["egov.axis.item"].sudo()
        item = Items.search(
            [("doc_id", "=", doc_id), ("to_code", "=", agency.code), ("route", "!=", "outbound")],
            limit=1,
        )
        if item:
            return item
        others = Items.search_count([("doc_id", "=", doc_id)])
        reason = (
            f"{operation}: DocId {doc_id} is addressed to another agency."
            if others
            else f"{operation}: DocId {doc_id} does not exist."
        )
        raise HubRefusal(codes.NOT_FOUND, f"Document {doc_id} not found.", reason, doc_id)

    @staticmethod
    def _egov_messagetype(params):
        messagetype = params.get("messagetype") or "edoc"
        if messagetype not in ("edoc", "status"):
            raise HubRefusal(
                codes.BAD_PARAMETER, f"messagetype must be edoc or status, got {messagetype!r}."
            )
        return messagetype

    # --- Operations ------------------------------------------------------------------------
    def _egov_op_sendEdoc(self, agency, params, read_body, content_length):  # noqa: N802
        messagetype = self._egov_messagetype(params)
        limits = edxml.Limits()
        body = read_body() if (content_length or 0) <= limits.max_package_bytes else b""
        if not body or len(body) > limits.max_package_bytes:
            raise HubRefusal(
                codes.INVALID_FILE,
                f"The package must hold 1 to {limits.max_package_bytes} bytes.",
            )
        digest = file_hash(body)
        if (params.get("hash-file") or "").lower() != digest:
            raise HubRefusal(
                codes.HASH_MISMATCH,
                reason=f"hash-file {params.get('hash-file')!r} but the body hashes to {digest}.",
            )
        if params.get("from") and params["from"] != agency.code:
            raise HubRefusal(
                codes.WRONG_SENDER, reason=f"from {params['from']} is not the caller {agency.code}."
            )
        sender, recipients = self._egov_read_package(body, messagetype)
        if sender not in (agency.code, agency.code102):
            raise HubRefusal(
                codes.WRONG_SENDER,
                reason=f"The package is from {sender!r}, the caller is {agency.code}.",
            )
        if params.get("to"):
            try:
                recipients = json.loads(params["to"])
            except ValueError:
                recipients = None
            if not isinstance(recipients, list) or not all(
                isinstance(code, str) for code in recipients
            ):
                raise HubRefusal(codes.BAD_PARAMETER, "to must be a JSON array of agency codes.")
        recipients = list(dict.fromkeys(code.strip() for code in recipients if code.strip()))
        if not recipients:
            raise HubRefusal(codes.UNKNOWN_RECEIVER, "The package names no receiver.")
        if len(recipients) > MAX_RECIPIENTS:
            raise HubRefusal(
                codes.BAD_PARAMETER, f"A package goes to at most {MAX_RECIPIENTS} receivers."
            )
        upstream = self.env["egov.axis.upstream"]._egov_current()
        routes = []
        for code in recipients:
            receiver = self.env["egov.axis.agency"]._egov_by_code(code)
            if receiver.locked:
                raise HubRefusal(codes.RECEIVER_LOCKED, f"Receiver {code} is locked.")
            if receiver:
                routes.append((receiver.code, "local"))
            elif upstream:
                routes.append((code, "outbound"))
            else:
                raise HubRefusal(codes.UNKNOWN_RECEIVER, f"Receiver {code} does not exist.")
        doc_id = str(uuid.uuid4())
        self._egov_store_items(doc_id, agency.code, messagetype, body, routes)
        return _ok({"DocId": doc_id}, DocId=doc_id)

    @api.model
    def _egov_store_items(self, doc_id, from_code, messagetype, body, routes, upstream_doc_id=None):
        now = fields.Datetime.now()
        return (
            self.env["egov.axis.item"]
            .sudo()
            .create(
                [
                    {
                        "doc_id": doc_id,
                        "from_code": from_code,
                        "to_code": code,
                        "messagetype": messagetype,
                        "route": route,
                        "package": base64.b64encode(body),
                        "package_hash": file_hash(body),
                        "package_size": len(body),
                        "state": "pending",
                        "state_date": now,
                        "upstream_doc_id": upstream_doc_id,
                    }
                    for code, route in routes
                ]
            )
        )

    @api.model
    def _egov_read_package(self, body, messagetype):
        """``(sender code, recipient codes)`` of an edXML package; refuses what does not
        parse (22) or is of the other kind than ``messagetype`` (25)."""
        try:
            package = edxml.parse(body)
        except edxml.EdxmlError as error:
            raise HubRefusal(codes.NOT_COMPLIANT, str(error)) from None
        expected = "document" if messagetype == "edoc" else "status"
        if package.kind != expected:
            raise HubRefusal(
                codes.BAD_PARAMETER,
                f"The package is a {package.kind} package but messagetype is {messagetype}.",
            )
        if package.kind == "status":
            recipients = [package.response_for.organ_id]
        else:
            recipients = [organization.organ_id for organization in package.recipients]
        return package.sender.organ_id, [code for code in recipients if code]

    def _egov_op_getReceivedEdocList(self, agency, params, read_body, content_length):  # noqa: N802
        messagetype = self._egov_messagetype(params)
        items = (
            self.env["egov.axis.item"]
            .sudo()
            .search(
                [
                    ("to_code", "=", agency.code),
                    ("route", "!=", "outbound"),
                    ("messagetype", "=", messagetype),
                    ("state", "in", ("pending", "processing")),
                ],
                order="id",
                limit=LIST_LIMIT,
            )
        )
        labels = dict(items._fields["state"]._description_selection(self.env))
        return _ok(
            [
                {
                    "docId": item.doc_id,
                    "serviceType": "eDoc",
                    "messageType": item.messagetype,
                    "created_time": to_iso(item.create_date),
                    "updated_time": to_iso(item.state_date or item.create_date),
                    "from": item.from_code,
                    "to": item.to_code,
                    "status": item.state,
                    "status_desc": labels[item.state],
                }
                for item in items
            ]
        )

    def _egov_op_getEdoc(self, agency, params, read_body, content_length):  # noqa: N802
        item = self._egov_own_item(agency, params.get("docId") or params.get("docid"), "getEdoc")
        return _ok(item.with_context(bin_size=False).package.decode())

    def _egov_op_updateStatus(self, agency, params, read_body, content_length):  # noqa: N802
        doc_id = params.get("docId") or params.get("docid")
        status = params.get("status")
        if status not in ("done", "fail", "processing"):
            raise HubRefusal(
                codes.BAD_PARAMETER, f"status must be done, fail or processing, got {status!r}."
            )
        item = self._egov_own_item(agency, doc_id, "updateStatus")
        item.write({"state": status, "state_date": fields.Datetime.now()})
        return _ok()

    def _egov_agencies(self):
        return self.env["egov.axis.agency"].sudo().search([("locked", "=", False)])

    def _egov_op_getAgenciesList(self, agency, params, read_body, content_length):  # noqa: N802
        return _ok(
            [
                {
                    "code": row.code102 or row.code,
                    "id": row.id,
                    "mail": row.mail or "",
                    "name": row.name,
                    "pid": row.parent_code or "",
                    "oldCode": row.code102 or "",
                }
                for row in self._egov_agencies()
            ]
        )

    def _egov_op_getAgenciesListQD20(self, agency, params, read_body, content_length):  # noqa: N802
        return _ok(
            [
                {
                    "code": row.code,
                    "id": row.id,
                    "mail": row.mail or "",
                    "name": row.name,
                    "code102": row.code102 or "",
                    "pid": row.parent_code or "",
                }
                for row in self._egov_agencies()
            ]
        )

    def _egov_op_countReceiveEdoc(self, agency, params, read_body, content_length):  # noqa: N802
        count = (
            self.env["egov.axis.item"]
            .sudo()
            .search_count(
                [
                    ("to_code", "=", agency.code),
                    ("route", "!=", "outbound"),
                    ("messagetype", "=", "edoc"),
                    ("state", "in", ("pending", "processing")),
                ]
            )
        )
        return _ok(count, count=count)

    # --- Upstream: relay out, fetch in -----------------------------------------------------
    @api.model
    def _cron_upstream_exchange(self, batch_size=None):
        """Relay the packages for codes not registered here to the national axis and fetch
        the packages it holds for the hub's agencies (scheduler only)."""
        check_scheduler(self.env)
        upstream = self.env["egov.axis.upstream"]._egov_current()
        if not upstream:
            return 0, 0
        client = upstream._egov_client()
        if client is None:
            upstream.sudo().last_error = self.env._("The upstream account has no secret.")
            return 0, 0
        batch_size = batch_size or upstream.batch_size
        sent = self.sudo()._egov_relay_out(client, batch_size)
        try:
            fetched = self.sudo()._egov_fetch_in(client, batch_size)
            error = False
        except VdxpError as failure:
            fetched, error = 0, str(failure)
        upstream.sudo().write({"last_run_at": fields.Datetime.now(), "last_error": error})
        return sent, fetched

    @api.model
    def _egov_relay_out(self, client, batch_size, max_attempts=10):
        items = lock_batch(
            self.env["egov.axis.item"],
            "route = 'outbound' AND state = 'pending'",
            [],
            "create_date",
            batch_size,
        )
        sent = 0
        for item in items:
            try:
                with self.env.cr.savepoint():
                    body = base64.b64decode(item.with_context(bin_size=False).package)
                    upstream_doc_id = client.send_edoc(body, item.messagetype, to=[item.to_code])
                    item.write(
                        {
                            "state": "done",
                            "state_date": fields.Datetime.now(),
                            "upstream_doc_id": upstream_doc_id,
                            "relay_error": False,
                        }
                    )
                    sent += 1
            except VdxpError as error:
                attempts = item.relay_attempts + 1
                failed = not error.transient or attempts >= max_attempts
                item.write(
                    {
                        "relay_attempts": attempts,
                        "relay_error": str(error),
                        "state": "fail" if failed else "pending",
                        "state_date": fields.Datetime.now(),
                    }
                )
        return sent

    @api.model
    def _egov_fetch_in(self, client, batch_size):
        Items = self.env["egov.axis.item"]
        fetched = 0
        for messagetype in ("edoc", "status"):
            for row in client.received_list(messagetype)[:batch_size]:
                upstream_doc_id = str(row.get("docId") or "")
                if not upstream_doc_id:
                    continue
                if Items.search_count([("upstream_doc_id", "=", upstream_doc_id)]):
                    client.update_status(upstream_doc_id, "done")
                    continue
                body = client.get_edoc(upstream_doc_id)
                try:
                    sender, recipients = self._egov_read_package(body, messagetype)
                except HubRefusal as refusal:
                    _logger.warning("Upstream package %s refused: %s", upstream_doc_id, refusal)
                    client.update_status(upstream_doc_id, "fail")
                    continue
                local = self.env["egov.axis.agency"].browse()
                for code in recipients:
                    local |= self.env["egov.axis.agency"]._egov_by_code(code)
                local = local.filtered(lambda agency: not agency.locked)
                if not local:
                    client.update_status(upstream_doc_id, "fail")
                    continue
                self._egov_store_items(
                    str(uuid.uuid4()),
                    sender,
                    messagetype,
                    body,
                    [(agency.code, "inbound") for agency in local],
                    upstream_doc_id=upstream_doc_id,
                )
                client.update_status(upstream_doc_id, "done")
                fetched += 1
        return fetched
