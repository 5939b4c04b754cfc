from odoo import api, fields, models

from odoo.addons.reboot_refurb.models.stock_lot import WORKFLOW_FIELDS


class StockLot(models.Model):
    _inherit = "stock.lot"

    reboot_commune_id = fields.Many2one(
        "res.partner",
        string="Commune",
        readonly=True,
        index="btree_not_null",
        tracking=True,
        help="The commune the device was delivered to.",
    )
    reboot_sale_date = fields.Date(string="Delivered on", readonly=True)
    reboot_allocation_id = fields.Many2one(
        "reboot.allocation", string="Allocation", readonly=True
    )

    def _reboot_workflow_fields(self):
        # the commune a device was sold to, and to whom it was handed
        return WORKFLOW_FIELDS | {
            "reboot_commune_id",
            "reboot_sale_date",
            "reboot_allocation_id",
        }

    def write(self, vals):
        # A device that is no longer ready leaves the deliveries that reserved
        # it; they reserve another ready device if there is one.
        moves = self.env["stock.move"]
        if vals.get("reboot_state") not in (None, "ready", "sold", "allocated"):
            moves = self.filtered(
                lambda lot: lot.reboot_state == "ready"
            )._reboot_unreserve()
        res = super().write(vals)
        if moves:
            moves._action_assign()
        return res

    def _reboot_unreserve(self):
        """Drop the customer reservations of these devices; return their moves."""
        lines = self.env["stock.move.line"].search(
            [
                ("lot_id", "in", self.ids),
                ("state", "not in", ("done", "cancel")),
                ("location_dest_id.usage", "=", "customer"),
            ]
        )
        moves = lines.move_id
        lines.unlink()
        return moves

    @api.model
    def _reboot_catalogue_offers(self):
        """Ready, unreserved devices grouped by type and grade, with spec ranges
        and the Communes price: a fixed number of queries whatever the stock."""
        groups = self._read_group(
            [
                ("reboot_state", "=", "ready"),
                ("reboot_device_type_id", "!=", False),
                ("company_id", "in", [self.env.company.id, False]),
                (
                    "quant_ids",
                    "any",
                    [
                        ("location_id.usage", "=", "internal"),
                        ("quantity", ">", 0),
                        ("reserved_quantity", "=", 0),
                    ],
                ),
            ],
            ["reboot_device_type_id", "reboot_grade"],
            [
                "__count",
                "reboot_ram_gb:min",
                "reboot_ram_gb:max",
                "reboot_storage_gb:min",
                "reboot_storage_gb:max",
                "reboot_screen_inch:min",
                "reboot_screen_inch:max",
            ],
        )
        pricelist = self.env.ref(
            "reboot_commune_sales.pricelist_communes", raise_if_not_found=False
        )
        grades = dict(self._fields["reboot_grade"]._description_selection(self.env))
        offers = []
        for device_type, grade, count, *ranges in sorted(
            groups, key=lambda g: (g[0].sequence, g[0].id, g[1] or "")
        ):
            ram_min, ram_max, sto_min, sto_max, scr_min, scr_max = ranges
            product = device_type.product_id
            price = (
                pricelist.with_context(reboot_grade=grade)._get_product_price(
                    product, 1.0
                )
                if pricelist
                else product.lst_price
            )
            offers.append(
                {
                    "key": f"qty_{device_type.id}_{grade}",
                    "device_type": device_type,
                    "grade": grade,
                    "label": f"{device_type.name} – {grades.get(grade, '')}",
                    "grade_label": grades.get(grade, ""),
                    "count": count,
                    "ram": (ram_min, ram_max),
                    "storage": (sto_min, sto_max),
                    "screen": (scr_min, scr_max),
                    "price": price,
                    "currency": pricelist.currency_id
                    if pricelist
                    else self.env.company.currency_id,
                }
            )
        return offers
