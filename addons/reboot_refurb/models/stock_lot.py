from odoo import api, fields, models

REBOOT_STATES = [
    ("intake", "Intake"),
    ("testing", "Testing"),
    ("wiped", "Wiped"),
    ("ready", "Ready"),
    ("sold", "Sold"),
    ("allocated", "Allocated"),
    ("parts", "Parts"),
    ("recycled", "Recycled"),
]


class StockLot(models.Model):
    _inherit = "stock.lot"

    reboot_device_type_id = fields.Many2one(
        "reboot.device.type",
        string="Device type",
        compute="_compute_reboot_device_type_id",
        store=True,
        index="btree_not_null",
    )
    reboot_state = fields.Selection(
        REBOOT_STATES,
        string="Refurbishment state",
        default="intake",
        required=True,
        tracking=True,
        group_expand=True,
        index=True,
    )

    @api.depends("product_id")
    def _compute_reboot_device_type_id(self):
        types = self.env["reboot.device.type"].search(
            [("product_id", "in", self.product_id.ids)]
        )
        type_by_product = {device_type.product_id: device_type for device_type in types}
        for lot in self:
            lot.reboot_device_type_id = type_by_product.get(lot.product_id, False)
