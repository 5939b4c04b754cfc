"""Issue #14: the lifecycle and the proofs hold against every path a user has
(buttons skipped, RPC writes, creates, imports), as the demo's own roles."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, tagged

from .common import RebootRefurbCommon


@tagged("post_install", "-at_install")
class TestLifecycle(RebootRefurbCommon, TransactionCase):
    def _ready_laptop(self, serial, drive=None):
        lot = self._register([serial])
        self._pass_all_tests(lot)
        self.env["reboot.wipe"].import_nwipe_json(
            self._nwipe(drive or f"D-{serial}"), lot_id=lot.id
        )
        lot.action_reboot_mark_wiped()
        lot.reboot_grade = "a"
        lot.action_reboot_set_ready()
        self.assertEqual(lot.reboot_state, "ready")
        return lot

    def test_no_plain_write_of_the_state_for_anybody(self):
        lot = self._register(["INT-S1"])
        lot.action_reboot_start_testing()
        for user in (self.technician, self.manager):
            for state in ("sold", "allocated", "ready", "intake", "parts"):
                with self.assertRefused(UserError, "moved only by the workflow"):
                    lot.with_user(user).write({"reboot_state": state})
                self.assertEqual(lot.reboot_state, "testing")
        # the web client's save goes through the same write
        with self.assertRefused(UserError, "moved only by the workflow"):
            lot.with_user(self.technician).web_save({"reboot_state": "sold"}, {})
        # writing the state it already has is not a move
        lot.with_user(self.technician).write({"reboot_state": "testing"})

    def test_no_device_is_created_or_imported_in_a_later_state(self):
        Lot = self.env["stock.lot"].with_user(self.technician)
        with self.assertRefused(UserError, "starts its life at intake"):
            Lot.create(
                {
                    "name": "INT-C1",
                    "product_id": self.monitor.product_id.id,
                    "reboot_state": "sold",
                }
            )
        result = Lot.load(
            ["name", "product_id/.id", "reboot_state"],
            [["INT-C2", str(self.laptop.product_id.id), "ready"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("starts its life at intake", result["messages"][0]["message"])
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "INT-C2")]))

    def test_a_device_stays_with_its_pickup(self):
        lot = self._register(["INT-O1"])
        other = self._received_pickup([(self.laptop, 1)])
        with self.assertRefused(UserError, "written by the intake"):
            lot.with_user(self.technician).write({"reboot_pickup_id": other.id})
        self.assertEqual(lot.reboot_pickup_id, self.pickup)
        self.assertEqual(lot.reboot_donor_id, self.donor)

    def test_transitions_follow_the_table(self):
        lot = self._register(["INT-T1"])
        # sold and allocated come from the delivery and the allocation only,
        # and only from ready and sold
        with self.assertRefused(UserError, "cannot become Sold from Intake"):
            lot._reboot_set_state("sold")
        with self.assertRefused(UserError, "cannot become Allocated from Intake"):
            lot._reboot_set_state("allocated")
        with self.assertRefused(UserError, "cannot become Wiped from Intake"):
            lot._reboot_set_state("wiped")
        lot.action_reboot_to_recycling()
        with self.assertRefused(UserError, "cannot become Testing from Recycled"):
            lot.action_reboot_start_testing()
        self.assertEqual(lot.reboot_state, "recycled")

    def test_device_type_comes_from_the_product(self):
        lot = self._register(["INT-D1"])
        lot.action_reboot_start_testing()
        with self.assertRefused(UserError, "comes from the product"):
            lot.with_user(self.technician).write(
                {"reboot_device_type_id": self.monitor.id}
            )
        self.assertEqual(lot.reboot_device_type_id, self.laptop)

    def test_a_product_swap_sends_a_ready_device_back_to_testing(self):
        # a device without moves yet: Odoo itself refuses a product change once
        # a serial has moved
        monitor = self.env["stock.lot"].create(
            {"name": "INT-P1", "product_id": self.monitor.product_id.id}
        )
        self._pass_all_tests(monitor)
        monitor.reboot_grade = "b"
        monitor.action_reboot_set_ready()
        monitor.with_user(self.technician).product_id = self.laptop.product_id
        self.assertEqual(monitor.reboot_device_type_id, self.laptop)
        self.assertEqual(monitor.reboot_state, "testing")
        self.assertIn("its product changed", monitor.message_ids[0].body)
        with self.assertRefused(UserError, "no drive is recorded"):
            monitor.action_reboot_set_ready()

    def test_a_failed_test_sends_a_ready_device_back_to_testing(self):
        lot = self._ready_laptop("INT-F1")
        lot.reboot_test_ids[:1].with_user(self.technician).write(
            {"result": "fail", "note": "Clavier HS"}
        )
        self.assertEqual(lot.reboot_state, "testing")
        self.assertIn("Back to testing", lot.message_ids[0].body)
        self.assertIn(lot.reboot_test_ids[:1].item_id.name, lot.message_ids[0].body)

    def test_any_test_change_on_a_ready_device_is_rechecked(self):
        lot = self._ready_laptop("INT-F2")
        lot.reboot_test_ids[:1].write({"result": "na"})
        self.assertEqual(lot.reboot_state, "testing")
        # a wiped device only goes back when a test fails
        lot2 = self._register(["INT-F3"])
        lot2.action_reboot_start_testing()
        self.env["reboot.wipe"].import_nwipe_json(self._nwipe("D-F3"), lot_id=lot2.id)
        lot2.action_reboot_mark_wiped()
        lot2.reboot_test_ids.write({"result": "pass"})
        self.assertEqual(lot2.reboot_state, "wiped")
        lot2.reboot_test_ids[:1].write({"result": "fail"})
        self.assertEqual(lot2.reboot_state, "testing")

    def test_a_test_result_stays_on_its_device(self):
        good = self._ready_laptop("INT-M1")
        other = self._register(["INT-M2"])
        other.action_reboot_start_testing()
        with self.assertRefused(UserError, "belongs to its device"):
            good.reboot_test_ids[:1].with_user(self.technician).write(
                {"lot_id": other.id}
            )
        with self.assertRefused(UserError, "belongs to its device"):
            other.reboot_test_ids[:1].with_user(self.technician).write(
                {"item_id": other.reboot_test_ids[1].item_id.id}
            )

    def test_a_failed_second_drive_sends_a_ready_device_back(self):
        lot = self._ready_laptop("INT-W1")
        self.env["reboot.wipe"].with_user(self.technician).import_nwipe_json(
            self._nwipe("SECOND-DRIVE", status="failure"), lot_id=lot.id
        )
        self.assertEqual(lot.reboot_state, "testing")
        self.assertIn("SECOND-DRIVE", lot.message_ids[0].body)

    def test_a_failed_wipe_never_becomes_passed(self):
        lot = self._register(["INT-W2"])
        lot.action_reboot_start_testing()
        failed = self.env["reboot.wipe"].import_nwipe_json(
            self._nwipe("D-W2", status="failure"), lot_id=lot.id
        )
        with self.assertRefused(UserError, "A failed wipe stays failed"):
            failed.with_user(self.technician).write({"result": "passed"})
        with self.assertRefused(UserError, "A failed wipe stays failed"):
            failed.with_user(self.manager).write(
                {"result": "passed", "change_reason": "sûr de moi"}
            )
        # nor is it renamed or deleted to hide the drive from the gate
        with self.assertRefused(AccessError, "only a manager"):
            failed.with_user(self.technician).write({"drive_serial": "OTHER"})
        with self.assertRefused(AccessError, "only a manager"):
            failed.with_user(self.technician).unlink()
        self.assertEqual(failed.result, "failed")
        self.assertEqual(failed.drive_serial, "D-W2")

    def test_a_passed_wipe_comes_from_its_report(self):
        lot = self._register(["INT-W3"])
        lot.action_reboot_start_testing()
        vals = {"lot_id": lot.id, "drive_serial": "HAND-1", "result": "passed"}
        with self.assertRefused(AccessError, "comes from its nwipe report"):
            self.env["reboot.wipe"].with_user(self.technician).create(vals)
        with self.assertRefused(UserError, "Give the reason"):
            self.env["reboot.wipe"].with_user(self.manager).create(vals)
        self.assertFalse(lot.reboot_wipe_ids)
        # every field of a passed wipe is frozen, not only the proof's
        passed = self.env["reboot.wipe"].import_nwipe_json(
            self._nwipe("D-W3"), lot_id=lot.id
        )
        for field, value in (
            ("drive_size_text", "1TB"),
            ("pass_errors", 3),
            ("duration_seconds", 1),
            ("report_name", "autre.json"),
        ):
            with self.assertRefused(AccessError, "only a manager"):
                passed.with_user(self.technician).write({field: value})
        # the technician's minutes are labour bookkeeping
        passed.with_user(self.technician).minutes = 12
        self.assertEqual(passed.minutes, 12)

    def test_a_manager_corrects_a_wipe_with_a_reason(self):
        lot = self._ready_laptop("INT-W4", drive="D-W4")
        wipe = lot.reboot_wipe_ids
        with self.assertRefused(UserError, "Give the reason"):
            wipe.with_user(self.manager).write({"result": "failed"})
        wipe.with_user(self.manager).write(
            {"result": "failed", "change_reason": "Rapport d'un autre disque"}
        )
        self.assertEqual(lot.reboot_state, "testing")
        self.assertIn("drive D-W4 has no passed wipe", lot.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestPickupProofs(RebootRefurbCommon, TransactionCase):
    def test_received_pickup_donor_and_policy_are_frozen(self):
        other = self.env["res.partner"].create(
            {"name": "Autre donateur", "is_company": True, "is_reboot_donor": True}
        )
        pickup = self.pickup.with_user(self.technician)
        with self.assertRefused(AccessError, "only a manager"):
            pickup.write({"erasure_policy": "donor_removed"})
        with self.assertRefused(AccessError, "only a manager"):
            pickup.write({"donor_id": other.id})
        with self.assertRefused(UserError, "Give the reason"):
            self.pickup.with_user(self.manager).write({"donor_id": other.id})
        self.assertEqual(self.pickup.donor_id, self.donor)
        self.assertEqual(self.pickup.erasure_policy, "consortium")

    def test_a_policy_correction_rechecks_the_devices(self):
        pickup = self._received_pickup([(self.laptop, 1)], "donor_removed")
        lot = self._register(["INT-NODRIVE"], pickup=pickup)
        self._pass_all_tests(lot)
        lot.reboot_grade = "a"
        lot.action_reboot_set_ready()
        with Form(pickup.with_user(self.manager)) as form:
            form.change_reason = "Les disques étaient encore là"
            form.erasure_policy = "consortium"
        self.assertEqual(pickup.erasure_policy, "consortium")
        self.assertEqual(lot.reboot_state, "testing")
        self.assertIn("erasure policy changed", lot.message_ids[0].body)
        self.assertIn("no drive is recorded", lot.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestStateCorrection(RebootRefurbCommon, TransactionCase):
    def test_only_a_manager_corrects_with_a_reason(self):
        lot = self._register(["INT-K1"])
        lot.action_reboot_to_recycling()
        with self.assertRefused(AccessError, "Only a manager"):
            lot.with_user(self.technician).action_reboot_correct_state()
        with self.assertRefused(AccessError, "Only a manager"):
            lot.with_user(self.technician)._reboot_correct_state("testing", "oups")
        action = lot.with_user(self.manager).action_reboot_correct_state()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        wizard_form.state = "testing"
        wizard_form.reason = "Recyclé par erreur, l'écran était bon"
        wizard_form.save().action_correct()
        self.assertEqual(lot.reboot_state, "testing")
        self.assertIn("Recyclé par erreur", lot.message_ids[0].body)
        self.assertIn("Recycled", lot.message_ids[0].body)

    def test_a_correction_to_ready_still_passes_the_gate(self):
        lot = self._register(["INT-K2"])
        lot.action_reboot_start_testing()
        with self.assertRefused(UserError, "cannot be ready"):
            lot.with_user(self.manager)._reboot_correct_state("ready", "pressé")
        with self.assertRefused(UserError, "Give the reason"):
            lot.with_user(self.manager)._reboot_correct_state("wiped", " ")
        self.assertEqual(lot.reboot_state, "testing")
