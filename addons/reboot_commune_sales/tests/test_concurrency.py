import uuid

import psycopg2.errors

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentOrders(BaseCase):
    """Two communes confirm orders for the last ready device at the same moment,
    in two real database transactions: the serial goes to one order only; two
    users allocate the same delivered device: it is allocated once."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            laptop = env.ref("reboot_collect.device_type_laptop")
            # Other ready laptops of grade A (the demo's) leave the stock for the
            # test's time: the device created below is the last one.
            others = env["stock.lot"].search(
                [
                    ("product_id", "=", laptop.product_id.id),
                    ("reboot_state", "=", "ready"),
                    ("reboot_grade", "=", "a"),
                ]
            )
            self.others = others.ids
            if others:
                cr.execute(
                    "UPDATE stock_lot SET reboot_state = 'testing' WHERE id IN %s",
                    [tuple(others.ids)],
                )
            communes = env["res.partner"].create(
                [
                    {"name": f"Concurrent {x}", "is_company": True, "is_commune": True}
                    for x in "AB"
                ]
            )
            lot = env["stock.lot"].create(
                {
                    "name": f"LAST-READY-{uuid.uuid4().hex[:8]}",
                    "product_id": laptop.product_id.id,
                }
            )
            # Fixture: a ready device in stock (the gate is tested elsewhere).
            cr.execute(
                "UPDATE stock_lot SET reboot_state = 'ready', reboot_grade = 'a' "
                "WHERE id = %s",
                [lot.id],
            )
            env["stock.quant"].create(
                {
                    "product_id": laptop.product_id.id,
                    "lot_id": lot.id,
                    "location_id": env.ref("stock.stock_location_stock").id,
                    "quantity": 1,
                }
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": commune.id,
                        "order_line": [
                            (
                                0,
                                0,
                                {
                                    "product_id": laptop.product_id.id,
                                    "reboot_grade": "a",
                                    "product_uom_qty": 1,
                                },
                            )
                        ],
                    }
                    for commune in communes
                ]
            )
            self.lot_id, self.order_ids = lot.id, orders.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            orders = env["sale.order"].browse(self.order_ids)
            orders.picking_ids.filtered(lambda p: p.state != "done").action_cancel()
            orders.filtered(lambda o: o.state != "cancel")._action_cancel()
            cr.execute("DELETE FROM reboot_allocation WHERE lot_id = %s", [self.lot_id])
            # the fixture's device leaves no trace in the database's figures
            cr.execute("DELETE FROM stock_quant WHERE lot_id = %s", [self.lot_id])
            cr.execute("DELETE FROM stock_lot WHERE id = %s", [self.lot_id])
            if self.others:
                cr.execute(
                    "UPDATE stock_lot SET reboot_state = 'ready' WHERE id IN %s",
                    [tuple(self.others)],
                )

    def _confirm(self, cr, order_id):
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        order = env["sale.order"].browse(order_id)
        if order.state in ("draft", "sent"):
            order.action_confirm()
        order.picking_ids.action_assign()
        env.flush_all()
        return order.picking_ids.move_line_ids.lot_id.ids

    def test_last_device_goes_to_one_commune(self):
        order_a, order_b = self.order_ids
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            reserved_a = self._confirm(cr_a, order_a)
            self.assertEqual(reserved_a, [self.lot_id])
            # B confirms while A's transaction still holds the device: B must not
            # wait forever nor take it.
            cr_b.execute("SET LOCAL lock_timeout = '2s'")
            try:
                with mute_logger("odoo.sql_db"):
                    reserved_b = self._confirm(cr_b, order_b)
            except (
                psycopg2.errors.LockNotAvailable,
                psycopg2.errors.SerializationFailure,
            ):
                reserved_b = None  # B's request fails and is retried by Odoo
                cr_b.rollback()
            self.assertNotIn(self.lot_id, reserved_b or [])
            cr_a.commit()
            if reserved_b is not None:
                cr_b.commit()
        finally:
            cr_a.close()
            cr_b.close()
        # B retries after A committed: the device is A's, B waits (backorder).
        with self.registry.cursor() as cr:
            reserved_b = self._confirm(cr, order_b)
            self.assertNotIn(self.lot_id, reserved_b)
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            lines = env["stock.move.line"].search([("lot_id", "=", self.lot_id)])
            self.assertEqual(len(lines), 1)
            self.assertEqual(lines.move_id.sale_line_id.order_id.id, order_a)

    def _allocate(self, cr, name):
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        lot = env["stock.lot"].browse(self.lot_id)
        env["reboot.allocation"].create(
            {
                "lot_id": lot.id,
                "commune_id": lot.reboot_commune_id.id,
                "beneficiary_type": "school",
                "beneficiary_name": name,
            }
        )
        env.flush_all()

    def test_delivered_device_allocated_once(self):
        """The officer and a colleague allocate the same delivered device at
        once: one allocation only, the other gets an error to retry."""
        with self.registry.cursor() as cr:
            self._confirm(cr, self.order_ids[0])
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            picking = env["sale.order"].browse(self.order_ids[0]).picking_ids
            picking.move_ids.picked = True
            picking.button_validate()
            self.assertEqual(env["stock.lot"].browse(self.lot_id).reboot_state, "sold")
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            self._allocate(cr_a, "École A")
            cr_b.execute("SET LOCAL lock_timeout = '2s'")
            with self.assertRaises(psycopg2.errors.LockNotAvailable):
                with mute_logger("odoo.sql_db"):
                    self._allocate(cr_b, "École B")
            cr_b.rollback()
            cr_a.commit()
            # B tries again once A has committed: the device is taken
            with self.assertRaises(psycopg2.errors.UniqueViolation):
                with mute_logger("odoo.sql_db"):
                    self._allocate(cr_b, "École B")
            cr_b.rollback()
        finally:
            cr_a.close()
            cr_b.close()
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT beneficiary_name FROM reboot_allocation WHERE lot_id = %s",
                [self.lot_id],
            )
            self.assertEqual(cr.fetchall(), [("École A",)])
