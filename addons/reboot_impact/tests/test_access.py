from odoo.exceptions import AccessError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.reboot_base.tests.common import untranslated_terms


@tagged("post_install", "-at_install")
class TestImpactAccess(TransactionCase):
    def _visible_menus(self, groups):
        user = new_test_user(self.env, login=f"user_{groups[-12:]}", groups=groups)
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_impact_is_for_managers(self):
        impact = self.env.ref("reboot_impact.reboot_impact_section_menu")
        co2 = self.env.ref("reboot_impact.reboot_device_type_co2_menu")
        manager_menus = self._visible_menus("reboot_base.group_reboot_manager")
        self.assertIn(impact.id, manager_menus)
        self.assertIn(co2.id, manager_menus)
        for group in (
            "reboot_base.group_reboot_technician",
            "reboot_base.group_reboot_mediator",
        ):
            self.assertNotIn(impact.id, self._visible_menus(group))

    def test_co2_factors_shipped_with_their_source(self):
        laptop = self.env.ref("reboot_collect.device_type_laptop")
        self.assertAlmostEqual(laptop.co2_manufacturing_kg, 182.3)
        self.assertAlmostEqual(laptop.co2_saving_per_year_kg, 27.0)
        self.assertIn("ADEME", laptop.co2_source)
        self.assertEqual(laptop.co2_year, 2025)

    def test_managers_change_their_company_settings(self):
        """A Reboot manager (no administrator) sets the suite's settings of
        their company; nobody else does, nor for another company."""
        company = self.env.company
        manager = new_test_user(
            self.env,
            login="settings_manager",
            groups="reboot_base.group_reboot_manager",
        )
        form = Form(self.env["reboot.settings"].with_user(manager))
        self.assertEqual(form.reboot_target_devices, company.reboot_target_devices)
        form.reboot_target_devices = 1200
        form.reboot_labour_hourly_cost = 24.5
        form.reboot_retention_days = 365
        form.reboot_may_issue_tax_receipts = True
        form.reboot_tax_receipt_signatory = "Hélène Garnier"
        form.reboot_tax_receipt_signatory_function = "Présidente"
        form.reboot_tax_receipt_quality = "integration_workshop"
        form.reboot_public_cession_ceiling = 250.0
        form.save().action_save()
        self.assertRecordValues(
            company,
            [
                {
                    "reboot_target_devices": 1200,
                    "reboot_labour_hourly_cost": 24.5,
                    "reboot_retention_days": 365,
                    "reboot_may_issue_tax_receipts": True,
                    "reboot_tax_receipt_signatory": "Hélène Garnier",
                    "reboot_tax_receipt_signatory_function": "Présidente",
                    "reboot_tax_receipt_quality": "integration_workshop",
                    "reboot_public_cession_ceiling": 250.0,
                }
            ],
        )
        with self.assertRaises(AccessError):
            technician = new_test_user(
                self.env,
                login="settings_technician",
                groups="reboot_base.group_reboot_technician",
            )
            self.env["reboot.settings"].with_user(technician).create({})
        other = self.env["res.company"].create({"name": "Autre membre (test)"})
        settings = (
            self.env["reboot.settings"]
            .with_user(manager)
            .create({"company_id": other.id, "reboot_target_devices": 1})
        )
        with self.assertRaises(AccessError):
            settings.action_save()
        self.assertNotEqual(other.reboot_target_devices, 1)

    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_impact")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")


@tagged("post_install", "-at_install")
class TestNoPricesAtTheBench(TransactionCase):
    """docs/SECURITY.md: technicians and mediators see no price, cost, value or
    hourly rate, and no beneficiary's contact; managers see them all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"price_{role}",
                groups=f"reboot_base.group_reboot_{role}",
            )
            for role in ("technician", "mediator", "manager")
        }
        commune = cls.env["res.partner"].create(
            {"name": "Commune P", "is_company": True, "is_commune": True}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": commune.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": cls.env.ref(
                                "reboot_collect.device_type_laptop"
                            ).product_id.id,
                            "price_unit": 149.0,
                        },
                    )
                ],
            }
        )

    def test_hourly_labour_cost_is_a_managers_figure(self):
        company = self.env.company
        for role in ("technician", "mediator"):
            user = self.users[role]
            with self.assertRaises(AccessError, msg=role):
                company.with_user(user).read(["reboot_labour_hourly_cost"])
            self.assertNotIn(
                "reboot_labour_hourly_cost",
                company.with_user(user).fields_get(),
                role,
            )
        rate = company.with_user(self.users["manager"]).reboot_labour_hourly_cost
        self.assertGreater(rate, 0)

    def test_technicians_see_no_commune_order(self):
        technician = self.users["technician"]
        Order = self.env["sale.order"].with_user(technician)
        self.assertFalse(Order.search([("id", "=", self.order.id)]))
        with self.assertRaises(AccessError):
            self.order.with_user(technician).read(["amount_total"])
        with self.assertRaises(AccessError):
            self.order.order_line.with_user(technician).read(["price_unit"])
        manager = self.users["manager"]
        self.assertEqual(self.order.with_user(manager).amount_untaxed, 149.0)

    def test_beneficiary_contact_is_for_managers(self):
        field = "contact_email"
        for role in ("technician", "mediator"):
            fields = (
                self.env["reboot.allocation"].with_user(self.users[role]).fields_get()
            )
            self.assertNotIn(field, fields, role)
            self.assertIn("beneficiary_type", fields, role)
        manager_fields = (
            self.env["reboot.allocation"].with_user(self.users["manager"]).fields_get()
        )
        self.assertIn(field, manager_fields)

    def test_device_costs_are_for_managers(self):
        Lot = self.env["stock.lot"]
        for role in ("technician", "mediator"):
            fields = Lot.with_user(self.users[role]).fields_get()
            self.assertIn("reboot_labour_minutes", fields, role)
            for name in ("reboot_cost", "reboot_cost_labour", "reboot_cost_parts"):
                self.assertNotIn(name, fields, role)
