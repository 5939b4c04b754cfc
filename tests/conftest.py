"""A live Odoo server for the end-to-end tests, and clients that use it as the
users do: JSON-RPC for the back office, HTTP forms for the portal.

`make test` passes the demo database it has just tested in REBOOT_E2E_DB.
Run alone (`pytest tests/`), the fixture installs its own demo database and
drops it afterwards. Either way the server listens on a free local port."""

import os
import re
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
LOG_DIR = ROOT / ".logs"
ODOO_ENV = ROOT / "scripts" / "odoo_env.sh"


def odoo_command(*args):
    """The shell command that runs odoo-bin with the project's settings."""
    quoted = " ".join(f"'{arg}'" for arg in args)
    return ["bash", "-c", f"source '{ODOO_ENV}' && odoo {quoted}"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RpcError(Exception):
    """An error the server answered, with its message as the user reads it."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name", "")
        self.message = data.get("message") or error.get("message", "")
        super().__init__(f"{self.name}: {self.message}")


class Server:
    def __init__(self, url, db):
        self.url = url
        self.db = db
        # the demo's last message and the server's start (UTC), before which
        # the database holds only what the demo did (see server)
        self.demo_history_end = 0
        self.started_at = None

    def client(self, login, password=None):
        return Client(self, login, password or login)


class Client:
    """One user: a browser-like session (portal pages, downloads) and the
    JSON-RPC external API with the same credentials."""

    def __init__(self, server, login, password):
        self.server = server
        self.login = login
        self.password = password
        self.http = requests.Session()
        result = self._jsonrpc(
            "/web/session/authenticate",
            {"db": server.db, "login": login, "password": password},
        )
        self.uid = result["uid"]
        self.partner_id = result["partner_id"]
        # what the web client sends with each call: the user's language
        self.context = result["user_context"]

    def _jsonrpc(self, path, params):
        response = self.http.post(
            self.server.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            timeout=120,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RpcError(body["error"])
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        """execute_kw over /jsonrpc, with this user's rights and language."""
        kwargs.setdefault("context", self.context)
        return self._jsonrpc(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.server.db,
                    self.uid,
                    self.password,
                    model,
                    method,
                    list(args),
                    kwargs,
                ],
            },
        )

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        [data] = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        return data["res_id"]

    def get(self, path, **kwargs):
        response = self.http.get(self.server.url + path, timeout=120, **kwargs)
        response.raise_for_status()
        return response

    def post_form(self, path, data, form_page=None):
        """Submit a portal form as the browser does, with the CSRF token of the
        page that shows the form (`form_page`, by default `path` itself)."""
        page = self.get(form_page or path).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token, f"no CSRF token on {path}"
        response = self.http.post(
            self.server.url + path,
            data={"csrf_token": token.group(1), **data},
            timeout=120,
        )
        response.raise_for_status()
        return response

    def json_route(self, path, **params):
        return self._jsonrpc(path, params)


def _install(db):
    """A demo database as `make test` makes it: created in France, then the suite."""
    modules = ",".join(sorted(p.name for p in (ROOT / "addons").glob("reboot_*")))
    with open(LOG_DIR / "e2e-install.log", "wb") as log:
        subprocess.run(
            [
                "bash", "-c",
                f"source '{ODOO_ENV}' && new_french_db '{db}' "
                f"--http-port={free_port()} --log-level=warn",
            ],
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=600,
        )  # fmt: skip
        subprocess.run(
            odoo_command(
                "-d", db, "-i", modules, "--stop-after-init",
                f"--http-port={free_port()}", "--log-level=warn",
            ),
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=1800,
        )  # fmt: skip


# What the shipped configuration's refusals log (an anonymous visitor tried the
# database manager): expected in the tests that try it.
EXPECTED_ERRORS = (
    "Database management functions blocked",
    "odoo.addons.web.controllers.database: Database.backup",
)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    LOG_DIR.mkdir(exist_ok=True)
    # served as `make run` serves: the configuration it ships
    conf = subprocess.run(
        [
            "bash",
            str(ROOT / "scripts" / "server_conf.sh"),
            str(tmp_path_factory.mktemp("conf")),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    ).stdout.strip()
    db = os.environ.get("REBOOT_E2E_DB")
    own_db = not db
    if own_db:
        db = f"reboot_e2e_{uuid.uuid4().hex[:8]}"
        _install(db)
    port = free_port()
    log = open(LOG_DIR / "e2e-server.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        odoo_command(
            "-c", conf, "-d", db, f"--db-filter=^{db}$", "--http-interface=127.0.0.1",
            f"--http-port={port}", "--workers=0", "--max-cron-threads=0",
            "--log-level=warn",
        ),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert (
                process.poll() is None
            ), "the Odoo server stopped: .logs/e2e-server.log"
            try:
                if requests.get(url + "/web/login", timeout=5).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the Odoo server did not answer"
            time.sleep(0.5)
        # One static file first: Odoo reads every manifest on the first one it
        # serves, and CPython 3.11.7 fails ("AST constructor recursion depth
        # mismatch") when threads parse at once, as wkhtmltopdf's parallel
        # asset requests would on a cold server.
        requests.get(url + "/web/static/img/favicon.ico", timeout=60)
        server = Server(url, db)
        # the demo's own history ends here: the tests write theirs after it
        server.started_at = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
        server.demo_history_end = max(
            server.client("admin").call(
                "mail.message", "search", [], order="id desc", limit=1
            ),
            default=0,
        )
        yield server
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=60)
        log.close()
        if own_db:
            subprocess.run(["dropdb", "--if-exists", db], check=False)
    # what the users did left no error behind (refusals are warnings)
    errors = [
        line
        for line in (LOG_DIR / "e2e-server.log")
        .read_text(errors="replace")
        .splitlines()
        if re.match(r"^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ", line)
        and not any(expected in line for expected in EXPECTED_ERRORS)
    ]
    assert not errors, "errors in .logs/e2e-server.log:\n" + "\n".join(errors[:20])


@pytest.fixture(scope="module")
def users(server):
    """The demo's roles, each logged in as in real use."""
    return {
        "manager": server.client("responsable"),
        # reads XML ids (ir.model.data is for administrators): a lookup, no action
        "admin": server.client("admin"),
        "technician": server.client("technicien"),
        "mediator": server.client("mediatrice"),
        "officer": server.client("rouen"),
    }
