"""Helpers for tests that talk to this database acting as the axis (hub mode): register an
agency system, build edXML packages, and a tiny upstream axis on loopback (``http.server``)
standing in for the national axis. Not a test module itself."""

import base64
import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..edxml import (
    DocumentPackage,
    Organization,
    ResponseFor,
    Signer,
    StatusPackage,
    build,
    document_id_for,
)


def register_agency(env, code, secret, name=None, rate_limit=600, **values):
    """Register system ``code`` on the hub of ``env``'s database with ``secret`` (>= 16
    characters); returns the ``egov.axis.agency``."""
    return (
        env["egov.axis.agency"]
        .sudo()
        ._egov_register(code, name or f"Agency {code}", secret, rate_limit=rate_limit, **values)
    )


def document_package(sender, recipients, number="12", notation="UBND-VP", subject="Test"):
    """The edXML bytes of a new document from ``sender`` to ``recipients`` (codes)."""
    issued = date(2026, 3, 2)
    return build(
        DocumentPackage(
            sender=Organization(sender, f"Agency {sender}"),
            recipients=[Organization(code, f"Agency {code}") for code in recipients],
            document_id=document_id_for(sender, issued, number, notation),
            number=number,
            notation=notation,
            promulgation_date=issued,
            subject=subject,
            signer=Signer(full_name="Nguyễn Văn A", position="Chủ tịch"),
        )
    )


def status_package(sender, document_sender, code="12/UBND-VP", status="01"):
    """The edXML bytes of status ``status`` from ``sender`` about a document of
    ``document_sender``."""
    issued = date(2026, 3, 2)
    return build(
        StatusPackage(
            sender=Organization(sender, f"Agency {sender}"),
            response_for=ResponseFor(
                organ_id=document_sender,
                code=code,
                promulgation_date=issued,
                document_id=document_id_for(document_sender, issued, *code.split("/", 1)),
            ),
            status_code=status,
        )
    )


class StubUpstream:
    """A national axis on loopback: records the packages sent to it, and holds
    ``inbox`` ({docId: (messagetype, bytes)}) for the hub to fetch."""

    def __init__(self):
        self.sent = []
        self.acks = []
        self.inbox = {}
        self.fail_send = None
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, payload = stub.answer(self.path.rsplit("/", 1)[-1], self.headers, body)
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @property
    def endpoint(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/axis"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    @staticmethod
    def _param(headers, name):
        return headers.get(f"XroadVnpt-{name}")

    def answer(self, operation, headers, body):
        ok = {"status": "OK", "ErrorCode": "0", "ErrorDesc": ""}
        if operation == "sendEdoc":
            if self.fail_send:
                code, status = self.fail_send
                return status, {"status": "FAIL", "ErrorCode": code, "ErrorDesc": "stub refusal"}
            doc_id = f"UP-{len(self.sent) + 1}"
            self.sent.append(
                {
                    "docId": doc_id,
                    "to": json.loads(self._param(headers, "to") or "[]"),
                    "messagetype": self._param(headers, "messagetype"),
                    "system": self._param(headers, "systemid"),
                    "body": body,
                }
            )
            return 200, {**ok, "DocId": doc_id, "data": {"DocId": doc_id}}
        if operation == "getReceivedEdocList":
            messagetype = self._param(headers, "messagetype")
            rows = [
                {"docId": doc_id, "from": "000.00.00.G01", "messageType": kind, "created_time": ""}
                for doc_id, (kind, _body) in self.inbox.items()
                if kind == messagetype and doc_id not in {ack[0] for ack in self.acks}
            ]
            return 200, {**ok, "data": rows}
        if operation == "getEdoc":
            _kind, data = self.inbox[self._param(headers, "docId")]
            return 200, {**ok, "data": base64.b64encode(data).decode()}
        if operation == "updateStatus":
            self.acks.append((self._param(headers, "docId"), self._param(headers, "status")))
            return 200, {**ok, "data": None}
        return 404, {"status": "FAIL", "ErrorCode": "25", "ErrorDesc": "unknown operation"}
