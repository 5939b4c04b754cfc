"""Issue #22: the suite's rules are for donated devices only. Other serial
products go through Odoo's own flows untouched, for users outside the Reboot
groups: receipts, reading the serials, sales, deliveries, returns, invoices."""

from odoo import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOtherProducts(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stock_user = new_test_user(
            cls.env, login="plain_stock", groups="stock.group_stock_user"
        )
        cls.sales_user = new_test_user(
            cls.env,
            login="plain_sales",
            groups="sales_team.group_sale_salesman,stock.group_stock_user,"
            "account.group_account_invoice",
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Routeur Wi-Fi",
                "is_storable": True,
                "tracking": "serial",
                "list_price": 80.0,
                "invoice_policy": "delivery",
            }
        )
        cls.customer = cls.env["res.partner"].create({"name": "Client ordinaire"})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )

    def _receive(self, serials):
        """The plain inventory user receives the serials, naming them."""
        Picking = self.env["stock.picking"].with_user(self.stock_user)
        receipt = Picking.create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.warehouse.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.product.name,
                            "product_id": self.product.id,
                            "product_uom_qty": len(serials),
                            "location_id": self.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": self.warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        move = receipt.move_ids
        move.move_line_ids.unlink()
        move.write(
            {
                "move_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "lot_name": serial,
                            "quantity": 1,
                            "location_id": move.location_id.id,
                            "location_dest_id": move.location_dest_id.id,
                            "picking_id": receipt.id,
                        }
                    )
                    for serial in serials
                ],
                "picked": True,
            }
        )
        receipt.button_validate()
        self.assertEqual(receipt.state, "done")
        return move.move_line_ids.lot_id

    def test_a_plain_inventory_user_receives_and_reads_serials(self):
        lots = self._receive(["RT-001", "RT-002"])
        self.assertEqual(len(lots), 2)
        self.assertFalse(lots.reboot_device_type_id, "not a donated device")
        # every field a stock user may read, as the lot form and exports do
        rows = lots.with_user(self.stock_user).read()
        self.assertEqual({row["name"] for row in rows}, {"RT-001", "RT-002"})
        # and a serial created by hand, then renamed, as in Odoo
        lot = (
            self.env["stock.lot"]
            .with_user(self.stock_user)
            .create({"name": "RT-HAND", "product_id": self.product.id})
        )
        lot.name = "RT-003"
        self.assertEqual(lot.name, "RT-003")

    def test_sale_delivery_return_and_invoice_of_a_tracked_product(self):
        lots = self._receive(["RT-101", "RT-102"])
        order_form = Form(self.env["sale.order"].with_user(self.sales_user))
        order_form.partner_id = self.customer
        with order_form.order_line.new() as line:
            line.product_id = self.product
            line.product_uom_qty = 2
        order = order_form.save()
        order.action_confirm()
        delivery = order.picking_ids.with_user(self.stock_user)
        delivery.action_assign()
        self.assertEqual(delivery.move_line_ids.lot_id, lots)
        delivery.move_ids.picked = True
        delivery.button_validate()
        self.assertEqual(delivery.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 2)
        # one router comes back
        return_form = Form(
            self.env["stock.return.picking"]
            .with_user(self.stock_user)
            .with_context(active_id=delivery.id, active_model="stock.picking")
        )
        wizard = return_form.save()
        wizard.product_return_moves.quantity = 1
        returned = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        returned = returned.with_user(self.stock_user)
        returned.move_ids.picked = True
        returned.button_validate()
        self.assertEqual(returned.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 1)
        # the invoice follows what stayed with the customer
        invoice = order.with_user(self.sales_user)._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.invoice_line_ids.quantity, 1)
        self.assertAlmostEqual(invoice.amount_untaxed, 80.0)
