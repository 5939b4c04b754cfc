import base64
import csv
import io
import json

from freezegun import freeze_time

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged

from odoo.addons.reboot_base.tests.common import RefusalMixin, untranslated_terms
from odoo.addons.reboot_commune_sales.tests.common import RebootCommuneCommon


@tagged("post_install", "-at_install")
class TestWorkshop(RefusalMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mediator = new_test_user(
            cls.env, login="mediator", groups="reboot_base.group_reboot_mediator"
        )
        cls.other_mediator = new_test_user(
            cls.env, login="mediator2", groups="reboot_base.group_reboot_mediator"
        )
        cls.workshop_type = cls.env.ref(
            "reboot_mediation.event_type_mediation_workshop"
        )
        cls.venue = cls.env["res.partner"].create({"name": "Salle Test"})
        cls.other_venue = cls.env["res.partner"].create({"name": "Salle B"})
        cls.commune = cls.env["res.partner"].create(
            {
                "name": "Commune M",
                "is_company": True,
                "is_commune": True,
                "insee_code": "76999",
            }
        )
        cls.first_steps = cls.env.ref("reboot_mediation.theme_first_steps")

    def _workshop(self, begin, end, user=None, venue=None, **vals):
        return (
            self.env["event.event"]
            .with_user(user or self.mediator)
            .create(
                {
                    "name": "Atelier",
                    "event_type_id": self.workshop_type.id,
                    "user_id": (user or self.mediator).id,
                    "address_id": (venue or self.venue).id,
                    "reboot_commune_id": self.commune.id,
                    "date_begin": begin,
                    "date_end": end,
                    **vals,
                }
            )
        )

    def test_mediator_creates_a_workshop_from_the_template(self):
        with Form(self.env["event.event"].with_user(self.mediator)) as form:
            form.name = "Premiers pas sur l'ordinateur"
            form.event_type_id = self.workshop_type
            form.date_begin = "2026-12-03 09:00:00"
            form.date_end = "2026-12-03 11:00:00"
        workshop = form.record
        self.assertTrue(workshop.is_mediation_workshop)
        self.assertEqual(workshop.seats_max, 8)
        self.assertEqual(workshop.user_id, self.mediator)
        self.assertEqual(workshop.reboot_duration_minutes, 120)

    def test_other_events_are_not_workshops(self):
        event = self.env["event.event"].create(
            {
                "name": "AG",
                "date_begin": "2026-12-03 18:00:00",
                "date_end": "2026-12-03 20:00:00",
            }
        )
        self.assertFalse(event.is_mediation_workshop)

    def test_mediator_and_venue_never_booked_twice(self):
        first = self._workshop("2026-12-03 09:00:00", "2026-12-03 11:00:00")
        first.name = "Premiers pas"
        with self.assertRefused(ValidationError, "already leads Premiers pas"):
            self._workshop(
                "2026-12-03 10:00:00", "2026-12-03 12:00:00", venue=self.other_venue
            )
        with self.assertRefused(ValidationError, "Salle Test is already booked"):
            self._workshop(
                "2026-12-03 10:30:00", "2026-12-03 11:30:00", user=self.other_mediator
            )
        # Back-to-back is fine, and so is another mediator in another room.
        self._workshop("2026-12-03 11:00:00", "2026-12-03 12:00:00")
        self._workshop(
            "2026-12-03 09:00:00",
            "2026-12-03 11:00:00",
            user=self.other_mediator,
            venue=self.other_venue,
        )
        # Moving a workshop onto another one is refused too.
        later = self._workshop("2026-12-04 09:00:00", "2026-12-04 10:00:00")
        with self.assertRefused(ValidationError, "overlaps"):
            later.write(
                {"date_begin": "2026-12-03 10:00:00", "date_end": "2026-12-03 10:30:00"}
            )

    def test_weekly_series(self):
        model = self._workshop("2026-12-01 14:00:00", "2026-12-01 16:00:00")
        wizard = (
            self.env["reboot.workshop.series"]
            .with_user(self.mediator)
            .create({"event_id": model.id, "weeks": 3})
        )
        action = wizard.action_create()
        series = self.env["event.event"].search(action["domain"], order="date_begin")
        self.assertEqual(len(series), 4)
        self.assertEqual(
            [str(e.date_begin.date()) for e in series],
            ["2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22"],
        )
        self.assertEqual(set(series.mapped("user_id")), {self.mediator})
        self.assertEqual(set(series.mapped("name")), {model.name})
        # A clash in one week creates nothing.
        other = self._workshop("2027-01-05 14:00:00", "2027-01-05 16:00:00")
        self._workshop(
            "2027-01-12 14:30:00", "2027-01-12 15:00:00", user=self.other_mediator
        )
        clash = self.env["reboot.workshop.series"].create(
            {"event_id": other.id, "weeks": 2}
        )
        before = self.env["event.event"].search_count([])
        with self.assertRefused(ValidationError, "Salle Test is already booked"):
            clash.action_create()
        self.assertEqual(self.env["event.event"].search_count([]), before)
        with self.assertRaises(UserError):
            self.env["reboot.workshop.series"].create(
                {"event_id": model.id, "weeks": 0}
            ).action_create()

    def test_consent_gates_personal_data(self):
        workshop = self._workshop("2026-12-03 09:00:00", "2026-12-03 11:00:00")
        Registration = self.env["event.registration"].with_user(self.mediator)
        anonymous = Registration.create(
            {"event_id": workshop.id, "reboot_age_band": "soixante_soixante_neuf"}
        )
        self.assertFalse(anonymous.name)
        self.assertRegex(anonymous.reboot_reference, r"^B-\d{5}$")
        self.assertEqual(anonymous._reboot_label(), anonymous.reboot_reference)
        with self.assertRefused(ValidationError, "consent"):
            Registration.create({"event_id": workshop.id, "name": "Jean Dupont"})
        with self.assertRefused(ValidationError, "consent"):
            anonymous.write({"phone": "0600000000"})
        named = Registration.create(
            {"event_id": workshop.id, "name": "Jean Dupont", "reboot_consent": True}
        )
        self.assertEqual(named._reboot_label(), "Jean Dupont")
        # Withdrawing consent in the form clears the data.
        with Form(named) as form:
            form.reboot_consent = False
        self.assertFalse(named.name)

    def test_attendance(self):
        workshop = self._workshop("2026-11-20 09:00:00", "2026-11-20 11:00:00")
        came, missed = self.env["event.registration"].create(
            [
                {
                    "event_id": workshop.id,
                    "reboot_age_band": "vingt_cinq_trente_neuf",
                    "reboot_autonomy": "partiellement_autonome",
                },
                {"event_id": workshop.id, "reboot_age_band": "soixante_dix_plus"},
            ]
        )
        (came | missed).with_user(self.mediator).flush_recordset()
        came.with_user(self.mediator).action_reboot_attended()
        missed.with_user(self.mediator).action_reboot_absent()
        self.assertEqual(came.state, "done")
        self.assertEqual(missed.state, "cancel")
        self.assertTrue(missed.reboot_absent)
        self.assertEqual(workshop.reboot_attended_count, 1)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "reboot_mediation.action_report_attendance_sheet", workshop.ids
            )[0]
            .decode()
        )
        self.assertIn("Signature", html)
        self.assertIn("Participant", html)
        self.assertEqual(html.count("height: 12mm"), 1 + 3, "one attendee and 3 blanks")
        # a wrong click is undone
        missed.with_user(self.mediator).action_reboot_reset_attendance()
        self.assertEqual(missed.state, "open")
        self.assertFalse(missed.reboot_absent)

    @freeze_time("2026-06-05")
    def test_activity_export(self):
        w1 = self._workshop(
            "2026-06-02 09:00:00",
            "2026-06-02 11:00:00",
            reboot_theme_ids=[(6, 0, [self.first_steps.id])],
        )
        w2 = self._workshop(
            "2026-06-03 09:00:00", "2026-06-03 10:30:00", reboot_place_type="domicile"
        )
        self._workshop("2026-07-03 09:00:00", "2026-07-03 10:30:00")  # out of range
        regs = self.env["event.registration"].create(
            [
                {
                    "event_id": w1.id,
                    "reboot_age_band": "soixante_soixante_neuf",
                    "reboot_status": "retraite",
                    "reboot_autonomy": "partiellement_autonome",
                },
                {
                    "event_id": w1.id,
                    "reboot_age_band": "soixante_soixante_neuf",
                    "reboot_status": "retraite",
                    "reboot_autonomy": "autonome",
                },
                {"event_id": w1.id, "reboot_age_band": "dix_huit_vingt_quatre"},
                {
                    "event_id": w2.id,
                    "reboot_age_band": "quarante_cinquante_neuf",
                    "reboot_status": "sans_emploi",
                    "reboot_autonomy": "entierement_accompagne",
                },
            ]
        )
        regs[:2].action_reboot_attended()
        regs[2].action_reboot_absent()
        regs[3].action_reboot_attended()
        wizard = (
            self.env["reboot.mediation.export"]
            .with_user(self.mediator)
            .create(
                {
                    "date_from": "2026-06-01",
                    "date_to": "2026-06-30",
                    "file_format": "csv",
                }
            )
        )
        wizard.action_export()
        rows = list(csv.DictReader(io.StringIO(base64.b64decode(wizard.file).decode())))
        self.assertEqual(len(rows), 2)
        first, second = rows
        self.assertEqual(first["type"], "collectif")
        self.assertEqual(first["titre_atelier"], "Atelier")
        self.assertEqual(first["date"], "2026-06-02")
        self.assertEqual(first["participants"], "2")
        self.assertEqual(first["age_soixante_soixante_neuf"], "2")
        self.assertEqual(
            first["age_dix_huit_vingt_quatre"], "0", "absent people are not counted"
        )
        self.assertEqual(first["statut_retraite"], "2")
        self.assertEqual(first["genre_non_communique"], "2")
        self.assertEqual(first["autonomie_partiellement_autonome"], "1")
        self.assertEqual(first["autonomie_autonome"], "1")
        self.assertEqual(first["thematiques"], "prendre_en_main_du_materiel")
        self.assertEqual(first["materiel"], "ordinateur", "a computer by default")
        self.assertEqual(first["niveau"], "debutant")
        self.assertEqual(first["type_lieu"], "lieu_activite")
        self.assertEqual(first["code_insee"], "76999")
        self.assertEqual(first["duree_minutes"], "120")
        self.assertEqual(second["type_lieu"], "domicile")
        self.assertEqual(second["duree_minutes"], "90")
        self.assertEqual(second["statut_sans_emploi"], "1")
        self.assertEqual(second["autonomie_entierement_accompagne"], "1")
        self.assertNotIn("name", first)
        wizard.file_format = "xlsx"
        wizard.action_export()
        self.assertEqual(base64.b64decode(wizard.file)[:2], b"PK")

    def test_mediator_access_limits(self):
        for model in (
            "sale.order",
            "reboot.wipe",
            "account.move",
            "reboot.tax.receipt",
        ):
            with self.assertRaises(AccessError, msg=model):
                self.env[model].with_user(self.mediator).search([], limit=1)
        lot_fields = self.env["stock.lot"].with_user(self.mediator).fields_get()
        self.assertNotIn("reboot_cost", lot_fields)

    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_mediation")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")


