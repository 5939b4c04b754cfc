from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.reboot_base.demo import demo_env

from .. import demo_loader


class SaleOrder(models.Model):
    _inherit = "sale.order"

    reboot_is_commune = fields.Boolean(
        related="partner_id.commercial_partner_id.is_commune", string="For a commune"
    )
    reboot_commitment_number = fields.Char(
        string="Commitment number",
        help="Engagement number the commune requires on its invoices (Chorus Pro).",
    )
    reboot_wished_date = fields.Date(string="Wished delivery date")
    # a count, not sensitive: computed as superuser, so that Odoo's sales users
    # outside the Reboot groups read their orders as in Odoo
    reboot_allocation_count = fields.Integer(
        compute="_compute_reboot_allocation_count", compute_sudo=True
    )

    def _compute_reboot_allocation_count(self):
        counts = dict(
            self.env["reboot.allocation"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.reboot_allocation_count = counts.get(order, 0)

    def action_confirm(self):
        self._check_reboot_price_caps()
        result = super().action_confirm()
        # the commune signed (or a manager confirmed): the review is over
        self.activity_feedback(
            ["reboot_commune_sales.mail_activity_review_quote_request"],
            feedback=self.env._("The quotation is confirmed."),
        )
        return result

    def _check_reboot_price_caps(self):
        for line in self.filtered("reboot_is_commune").order_line:
            cap = line.reboot_device_type_id.commune_price_cap
            if cap and line.price_reduce_taxexcl > cap:
                raise UserError(
                    self.env._(
                        "%(product)s is quoted %(price).2f excl. VAT, above the cap of "
                        "%(cap).2f for communes.",
                        product=line.product_id.display_name,
                        price=line.price_reduce_taxexcl,
                        cap=cap,
                    )
                )

    def _prepare_invoice(self):
        values = super()._prepare_invoice()
        commune = self.partner_invoice_id.commercial_partner_id
        if commune.is_commune:
            values.update(
                {
                    # Chorus Pro routes the Factur-X with Odoo's own fields
                    # (BT-10 service code, BT-13 engagement number)
                    "buyer_reference": commune.chorus_service_code or False,
                    "purchase_order_reference": self.reboot_commitment_number or False,
                }
            )
        return values

    @api.model
    def _reboot_create_quote_request(
        self, officer, quantities, comment, wished_date, commitment_number=False
    ):
        """Draft quotation of the officer's commune from the portal catalogue.

        `quantities`: {(device type, grade): qty}; `commitment_number`: the
        engagement number the commune's invoice must carry in Chorus Pro.
        Returns the order (sudo)."""
        commune = officer.commercial_partner_id
        pricelist = self.env.ref(
            "reboot_commune_sales.pricelist_communes", raise_if_not_found=False
        )
        # officers create no order themselves: the quotation is written as
        # superuser for the officer's own commune, with the communes' prices
        order = self.sudo().create(
            {
                "partner_id": officer.id,
                "partner_invoice_id": commune.id,
                "partner_shipping_id": commune.id,
                # the commune's salesperson, if it has one (not the superuser
                # who writes the request)
                "user_id": commune.user_id.id or False,
                "pricelist_id": pricelist.id if pricelist else False,
                "reboot_wished_date": wished_date or False,
                "reboot_commitment_number": commitment_number or False,
                "note": comment or False,
                # A public body signs, then pays the invoice after delivery
                # (rule of "service fait"): never an online prepayment.
                "require_signature": True,
                "require_payment": False,
                "order_line": [
                    fields.Command.create(
                        {
                            "product_id": device_type.product_id.id,
                            "reboot_grade": grade,
                            "product_uom_qty": qty,
                        }
                    )
                    for (device_type, grade), qty in quantities.items()
                ],
            }
        )
        order.message_subscribe(partner_ids=officer.ids)
        for manager in order.company_id._reboot_managers():
            order.activity_schedule(
                "reboot_commune_sales.mail_activity_review_quote_request",
                summary=self.env._(
                    "Review the quote request of %(commune)s", commune=commune.name
                ),
                user_id=manager.id,
            )
        return order

    @api.model
    def _reboot_load_demo(self):
        """The demo quotes and orders in every state (called by the demo data)."""
        return demo_loader.load_demo(demo_env(self.env))
