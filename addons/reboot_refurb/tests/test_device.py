from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.reboot_collect.tests.common import untranslated_terms


@tagged("post_install", "-at_install")
class TestDevice(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.laptop = cls.env.ref("reboot_collect.device_type_laptop")
        cls.technician = new_test_user(
            cls.env,
            login="refurb_tech",
            groups="reboot_collect.group_reboot_technician",
        )

    def _lot(self, product, name):
        return (
            self.env["stock.lot"]
            .with_user(self.technician)
            .create({"name": name, "product_id": product.id})
        )

    def test_new_device_starts_in_intake_with_its_type(self):
        lot = self._lot(self.laptop.product_id, "SN-LAPTOP-1")
        self.assertEqual(lot.reboot_state, "intake")
        self.assertEqual(lot.reboot_device_type_id, self.laptop)

    def test_other_products_are_not_devices(self):
        product = self.env["product.product"].create(
            {"name": "Câble", "is_storable": True, "tracking": "lot"}
        )
        lot = self._lot(product, "LOT-CABLE")
        self.assertFalse(lot.reboot_device_type_id)
        laptop = self._lot(self.laptop.product_id, "SN-LAPTOP-0")
        devices = self.env["stock.lot"].search([("reboot_device_type_id", "!=", False)])
        self.assertNotIn(lot, devices, "The Devices menu lists devices only")
        self.assertIn(laptop, devices)

    def test_state_change_is_tracked(self):
        lot = self._lot(self.laptop.product_id, "SN-LAPTOP-2")
        self.env.flush_all()
        self.env.cr.precommit.run()
        lot.reboot_state = "testing"
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "stock.lot"),
                ("mail_message_id.res_id", "=", lot.id),
                ("field_id.name", "=", "reboot_state"),
            ]
        )
        self.assertEqual(
            (tracked.old_value_char, tracked.new_value_char), ("Intake", "Testing")
        )

    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_refurb")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")