@tagged("post_install", "-at_install")
class TestInvitation(RebootCommuneCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mediator = new_test_user(
            cls.env, login="inv_mediator", groups="reboot_base.group_reboot_mediator"
        )
        order = cls._order(cls.officer_a, {(cls.laptop, "a"): 2})
        cls._deliver(cls, order)
        cls.sold = order.picking_ids.move_line_ids.lot_id
        cls.workshop = cls.env["event.event"].create(
            {
                "name": "Premiers pas",
                "event_type_id": cls.env.ref(
                    "reboot_mediation.event_type_mediation_workshop"
                ).id,
                "user_id": cls.mediator.id,
                "reboot_commune_id": cls.commune_a.id,
                "reboot_theme_ids": [
                    (6, 0, [cls.env.ref("reboot_mediation.theme_first_steps").id])
                ],
                "date_begin": "2099-01-10 09:00:00",
                "date_end": "2099-01-10 11:00:00",
            }
        )

    def _allocate(self, lot, **vals):
        return self.env["reboot.allocation"].create(
            {
                "lot_id": lot.id,
                "commune_id": self.commune_a.id,
                "beneficiary_type": "family",
                "household_ref": "FAM-1",
                **vals,
            }
        )

    def test_an_unused_allocation_email_is_not_kept_forever(self):
        # a beneficiary who never came: no registration, the email stays on the
        # allocation only, and goes once as old as the retention
        self.workshop.reboot_commune_id = self.commune_b  # nothing to invite to
        old = self._allocate(
            self.sold[0],
            contact_consent=True,
            contact_email="jamais.venu@example.com",
            date=fields.Date.subtract(fields.Date.today(), days=400),
        )
        recent = self._allocate(
            self.sold[1],
            household_ref="FAM-2",
            contact_consent=True,
            contact_email="recent@example.com",
        )
        self.assertFalse(old.registration_ids)
        self.env.company.reboot_retention_days = 365
        self.env["event.registration"]._cron_anonymise_beneficiaries()
        self.assertFalse(old.contact_email or old.contact_consent)
        self.assertEqual(recent.contact_email, "recent@example.com")

    def test_invitation_by_email_or_call_list(self):
        by_mail = self._allocate(
            self.sold[0], contact_consent=True, contact_email="benef@example.com"
        )
        registration = by_mail.registration_ids
        self.assertEqual(registration.event_id, self.workshop)
        self.assertEqual(registration.email, "benef@example.com")
        self.assertFalse(registration.reboot_to_call)
        mail = self.env["mail.mail"].search([("email_to", "=", "benef@example.com")])
        self.assertTrue(mail)
        to_call = self._allocate(self.sold[1])
        self.assertTrue(to_call.registration_ids.reboot_to_call)
        self.assertFalse(to_call.registration_ids.name)
        self.assertIn(
            self.mediator, self.workshop.activity_ids.user_id, "The mediator calls"
        )

    def test_invitation_mails_wait_for_the_cron(self):
        """Odoo's confirmation mail of a new registration commits as it goes:
        an invitation made inside an allocation must leave it to the cron."""
        self.workshop.event_mail_ids = [
            (5, 0, 0),
            (
                0,
                0,
                {
                    "interval_type": "after_sub",
                    "template_ref": "mail.template,"
                    f"{self.env.ref('event.event_subscription').id}",
                },
            ),
        ]
        scheduler = self.workshop.event_mail_ids
        cron = self.env.ref("event.event_mail_scheduler")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        allocation = self._allocate(
            self.sold[0], contact_consent=True, contact_email="benef@example.com"
        )
        registration = allocation.registration_ids
        self.assertTrue(registration)
        self.assertFalse(scheduler.mail_registration_ids, "not sent inline")
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers + 1,
        )
        # a registration made in the back office is confirmed at once, as in Odoo
        direct = self.env["event.registration"].create(
            {"event_id": self.workshop.id, "state": "open"}
        )
        self.assertIn(direct, scheduler.mail_registration_ids.registration_id)
        scheduler.execute()  # what the cron does for each pending scheduler
        self.assertIn(registration, scheduler.mail_registration_ids.registration_id)

    def test_email_needs_consent(self):
        with self.assertRefused(ValidationError, "consent"):
            self._allocate(self.sold[0], contact_email="x@example.com")

    def test_accompanied_once_attended(self):
        allocation = self._allocate(self.sold[0])
        self.assertFalse(allocation.accompanied)
        not_accompanied = self.env["reboot.allocation"].search(
            [("accompanied", "=", False), ("commune_id", "=", self.commune_a.id)]
        )
        self.assertIn(allocation, not_accompanied)
        # the workshop takes place; the family comes and gets partly autonomous
        self.workshop.write(
            {
                "date_begin": fields.Datetime.subtract(fields.Datetime.now(), hours=1),
                "date_end": fields.Datetime.add(fields.Datetime.now(), hours=1),
            }
        )
        registration = allocation.registration_ids
        with self.assertRefused(ValidationError, "autonomy level"):
            registration.action_reboot_attended()
        self.assertFalse(allocation.accompanied)
        registration.reboot_autonomy = "partiellement_autonome"
        registration.action_reboot_attended()
        self.assertTrue(allocation.accompanied)

    def test_no_workshop_no_invitation_until_one_exists(self):
        self.workshop.reboot_commune_id = self.commune_b
        allocation = self._allocate(self.sold[0])
        self.assertFalse(allocation.registration_ids)
        self.workshop.reboot_commune_id = self.commune_a
        self.env["reboot.allocation"]._cron_invite_not_accompanied()
        self.assertEqual(allocation.registration_ids.event_id, self.workshop)


