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
