"""A client of the VDXP document axis (the national axis or a province's hub), over HTTP
with ``requests``: one method per axis operation (STANDARDS.md §5.2)."""

import base64
import binascii
import json

import requests

from .errors import OK, VdxpPermanentError, VdxpTransientError, error_for
from .headers import file_hash, sign_headers

MESSAGE_TYPES = ("edoc", "status")
TRANSPORT_STATUSES = ("done", "fail", "processing")


class VdxpClient:
    """Calls ``{endpoint}/{operation}`` as ``system_id`` signed with ``secret``.

    Every method raises :class:`VdxpTransientError` (retry later) or
    :class:`VdxpPermanentError` (needs a person) when the call does not succeed."""

    def __init__(self, endpoint, system_id, secret, timeout=30, session=None):
        if not endpoint or not system_id or not secret:
            raise ValueError("A VDXP client needs an endpoint, a system id and a secret.")
        self.endpoint = endpoint.rstrip("/")
        self.system_id = system_id
        self.secret = secret
        self.timeout = timeout
        self.session = session or requests.Session()

    # --- Transport ------------------------------------------------------------------------
    def _call(self, operation, params=None, data=None, method="POST"):
        headers = sign_headers(params or {}, self.system_id, self.secret)
        if data is not None:
            headers["Content-Type"] = "application/octet-stream"
        url = f"{self.endpoint}/{operation}"
        try:
            response = self.session.request(
                method, url, headers=headers, data=data, timeout=self.timeout
            )
        except requests.Timeout as error:
            raise VdxpTransientError("network", f"{operation}: timed out ({error})") from None
        except requests.RequestException as error:
            raise VdxpTransientError("network", f"{operation}: {error}") from None
        return self._answer(operation, response)

    @staticmethod
    def _answer(operation, response):
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and "ErrorCode" in body:
            code = str(body.get("ErrorCode"))
            if code == OK and str(body.get("status", "OK")).upper() == "OK" and status < 400:
                return body
            message = body.get("ErrorDesc") or f"{operation} failed"
            raise error_for(code if code != OK else f"http-{status}", message, status)
        if status >= 400:
            raise error_for(f"http-{status}", f"{operation}: HTTP {status}", status)
        if isinstance(body, dict) and str(body.get("status", "")).upper() == "OK":
            return body
        raise VdxpPermanentError(
            "invalid-response", f"{operation}: the axis answered something that is not JSON"
        )

    # --- Operations -----------------------------------------------------------------------
    def send_edoc(self, data, messagetype="edoc", to=None):
        """Send an edXML package (``bytes``); returns the axis DocId."""
        if messagetype not in MESSAGE_TYPES:
            raise ValueError(f"messagetype must be one of {MESSAGE_TYPES}, got {messagetype!r}")
        params = {
            "from": self.system_id,
            "servicetype": "eDoc",
            "messagetype": messagetype,
            "hash-file": file_hash(data),
        }
        if to:
            params["to"] = json.dumps(list(to))
        body = self._call("sendEdoc", params, data=data)
        data = body.get("data")
        doc_id = body.get("DocId") or (data.get("DocId") if isinstance(data, dict) else None)
        if not doc_id:
            raise VdxpPermanentError("invalid-response", "sendEdoc: the axis gave no DocId")
        return str(doc_id)

    def received_list(self, messagetype="edoc"):
        """The packages waiting for this system: dicts with at least ``docId``, ``from``,
        ``messageType`` and ``created_time``."""
        if messagetype not in MESSAGE_TYPES:
            raise ValueError(f"messagetype must be one of {MESSAGE_TYPES}, got {messagetype!r}")
        body = self._call(
            "getReceivedEdocList", {"servicetype": "eDoc", "messagetype": messagetype}
        )
        items = body.get("data") or []
        if not isinstance(items, list):
            raise VdxpPermanentError("invalid-response", "getReceivedEdocList: data is no list")
        return items

    def get_edoc(self, doc_id):
        """The edXML bytes of package ``doc_id``."""
        body = self._call("getEdoc", {"docId": doc_id})
        try:
            return base64.b64decode(body.get("data") or "", validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise VdxpPermanentError(
                "invalid-response", f"getEdoc {doc_id}: data is not base64"
            ) from None

    def update_status(self, doc_id, status):
        """Acknowledge package ``doc_id`` (transport status, not the business status)."""
        if status not in TRANSPORT_STATUSES:
            raise ValueError(f"status must be one of {TRANSPORT_STATUSES}, got {status!r}")
        self._call("updateStatus", {"docId": doc_id, "status": status})

    def agencies(self):
        """The agencies of the axis: dicts with ``code``, ``code102``, ``name``, ``pid`` and
        ``mail``, merged from getAgenciesListQD20 and getAgenciesList."""
        merged = {}
        for row in self._call("getAgenciesListQD20").get("data") or []:
            code = str(row.get("code") or "")
            if code:
                merged[code] = {
                    "code": code,
                    "code102": str(row.get("code102") or ""),
                    "name": row.get("name") or "",
                    "pid": str(row.get("pid") or ""),
                    "mail": row.get("mail") or "",
                }
        by_102 = {row["code102"]: row for row in merged.values() if row["code102"]}
        for row in self._call("getAgenciesList").get("data") or []:
            code = str(row.get("code") or "")
            if not code:
                continue
            known = merged.get(code) or by_102.get(code)
            if known:
                known["pid"] = known["pid"] or str(row.get("pid") or "")
                continue
            merged[code] = {
                "code": code,
                "code102": "",
                "name": row.get("name") or "",
                "pid": str(row.get("pid") or ""),
                "mail": row.get("mail") or "",
            }
        return list(merged.values())

    def ping(self):
        """The number of packages waiting (countReceiveEdoc); raises when unreachable."""
        body = self._call("countReceiveEdoc", method="GET")
        data = body.get("data")
        count = body.get("count", data.get("count") if isinstance(data, dict) else data)
        try:
            return int(count or 0)
        except (TypeError, ValueError):
            raise VdxpPermanentError(
                "invalid-response", "countReceiveEdoc: count is not a number"
            ) from None
