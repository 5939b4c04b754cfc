import base64
import csv
import importlib.util
import io
import json
from pathlib import Path

from freezegun import freeze_time
from psycopg2 import IntegrityError
from pypdf import PdfReader

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from odoo.addons.reboot_base.tests.common import RefusalMixin

from .. import coop

ENUMS = json.loads((Path(__file__).parent / "data" / "coop_enums.json").read_text())


def _selection(env, model, field):
    return [code for code, _label in env[model]._fields[field].selection]


@tagged("post_install", "-at_install")
class TestCoopCodes(TransactionCase):
    """Every code the suite stores and exports is one of the Coop's (the enums
    copied from its Prisma schema, tests/data/coop_enums.json)."""

    def test_stored_values_are_the_coops_codes(self):
        for model, field, enum in (
            ("event.event", "reboot_activity_type", "TypeActivite"),
            ("event.event", "reboot_place_type", "TypeLieu"),
            ("event.event", "reboot_level", "NiveauAtelier"),
            ("event.registration", "reboot_autonomy", "Autonomie"),
            ("event.registration", "reboot_gender", "Genre"),
            ("event.registration", "reboot_age_band", "TrancheAge"),
            ("event.registration", "reboot_status", "StatutSocial"),
            ("event.registration", "reboot_redirection", "StructureDeRedirection"),
            ("reboot.mediation.theme", "code", "Thematique"),
            ("reboot.mediation.equipment", "code", "Materiel"),
        ):
            with self.subTest(field=field):
                self.assertEqual(
                    sorted(_selection(self.env, model, field)), sorted(ENUMS[enum])
                )

    def test_every_coop_theme_and_equipment_is_seeded(self):
        Theme = self.env["reboot.mediation.theme"].with_context(active_test=False)
        self.assertEqual(
            sorted(Theme.search([]).mapped("code")), sorted(ENUMS["Thematique"])
        )
        Equipment = self.env["reboot.mediation.equipment"]
        self.assertEqual(
            sorted(Equipment.search([]).mapped("code")), sorted(ENUMS["Materiel"])
        )

    def test_labels_are_french_for_the_mediators(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["reboot_mediation"], ["fr_FR"])
        env = self.env(context=dict(self.env.context, lang="fr_FR"))
        labels = dict(
            env["event.registration"]
            ._fields["reboot_autonomy"]
            ._description_selection(env)
        )
        self.assertEqual(labels["partiellement_autonome"], "Partiellement autonome")
        theme = env.ref("reboot_mediation.theme_first_steps")
        self.assertEqual(theme.code, "prendre_en_main_du_materiel")
        self.assertNotEqual(theme.name, "Getting started with the device")

    def test_export_columns_are_the_coops(self):
        columns = self.env["reboot.mediation.export"]._columns()
        self.assertEqual(
            columns[:10],
            ["type", "date", "duree_minutes", "type_lieu", "code_insee",
             "thematiques", "materiel", "niveau", "titre_atelier", "participants"],
        )  # fmt: skip
        enums = {
            "age": ENUMS["TrancheAge"],
            "statut": ENUMS["StatutSocial"],
            "genre": ENUMS["Genre"],
            # attendances recorded before the level was required have none
            "autonomie": ENUMS["Autonomie"] + [coop.NOT_GIVEN],
            "redirection": ENUMS["StructureDeRedirection"],
        }
        counted = {}
        for column in columns[10:]:
            prefix, code = column.split("_", 1)
            counted.setdefault(prefix, []).append(code)
        self.assertEqual(counted, enums, "one column per code, each a Coop code")


