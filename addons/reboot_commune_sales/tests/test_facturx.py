"""The invoice a commune receives is a Factur-X that Chorus Pro accepts: the
XML Odoo embeds in the PDF validates against the official Factur-X XSD of the
EN 16931 profile, and carries the routing fields (service code, engagement
number) and both SIRETs."""

import importlib.util

import facturx
from lxml import etree

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.sql import column_exists

from .common import RebootCommuneCommon

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:"
    "ReusableAggregateBusinessInformationEntity:100",
}
SELLER_SIRET = "90412873300014"
SELLER_VAT = "FR43904128733"


@tagged("post_install", "-at_install")
class TestFacturX(RebootCommuneCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if company.country_code != "FR" or company.chart_template != "fr":
            raise AssertionError(
                "these tests need a database created in France (French books)"
            )
        # the seller's identity, as Settings > Companies holds it
        company.write(
            {
                "vat": SELLER_VAT,
                "siret": SELLER_SIRET,
                "phone": "+33 2 35 00 12 34",
                "email": "factures@seller.example",
            }
        )
        if not company.partner_id.bank_ids:
            cls.env["res.partner.bank"].create(
                {
                    "acc_number": "FR7630006000011234567890189",
                    "partner_id": company.partner_id.id,
                }
            )
        cls.commune_a.siret = "21760540100009"
        cls.commune_b.siret = "21760498200009"

    def _invoice(self, officer, commitment_number=False):
        order = self.env["sale.order"]._reboot_create_quote_request(
            officer.partner_id,
            {(self.laptop, "a"): 2},
            "",
            False,
            commitment_number=commitment_number,
        )
        self._deliver(order)
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def _facturx(self, invoice):
        xml, errors = self.env["account.edi.xml.cii"]._export_invoice(invoice)
        self.assertFalse(errors, "Odoo's own checks of the export pass")
        # raises when the XML does not fit the XSD of the profile it declares
        self.assertTrue(facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        self.assertEqual(facturx.get_level(etree.fromstring(xml)), "en16931")
        return etree.fromstring(xml)

    def _text(self, tree, xpath):
        return [node.text for node in tree.xpath(xpath, namespaces=NS)]

    def test_commune_invoice_is_a_valid_en16931_facturx(self):
        invoice = self._invoice(self.officer_a, commitment_number="ENG-2026-42")
        self.assertEqual(invoice.currency_id.name, "EUR")
        self.assertEqual(invoice.invoice_line_ids.tax_ids.mapped("amount"), [20.0])
        tree = self._facturx(invoice)
        agreement = "//ram:ApplicableHeaderTradeAgreement"
        self.assertEqual(
            self._text(tree, "//rsm:ExchangedDocument/ram:ID"), [invoice.name]
        )
        # BT-10 service code, BT-13 engagement number: what Chorus Pro routes on
        self.assertEqual(
            self._text(tree, f"{agreement}/ram:BuyerReference"), ["SERV-A"]
        )
        self.assertEqual(
            self._text(
                tree,
                f"{agreement}/ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID",
            ),
            ["ENG-2026-42"],
        )
        # both SIRETs (SIRENE scheme 0002) and the seller's VAT number
        legal = "/ram:SpecifiedLegalOrganization/ram:ID"
        self.assertEqual(
            self._text(tree, f"{agreement}/ram:SellerTradeParty{legal}"), [SELLER_SIRET]
        )
        self.assertEqual(
            self._text(tree, f"{agreement}/ram:BuyerTradeParty{legal}"),
            ["21760540100009"],
        )
        self.assertEqual(
            tree.xpath(
                f"{agreement}/ram:BuyerTradeParty{legal}/@schemeID", namespaces=NS
            ),
            ["0002"],
        )
        self.assertEqual(
            self._text(
                tree,
                f"{agreement}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID",
            ),
            [SELLER_VAT],
        )
        settlement = "//ram:ApplicableHeaderTradeSettlement"
        self.assertEqual(
            self._text(tree, f"{settlement}/ram:InvoiceCurrencyCode"), ["EUR"]
        )
        self.assertEqual(
            [
                float(amount)
                for amount in self._text(
                    tree,
                    f"{settlement}/ram:SpecifiedTradeSettlementHeaderMonetarySummation"
                    "/ram:GrandTotalAmount",
                )
            ],
            [invoice.amount_total],
        )
        self.assertEqual(invoice.amount_total, 360.0, "2 × 150 € + 20 % VAT")

    def test_no_engagement_is_never_replaced_by_the_invoice_number(self):
        invoice = self._invoice(self.officer_b)
        tree = self._facturx(invoice)
        self.assertFalse(
            self._text(tree, "//ram:BuyerOrderReferencedDocument/ram:IssuerAssignedID")
        )
        self.assertFalse(self._text(tree, "//ram:BuyerReference"))

    def test_missing_sirets_are_said_before_sending(self):
        invoice = self._invoice(self.officer_b)
        (self.env.company.partner_id | self.commune_b).write({"siret": False})
        _xml, errors = self.env["account.edi.xml.cii"]._export_invoice(invoice)
        self.assertIn(
            f"The SIRET of {self.env.company.name} is missing (Settings > Companies): "
            "Chorus Pro needs it on every invoice to a commune.",
            errors,
        )
        self.assertIn(
            "The SIRET of Commune B is missing: Chorus Pro routes the invoice on it.",
            errors,
        )

    def test_the_sent_invoice_embeds_this_facturx(self):
        invoice = self._invoice(self.officer_a, commitment_number="ENG-7")
        invoice._generate_and_send(allow_fallback_pdf=False)
        # under tests Odoo stores the XML it embeds in the PDF as an attachment
        embedded = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", invoice.id),
                ("name", "=", "factur-x.xml"),
            ]
        )
        self.assertEqual(len(embedded), 1)
        self.assertTrue(
            facturx.xml_check_xsd(embedded.raw, flavor="factur-x", level="en16931")
        )
        self.assertIn(b"ENG-7", embedded.raw)


