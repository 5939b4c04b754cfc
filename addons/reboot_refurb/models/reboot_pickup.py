from odoo import models


class RebootPickup(models.Model):
    _inherit = "reboot.pickup"

    def write(self, vals):
        res = super().write(vals)
        if "erasure_policy" in vals:
            # whether the drives came with the devices is part of their proof
            devices = self.env["stock.lot"].search(
                [("reboot_pickup_id", "in", self.ids)]
            )
            devices._reboot_back_to_testing(
                self.env._("the pickup's erasure policy changed")
            )
        return res
