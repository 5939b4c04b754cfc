{
    "name": "Reboot Ecosystème – Impact",
    "summary": "Prove the outcomes: funnel, CO2 avoided, funder and donor reports",
    "version": "18.0.1.0.0",
    "category": "Reporting",
    "author": "Reboot Ecosystème",
    "website": "https://github.com/reboot-ecosysteme/odoo-reboot",
    "license": "AGPL-3",
    "depends": [
        "reboot_collect",
        "reboot_refurb",
        "reboot_commune_sales",
        "reboot_mediation",
    ],
    "external_dependencies": {"python": ["xlsxwriter", "pypdf"]},
    "data": [
        "views/reboot_device_type_views.xml",
    ],
    "installable": True,
}
