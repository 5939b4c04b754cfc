from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..documents import FUNNEL, REUSED_STATES, funder_workbook, merged_pdf


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
        return funder_workbook(self)

    # Donor impact dossier ------------------------------------------------------

    def action_donor_dossier(self):
        self.ensure_one()
        if not self.donor_id:
            raise UserError(self.env._("Choose the donor of the dossier."))
        if not self.env["stock.lot"].search_count(self._lot_domain(), limit=1):
            raise UserError(
                self.env._(
                    "%(donor)s gave no device from %(start)s to %(end)s: there is "
                    "no dossier to make.",
                    donor=self.donor_id.display_name,
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        return self._reboot_download(
            self._donor_dossier_pdf(),
            f"dossier_impact_{self.date_from}_{self.date_to}.pdf",
        )

    def _donor_dossier_sections(self):
        """[(bookmark title, report xml id, record ids)] of the dossier."""
        lots = self.env["stock.lot"].search(self._lot_domain(), order="name")
        statuses = lots._reboot_erasure_statuses()
        # a certificate for each device whose erasure the records prove
        wiped = lots.filtered(lambda lot: statuses[lot] in ("erased", "destroyed"))
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
        """Each part rendered once, then merged, a bookmark per part."""
        self.ensure_one()
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        return merged_pdf(
            (title, Report._render_qweb_pdf(report_ref, ids)[0])
            for title, report_ref, ids in self._donor_dossier_sections()
        )

    def _erasure_labels(self):
        return {
            "erased": self.env._("Erased, certificate attached"),
            "destroyed": self.env._("Drives destroyed, certificate attached"),
            "donor_removed": self.env._("Drives removed by the donor"),
            "not_erased": self.env._("Not erased (yet)"),
            "no_storage": self.env._("No data storage"),
        }

    def _donor_fates(self):
        """Rows for the dossier: each device of the donor, what became of it
        and what its records prove of its data."""
        self.ensure_one()
        lots = self.env["stock.lot"].search(self._lot_domain(), order="name")
        kinds = dict(
            self.env["reboot.allocation"]
            ._fields["beneficiary_type"]
            ._description_selection(self.env)
        )
        states = dict(lots._fields["reboot_state"]._description_selection(self.env))
        statuses = lots._reboot_erasure_statuses()
        labels = self._erasure_labels()
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
                    "erasure": statuses[lot],
                    "erasure_label": labels[statuses[lot]],
                }
            )
        return rows

    def _donor_erasure_summary(self, rows):
        """[(sentence, count)] of the dossier: what the records prove of the
        donor's data, one line per case that occurs."""
        counts = {}
        for row in rows:
            counts[row["erasure"]] = counts.get(row["erasure"], 0) + 1
        sentences = {
            "erased": self.env._(
                "devices: every drive erased (NIST SP 800-88), a certificate per "
                "drive follows"
            ),
            "destroyed": self.env._(
                "devices: drives physically destroyed, the certificates follow"
            ),
            "donor_removed": self.env._(
                "devices came without their drives (removed by you before the gift)"
            ),
            "not_erased": self.env._(
                "devices not erased (yet), no certificate claimed: still at the "
                "workshop, or sent to parts or recycling without a recorded wipe"
            ),
            "no_storage": self.env._("devices hold no data (screens, peripherals)"),
        }
        return [
            (counts[key], sentence)
            for key, sentence in sentences.items()
            if counts.get(key)
        ]
