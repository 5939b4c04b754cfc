import io

from pypdf import PdfReader

from odoo.tests import HttpCase, tagged

from .common import RebootRefurbCommon


@tagged("post_install", "-at_install")
class TestLabels(RebootRefurbCommon, HttpCase):
    # HttpCase: wkhtmltopdf fetches the report's assets from the test server.
    def test_label_pdf_has_one_qr_per_device(self):
        lots = self._register([f"LBL-{i:02d}" for i in range(26)])
        lots[:1].write({"reboot_model": "ThinkPad T480", "reboot_ram_gb": 8})
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("reboot_refurb.action_report_device_labels", lots.ids)
        )
        reader = PdfReader(io.BytesIO(pdf))
        self.assertEqual(len(reader.pages), 2, "24 labels per A4 sheet")
        images = sum(len(page.images) for page in reader.pages)
        self.assertEqual(images, len(lots))
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("reboot_refurb.action_report_device_labels", lots.ids)[0]
            .decode()
        )
        for lot in lots:
            self.assertIn(lot.name, html)
        self.assertIn("ThinkPad T480", html)
        self.assertEqual(html.count('class="reboot_qr"'), len(lots))

    def test_qr_opens_the_device_and_holds_no_personal_data(self):
        lot = self._register(["LBL-QR"])
        url = lot._reboot_qr_url()
        self.assertTrue(url.endswith(f"/{lot.id}"))
        self.assertNotIn(self.donor.name, url)
        self.assertTrue(lot._reboot_qr_data_uri().startswith("data:image/png;base64,"))
