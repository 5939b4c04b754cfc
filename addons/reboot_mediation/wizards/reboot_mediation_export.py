import csv
import io
from collections import defaultdict
from datetime import timedelta

from odoo import fields, models

from odoo.addons.reboot_collect.spreadsheet import csv_row, xlsx_workbook

from ..models.event_registration import AGE_BANDS, AUTONOMY, STATUSES


class RebootMediationExport(models.TransientModel):
    """Activity report in the data model of La Coop de la médiation numérique:
    one row per workshop, counts only (no personal data)."""

    _name = "reboot.mediation.export"
    _inherit = ["reboot.download.mixin"]
    _description = "Digital mediation activity export"

    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    file_format = fields.Selection(
        [("csv", "CSV"), ("xlsx", "XLSX")], required=True, default="xlsx"
    )

    def _columns(self):
        return (
            [
                "type",
                "date",
                "duree_minutes",
                "type_lieu",
                "code_insee",
                "thematiques",
                "niveau",
                "participants",
            ]
            + [f"age_{code}" for code, _label in AGE_BANDS]
            + [f"statut_{code}" for code, _label in STATUSES]
            + [f"autonomie_{code}" for code, _label in AUTONOMY]
        )

    def _rows(self):
        self.ensure_one()
        workshops = self.env["event.event"].search(
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
        counts = defaultdict(int)
        for event, age, status, autonomy, count in self.env[
            "event.registration"
        ]._read_group(
            [("event_id", "in", workshops.ids), ("state", "=", "done")],
            ["event_id", "reboot_age_band", "reboot_status", "reboot_autonomy"],
            ["__count"],
        ):
            counts[event, "participants"] += count
            counts[event, f"age_{age}"] += count
            counts[event, f"statut_{status}"] += count
            counts[event, f"autonomie_{autonomy}"] += count
        rows = []
        for workshop in workshops:
            participants = counts[workshop, "participants"]
            row = {
                "type": "individuel" if participants == 1 else "collectif",
                "date": fields.Date.to_string(
                    fields.Datetime.context_timestamp(workshop, workshop.date_begin)
                ),
                "duree_minutes": workshop.reboot_duration_minutes,
                "type_lieu": workshop.reboot_place_type or "",
                "code_insee": workshop.reboot_commune_id.insee_code or "",
                "thematiques": ";".join(workshop.reboot_theme_ids.mapped("code")),
                "niveau": workshop.reboot_level or "",
                "participants": participants,
            }
            for column in self._columns()[8:]:
                row[column] = counts[workshop, column]
            rows.append(row)
        return rows

    def _build(self):
        columns, rows = self._columns(), self._rows()
        if self.file_format == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(csv_row(row) for row in rows)
            return buffer.getvalue().encode("utf-8")
        buffer = io.BytesIO()
        workbook = xlsx_workbook(buffer)
        sheet = workbook.add_worksheet("activites")
        bold = workbook.add_format({"bold": True, "bg_color": "#FDE9D9"})
        sheet.write_row(0, 0, columns, bold)
        for r, row in enumerate(rows, start=1):
            sheet.write_row(r, 0, [row[c] for c in columns])
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, len(columns) - 1, 14)
        workbook.close()
        return buffer.getvalue()

    def action_export(self):
        self.ensure_one()
        return self._reboot_download(
            self._build(),
            f"activites_mediation_{self.date_from}_{self.date_to}.{self.file_format}",
        )
