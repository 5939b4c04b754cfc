from psycopg2 import IntegrityError

from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestDeviceType(TransactionCase):
    def test_one_active_type_per_code_any_number_archived(self):
        """A manager replaces a device type (new CO2 factors) and archives the
        old one, as many times as the factors change."""
        DeviceType = self.env["reboot.device.type"]
        laptop = DeviceType.search([("code", "=", "laptop")]) or DeviceType.create(
            {"name": "Portable", "code": "laptop"}
        )
        for year in (2024, 2025):
            laptop.active = False
            laptop.flush_recordset()
            laptop = DeviceType.create(
                {"name": f"Portable ({year})", "code": "laptop", "co2_year": year}
            )
        self.assertEqual(
            DeviceType.with_context(active_test=False).search_count(
                [("code", "=", "laptop"), ("active", "=", False)]
            ),
            2,
        )
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            DeviceType.create({"name": "Portable bis", "code": "laptop"})
