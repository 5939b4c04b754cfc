"""Static checks of docker-compose.yml (no Docker needed).

They parse the compose file with PyYAML and check what the Docker set-up
promises: official odoo:18.0 and postgres:16 images, addons mounted read-only
at /mnt/extra-addons, named volumes for the database and the filestore, the
``init`` service that creates the demo database ``reboot`` with all the
addons, and the ``test`` service that runs their tests.
"""

import configparser
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"

# every addon of the repository, so that a new one cannot be forgotten
ADDONS = sorted(
    path.name
    for path in (Path(__file__).resolve().parent.parent / "addons").glob("reboot_*")
)
ODOO_SERVICES = ["odoo", "init", "test"]


# ---------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def compose():
    assert COMPOSE_FILE.is_file(), f"{COMPOSE_FILE} is missing"
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "docker-compose.yml is not a mapping"
    assert isinstance(data.get("services"), dict), "no services: mapping"
    return data


def _service(compose, name):
    services = compose["services"]
    assert name in services, f"service {name!r} missing (have {sorted(services)})"
    return services[name]


def _dockerfile_base_image(service):
    """FROM image of the Dockerfile a service builds, or None."""
    build = service.get("build")
    if build is None:
        return None
    if isinstance(build, str):
        context, dockerfile = build, "Dockerfile"
    else:
        context = build.get("context", ".")
        dockerfile = build.get("dockerfile", "Dockerfile")
    path = (ROOT / context / dockerfile).resolve()
    assert path.is_file(), f"build Dockerfile {path} is missing"
    froms = re.findall(
        r"^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)",
        path.read_text(encoding="utf-8"),
        flags=re.IGNORECASE | re.MULTILINE,
    )
    assert froms, f"{path} has no FROM line"
    return froms[-1]


def _odoo_image(service):
    """The Odoo image a service runs: its base image when it is built."""
    return _dockerfile_base_image(service) or service.get("image")


def _volume_mounts(service):
    """(source, target, read_only) for each volume of a service."""
    mounts = []
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            parts = volume.split(":")
            if len(parts) == 1:  # anonymous volume
                mounts.append((None, parts[0], False))
            else:
                mode = parts[2] if len(parts) > 2 else ""
                mounts.append((parts[0], parts[1], "ro" in mode.split(",")))
        else:
            mounts.append(
                (
                    volume.get("source"),
                    volume.get("target"),
                    bool(volume.get("read_only", False)),
                )
            )
    return mounts


def _named_volume_for(compose, service, target):
    """Name of the top-level named volume mounted at target, asserting it."""
    for source, mount_target, _read_only in _volume_mounts(service):
        if mount_target.rstrip("/") == target:
            assert source, f"{target} is an anonymous volume, not a named one"
            assert not source.startswith(
                (".", "/", "~")
            ), f"{target} is a bind mount of {source}, not a named volume"
            declared = compose.get("volumes") or {}
            assert source in declared, (
                f"volume {source!r} mounted at {target} is not declared "
                f"under the top-level volumes: (have {sorted(declared)})"
            )
            return source
    pytest.fail(f"nothing is mounted at {target}")


def _tokens(command):
    """Shell-like tokens of a compose command (string or list)."""
    if command is None:
        return []
    if isinstance(command, str):
        return shlex.split(command)
    tokens = []
    for part in command:
        part = str(part)
        # an element with spaces is a shell script (bash -c "..."); split it
        tokens.extend(shlex.split(part) if " " in part.strip() else [part])
    return tokens


def _odoo_args(service):
    """Arguments of the (last) odoo invocation in a service's command."""
    tokens = _tokens(service.get("command"))
    starts = [
        i
        for i, token in enumerate(tokens)
        if token == "odoo" or token.endswith(("/odoo", "/odoo-bin"))
    ]
    assert starts, f"command does not run odoo: {tokens}"
    return tokens[starts[-1] + 1 :]


def _option(args, *names):
    """Value of an option given as `-x v`, `--xx v`, `--xx=v` or `-xv`."""
    for i, arg in enumerate(args):
        for name in names:
            if arg == name:
                assert i + 1 < len(args), f"{name} has no value"
                return args[i + 1]
            if name.startswith("--") and arg.startswith(name + "="):
                return arg[len(name) + 1 :]
            if len(name) == 2 and arg.startswith(name) and len(arg) > 2:
                return arg[2:]
    return None


def _csv(value):
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _profiles(service):
    return service.get("profiles") or []


# ------------------------------------------------------------------ images


def test_db_uses_official_postgres_16(compose):
    assert _service(compose, "db").get("image") == "postgres:16"