@tagged("post_install", "-at_install")
class TestChorusMigration(RebootCommuneCommon, TransactionCase):
    """18.0.1.1.0: the suite's own Chorus fields of the first releases move
    to Odoo's, which its Factur-X export reads."""

    def test_references_move_to_odoos_fields(self):
        cr = self.env.cr
        order = self._order(self.officer_a, {(self.laptop, "a"): 1})
        self._deliver(order)
        invoice = order._create_invoices()
        invoice.write({"buyer_reference": False, "purchase_order_reference": False})
        commune = self.env["res.partner"].create(
            {
                "name": "Ancienne commune",
                "is_company": True,
                "is_commune": True,
                "company_registry": "217 605 401 00009",
            }
        )
        self.env.flush_all()
        # what the first releases stored
        cr.execute(
            "ALTER TABLE account_move ADD COLUMN reboot_chorus_service_code varchar, "
            "ADD COLUMN reboot_commitment_number varchar"
        )
        cr.execute(
            "UPDATE account_move SET reboot_chorus_service_code = 'SERV-OLD', "
            "reboot_commitment_number = 'ENG-OLD' WHERE id = %s",
            [invoice.id],
        )
        path = file_path("reboot_commune_sales/migrations/18.0.1.1.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("reboot_cs_post_migrate", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(invoice.buyer_reference, "SERV-OLD")
        self.assertEqual(invoice.purchase_order_reference, "ENG-OLD")
        self.assertFalse(
            column_exists(cr, "account_move", "reboot_chorus_service_code")
        )
        self.assertEqual(commune.siret, "21760540100009")
        # run twice (a retried upgrade): nothing breaks, nothing changes
        migration.migrate(cr, "18.0.1.0.0")
        self.assertEqual(invoice.buyer_reference, "SERV-OLD")


@tagged("post_install", "-at_install")
class TestDemoInEuros(HttpCase):
    """The demo is a French consortium's: euros, French books, its identity,
    commune invoices with their Chorus Pro references."""

    def setUp(self):
        super().setUp()
        rouen = self.env.ref(
            "reboot_commune_sales.partner_rouen_demo", raise_if_not_found=False
        )
        if not rouen:
            self.skipTest("the demo data are not installed")
        self.rouen_invoice = self.env["account.move"].search(
            [("partner_id", "=", rouen.id), ("move_type", "=", "out_invoice")]
        )

    def test_company_and_invoices(self):
        company = self.env.ref("base.main_company")
        self.assertRecordValues(
            company,
            [
                {
                    "name": "Réseau Grain",
                    "country_code": "FR",
                    "chart_template": "fr",
                    "siret": "90412873300014",
                    "vat": "FR43904128733",
                }
            ],
        )
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertTrue(company.logo)
        self.assertTrue(company.partner_id.bank_ids)
        invoice = self.rouen_invoice
        self.assertRecordValues(
            invoice,
            [
                {
                    "state": "posted",
                    "buyer_reference": "SERV-NUM",
                    "purchase_order_reference": "ENG-2026-0412",
                }
            ],
        )
        self.assertEqual(invoice.currency_id.name, "EUR")
        self.assertEqual(set(invoice.invoice_line_ids.tax_ids.mapped("amount")), {20.0})
        xml, errors = self.env["account.edi.xml.cii"]._export_invoice(invoice)
        self.assertFalse(errors)
        self.assertTrue(facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931"))
        self.assertIn(b"ENG-2026-0412", xml)

    def _visible_text(self, url):
        """What the page shows: its text and images' alternatives, no script."""
        tree = etree.HTML(self.url_open(url).content)
        for node in tree.xpath("//script|//style"):
            node.getparent().remove(node)
        return " ".join([*tree.itertext(), *tree.xpath("//img/@alt")])

    def test_commune_pages_in_euros(self):
        self.authenticate("rouen", "rouen")
        for url in ("/my", "/my/catalogue", "/my/orders"):
            page = self._visible_text(url)
            self.assertNotIn("$", page, url)
            self.assertNotIn("YourCompany", page, url)
            self.assertNotIn("Your logo", page, url)
            self.assertIn("Réseau Grain", page, url)
        self.assertIn("€", self._visible_text("/my/catalogue"))
