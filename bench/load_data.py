"""make load, step 1 (inside odoo-bin shell): what the load test needs in its
database: ready devices, communes with an officer each and orders of their
own (Odoo's /my/orders has something to list), managers. Logins and passwords
are written to the file named by LOAD_USERS (JSON)."""

import json
import os
import random
import sys

from odoo import Command

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

DEVICES = int(os.environ.get("LOAD_DEVICES", "10000"))
COMMUNES = int(os.environ.get("LOAD_COMMUNES", "20"))
MANAGERS = int(os.environ.get("LOAD_MANAGERS", "2"))
ORDERS_PER_COMMUNE = 5


def prepare(env):
    random.seed(20261206)
    types = [
        env.ref("reboot_collect.device_type_laptop"),
        env.ref("reboot_collect.device_type_desktop"),
        env.ref("reboot_collect.device_type_monitor"),
    ]
    for index, device_type in enumerate(types):
        for grade in ("a", "b", "c"):
            share = DEVICES // (len(types) * 3) + (1 if index == 0 else 0)
            bench.bulk_ready_devices(env, device_type, share, grade=grade)
    pricelist = env.ref("reboot_commune_sales.pricelist_communes")
    users = {"officers": [], "managers": []}
    portal = env.ref("base.group_portal")
    for n in range(1, COMMUNES + 1):
        commune = env["res.partner"].create(
            {
                "name": f"Commune de charge {n}",
                "is_company": True,
                "is_commune": True,
                "insee_code": f"76{n:03}",
                "property_product_pricelist": pricelist.id,
            }
        )
        login = f"load-officer-{n}"
        officer = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": f"Agent {n}",
                    "login": login,
                    "password": login,
                    "email": f"{login}@example.com",
                    "parent_id": commune.id,
                    "groups_id": [Command.set(portal.ids)],
                }
            )
        )
        for _order in range(ORDERS_PER_COMMUNE):
            env["sale.order"]._reboot_create_quote_request(
                officer.partner_id,
                {(random.choice(types), "b"): 1},
                "Commande du test de charge",
                False,
            )
        users["officers"].append({"login": login, "password": login})
    for n in range(1, MANAGERS + 1):
        login = f"load-manager-{n}"
        env["res.users"].with_context(no_reset_password=True).create(
            {
                "name": f"Responsable {n}",
                "login": login,
                "password": login,
                "groups_id": [
                    Command.set(
                        [
                            env.ref("base.group_user").id,
                            env.ref("reboot_base.group_reboot_manager").id,
                        ]
                    )
                ],
            }
        )
        users["managers"].append({"login": login, "password": login})
    orders = env["sale.order"].search([("partner_id.parent_id.is_commune", "=", True)])
    orders.action_confirm()  # Odoo's /my/orders lists confirmed orders
    env.cr.commit()
    with open(os.environ["LOAD_USERS"], "w") as file:
        json.dump(users, file)
    ready = env["stock.lot"].search_count([("reboot_state", "=", "ready")])
    print(
        f"load data: {ready} ready devices, {COMMUNES} communes, {len(orders)} orders"
    )
