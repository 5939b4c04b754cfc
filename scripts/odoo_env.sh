# Shared settings of the scripts that start Odoo (sourced, not run).
ODOO_PATH=${ODOO_PATH:-/opt/odoo18}
VENV=${VENV:-.venv}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULES=$(cd "$ROOT/addons" && ls -d reboot_* | paste -sd, -)
ADDONS_PATH="$ODOO_PATH/addons,$ODOO_PATH/odoo/addons,$ROOT/addons"
DATA_DIR="$ROOT/.data"
odoo() {
    "$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" --addons-path="$ADDONS_PATH" \
        --data-dir="$DATA_DIR" "$@"
}
# A new database as Odoo's database manager creates it for an organisation in
# France (scripts/french_database.py): pass --without-demo=all for no demo data.
new_french_db() {  # DB [odoo options for the base install...]
    local db=$1
    shift
    odoo -d "$db" -i base --stop-after-init "$@" || return
    "$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" shell --addons-path="$ADDONS_PATH" \
        --data-dir="$DATA_DIR" -d "$db" --no-http --log-level=warn \
        <"$ROOT/scripts/french_database.py"
}
# The suite's HTTP server on 127.0.0.1:PORT in the background, its output in
# LOG, stopped when the script exits (or by stop_server); returns once it
# answers, or fails after two minutes.
serve_in_background() {  # PORT LOG [odoo options...]
    local port=$1 log=$2
    shift 2
    # odoo-bin itself (not the odoo function) in the background: $! is the server
    "$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" --addons-path="$ADDONS_PATH" \
        --data-dir="$DATA_DIR" --http-interface=127.0.0.1 --http-port="$port" "$@" \
        >"$log" 2>&1 &
    SERVER=$!
    trap stop_server EXIT
    "$ROOT/$VENV/bin/python" - "$port" "$log" <<'PY'
import sys, time, urllib.request
deadline = time.monotonic() + 120
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/web/login", timeout=5)
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit(f"the server did not start ({sys.argv[2]})")
        time.sleep(1)
PY
}
stop_server() { kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null || true; }
