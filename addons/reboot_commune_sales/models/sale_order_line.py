from odoo import api, fields, models

from odoo.addons.reboot_refurb.models.stock_lot import REBOOT_GRADES


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    reboot_grade = fields.Selection(REBOOT_GRADES, string="Grade")
    reboot_device_type_id = fields.Many2one(related="product_id.reboot_device_type_id")

    @api.depends("product_id", "product_uom", "product_uom_qty", "reboot_grade")
    def _compute_pricelist_item_id(self):  # pylint: disable=missing-return
        # The grade chooses the pricelist rule: compute each grade's lines apart.
        for grade in set(self.mapped("reboot_grade")):
            lines = self.filtered(lambda line, grade=grade: line.reboot_grade == grade)
            super(
                SaleOrderLine, lines.with_context(reboot_grade=grade)
            )._compute_pricelist_item_id()

    @api.depends("reboot_grade")
    def _compute_price_unit(self):
        return super()._compute_price_unit()
