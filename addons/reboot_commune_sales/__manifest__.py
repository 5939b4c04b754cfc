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
        "security/security.xml",
        "security/ir.model.access.csv",
        "data/sale_data.xml",
        "data/stock_data.xml",
        "report/reboot_agec_reports.xml",
        "views/res_partner_views.xml",
        "views/reboot_allocation_views.xml",
        "views/sale_order_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/reboot_commune_sales_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "reboot_commune_sales/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
