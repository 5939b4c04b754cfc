import io
from collections import defaultdict
from datetime import datetime, time

from pypdf import PdfReader, PdfWriter

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.reboot_collect.spreadsheet import xlsx_workbook

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


class RebootImpactReport(models.TransientModel):
    """The impact dashboard: figures for a period and optional filters, computed
    with grouped queries, and the funder and donor documents built from them."""

    _name = "reboot.impact.report"
    _inherit = ["reboot.download.mixin"]
    _description = "Impact report"

    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(month=1, day=1),
    )
    date_to = fields.Date(required=True, default=fields.Date.context_today)
    donor_id = fields.Many2one("res.partner", domain="[('is_reboot_donor', '=', True)]")
    commune_id = fields.Many2one("res.partner", domain="[('is_commune', '=', True)]")
    device_type_id = fields.Many2one("reboot.device.type")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # Figures (computed, shown on the dashboard)
    qty_collected = fields.Integer(string="Collected", compute="_compute_figures")
    qty_received = fields.Integer(string="Registered", compute="_compute_figures")
    qty_workshop = fields.Integer(string="In the workshop", compute="_compute_figures")
    qty_ready = fields.Integer(string="Ready", compute="_compute_figures")
    qty_sold = fields.Integer(string="Sold", compute="_compute_figures")
    qty_allocated = fields.Integer(string="Allocated", compute="_compute_figures")
    qty_accompanied = fields.Integer(string="Accompanied", compute="_compute_figures")
    qty_parts = fields.Integer(string="Parts", compute="_compute_figures")
    qty_recycled = fields.Integer(string="Recycled", compute="_compute_figures")
    co2_conservative_kg = fields.Float(
        string="CO2 avoided (kg CO2e, conservative)", compute="_compute_figures"
    )
    co2_upper_kg = fields.Float(
        string="CO2 avoided (kg CO2e, upper bound)", compute="_compute_figures"
    )
    trainees = fields.Integer(string="Trainees hosted", compute="_compute_figures")
    trainee_hours = fields.Float(string="Trainee hours", compute="_compute_figures")
    workshops = fields.Integer(compute="_compute_figures")
    people_trained = fields.Integer(string="People trained", compute="_compute_figures")
    target_devices = fields.Integer(related="company_id.reboot_target_devices")
    target_trainees = fields.Integer(related="company_id.reboot_target_trainees")
    co2_method = fields.Text(default=lambda self: self._co2_method(), readonly=True)

    def _co2_method(self):
        return self.env._(
            "Conservative figure: yearly saving of reuse of the device type (ADEME, "
            "refurbished products study, September 2022) × second-life years. Upper "
            "bound: emissions of manufacturing a new device of that type (ADEME/Arcep "
            "study, 2025 update). Only devices reused (sold or allocated) count."
        )

    def _funnel_labels(self):
        _ = self.env._
        return {
            "collected": _("Collected"),
            "received": _("Registered"),
            "workshop": _("In the workshop"),
            "ready": _("Ready"),
            "sold": _("Sold"),
            "allocated": _("Allocated"),
            "accompanied": _("Accompanied"),
            "parts": _("Parts"),
            "recycled": _("Recycled"),
        }

    @api.depends("date_from", "date_to", "donor_id", "commune_id", "device_type_id")
    def _compute_figures(self):
        for report in self:
            figures = report._figures()
            for key in FUNNEL + [
                "trainees",
                "trainee_hours",
                "workshops",
                "people_trained",
            ]:
                name = key if key in report._fields else f"qty_{key}"
                report[name] = figures[key]
            report.co2_conservative_kg = figures["co2_conservative_kg"]
            report.co2_upper_kg = figures["co2_upper_kg"]

    # Figures ---------------------------------------------------------------

    def _period(self):
        return (
            datetime.combine(self.date_from, time.min),
            datetime.combine(self.date_to, time.max),
        )

    def _lot_domain(self):
        start, end = self._period()
        domain = [
            ("reboot_device_type_id", "!=", False),
            ("create_date", ">=", start),
            ("create_date", "<=", end),
            ("company_id", "in", [self.company_id.id, False]),
        ]
        if self.donor_id:
            domain.append(("reboot_donor_id", "=", self.donor_id.id))
        if self.commune_id:
            domain.append(("reboot_commune_id", "=", self.commune_id.id))
        if self.device_type_id:
            domain.append(("reboot_device_type_id", "=", self.device_type_id.id))
        return domain

    def _figures(self):
        """Every figure of the dashboard, in a fixed number of grouped queries.

        Devices count when they were registered in the period (the date they
        entered the workshop); the pickup figure counts what was collected in
        the period; trainees whose placement overlaps it; workshops held in it."""
        self.ensure_one()
        start, end = self._period()
        figures = dict.fromkeys(
            FUNNEL + ["trainees", "trainee_hours", "workshops", "people_trained"], 0
        )
        years = self.company_id.reboot_second_life_years
        co2_low = co2_high = 0.0
        Lot = self.env["stock.lot"]
        for state, device_type, count in Lot._read_group(
            self._lot_domain(), ["reboot_state", "reboot_device_type_id"], ["__count"]
        ):
            figures["received"] += count
            if state in ("intake", "testing", "wiped"):
                figures["workshop"] += count
            elif state in figures:
                figures[state] += count
            if state in REUSED_STATES:
                co2_low += count * device_type.co2_saving_per_year_kg * years
                co2_high += count * device_type.co2_manufacturing_kg
        figures["co2_conservative_kg"] = round(co2_low, 1)
        figures["co2_upper_kg"] = round(co2_high, 1)
        figures["accompanied"] = self.env["reboot.allocation"].search_count(
            [("accompanied", "=", True), ("lot_id", "any", self._lot_domain())]
        )
        pickup_domain = [
            ("pickup_id.state", "=", "received"),
            ("pickup_id.scheduled_date", ">=", start),
            ("pickup_id.scheduled_date", "<=", end),
        ]
        if self.donor_id:
            pickup_domain.append(("pickup_id.donor_id", "=", self.donor_id.id))
        if self.device_type_id:
            pickup_domain.append(("device_type_id", "=", self.device_type_id.id))
        [(collected,)] = self.env["reboot.pickup.line"]._read_group(
            pickup_domain, [], ["qty_received:sum"]
        )
        figures["collected"] = 0 if self.commune_id else collected or 0
        [(trainees, hours)] = self.env["reboot.placement"]._read_group(
            [
                ("date_start", "<=", self.date_to),
                ("date_end", ">=", self.date_from),
                ("company_id", "=", self.company_id.id),
            ],
            [],
            ["employee_id:count_distinct", "hours:sum"],
        )
        figures["trainees"], figures["trainee_hours"] = trainees, hours or 0.0
        workshop_domain = [
            ("is_mediation_workshop", "=", True),
            ("date_begin", ">=", start),
            ("date_begin", "<=", end),
        ]
        if self.commune_id:
            workshop_domain.append(("reboot_commune_id", "=", self.commune_id.id))
        figures["workshops"] = self.env["event.event"].search_count(workshop_domain)
        figures["people_trained"] = self.env["event.registration"].search_count(
            [("state", "=", "done"), ("event_id", "any", workshop_domain)]
        )
        return figures

    @api.model
    def _co2_of_lots(self, lots, years):
        """(conservative, upper bound) kg CO2e avoided by these devices."""
        reused = lots.filtered(lambda lot: lot.reboot_state in REUSED_STATES)
        low = sum(lot.reboot_device_type_id.co2_saving_per_year_kg for lot in reused)
        high = sum(lot.reboot_device_type_id.co2_manufacturing_kg for lot in reused)
        return round(low * years, 1), round(high, 1)

    # Funder report -------------------------------------------------------

    def action_funder_xlsx(self):
        self.ensure_one()
        return self._reboot_download(
            self._funder_xlsx(),
            f"rapport_financeur_{self.date_from}_{self.date_to}.xlsx",
        )

    def _funder_xlsx(self):
        self.ensure_one()
        figures = self._figures()
        lots = self.env["stock.lot"].search(self._lot_domain(), order="create_date, id")
        buffer = io.BytesIO()
        book = xlsx_workbook(buffer)
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        total = book.add_format({"bold": True, "top": 1})
        _ = self.env._
        # Summary with the funnel chart
        sheet = book.add_worksheet(_("Summary"))
        sheet.set_column(0, 0, 38)
        sheet.set_column(1, 2, 16)
        sheet.write(
            0,
            0,
            _("Impact %(start)s – %(end)s", start=self.date_from, end=self.date_to),
            title,
        )
        sheet.write_row(2, 0, [_("Indicator"), _("Actual"), _("Target")], head)
        labels = self._funnel_labels()
        row = 3
        for key in FUNNEL:
            sheet.write(row, 0, labels[key])
            sheet.write_number(row, 1, figures[key])
            row += 1
        funnel_end = row - 1
        ready_row = 3 + FUNNEL.index("ready")
        sheet.write_number(ready_row, 2, self.company_id.reboot_target_devices)
        for label, value, target in (
            (
                _("Trainees hosted"),
                figures["trainees"],
                self.company_id.reboot_target_trainees,
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
        sheet.write(row + 2, 0, self._co2_method())
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
        # Devices
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
        sheet.write_row(0, 0, columns, head)
        states = dict(
            self.env["stock.lot"]
            ._fields["reboot_state"]
            ._description_selection(self.env)
        )
        years = self.company_id.reboot_second_life_years
        for r, lot in enumerate(lots, start=1):
            reused = lot.reboot_state in REUSED_STATES
            sheet.write_row(
                r,
                0,
                [
                    lot.name,
                    lot.reboot_device_type_id.name,
                    (lot.reboot_grade or "").upper(),
                    states.get(lot.reboot_state, ""),
                    lot.reboot_donor_id.name or "",
                    lot.reboot_commune_id.name or "",
                    fields.Date.to_string(lot.create_date.date()),
                    lot.reboot_device_type_id.co2_saving_per_year_kg * years
                    if reused
                    else 0,
                    lot.reboot_device_type_id.co2_manufacturing_kg if reused else 0,
                ],
            )
        sheet.write(len(lots) + 1, 0, _("Total"), total)
        sheet.write_number(len(lots) + 1, 7, figures["co2_conservative_kg"], total)
        sheet.write_number(len(lots) + 1, 8, figures["co2_upper_kg"], total)
        sheet.set_column(0, len(columns) - 1, 18)
        # Donors and communes
        by_donor = defaultdict(lambda: defaultdict(int))
        by_commune = defaultdict(lambda: defaultdict(int))
        for lot in lots:
            by_donor[lot.reboot_donor_id][lot.reboot_state] += 1
            if lot.reboot_commune_id:
                by_commune[lot.reboot_commune_id][lot.reboot_state] += 1
        for sheet_name, groups in (
            (_("Donors"), by_donor),
            (_("Communes"), by_commune),
        ):
            sheet = book.add_worksheet(sheet_name)
            sheet.write_row(
                0,
                0,
                [sheet_name, _("Devices")]
                + [
                    states[s]
                    for s in ("ready", "sold", "allocated", "parts", "recycled")
                ],
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
            sheet.set_column(0, 0, 34)
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
        placements = self.env["reboot.placement"].search(
            [
                ("date_start", "<=", self.date_to),
                ("date_end", ">=", self.date_from),
                ("company_id", "=", self.company_id.id),
            ]
        )
        outcomes = dict(placements._fields["outcome"]._description_selection(self.env))
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
        start, end = self._period()
        workshops = self.env["event.event"].search(
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
        book.close()
        return buffer.getvalue()

    # Donor impact dossier ------------------------------------------------------

    def action_donor_dossier(self):
        self.ensure_one()
        if not self.donor_id:
            raise UserError(self.env._("Choose the donor of the dossier."))
        return self._reboot_download(
            self._donor_dossier_pdf(),
            f"dossier_impact_{self.date_from}_{self.date_to}.pdf",
        )

    def _donor_dossier_sections(self):
        """[(bookmark title, report xml id, record ids)] of the dossier."""
        lots = self.env["stock.lot"].search(self._lot_domain(), order="name")
        wiped = lots.filtered("reboot_wipe_ids")
        sections = [
            (
                self.env._("Impact summary"),
                "reboot_impact.action_report_donor_summary",
                self.ids,
            ),
            (
                self.env._("What became of each device"),
                "reboot_impact.action_report_donor_devices",
                self.ids,
            ),
        ]
        if wiped:
            sections.append(
                (
                    self.env._("Erasure certificates"),
                    "reboot_refurb.action_report_erasure_certificate",
                    wiped.ids,
                )
            )
        return sections

    def _donor_dossier_pdf(self):
        """Each part rendered once, then merged with pypdf, a bookmark per part."""
        self.ensure_one()
        writer = PdfWriter()
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        for title, report_ref, ids in self._donor_dossier_sections():
            pdf, _type = Report._render_qweb_pdf(report_ref, ids)
            reader = PdfReader(io.BytesIO(pdf))
            first_page = len(writer.pages)
            for page in reader.pages:
                writer.add_page(page)
            writer.add_outline_item(title=title, page_number=first_page)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    def _donor_fates(self):
        """Rows for the dossier: each device of the donor and what became of it."""
        self.ensure_one()
        lots = self.env["stock.lot"].search(self._lot_domain(), order="name")
        kinds = dict(
            self.env["reboot.allocation"]
            ._fields["beneficiary_type"]
            ._description_selection(self.env)
        )
        states = dict(lots._fields["reboot_state"]._description_selection(self.env))
        rows = []
        for lot in lots:
            allocation = lot.reboot_allocation_id
            rows.append(
                {
                    "serial": lot.name,
                    "type": lot.reboot_device_type_id.name,
                    "state": states.get(lot.reboot_state, ""),
                    "commune": lot.reboot_commune_id.name or "",
                    "place": kinds.get(allocation.beneficiary_type, "")
                    if allocation
                    else "",
                    "wiped": bool(lot.reboot_wipe_ids)
                    and all(w.result == "passed" for w in lot.reboot_wipe_ids),
                }
            )
        return rows