@tagged("post_install", "-at_install")
class TestPersonalData(RefusalMixin, TransactionCase):
    def _registration(self, days_ago, **vals):
        begin = fields.Datetime.subtract(fields.Datetime.now(), days=days_ago)
        workshop = self.env["event.event"].create(
            {
                "name": f"Atelier J-{days_ago}",
                "event_type_id": self.env.ref(
                    "reboot_mediation.event_type_mediation_workshop"
                ).id,
                "date_begin": begin,
                "date_end": fields.Datetime.add(begin, hours=2),
            }
        )
        return self.env["event.registration"].create(
            {
                "event_id": workshop.id,
                "reboot_age_band": "quarante_cinquante_neuf",
                **vals,
            }
        )

    def test_retention_job_and_export(self):
        self.env.company.reboot_retention_days = 365
        person = {
            "name": "Awa Ndiaye",
            "email": "awa@example.com",
            "phone": "0600000001",
            "reboot_consent": True,
        }
        old = self._registration(400, **person)
        recent = self._registration(30, **person)
        exported = self.env["event.registration"].reboot_export_personal_data(
            "AWA@example.com"
        )
        self.assertEqual(len(exported), 2)
        self.assertEqual({row["name"] for row in exported}, {"Awa Ndiaye"})
        anonymised = self.env["event.registration"]._cron_anonymise_beneficiaries()
        self.assertIn(old, anonymised)
        self.assertNotIn(recent, anonymised)
        self.assertFalse(old.name or old.email or old.phone or old.reboot_consent)
        self.assertEqual(
            old.reboot_age_band,
            "quarante_cinquante_neuf",
            "the anonymous profile stays",
        )
        self.assertEqual(recent.name, "Awa Ndiaye")
        exported = self.env["event.registration"].reboot_export_personal_data(
            "awa@example.com"
        )
        self.assertEqual(len(exported), 1)

    def test_manager_exports_one_persons_data_from_the_menu(self):
        self._registration(30, name="Awa Ndiaye", email="awa@example.com",
                           reboot_consent=True)  # fmt: skip
        manager = new_test_user(
            self.env, login="gdpr_manager", groups="reboot_base.group_reboot_manager"
        )
        Export = self.env["reboot.personal.data.export"].with_user(manager)
        wizard = Export.create({"email": " Awa@Example.com "})
        action = wizard.action_export()
        self.assertIn(wizard.filename, action["url"])
        data = json.loads(base64.b64decode(wizard.file))
        self.assertEqual(data["email"], "awa@example.com")
        self.assertEqual([r["name"] for r in data["records"]], ["Awa Ndiaye"])
        with self.assertRefused(UserError, "nobody@example.com"):
            Export.create({"email": "nobody@example.com"}).action_export()
        mediator = new_test_user(
            self.env,
            login="gdpr_mediator",
            groups="reboot_base.group_reboot_mediator",
        )
        with self.assertRaises(AccessError):
            Export.with_user(mediator).create({"email": "awa@example.com"})

    def test_export_finds_one_exact_email_for_managers_only(self):
        for days_ago, name, email in (
            (30, "Awa Ndiaye", "awa@example.com"),
            (31, "Bawa Diallo", "bawa@example.com"),
            (32, "Aya Koné", "aya@example.com"),
        ):
            self._registration(days_ago, name=name, email=email, reboot_consent=True)
        Registration = self.env["event.registration"]
        manager = new_test_user(
            self.env,
            login="gdpr_manager2",
            groups="reboot_base.group_reboot_manager",
        )
        as_manager = Registration.with_user(manager)
        rows = as_manager.reboot_export_personal_data(" AWA@example.com ")
        self.assertEqual([row["name"] for row in rows], ["Awa Ndiaye"])
        # wildcards are characters, not patterns
        for pattern in ("%", "%@example.com", "a_a@example.com", "_wa@example.com"):
            self.assertEqual(as_manager.reboot_export_personal_data(pattern), [])
        mediator = new_test_user(
            self.env,
            login="gdpr_mediator2",
            groups="reboot_base.group_reboot_mediator",
        )
        with self.assertRefused(AccessError, "Only a manager"):
            Registration.with_user(mediator).reboot_export_personal_data(
                "awa@example.com"
            )

    def test_no_personal_data_in_funder_exports(self):
        registration = self._registration(
            10,
            name="Awa Ndiaye",
            email="awa@example.com",
            reboot_consent=True,
            reboot_autonomy="autonome",
        )
        registration.action_reboot_attended()
        wizard = self.env["reboot.mediation.export"].create(
            {
                "date_from": fields.Date.subtract(fields.Date.today(), days=20),
                "date_to": fields.Date.today(),
                "file_format": "csv",
            }
        )
        wizard.action_export()
        content = base64.b64decode(wizard.file).decode()
        self.assertNotIn("Awa", content)
        self.assertNotIn("awa@example.com", content)


