from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged

from .common import RebootRefurbCommon


@tagged("post_install", "-at_install")
class TestBench(RebootRefurbCommon, TransactionCase):
    """The bench view a device's QR label opens: state, next step, checklist
    in one click, data erasure."""

    def setUp(self):
        super().setUp()
        self.lot = self._register(["BENCH-1"]).with_user(self.technician)
        self.bench = self.env.ref("reboot_refurb.stock_lot_view_form_bench")

    def _form(self):
        return Form(self.lot, view=self.bench)

    def test_the_qr_label_opens_the_bench(self):
        url = self.lot._reboot_qr_url()
        self.assertIn("/odoo/action-reboot_refurb.stock_lot_action_bench/", url)
        action = self.env.ref("reboot_refurb.stock_lot_action_bench")
        self.assertEqual(
            action.view_ids.filtered(lambda v: v.view_mode == "form").view_id,
            self.bench,
        )

    def test_next_step_follows_the_device(self):
        lot = self.lot
        self.assertEqual(lot.reboot_next_step, "Start testing: its checklist opens.")
        lot.action_reboot_start_testing()
        items = len(lot.reboot_test_ids)
        self.assertGreater(items, 3)
        self.assertEqual(lot.reboot_tests_left, items)
        self.assertIn(f"{items} checks left", lot.reboot_next_step)
        lot.reboot_test_ids[0].action_reboot_fail()
        self.assertEqual(
            lot.reboot_next_step,
            "A check failed: repair the device, or send it to parts.",
        )
        lot.reboot_test_ids[0].action_reboot_pass()
        lot.action_reboot_all_passed()
        self.assertEqual(
            lot.reboot_next_step, "Erase its drives and import the nwipe report."
        )
        self.assertEqual(lot.reboot_erasure_status, "not_erased")
        self.env["reboot.wipe"].with_user(self.technician).import_nwipe_json(
            self._nwipe("BENCH-DRIVE"), lot_id=lot.id
        )
        self.assertEqual(lot.reboot_erasure_status, "erased")
        self.assertEqual(lot.reboot_next_step, "Its data is erased: mark it wiped.")
        lot.action_reboot_mark_wiped()
        self.assertEqual(lot.reboot_next_step, "Choose its grade, then mark it ready.")
        lot.reboot_grade = "b"
        lot.action_reboot_set_ready()
        self.assertEqual(lot.reboot_next_step, "Ready: it waits for a commune's order.")

    def test_all_passed_in_one_click_keeps_a_failed_check(self):
        self.lot.action_reboot_start_testing()
        failed, *others = self.lot.reboot_test_ids
        failed.action_reboot_fail()
        self.lot.action_reboot_all_passed()
        self.assertEqual(failed.result, "fail")
        self.assertEqual({r.result for r in others}, {"pass"})
        self.assertTrue(self.lot.reboot_test_failed)
        self.assertEqual(self.lot.reboot_tests_left, 0)
        # the failure is in the device's history, by whom it was marked
        self.assertIn(
            failed.item_id.name, self.lot.message_ids[:3].mapped("preview")[0]
        )

    def test_all_passed_only_in_testing(self):
        with self.assertRaises(UserError):
            self.lot.action_reboot_all_passed()
        self.assertFalse(self.lot.reboot_test_ids)

    def test_the_bench_form_opens_and_saves_as_a_technician(self):
        self.lot.action_reboot_start_testing()
        with self._form() as form:
            self.assertEqual(form.reboot_state, "testing")
            form.reboot_grade = "a"
        self.assertEqual(self.lot.reboot_grade, "a")

    def test_no_storage_no_erasure_to_do(self):
        [monitor] = self._register(["BENCH-MN"], device_type=self.monitor)
        monitor = monitor.with_user(self.technician)
        self.assertEqual(monitor.reboot_erasure_status, "no_storage")
        monitor.action_reboot_start_testing()
        monitor.action_reboot_all_passed()
        self.assertEqual(
            monitor.reboot_next_step, "Choose its grade, then mark it ready."
        )
