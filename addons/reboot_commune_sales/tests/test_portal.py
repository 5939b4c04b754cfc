import csv
import io

from pypdf import PdfReader

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RebootCommuneCommon


@tagged("post_install", "-at_install")
class TestCommunePortal(RebootCommuneCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._order(cls.officer_a, {(cls.laptop, "a"): 1})
        cls.order_b = cls._order(cls.officer_b, {(cls.laptop, "b"): 1})
        cls._deliver(cls, cls.order_b)
        cls.invoice_b = cls.order_b._create_invoices()
        cls.invoice_b.action_post()
        cls.lot_b = cls.order_b.picking_ids.move_line_ids.lot_id
        cls.allocation_b = cls.env["reboot.allocation"].create(
            {
                "lot_id": cls.lot_b.id,
                "commune_id": cls.commune_b.id,
                "beneficiary_type": "association",
                "beneficiary_name": "Association B",
            }
        )

    def _post(self, url, data):
        return self.url_open(
            url, data={"csrf_token": http.Request.csrf_token(self), **data}
        )

    def test_catalogue_lists_ready_stock_by_type_and_grade(self):
        self.authenticate("officer_a", "officer_a")
        response = self.url_open("/my/catalogue")
        self.assertEqual(response.status_code, 200)
        offers = {
            (o["device_type"], o["grade"]): o
            for o in self.env["stock.lot"]._reboot_catalogue_offers()
        }
        self.assertEqual(offers[self.laptop, "a"]["count"], 3)
        self.assertEqual(offers[self.laptop, "a"]["ram"], (8, 16))
        self.assertEqual(offers[self.laptop, "a"]["price"], 150.0)
        self.assertNotIn(
            (self.laptop, False), offers, "devices in testing are not offered"
        )
        self.assertIn(f'name="qty_{self.laptop.id}_a"', response.text)

    def test_catalogue_query_count_does_not_grow_with_stock(self):
        Lot = self.env["stock.lot"]
        Lot._reboot_catalogue_offers()  # warm the caches
        small = self._catalogue_queries()
        self._add_ready_stock(1000)
        self.env.invalidate_all()
        offers = {
            (o["device_type"], o["grade"]): o["count"]
            for o in Lot._reboot_catalogue_offers()
        }
        self.assertEqual(offers[self.laptop, "a"], 1003)
        self.env.invalidate_all()
        with self.assertQueryCount(small):
            Lot._reboot_catalogue_offers()

    def _catalogue_queries(self):
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        self.env["stock.lot"]._reboot_catalogue_offers()
        return self.cr.sql_log_count - start

    def _add_ready_stock(self, count):
        """Bulk fixture: ready devices in stock (the gate is tested elsewhere)."""
        product = self.laptop.product_id
        lots = self.env["stock.lot"].create(
            [{"name": f"BULK-{i:05d}", "product_id": product.id} for i in range(count)]
        )
        self.env.cr.execute(
            "UPDATE stock_lot SET reboot_state = 'ready', reboot_grade = 'a' "
            "WHERE id IN %s",
            [tuple(lots.ids)],
        )
        stock = self.env.ref("stock.stock_location_stock")
        self.env["stock.quant"].create(
            [
                {
                    "product_id": product.id,
                    "lot_id": lot.id,
                    "location_id": stock.id,
                    "quantity": 1,
                }
                for lot in lots
            ]
        )

    def test_request_a_quote(self):
        self.authenticate("officer_a", "officer_a")
        before = self.env["sale.order"].search_count([])
        response = self._post(
            "/my/catalogue/request",
            {
                f"qty_{self.laptop.id}_a": "2",
                "comment": "Pour l'école",
                "wished_date": "2026-12-15",
                "commitment_number": " EJ-2026-0042 ",
            },
        )
        self.assertEqual(response.status_code, 200)
        order = self.env["sale.order"].search([], order="id desc", limit=1)
        self.assertEqual(self.env["sale.order"].search_count([]), before + 1)
        self.assertEqual(order.partner_id, self.officer_a.partner_id)
        self.assertEqual(order.partner_invoice_id, self.commune_a)
        self.assertEqual(order.order_line.product_uom_qty, 2)
        self.assertEqual(order.order_line.reboot_grade, "a")
        self.assertEqual(str(order.reboot_wished_date), "2026-12-15")
        # the engagement number the commune's invoice will carry (Chorus Pro)
        self.assertEqual(order.reboot_commitment_number, "EJ-2026-0042")
        self.assertIn(self.manager, order.activity_ids.user_id)
        self.assertNotEqual(order.user_id, self.env.ref("base.user_root"))
        # once the quotation is confirmed, the review is done
        order.action_confirm()
        self.assertFalse(order.activity_ids)

    def test_bad_quote_requests_write_nothing(self):
        self.authenticate("officer_a", "officer_a")
        before = self.env["sale.order"].search_count([])
        for data in (
            {},
            {f"qty_{self.laptop.id}_a": "-1"},
            {f"qty_{self.laptop.id}_a": "deux"},
            {f"qty_{self.laptop.id}_a": "99"},
            {f"qty_{self.laptop.id}_a": "1", "wished_date": "demain"},
        ):
            response = self._post("/my/catalogue/request", data)
            self.assertIn("alert-danger", response.text)
        # out of range, impossible date, endless text: a form error, not a 500
        for data, message in (
            ({f"qty_{self.laptop.id}_a": "99999999999"}, "must be between 0 and"),
            (
                {f"qty_{self.laptop.id}_a": "1", "wished_date": "2026-02-30"},
                "is not a valid date (2026-02-30)",
            ),
            (
                {f"qty_{self.laptop.id}_a": "1", "comment": "x" * 300_000},
                "is too long",
            ),
            (
                {f"qty_{self.laptop.id}_a": "1", "commitment_number": "9" * 500},
                "is too long",
            ),
        ):
            response = self._post("/my/catalogue/request", data)
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.text)
        self.assertEqual(self.env["sale.order"].search_count([]), before)

    def test_requests_are_listed_before_they_are_sent(self):
        request_a = self._order(self.officer_a, {(self.laptop, "a"): 1})
        self.assertEqual(request_a.state, "draft")
        self.authenticate("officer_a", "officer_a")
        listed = self.url_open("/my/quotes").text
        self.assertIn(request_a.name, listed)
        self.assertNotIn(self.order_b.name, listed)
        # an ordinary customer's portal keeps Odoo's rule: sent quotations only
        customer = new_test_user(
            self.env, login="plain_customer", groups="base.group_portal"
        )
        draft = self.env["sale.order"].create(
            {
                "partner_id": customer.partner_id.id,
                "order_line": [(0, 0, {"product_id": self.laptop.product_id.id})],
            }
        )
        draft.message_subscribe(partner_ids=customer.partner_id.ids)
        self.authenticate("plain_customer", "plain_customer")
        self.assertNotIn(draft.name, self.url_open("/my/quotes").text)
        draft.action_quotation_sent()
        self.assertIn(draft.name, self.url_open("/my/quotes").text)

    def test_isolation_of_quotes_orders_deliveries_invoices(self):
        self.authenticate("officer_a", "officer_a")
        for url in (
            f"/my/orders/{self.order_b.id}",
            f"/my/invoices/{self.invoice_b.id}",
        ):
            response = self.url_open(url)
            self.assertNotIn(self.order_b.name, response.text, url)
        response = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertIn(self.order_a.name, response.text)
        # RPC
        Order = self.env["sale.order"].with_user(self.officer_a)
        self.assertEqual(Order.search([]), self.order_a)
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.officer_a).read(["name"])
        with self.assertRaises(AccessError):
            self.invoice_b.with_user(self.officer_a).read(["name"])
        with self.assertRaises(AccessError):
            self.order_b.picking_ids.with_user(self.officer_a).read(["name"])
        allocations = self.env["reboot.allocation"].with_user(self.officer_a).search([])
        self.assertFalse(allocations)
        with self.assertRaises(AccessError):
            self.allocation_b.with_user(self.officer_a).read(["beneficiary_name"])
        with self.assertRaises(AccessError):
            self.env["reboot.allocation"].with_user(self.officer_a).create(
                {
                    "lot_id": self.lot_b.id,
                    "commune_id": self.commune_a.id,
                    "beneficiary_type": "other",
                    "beneficiary_name": "X",
                }
            )

    def test_anonymous_sees_nothing(self):
        self.authenticate(None, None)
        for url in (
            "/my/catalogue",
            "/my/allocations",
            "/my/agec/2026.csv",
            f"/my/orders/{self.order_a.id}",
        ):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url, url)

    def test_allocations_in_the_portal(self):
        order = self._order(self.officer_a, {(self.laptop, "a"): 2})
        self._deliver(order)
        lots = order.picking_ids.move_line_ids.lot_id
        self.authenticate("officer_a", "officer_a")
        page = self.url_open("/my/allocations")
        for lot in lots:
            self.assertIn(lot.name, page.text)
        self.assertNotIn(self.lot_b.name, page.text)
        # Another commune's device: refused, nothing written.
        response = self._post(
            "/my/allocations",
            {
                f"lot_{self.lot_b.id}": str(self.lot_b.id),
                "beneficiary_type": "school",
                "beneficiary_name": "École",
            },
        )
        self.assertIn("alert-danger", response.text)
        self.assertEqual(self.lot_b.reboot_state, "allocated")
        # A family by name: refused, nothing written.
        response = self._post(
            "/my/allocations",
            {
                **{f"lot_{lot.id}": str(lot.id) for lot in lots},
                "beneficiary_type": "family",
                "beneficiary_name": "Famille Durand",
                "household_ref": "F-1",
            },
        )
        self.assertIn("alert-danger", response.text)
        self.assertEqual(set(lots.mapped("reboot_state")), {"sold"})
        # Forged fields: an unknown kind, a device id that is no number, an
        # impossible date, an endless name.
        for forged in (
            {"beneficiary_type": "pirate", "beneficiary_name": "X"},
            {
                "beneficiary_type": "school",
                "beneficiary_name": "X",
                f"lot_{lots[0].id}": "1 OR 1=1",
            },
            {
                "beneficiary_type": "school",
                "beneficiary_name": "X",
                "date": "2026-13-45",
            },
            {"beneficiary_type": "school", "beneficiary_name": "x" * 300_000},
        ):
            response = self._post(
                "/my/allocations",
                {**{f"lot_{lot.id}": str(lot.id) for lot in lots}, **forged},
            )
            self.assertEqual(response.status_code, 200)
            self.assertIn("alert-danger", response.text)
        self.assertEqual(set(lots.mapped("reboot_state")), {"sold"})
        # Both at once, for a school.
        response = self._post(
            "/my/allocations",
            {
                **{f"lot_{lot.id}": str(lot.id) for lot in lots},
                "beneficiary_type": "school",
                "beneficiary_name": "École Jules Ferry",
            },
        )
        self.assertIn("2 device(s) allocated", response.text)
        self.assertEqual(set(lots.mapped("reboot_state")), {"allocated"})
        self.assertEqual(
            set(lots.reboot_allocation_id.mapped("beneficiary_name")),
            {"École Jules Ferry"},
        )

    def test_device_passport(self):
        """An officer downloads the passport of a device of their commune,
        and of no other commune's; the PDF's text is searchable."""
        self.authenticate("officer_b", "officer_b")
        url = f"/my/devices/{self.lot_b.id}/passport"
        self.assertIn(url, self.url_open("/my/allocations").text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Device passport", response.text)  # HTML while testing
        self.assertIn(self.lot_b.name, response.text)
        self.authenticate("officer_a", "officer_a")
        self.assertEqual(self.url_open(url).status_code, 404)
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "reboot_refurb.action_report_device_passport", self.lot_b.ids
            )
        )
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf)).pages
        )
        self.assertIn("Device passport", text)
        self.assertIn(self.lot_b.name, text)
        self.assertIn("182 kg CO2e", text)

    def test_agec_downloads(self):
        self.authenticate("officer_b", "officer_b")
        year = self.invoice_b.invoice_date.year
        response = self.url_open(f"/my/agec/{year}.csv")
        self.assertEqual(response.status_code, 200)
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        self.assertEqual(rows[0]["raison_sociale"], "Commune B")
        self.assertEqual(rows[0]["montant_total"], "120.00")
        response = self.url_open(f"/my/agec/{year}.xlsx")
        self.assertEqual(response.content[:2], b"PK")
        # officer A's statement knows nothing of B's invoice
        self.authenticate("officer_a", "officer_a")
        rows = list(
            csv.DictReader(io.StringIO(self.url_open(f"/my/agec/{year}.csv").text))
        )
        self.assertEqual(rows[0]["raison_sociale"], "Commune A")
        self.assertEqual(rows[0]["montant_total"], "0.00")

    def test_tour_allocate(self):
        order = self._order(self.officer_a, {(self.laptop, "a"): 1})
        self._deliver(order)
        lot = order.picking_ids.move_line_ids.lot_id
        self.start_tour("/my", "reboot_commune_allocate", login="officer_a")
        allocation = self.env["reboot.allocation"].search([("lot_id", "=", lot.id)])
        self.assertEqual(allocation.beneficiary_type, "school")
        self.assertEqual(allocation.beneficiary_name, "École Jules-Ferry")
        self.assertEqual(allocation.commune_id, self.commune_a)
        self.assertEqual(lot.reboot_state, "allocated")

    def test_tour_browse_request_sign(self):
        self.env.company.write(
            {"portal_confirmation_sign": True, "portal_confirmation_pay": False}
        )
        self.start_tour("/my/catalogue", "reboot_commune_quote_sign", login="officer_a")
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.officer_a.partner_id.id)],
            order="id desc",
            limit=1,
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.signed_by, "Marie Officer")
        self.assertEqual(order.order_line.product_uom_qty, 2)
        self.assertIn("Jules Ferry", order.note)
        self.assertEqual(order.picking_ids.move_ids.product_uom_qty, 2)


@tagged("post_install", "-at_install")
class TestReadOnlyPages(HttpCase):
    def test_catalogue_and_passport_may_be_served_by_a_replica(self):
        """Declared read-only (a PostgreSQL replica may serve them); the portal
        tests above open them in a read-only transaction, where any write
        would fail."""
        routes = {
            rule.rule: rule.endpoint.routing
            for rule in self.env["ir.http"].routing_map().iter_rules()
        }
        self.assertIs(routes["/my/catalogue"]["readonly"], True)
        self.assertIs(routes["/my/devices/<int:lot_id>/passport"]["readonly"], True)
        self.assertFalse(routes["/my/catalogue/request"]["readonly"])