@pytest.mark.parametrize("name", ODOO_SERVICES)
def test_odoo_services_use_official_odoo_18_image(compose, name):
    assert _odoo_image(_service(compose, name)) == "odoo:18.0"


def test_odoo_dockerfile_adds_pypdf(compose):
    """odoo:18.0 ships PyPDF2 from apt but not pypdf, which the addons use."""
    service = _service(compose, "odoo")
    if "build" not in service:
        pytest.skip("odoo runs the official image unchanged")
    build = service["build"]
    context = build if isinstance(build, str) else build.get("context", ".")
    text = (ROOT / context / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"pip3? install .*pypdf", text), "pypdf is not installed"
    assert re.search(r"pip3? install .*phonenumbers", text), "phonenumbers is missing"


def test_odoo_dockerfile_adds_the_test_dependencies(compose):
    """The "test" service runs every addon test: the importers' fuzzing needs
    hypothesis, the date-bound tests freezegun."""
    build = _service(compose, "odoo").get("build")
    if not build:
        pytest.skip("odoo runs the official image unchanged")
    context = build if isinstance(build, str) else build.get("context", ".")
    text = (ROOT / context / "Dockerfile").read_text(encoding="utf-8")
    for package in ("hypothesis", "freezegun", "factur-x"):
        assert re.search(rf"pip3? install [^\n]*(\\\n[^\n]*)*{package}", text), package


def test_odoo_dockerfile_installs_the_reports_font(compose):
    """wkhtmltopdf writes the reports' text in Lato installed in the image
    (reboot_base/static/src/scss/report_fonts.scss)."""
    build = _service(compose, "odoo").get("build")
    if not build:
        pytest.skip("odoo runs the official image unchanged")
    context = build if isinstance(build, str) else build.get("context", ".")
    text = (ROOT / context / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"apt-get install [^\n]*fonts-lato", text)


# --------------------------------------------------------- mounts, volumes


@pytest.mark.parametrize("name", ODOO_SERVICES)
def test_addons_mounted_read_only_at_extra_addons(compose, name):
    mounts = _volume_mounts(_service(compose, name))
    matching = [m for m in mounts if m[1].rstrip("/") == "/mnt/extra-addons"]
    assert matching, f"{name}: nothing mounted at /mnt/extra-addons"
    source, _target, read_only = matching[0]
    assert source and source.rstrip("/") in (
        "./addons",
        "addons",
    ), f"{name}: /mnt/extra-addons is {source!r}, not ./addons"
    assert read_only, f"{name}: ./addons must be mounted read-only"


def test_db_data_in_named_volume(compose):
    _named_volume_for(compose, _service(compose, "db"), "/var/lib/postgresql/data")


@pytest.mark.parametrize("name", ODOO_SERVICES)
def test_filestore_in_named_volume(compose, name):
    _named_volume_for(compose, _service(compose, name), "/var/lib/odoo")


def test_db_and_filestore_volumes_are_distinct(compose):
    db_volume = _named_volume_for(
        compose, _service(compose, "db"), "/var/lib/postgresql/data"
    )
    odoo_volume = _named_volume_for(compose, _service(compose, "odoo"), "/var/lib/odoo")
    assert db_volume != odoo_volume


# ----------------------------------------------------- database connection


@pytest.mark.parametrize("name", ODOO_SERVICES)
def test_odoo_services_depend_on_db(compose, name):
    depends_on = _service(compose, name).get("depends_on") or []
    assert "db" in depends_on, f"{name} does not depend on db"


@pytest.mark.parametrize("name", ODOO_SERVICES)
def test_odoo_services_reach_db_with_credentials(compose, name):
    environment = _service(compose, name).get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    db_environment = _service(compose, "db").get("environment") or {}
    if isinstance(db_environment, list):
        db_environment = dict(item.split("=", 1) for item in db_environment)
    assert environment.get("HOST") == "db"
    assert environment.get("USER") == db_environment.get("POSTGRES_USER")
    assert environment.get("PASSWORD") == db_environment.get("POSTGRES_PASSWORD")
    assert environment.get("PASSWORD"), "empty database password"


# -------------------------------------------------------------------- web


def test_odoo_exposes_port_8069(compose):
    ports = _service(compose, "odoo").get("ports") or []
    published = set()
    for port in ports:
        if isinstance(port, dict):
            published.add((str(port.get("published")), str(port.get("target"))))
        else:
            host, _, container = str(port).partition("/")[0].rpartition(":")
            published.add((host.rpartition(":")[2] or container, container))
    assert ("8069", "8069") in published, f"8069:8069 not in {ports}"


