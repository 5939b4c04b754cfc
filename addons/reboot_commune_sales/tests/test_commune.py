from psycopg2.errors import UniqueViolation

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from odoo.addons.reboot_base.tests.common import untranslated_terms


@tagged("post_install", "-at_install")
class TestCommune(TransactionCase):
    def _commune(self, name, insee_code):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "is_commune": True,
                "insee_code": insee_code,
            }
        )

    def test_insee_code_is_checked(self):
        rouen = self._commune("Évreux", "27056")
        self.assertEqual(rouen.insee_code, "27056")
        self.assertEqual(self._commune("Ajaccio", "2A004").insee_code, "2A004")
        for wrong in ("7654", "765400", "ABCDE", "2C004"):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self._commune("Nowhere", wrong)

    def test_insee_code_is_unique(self):
        self._commune("Évreux", "27056")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self._commune("Évreux bis", "27056")
            self.env.flush_all()

    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_commune_sales")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")
