#!/usr/bin/env bash
# Serve the demo database (created with the whole suite and its demo data if missing).
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
DB=${DB:-reboot}
PORT=${PORT:-8069}
if ! psql -lqt | cut -d'|' -f1 | grep -qw "$DB"; then
    echo "==> creating database $DB with $MODULES and demo data"
    odoo -d "$DB" -i "$MODULES" --stop-after-init --load-language=fr_FR \
        --log-level=warn
    # The database's own company is the consortium's carrier (the demo names
    # only its own records).
    "$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" shell --addons-path="$ADDONS_PATH" \
        --data-dir="$DATA_DIR" -d "$DB" --no-http --log-level=warn <<'PY'
env.ref("base.main_company").write({
    "name": "Réseau Grain",
    "street": "12 rue du Fab-Lab",
    "zip": "76000",
    "city": "Rouen",
    "country_id": env.ref("base.fr").id,
})
env.cr.commit()
PY
fi
cat <<EOT
==> http://localhost:$PORT  (database $DB)
Demo logins (login / password):
  responsable  / responsable  manager and accountant (back office)
  admin        / admin        Odoo administrator (all rights)
  technicien   / technicien   workshop technician
  chauffeur    / chauffeur    driver (technician)
  mediatrice   / mediatrice   digital mediator
  donateur     / donateur     donor contact, Métropole Rouen Normandie (portal)
  rouen        / rouen        procurement officer of Rouen (portal)
  petit-quevilly, sotteville, grand-quevilly (password = login): other communes
EOT
# The shipped configuration: a master password of its own, no database manager.
conf=$("$ROOT/scripts/server_conf.sh" "$DATA_DIR")
echo "==> configuration $conf (database manager off; HTTP on ${HTTP_INTERFACE:-127.0.0.1})"
exec_odoo() {
    odoo -c "$conf" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" \
        --http-interface="${HTTP_INTERFACE:-127.0.0.1}" "$@"
}
exec_odoo
