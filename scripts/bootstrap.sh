#!/usr/bin/env bash
# Prepare this machine to run the suite: Debian packages (as root), Odoo check,
# the project's virtualenv and a running PostgreSQL. Idempotent and quick when
# everything is already there.
set -euo pipefail

ODOO_PATH=${ODOO_PATH:-/opt/odoo18}
VENV=${VENV:-.venv}
PYTHON=${PYTHON:-python3}
# fonts-lato: the reports' font installed for wkhtmltopdf (real, searchable
# text; see reboot_base/static/src/scss/report_fonts.scss)
DEB_PACKAGES="wkhtmltopdf fonts-lato chromium libpq-dev libldap2-dev libsasl2-dev postgresql-client"

say() { printf '==> %s\n' "$*"; }

# 1. Odoo itself is a prerequisite, never vendored.
if [ ! -f "$ODOO_PATH/odoo-bin" ]; then
    cat >&2 <<EOT
Odoo 18.0 was not found at ODOO_PATH=$ODOO_PATH (no odoo-bin there).
Get it once, for example:
    git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git $ODOO_PATH
or point ODOO_PATH at your own Odoo 18.0 checkout:
    make test ODOO_PATH=/path/to/odoo
EOT
    exit 2
fi

# 2. Debian packages the tests need (PDF reports, browser tours, Python builds).
missing=""
for pkg in $DEB_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing Debian packages:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "Missing Debian packages:$missing (install them with apt-get as root)." >&2
        exit 2
    fi
fi

# 3. Python virtualenv: Odoo's requirements (with the pins that no longer build
# fixed) and the project's own; then Odoo itself as a package (editable: the
# checkout at ODOO_PATH stays the code that runs), so that the OCA's
# odoo-addon-* wheels (requirements-oca.txt) install into the same
# virtualenv, where Odoo finds them (site-packages/odoo/addons).
stamp="$VENV/.reboot-requirements"
want=$( (cat "$ODOO_PATH/requirements.txt" requirements.txt requirements-oca.txt; echo "$ODOO_PATH") \
    | sha1sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    [ -x "$VENV/bin/python" ] || { say "creating $VENV"; "$PYTHON" -m venv "$VENV"; }
    fixed=$(mktemp)
    # cbor2 5.4.2 no longer builds with current setuptools; 5.6.x is compatible.
    sed -E 's/^cbor2==5\.4\.2/cbor2==5.6.5/' "$ODOO_PATH/requirements.txt" >"$fixed"
    say "installing Python requirements into $VENV"
    "$VENV/bin/pip" install -q --upgrade pip wheel "setuptools<81"
    "$VENV/bin/pip" install -q -r "$fixed" -r requirements.txt
    rm -f "$fixed"
    say "installing Odoo ($ODOO_PATH) into $VENV as a package, and the OCA addons"
    # Odoo's dependencies are the requirements above (--no-deps: its setup.py
    # lists them unpinned)
    # (setuptools warns at length about its package layout: kept in a log)
    "$VENV/bin/pip" install -q --no-deps -e "$ODOO_PATH" >"$VENV/odoo-install.log" 2>&1 \
        || { cat "$VENV/odoo-install.log" >&2; exit 1; }
    "$VENV/bin/pip" install -q -r requirements-oca.txt
    echo "$want" >"$stamp"
fi

# 4. PostgreSQL must answer.
if ! pg_isready -q 2>/dev/null; then
    say "starting PostgreSQL"
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    fi
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || { echo "PostgreSQL does not answer; start it and retry." >&2; exit 2; }
fi
