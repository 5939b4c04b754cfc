from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        lines = self.move_line_ids.filtered(
            lambda ml: ml.lot_id.reboot_device_type_id
            and ml.location_dest_id.usage == "customer"
        )
        # The devices may have changed since they were reserved.
        lines._check_reboot_ready_for_customer()
        res = super()._action_done()
        today = fields.Date.context_today(self)
        for picking in self:
            delivered = lines.filtered(
                lambda ml, p=picking: ml.picking_id == p and ml.state == "done"
            ).lot_id
            if delivered:
                commune = picking.partner_id.commercial_partner_id
                delivered._reboot_set_state(
                    "sold",
                    reboot_commune_id=commune.id if commune.is_commune else False,
                    reboot_sale_date=today,
                )
        return res
