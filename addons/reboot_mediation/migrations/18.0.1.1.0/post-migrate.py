"""18.0.1.1.0: every participant of a workshop gets its anonymous reference
(the attendance sheet shows it instead of a raw identifier)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["event.registration"].with_context(active_test=False).search(
        [
            ("event_id.is_mediation_workshop", "=", True),
            ("reboot_reference", "=", False),
        ],
        order="id",
    )._reboot_assign_references()
