"""The documents of the impact dashboard: the funder workbook (XLSX) and the
donor dossier's assembly (PDF parts merged with bookmarks). The figures they
show are the report's (models/reboot_impact_report.py)."""

import io
import os
import tempfile
import uuid
from collections import defaultdict

from pypdf import PdfReader, PdfWriter

from odoo import fields
from odoo.tools import SQL

from odoo.addons.reboot_base.spreadsheet import xlsx_workbook

# a device's path, in the order of its life
FUNNEL = [
    "collected",
    "received",
    "workshop",
    "ready",
    "sold",
    "allocated",
    "accompanied",
    "parts",
    "recycled",
]
REUSED_STATES = ("sold", "allocated")


def merged_pdf(parts):
    """One PDF of `parts` [(bookmark title, PDF bytes)], a bookmark per part."""
    writer = PdfWriter()
    for title, pdf in parts:
        first_page = len(writer.pages)
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
        writer.add_outline_item(title=title, page_number=first_page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# devices read at a time for the funder workbook's device sheet
BATCH = 5000


def device_rows(report, batch=BATCH):
    """The report's devices as tuples (serial, device type id, grade, state,
    donor id, commune id, registered on), in the order they were registered,
    under the user's access rules: one query, read `batch` rows at a time
    through a server-side cursor of the request's transaction. Constant
    memory, and one pass over the table, at a million devices."""
    Lot = report.env["stock.lot"]
    Lot.flush_model()
    query = Lot._search(report._lot_domain(), order="id")
    sql = query.select(
        *(
            SQL.identifier(query.table, column)
            for column in (
                "name",
                "reboot_device_type_id",
                "reboot_grade",
                "reboot_state",
                "reboot_donor_id",
                "reboot_commune_id",
                "create_date",
            )
        )
    )
    with report.env.cr._cnx.cursor(name=f"reboot_funder_{uuid.uuid4().hex}") as cursor:
        cursor.itersize = batch
        cursor.execute(sql.code, sql.params)
        while rows := cursor.fetchmany(batch):
            yield rows


def funder_workbook(report):
    """The funder XLSX of an impact report: summary with the funnel chart,
    devices, donors, communes, trainees and workshops. Streamed (xlsxwriter's
    constant memory, the devices read in batches): the same memory for ten
    devices as for a million."""
    env = report.env
    lot_groups = report._lot_groups()
    figures = report._figures(lot_groups)
    total_devices = sum(count for *_keys, count in lot_groups)
    Job = env["reboot.job"]
    with tempfile.TemporaryDirectory() as tmpdir:
        path = os.path.join(tmpdir, "funder.xlsx")
        book = xlsx_workbook(path, streamed=True, tmpdir=tmpdir)
        _write_funder_workbook(report, book, figures, lot_groups, total_devices, Job)
        book.close()
        with open(path, "rb") as file:
            return file.read()


def _write_funder_workbook(report, book, figures, lot_groups, total_devices, Job):
    env = report.env
    title = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    total = book.add_format({"bold": True, "top": 1})
    _ = env._
    # Summary with the funnel chart (rows in order: the sheet is streamed)
    sheet = book.add_worksheet(_("Summary"))
    sheet.set_column(0, 0, 38)
    sheet.set_column(1, 2, 16)
    sheet.write(
        0,
        0,
        _("Impact %(start)s – %(end)s", start=report.date_from, end=report.date_to),
        title,
    )
    sheet.write_row(2, 0, [_("Indicator"), _("Actual"), _("Target")], head)
    labels = report._funnel_labels()
    row = 3
    for key in FUNNEL:
        sheet.write(row, 0, labels[key])
        sheet.write_number(row, 1, figures[key])
        if key == "ready":
            sheet.write_number(row, 2, report.company_id.reboot_target_devices)
        row += 1
    funnel_end = row - 1
    for label, value, target in (
        (
            _("Trainees hosted"),
            figures["trainees"],
            report.company_id.reboot_target_trainees,
        ),
        (_("Trainee hours"), figures["trainee_hours"], None),
        (_("Workshops"), figures["workshops"], None),
        (_("People trained"), figures["people_trained"], None),
        (
            _("CO2 avoided, conservative (kg CO2e)"),
            figures["co2_conservative_kg"],
            None,
        ),
        (_("CO2 avoided, upper bound (kg CO2e)"), figures["co2_upper_kg"], None),
    ):
        sheet.write(row, 0, label)
        sheet.write_number(row, 1, value)
        if target is not None:
            sheet.write_number(row, 2, target)
        row += 1
    sheet.write(row + 1, 0, _("Method and sources"), head)
    sheet.write(row + 2, 0, report._co2_method())
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": _("Devices"),
            "categories": [sheet.name, 3, 0, funnel_end, 0],
            "values": [sheet.name, 3, 1, funnel_end, 1],
        }
    )
    chart.set_title({"name": _("From donation to beneficiary")})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    sheet.insert_chart(2, 4, chart)
    # Devices, streamed
    sheet = book.add_worksheet(_("Devices"))
    columns = [
        _("Serial number"),
        _("Device type"),
        _("Grade"),
        _("State"),
        _("Donor"),
        _("Commune"),
        _("Registered on"),
        _("CO2 conservative (kg)"),
        _("CO2 upper bound (kg)"),
    ]
    sheet.set_column(0, len(columns) - 1, 18)
    sheet.write_row(0, 0, columns, head)
    states = dict(env["stock.lot"]._fields["reboot_state"]._description_selection(env))
    years = report.company_id.reboot_second_life_years
    types = {
        device_type.id: (
            device_type.name,
            device_type.co2_saving_per_year_kg * years,
            device_type.co2_manufacturing_kg,
        )
        for device_type in env["reboot.device.type"]
        .with_context(active_test=False)
        .search([])
    }
    partners = {None: ""}
    r = 0
    for rows in device_rows(report):
        unknown = {p for row in rows for p in (row[4], row[5]) if p not in partners}
        if unknown:
            names = env["res.partner"].browse(unknown)
            partners.update((partner.id, partner.name or "") for partner in names)
            names.invalidate_recordset()  # constant memory
        for name, type_id, grade, state, donor_id, commune_id, created in rows:
            r += 1
            type_name, low, high = types[type_id]
            reused = state in REUSED_STATES
            sheet.write_row(
                r,
                0,
                [
                    name,
                    type_name,
                    (grade or "").upper(),
                    states.get(state, ""),
                    partners[donor_id],
                    partners[commune_id],
                    fields.Date.to_string(created.date()),
                    low if reused else 0,
                    high if reused else 0,
                ],
            )
        Job._reboot_progress(r, total_devices)
    sheet.write(r + 1, 0, _("Total"), total)
    sheet.write_number(r + 1, 7, figures["co2_conservative_kg"], total)
    sheet.write_number(r + 1, 8, figures["co2_upper_kg"], total)
    # Donors and communes, from the report's grouped counts
    by_donor = defaultdict(lambda: defaultdict(int))
    by_commune = defaultdict(lambda: defaultdict(int))
    for state, _type, donor, commune, count in lot_groups:
        by_donor[donor][state] += count
        if commune:
            by_commune[commune][state] += count
    for sheet_name, groups in (
        (_("Donors"), by_donor),
        (_("Communes"), by_commune),
    ):
        sheet = book.add_worksheet(sheet_name)
        sheet.set_column(0, 0, 34)
        sheet.write_row(
            0,
            0,
            [sheet_name, _("Devices")]
            + [states[s] for s in ("ready", "sold", "allocated", "parts", "recycled")],
            head,
        )
        r = 0
        for r, (partner, counts) in enumerate(
            sorted(groups.items(), key=lambda item: item[0].name or ""), start=1
        ):
            sheet.write_row(
                r,
                0,
                [partner.name or _("Unknown"), sum(counts.values())]
                + [
                    counts[s]
                    for s in ("ready", "sold", "allocated", "parts", "recycled")
                ],
            )
        sheet.write(r + 1, 0, _("Total"), total)
        sheet.write_number(
            r + 1, 1, sum(sum(c.values()) for c in groups.values()), total
        )
    # Trainees
    sheet = book.add_worksheet(_("Trainees"))
    sheet.write_row(
        0,
        0,
        [
            _("Trainee"),
            _("Prescriber"),
            _("Start"),
            _("End"),
            _("Hours"),
            _("Outcome"),
        ],
        head,
    )
    placements = report.env["reboot.placement"].search(
        [
            ("date_start", "<=", report.date_to),
            ("date_end", ">=", report.date_from),
            ("company_id", "=", report.company_id.id),
        ]
    )
    outcomes = dict(placements._fields["outcome"]._description_selection(report.env))
    for r, placement in enumerate(placements, start=1):
        sheet.write_row(
            r,
            0,
            [
                placement.employee_id.name,
                placement.prescriber_id.name or "",
                str(placement.date_start),
                str(placement.date_end),
                placement.hours,
                outcomes.get(placement.outcome, ""),
            ],
        )
    sheet.set_column(0, 5, 20)
    # Workshops
    sheet = book.add_worksheet(_("Workshops"))
    sheet.write_row(
        0,
        0,
        [_("Workshop"), _("Date"), _("Commune"), _("Themes"), _("Attended")],
        head,
    )
    start, end = report._period()
    workshops = report.env["event.event"].search(
        [
            ("is_mediation_workshop", "=", True),
            ("date_begin", ">=", start),
            ("date_begin", "<=", end),
        ],
        order="date_begin",
    )
    for r, workshop in enumerate(workshops, start=1):
        sheet.write_row(
            r,
            0,
            [
                workshop.name,
                fields.Datetime.to_string(workshop.date_begin),
                workshop.reboot_commune_id.name or "",
                ", ".join(workshop.reboot_theme_ids.mapped("name")),
                workshop.reboot_attended_count,
            ],
        )
    sheet.set_column(0, 4, 22)
