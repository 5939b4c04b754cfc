import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.reboot_base.tests.common import perform_jobs

from .. import intake
from .common import RebootRefurbCommon


@tagged("post_install", "-at_install")
class TestIntake(RebootRefurbCommon, TransactionCase):
    def _wizard(self, **vals):
        return (
            self.env["reboot.intake.wizard"]
            .with_user(self.technician)
            .create({"pickup_id": self.pickup.id, **vals})
        )

    def _lot_count(self):
        return self.env["stock.lot"].search_count([])

    def test_scan_serials_and_validate_receipt(self):
        with Form(
            self.env["reboot.intake.wizard"]
            .with_user(self.technician)
            .with_context(active_model="reboot.pickup", active_id=self.pickup.id)
        ) as form:
            form.device_type_id = self.laptop
            form.serials_text = "PF1A2B3C\n\nPF1A2B3D\n  PF1A2B3E  \n"
        action = form.record.action_register()
        lots = self.env["stock.lot"].search(action["domain"])
        self.assertEqual(
            sorted(lots.mapped("name")), ["PF1A2B3C", "PF1A2B3D", "PF1A2B3E"]
        )
        picking = self.pickup.picking_id
        self.assertEqual(picking.state, "done")
        self.assertEqual(picking.move_line_ids.lot_id, lots)
        location = self.env.ref("reboot_collect.stock_location_triage")
        quants = self.env["stock.quant"].search(
            [("lot_id", "in", lots.ids), ("location_id.usage", "=", "internal")]
        )
        self.assertEqual(quants.location_id, location)
        self.assertEqual(sum(quants.mapped("quantity")), 3)

    def test_csv_with_specs_and_types(self):
        csv_text = (
            "serial;type;model;cpu;ram_gb;storage_gb;storage_type;screen_inch;battery_health;os\n"
            "CSV-001;laptop;ThinkPad T480;i5-8350U;8;256;SSD;14,0;81;Linux Mint\n"
            "CSV-002;monitor;Dell P2219H;;;;;22;;\n"
        )
        wizard = self._wizard(
            file=base64.b64encode(csv_text.encode()), filename="devices.csv"
        )
        wizard.action_register()
        laptop = self.env["stock.lot"].search([("name", "=", "CSV-001")])
        self.assertEqual(laptop.reboot_device_type_id, self.laptop)
        self.assertEqual(
            (
                laptop.reboot_ram_gb,
                laptop.reboot_storage_gb,
                laptop.reboot_storage_type,
            ),
            (8, 256, "ssd"),
        )
        self.assertEqual(laptop.reboot_screen_inch, 14.0)
        self.assertEqual(laptop.reboot_battery_health, 81)
        monitor = self.env["stock.lot"].search([("name", "=", "CSV-002")])
        self.assertEqual(monitor.reboot_device_type_id, self.monitor)

    def test_xlsx_file(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Serial", "Type", "RAM_GB"])
        sheet.append(["XL-001", "laptop", 16])
        sheet.append(["XL-002", "Desktop", 4])
        buffer = io.BytesIO()
        book.save(buffer)
        self._wizard(
            file=base64.b64encode(buffer.getvalue()), filename="devices.xlsx"
        ).action_register()
        lots = self.env["stock.lot"].search([("name", "in", ["XL-001", "XL-002"])])
        self.assertEqual(len(lots), 2)
        self.assertEqual(
            lots.filtered(lambda lot: lot.name == "XL-002").reboot_device_type_id,
            self.desktop,
        )

    def test_bad_rows_are_reported_and_nothing_written(self):
        self._register(["KNOWN-1"])
        before = self._lot_count()
        moves_before = self.env["stock.move.line"].search_count([])
        csv_text = (
            "serial,type,ram_gb,storage_type\n"
            "OK-1,laptop,8,ssd\n"
            "DUP-1,laptop,8,ssd\n"
            "DUP-1,laptop,8,ssd\n"
            "KNOWN-1,laptop,,\n"
            "BAD SERIAL,laptop,,\n"
            "OK-2,toaster,,\n"
            "OK-3,laptop,huit,\n"
            "OK-4,laptop,,floppy\n"
        )
        wizard = self._wizard(
            file=base64.b64encode(csv_text.encode()), filename="x.csv"
        )
        with self.assertRaises(UserError) as error:
            wizard.action_register()
        message = error.exception.args[0]
        for expected in (
            "row 3: serial DUP-1 appears twice",
            "row 4: serial DUP-1 appears twice",
            "serial KNOWN-1 is already registered",
            "row 6: 'BAD SERIAL' is not a serial number",
            "row 7: unknown device type 'toaster'",
            "row 8: ram_gb 'huit' is not a number",
            "row 9: storage type 'floppy'",
        ):
            self.assertIn(expected, message)
        self.assertNotIn("row 2", message)
        self.assertEqual(self._lot_count(), before)
        self.assertEqual(self.env["stock.move.line"].search_count([]), moves_before)

    def test_a_forgotten_device_type_is_said_once(self):
        wizard = self._wizard(serials_text="\n".join(f"NT-{i:03}" for i in range(60)))
        wizard.device_type_id = False
        before = self._lot_count()
        with self.assertRaises(UserError) as refusal:
            wizard.action_register()
        message = str(refusal.exception)
        self.assertIn("choose the device type", message)
        self.assertEqual(message.count("device type"), 1, message)
        self.assertEqual(self._lot_count(), before)

    def test_malformed_files(self):
        for content, filename, expected in (
            (b"model,cpu\nX,Y\n", "a.csv", "serial"),
            (b"serial,colour\nA1,red\n", "b.csv", "Unknown: colour"),
            (b"\xff\xfe\x00garbage", "c.csv", "neither UTF-8 CSV nor XLSX"),
            (b"PK\x03\x04broken zip", "d.xlsx", "cannot be read"),
            (b"", "e.csv", "at least one serial"),
        ):
            wizard = self._wizard(file=base64.b64encode(content), filename=filename)
            with self.assertRefused(UserError, expected):
                wizard.action_register()

    def _in_background(self, wizard):
        """action_register above a job threshold of 2: the job and its trap."""
        self.env["ir.config_parameter"].sudo().set_param(
            "reboot_base.job_threshold", "2"
        )
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        with trap_jobs() as trap:
            action = wizard.action_register()
        trap.assert_jobs_count(1)
        return self.env["reboot.job"].browse(action["res_id"]), trap

    def test_large_intake_runs_in_the_background(self):
        csv_text = "serial;type\nBG-001;laptop\nBG-002;laptop\nBG-003;monitor\n"
        wizard = self._wizard(
            file=base64.b64encode(csv_text.encode()), filename="intake.csv"
        )
        lots_before = self._lot_count()
        job, trap = self._in_background(wizard)
        self.assertEqual((job.state, job.size), ("queued", 3))
        self.assertEqual(self._lot_count(), lots_before, "nothing inside the request")
        perform_jobs(self.env, trap)
        self.assertEqual((job.state, job.progress, job.result_count), ("done", 100, 3))
        lots = self.env["stock.lot"].browse(job.result_ids)
        self.assertEqual(sorted(lots.mapped("name")), ["BG-001", "BG-002", "BG-003"])
        self.assertEqual(self.pickup.picking_id.state, "done")
        self.assertEqual(self.pickup.picking_id.move_line_ids.lot_id, lots)
        action = job.with_user(self.technician).action_open_result()
        self.assertEqual(action["res_model"], "stock.lot")
        told = job.message_ids.filtered("partner_ids")  # not the tracking
        self.assertIn(self.technician.partner_id, told.partner_ids)

    def test_failed_background_intake_registers_nothing(self):
        wizard = self._wizard(
            device_type_id=self.laptop.id, serials_text="BG-101\nBG-102\nBG-103"
        )
        lots_before = self._lot_count()
        job, trap = self._in_background(wizard)
        # meanwhile, the receipt was validated by someone else
        self.pickup.picking_id.action_cancel()
        perform_jobs(self.env, trap)
        self.assertEqual(job.state, "failed")
        self.assertIn("Receive pickup", job.error)
        self.assertEqual(self._lot_count(), lots_before)
        self.assertFalse(job.result_ids)

    def test_batched_quants_are_odoos_own(self):
        """The intake creates the new devices' quants in one batch: the stock,
        the quants and the valuation are those of Odoo's own loop."""
        StockMoveLine = type(self.env["stock.move.line"])
        batchable = StockMoveLine._reboot_batchable_intake_lines

        def stock_after(prefix, batched):
            pickup = self._received_pickup([(self.laptop, 3), (self.monitor, 2)])
            rows = [{"serial": f"{prefix}-L{i}", "type": "laptop"} for i in range(3)]
            rows += [{"serial": f"{prefix}-M{i}", "type": "monitor"} for i in range(2)]
            seen = []

            def spy(lines):
                batch = batchable(lines) if batched else lines.browse()
                seen.append(len(batch))
                return batch

            with patch.object(StockMoveLine, "_reboot_batchable_intake_lines", spy):
                lots = self.env["stock.lot"].browse(
                    self.env["reboot.intake.wizard"].register_serials(pickup.id, rows)
                )
            self.assertTrue(seen, "the receipt went through the intake's path")
            self.assertEqual(sum(seen), 5 if batched else 0)
            picking = pickup.picking_id
            quants = self.env["stock.quant"].search([("lot_id", "in", lots.ids)])
            layers = self.env["stock.valuation.layer"].search(
                [("stock_move_id", "in", picking.move_ids.ids)]
            )
            return {
                "picking": picking.state,
                "moves": sorted(
                    (m.product_id.id, m.state, m.quantity) for m in picking.move_ids
                ),
                "quants": sorted(
                    (
                        q.lot_id.name.removeprefix(prefix),
                        q.product_id.id,
                        q.location_id.id,
                        q.quantity,
                        q.reserved_quantity,
                        q.company_id.id,
                        bool(q.in_date),
                    )
                    for q in quants
                ),
                "lots": sorted(
                    (lot.name.removeprefix(prefix), lot.product_qty, lot.reboot_state)
                    for lot in lots
                ),
                "valuation": sorted(
                    (v.product_id.id, v.quantity, v.value) for v in layers
                ),
            }

        on_hand = self.laptop.product_id.qty_available
        odoo = stock_after("ODOO", batched=False)
        ours = stock_after("OURS", batched=True)
        self.assertEqual(ours, odoo)
        self.assertEqual(len(ours["quants"]), 10, "a quant in triage, one at supplier")
        self.assertEqual(self.laptop.product_id.qty_available, on_hand + 6)

    def test_batched_quants_leave_known_serials_to_odoo(self):
        """A serial that already has a quant where it comes from is moved by
        Odoo's own loop."""
        pickup = self._received_pickup([(self.laptop, 2)])
        supplier = pickup.picking_id.location_id
        lot = self.env["stock.lot"].create(
            {"name": "KNOWN-1", "product_id": self.laptop.product_id.id}
        )
        self.env["stock.quant"].sudo().create(
            {
                "product_id": self.laptop.product_id.id,
                "location_id": supplier.id,
                "lot_id": lot.id,
                "quantity": -1,
            }
        )
        fresh = self.env["stock.lot"].create(
            {"name": "FRESH-1", "product_id": self.laptop.product_id.id}
        )
        lines = self.env["stock.move.line"].new(
            {
                "product_id": self.laptop.product_id.id,
                "lot_id": lot.id,
                "quantity": 1,
                "product_uom_id": self.laptop.product_id.uom_id.id,
                "location_id": supplier.id,
                "location_dest_id": pickup.picking_id.location_dest_id.id,
            }
        ) | self.env["stock.move.line"].new(
            {
                "product_id": self.laptop.product_id.id,
                "lot_id": fresh.id,
                "quantity": 1,
                "product_uom_id": self.laptop.product_id.uom_id.id,
                "location_id": supplier.id,
                "location_dest_id": pickup.picking_id.location_dest_id.id,
            }
        )
        self.assertEqual(lines._reboot_batchable_intake_lines().lot_id, fresh)

    def test_pickup_must_be_received(self):
        pickup = self.env["reboot.pickup"].create(
            {
                "donor_id": self.donor.id,
                "line_ids": [
                    (0, 0, {"device_type_id": self.laptop.id, "qty_declared": 1})
                ],
            }
        )
        with self.assertRefused(UserError, "Receive pickup"):
            self._register(["EARLY-1"], pickup=pickup)

    def test_extra_type_adds_a_move(self):
        lots = self._register(
            [{"serial": "EXTRA-DT-1", "type": "desktop"}], validate=True
        )
        self.assertEqual(lots.reboot_device_type_id, self.desktop)
        move = self.pickup.picking_id.move_ids.filtered(
            lambda m: m.product_id == self.desktop.product_id
        )
        self.assertEqual(move.state, "done")
        self.assertEqual(move.quantity, 1)

    def test_query_count_does_not_grow_with_devices(self):
        """Registering 1,000 serials costs no query per device.

        Odoo writes new rows in batches of 100 (INSERT_BATCH_SIZE): each batch
        of 100 devices costs four statements (insert and update of the lots and
        of their move lines); nothing else depends on the number of devices."""
        Intake = self.env["reboot.intake.wizard"]
        pickups = {
            n: self._received_pickup([(self.laptop, n)]) for n in (10, 100, 1000)
        }

        def register(n):
            serials = [f"Q{n}-{i:04d}" for i in range(n)]
            Intake.register_serials(pickups[n].id, serials, "laptop", validate=False)

        register(10)  # warm the caches
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        register(100)
        self.env.flush_all()
        queries_100 = self.cr.sql_log_count - start
        self.env.invalidate_all()
        with self.assertQueryCount(queries_100 + 4 * 9):
            register(1000)
        self.assertEqual(
            self.env["stock.lot"].search_count([("name", "=like", "Q1000-%")]), 1000
        )


@tagged("post_install", "-at_install")
class TestIntakeFile(TransactionCase):
    """Reading an intake file is bytes in, rows out: no query, whatever the
    spreadsheet that wrote it."""

    def test_a_spreadsheet_csv_is_read_without_the_database(self):
        raw = "\ufeffSerial;type;RAM_GB\nSN-1;laptop;8\n;;\nSN-2;;\n".encode()
        intake.read_file(self.env, raw, "lot.csv")  # translations loaded once
        with self.assertQueryCount(0):
            rows = intake.read_file(self.env, raw, "lot.csv")
        self.assertEqual(
            rows,
            [
                ("row 2", {"serial": "SN-1", "type": "laptop", "ram_gb": "8"}),
                ("row 4", {"serial": "SN-2", "type": "", "ram_gb": ""}),
            ],
        )

    def test_an_unknown_column_is_named(self):
        with self.assertRaisesRegex(UserError, "Unknown: colour"):
            intake.read_file(self.env, b"serial,colour\nSN-1,red\n", "lot.csv")
