from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.reboot_base.tests.common import untranslated_terms

from .common import RebootRefurbCommon


@tagged("post_install", "-at_install")
class TestDevice(RebootRefurbCommon, TransactionCase):
    def test_device_comes_from_its_pickup(self):
        lot = self._register(["SN-A1"])
        self.assertEqual(lot.reboot_state, "intake")
        self.assertEqual(lot.reboot_device_type_id, self.laptop)
        self.assertEqual(lot.reboot_pickup_id, self.pickup)
        self.assertEqual(lot.reboot_donor_id, self.donor)

    def test_other_products_are_not_devices(self):
        product = self.env["product.product"].create(
            {"name": "Câble", "is_storable": True, "tracking": "lot"}
        )
        lot = self.env["stock.lot"].create(
            {"name": "LOT-CABLE", "product_id": product.id}
        )
        self.assertFalse(lot.reboot_device_type_id)
        with self.assertRaises(UserError):
            lot.action_reboot_start_testing()

    def test_testing_creates_the_checklist_of_the_type(self):
        laptop = self._register(["SN-A2"])
        monitor = self._register(["SN-M2"], device_type=self.monitor)
        (laptop | monitor).action_reboot_start_testing()
        self.assertEqual(laptop.reboot_state, "testing")
        laptop_items = laptop.reboot_test_ids.item_id
        self.assertIn(
            self.env.ref("reboot_refurb.checklist_item_keyboard"), laptop_items
        )
        self.assertNotIn(
            self.env.ref("reboot_refurb.checklist_item_keyboard"),
            monitor.reboot_test_ids.item_id,
        )
        # Starting again does not duplicate the checklist.
        laptop.action_reboot_start_testing()
        self.assertEqual(laptop.reboot_test_ids.item_id, laptop_items)

    def test_gate_lists_what_is_missing(self):
        lot = self._register(["SN-G1"])
        lot.action_reboot_start_testing()
        lot.reboot_test_ids[0].result = "fail"
        with self.assertRefused(
            UserError, "failed tests.*tests not done.*no drive.*no grade"
        ):
            lot.action_reboot_set_ready()
        self.assertEqual(lot.reboot_state, "testing")

    def test_gate_holds_on_every_path(self):
        lot = self._register(["SN-G2"])
        self._pass_all_tests(lot)
        lot.reboot_grade = "b"
        # RPC write by a technician
        with self.assertRefused(UserError, "moved only by the workflow"):
            lot.with_user(self.technician).write({"reboot_state": "ready"})
        with self.assertRefused(UserError, "no drive is recorded"):
            lot.with_user(self.technician).action_reboot_set_ready()
        # import / create of a device directly ready
        with self.assertRefused(UserError, "starts its life at intake"):
            self.env["stock.lot"].create(
                {
                    "name": "SN-IMPORTED",
                    "product_id": self.laptop.product_id.id,
                    "reboot_state": "ready",
                }
            )
        # a failed wipe is not enough
        self.env["reboot.wipe"].import_nwipe_json(
            self._nwipe("DRV-G2", status="failure"), lot_id=lot.id
        )
        with self.assertRefused(UserError, "drive DRV-G2 has no passed wipe"):
            lot.action_reboot_set_ready()
        self.env["reboot.wipe"].import_nwipe_json(self._nwipe("DRV-G2"), lot_id=lot.id)
        lot.action_reboot_mark_wiped()
        lot.action_reboot_set_ready()
        self.assertEqual(lot.reboot_state, "ready")
        # the grade cannot be removed from a ready device
        with self.assertRefused(UserError, "no grade"):
            lot.reboot_grade = False

    def test_destroyed_drive_counts_as_erased(self):
        lot = self._register(["SN-G3"])
        self._pass_all_tests(lot)
        # no nwipe report for a shredded drive: a manager records it, with why
        self.env["reboot.wipe"].with_user(self.manager).create(
            {
                "lot_id": lot.id,
                "drive_serial": "DRV-SHREDDED",
                "method_level": "destroy",
                "result": "passed",
                "change_reason": "Broyé par Paprec, certificat 2026-118",
            }
        )
        self.assertIn("certificat 2026-118", lot.message_ids[0].body)
        lot.reboot_grade = "c"
        lot.action_reboot_set_ready()
        self.assertEqual(lot.reboot_state, "ready")

    def test_device_without_data_needs_no_wipe(self):
        monitor = self._register(["SN-M3"], device_type=self.monitor)
        self._pass_all_tests(monitor)
        monitor.reboot_grade = "a"
        monitor.action_reboot_set_ready()
        self.assertEqual(monitor.reboot_state, "ready")

    def test_drives_removed_by_the_donor(self):
        pickup = self._received_pickup([(self.laptop, 2)], "donor_removed")
        lot, fitted = self._register(["SN-NODRIVE-1", "SN-NODRIVE-2"], pickup=pickup)
        self._pass_all_tests(lot | fitted)
        (lot | fitted).reboot_grade = "b"
        lot.action_reboot_set_ready()
        self.assertEqual(lot.reboot_state, "ready")
        # a drive the workshop recorded must still be wiped
        self.env["reboot.wipe"].import_nwipe_json(
            self._nwipe("FITTED-1", status="failure"), lot_id=fitted.id
        )
        with self.assertRefused(UserError, "FITTED-1"):
            fitted.action_reboot_set_ready()

    def test_not_applicable_counts_as_done(self):
        lot = self._register(["SN-G4"])
        lot.action_reboot_start_testing()
        lot.reboot_test_ids.write({"result": "pass"})
        lot.reboot_test_ids[:1].write({"result": "na"})
        self.assertTrue(lot.reboot_tests_done)

    def test_failure_routes_to_repair_parts_or_recycling(self):
        lot = self._register(["SN-R1"])
        lot.action_reboot_start_testing()
        lot.reboot_test_ids[:1].write({"result": "fail", "note": "Charnière cassée"})
        self.assertTrue(lot.reboot_test_failed)
        self.assertIn("Test failed", lot.message_ids[0].body)
        action = lot.action_reboot_repair()
        repair = self.env["repair.order"].browse(action["res_id"])
        self.assertEqual(repair.lot_id, lot)
        self.assertIn("Charnière cassée", repair.internal_notes)
        lot.action_reboot_to_parts()
        self.assertEqual(lot.reboot_state, "parts")
        other = self._register(["SN-R2"])
        other.action_reboot_to_recycling()
        self.assertEqual(other.reboot_state, "recycled")

    def test_ready_device_found_faulty_goes_back_to_testing(self):
        monitor = self._register(["SN-BACK1"], device_type=self.monitor)
        self._pass_all_tests(monitor)
        monitor.reboot_grade = "b"
        monitor.action_reboot_set_ready()
        monitor.with_user(self.technician).action_reboot_start_testing()
        self.assertEqual(monitor.reboot_state, "testing")
        self.assertTrue(monitor.reboot_tests_done, "earlier results are kept")
        monitor.reboot_test_ids[:1].write({"result": "fail", "note": "Pixels morts"})
        with self.assertRefused(UserError, "SN-BACK1"):
            monitor.action_reboot_set_ready()
        monitor.action_reboot_to_parts()
        with self.assertRefused(UserError, "SN-BACK1"):
            monitor.action_reboot_start_testing()

    def test_state_and_grade_changes_are_tracked(self):
        lot = self._register(["SN-T1"])
        self.env.flush_all()
        self.env.cr.precommit.run()
        lot.action_reboot_start_testing()
        lot.reboot_grade = "a"
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "stock.lot"),
                ("mail_message_id.res_id", "=", lot.id),
            ]
        )
        changes = {
            t.field_id.name: (t.old_value_char, t.new_value_char) for t in tracked
        }
        self.assertEqual(changes["reboot_state"], ("Intake", "Testing"))
        self.assertEqual(changes["reboot_grade"][1], "Very good condition")

    def test_grades_never_say_new(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "=", "reboot_refurb")]
        )._update_translations(["fr_FR"])
        labels = dict(
            self.env["stock.lot"]
            ._fields["reboot_grade"]
            ._description_selection(self.env(context={"lang": "fr_FR"}))
        )
        self.assertEqual(
            labels, {"a": "Très bon état", "b": "Bon état", "c": "État correct"}
        )
        for label in labels.values():
            self.assertNotIn("neuf", label.lower())

    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_refurb")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")


