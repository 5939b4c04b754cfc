#!/usr/bin/env bash
# Lint the suite without changing any file:
#   ruff check, ruff format --check (ruff.toml) and the mandatory pylint-odoo
#   checks (.pylintrc-mandatory) on addons/reboot_*.
# Uses the project virtualenv's tools (VENV, default .venv, see
# scripts/bootstrap.sh) and puts Odoo (ODOO_PATH, default /opt/odoo18) on
# PYTHONPATH so that pylint-odoo can resolve odoo.* imports.
# Runs every step, then exits 1 if any of them failed.
set -uo pipefail

cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
ODOO_PATH=${ODOO_PATH:-/opt/odoo18}

for tool in ruff pylint; do
    if [ ! -x "$VENV/bin/$tool" ]; then
        echo "lint: $VENV/bin/$tool not found; run scripts/bootstrap.sh first." >&2
        exit 2
    fi
done

rc=0
run() {
    printf '==> %s\n' "$*"
    "$@" || rc=1
}

run "$VENV/bin/ruff" check .
run "$VENV/bin/ruff" format --check .

shopt -s nullglob
addons=(addons/reboot_*/)
shopt -u nullglob
if [ ${#addons[@]} -gt 0 ]; then
    # Colours only on a terminal; plain text in logs and CI.
    format=text
    [ -t 1 ] && format=colorized
    run env PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}" \
        "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory --output-format="$format" \
        "${addons[@]%/}"
else
    echo "==> pylint: no addons/reboot_* yet, skipped"
fi

if [ "$rc" -ne 0 ]; then
    echo "lint: FAILED" >&2
else
    echo "lint: OK"
fi
exit "$rc"