def test_odoo_listens_on_this_machine_only_by_default(compose):
    """Published on 127.0.0.1 unless REBOOT_BIND opens it on purpose: the
    HTTP port and the websocket's (the production profile's gevent_port)."""
    ports = [str(p) for p in _service(compose, "odoo").get("ports") or []]
    assert ports == [
        "${REBOOT_BIND:-127.0.0.1}:8069:8069",
        "${REBOOT_BIND:-127.0.0.1}:8072:8072",
    ], ports


def test_odoo_image_runs_the_production_profile():
    """The image installs OCA's queue_job (the version make installs) and
    runs with docker/odoo/production.conf: workers, the websocket port,
    queue_job's runner, proxy mode, no database manager."""
    dockerfile = (ROOT / "docker" / "odoo" / "Dockerfile").read_text()
    wanted = (ROOT / "requirements-oca.txt").read_text().split()
    queue_job = next(line for line in wanted if line.startswith("odoo-addon-queue_job"))
    assert queue_job in dockerfile
    assert "COPY production.conf /etc/odoo/odoo.conf" in dockerfile
    conf = configparser.ConfigParser()
    conf.read(ROOT / "docker" / "odoo" / "production.conf")
    options = conf["options"]
    assert int(options["workers"]) >= 2
    assert options["gevent_port"] == "8072"
    assert "queue_job" in options["server_wide_modules"].split(",")
    assert options.getboolean("proxy_mode") is True
    assert options.getboolean("list_db") is False
    assert int(options["limit_memory_hard"]) > int(options["limit_memory_soft"])
    assert conf["queue_job"]["channels"].startswith("root:")


def test_test_service_runs_without_workers(compose):
    """The image's profile has workers; Odoo's tests run in one process."""
    command = " ".join(_service(compose, "test")["command"])
    assert "--workers 0" in command, command


def test_odoo_has_no_database_manager(compose):
    """No anonymous listing, backup, restore or drop of databases over HTTP."""
    command = _service(compose, "odoo")["command"]
    assert "--no-database-list" in command, command


def test_odoo_web_service_starts_without_profile(compose):
    """`docker compose up` must start odoo and db, not the one-shots."""
    assert not _profiles(_service(compose, "odoo"))
    assert not _profiles(_service(compose, "db"))


# ------------------------------------------------------------ init, test


def test_init_is_a_one_shot_in_profile_init(compose):
    service = _service(compose, "init")
    assert "init" in _profiles(service)
    assert "--stop-after-init" in _odoo_args(service)
    assert not service.get("ports"), "init must not publish ports"


def test_init_installs_every_addon_into_reboot(compose):
    args = _odoo_args(_service(compose, "init"))
    assert _option(args, "-d", "--database") == "reboot"
    assert sorted(_csv(_option(args, "-i", "--init"))) == sorted(ADDONS)


def test_test_is_a_one_shot_in_profile_test(compose):
    service = _service(compose, "test")
    assert "test" in _profiles(service)
    assert "--stop-after-init" in _odoo_args(service)
    assert not service.get("ports"), "test must not publish ports"


def test_test_runs_the_tests_of_every_addon(compose):
    args = _odoo_args(_service(compose, "test"))
    assert "--test-enable" in args
    database = _option(args, "-d", "--database")
    assert database and database != "reboot", "tests must not use the demo db"
    assert sorted(_csv(_option(args, "-i", "--init"))) == sorted(ADDONS)
    tags = _csv(_option(args, "--test-tags"))
    assert sorted(tags) == sorted(f"/{addon}" for addon in ADDONS), tags


def test_test_uses_another_http_port(compose):
    args = _odoo_args(_service(compose, "test"))
    port = _option(args, "-p", "--http-port")
    assert port and port != "8069"


@pytest.mark.parametrize("name", ["init", "test"])
def test_databases_are_created_in_france(compose, name):
    """As Odoo's database manager with "France": the French chart of accounts
    and the euro come from the country chosen before accounting is installed."""
    service = _service(compose, name)
    tokens = _tokens(service.get("command"))
    script = "/etc/reboot/french_database.py"
    assert script in tokens, f"{name} does not create its database in France"
    suite = max(i for i, token in enumerate(tokens) if token.endswith("odoo"))
    assert tokens.index(script) < suite, "the country is set after the suite's install"
    mounted = {target: source for source, target, _ro in _volume_mounts(service)}
    assert mounted.get(script) == "./scripts/french_database.py"
    assert (ROOT / "scripts/french_database.py").is_file()
