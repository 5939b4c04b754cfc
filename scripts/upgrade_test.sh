#!/usr/bin/env bash
# make upgrade-test: a database built by the previous release of the suite
# (with its demo data) upgrades to this checkout with `-u all`, runs its
# migration scripts and loses nothing: the same devices in the same states,
# wipes, test results, pickups, allocations, orders, invoices, tax receipts,
# workshops and registrations (with their attendance) before and after, and no
# value left that the new code does not know.
#
# PREVIOUS_RELEASES are commits of this repository's history (the releases
# that landed and that databases may still run: the first one, 18.0.1.0, and
# the last); the check needs a clone with that history (not --depth 1).
set -uo pipefail
source "$(dirname "$0")/odoo_env.sh"
cd "$ROOT"

PREVIOUS_RELEASES=${PREVIOUS_RELEASES:-"5ce687e042a761ce11b22bb1c92884684270443a 40b033a2f7ff8dedeb9df9a35385437be7ce0c31"}
RUN_ID=${RUN_ID:-$$}
DB="reboot_upgrade_${RUN_ID}"
LOG_DIR="$ROOT/.logs"
mkdir -p "$LOG_DIR"
OLD=""

cleanup() {
    dropdb --if-exists "$DB" 2>/dev/null
    rm -rf "$DATA_DIR/filestore/$DB"
    if [ -n "$OLD" ]; then
        git worktree remove --force "$OLD" 2>/dev/null || rm -rf "$OLD"
    fi
}
trap cleanup EXIT
free_port() {
    "$ROOT/$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
log_errors() { grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$1"; }

# Every stored selection value is one the new code knows (Odoo would show
# an unknown value as empty, and the exports would drop it).
UNKNOWN_VALUES_PY=$(cat <<'PY'
unknown = []
for model in env.values():
    if model._abstract or not model._auto:
        continue
    for name, field in model._fields.items():
        if (
            field.type != "selection"
            or not field.store
            or not isinstance(field.selection, list)
            or not (field._module or "").startswith("reboot_")
        ):
            continue
        known = {value for value, _label in field.selection}
        env.cr.execute(
            f'SELECT DISTINCT "{name}" FROM "{model._table}" WHERE "{name}" IS NOT NULL'
        )
        unknown += [
            f"{model._name}.{name}={value}"
            for (value,) in env.cr.fetchall()
            if value not in known
        ]
print("UNKNOWN:" + " ".join(unknown))
PY
)

upgrade_from() {
    local PREVIOUS_RELEASE=$1
    cleanup
    OLD=$(mktemp -d)
    if ! git cat-file -e "${PREVIOUS_RELEASE}^{commit}" 2>/dev/null; then
        echo "upgrade-test: the previous release $PREVIOUS_RELEASE is not in this clone's history" \
            "(clone without --depth, or set PREVIOUS_RELEASE)" >&2
        return 1
    fi
    git worktree add --detach --force "$OLD" "$PREVIOUS_RELEASE" >/dev/null 2>&1 || {
        echo "upgrade-test: cannot check out $PREVIOUS_RELEASE" >&2
        return 1
    }
    OLD_MODULES=$(cd "$OLD/addons" && ls -d reboot_* | paste -sd, -)

    echo "==> building the previous release ${PREVIOUS_RELEASE:0:7} ($OLD_MODULES) in $DB"
    "$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" \
        --addons-path="$ODOO_PATH/addons,$ODOO_PATH/odoo/addons,$OLD/addons" \
        --data-dir="$DATA_DIR" -d "$DB" -i "$OLD_MODULES" --stop-after-init \
        --http-port="$(free_port)" --log-level=warn >"$LOG_DIR/upgrade-old.log" 2>&1
    if [ $? -ne 0 ] || log_errors "$LOG_DIR/upgrade-old.log" >/dev/null; then
        log_errors "$LOG_DIR/upgrade-old.log" | head -20
        echo "upgrade-test: the previous release does not install (see .logs/upgrade-old.log)" >&2
        return 1
    fi

    # What must survive, as rows "what|count"; a state or an attendance that
    # changes shows up as a difference. Invoices: those of the old database
    # (modules new to it may bring their own demo invoices, e.g. the French
    # localisation's demo company).
    OLD_MOVES=$(psql -X -q -At -d "$DB" -c "SELECT coalesce(max(id), 0) FROM account_move")
    COUNTS="
    SELECT 'devices ' || coalesce(reboot_state, '-'), count(*) FROM stock_lot GROUP BY 1
    UNION ALL SELECT 'wipes ' || result, count(*) FROM reboot_wipe GROUP BY 1
    UNION ALL SELECT 'test results ' || coalesce(result, '-'), count(*) FROM reboot_test_result GROUP BY 1
    UNION ALL SELECT 'pickups ' || state, count(*) FROM reboot_pickup GROUP BY 1
    UNION ALL SELECT 'pickup lines', count(*) FROM reboot_pickup_line
    UNION ALL SELECT 'allocations', count(*) FROM reboot_allocation
    UNION ALL SELECT 'tax receipts ' || state, count(*) FROM reboot_tax_receipt GROUP BY 1
    UNION ALL SELECT 'sale orders ' || state, count(*) FROM sale_order GROUP BY 1
    UNION ALL SELECT 'invoices ' || state, count(*) FROM account_move
        WHERE id <= $OLD_MOVES GROUP BY 1
    UNION ALL SELECT 'invoices with service code ' || code, count(*)
        FROM (SELECT coalesce(to_jsonb(m)->>'buyer_reference',
            to_jsonb(m)->>'reboot_chorus_service_code') code FROM account_move m) c
        WHERE code != '' GROUP BY 1
    UNION ALL SELECT 'invoices with engagement ' || engagement, count(*)
        FROM (SELECT coalesce(to_jsonb(m)->>'purchase_order_reference',
            to_jsonb(m)->>'reboot_commitment_number') engagement FROM account_move m) e
        WHERE engagement != '' GROUP BY 1
    UNION ALL SELECT 'serial move lines', count(*) FROM stock_move_line WHERE lot_id IS NOT NULL
    UNION ALL SELECT 'workshops', count(*) FROM event_event WHERE is_mediation_workshop
    UNION ALL SELECT 'registrations ' || state || ' autonomy ' || (reboot_autonomy IS NOT NULL),
        count(*) FROM event_registration GROUP BY 1
    UNION ALL SELECT 'themes of workshops', count(*) FROM event_event_reboot_mediation_theme_rel
    UNION ALL SELECT 'device types ' || code || ' active ' || active, count(*)
        FROM reboot_device_type GROUP BY 1
    UNION ALL SELECT 'members of ' || data.name, count(*) FROM ir_model_data data
        JOIN res_groups_users_rel member ON member.gid = data.res_id
        WHERE data.model = 'res.groups' AND data.name LIKE 'group\_reboot\_%' GROUP BY 1
    ORDER BY 1"
    counts() { psql -X -q -At -d "$DB" -c "$COUNTS"; }
    counts >"$LOG_DIR/upgrade-before.txt" || return 1

    echo "==> upgrading $DB to this checkout (-u all)"
    odoo -d "$DB" -u all --stop-after-init --http-port="$(free_port)" --log-level=warn \
        >"$LOG_DIR/upgrade.log" 2>&1
    if [ $? -ne 0 ] || log_errors "$LOG_DIR/upgrade.log" >/dev/null; then
        log_errors "$LOG_DIR/upgrade.log" | head -20
        echo "upgrade-test: the upgrade failed (see .logs/upgrade.log)" >&2
        return 1
    fi
    counts >"$LOG_DIR/upgrade-after.txt" || return 1
    if ! diff -u "$LOG_DIR/upgrade-before.txt" "$LOG_DIR/upgrade-after.txt"; then
        echo "upgrade-test: records changed across the upgrade (above: - before, + after)" >&2
        return 1
    fi

    UNKNOWN=$("$ROOT/$VENV/bin/python" "$ODOO_PATH/odoo-bin" shell --addons-path="$ADDONS_PATH" \
        --data-dir="$DATA_DIR" -d "$DB" --no-http --log-level=warn 2>"$LOG_DIR/upgrade-shell.log" <<<"$UNKNOWN_VALUES_PY"
    )
    UNKNOWN=$(echo "$UNKNOWN" | grep '^UNKNOWN:' | cut -d: -f2-)
    if [ -n "${UNKNOWN// /}" ]; then
        echo "upgrade-test: values the new code does not know:$UNKNOWN" >&2
        return 1
    fi
    echo "    $(wc -l <"$LOG_DIR/upgrade-after.txt") counts identical after the upgrade from ${PREVIOUS_RELEASE:0:7}; every selection value known"
}

for release in $PREVIOUS_RELEASES; do
    upgrade_from "$release" || exit 1
done