class WorkshopWithTwo:
    """A workshop with a person who consented to be named and one who did not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mediator = new_test_user(
            cls.env,
            login="coop_mediator",
            groups="reboot_base.group_reboot_mediator",
        )
        cls.workshop = cls.env["event.event"].create(
            {
                "name": "Atelier messagerie",
                "event_type_id": cls.env.ref(
                    "reboot_mediation.event_type_mediation_workshop"
                ).id,
                "user_id": cls.mediator.id,
                "date_begin": "2026-03-10 09:00:00",
                "date_end": "2026-03-10 11:00:00",
                "date_tz": "Europe/Paris",
            }
        )
        Registration = cls.env["event.registration"]
        cls.named = Registration.create(
            {
                "event_id": cls.workshop.id,
                "name": "Awa Ndiaye",
                "reboot_consent": True,
                "reboot_consent_date": "2026-03-01",
            }
        )
        cls.anonymous = Registration.create({"event_id": cls.workshop.id})


@tagged("post_install", "-at_install")
class TestHonestAttendance(WorkshopWithTwo, RefusalMixin, TransactionCase):
    def _as_mediator(self, records):
        return records.with_user(self.mediator)

    @freeze_time("2026-03-10 08:59:00")
    def test_nobody_is_present_or_absent_before_the_start(self):
        named = self._as_mediator(self.named)
        named.reboot_autonomy = "autonome"
        # 08:59 UTC is 09:59 in Paris: one minute early
        with self.assertRefused(ValidationError, "starts on .*10:00"):
            named.action_reboot_attended()
        with self.assertRefused(ValidationError, "once the workshop has started"):
            self._as_mediator(self.anonymous).action_reboot_absent()
        # nor by a write that skips the buttons
        with self.assertRefused(ValidationError, "once the workshop has started"):
            named.write({"state": "done"})
        self.assertEqual(named.state, "open")

    @freeze_time("2026-03-10 09:30:00")
    def test_present_from_the_start_with_the_autonomy_reached(self):
        named = self._as_mediator(self.named)
        with self.assertRefused(ValidationError, "Awa Ndiaye: record the autonomy"):
            named.action_reboot_attended()
        anonymous = self._as_mediator(self.anonymous)
        with self.assertRefused(ValidationError, self.anonymous.reboot_reference):
            anonymous.action_reboot_attended()
        named.reboot_autonomy = "partiellement_autonome"
        named.action_reboot_attended()
        self.assertEqual(named.state, "done")
        # the level cannot be removed from a present person afterwards
        with self.assertRefused(ValidationError, "autonomy"):
            named.reboot_autonomy = False
        # and the workshop cannot be moved to the future under its attendance
        with self.assertRefused(ValidationError, "already has its attendance"):
            self._as_mediator(self.workshop).write(
                {"date_begin": "2026-03-17 09:00:00", "date_end": "2026-03-17 11:00:00"}
            )
        # absent clears the level; undo makes the person registered again
        anonymous.action_reboot_absent()
        self.assertTrue(anonymous.reboot_absent)
        anonymous.action_reboot_reset_attendance()
        self.assertEqual(anonymous.state, "open")

    def test_the_reference_is_the_softwares(self):
        """A reference typed over RPC could carry a name onto the sheet."""
        anonymous = self._as_mediator(self.anonymous)
        with self.assertRefused(UserError, "given by the software"):
            anonymous.write({"reboot_reference": "Awa Ndiaye"})
        with self.assertRefused(UserError, "given by the software"):
            anonymous.create(
                {"event_id": self.workshop.id, "reboot_reference": "Jean Dupont"}
            )
        self.assertRegex(self.anonymous.reboot_reference, r"^B-\d{5}$")

    def test_attendance_is_marked_from_the_workshop(self):
        action = self._as_mediator(self.workshop).action_reboot_mark_attendance()
        self.assertEqual(action["res_model"], "event.registration")
        self.assertEqual(
            self.env["event.registration"].search(action["domain"]),
            self.named | self.anonymous,
        )
        self.assertEqual(action["context"]["default_event_id"], self.workshop.id)
        # the list shows each session's date, so two sessions never look alike
        arch = self.env.ref(
            "reboot_mediation.event_registration_view_list_attendance"
        ).arch
        self.assertIn('name="event_begin_date"', arch)


@tagged("post_install", "-at_install")
class TestAttendanceSheet(WorkshopWithTwo, HttpCase):
    """The sheet is a PDF (wkhtmltopdf fetches its styles from the server)."""

    def test_attendance_sheet_names_or_references_never_ids(self):
        pdf = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(
                "reboot_mediation.action_report_attendance_sheet", self.workshop.ids
            )[0]
        )
        text = " ".join(
            " ".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(pdf)).pages
        )
        self.assertIn("Awa Ndiaye", text)
        self.assertRegex(self.anonymous.reboot_reference, r"^B-\d{5}$")
        self.assertIn(self.anonymous.reboot_reference, text)
        for raw in (self.anonymous.barcode, self.named.barcode):
            self.assertNotIn(raw, text)
        self.assertNotIn(f"Participant {self.anonymous.id}", text)
        self.assertIn("Atelier messagerie", text)
        self.assertIn(
            "03/10/2026 10:00:00", text, "the session, in the workshop's time zone"
        )


@tagged("post_install", "-at_install")
class TestPassNumerique(RefusalMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mediator = new_test_user(
            cls.env,
            login="aptic_mediator",
            groups="reboot_base.group_reboot_mediator",
        )
        cls.commune = cls.env["res.partner"].create(
            {"name": "Commune P", "is_company": True, "is_commune": True,
             "insee_code": "76998"}
        )  # fmt: skip
        workshop_type = cls.env.ref("reboot_mediation.event_type_mediation_workshop")
        cls.march, cls.april = cls.env["event.event"].create(
            [
                {
                    "name": name,
                    "event_type_id": workshop_type.id,
                    "reboot_commune_id": cls.commune.id,
                    "date_begin": f"{day} 13:00:00",
                    "date_end": f"{day} 15:00:00",
                }
                for name, day in (("Mars", "2026-03-12"), ("Avril", "2026-04-02"))
            ]
        )
        cls.came, cls.registered = cls.env["event.registration"].create(
            [
                {"event_id": cls.march.id, "reboot_autonomy": "autonome"},
                {"event_id": cls.march.id},
            ]
        )
        cls.came.action_reboot_attended()
        cls.in_april = cls.env["event.registration"].create(
            {"event_id": cls.april.id, "reboot_autonomy": "autonome"}
        )
        cls.in_april.action_reboot_attended()

    def test_cheques_on_attendances_only_once_each(self):
        Cheque = self.env["reboot.aptic.cheque"].with_user(self.mediator)
        cheque = Cheque.create(
            {"number": " aptic 0001 ", "registration_id": self.came.id}
        )
        self.assertEqual(cheque.number, "APTIC0001")
        self.assertEqual(cheque.date, fields.Date.to_date("2026-03-12"))
        self.assertEqual(cheque.value, 10.0)
        # the database refuses a number twice (the client shows the constraint's
        # message: "This cheque number is already recorded.")
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            Cheque.create({"number": "APTIC 0001", "registration_id": self.in_april.id})
        with self.assertRefused(ValidationError, "person present"):
            Cheque.create(
                {"number": "APTIC0002", "registration_id": self.registered.id}
            )
        with self.assertRefused(ValidationError, "person present"):
            cheque.registration_id = self.registered
        # a person who handed cheques is not "undone" without removing them
        with self.assertRefused(ValidationError, "Remove the cheques first"):
            self.came.with_user(self.mediator).action_reboot_reset_attendance()
        cheque.unlink()
        self.came.with_user(self.mediator).action_reboot_reset_attendance()
        self.assertEqual(self.came.state, "open")

    def test_claim_lists_the_cheques_of_a_period(self):
        Cheque = self.env["reboot.aptic.cheque"]
        Cheque.create(
            [
                {"number": "A-2", "registration_id": self.came.id},
                {"number": "A-1", "registration_id": self.came.id},
                {"number": "B-1", "registration_id": self.in_april.id, "value": 20},
            ]
        )
        Claim = self.env["reboot.aptic.claim"].with_user(self.mediator)
        claim = Claim.create(
            {"date_from": "2026-03-01", "date_to": "2026-03-31", "file_format": "csv"}
        )
        claim.action_export()
        rows = list(csv.DictReader(io.StringIO(base64.b64decode(claim.file).decode())))
        self.assertEqual([r["numero"] for r in rows[:-1]], ["A-1", "A-2"])
        self.assertEqual(rows[0]["date"], "2026-03-12")
        self.assertEqual(rows[0]["atelier"], "Mars")
        self.assertEqual(rows[0]["code_insee"], "76998")
        self.assertIn("2", rows[-1]["numero"])
        self.assertEqual(float(rows[-1]["valeur"]), 20.0)
        claim.write({"date_to": "2026-04-30", "file_format": "xlsx"})
        claim.action_export()
        self.assertEqual(base64.b64decode(claim.file)[:2], b"PK")
        with self.assertRefused(ValidationError, "ends before it starts"):
            Claim.create({"date_from": "2026-03-31", "date_to": "2026-03-01"})
        with self.assertRefused(UserError, "No Pass numérique cheque"):
            Claim.create(
                {"date_from": "2025-01-01", "date_to": "2025-01-31"}
            ).action_export()

    def test_who_records_cheques(self):
        technician = new_test_user(
            self.env,
            login="aptic_tech",
            groups="reboot_base.group_reboot_technician",
        )
        with self.assertRaises(AccessError):
            self.env["reboot.aptic.cheque"].with_user(technician).search([])

    def test_aidants_connect_flag_on_mediators(self):
        self.mediator.reboot_aidants_connect = True
        self.march.user_id = self.mediator
        self.assertTrue(self.march.reboot_aidants_connect)


@tagged("post_install", "-at_install")
class TestMigrationToCoopCodes(TransactionCase):
    """The 18.0.1.1.0 migration turns a database of the first release into
    the Coop's codes."""

    def _migration(self, name):
        path = file_path(f"reboot_mediation/migrations/18.0.1.1.0/{name}.py")
        spec = importlib.util.spec_from_file_location(f"reboot_mediation_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_old_values_become_coop_codes(self):
        cr = self.env.cr
        workshop = self.env["event.event"].create(
            {
                "name": "Ancien atelier",
                "is_mediation_workshop": True,
                "date_begin": "2025-05-01 09:00:00",
                "date_end": "2025-05-01 11:00:00",
                "reboot_theme_ids": [
                    fields.Command.set(
                        [self.env.ref("reboot_mediation.theme_email").id]
                    )
                ],
            }
        )
        registration = self.env["event.registration"].create({"event_id": workshop.id})
        # what the first release stored
        cr.execute(
            "UPDATE event_event SET reboot_level = 'intermediate', "
            "reboot_place_type = 'home' WHERE id = %s",
            [workshop.id],
        )
        cr.execute(
            "UPDATE event_registration SET reboot_age_band = NULL, reboot_status = "
            "'job_seeker', reboot_gender = 'female', reboot_autonomy = 'partly', "
            "reboot_reference = NULL WHERE id = %s",
            [registration.id],
        )
        old_social = self.env.ref("reboot_mediation.theme_social_media")
        cr.execute(
            "UPDATE reboot_mediation_theme SET code = 'social_media' WHERE id = %s",
            [old_social.id],
        )
        cr.execute(
            "INSERT INTO reboot_mediation_theme (name, code, sequence, active) VALUES "
            "('{\"en_US\": \"Video calls\"}', 'communication', 70, true) RETURNING id"
        )
        communication = cr.fetchone()[0]
        cr.execute(
            "INSERT INTO event_event_reboot_mediation_theme_rel VALUES (%s, %s)",
            [workshop.id, communication],
        )
        self.env.invalidate_all()

        self._migration("pre-migrate").migrate(cr, "18.0.1.0.0")
        self._migration("post-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()

        self.assertEqual(workshop.reboot_level, "intermediaire")
        self.assertEqual(workshop.reboot_place_type, "domicile")
        self.assertEqual(
            sorted(workshop.reboot_theme_ids.mapped("code")),
            ["email", "reseaux_sociaux"],
            "the theme the Coop lacks is merged into its nearest",
        )
        self.assertFalse(
            self.env["reboot.mediation.theme"].browse(communication).exists()
        )
        self.assertEqual(registration.reboot_age_band, "non_communique")
        self.assertEqual(registration.reboot_status, "sans_emploi")
        self.assertEqual(registration.reboot_gender, "feminin")
        self.assertEqual(registration.reboot_autonomy, "partiellement_autonome")
        self.assertRegex(registration.reboot_reference, r"^B-\d{5}$")
