from psycopg2.errors import UniqueViolation

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import RebootCommuneCommon


@tagged("post_install", "-at_install")
class TestAllocation(RebootCommuneCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        order = cls._order(cls.officer_a, {(cls.laptop, "a"): 2})
        cls._deliver(cls, order)
        cls.sold = order.picking_ids.move_line_ids.lot_id
        cls.Allocation = cls.env["reboot.allocation"]

    def _allocate(self, lot, commune=None, **vals):
        return self.Allocation.create(
            {
                "lot_id": lot.id,
                "commune_id": (commune or self.commune_a).id,
                "beneficiary_type": "school",
                "beneficiary_name": "École Jean Jaurès",
                **vals,
            }
        )

    def test_allocating_a_delivered_device(self):
        allocation = self._allocate(self.sold[0])
        self.assertEqual(self.sold[0].reboot_state, "allocated")
        self.assertEqual(self.sold[0].reboot_allocation_id, allocation)
        self.assertTrue(allocation.sale_order_id)

    def test_a_sold_device_stays_with_its_commune(self):
        technician = new_test_user(
            self.env,
            login="alloc_tech",
            groups="reboot_base.group_reboot_technician",
        )
        lot = self.sold[0]
        for user in (technician, self.manager):
            for vals in (
                {"reboot_commune_id": self.commune_b.id},
                {"reboot_sale_date": "2020-01-01"},
                {"reboot_state": "allocated"},
            ):
                with self.assertRefused(UserError, lot.name):
                    lot.with_user(user).write(vals)
        self.assertEqual(
            (lot.reboot_commune_id, lot.reboot_state), (self.commune_a, "sold")
        )
        # so commune B cannot allocate it
        with self.assertRefused(ValidationError, "was not delivered to Commune B"):
            self._allocate(lot, commune=self.commune_b)

    def test_only_sold_devices_of_that_commune(self):
        with self.assertRefused(ValidationError, "was not delivered to Commune B"):
            self._allocate(self.sold[0], commune=self.commune_b)
        ready = self.ready.filtered(lambda lot: lot.reboot_state == "ready")[:1]
        with self.assertRefused(ValidationError, "was not delivered"):
            self._allocate(ready)
        self.assertEqual(self.sold[0].reboot_state, "sold")

    def test_one_allocation_per_device(self):
        self._allocate(self.sold[0])
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self._allocate(self.sold[0])
            self.env.flush_all()

    def test_families_stay_anonymous(self):
        with self.assertRefused(ValidationError, "anonymous household reference"):
            self._allocate(
                self.sold[0], beneficiary_type="family", beneficiary_name=False
            )
        with self.assertRefused(ValidationError, "never by name"):
            self._allocate(
                self.sold[0],
                beneficiary_type="family",
                beneficiary_name="Famille Martin",
                household_ref="FAM-1",
            )
        allocation = self._allocate(
            self.sold[0],
            beneficiary_type="family",
            beneficiary_name=False,
            household_ref="FAM-2026-014",
        )
        self.assertEqual(allocation.household_ref, "FAM-2026-014")

    def test_manager_cancels_an_allocation_from_its_form(self):
        allocation = self._allocate(self.sold[0])
        technician = new_test_user(
            self.env,
            login="alloc_tech2",
            groups="reboot_base.group_reboot_technician",
        )
        with self.assertRefused(UserError, "only a manager"):
            allocation.with_user(technician).action_reboot_delete_with_reason()
        action = allocation.with_user(self.manager).action_reboot_delete_with_reason()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        self.assertIn(self.sold[0].name, wizard.summary)
        wizard.reason = "Ordinateur rendu par l'école"
        back = wizard.save().action_delete()
        self.assertFalse(allocation.exists())
        self.assertEqual(self.sold[0].reboot_state, "sold")
        self.assertIn("Ordinateur rendu", self.sold[0].message_ids[0].body)
        self.assertEqual(
            (back["res_model"], back["res_id"]), ("stock.lot", self.sold[0].id)
        )

    def test_changes_only_by_a_manager_with_a_reason(self):
        allocation = self._allocate(self.sold[0])
        technician = self.env["res.users"].create(
            {
                "name": "Tech",
                "login": "alloc_tech",
                "groups_id": [
                    (6, 0, [self.env.ref("reboot_base.group_reboot_technician").id])
                ],
            }
        )
        with self.assertRefused(UserError, "only a manager"):
            allocation.with_user(technician).write({"beneficiary_name": "Autre"})
        as_manager = allocation.with_user(self.manager)
        with self.assertRefused(UserError, "reason"):
            as_manager.write({"beneficiary_name": "Autre école"})
        as_manager.write(
            {"beneficiary_name": "Autre école", "change_reason": "Erreur de saisie"}
        )
        self.assertEqual(allocation.beneficiary_name, "Autre école")
        with self.assertRefused(UserError, "reason"):
            as_manager.unlink()
        as_manager.with_context(reboot_change_reason="Appareil rendu").unlink()
        self.assertEqual(self.sold[0].reboot_state, "sold")
