from odoo import fields, models

from odoo.addons.reboot_refurb.models.stock_lot import REBOOT_GRADES


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    reboot_grade = fields.Selection(
        REBOOT_GRADES,
        string="Grade",
        help="Price of refurbished devices of this grade only.",
    )

    def _is_applicable_for(self, product, qty_in_product_uom):
        # The grade of the device is part of the offer: a graded rule applies
        # only to a line of that grade (given in the context).
        if self.reboot_grade and self.reboot_grade != self.env.context.get(
            "reboot_grade"
        ):
            return False
        return super()._is_applicable_for(product, qty_in_product_uom)
