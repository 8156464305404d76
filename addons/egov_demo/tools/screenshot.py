#!/usr/bin/env python3
"""Take a screenshot of an Odoo page as a given user, with headless Chromium.

Logs in through JSON-RPC (``/web/session/authenticate``), gives the session cookie to a
fresh headless Chromium through the DevTools protocol, opens the page, waits until the
web client has rendered it (a CSS selector is present and nothing is loading) and saves
a PNG. The browser runs in the user's time zone (Asia/Ho_Chi_Minh by default), since the
web client shows times in the browser's zone. Needs ``requests`` and ``websocket-client``.

Example, with the demo province running on port 8069 in database ``egov_demo``::

    python3 addons/egov_demo/tools/screenshot.py \\
        /odoo/action-egov_documents.action_egov_document_incoming \\
        --login lan.snv --password egov-demo --db egov_demo --port 8069 \\
        --output var/evidence/incoming_list_clerk_vi.png
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import requests
import websocket

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "path",
        help="URL path to open, e.g. /odoo/action-egov_documents.action_egov_document_incoming",
    )
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--output", required=True, help="PNG file to write")
    parser.add_argument("--db", required=True, help="database name")
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--size", default="1600x900", help="window size WIDTHxHEIGHT")
    parser.add_argument(
        "--wait-for",
        default=".o_action_manager .o_view_controller",
        help="CSS selector that must be present before the screenshot",
    )
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for the page")
    parser.add_argument(
        "--timezone",
        default="Asia/Ho_Chi_Minh",
        help="browser time zone: the web client shows times in it (default: %(default)s)",
    )
    parser.add_argument(
        "--chromium",
        default=os.environ.get("CHROMIUM_BIN"),
        help="Chromium executable (default: found on PATH)",
    )
    return parser.parse_args(argv)


def login(base_url, db, user, password):
    """Return the session id of ``user`` after a real password login."""
    response = requests.post(
        f"{base_url}/web/session/authenticate",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"db": db, "login": user, "password": password},
        },
        timeout=30,
    )
    response.raise_for_status()
    payload = response.json()
    if payload.get("error") or not (payload.get("result") or {}).get("uid"):
        raise SystemExit(
            f"Login of {user} failed: {json.dumps(payload.get('error'), ensure_ascii=False)}"
        )
    return response.cookies["session_id"]


def find_chromium(explicit):
    for candidate in ([explicit] if explicit else []) + list(CHROMIUM_NAMES):
        path = shutil.which(candidate) if candidate else None
        if path:
            return path
    raise SystemExit("Chromium not found: install it or pass --chromium")


class DevTools:
    """A minimal Chrome DevTools Protocol client on one page target."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        message_id = self.next_id
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def close(self):
        self.ws.close()


def start_chromium(chromium, profile_dir, width, height):
    process = subprocess.Popen(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile_dir}",
            f"--window-size={width},{height}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    port_file = os.path.join(profile_dir, "DevToolsActivePort")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if os.path.exists(port_file):
            with open(port_file) as handle:
                lines = handle.read().split()
            if lines:
                return process, int(lines[0])
        if process.poll() is not None:
            raise SystemExit(f"Chromium exited with status {process.returncode}")
        time.sleep(0.1)
    process.kill()
    raise SystemExit("Chromium did not open its DevTools port")


def page_websocket_url(port):
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            targets = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=5).json()
        except requests.RequestException:
            targets = []
        for target in targets:
            if target.get("type") == "page":
                return target["webSocketDebuggerUrl"]
        time.sleep(0.2)
    raise SystemExit("No page target in Chromium")


def wait_until_rendered(devtools, selector, timeout):
    """Wait for ``selector``, for no pending RPC in the web client and for the fonts."""
    check = (
        "(() => {"
        f" const ready = document.querySelector({json.dumps(selector)});"
        " const busy = document.querySelector('.o_blockUI, .o_loading_indicator');"
        " return Boolean(ready) && !busy && document.readyState === 'complete'"
        "   && (!document.fonts || document.fonts.status === 'loaded');"
        "})()"
    )
    deadline = time.monotonic() + timeout
    stable_since = None
    while time.monotonic() < deadline:
        if devtools.evaluate(check):
            stable_since = stable_since or time.monotonic()
            if time.monotonic() - stable_since >= 1.5:
                return
        else:
            stable_since = None
        time.sleep(0.25)
    raise SystemExit(f"The page did not render {selector!r} within {timeout:.0f} s")


def take_screenshot(args):
    base_url = f"http://{args.host}:{args.port}"
    width, height = (int(value) for value in args.size.lower().split("x"))
    session_id = login(base_url, args.db, args.login, args.password)
    chromium = find_chromium(args.chromium)
    profile_dir = tempfile.mkdtemp(prefix="egov-chromium-")
    process = None
    try:
        process, devtools_port = start_chromium(chromium, profile_dir, width, height)
        devtools = DevTools(page_websocket_url(devtools_port))
        try:
            devtools.call("Network.enable")
            devtools.call("Page.enable")
            devtools.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
            devtools.call("Emulation.setTimezoneOverride", timezoneId=args.timezone)
            devtools.call(
                "Network.setCookie",
                name="session_id",
                value=session_id,
                domain=args.host,
                path="/",
                httpOnly=True,
            )
            devtools.call("Page.navigate", url=f"{base_url}{args.path}")
            wait_until_rendered(devtools, args.wait_for, args.timeout)
            shot = devtools.call("Page.captureScreenshot", format="png")
        finally:
            devtools.close()
    finally:
        if process:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(profile_dir, ignore_errors=True)
    output_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(output_dir, exist_ok=True)
    with open(args.output, "wb") as handle:
        handle.write(base64.b64decode(shot["data"]))
    return args.output


def main(argv=None):
    output = take_screenshot(parse_args(argv))
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