@tagged("post_install", "-at_install")
class TestAttendanceTour(HttpCase):
    def test_tour_mark_attendance(self):
        new_test_user(
            self.env,
            login="tour_mediator",
            groups="reboot_base.group_reboot_mediator",
        )
        workshop = self.env["event.event"].create(
            {
                "name": "Atelier du tour",
                "event_type_id": self.env.ref(
                    "reboot_mediation.event_type_mediation_workshop"
                ).id,
                "date_begin": fields.Datetime.subtract(fields.Datetime.now(), hours=3),
                "date_end": fields.Datetime.subtract(fields.Datetime.now(), hours=1),
            }
        )
        came, missed = self.env["event.registration"].create(
            [
                {
                    "event_id": workshop.id,
                    "name": name,
                    "reboot_consent": True,
                    "reboot_consent_date": fields.Date.today(),
                    # noted during the workshop
                    "reboot_autonomy": "autonome",
                }
                for name in ("Tour Présente", "Tour Absente")
            ]
        )
        self.start_tour(
            "/odoo/action-reboot_mediation.event_registration_action_attendance",
            "reboot_mediator_attendance",
            login="tour_mediator",
        )
        self.assertEqual(came.state, "done")
        self.assertFalse(came.reboot_absent)
        self.assertEqual(missed.state, "cancel")
        self.assertTrue(missed.reboot_absent)


