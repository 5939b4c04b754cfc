from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged

from .common import RebootCollectCommon


@tagged("post_install", "-at_install")
class TestPickup(RebootCollectCommon, TransactionCase):
    def test_sequence_and_defaults(self):
        pickup = self._create_pickup()
        self.assertRegex(pickup.name, r"^PU/\d{4}/\d{4}$")
        self.assertEqual(pickup.state, "draft")
        self.assertEqual(pickup.city, "Rouen", "The address defaults to the donor's")
        self.assertEqual(pickup.qty_declared, 15)
        self.assertAlmostEqual(pickup.total_weight, 10 * 2.5 + 5 * 7.5)

    def test_form_flow(self):
        with Form(self.env["reboot.pickup"].with_user(self.technician)) as form:
            form.donor_id = self.donor_a
            form.contact_id = self.contact_a
            with form.line_ids.new() as line:
                line.device_type_id = self.laptop
                line.qty_declared = 3
        pickup = form.record
        self.assertEqual(pickup.donor_id, self.donor_a)
        self.assertEqual(pickup.line_ids.qty_declared, 3)

    def test_full_flow_with_discrepancy(self):
        pickup = self._create_pickup()
        self._schedule(pickup)
        self.assertEqual(pickup.state, "scheduled")
        activity = pickup.activity_ids
        self.assertEqual(activity.user_id, self.driver, "The driver gets a to-do")
        mail = pickup.message_ids.filtered(
            lambda m: m.subject and "scheduled" in m.subject
        )
        self.assertIn(self.contact_a, mail.partner_ids, "The donor contact is told")
        self.assertIn(pickup.name, mail.subject)

        pickup.action_collect()
        picking = pickup.picking_id
        self.assertEqual(pickup.state, "collected")
        self.assertFalse(pickup.activity_ids, "Collecting closes the driver's to-do")
        self.assertTrue(picking.picking_type_id.reboot_donor_pickup)
        self.assertEqual(picking.partner_id, self.donor_a)
        self.assertEqual(
            picking.location_dest_id,
            self.env.ref("reboot_collect.stock_location_triage"),
        )
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(
            sorted(picking.move_ids.mapped("product_uom_qty")), [5.0, 10.0]
        )

        laptop_line = pickup.line_ids.filtered(
            lambda line: line.device_type_id == self.laptop
        )
        desktop_line = pickup.line_ids - laptop_line
        laptop_line.qty_received = 8  # two missing
        desktop_line.qty_received = 5
        pickup.line_ids = [
            Command.create(
                {
                    "device_type_id": self.monitor.id,
                    "qty_declared": 0,
                    "qty_received": 2,
                }
            )
        ]
        pickup.action_receive()
        self.assertEqual(pickup.state, "received")
        self.assertTrue(pickup.has_discrepancy)
        self.assertEqual(laptop_line.discrepancy, -2)
        self.assertEqual(pickup.qty_received, 15)
        self.assertAlmostEqual(pickup.total_weight, 8 * 2.5 + 5 * 7.5 + 2 * 5.0)
        message = pickup.message_ids.filtered(lambda m: "missing" in (m.body or ""))
        self.assertTrue(message, "The discrepancy is posted in the chatter")
        self.assertIn("2 missing", message.body)
        self.assertIn("2 extra", message.body)
        # The receipt now expects what arrived, extra monitors included.
        moves = picking.move_ids.filtered(lambda m: m.state != "cancel")
        qty_by_product = {m.product_id: m.product_uom_qty for m in moves}
        self.assertEqual(qty_by_product[self.laptop.product_id], 8)
        self.assertEqual(qty_by_product[self.monitor.product_id], 2)

    def test_scheduling_mail_speaks_french_dates(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.contact_a.write({"lang": "fr_FR", "tz": "Europe/Paris"})
        pickup = self._create_pickup()
        self._schedule(pickup, when="2026-12-04 09:00:00")  # 10:00 in Paris
        mail = pickup.message_ids.filtered(
            lambda m: m.subject and pickup.name in m.subject and m.partner_ids
        )
        self.assertIn("vendredi 4 décembre 2026 à 10:00", mail.body)
        self.assertNotIn("+0100", mail.body)
        self.assertIn("Nous collecterons votre matériel", mail.body)

    def test_public_donor_free_cession_ceiling(self):
        """CG3P L3212-2 3°: a public body gives IT equipment for free only up
        to the ceiling per unit; above it, the planner is warned."""
        self.env.company.reboot_public_cession_ceiling = 300.0
        pickup = self._create_pickup()
        pickup.line_ids[0].unit_value = 450.0
        self.assertFalse(pickup.ceiling_warning, "a company donor has no ceiling")
        self.donor_a.reboot_donor_kind = "public_body"
        pickup.invalidate_recordset(["ceiling_warning"])
        self.assertIn("public body", pickup.ceiling_warning)
        self.assertIn("Laptop", pickup.ceiling_warning)
        self.assertNotIn("Desktop", pickup.ceiling_warning)
        pickup.line_ids[0].unit_value = 300.0  # at the ceiling: allowed
        self.assertFalse(pickup.ceiling_warning)
        with self.assertRefused(ValidationError, "cannot be negative"):
            pickup.line_ids[0].unit_value = -1.0
        # a warning, not a refusal: the pickup goes on
        pickup.line_ids[1].unit_value = 900.0
        self._schedule(pickup)
        self.assertEqual(pickup.state, "scheduled")
        self.assertIn("Desktop", pickup.ceiling_warning)

    def test_state_changes_are_tracked(self):
        pickup = self._create_pickup()
        self.flush_tracking()  # as if created in an earlier request
        self._schedule(pickup)
        self.flush_tracking()
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "reboot.pickup"),
                ("mail_message_id.res_id", "=", pickup.id),
                ("field_id.name", "=", "state"),
            ]
        )
        self.assertEqual(tracked.old_value_char, "Requested")
        self.assertEqual(tracked.new_value_char, "Scheduled")

    def test_transitions_are_checked(self):
        pickup = self._create_pickup()
        with self.assertRefused(UserError, "cannot become Received"):
            pickup.action_receive()
        with self.assertRefused(UserError, "cannot become Collected"):
            pickup.action_collect()
        # Writing the state directly (form, import, RPC) obeys the same rules.
        with self.assertRaises(UserError):
            pickup.with_user(self.technician).write({"state": "received"})
        self._schedule(pickup)
        with self.assertRaises(UserError):
            pickup.action_schedule()
        pickup.action_collect()
        pickup.action_receive()
        with self.assertRaises(UserError):
            pickup.action_cancel()
        self.assertEqual(pickup.state, "received")

    def test_schedule_needs_date_and_driver(self):
        pickup = self._create_pickup()
        with self.assertRefused(UserError, "a scheduled date and a driver"):
            pickup.action_schedule()
        self.assertEqual(pickup.state, "draft")

    def test_planning_warns_outside_the_window_or_a_busy_driver(self):
        first = self._create_pickup()
        self._schedule(first, "2026-12-01 09:00:00")
        self.assertFalse(first.scheduling_warning)
        second = self._create_pickup(window_start="2026-12-02", window_end="2026-12-04")
        with Form(second) as form:
            form.scheduled_date = "2026-12-01 14:00:00"
            form.driver_id = self.driver
            self.assertIn("outside the donor's window", form.scheduling_warning)
            self.assertIn(first.name, form.scheduling_warning)
            form.scheduled_date = "2026-12-03 09:00:00"
            self.assertFalse(form.scheduling_warning)
        # a warning, not a refusal: the planner may still schedule
        second.scheduled_date = "2026-12-01 14:00:00"
        second.action_schedule()
        self.assertEqual(second.state, "scheduled")
        self.assertIn(second.name, first.scheduling_warning)

    def test_cancel_cancels_receipt(self):
        pickup = self._create_pickup()
        self._schedule(pickup)
        pickup.action_collect()
        pickup.action_cancel()
        self.assertEqual(pickup.state, "cancel")
        self.assertEqual(pickup.picking_id.state, "cancel")
        pickup.action_draft()
        self.assertEqual(pickup.state, "draft")

    def test_bad_input_saves_nothing(self):
        Pickup = self.env["reboot.pickup"]
        before = Pickup.search_count([])
        with self.assertRefused(ValidationError, "no equipment"):
            Pickup.create({"donor_id": self.donor_a.id})
        with self.assertRefused(ValidationError, "ends"):
            self._create_pickup(window_start="2026-12-10", window_end="2026-12-01")
        with self.assertRefused(ValidationError, "negative"):
            self._create_pickup(lines=[(self.laptop, -3)])
        with self.assertRefused(ValidationError, "not a donor"):
            self._create_pickup(donor=self.env["res.partner"].create({"name": "X"}))
        self.assertEqual(Pickup.search_count([]), before)

    def test_donor_siret_is_checked(self):
        with self.assertRefused(ValidationError, "SIRET"):
            self.donor_a.company_registry = "12345678901234"
        self.donor_a.company_registry = "20002341400002"
        self.assertEqual(self.donor_a._reboot_siren(), "200023414")

    def test_only_draft_or_cancel_can_be_deleted(self):
        pickup = self._create_pickup()
        self._schedule(pickup)
        with self.assertRaises(UserError):
            pickup.unlink()
        with self.assertRaises(AccessError):
            self._create_pickup().with_user(self.technician).unlink()

    def test_reminder_the_day_before(self):
        tomorrow = self._create_pickup()
        later = self._create_pickup()
        self._schedule(tomorrow, "2026-12-02 09:00:00")
        self._schedule(later, "2026-12-05 09:00:00")
        with freeze_time("2026-12-01 18:00:00"):
            reminded = self.env["reboot.pickup"]._cron_send_reminders()
        self.assertIn(tomorrow, reminded)
        self.assertNotIn(later, reminded)
        reminder = tomorrow.message_ids.filtered(
            lambda m: m.subject and m.subject.startswith("Reminder")
        )
        self.assertEqual(reminder.partner_ids, self.contact_a)
        self.assertFalse(
            later.message_ids.filtered(lambda m: m.subject and "Reminder" in m.subject)
        )

    def test_route_sheet_groups_by_driver_and_day(self):
        other_driver = self.technician
        p1 = self._create_pickup()
        p2 = self._create_pickup(donor=self.donor_b)
        p3 = self._create_pickup()
        self._schedule(p1, "2026-12-01 08:00:00")
        self._schedule(p2, "2026-12-01 13:00:00")
        p3.write(
            {"scheduled_date": "2026-12-01 10:00:00", "driver_id": other_driver.id}
        )
        p3.action_schedule()
        pickups = p1 | p2 | p3
        groups = pickups._route_sheet_groups()
        self.assertEqual(len(groups), 2)
        by_driver = {g["driver"]: g["pickups"] for g in groups}
        self.assertEqual(by_driver[self.driver], p1 | p2)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("reboot_collect.action_report_route_sheet", pickups.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("1 rue du Gros-Horloge", html)
        self.assertIn("Donateur B", html)

    def test_donation_receipt(self):
        pickup = self._create_pickup()
        with self.assertRaises(UserError):
            pickup.action_send_donation_receipt()
        self._schedule(pickup)
        pickup.action_collect()
        pickup.line_ids.qty_received = 4
        pickup.action_receive()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "reboot_collect.action_report_donation_receipt", pickup.ids
            )[0]
            .decode()
        )
        self.assertIn(pickup.name, html)
        self.assertIn("Donateur A", html)
        self.assertIn("552120222", html)
        action = pickup.action_send_donation_receipt()
        composer = (
            self.env["mail.compose.message"]
            .with_context(**action["context"])
            .create({})
        )
        self.assertTrue(composer.attachment_ids, "The receipt PDF is attached")
        composer.action_send_mail()
        sent = pickup.message_ids.filtered(
            lambda m: "donation receipt" in (m.subject or "")
        )
        self.assertTrue(sent)
