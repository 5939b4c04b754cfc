import io
import re

from pypdf import PdfReader

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import RebootCollectCommon


@tagged("post_install", "-at_install")
class TestDonorPortal(RebootCollectCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pickup_a = cls._create_pickup()
        cls.pickup_b = cls._create_pickup(donor=cls.donor_b, lines=[(cls.monitor, 7)])
        for pickup in cls.pickup_a | cls.pickup_b:
            pickup.write(
                {"scheduled_date": "2026-12-01 09:00:00", "driver_id": cls.driver.id}
            )
        (cls.pickup_a | cls.pickup_b).action_schedule()
        (cls.pickup_a | cls.pickup_b).action_collect()
        (cls.pickup_a | cls.pickup_b).line_ids.write({"qty_received": 3})
        (cls.pickup_a | cls.pickup_b).action_receive()

    def test_several_receipts_print_as_one_file(self):
        """Debian's wkhtmltopdf fails on several documents in one run: each
        receipt is rendered on its own and the files are joined."""
        ref = "reboot_collect.action_report_donation_receipt"
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pickups = self.pickup_a | self.pickup_b
        alone = [Report._render_qweb_pdf(ref, pickup.ids)[0] for pickup in pickups]
        both, kind = Report._render_qweb_pdf(ref, pickups.ids)
        self.assertEqual(kind, "pdf")

        def pages(pdf):
            return PdfReader(io.BytesIO(pdf)).pages

        # the joined file is A's receipt then B's, page for page
        self.assertEqual(
            [page.get_contents().get_data() for page in pages(both)],
            [page.get_contents().get_data() for pdf in alone for page in pages(pdf)],
        )
        self.assertNotEqual(alone[0], alone[1])

    def test_list_shows_own_pickups_only(self):
        self.authenticate("portal_donor_a", "portal_donor_a")
        response = self.url_open("/my/pickups")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.pickup_a.name, response.text)
        self.assertNotIn(self.pickup_b.name, response.text)
        self.assertIn("/my/pickups/new", response.text)

    def test_detail_right_user_other_donor_anonymous(self):
        self.authenticate("portal_donor_a", "portal_donor_a")
        response = self.url_open(f"/my/pickups/{self.pickup_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.pickup_a.name, response.text)
        self.assertIn("Donation receipt", response.text)

        response = self.url_open(f"/my/pickups/{self.pickup_b.id}")
        self.assertNotIn(self.pickup_b.name, response.text)
        self.assertTrue(response.url.endswith("/my"), response.url)

        self.authenticate(None, None)
        response = self.url_open(f"/my/pickups/{self.pickup_a.id}")
        self.assertNotIn(self.pickup_a.name, response.text)
        self.assertIn("/web/login", response.url)

    def test_access_token(self):
        self.authenticate(None, None)
        token = self.pickup_a._portal_ensure_token()
        response = self.url_open(f"/my/pickups/{self.pickup_a.id}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.pickup_a.name, response.text)
        response = self.url_open(f"/my/pickups/{self.pickup_a.id}?access_token=wrong")
        self.assertNotIn(self.pickup_a.name, response.text)
        # B's token does not open A's pickup.
        token_b = self.pickup_b._portal_ensure_token()
        response = self.url_open(
            f"/my/pickups/{self.pickup_a.id}?access_token={token_b}"
        )
        self.assertNotIn(self.pickup_a.name, response.text)

    def test_receipt_download(self):
        self.authenticate("portal_donor_a", "portal_donor_a")
        response = self.url_open(f"/my/pickups/{self.pickup_a.id}?report_type=html")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Donateur A", response.text)
        response = self.url_open(f"/my/pickups/{self.pickup_b.id}?report_type=html")
        self.assertNotIn("Donateur B", response.text)

    def test_tax_receipt_download(self):
        self._set_up_receipts(self.env.company)
        receipt_b = self.env["reboot.tax.receipt"].create(
            {
                "pickup_id": self.pickup_b.id,
                "declared_value": 100,
                "donor_siren": "552120222",
            }
        )
        receipt_b.action_issue()
        self.authenticate("portal_donor_a", "portal_donor_a")
        response = self.url_open(f"/my/tax_receipts/{receipt_b.id}")
        self.assertNotEqual(response.headers.get("Content-Type"), "application/pdf")
        self.assertTrue(response.url.endswith("/my"))
        self.authenticate("portal_donor_b", "portal_donor_b")
        response = self.url_open(f"/my/tax_receipts/{receipt_b.id}")
        self.assertEqual(response.status_code, 200)
        # under the receipt's own name (Reçu fiscal RF-…)
        disposition = response.headers.get("Content-Disposition", "")
        self.assertIn(receipt_b.name.replace("/", "-"), disposition)
        self.assertIn("Re%C3%A7u%20fiscal", disposition)

    def test_rpc_isolation(self):
        Pickup = self.env["reboot.pickup"].with_user(self.portal_a)
        self.assertEqual(Pickup.search([]), self.pickup_a)
        with self.assertRaises(AccessError):
            self.pickup_b.with_user(self.portal_a).read(["name"])
        with self.assertRaises(AccessError):
            self.pickup_a.with_user(self.portal_a).write({"note": "x"})
        with self.assertRaises(AccessError):
            Pickup.create({"donor_id": self.donor_a.id})
        lines = self.env["reboot.pickup.line"].with_user(self.portal_a).search([])
        self.assertEqual(lines.pickup_id, self.pickup_a)

    def test_request_a_pickup(self):
        self.authenticate("portal_donor_a", "portal_donor_a")
        response = self.url_open("/my/pickups/new")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.laptop.name, response.text)
        before = self.env["reboot.pickup"].search_count([])
        response = self.url_open(
            "/my/pickups/new",
            data={
                "csrf_token": http.Request.csrf_token(self),
                f"qty_{self.laptop.id}": "12",
                f"qty_{self.monitor.id}": "4",
                "window_start": "2026-12-07",
                "window_end": "2026-12-18",
                "city": "Darnétal",
                "erasure_policy": "donor_removed",
            },
        )
        self.assertEqual(response.status_code, 200)
        pickup = self.env["reboot.pickup"].search([], order="id desc", limit=1)
        self.assertEqual(self.env["reboot.pickup"].search_count([]), before + 1)
        self.assertEqual(pickup.donor_id, self.donor_a)
        self.assertEqual(pickup.contact_id, self.contact_a)
        self.assertEqual(pickup.state, "draft")
        self.assertEqual(pickup.city, "Darnétal")
        self.assertEqual(pickup.erasure_policy, "donor_removed")
        self.assertEqual(
            {(line.device_type_id, line.qty_declared) for line in pickup.line_ids},
            {(self.laptop, 12), (self.monitor, 4)},
        )
        self.assertIn(
            self.manager, pickup.activity_ids.user_id, "Managers are notified"
        )

    def test_a_refused_request_writes_nothing_and_uses_no_number(self):
        self.authenticate("portal_donor_a", "portal_donor_a")
        sequence = self.env["ir.sequence"].search([("code", "=", "reboot.pickup")])
        next_number = sequence.number_next_actual
        before = self.env["reboot.pickup"].search_count([])
        qty = f"qty_{self.laptop.id}"
        for data, message in (
            ({qty: "99999999999"}, "must be between 0 and 10000"),
            ({qty: "3", "window_start": "2026-02-30"}, "is not a valid date"),
            (
                {qty: "3", "window_start": "2026-12-18", "window_end": "2026-12-07"},
                "ends before it starts",
            ),
            ({qty: "3", "city": "x" * 300_000}, "is too long"),
        ):
            response = self.url_open(
                "/my/pickups/new",
                data={"csrf_token": http.Request.csrf_token(self), **data},
            )
            self.assertEqual(response.status_code, 200)
            self.assertIn(message, response.text)
            self.assertNotIn("PU/", response.text, "no pickup is named")
        self.assertEqual(self.env["reboot.pickup"].search_count([]), before)
        sequence.invalidate_recordset()
        self.assertEqual(sequence.number_next_actual, next_number)

    def test_new_donor_finds_the_request_page(self):
        """A donor without any pickup yet still sees the pickups card on /my."""
        donor = self.env["res.partner"].create(
            {"name": "Donateur C", "is_company": True, "is_reboot_donor": True}
        )
        new_test_user(
            self.env,
            login="portal_donor_c",
            password="portal_donor_c",
            groups="base.group_portal",
            partner_id=self.env["res.partner"]
            .create({"name": "Chloé C", "parent_id": donor.id})
            .id,
        )
        self.authenticate("portal_donor_c", "portal_donor_c")
        card = re.search(
            r'<div class="o_portal_index_card ([^"]*)">\s*<a href="/my/pickups"',
            self.url_open("/my").text,
        )
        self.assertTrue(card, "the pickups card is on the page")
        self.assertNotIn("d-none", card.group(1))

    def test_tour_request_a_pickup(self):
        self.start_tour("/my", "reboot_donor_pickup_request", login="portal_donor_a")
        pickup = self.env["reboot.pickup"].search(
            [("donor_id", "=", self.donor_a.id)], order="id desc", limit=1
        )
        self.assertNotEqual(pickup, self.pickup_a)
        self.assertEqual(pickup.state, "draft")
        self.assertEqual(pickup.contact_id, self.contact_a)
        self.assertEqual(pickup.erasure_policy, "donor_removed")
        self.assertEqual(pickup.site_contact, "Accueil du siège")
        self.assertEqual(str(pickup.window_start), "2027-01-11")
        self.assertEqual(
            {(line.device_type_id, line.qty_declared) for line in pickup.line_ids},
            {(self.laptop, 15), (self.monitor, 6)},
        )

    def test_bad_request_saves_nothing(self):
        self.authenticate("portal_donor_a", "portal_donor_a")
        before = self.env["reboot.pickup"].search_count([])
        for data in (
            {},  # no equipment
            {f"qty_{self.laptop.id}": "-2"},
            {f"qty_{self.laptop.id}": "deux"},
            {
                f"qty_{self.laptop.id}": "2",
                "window_start": "2026-12-10",
                "window_end": "2026-12-01",
            },
        ):
            response = self.url_open(
                "/my/pickups/new",
                data={"csrf_token": http.Request.csrf_token(self), **data},
            )
            self.assertEqual(response.status_code, 200)
            self.assertIn("alert-danger", response.text)
        self.assertEqual(self.env["reboot.pickup"].search_count([]), before)

    def test_non_donor_cannot_request(self):
        new_user = self.env["res.users"].create(
            {
                "name": "Curious",
                "login": "curious",
                "password": "curious-pass",
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.assertFalse(new_user.partner_id.is_reboot_donor)
        self.authenticate("curious", "curious-pass")
        response = self.url_open("/my/pickups/new")
        self.assertNotIn("Request a pickup for", response.text)
