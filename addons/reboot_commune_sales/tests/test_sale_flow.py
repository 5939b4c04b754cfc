import base64
import io
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.addons.reboot_base.tests.common import perform_jobs

from ..agec import agec_csv, agec_xlsx
from .common import RebootCommuneCommon


@tagged("post_install", "-at_install")
class TestSaleFlow(RebootCommuneCommon, TransactionCase):
    def test_price_per_grade_from_the_communes_pricelist(self):
        order = self._order(
            self.officer_a, {(self.laptop, "a"): 1, (self.laptop, "b"): 1}
        )
        prices = {line.reboot_grade: line.price_unit for line in order.order_line}
        self.assertEqual(prices, {"a": 150.0, "b": 120.0})
        self.assertEqual(order.partner_invoice_id, self.commune_a)
        self.assertIn(self.officer_a.partner_id, order.message_partner_ids)
        # Changing the grade reprices the line.
        line = order.order_line.filtered(lambda line: line.reboot_grade == "b")
        line.reboot_grade = "c"
        self.assertEqual(line.price_unit, 90.0)

    def test_price_cap(self):
        order = self._order(self.officer_a, {(self.laptop, "a"): 1})
        order.order_line.price_unit = 400.0
        with self.assertRefused(UserError, "above the cap"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_delivery_reserves_ready_serials_of_the_grade_oldest_first(self):
        order = self._order(self.officer_a, {(self.laptop, "a"): 2})
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        self.assertEqual(
            sorted(picking.move_line_ids.lot_id.mapped("name")), ["CS-LT-1", "CS-LT-2"]
        )
        picking.move_ids.picked = True
        picking.button_validate()
        lots = picking.move_line_ids.lot_id
        self.assertEqual(set(lots.mapped("reboot_state")), {"sold"})
        self.assertEqual(lots.reboot_commune_id, self.commune_a)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("stock.action_report_delivery", picking.ids)[0]
            .decode()
        )
        self.assertIn("CS-LT-1", html)
        self.assertIn("CS-LT-2", html)

    def test_devices_not_ready_are_never_reserved(self):
        order = self._order(self.officer_a, {(self.laptop, "a"): 5})
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        self.assertEqual(len(picking.move_line_ids), 3, "only the three ready grade A")
        self.assertNotIn(self.not_ready, picking.move_line_ids.lot_id)

    def test_gate_on_manual_move_line(self):
        order = self._order(self.officer_a, {(self.laptop, "a"): 1})
        order.action_confirm()
        move = order.picking_ids.move_ids
        with self.assertRefused(ValidationError, "Only ready devices can be delivered"):
            self.env["stock.move.line"].create(
                {
                    "move_id": move.id,
                    "picking_id": move.picking_id.id,
                    "product_id": move.product_id.id,
                    "lot_id": self.not_ready.id,
                    "quantity": 1,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                }
            )

    def test_a_faulty_reserved_device_is_swapped(self):
        order = self._order(self.officer_a, {(self.laptop, "a"): 1})
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        faulty = picking.move_line_ids.lot_id
        self.assertEqual(faulty.name, "CS-LT-1")
        # found faulty after the reservation: a failed test is enough
        faulty.reboot_test_ids[:1].result = "fail"
        self.assertEqual(faulty.reboot_state, "testing")
        self.assertIn("Back to testing", "".join(faulty.message_ids[:2].mapped("body")))
        self.assertEqual(picking.move_line_ids.lot_id.name, "CS-LT-2")
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(faulty.reboot_state, "testing")
        self.assertEqual(picking.move_line_ids.lot_id.reboot_state, "sold")

    def test_a_serial_is_never_delivered_twice(self):
        first = self._order(self.officer_a, {(self.laptop, "b"): 1})
        self._deliver(first)
        second = self._order(self.officer_b, {(self.laptop, "b"): 1})
        second.action_confirm()
        second.picking_ids.action_assign()
        self.assertFalse(second.picking_ids.move_line_ids.lot_id, "CS-LT-4 was sold")
        self.assertEqual(second.picking_ids.state, "confirmed")

    def test_invoice_carries_chorus_references(self):
        order = self.env["sale.order"]._reboot_create_quote_request(
            self.officer_a.partner_id,
            {(self.laptop, "a"): 1},
            "",
            False,
            commitment_number="ENG-42",
        )
        self.assertEqual(order.reboot_commitment_number, "ENG-42")
        self._deliver(order)
        invoice = order._create_invoices()
        # Odoo's own Chorus Pro fields, which its Factur-X export reads
        self.assertEqual(invoice.buyer_reference, "SERV-A")
        self.assertEqual(invoice.purchase_order_reference, "ENG-42")
        self.assertEqual(invoice.invoice_line_ids.quantity, 1)
        # a commune without a service code or engagement gets none
        other = self._order(self.officer_b, {(self.laptop, "a"): 1})
        self._deliver(other)
        invoice = other._create_invoices()
        self.assertFalse(invoice.buyer_reference)
        self.assertFalse(invoice.purchase_order_reference)

    def test_agec_files_keep_user_text_as_text(self):
        row = dict.fromkeys(
            ("montant_total", "montant_reemploi_et_reutilisation"), -12.5
        )
        row.update(
            {
                "annee": 2026,
                "siret": "21760540700019",
                "raison_sociale": "=cmd|' /C calc'!A0",
                "type_produit_acquis": "Ordinateurs",
                "montant_produits_issus_don": 0.0,
                "montant_produits_recycles": 0.0,
                "commentaires": "+ voir convention",
            }
        )
        lines = agec_csv([row]).decode().splitlines()
        self.assertIn(",'=cmd|' /C calc'!A0,", lines[1])
        self.assertIn("'+ voir convention", lines[1])
        self.assertIn(",-12.50,", lines[1], "numbers stay numbers")
        book = openpyxl.load_workbook(io.BytesIO(agec_xlsx([row])))
        cells = {cell.value: cell.data_type for cell in book.active[2]}
        self.assertEqual(cells["=cmd|' /C calc'!A0"], "s")

    def test_agec_figures_to_the_cent(self):
        with freeze_time("2026-03-10"):
            order = self._order(
                self.officer_a, {(self.laptop, "a"): 2, (self.monitor, "c"): 1}
            )
            order.order_line.filtered(
                lambda line: line.reboot_grade == "a"
            ).price_unit = 149.99
            self._deliver(order)
            invoice = order._create_invoices()
            invoice.action_post()
            refund = invoice._reverse_moves(
                [{"invoice_date": "2026-03-12"}], cancel=False
            )
            refund.invoice_line_ids.filtered(
                lambda line: line.product_id == self.monitor.product_id
            ).unlink()
            refund.invoice_line_ids.write({"quantity": 1, "price_unit": 30.01})
            refund.action_post()
        figures = self.commune_a._reboot_agec_figures(2026)
        # 2 × 149.99 + 20.00 − 30.01
        self.assertEqual(figures["montant_total"], 289.97)
        self.assertEqual(figures["montant_reemploi_et_reutilisation"], 289.97)
        self.assertEqual(figures["montant_produits_issus_don"], 0.0)
        self.assertEqual(figures["siret"], "21760540100009")
        self.assertEqual(figures["annee"], 2026)
        self.assertEqual(
            self.commune_a._reboot_agec_figures(2025)["montant_total"], 0.0
        )
        self.assertEqual(
            self.commune_b._reboot_agec_figures(2026)["montant_total"], 0.0
        )
        # the back office's statements of every commune, in one grouped query
        other = self._order(self.officer_b, {(self.laptop, "b"): 1})
        self._deliver(other)
        with freeze_time("2026-05-02"):
            other._create_invoices().action_post()
        Export = self.env["reboot.agec.export"].with_user(self.manager)
        wizard = Export.create(
            {
                "year": 2026,
                "commune_ids": [(6, 0, (self.commune_a | self.commune_b).ids)],
            }
        )

        def queries(communes):
            wizard.commune_ids = communes
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            wizard.action_export()
            return self.cr.sql_log_count - before

        queries(self.commune_a)  # warm the caches that do not depend on communes
        one = queries(self.commune_a)
        self.assertEqual(queries(self.commune_a | self.commune_b), one)
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file))).active
        rows = {row[2]: row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(rows, {"Commune A": 289.97, "Commune B": 120.0})
        self.assertEqual(wizard.filename, "agec_2026.xlsx")
        wizard.commune_ids = self.commune_a
        action = wizard.action_print()
        self.assertEqual(
            action["report_name"], "reboot_commune_sales.report_agec_attestation"
        )
        self.assertEqual(action["context"]["reboot_agec_year"], 2026)
        wizard.commune_ids = self.commune_a | self.commune_b
        self.assertEqual(
            wizard.action_print()["context"]["active_ids"],
            (self.commune_a | self.commune_b).ids,
        )
        with self.assertRefused(UserError, "at least one commune"):
            wizard.commune_ids = False
            wizard.action_print()
        with self.assertRefused(ValidationError, "2000"):
            Export.create({"year": 26})

    def test_attestations_of_many_communes_in_the_background(self):
        """The AGEC attestations of many communes: a job whose PDF ends in
        the chatter and the inbox of the manager who asked."""
        self.env["ir.config_parameter"].sudo().set_param(
            "reboot_base.job_threshold",
            "15",  # two communes, a page each: 20
        )
        self.registry.enter_test_mode(self.cr)
        self.addCleanup(self.registry.leave_test_mode)
        wizard = (
            self.env["reboot.agec.export"]
            .with_user(self.manager)
            .create(
                {
                    "year": 2026,
                    "commune_ids": [(6, 0, (self.commune_a | self.commune_b).ids)],
                }
            )
        )
        with trap_jobs() as trap:
            action = wizard.action_print()
        trap.assert_jobs_count(1)
        job = self.env["reboot.job"].browse(action["res_id"])
        self.assertEqual(
            (job.state, job.size, job.user_id), ("queued", 2, self.manager)
        )
        rendered = []

        def render(report, report_ref, res_ids=None, data=None):
            rendered.append(
                (report_ref, res_ids, report.env.context["reboot_agec_year"])
            )
            return b"%PDF-1.4 attestations", "pdf"

        with patch.object(
            type(self.env["ir.actions.report"]), "_render_qweb_pdf", render
        ):
            perform_jobs(self.env, trap)
        self.assertEqual(job.state, "done")
        self.assertEqual(
            rendered,
            [
                (
                    "reboot_commune_sales.report_agec_attestation",
                    (self.commune_a | self.commune_b).ids,
                    2026,
                )
            ],
        )
        self.assertEqual(job.attachment_id.name, "attestations_agec_2026.pdf")
        self.assertEqual(job.attachment_id.raw, b"%PDF-1.4 attestations")
        told = job.message_ids.filtered("partner_ids")  # not the tracking
        self.assertIn(job.attachment_id, told.attachment_ids)
        self.assertIn(self.manager.partner_id, told.partner_ids)

    def test_commune_orders_list_says_what_is_to_do(self):
        """The managers' list of commune orders: its filters find the quote
        requests to review, the orders to deliver and those to invoice."""
        action = self.env.ref("reboot_commune_sales.sale_order_action_communes")
        search = etree.fromstring(action.search_view_id.arch)
        filters = {
            node.get("name"): safe_eval(node.get("domain"))
            for node in search.iter("filter")
            if node.get("domain")
        }
        requested = self._order(self.officer_a, {(self.laptop, "a"): 1})
        confirmed = self._order(self.officer_a, {(self.laptop, "a"): 1})
        confirmed.action_confirm()
        delivered = self._order(self.officer_b, {(self.laptop, "a"): 1})
        self._deliver(delivered)
        Order = self.env["sale.order"].with_user(self.manager)
        mine = requested | confirmed | delivered

        def found(name):
            return Order.search(safe_eval(action.domain) + filters[name]) & mine

        self.assertEqual(found("to_review"), requested)
        self.assertEqual(found("to_deliver"), confirmed)
        self.assertIn(delivered, found("to_invoice"))
        self.assertNotIn(requested, found("to_invoice"))
        views = Order.get_views(
            [(action.view_id.id, "list"), (action.search_view_id.id, "search")]
        )
        self.assertIn("delivery_status", views["views"]["list"]["arch"])
