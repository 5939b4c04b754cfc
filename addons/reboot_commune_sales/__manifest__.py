{
    "name": "Reboot Ecosystème – Communes",
    "summary": "Communes order refurbished devices in the portal and allocate them",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "Reboot Ecosystème",
    "website": "https://github.com/reboot-ecosysteme/odoo-reboot",
    "license": "AGPL-3",
    "depends": ["reboot_refurb", "sale_stock", "sale_management", "portal"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "views/res_partner_views.xml",
    ],
    "installable": True,
}
