import json

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.reboot_base.tests.common import RefusalMixin

from ..demo_loader import nwipe_report


class RebootRefurbCommon(RefusalMixin):
    """A received pickup and users; devices are registered through the intake."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        cls.technician = new_test_user(
            cls.env,
            login="refurb_tech",
            groups="reboot_base.group_reboot_technician",
        )
        cls.manager = new_test_user(
            cls.env,
            login="refurb_manager",
            groups="reboot_base.group_reboot_manager",
        )
        cls.laptop = cls.env.ref("reboot_collect.device_type_laptop")
        cls.desktop = cls.env.ref("reboot_collect.device_type_desktop")
        cls.monitor = cls.env.ref("reboot_collect.device_type_monitor")
        cls.donor = cls.env["res.partner"].create(
            {"name": "Banque Test", "is_company": True, "is_reboot_donor": True}
        )
        cls.pickup = cls._received_pickup([(cls.laptop, 5), (cls.monitor, 2)])

    @classmethod
    def _received_pickup(cls, lines, erasure_policy="consortium"):
        pickup = cls.env["reboot.pickup"].create(
            {
                "donor_id": cls.donor.id,
                "erasure_policy": erasure_policy,
                "scheduled_date": "2026-11-02 09:00:00",
                "driver_id": cls.technician.id,
                "line_ids": [
                    Command.create({"device_type_id": t.id, "qty_declared": qty})
                    for t, qty in lines
                ],
            }
        )
        pickup.action_schedule()
        pickup.action_collect()
        for line in pickup.line_ids:
            line.qty_received = line.qty_declared
        pickup.action_receive()
        return pickup

    def _register(self, rows, pickup=None, device_type=None, validate=False):
        ids = (
            self.env["reboot.intake.wizard"]
            .with_user(self.technician)
            .register_serials(
                (pickup or self.pickup).id,
                rows,
                device_type_code=(device_type or self.laptop).code,
                validate=validate,
            )
        )
        return self.env["stock.lot"].browse(ids)

    def _pass_all_tests(self, lots):
        lots.action_reboot_start_testing()
        lots.reboot_test_ids.write({"result": "pass", "minutes": 2})

    @staticmethod
    def _nwipe(serial, status="success", **result):
        return json.dumps(nwipe_report(serial, status, **result))
