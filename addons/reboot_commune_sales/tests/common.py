import json

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.reboot_base.tests.common import RefusalMixin
from odoo.addons.reboot_refurb.demo_loader import nwipe_report


class RebootCommuneCommon(RefusalMixin):
    """Two communes with an officer each, and ready devices in stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Whatever other data hold, only this test's devices are ready.
        cls.env["stock.lot"].search([("reboot_state", "=", "ready")])._reboot_set_state(
            "testing"
        )
        cls.laptop = cls.env.ref("reboot_collect.device_type_laptop")
        cls.monitor = cls.env.ref("reboot_collect.device_type_monitor")
        cls.pricelist = cls.env.ref("reboot_commune_sales.pricelist_communes")
        cls.manager = new_test_user(
            cls.env,
            login="cs_manager",
            groups="reboot_base.group_reboot_manager,sales_team.group_sale_manager",
        )
        Partner = cls.env["res.partner"]
        cls.commune_a, cls.commune_b = Partner.create(
            [
                {
                    "name": "Commune A",
                    "is_company": True,
                    "is_commune": True,
                    "insee_code": "76001",
                    "company_registry": "21760540100009",
                    "chorus_service_code": "SERV-A",
                    "property_product_pricelist": cls.pricelist.id,
                },
                {
                    "name": "Commune B",
                    "is_company": True,
                    "is_commune": True,
                    "insee_code": "76002",
                    "property_product_pricelist": cls.pricelist.id,
                },
            ]
        )
        cls.officer_a = new_test_user(
            cls.env,
            login="officer_a",
            password="officer_a",
            groups="base.group_portal",
            name="Officer A",
            parent_id=cls.commune_a.id,
            email="officer.a@a.example",
        )
        cls.officer_b = new_test_user(
            cls.env,
            login="officer_b",
            password="officer_b",
            groups="base.group_portal",
            name="Officer B",
            parent_id=cls.commune_b.id,
            email="officer.b@b.example",
        )
        donor = Partner.create(
            {"name": "Donor", "is_company": True, "is_reboot_donor": True}
        )
        cls.pickup = cls.env["reboot.pickup"].create(
            {
                "donor_id": donor.id,
                "scheduled_date": "2026-11-02 09:00:00",
                "driver_id": cls.env.user.id,
                "line_ids": [
                    Command.create(
                        {"device_type_id": cls.laptop.id, "qty_declared": 6}
                    ),
                    Command.create(
                        {"device_type_id": cls.monitor.id, "qty_declared": 2}
                    ),
                ],
            }
        )
        cls.pickup.action_schedule()
        cls.pickup.action_collect()
        cls.pickup.line_ids.write({"qty_received": 6})
        cls.pickup.action_receive()
        Intake = cls.env["reboot.intake.wizard"]
        cls.lots = cls.env["stock.lot"].browse(
            Intake.register_serials(
                cls.pickup.id,
                [
                    {"serial": f"CS-LT-{i}", "type": "laptop", "ram_gb": str(4 + 4 * i)}
                    for i in range(1, 6)
                ]
                + [{"serial": "CS-MN-1", "type": "monitor", "screen_inch": "22"}],
            )
        )
        # Oldest first: CS-LT-1 .. CS-LT-3 grade A, CS-LT-4 grade B, CS-LT-5 stays
        # in testing, the monitor grade C.
        cls.ready = cls.lots.filtered(lambda lot: lot.name != "CS-LT-5")
        for lot, grade in zip(cls.ready, "aaabc", strict=True):
            cls._make_ready(lot, grade)
        cls.not_ready = cls.lots - cls.ready
        cls.not_ready.action_reboot_start_testing()

    @classmethod
    def _make_ready(cls, lot, grade):
        lot.action_reboot_start_testing()
        lot.reboot_test_ids.write({"result": "pass"})
        if lot.reboot_holds_data:
            report = nwipe_report(f"D-{lot.name}")
            cls.env["reboot.wipe"].import_nwipe_json(json.dumps(report), lot_id=lot.id)
            lot.action_reboot_mark_wiped()
        lot.reboot_grade = grade
        lot.action_reboot_set_ready()

    @classmethod
    def _order(cls, officer, lines):
        return cls.env["sale.order"]._reboot_create_quote_request(
            officer.partner_id, lines, "", False
        )

    def _deliver(self, order):
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        picking.move_ids.picked = True
        picking.button_validate()
        return picking
