from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.misc import format_date

from ..documents import FUNNEL, REUSED_STATES, funder_workbook, merged_pdf


class RebootImpactReport(models.TransientModel):
    """The impact dashboard: figures for a period and optional filters, computed
    with grouped queries, and the funder and donor documents built from them."""

    _name = "reboot.impact.report"
    _inherit = ["reboot.download.mixin"]
    _description = "Impact report"
    _reboot_job_methods = ("_reboot_funder_file", "_reboot_dossier_file")

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
        """The devices registered in the period, under the filters."""
        start, end = self._period()
        return self._lot_filters() + [
            ("create_date", ">=", start),
            ("create_date", "<=", end),
        ]

    def _lot_filters(self):
        domain = [
            ("reboot_device_type_id", "!=", False),
            ("company_id", "in", [self.company_id.id, False]),
        ]
        if self.donor_id:
            domain.append(("reboot_donor_id", "=", self.donor_id.id))
        if self.commune_id:
            domain.append(("reboot_commune_id", "=", self.commune_id.id))
        if self.device_type_id:
            domain.append(("reboot_device_type_id", "=", self.device_type_id.id))
        return domain

    def _lot_groups(self):
        """[(state, device type, donor, commune, count)] of the devices
        registered in the period: one grouped query that the funnel, the CO2
        and the breakdowns share."""
        return self.env["stock.lot"]._read_group(
            self._lot_domain(),
            [
                "reboot_state",
                "reboot_device_type_id",
                "reboot_donor_id",
                "reboot_commune_id",
            ],
            ["__count"],
        )

    def _figures(self, lot_groups=None):
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
        for state, device_type, _donor, _commune, count in (
            lot_groups if lot_groups is not None else self._lot_groups()
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

    # The dashboard (client action reboot_impact.dashboard) -------------------

    @api.model
    def _reboot_filter_values(self, filters):
        """The report's values from the dashboard's filters; dates and ids
        that do not parse are an error."""
        filters = filters or {}
        try:
            values = {
                name: fields.Date.to_date(filters[name])
                for name in ("date_from", "date_to")
                if filters.get(name)
            }
            for name in ("donor_id", "commune_id", "device_type_id"):
                values[name] = int(filters.get(name) or 0) or False
        except (TypeError, ValueError) as error:
            raise UserError(self.env._("These filters are not valid.")) from error
        return values

    @api.model
    def _reboot_from_filters(self, filters):
        """An unsaved report of the dashboard's filters, for the current
        company."""
        self.check_access("read")  # nothing below reads the report itself
        report = self.new(self._reboot_filter_values(filters))
        if report.date_from > report.date_to:
            raise UserError(self.env._("The period ends before it starts."))
        return report

    @api.model
    def reboot_dashboard(self, filters=None):
        """Every figure of the dashboard, in a fixed number of queries
        whatever the number of devices, donors, communes and months."""
        report = self._reboot_from_filters(filters)
        lot_groups = report._lot_groups()
        figures = report._figures(lot_groups)
        labels = report._funnel_labels()
        company = report.company_id
        years = company.reboot_second_life_years
        by_donor, by_commune = {}, {}
        for state, device_type, donor, commune, count in lot_groups:
            reused = count if state in REUSED_STATES else 0
            co2 = reused * device_type.co2_saving_per_year_kg * years
            if donor:
                row = by_donor.setdefault(
                    donor, {"id": donor.id, "name": donor.display_name}
                )
                row["given"] = row.get("given", 0) + count
                row["reused"] = row.get("reused", 0) + reused
            if commune:
                row = by_commune.setdefault(
                    commune, {"id": commune.id, "name": commune.display_name}
                )
                row["reused"] = row.get("reused", 0) + reused
                row["co2"] = row.get("co2", 0.0) + co2
        refurbished = sum(figures[key] for key in ("ready", "sold", "allocated"))
        gauges = [
            {
                "key": "refurbished",
                "label": self.env._("Devices refurbished"),
                "value": refurbished,
                "target": company.reboot_target_devices,
            },
            {
                "key": "trainees",
                "label": self.env._("Trainees hosted"),
                "value": figures["trainees"],
                "target": company.reboot_target_trainees,
            },
        ]
        grants = self.env["reboot.grant"].search(
            [
                ("company_id", "=", company.id),
                ("date_from", "<=", report.date_to),
                ("date_to", ">=", report.date_from),
            ],
            limit=3,
        )
        gauges += [
            {
                "key": f"grant_{grant.id}",
                "grant_id": grant.id,
                "label": self.env._("%(grant)s: costs attributed", grant=grant.name),
                "value": grant.costs,
                "target": grant.amount,
                "currency": grant.currency_id.symbol,
            }
            for grant in grants
        ]
        for gauge in gauges:
            gauge["percent"] = (
                round(100 * gauge["value"] / gauge["target"]) if gauge["target"] else 0
            )
        return {
            "filters": {
                "date_from": fields.Date.to_string(report.date_from),
                "date_to": fields.Date.to_string(report.date_to),
                "donor_id": report.donor_id.id,
                "commune_id": report.commune_id.id,
                "device_type_id": report.device_type_id.id,
            },
            "funnel": [
                {"key": key, "label": labels[key], "value": figures[key]}
                for key in FUNNEL
            ],
            "people": [
                {"key": key, "label": label, "value": figures[key]}
                for key, label in (
                    ("trainees", self.env._("Trainees hosted")),
                    ("trainee_hours", self.env._("Trainee hours")),
                    ("workshops", self.env._("Workshops")),
                    ("people_trained", self.env._("People trained")),
                )
            ],
            "co2": {
                "conservative_kg": figures["co2_conservative_kg"],
                "upper_kg": figures["co2_upper_kg"],
                "method": report._co2_method(),
            },
            "gauges": gauges,
            "trend": report._reboot_trend(),
            "donors": sorted(
                by_donor.values(), key=lambda row: (-row["given"], row["name"])
            )[:10],
            "communes": sorted(
                by_commune.values(), key=lambda row: (-row["reused"], row["name"])
            )[:10],
        }

    def _reboot_trend(self):
        """Devices reused (delivered to a commune) and the CO2 they avoid,
        month by month over the period: one grouped query."""
        years = self.company_id.reboot_second_life_years
        months = {}
        month = self.date_from.replace(day=1)
        while month <= self.date_to:
            months[month] = {
                "key": fields.Date.to_string(month),
                "label": format_date(self.env, month, date_format="MMM y"),
                "reused": 0,
                "co2": 0.0,
            }
            month += relativedelta(months=1)
        for month, device_type, count in self.env["stock.lot"]._read_group(
            self._lot_filters()
            + [
                ("reboot_state", "in", REUSED_STATES),
                ("reboot_sale_date", ">=", self.date_from),
                ("reboot_sale_date", "<=", self.date_to),
            ],
            ["reboot_sale_date:month", "reboot_device_type_id"],
            ["__count"],
        ):
            row = months[month.replace(day=1)]
            row["reused"] += count
            row["co2"] += count * device_type.co2_saving_per_year_kg * years
        for row in months.values():
            row["co2"] = round(row["co2"], 1)
        return list(months.values())

    @api.model
    def reboot_dashboard_open(self, filters, kind, key=None):
        """The records behind a figure of the dashboard, as a window action."""
        report = self._reboot_from_filters(filters)
        return report._reboot_records_action(kind, key)

    def _reboot_records_action(self, kind, key):
        _ = self.env._
        start, end = self._period()
        lots = self._lot_domain()
        if kind == "funnel" and key in FUNNEL and key != "collected":
            states = {
                "received": None,
                "workshop": ["intake", "testing", "wiped"],
                "accompanied": None,
            }.get(key, [key])
            if states:
                lots = expression.AND([lots, [("reboot_state", "in", states)]])
            if key == "accompanied":
                lots = expression.AND(
                    [lots, [("reboot_allocation_id.accompanied", "=", True)]]
                )
            return self._reboot_devices_action(self._funnel_labels()[key], lots)
        if kind == "refurbished":
            return self._reboot_devices_action(
                _("Devices refurbished"),
                expression.AND(
                    [lots, [("reboot_state", "in", ["ready", *REUSED_STATES])]]
                ),
            )
        if kind == "funnel" and key == "collected":
            domain = [
                ("state", "=", "received"),
                ("scheduled_date", ">=", start),
                ("scheduled_date", "<=", end),
                ("company_id", "=", self.company_id.id),
            ]
            if self.donor_id:
                domain.append(("donor_id", "=", self.donor_id.id))
            if self.commune_id:
                domain.append(("id", "=", 0))  # a commune collects nothing
            if self.device_type_id:
                domain.append(("line_ids.device_type_id", "=", self.device_type_id.id))
            return self._reboot_window(
                "reboot_collect.reboot_pickup_action", _("Pickups received"), domain
            )
        if kind in ("donor", "commune"):
            field = "reboot_donor_id" if kind == "donor" else "reboot_commune_id"
            partner = self.env["res.partner"].browse(int(key))
            domain = expression.AND([lots, [(field, "=", partner.id)]])
            return self._reboot_devices_action(partner.display_name, domain)
        if kind == "month":
            month = fields.Date.to_date(key)
            domain = self._lot_filters() + [
                ("reboot_state", "in", REUSED_STATES),
                ("reboot_sale_date", ">=", max(month, self.date_from)),
                (
                    "reboot_sale_date",
                    "<=",
                    min(month + relativedelta(months=1, days=-1), self.date_to),
                ),
            ]
            return self._reboot_devices_action(
                _(
                    "Reused in %(month)s",
                    month=format_date(self.env, month, date_format="MMMM y"),
                ),
                domain,
            )
        if kind == "trainees":
            return self._reboot_window(
                "reboot_refurb.reboot_placement_action",
                _("Trainees hosted"),
                [
                    ("date_start", "<=", self.date_to),
                    ("date_end", ">=", self.date_from),
                    ("company_id", "=", self.company_id.id),
                ],
            )
        workshops = [
            ("is_mediation_workshop", "=", True),
            ("date_begin", ">=", start),
            ("date_begin", "<=", end),
        ]
        if self.commune_id:
            workshops.append(("reboot_commune_id", "=", self.commune_id.id))
        if kind == "workshops":
            return self._reboot_window(
                "reboot_mediation.event_event_action_workshop",
                _("Workshops"),
                workshops,
            )
        if kind == "people_trained":
            return self._reboot_window(
                "reboot_mediation.event_registration_action_attendance",
                _("People trained"),
                [("state", "=", "done"), ("event_id", "any", workshops)],
            )
        if kind == "grant":
            action = self._reboot_window(
                "reboot_impact.reboot_grant_action", _("Grant"), []
            )
            action.update(res_id=int(key), view_mode="form", views=[(False, "form")])
            return action
        raise UserError(_("There are no records behind this figure."))

    def _reboot_devices_action(self, name, domain):
        return self._reboot_window(
            "reboot_refurb.stock_lot_action_device", name, domain
        )

    def _reboot_window(self, xml_id, name, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action.update(
            name=name,
            display_name=name,
            domain=domain,
            context={"create": False},
            # the records counted, as a list first
            views=sorted(action["views"], key=lambda view: view[1] != "list"),
        )
        return action

    @api.model
    def reboot_dashboard_download(self, filters, document):
        """The funder workbook or the donor dossier of the dashboard's filters."""
        self._reboot_from_filters(filters)  # the same checks as the figures
        report = self.create(self._reboot_filter_values(filters))
        if document == "donor_dossier":
            return report.action_donor_dossier()
        return report.action_funder_xlsx()

    @api.model
    def _co2_of_lots(self, lots, years):
        """(conservative, upper bound) kg CO2e avoided by these devices."""
        reused = lots.filtered(lambda lot: lot.reboot_state in REUSED_STATES)
        low = sum(lot.reboot_device_type_id.co2_saving_per_year_kg for lot in reused)
        high = sum(lot.reboot_device_type_id.co2_manufacturing_kg for lot in reused)
        return round(low * years, 1), round(high, 1)

    # Funder report -------------------------------------------------------

    def action_funder_xlsx(self):
        """The funder workbook, in the background above the job threshold."""
        self.ensure_one()
        return self._reboot_document(
            "_reboot_funder_file",
            self.env._(
                "Funder workbook %(start)s – %(end)s",
                start=self.date_from,
                end=self.date_to,
            ),
            self.env["stock.lot"].search_count(self._lot_domain()),
        )

    def _reboot_funder_file(self):
        return (
            self._funder_xlsx(),
            f"rapport_financeur_{self.date_from}_{self.date_to}.xlsx",
        )

    def _funder_xlsx(self):
        self.ensure_one()
        return funder_workbook(self)

    # Donor impact dossier ------------------------------------------------------

    def action_donor_dossier(self):
        """The donor's dossier, in the background above the job threshold."""
        self.ensure_one()
        if not self.donor_id:
            raise UserError(self.env._("Choose the donor of the dossier."))
        devices = self.env["stock.lot"].search_count(self._lot_domain())
        if not devices:
            raise UserError(
                self.env._(
                    "%(donor)s gave no device from %(start)s to %(end)s: there is "
                    "no dossier to make.",
                    donor=self.donor_id.display_name,
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        return self._reboot_document(
            "_reboot_dossier_file",
            self.env._(
                "Impact dossier of %(donor)s, %(start)s – %(end)s",
                donor=self.donor_id.display_name,
                start=self.date_from,
                end=self.date_to,
            ),
            devices,
            # a page of PDF per device weighs as ten rows of a spreadsheet
            weight=10,
        )

    def _reboot_dossier_file(self):
        return (
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
        """Each part rendered in one run, then merged, a bookmark per part."""
        self.ensure_one()
        # the dossier's parts run no javascript: no need for Odoo's 1 s wait
        Report = self.env["ir.actions.report"].with_context(
            force_report_rendering=True, reboot_print_delay=0
        )
        sections = self._donor_dossier_sections()
        parts = []
        for title, report_ref, ids in sections:
            parts.append((title, Report._reboot_pdf_in_one_run(report_ref, ids)))
            self.env["reboot.job"]._reboot_progress(len(parts), len(sections))
        return merged_pdf(parts)

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
