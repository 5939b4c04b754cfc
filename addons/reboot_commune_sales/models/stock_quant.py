from odoo import models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    def _get_gather_domain(
        self,
        product_id,
        location_id,
        lot_id=None,
        package_id=None,
        owner_id=None,
        strict=False,
    ):
        domain = super()._get_gather_domain(
            product_id, location_id, lot_id, package_id, owner_id, strict
        )
        # Reserving for a customer: only ready devices, of the grade sold.
        reservation = self.env.context.get("reboot_reserve_for_customer")
        if reservation and product_id.reboot_device_type_id:
            domain = [*domain, ("lot_id.reboot_state", "=", "ready")]
            if reservation != "any":
                domain.append(("lot_id.reboot_grade", "=", reservation))
        return domain
