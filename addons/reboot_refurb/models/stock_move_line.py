from odoo import fields, models

from odoo.addons.stock.models.stock_quant import StockQuant as OdooStockQuant


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    def _action_done(self):
        """The intake's receipt: Odoo moves the quants of each serial one at a
        time (a row locked, two quants inserted, one by one); for new devices
        coming from outside the stock, the suite creates those same quants in
        one batch. Only under the intake's context flag, and only for lines
        where Odoo's loop would do exactly that: a new serial, one unit, no
        package nor owner, from a location that holds no quant of it (a
        supplier's). Tests compare the stock after both ways."""
        if not self.env.context.get("reboot_batch_intake_quants"):
            return super()._action_done()
        batch = self._reboot_batchable_intake_lines()
        if not batch:
            return super()._action_done()
        result = super(
            StockMoveLine,
            self.with_context(reboot_batched_quant_lines=frozenset(batch.ids)),
        )._action_done()
        batch = batch.exists()
        now = fields.Datetime.now()
        values = []
        for line in batch:
            common = {
                "product_id": line.product_id.id,
                "lot_id": line.lot_id.id,
                "in_date": now,
            }
            values.append(
                {**common, "location_id": line.location_id.id, "quantity": -1}
            )
            values.append(
                {**common, "location_id": line.location_dest_id.id, "quantity": 1}
            )
        # stock.quant's create inserts one row at a time, for the sake of its
        # inventory mode (not used here, as Odoo's loop does not): the rows
        # go in batched INSERTs, as any model's
        super(OdooStockQuant, self.env["stock.quant"].sudo()).create(values)
        return result

    def _reboot_batchable_intake_lines(self):
        """The lines whose quants the intake may create in one batch."""
        lines = self.filtered(
            lambda line: line.lot_id
            and line.product_id.is_storable
            and line.product_id.tracking == "serial"
            and line.quantity == 1
            and line.product_uom_id == line.product_id.uom_id
            and not line.package_id
            and not line.result_package_id
            and not line.owner_id
            and line.location_id.usage not in ("internal", "transit")
            and line.location_dest_id.usage in ("internal", "transit")
        )
        if not lines:
            return lines
        # neither serial nor product already has a quant where they come from
        # or go (a serial seen before, an untracked quant to compensate)
        known = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", lines.product_id.ids),
                    (
                        "location_id",
                        "in",
                        (lines.location_id | lines.location_dest_id).ids,
                    ),
                    "|",
                    ("lot_id", "in", lines.lot_id.ids),
                    ("lot_id", "=", False),
                ],
                ["product_id", "lot_id"],
            )
        )
        known_lots = {lot for _product, lot in known if lot}
        untracked = {product for product, lot in known if not lot}
        return lines.filtered(
            lambda line: line.lot_id not in known_lots
            and line.product_id not in untracked
        )

    def _synchronize_quant(self, quantity, location, action="available", **kwargs):
        if self.id in self.env.context.get("reboot_batched_quant_lines", ()):
            # created in one batch once Odoo's loop is over (_action_done)
            return 0, fields.Datetime.now()
        return super()._synchronize_quant(quantity, location, action=action, **kwargs)
