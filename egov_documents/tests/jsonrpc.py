"""One JSON-RPC call to ``/web/dataset/call_kw``, as any logged-in client can send it: the
attacker's way in that the tests over HTTP use (STYLE.md §3)."""

import json


def call_kw(case, model, method, args=(), kwargs=None, context=None, timeout=60):
    """Call ``model.method(*args, **kwargs)`` with ``context`` through the HttpCase
    ``case``'s session (``case.authenticate`` first). Returns ``(result, error)``: the
    result, or the error's data (``name``, ``message``) and ``None``."""
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": 1,
        "params": {
            "model": model,
            "method": method,
            "args": list(args),
            "kwargs": {**(kwargs or {}), "context": context or {}},
        },
    }
    response = case.url_open(
        f"/web/dataset/call_kw/{model}/{method}",
        data=json.dumps(payload),
        headers={"Content-Type": "application/json"},
        timeout=timeout,
    )
    case.assertEqual(response.status_code, 200, response.text[:200])
    body = response.json()
    error = body.get("error")
    if error:
        return None, error.get("data") or {"name": "", "message": error.get("message", "")}
    return body.get("result"), None
