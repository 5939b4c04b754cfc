from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _update_reserved_quantity_vals(
        self,
        need,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=True,
    ):
        move = self
        if self.location_dest_id.usage == "customer":
            move = self.with_context(
                reboot_reserve_for_customer=self.sale_line_id.reboot_grade or "any"
            )
        return super(StockMove, move)._update_reserved_quantity_vals(
            need, location_id, lot_id, package_id, owner_id, strict
        )
