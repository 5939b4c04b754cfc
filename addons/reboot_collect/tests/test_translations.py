from odoo.tests import TransactionCase, tagged

from odoo.addons.reboot_base.tests.common import untranslated_terms


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_collect")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")

    def test_french_ui(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search(
            [("name", "=", "reboot_collect")]
        )._update_translations(["fr_FR"])
        pickup_fr = self.env["reboot.pickup"].with_context(lang="fr_FR")
        states = dict(pickup_fr._fields["state"]._description_selection(pickup_fr.env))
        self.assertEqual(states["received"], "Réceptionnée")
        laptop = self.env.ref("reboot_collect.device_type_laptop").with_context(
            lang="fr_FR"
        )
        self.assertEqual(laptop.name, "Ordinateur portable")
