from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.reboot_collect.tests.common import untranslated_terms


@tagged("post_install", "-at_install")
class TestImpactAccess(TransactionCase):
    def _visible_menus(self, groups):
        user = new_test_user(self.env, login=f"user_{groups[-12:]}", groups=groups)
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_impact_is_for_managers(self):
        impact = self.env.ref("reboot_collect.reboot_impact_section_menu")
        co2 = self.env.ref("reboot_impact.reboot_device_type_co2_menu")
        manager_menus = self._visible_menus("reboot_collect.group_reboot_manager")
        self.assertIn(impact.id, manager_menus)
        self.assertIn(co2.id, manager_menus)
        for group in (
            "reboot_collect.group_reboot_technician",
            "reboot_collect.group_reboot_mediator",
        ):
            self.assertNotIn(impact.id, self._visible_menus(group))

    def test_co2_factors_shipped_with_their_source(self):
        laptop = self.env.ref("reboot_collect.device_type_laptop")
        self.assertAlmostEqual(laptop.co2_manufacturing_kg, 182.3)
        self.assertAlmostEqual(laptop.co2_saving_per_year_kg, 27.0)
        self.assertIn("ADEME", laptop.co2_source)
        self.assertEqual(laptop.co2_year, 2025)

    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_impact")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")