@tagged("post_install", "-at_install")
class TestDeviceHistory(RebootRefurbCommon, TransactionCase):
    def test_location_is_tracked_and_donor_counts_devices(self):
        lots = self._register(["SN-H1", "SN-H2"])
        self.env.flush_all()
        self.env.cr.precommit.run()
        picking = self.pickup.picking_id
        picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "stock.lot"),
                ("mail_message_id.res_id", "=", lots[0].id),
                ("field_id.name", "=", "location_id"),
            ]
        )
        self.assertEqual(tracked.new_value_char, lots[0].location_id.display_name)
        self.assertEqual(self.donor.reboot_device_count, 2)
        action = self.donor.action_view_reboot_devices()
        self.assertEqual(self.env["stock.lot"].search(action["domain"]), lots)


@tagged("post_install", "-at_install")
class TestIndexes(RebootRefurbCommon, TransactionCase):
    """The lookups that grow with the devices use an index (the planner is
    told to avoid a scan: the test tables are small)."""

    def _plan(self, model, domain):
        query = self.env[model]._search(domain)
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        return "\n".join(row[0] for row in self.env.cr.fetchall())

    def test_a_serial_is_found_by_its_index(self):
        lot = self._register(["IDX-1"])
        plan = self._plan(
            "stock.lot",
            [("name", "=", lot.name), ("product_id", "=", lot.product_id.id)],
        )
        self.assertIn("stock_lot_reboot_name_product_index", plan)

    def test_a_devices_move_lines_are_found_by_their_index(self):
        lot = self._register(["IDX-2"], validate=True)
        plan = self._plan("stock.move.line", [("lot_id", "in", lot.ids)])
        self.assertIn("stock_move_line_reboot_lot_index", plan)
