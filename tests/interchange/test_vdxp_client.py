"""The VDXP client over real HTTP on loopback: each axis operation (STANDARDS.md §5.2),
signed headers the axis can verify, and failures kept apart as transient (retry) or
permanent (needs a person)."""

import base64
import contextlib
import json
import socket
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from egov_interchange.vdxp import (
    VdxpClient,
    VdxpPermanentError,
    VdxpTransientError,
    file_hash,
    verify_headers,
)


class StubAxis:
    """A tiny VDXP axis on loopback (``http.server``): each operation answers with what the
    test put in ``routes``; every request is recorded."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        axis = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                operation = self.path.rsplit("/", 1)[-1]
                axis.requests.append(
                    {
                        "method": self.command,
                        "operation": operation,
                        "headers": dict(self.headers.items()),
                        "body": body,
                    }
                )
                route = axis.routes.get(operation)
                if route is None:
                    status, payload = 404, {"status": "FAIL", "ErrorCode": "25"}
                else:
                    status, payload = route(axis.requests[-1])
                raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError):  # the client gave up (timeout)
                    self.wfile.write(raw)

            do_GET = do_POST = _serve

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def endpoint(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/axis"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def ok(data=None, **extra):
    return 200, {"status": "OK", "ErrorCode": "0", "ErrorDesc": "", "data": data, **extra}


def fail(code, desc, http_status=200):
    return http_status, {"status": "FAIL", "ErrorCode": code, "ErrorDesc": desc, "data": None}


SYSTEM = "000.00.00.H41"
SECRET = "province-secret-1"
PACKAGE = b'<?xml version="1.0" encoding="UTF-8"?><edXMLEnvelope/>'


@pytest.fixture
def axis():
    with StubAxis() as stub:
        yield stub


@pytest.fixture
def client(axis):
    return VdxpClient(axis.endpoint, SYSTEM, SECRET, timeout=5)


def verified(request):
    return verify_headers(request["headers"], {SYSTEM: SECRET}.get, datetime.now(timezone.utc))


def test_send_edoc_posts_the_package_with_signed_hash_file_and_returns_the_docid(axis, client):
    axis.routes["sendEdoc"] = lambda request: ok(DocId="DOC-1")
    assert client.send_edoc(PACKAGE, to=["000.00.00.H42"]) == "DOC-1"
    request = axis.requests[-1]
    system_id, params = verified(request)
    assert (request["method"], request["body"], system_id) == ("POST", PACKAGE, SYSTEM)
    assert params["hash-file"] == file_hash(PACKAGE)
    assert params["from"] == SYSTEM
    assert params["messagetype"] == "edoc"
    assert params["servicetype"] == "eDoc"
    assert json.loads(params["to"]) == ["000.00.00.H42"]
    assert request["headers"]["Content-Type"] == "application/octet-stream"


def test_send_status_package_uses_messagetype_status(axis, client):
    axis.routes["sendEdoc"] = lambda request: ok({"DocId": "ST-1"})
    assert client.send_edoc(PACKAGE, messagetype="status") == "ST-1"
    assert verified(axis.requests[-1])[1]["messagetype"] == "status"
    assert "to" not in verified(axis.requests[-1])[1]


def test_send_edoc_without_docid_in_the_answer_is_a_permanent_error(axis, client):
    axis.routes["sendEdoc"] = lambda request: ok()
    with pytest.raises(VdxpPermanentError, match="no DocId"):
        client.send_edoc(PACKAGE)


def test_received_list_returns_the_pending_items(axis, client):
    rows = [{"docId": "D1", "from": "H42", "messageType": "edoc", "created_time": "x"}]
    axis.routes["getReceivedEdocList"] = lambda request: ok(rows)
    assert client.received_list() == rows
    assert verified(axis.requests[-1])[1]["messagetype"] == "edoc"
    client.received_list("status")
    assert verified(axis.requests[-1])[1]["messagetype"] == "status"


def test_get_edoc_decodes_base64(axis, client):
    axis.routes["getEdoc"] = lambda request: ok(base64.b64encode(PACKAGE).decode())
    assert client.get_edoc("D1") == PACKAGE
    assert verified(axis.requests[-1])[1]["docId"] == "D1"


def test_get_edoc_with_data_that_is_not_base64_is_a_permanent_error(axis, client):
    axis.routes["getEdoc"] = lambda request: ok("%%% not base64 %%%")
    with pytest.raises(VdxpPermanentError, match="not base64"):
        client.get_edoc("D1")


def test_update_status_sends_the_transport_ack(axis, client):
    axis.routes["updateStatus"] = lambda request: ok()
    client.update_status("D1", "done")
    params = verified(axis.requests[-1])[1]
    assert (params["docId"], params["status"]) == ("D1", "done")


def test_update_status_refuses_a_business_status_before_any_http(axis, client):
    with pytest.raises(ValueError, match="status must be one of"):
        client.update_status("D1", "03")
    with pytest.raises(ValueError, match="messagetype"):
        client.send_edoc(PACKAGE, messagetype="fax")
    assert axis.requests == []


def test_agencies_merges_the_qd20_and_the_old_lists(axis, client):
    axis.routes["getAgenciesListQD20"] = lambda request: ok(
        [{"code": "H41.01", "code102": "000.01.41.H41", "name": "Sở Nội vụ", "mail": "a@b"}]
    )
    axis.routes["getAgenciesList"] = lambda request: ok(
        [
            {"code": "000.01.41.H41", "pid": "000.00.00.H41", "name": "Sở Nội vụ"},
            {"code": "000.02.41.H41", "pid": "000.00.00.H41", "name": "Sở Tư pháp"},
        ]
    )
    assert client.agencies() == [
        {
            "code": "H41.01",
            "code102": "000.01.41.H41",
            "name": "Sở Nội vụ",
            "pid": "000.00.00.H41",
            "mail": "a@b",
        },
        {
            "code": "000.02.41.H41",
            "code102": "",
            "name": "Sở Tư pháp",
            "pid": "000.00.00.H41",
            "mail": "",
        },
    ]


def test_ping_counts_the_waiting_items_with_get(axis, client):
    axis.routes["countReceiveEdoc"] = lambda request: ok(count=3)
    assert client.ping() == 3
    assert axis.requests[-1]["method"] == "GET"


@pytest.mark.parametrize(
    ("code", "transient"),
    [("10", False), ("15", False), ("16", False), ("18", False), ("23", False), ("20", True)],
)
def test_axis_error_codes_map_to_permanent_or_transient(axis, client, code, transient):
    axis.routes["sendEdoc"] = lambda request: fail(code, "refused by the axis")
    with pytest.raises(VdxpTransientError if transient else VdxpPermanentError) as error:
        client.send_edoc(PACKAGE)
    assert (error.value.code, error.value.message) == (code, "refused by the axis")


def test_rate_limit_429_is_transient(axis, client):
    axis.routes["updateStatus"] = lambda request: fail("29", "Too many requests", 429)
    with pytest.raises(VdxpTransientError) as error:
        client.update_status("D1", "done")
    assert error.value.code == "29"


@pytest.mark.parametrize(("status", "transient"), [(500, True), (503, True), (401, False)])
def test_http_errors_without_axis_answer_map_by_status(axis, client, status, transient):
    axis.routes["getEdoc"] = lambda request: (status, b"<html>proxy error</html>")
    with pytest.raises(VdxpTransientError if transient else VdxpPermanentError) as error:
        client.get_edoc("D1")
    assert error.value.code == f"http-{status}"


def test_unknown_operation_404_is_permanent(axis, client):
    with pytest.raises(VdxpPermanentError) as error:
        client.received_list()
    assert error.value.code == "25"


def test_answer_that_is_not_json_is_a_permanent_error(axis, client):
    axis.routes["countReceiveEdoc"] = lambda request: (200, b"<html>login</html>")
    with pytest.raises(VdxpPermanentError) as error:
        client.ping()
    assert error.value.code == "invalid-response"


def test_connection_refused_is_transient():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = VdxpClient(f"http://127.0.0.1:{port}/axis", SYSTEM, SECRET, timeout=2)
    with pytest.raises(VdxpTransientError) as error:
        client.ping()
    assert error.value.code == "network"
    assert error.value.transient


def test_timeout_is_transient(axis):
    import time

    def slow(request):
        time.sleep(1)
        return ok(count=0)

    axis.routes["countReceiveEdoc"] = slow
    with pytest.raises(VdxpTransientError, match="timed out"):
        VdxpClient(axis.endpoint, SYSTEM, SECRET, timeout=0.2).ping()


def test_client_needs_endpoint_system_and_secret():
    with pytest.raises(ValueError, match="needs an endpoint"):
        VdxpClient("", SYSTEM, SECRET)
