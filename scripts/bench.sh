#!/usr/bin/env bash
# make bench: build a database with the suite (no demo data) and run bench/bench.py.
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
cd "$ROOT"
mkdir -p "$ROOT/.logs"  # a fresh clone has none yet
DB=${BENCH_DB:-reboot_bench}
dropdb --if-exists "$DB"
echo "==> installing the suite into $DB"
odoo -d "$DB" -i "$MODULES" --without-demo=all --stop-after-init --log-level=warn \
    --http-port=8098 >"$ROOT/.logs/bench-install.log" 2>&1
echo "==> running the scenarios (QUICK=${QUICK:-0})"
"$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" shell --addons-path="$ADDONS_PATH" \
    --data-dir="$DATA_DIR" -d "$DB" --log-level=warn --http-port=8098 --no-http <<PY
import sys
sys.path.insert(0, "$ROOT/bench")
import bench
bench.run(env, quick=bool(int("${QUICK:-0}")))
env.cr.rollback()
PY
dropdb --if-exists "$DB"