@tagged("post_install", "-at_install")
class TestPortalInvitation(RebootCommuneCommon, HttpCase):
    """The officer leaves the beneficiary's email, with consent, when allocating
    in the portal: the invitation is mailed instead of phoned."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        order = cls._order(cls.officer_a, {(cls.laptop, "a"): 2})
        cls._deliver(cls, order)
        cls.sold = order.picking_ids.move_line_ids.lot_id
        cls.workshop = cls.env["event.event"].create(
            {
                "name": "Premiers pas",
                "is_mediation_workshop": True,
                "reboot_commune_id": cls.commune_a.id,
                "reboot_theme_ids": [
                    (6, 0, [cls.env.ref("reboot_mediation.theme_first_steps").id])
                ],
                "date_begin": "2099-01-10 09:00:00",
                "date_end": "2099-01-10 11:00:00",
            }
        )

    def _post(self, **data):
        return self.url_open(
            "/my/allocations",
            data={
                "csrf_token": http.Request.csrf_token(self),
                f"lot_{self.sold[0].id}": str(self.sold[0].id),
                "beneficiary_type": "family",
                "household_ref": "FAM-PORTAL-1",
                **data,
            },
        )

    def test_email_with_consent_only(self):
        self.authenticate("officer_a", "officer_a")
        Allocation = self.env["reboot.allocation"]
        for data, error in (
            ({"contact_email": "benef@example.com"}, "consent"),
            (
                {"contact_email": "pas-un-email", "contact_consent": "on"},
                "pas-un-email",
            ),
        ):
            response = self._post(**data)
            self.assertEqual(response.status_code, 200)
            self.assertIn(error, response.text)
            self.assertFalse(Allocation.search([("lot_id", "=", self.sold[0].id)]))
        self._post(contact_email=" Benef@Example.com ", contact_consent="on")
        allocation = Allocation.search([("lot_id", "=", self.sold[0].id)])
        self.assertEqual(allocation.contact_email, "benef@example.com")
        self.assertTrue(allocation.contact_consent)
        registration = allocation.registration_ids
        self.assertEqual(registration.event_id, self.workshop)
        self.assertFalse(registration.reboot_to_call)
        self.assertTrue(
            self.env["mail.mail"].search([("email_to", "=", "benef@example.com")])
        )
