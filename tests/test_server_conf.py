"""The configuration `make run` serves with (scripts/server_conf.sh)."""

import configparser
import stat
import subprocess
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "server_conf.sh"


def write_conf(directory):
    out = subprocess.run(
        ["bash", str(SCRIPT), str(directory)],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return Path(out.stdout.strip())


def test_first_run_writes_a_private_config_without_database_manager(tmp_path):
    conf = write_conf(tmp_path / "data")
    assert conf == tmp_path / "data" / "odoo.conf"
    assert stat.S_IMODE(conf.stat().st_mode) == 0o600, "readable by its owner only"
    options = configparser.ConfigParser()
    options.read(conf)
    assert options["options"]["list_db"] == "False"
    password = options["options"]["admin_passwd"]
    assert len(password) >= 32 and password != "admin"
    # a second machine gets another password
    other = configparser.ConfigParser()
    other.read(write_conf(tmp_path / "other"))
    assert other["options"]["admin_passwd"] != password


def test_an_existing_config_is_kept(tmp_path):
    conf = write_conf(tmp_path)
    conf.write_text("[options]\nadmin_passwd = mine\nlist_db = False\n")
    assert write_conf(tmp_path) == conf
    assert "admin_passwd = mine" in conf.read_text()


def test_data_dir_is_not_committed():
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".data/odoo.conf"], cwd=ROOT, timeout=30
    )
    assert ignored.returncode == 0, ".data/ must stay out of git"


def test_no_anonymous_database_dump(server):
    """The attack of issue #16: an anonymous POST with any master password
    used to set that password and download the whole database."""
    session = requests.Session()
    response = session.post(
        server.url + "/web/database/backup",
        data={"master_pwd": "pwned", "name": server.db, "backup_format": "zip"},
        timeout=60,
    )
    assert "octet-stream" not in response.headers.get("Content-Type", "")
    assert not response.content.startswith(b"PK"), "a zip came back"
    listing = session.post(
        server.url + "/web/database/list",
        json={"jsonrpc": "2.0", "method": "call", "params": {}, "id": 1},
        timeout=60,
    ).json()
    assert "error" in listing and server.db not in str(listing.get("result"))
