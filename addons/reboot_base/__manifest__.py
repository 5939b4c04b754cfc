{
    "name": "Reboot Ecosystème – Base",
    "summary": "The suite's roles, menu, settings, device types and shared tools",
    "version": "18.0.1.0.0",
    "category": "Inventory/Inventory",
    "author": "Reboot Ecosystème",
    "maintainers": ["reboot-ecosysteme"],
    "website": "https://github.com/reboot-ecosysteme/odoo-reboot",
    "license": "AGPL-3",
    "development_status": "Beta",
    "depends": ["stock", "mail", "l10n_fr", "queue_job"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "views/menus.xml",
        "views/reboot_device_type_views.xml",
        "views/reboot_settings_views.xml",
        "views/reboot_job_views.xml",
        "report/report_layouts.xml",
        "wizards/reboot_proof_delete_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "reboot_base/static/src/job_progress/*.js",
        ],
        "web.assets_unit_tests": [
            "reboot_base/static/tests/**/*.test.js",
        ],
        "web.report_assets_common": [
            (
                "replace",
                "web/static/fonts/fonts.scss",
                "reboot_base/static/src/scss/report_fonts.scss",
            ),
        ],
        "reboot_base.report_assets_light": [
            "reboot_base/static/src/scss/report_light.scss",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "installable": True,
}
