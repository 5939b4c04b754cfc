from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    reboot_pickup_line_id = fields.Many2one(
        "reboot.pickup.line", string="Pickup line", index="btree_not_null", copy=False
    )
