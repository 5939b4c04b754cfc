#!/usr/bin/env bash
# Lint the suite without changing any file:
#   ruff check, ruff format --check (ruff.toml), vermin and compileall for
#   the supported Pythons (3.10 to 3.12) and the mandatory pylint-odoo checks
#   (.pylintrc-mandatory) on addons/reboot_*.
# Uses the project virtualenv's tools (VENV, default .venv, see
# scripts/bootstrap.sh) and puts Odoo (ODOO_PATH, default /opt/odoo18) on
# PYTHONPATH so that pylint-odoo can resolve odoo.* imports.
# Runs every step, then exits 1 if any of them failed.
set -uo pipefail

cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
ODOO_PATH=${ODOO_PATH:-/opt/odoo18}

for tool in ruff pylint vermin; do
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
# The supported Pythons (README): nothing newer than 3.10 in the code (vermin
# knows which version each syntax, module and member needs), and every file
# compiles under each supported interpreter found on the machine.
run "$VENV/bin/vermin" --no-tips --target=3.10- --violations -q --eval-annotations \
    addons scripts tests bench
for version in 3.10 3.11 3.12; do
    python=$(command -v "python$version" 2>/dev/null)
    if [ -z "$python" ] || ! "$python" -c "" 2>/dev/null; then  # e.g. a pyenv shim
        python=$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/python"$version" \
            2>/dev/null | tail -1)
    fi
    if [ -n "$python" ]; then
        run env PYTHONPYCACHEPREFIX="$(mktemp -d)" "$python" -m compileall -q addons scripts tests bench
    else
        echo "==> python$version not found: not compiled with it"
    fi
done

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
