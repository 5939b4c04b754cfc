#!/usr/bin/env bash
# make bench: build a database with the suite (no demo data) and run
# bench/bench.py in it, with the suite's HTTP server up as in real use
# (wkhtmltopdf fetches the reports' assets from it).
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
cd "$ROOT"
mkdir -p "$ROOT/.logs"  # a fresh clone has none yet
DB=${BENCH_DB:-reboot_bench}
PORT=${BENCH_PORT:-8098}
dropdb --if-exists "$DB"
echo "==> installing the suite into $DB"
odoo -d "$DB" -i "$MODULES" --without-demo=all --stop-after-init --log-level=warn \
    --http-port="$PORT" >"$ROOT/.logs/bench-install.log" 2>&1

echo "==> starting its HTTP server on 127.0.0.1:$PORT"
serve_in_background "$PORT" "$ROOT/.logs/bench-server.log" -d "$DB" --log-level=warn

echo "==> running the scenarios (QUICK=${QUICK:-0})"
BENCH_SERVER_URL="http://127.0.0.1:$PORT" \
"$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" shell --addons-path="$ADDONS_PATH" \
    --data-dir="$DATA_DIR" -d "$DB" --log-level=warn --no-http <<PY
import sys
sys.path.insert(0, "$ROOT/bench")
import bench
bench.run(env, quick=bool(int("${QUICK:-0}")))
env.cr.rollback()
PY
stop_server
dropdb --if-exists "$DB"
