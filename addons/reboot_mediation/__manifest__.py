{
    "name": "Reboot Ecosystème – Médiation numérique",
    "summary": "Digital-mediation workshops for beneficiaries of refurbished devices",
    "version": "18.0.1.0.0",
    "category": "Marketing/Events",
    "author": "Reboot Ecosystème",
    "website": "https://github.com/reboot-ecosysteme/odoo-reboot",
    "license": "AGPL-3",
    "depends": ["reboot_commune_sales", "event"],
    "data": [
        "security/security.xml",
        "data/event_type_data.xml",
        "views/event_event_views.xml",
    ],
    "installable": True,
}
