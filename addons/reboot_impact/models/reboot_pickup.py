from odoo import models


class RebootPickup(models.Model):
    _inherit = "reboot.pickup"

    def _reboot_reuse_rows(self):
        """Each serial received on this pickup and its fate (décret 2023-266)."""
        self.ensure_one()
        lots = self.env["stock.lot"].search(
            [("reboot_pickup_id", "=", self.id)], order="name"
        )
        states = dict(lots._fields["reboot_state"]._description_selection(self.env))
        kinds = dict(
            self.env["reboot.allocation"]
            ._fields["beneficiary_type"]
            ._description_selection(self.env)
        )
        return [
            {
                "serial": lot.name,
                "type": lot.reboot_device_type_id.name,
                "fate": states.get(lot.reboot_state, ""),
                "commune": lot.reboot_commune_id.name or "",
                "beneficiary": kinds.get(lot.reboot_allocation_id.beneficiary_type, "")
                if lot.reboot_allocation_id
                else "",
                "reused": lot.reboot_state in ("sold", "allocated"),
            }
            for lot in lots
        ]
