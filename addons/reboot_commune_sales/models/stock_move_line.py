from odoo import api, models
from odoo.exceptions import ValidationError


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._reboot_lock_devices()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if "lot_id" in vals or "location_dest_id" in vals:
            self._reboot_lock_devices()
        return res

    @api.constrains("lot_id", "location_dest_id", "state")
    def _check_reboot_ready_for_customer(self):
        """Only ready devices go to a customer, whatever the path (reservation,
        manual entry, import, RPC)."""
        lines = self.filtered(
            lambda ml: ml.state != "done"
            and ml.lot_id.reboot_device_type_id
            and ml.location_dest_id.usage == "customer"
            and ml.lot_id.reboot_state != "ready"
        )
        if lines:
            raise ValidationError(
                self.env._(
                    "Only ready devices can be delivered: %(devices)s.",
                    devices=", ".join(
                        f"{ml.lot_id.name} ({ml.lot_id.reboot_state})" for ml in lines
                    ),
                )
            )

    def _reboot_lock_devices(self):
        """Hold the devices put on a customer delivery until the transaction ends.

        Odoo's quant reservation skips locked quants and may reserve the same
        serial twice in concurrent transactions; locking and touching the lot
        row makes the second transaction fail (and be retried by Odoo), so a
        serial is never promised to two communes."""
        lots = self.filtered(
            lambda ml: ml.lot_id.reboot_device_type_id
            and ml.location_dest_id.usage == "customer"
        ).lot_id
        if lots:
            ids = tuple(lots.ids)
            self.env.cr.execute(
                "SELECT id FROM stock_lot WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                [ids],
            )
            self.env.cr.execute(
                "UPDATE stock_lot SET write_date = (now() AT TIME ZONE 'UTC') "
                "WHERE id IN %s",
                [ids],
            )
