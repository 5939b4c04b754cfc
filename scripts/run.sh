#!/usr/bin/env bash
# Serve the demo database (created with the whole suite and its demo data if missing).
set -euo pipefail
source "$(dirname "$0")/odoo_env.sh"
DB=${DB:-reboot}
PORT=${PORT:-8069}
if ! psql -lqt | cut -d'|' -f1 | grep -qw "$DB"; then
    echo "==> creating database $DB in France (French, euro, French books) with $MODULES and demo data"
    new_french_db "$DB" --log-level=warn
    odoo -d "$DB" -i "$MODULES" --stop-after-init --log-level=warn
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
# --load: queue_job's runner starts with the server and runs the background
# jobs (large documents and imports); the production profile is
# docker/odoo/production.conf (docs/PRODUCTION.md)
exec_odoo() {
    odoo -c "$conf" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" \
        --load=base,web,queue_job \
        --http-interface="${HTTP_INTERFACE:-127.0.0.1}" "$@"
}
exec_odoo
