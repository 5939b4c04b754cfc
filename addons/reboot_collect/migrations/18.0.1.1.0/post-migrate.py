"""18.0.1.1.0: warehouses know their triage location and donor pickups
operation type (a new member company gets both with its warehouse). The main
warehouse takes the ones the suite created at install; any other warehouse
gets its own."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    warehouse = env.ref("stock.warehouse0", raise_if_not_found=False)
    triage = env.ref("reboot_collect.stock_location_triage", raise_if_not_found=False)
    pickups = env.ref(
        "reboot_collect.picking_type_donor_pickup", raise_if_not_found=False
    )
    if warehouse and triage and pickups and not warehouse.reboot_donor_pickup_type_id:
        warehouse.write(
            {
                "reboot_triage_loc_id": triage.id,
                "reboot_donor_pickup_type_id": pickups.id,
            }
        )
    env["stock.warehouse"]._reboot_create_missing_donor_pickups()
