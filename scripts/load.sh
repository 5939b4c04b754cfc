#!/usr/bin/env bash
# make load: the production profile (docker/odoo/production.conf: 4 workers,
# websocket port, queue_job's runner, limits) under concurrent users, on
# loopback only and bounded in time (LOAD_SECONDS, 60) and in requests
# (LOAD_MAX_REQUESTS, 50000). Its own database: the suite without demo data,
# LOAD_DEVICES (10000) ready devices, LOAD_COMMUNES (20) communes with an
# officer each, LOAD_MANAGERS (2) managers (bench/load_data.py); then
# bench/load.py. Exits non-zero on any error.
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
cd "$ROOT"
mkdir -p "$ROOT/.logs"
DB=${LOAD_DB:-reboot_load}
PORT=${LOAD_PORT:-8099}
GEVENT_PORT=${LOAD_GEVENT_PORT:-8199}
export LOAD_USERS="$ROOT/.logs/load-users.json"
dropdb --if-exists "$DB"
echo "==> installing the suite into $DB"
odoo -d "$DB" -i "$MODULES" --without-demo=all --stop-after-init --log-level=warn \
    --http-port="$PORT" >"$ROOT/.logs/load-install.log" 2>&1
echo "==> load data"
"$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" shell --addons-path="$ADDONS_PATH" \
    --data-dir="$DATA_DIR" -d "$DB" --log-level=warn --no-http <<PY
import sys
sys.path.insert(0, "$ROOT/bench")
import load_data
load_data.prepare(env)
PY

echo "==> the production profile on 127.0.0.1:$PORT (websocket $GEVENT_PORT)"
serve_in_background "$PORT" "$ROOT/.logs/load-server.log" \
    -c "$ROOT/docker/odoo/production.conf" -d "$DB" --db-filter="^$DB\$" \
    --gevent-port="$GEVENT_PORT" --log-level=warn
echo "==> load"
status=0
LOAD_URL="http://127.0.0.1:$PORT" "$ROOT/$VENV/bin/python" "$ROOT/bench/load.py" || status=$?
stop_server
if grep -E "Traceback|CRITICAL" "$ROOT/.logs/load-server.log" >/dev/null; then
    echo "the server logged errors (.logs/load-server.log)" >&2
    status=1
fi
dropdb --if-exists "$DB"
exit $status
