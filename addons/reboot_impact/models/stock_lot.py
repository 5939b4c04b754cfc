from odoo import fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    reboot_sale_price = fields.Float(
        string="Sale price (excl. VAT)",
        compute="_compute_reboot_sale_price",
        groups="reboot_base.group_reboot_manager",
    )
    reboot_margin = fields.Float(
        string="Price minus cost",
        compute="_compute_reboot_sale_price",
        groups="reboot_base.group_reboot_manager",
    )

    def _compute_reboot_sale_price(self):
        lines = self.env["stock.move.line"].search_fetch(
            [
                ("lot_id", "in", self.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
                ("move_id.sale_line_id", "!=", False),
            ],
            ["lot_id", "move_id"],
        )
        price = {
            line.lot_id: line.move_id.sale_line_id.price_reduce_taxexcl
            for line in lines
        }
        for lot in self:
            lot.reboot_sale_price = price.get(lot, 0.0)
            lot.reboot_margin = lot.reboot_sale_price - lot.reboot_cost
