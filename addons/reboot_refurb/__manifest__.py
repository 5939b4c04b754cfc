{
    "name": "Reboot Ecosystème – Atelier",
    "summary": "Refurbishment of donated devices: lifecycle, tests, wipes, grades",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "author": "Reboot Ecosystème",
    "website": "https://github.com/reboot-ecosysteme/odoo-reboot",
    "license": "AGPL-3",
    "depends": ["reboot_collect", "repair", "hr"],
    "external_dependencies": {"python": ["qrcode"]},
    "data": [
        "views/stock_lot_views.xml",
    ],
    "installable": True,
}
