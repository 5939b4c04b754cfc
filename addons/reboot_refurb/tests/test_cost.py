from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from .common import RebootRefurbCommon


@tagged("post_install", "-at_install")
class TestCost(RebootRefurbCommon, TransactionCase):
    def test_cost_is_parts_plus_labour(self):
        self.env.company.reboot_labour_hourly_cost = 30.0
        lot = self._register(["COST-1"])
        lot.action_reboot_start_testing()
        lot.reboot_test_ids.write({"result": "pass", "minutes": 0})
        lot.reboot_test_ids[:2].write({"minutes": 10})  # 20 minutes of tests
        self.env["reboot.wipe"].import_nwipe_json(
            self._nwipe("COST-DRV"), lot_id=lot.id
        )
        lot.reboot_wipe_ids.minutes = 15
        lot.reboot_grading_minutes = 5
        screen = self.env["product.product"].create(
            {"name": "Dalle 14 pouces", "is_storable": True, "standard_price": 42.5}
        )
        repair = self.env["repair.order"].create(
            {
                "product_id": lot.product_id.id,
                "lot_id": lot.id,
                "reboot_minutes": 20,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": screen.id,
                            "product_uom_qty": 2,
                            "repair_line_type": "add",
                        },
                    )
                ],
            }
        )
        self.assertEqual(repair.lot_id, lot)
        lot.invalidate_recordset()
        self.assertEqual(lot.reboot_labour_minutes, 20 + 15 + 5 + 20)
        self.assertAlmostEqual(lot.reboot_cost_labour, 60 / 60 * 30.0)
        self.assertAlmostEqual(lot.reboot_cost_parts, 85.0)
        self.assertAlmostEqual(lot.reboot_cost, 115.0)

    def test_placement_dates(self):
        trainee = self.env["hr.employee"].create(
            {"name": "Stagiaire", "employee_type": "trainee"}
        )
        placement = self.env["reboot.placement"].create(
            {
                "employee_id": trainee.id,
                "date_start": "2026-11-02",
                "date_end": "2026-11-27",
                "hours": 105,
            }
        )
        self.assertEqual(placement.outcome, "ongoing")
        with self.assertRaises(ValidationError):
            placement.date_end = "2026-10-01"
