from odoo.tests import HttpCase, tagged


def hoot_id(name):
    """The id by which Odoo's test page (/web/tests) runs a suite of unit
    tests (web/tests/test_js.py, HOOTCommon._generate_hash)."""
    value = 0
    for char in name:
        value = ((value << 5) - value + ord(char)) & 0xFFFFFFFF
    return f"{value:08x}"


@tagged("post_install", "-at_install")
class TestJobPage(HttpCase):
    def test_job_page_follows_the_job(self):
        """static/tests/job_progress.test.js: the job's page shows its
        progress, then its end, as the job tells the browser (bus)."""
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&id={hoot_id('@reboot_base')}",
            "",
            "",
            login="admin",
            timeout=900,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=lambda message: "[HOOT]" not in message,
        )
