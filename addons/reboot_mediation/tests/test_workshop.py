from odoo.tests import Form, TransactionCase, new_test_user, tagged

from odoo.addons.reboot_collect.tests.common import untranslated_terms


@tagged("post_install", "-at_install")
class TestWorkshop(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mediator = new_test_user(
            cls.env, login="mediator", groups="reboot_collect.group_reboot_mediator"
        )
        cls.workshop_type = cls.env.ref(
            "reboot_mediation.event_type_mediation_workshop"
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

    def test_other_events_are_not_workshops(self):
        event = self.env["event.event"].create(
            {
                "name": "Assemblée générale",
                "date_begin": "2026-12-03 18:00:00",
                "date_end": "2026-12-03 20:00:00",
            }
        )
        self.assertFalse(event.is_mediation_workshop)

    def test_every_term_has_a_french_translation(self):
        missing = untranslated_terms(self.env, "reboot_mediation")
        self.assertFalse(missing, f"Terms without a French translation: {missing}")
