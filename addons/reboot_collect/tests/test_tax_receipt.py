import base64
import io

import openpyxl
from freezegun import freeze_time
from pypdf import PdfReader

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, TransactionCase, tagged

from ..models.reboot_tax_receipt import euros_in_french_words
from .common import RebootCollectCommon


@tagged("post_install", "-at_install")
class TestTaxReceipt(RebootCollectCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._set_up_receipts(cls.env.company)
        cls.pickup = cls._create_pickup()
        cls.pickup.write(
            {"scheduled_date": "2026-03-02 09:00:00", "driver_id": cls.driver.id}
        )
        cls.pickup.action_schedule()
        cls.pickup.action_collect()
        cls.pickup.line_ids.qty_received = 5
        cls.pickup.action_receive()
        # Receipts are issued in future years that no other data touch, so
        # the numbers of each year start at 0001.

    def _receipt(self, value=1500.0, **vals):
        return (
            self.env["reboot.tax.receipt"]
            .with_user(self.manager)
            .create({"pickup_id": self.pickup.id, "declared_value": value, **vals})
        )

    def test_receipt_content_comes_from_the_pickup(self):
        receipt = self._receipt()
        self.assertEqual(receipt.donor_id, self.donor_a)
        self.assertEqual(receipt.donor_siren, "552120222")
        self.assertEqual(str(receipt.date_gift), "2026-03-02")
        self.assertIn("5 × Laptop", receipt.description)

    def test_from_the_pickup_form(self):
        pickup = self.pickup.with_user(self.manager)
        self.assertEqual(pickup.tax_receipt_count, 0)
        action = pickup.action_reboot_tax_receipts()
        with Form(
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
        ) as form:
            self.assertEqual(form.donor_id, self.donor_a)
            form.declared_value = 800
        receipt = form.record
        self.assertEqual(receipt.pickup_id, self.pickup)
        self.assertEqual(pickup.tax_receipt_count, 1)
        action = pickup.action_reboot_tax_receipts()
        self.assertEqual(action["res_id"], receipt.id)

    @freeze_time("2030-06-15")
    def test_numbering_unbroken_and_never_reused(self):
        first, second, third = self._receipt(), self._receipt(), self._receipt()
        draft_deleted = self._receipt()
        draft_deleted.unlink()  # a draft never consumed a number
        first.action_issue()
        second.action_issue()
        self.assertEqual(first.name, "RF/2030/0001")
        self.assertEqual(second.name, "RF/2030/0002")
        second.cancel_reason = "Valeur erronée"
        second.with_user(self.manager).action_cancel()
        third.action_issue()
        self.assertEqual(third.name, "RF/2030/0003", "A cancelled number is not reused")
        with self.assertRaises(UserError):
            second.unlink()
        with self.assertRaises(UserError):
            first.unlink()
        with self.assertRaises(UserError):
            first.declared_value = 10.0
        self.assertEqual(first.declared_value, 1500.0)

    def test_numbering_restarts_each_year(self):
        with freeze_time("2031-12-31"):
            last = self._receipt()
            last.action_issue()
        with freeze_time("2032-01-02"):
            first = self._receipt()
            first.action_issue()
        self.assertEqual(last.name, "RF/2031/0001")
        self.assertEqual(first.name, "RF/2032/0001")

    def test_refused_when_setting_is_off(self):
        self.env.company.reboot_may_issue_tax_receipts = False
        receipt = self._receipt()
        with self.assertRefused(UserError, "not set up to issue"):
            receipt.action_issue()
        self.assertEqual(receipt.state, "draft")
        self.assertEqual(receipt.name, "/")

    def test_amount_in_french_words(self):
        for amount, words in (
            (1.0, "un euro"),
            (80.0, "quatre-vingts euros"),
            (1250.5, "mille deux cent cinquante euros et cinquante centimes"),
            (0.01, "zéro euro et un centime"),
            (1000000.0, "un million d'euros"),
            (
                2199.99,
                "deux mille cent quatre-vingt-dix-neuf euros et "
                "quatre-vingt-dix-neuf centimes",
            ),
        ):
            self.assertEqual(euros_in_french_words(amount), words)

    def test_refused_without_object_or_signatory(self):
        self.env.company.write(
            {"reboot_tax_receipt_object": False, "reboot_tax_receipt_signatory": False}
        )
        receipt = self._receipt()
        with self.assertRefused(UserError, "the object of .* the signatory"):
            receipt.action_issue()
        self.assertEqual((receipt.state, receipt.name), ("draft", "/"))

    def test_refused_without_declared_value(self):
        receipt = self._receipt(value=0.0)
        with self.assertRefused(UserError, "Enter the value declared"):
            receipt.action_issue()
        self.assertEqual(receipt.name, "/")
        receipt.declared_value = 900
        receipt.action_issue()
        self.assertEqual(receipt.state, "issued")

    def test_cancel_needs_reason_and_manager(self):
        receipt = self._receipt()
        receipt.action_issue()
        with self.assertRefused(UserError, "reason"):
            receipt.action_cancel()
        receipt.cancel_reason = "Doublon"
        with self.assertRaises(AccessError):
            receipt.with_user(self.technician).action_cancel()
        self.assertEqual(receipt.state, "issued")
        receipt.with_user(self.manager).action_cancel()
        self.assertEqual(receipt.state, "cancel")

    def test_issued_receipt_cannot_be_bent(self):
        receipt = self._receipt(value=1500.0)
        receipt.action_issue()
        number = receipt.name
        as_manager = receipt.with_user(self.manager)
        # back to draft, change the value, issue again under the same number
        with self.assertRefused(UserError, "with its buttons only"):
            as_manager.write({"state": "draft"})
        with self.assertRefused(UserError, "with its buttons only"):
            as_manager.write({"state": "cancel"})
        for field, value in (
            ("declared_value", 15000.0),
            ("description", "10 × Serveur"),
            ("date_gift", "2026-01-01"),
            ("donor_siren", "999999999"),
            ("name", "RF/2026/9999"),
        ):
            with self.assertRefused(UserError, "cannot be changed"):
                as_manager.write({field: value})
        self.assertEqual(
            (receipt.state, receipt.name, receipt.declared_value),
            ("issued", number, 1500.0),
        )
        # created directly issued: refused too
        with self.assertRefused(UserError, "created as a draft"):
            self._receipt(state="issued", name="RF/2026/0001")
        # cancelled: nothing moves any more, not even the reason
        as_manager.cancel_reason = "Doublon"
        as_manager.action_cancel()
        with self.assertRefused(UserError, "cannot be changed"):
            as_manager.write({"cancel_reason": "Autre raison"})
        with self.assertRefused(UserError, "with its buttons only"):
            as_manager.write({"state": "issued"})
        self.assertEqual(receipt.state, "cancel")

    def test_technician_cannot_read_receipts(self):
        receipt = self._receipt()
        with self.assertRaises(AccessError):
            receipt.with_user(self.technician).read(["declared_value"])

    @freeze_time("2030-06-15")
    def test_yearly_register_xlsx(self):
        first, second = self._receipt(1200.5), self._receipt(300.25)
        first.action_issue()
        second.action_issue()
        self._receipt(999.0)  # a draft is not in the register
        wizard = (
            self.env["reboot.tax.receipt.register"]
            .with_user(self.manager)
            .create({"year": 2030})
        )
        action = wizard.action_export()
        self.assertIn("download=true", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        sheet = book.active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Number")
        self.assertEqual([r[0] for r in rows[1:3]], ["RF/2030/0001", "RF/2030/0002"])
        self.assertEqual(rows[1][4], "552120222")
        self.assertEqual(rows[3][6], 1500.75)
        self.assertEqual(len(rows), 4)


@tagged("post_install", "-at_install")
class TestTaxReceiptDocument(RebootCollectCommon, HttpCase):
    """The printed Cerfa 16216 holds every mention the form requires."""

    def test_cerfa_mentions(self):
        company = self.env.company
        self._set_up_receipts(company)
        company.partner_id.write(
            {"siret": "90412873300014", "street": "12 rue du Fab-Lab", "city": "Rouen"}
        )
        self.env["res.lang"]._activate_lang("fr_FR")
        self.donor_a.lang = "fr_FR"
        pickup = self._create_pickup()
        pickup.write(
            {"scheduled_date": "2026-03-02 09:00:00", "driver_id": self.driver.id}
        )
        pickup.action_schedule()
        pickup.action_collect()
        pickup.line_ids.qty_received = 5
        pickup.action_receive()
        receipt = self.env["reboot.tax.receipt"].create(
            {"pickup_id": pickup.id, "declared_value": 1250.5}
        )
        receipt.action_issue()
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("reboot_collect.action_report_tax_receipt", receipt.ids)
        )
        self.assertEqual(kind, "pdf")
        text = " ".join(
            " ".join((page.extract_text() or "").split())
            for page in PdfReader(io.BytesIO(pdf)).pages
        )
        for mention in (
            receipt.name,  # the order number
            "238 bis",
            "16216",
            company.name,  # the beneficiary, its SIRET, object and quality
            "90412873300014",
            "Favoriser le retour à l'emploi",
            "Atelier et chantier d'insertion",
            "Donateur A",  # the donor and its SIREN
            "552120222",
            "1 250,50 €",  # the amount in figures, French style, and in words
            "mille deux cent cinquante euros et cinquante centimes",
            "02/03/2026",  # the date of the gift
            "déclaration de don manuel",  # its form and nature
            "dons en nature",
            "5 × Laptop",
            "certifie sur l'honneur",
            "Hélène Garnier",  # the signatory, their quality, the signature
            "Présidente",
            "Signature",
        ):
            self.assertIn(mention, text)
        self.assertNotIn("$", text)
