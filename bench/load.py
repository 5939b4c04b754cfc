"""make load, step 2: concurrent users against the server started with the
production profile, on loopback only, bounded in time and in requests.

Commune officers (one thread each) browse the suite's catalogue
(/my/catalogue) and Odoo's own order list (/my/orders) in turn, and send a
quote request every tenth round; managers read the device list as the back
office does (web_search_read), and one of them asks the funder workbook of
every device, which runs as a background job on queue_job's runner while the
others work. Prints the 95th percentiles, the portal's requests per second,
the suite's p95 over Odoo's own, the job's time, and the errors."""

import json
import os
import re
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

import requests

URL = os.environ.get("LOAD_URL", "http://127.0.0.1:8099")
DURATION = float(os.environ.get("LOAD_SECONDS", "60"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "50000"))
QUOTE_EVERY = 10
CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')
QTY_RE = re.compile(r'name="(qty_\d+_\w+)"')

if urlparse(URL).hostname not in ("127.0.0.1", "localhost", "::1"):
    sys.exit(f"make load runs on loopback only, not {URL}")


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = {}
        self.errors = {}
        self.count = 0
        self.deadline = None

    def more(self):
        """Whether a person goes on: neither bound is reached."""
        with self.lock:
            return self.count < MAX_REQUESTS and time.monotonic() < self.deadline

    def add(self, kind, seconds, ok, detail=""):
        with self.lock:
            self.count += 1
            if ok:
                self.times.setdefault(kind, []).append(seconds * 1000)
            else:
                self.errors.setdefault(kind, []).append(detail)


def login(login, password):
    session = requests.Session()
    page = session.get(f"{URL}/web/login", timeout=30)
    token = CSRF_RE.search(page.text).group(1)
    response = session.post(
        f"{URL}/web/login",
        data={"login": login, "password": password, "csrf_token": token},
        timeout=30,
    )
    if "session_id" not in session.cookies or "/web/login" in response.url:
        raise RuntimeError(f"{login} could not log in")
    return session


def timed(stats, kind, call, check):
    start = time.perf_counter()
    try:
        response = call()
        ok = response.status_code < 400 and check(response)
        detail = f"HTTP {response.status_code}"
    except requests.RequestException as error:
        ok, detail = False, repr(error)
        response = None
    stats.add(kind, time.perf_counter() - start, ok, detail)
    return response


def officer(stats, session, warm=False):
    """One officer's rounds: the catalogue, Odoo's orders, a quote request."""
    rounds = 0
    while warm or stats.more():
        page = timed(
            stats,
            "catalogue",
            lambda: session.get(f"{URL}/my/catalogue", timeout=60),
            lambda r: "o_reboot_catalogue" in r.text or "qty_" in r.text,
        )
        timed(
            stats,
            "orders (Odoo)",
            lambda: session.get(f"{URL}/my/orders", timeout=60),
            lambda r: "/my/orders/" in r.text,
        )
        rounds += 1
        if page is not None and rounds % QUOTE_EVERY == 1:
            token = CSRF_RE.search(page.text)
            keys = QTY_RE.findall(page.text)
            if token and keys:
                timed(
                    stats,
                    "quote request",
                    lambda: session.post(
                        f"{URL}/my/catalogue/request",
                        data={
                            "csrf_token": token.group(1),
                            keys[0]: "1",
                            "comment": "Test de charge",
                        },
                        timeout=60,
                    ),
                    lambda r: "/my/orders/" in r.url,
                )
        if warm:
            return


def manager(stats, session, warm=False):
    """The back office's device list, as the web client asks for it."""
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {
            "model": "stock.lot",
            "method": "web_search_read",
            "args": [[["reboot_device_type_id", "!=", False]]],
            "kwargs": {
                "specification": {
                    "name": {},
                    "reboot_state": {},
                    "reboot_grade": {},
                    "reboot_device_type_id": {"fields": {"display_name": {}}},
                    "reboot_donor_id": {"fields": {"display_name": {}}},
                },
                "limit": 80,
                "order": "create_date desc",
                "count_limit": 10001,
            },
        },
    }
    while warm or stats.more():
        timed(
            stats,
            "device list (managers)",
            lambda: session.post(
                f"{URL}/web/dataset/call_kw/stock.lot/web_search_read",
                json=payload,
                timeout=60,
            ),
            lambda r: "error" not in r.json() and r.json()["result"]["length"] > 0,
        )
        if warm:
            return


