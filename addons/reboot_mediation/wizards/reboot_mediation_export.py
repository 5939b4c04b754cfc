from collections import defaultdict
from datetime import timedelta

from odoo import fields, models

from ..coop import (
    AGE_BANDS,
    AUTONOMY,
    GENDERS,
    NOT_GIVEN,
    REDIRECTIONS,
    STATUSES,
    codes,
)

# the beneficiaries' counts: (column prefix, registration field, the Coop's codes)
COUNTS = [
    ("age", "reboot_age_band", codes(AGE_BANDS)),
    ("statut", "reboot_status", codes(STATUSES)),
    ("genre", "reboot_gender", codes(GENDERS)),
    # an attendance recorded before the autonomy was required has none
    ("autonomie", "reboot_autonomy", codes(AUTONOMY) + [NOT_GIVEN]),
    ("redirection", "reboot_redirection", codes(REDIRECTIONS)),
]
ACTIVITY_COLUMNS = [
    "type",
    "date",
    "duree_minutes",
    "type_lieu",
    "code_insee",
    "thematiques",
    "materiel",
    "niveau",
    "titre_atelier",
    "participants",
]


class RebootMediationExport(models.TransientModel):
    """Activity report in the data model of La Coop de la médiation numérique:
    one row per workshop session, the Coop's codes verbatim, counts only (no
    personal data)."""

    _name = "reboot.mediation.export"
    _inherit = ["reboot.period.export.mixin"]
    _description = "Digital mediation activity export"

    def _columns(self):
        return ACTIVITY_COLUMNS + [
            f"{prefix}_{code}" for prefix, _field, values in COUNTS for code in values
        ]

    def _workshops(self):
        self.ensure_one()
        return self.env["event.event"].search(
            [
                ("is_mediation_workshop", "=", True),
                ("date_begin", ">=", fields.Datetime.to_datetime(self.date_from)),
                (
                    "date_begin",
                    "<",
                    fields.Datetime.to_datetime(self.date_to) + timedelta(days=1),
                ),
            ],
            order="date_begin, id",
        )

    def _rows(self):
        workshops = self._workshops()
        counts = defaultdict(int)
        for event, *values, count in self.env["event.registration"]._read_group(
            [("event_id", "in", workshops.ids), ("state", "=", "done")],
            ["event_id"] + [field for _prefix, field, _codes in COUNTS],
            ["__count"],
        ):
            counts[event, "participants"] += count
            for (prefix, field, _codes), value in zip(COUNTS, values, strict=True):
                if value or field != "reboot_redirection":
                    counts[event, f"{prefix}_{value or NOT_GIVEN}"] += count
        # "participants" and the count columns
        counted = self._columns()[len(ACTIVITY_COLUMNS) - 1 :]
        rows = []
        for workshop in workshops:
            start = fields.Datetime.context_timestamp(
                workshop.with_context(tz=workshop.date_tz), workshop.date_begin
            )
            row = {
                "type": workshop.reboot_activity_type,
                "date": fields.Date.to_string(start.date()),
                "duree_minutes": workshop.reboot_duration_minutes,
                "type_lieu": workshop.reboot_place_type or "",
                "code_insee": workshop.reboot_commune_id.insee_code or "",
                "thematiques": ";".join(workshop.reboot_theme_ids.mapped("code")),
                "materiel": ";".join(workshop.reboot_equipment_ids.mapped("code")),
                "niveau": workshop.reboot_level or "",
                "titre_atelier": workshop.name,
            }
            for column in counted:
                row[column] = counts[workshop, column]
            rows.append(row)
        return rows

    def action_export(self):
        return self._reboot_download_table(
            self._columns(), self._rows(), "activites_mediation"
        )
