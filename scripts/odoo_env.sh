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
