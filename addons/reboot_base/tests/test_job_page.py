from odoo.tests import HttpCase, tagged

# the module, not its test classes: they would run here too
from odoo.addons.web.tests import test_js


@tagged("post_install", "-at_install")
class TestJobPage(HttpCase):
    def test_job_page_follows_the_job(self):
        """static/tests/job_progress.test.js: the job's page shows its
        progress, then its end, as the job tells the browser (bus)."""
        # the id by which Odoo's test page runs a suite of unit tests
        suite = test_js.HOOTCommon._generate_hash(None, "@reboot_base")
        self.browser_js(
            "/web/tests?headless&loglevel=2&preset=desktop&timeout=15000"
            f"&id={suite}",
            "",
            "",
            login="admin",
            timeout=900,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=test_js.unit_test_error_checker,
        )
