from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    reboot_device_type_ids = fields.One2many(
        "reboot.device.type", "product_id", string="Device types"
    )
    # The one source of "is this a donated device?": the suite's rules apply to
    # the serials of such products only, every other product is Odoo's.
    reboot_device_type_id = fields.Many2one(
        "reboot.device.type",
        string="Device type",
        compute="_compute_reboot_device_type_id",
        store=True,
        index="btree_not_null",
    )

    @api.depends("reboot_device_type_ids")
    def _compute_reboot_device_type_id(self):
        for product in self:
            product.reboot_device_type_id = product.reboot_device_type_ids[:1]