def call_kw(session, model, method, args, kwargs=None):
    response = session.post(
        f"{URL}/web/dataset/call_kw/{model}/{method}",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        },
        timeout=60,
    )
    body = response.json()
    if "error" in body:
        raise RuntimeError(body["error"]["data"]["message"])
    return body["result"]


def funder_job(stats, session, grace=300):
    """A manager asks the funder workbook of every device: above the job
    threshold, the request answers with a background job; its page is read
    every 2 s until the job is done (an error if it fails, or is not done
    `grace` seconds after the load)."""
    start = time.perf_counter()
    try:
        report = call_kw(
            session,
            "reboot.impact.report",
            "create",
            [{"date_from": "2000-01-01", "date_to": "2100-12-31"}],
        )
        action = call_kw(
            session, "reboot.impact.report", "action_funder_xlsx", [report]
        )
        if action.get("res_model") != "reboot.job":
            raise RuntimeError(f"no background job: {action}")
        deadline = stats.deadline + grace
        while time.monotonic() < deadline:
            job = call_kw(
                session, "reboot.job", "read", [[action["res_id"]], ["state", "error"]]
            )[0]
            if job["state"] in ("done", "failed"):
                break
            time.sleep(2)
        ok = job["state"] == "done"
        detail = job["error"] or job["state"]
    except (requests.RequestException, RuntimeError) as error:
        ok, detail = False, repr(error)
    stats.add("funder workbook (job)", time.perf_counter() - start, ok, detail)


def p95(values):
    return statistics.quantiles(values, n=100)[94] if len(values) > 1 else values[0]


def main():
    with open(os.environ["LOAD_USERS"]) as file:
        users = json.load(file)
    officers = [login(u["login"], u["password"]) for u in users["officers"]]
    managers = [login(u["login"], u["password"]) for u in users["managers"]]
    warmup = Stats()
    # every worker compiles its templates once: not part of the measure
    for _round in range(2):
        for session in officers:
            officer(warmup, session, warm=True)
        for session in managers:
            manager(warmup, session, warm=True)
    stats = Stats()
    stats.deadline = time.monotonic() + DURATION
    threads = [
        threading.Thread(target=officer, args=(stats, session)) for session in officers
    ] + [
        threading.Thread(target=manager, args=(stats, session)) for session in managers
    ]
    threads.append(threading.Thread(target=funder_job, args=(stats, managers[0])))
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    print(
        f"users: {len(officers)} commune officers, {len(managers)} managers; "
        f"{seconds:.0f} s, {stats.count} requests (bounds: {DURATION:.0f} s, "
        f"{MAX_REQUESTS} requests)"
    )
    for kind, values in sorted(stats.times.items()):
        print(
            f"  {kind:<24} {len(values):>6} requests  median "
            f"{statistics.median(values):>6.0f} ms  p95 {p95(values):>6.0f} ms"
        )
    ours = stats.times.get("catalogue", [0])
    native = stats.times.get("orders (Odoo)", [0])
    portal = sum(
        len(stats.times.get(kind, []))
        for kind in ("catalogue", "orders (Odoo)", "quote request")
    )
    errors = sum(len(v) for v in stats.errors.values())
    print(f"portal_p95_ms: {p95(ours):.0f}")
    print(f"native_portal_p95_ms: {p95(native):.0f}")
    print(f"portal_vs_native_p95_ratio: {p95(ours) / p95(native):.2f}")
    print(f"portal_rps: {portal / seconds:.1f}")
    job = stats.times.get("funder workbook (job)")
    print(f"funder_job_seconds: {job[0] / 1000:.0f}" if job else "funder_job: failed")
    print(f"errors: {errors}")
    for kind, details in stats.errors.items():
        print(f"  {kind}: {len(details)} ({', '.join(sorted(set(details))[:3])})")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
