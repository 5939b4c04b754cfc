"""Headless Chromium driven over the DevTools protocol (Debian's chromium as
it is, websocket-client from requirements.txt): open a page with a user's
session, wait for what the user should see, save a screenshot."""

import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import requests
import websocket

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    DESKTOP = (1366, 860)

    def __init__(self, width=1366, height=860):
        self.profile = tempfile.mkdtemp(prefix="reboot-chromium-")
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                "--lang=fr-FR",
                f"--window-size={width},{height}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            assert time.monotonic() < deadline, "chromium did not start"
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        pages = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(p for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method, **params):
        message_id = next(self.ids)
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True
        )["result"]
        return result.get("value")

    def open(self, url, session_id, selector, timeout=60):
        """Load `url` as the user of `session_id` and wait until `selector`
        is on the page and the network is quiet. Returns the page's text."""
        self.send("Network.enable")
        # leave the previous page while its user is still logged in: a form
        # saves itself on unload, and must not do so as the next user
        self.send("Page.navigate", url="about:blank")
        deadline = time.monotonic() + 10
        while self.evaluate("location.href") != "about:blank":
            assert time.monotonic() < deadline, "the previous page did not unload"
            time.sleep(0.1)
        time.sleep(1)  # the unload save is a beacon sent after the page is gone
        self.send("Network.clearBrowserCookies")
        self.send("Network.setCookie", name="session_id", value=session_id, url=url)
        self.send("Page.navigate", url=url)
        return self.wait(selector, timeout)

    def wait(self, selector, timeout=60):
        """Wait until `selector` is on the page and the web client is idle;
        return the page's text. An error dialog fails at once."""
        deadline = time.monotonic() + timeout
        check = (
            f"document.readyState === 'complete' && "
            f"!!document.querySelector({json.dumps(selector)}) && "
            f"!document.querySelector('.o_loading_indicator')"
        )
        while not self.evaluate(check):
            error = self.evaluate(
                "document.querySelector('.o_error_dialog')?.innerText || ''"
            )
            assert not error, f"error dialog instead of {selector!r}:\n{error}"
            if time.monotonic() > deadline:
                url = self.evaluate("location.href")
                raise AssertionError(f"{selector!r} never appeared on {url}")
            time.sleep(0.25)
        time.sleep(1)  # let fonts, images and transitions settle
        return self.evaluate("document.body.innerText")

    def click(self, selector, then):
        """Click the first `selector` and wait for `then`."""
        clicked = self.evaluate(
            f"(el => el ? (el.click(), true) : false)"
            f"(document.querySelector({json.dumps(selector)}))"
        )
        assert clicked, f"nothing to click at {selector!r}"
        return self.wait(then)

    def texts(self, selector):
        """The text of each element at `selector`, in the page's order."""
        return self.evaluate(
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            f".map(el => el.innerText.trim())"
        )

    def viewport(self, width, height, mobile=False):
        """Lay the next pages out at `width` × `height` CSS pixels; `mobile`
        as a phone does (touch, device pixel ratio 2). Call with no size
        change to keep the window's."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=2 if mobile else 1,
            mobile=mobile,
        )
        self.send("Emulation.setTouchEmulationEnabled", enabled=mobile)

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=30)
            shutil.rmtree(self.profile, ignore_errors=True)
