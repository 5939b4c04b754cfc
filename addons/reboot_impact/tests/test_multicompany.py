from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.reboot_refurb.tests.common import RebootRefurbCommon


@tagged("post_install", "-at_install")
class TestMultiCompany(RebootRefurbCommon, TransactionCase):
    """The consortium's members are companies of one database: each sees its
    own records only, and no record links records of two companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Membre B (test)"})
        manager = "reboot_base.group_reboot_manager,base.group_multi_company"
        cls.manager_b = new_test_user(
            cls.env,
            login="mc_manager_b",
            groups=manager,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )
        cls.manager_ab = new_test_user(
            cls.env,
            login="mc_manager_ab",
            groups=manager,
            company_id=cls.company_a.id,
            company_ids=[Command.set((cls.company_a | cls.company_b).ids)],
        )
        # company A's records: devices tested and wiped, a placement, a grant
        cls.lots = cls._register(cls, ["MC-1", "MC-2"])
        cls.lots.action_reboot_start_testing()
        cls.employee_a = cls.env["hr.employee"].create(
            {"name": "Stagiaire A", "company_id": cls.company_a.id}
        )
        cls.employee_b = cls.env["hr.employee"].create(
            {"name": "Stagiaire B", "company_id": cls.company_b.id}
        )
        cls.placement_a = cls.env["reboot.placement"].create(
            {
                "employee_id": cls.employee_a.id,
                "date_start": "2026-03-02",
                "date_end": "2026-03-27",
            }
        )
        cls.funder = cls.env["res.partner"].create({"name": "Métropole"})
        cls.grant_a = cls.env["reboot.grant"].create(
            {
                "name": "Subvention A",
                "funder_id": cls.funder.id,
                "amount": 82000,
                "date_from": "2026-01-01",
                "date_to": "2027-12-31",
            }
        )
        # a partner that belongs to company B only
        cls.partner_b = cls.env["res.partner"].create(
            {
                "name": "Donateur de B",
                "is_company": True,
                "is_reboot_donor": True,
                "company_id": cls.company_b.id,
            }
        )

    def test_a_member_sees_only_its_own_records(self):
        as_b = {
            model: self.env[model].with_user(self.manager_b)
            for model in (
                "reboot.pickup",
                "reboot.pickup.line",
                "reboot.test.result",
                "reboot.placement",
                "reboot.grant",
                "stock.lot",
            )
        }
        for model, records in (
            ("reboot.pickup", self.pickup),
            ("reboot.pickup.line", self.pickup.line_ids),
            ("reboot.test.result", self.lots.reboot_test_ids),
            ("reboot.placement", self.placement_a),
            ("reboot.grant", self.grant_a),
            ("stock.lot", self.lots),
        ):
            with self.subTest(model=model):
                self.assertTrue(records)
                self.assertFalse(as_b[model].search([("id", "in", records.ids)]))
                with self.assertRaises(AccessError):
                    records.with_user(self.manager_b).read(["display_name"])
        # and the other way round: B's grant is not A's
        grant_b = (
            self.env["reboot.grant"]
            .with_user(self.manager_b)
            .create(
                {
                    "name": "Subvention B",
                    "funder_id": self.funder.id,
                    "amount": 1000,
                    "date_from": "2026-01-01",
                    "date_to": "2026-12-31",
                }
            )
        )
        self.assertEqual(grant_b.company_id, self.company_b)
        manager_a = self.manager.with_context(allowed_company_ids=self.company_a.ids)
        self.assertNotIn(
            grant_b, self.env["reboot.grant"].with_user(manager_a).search([])
        )

    def test_a_new_member_receives_and_registers_its_own_devices(self):
        """A company created for a new member gets its warehouse's donor
        pickups operation type and triage location: its devices are its own."""
        warehouse_b = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_b.id)]
        )
        self.assertEqual(
            warehouse_b.reboot_donor_pickup_type_id.company_id, self.company_b
        )
        self.assertEqual(
            warehouse_b.reboot_donor_pickup_type_id.default_location_dest_id,
            warehouse_b.reboot_triage_loc_id,
        )
        self.assertEqual(
            warehouse_b.reboot_triage_loc_id.location_id, warehouse_b.lot_stock_id
        )
        Pickup = self.env["reboot.pickup"].with_user(self.manager_b)
        # company A's technician does not drive for company B
        with self.assertRefused(UserError, "Incompatible companies"):
            Pickup.create(
                {
                    "donor_id": self.donor.id,
                    "driver_id": self.technician.id,
                    "line_ids": self._one_laptop(),
                }
            )
        pickup = Pickup.create(
            {
                "donor_id": self.donor.id,
                "driver_id": self.manager_b.id,
                "scheduled_date": "2026-11-02 09:00:00",
                "line_ids": self._one_laptop(),
            }
        )
        pickup.action_schedule()
        pickup.action_collect()
        pickup.line_ids.qty_received = 1
        pickup.action_receive()
        self.assertEqual(pickup.picking_id.company_id, self.company_b)
        lot = self.env["stock.lot"].browse(
            self.env["reboot.intake.wizard"]
            .with_user(self.manager_b)
            .register_serials(pickup.id, ["MC-B-1"], device_type_code="laptop")
        )
        self.assertEqual(lot.company_id, self.company_b)
        # company A's users do not see B's device, B's users not A's
        as_a = self.env["stock.lot"].with_user(self.technician)
        self.assertFalse(as_a.search([("id", "=", lot.id)]))
        as_b = self.env["stock.lot"].with_user(self.manager_b)
        self.assertFalse(as_b.search([("id", "in", self.lots.ids)]))

    def test_to_dos_go_to_the_managers_of_the_company(self):
        """A request to schedule or a quote to review is a to-do for the
        managers who work in the record's company, never another member's."""
        managers_a = self.company_a._reboot_managers()
        self.assertIn(self.manager, managers_a)
        self.assertIn(self.manager_ab, managers_a)
        self.assertNotIn(self.manager_b, managers_a)
        self.assertNotIn(self.technician, managers_a)
        managers_b = self.company_b._reboot_managers()
        self.assertIn(self.manager_b, managers_b)
        self.assertNotIn(self.manager, managers_b)

    def _one_laptop(self):
        return [Command.create({"device_type_id": self.laptop.id, "qty_declared": 1})]

    def test_no_record_links_two_companies(self):
        env = self.env(
            user=self.manager_ab,
            context=dict(
                self.env.context,
                allowed_company_ids=(self.company_a | self.company_b).ids,
            ),
        )
        # a pickup of company A for a donor of company B
        with self.assertRefused(UserError, "Incompatible companies"):
            env["reboot.pickup"].create(
                {
                    "company_id": self.company_a.id,
                    "donor_id": self.partner_b.id,
                    "line_ids": self._one_laptop(),
                }
            )
        # company A's device tested or wiped by company B's trainee
        with self.assertRefused(UserError, "Incompatible companies"):
            self.lots[0].reboot_test_ids[0].with_env(env).employee_id = self.employee_b
        with self.assertRefused(UserError, "Incompatible companies"):
            env["reboot.wipe"].create(
                {
                    "lot_id": self.lots[0].id,
                    "drive_serial": "MC-DRIVE",
                    "result": "failed",
                    "employee_id": self.employee_b.id,
                }
            )
        # a placement of company B for company A's trainee, with a tutor of A
        with self.assertRefused(UserError, "Incompatible companies"):
            env["reboot.placement"].create(
                {
                    "company_id": self.company_b.id,
                    "employee_id": self.employee_a.id,
                    "date_start": fields.Date.today(),
                    "date_end": fields.Date.today(),
                }
            )
        # a grant of company A from company B's partner
        with self.assertRefused(UserError, "Incompatible companies"):
            self.grant_a.with_env(env).funder_id = self.partner_b
        # shared partners (no company) are everybody's
        pickup = env["reboot.pickup"].create(
            {
                "company_id": self.company_b.id,
                "donor_id": self.donor.id,
                "line_ids": self._one_laptop(),
            }
        )
        self.assertEqual(pickup.company_id, self.company_b)
