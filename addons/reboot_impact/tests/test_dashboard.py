from datetime import date
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.reboot_refurb.models.stock_lot import _WORKFLOW

from ..documents import FUNNEL
from .test_impact import ImpactData


@tagged("post_install", "-at_install")
class TestImpactDashboard(ImpactData, TransactionCase):
    """The dashboard's figures (reboot_impact.dashboard, an OWL client action)
    and the records each figure opens."""

    def _filters(self, **filters):
        return {
            "date_from": f"{self.year}-01-01",
            "date_to": f"{self.year}-12-31",
            "donor_id": self.donor.id,
            **filters,
        }

    def _dashboard(self, **filters):
        return self.Report.with_user(self.manager).reboot_dashboard(
            self._filters(**filters)
        )

    def test_funnel_in_the_order_of_a_devices_life(self):
        data = self._dashboard()
        self.assertEqual([step["key"] for step in data["funnel"]], FUNNEL)
        self.assertEqual(
            [step["value"] for step in data["funnel"]], [12, 6, 1, 1, 1, 1, 1, 1, 1]
        )
        self.assertEqual(data["funnel"][0]["label"], "Collected")

    def test_gauges_against_the_targets(self):
        self.env.company.write(
            {"reboot_target_devices": 4, "reboot_target_trainees": 60}
        )
        grant = self.env["reboot.grant"].create(
            {
                "name": "Métropole",
                "funder_id": self.commune_a.id,
                "amount": 82000,
                "date_from": f"{self.year}-01-01",
                "date_to": f"{self.year + 1}-12-31",
            }
        )
        gauges = {gauge["key"]: gauge for gauge in self._dashboard()["gauges"]}
        # LT-4 ready, LT-2 sold, LT-1 allocated: 3 of 4 refurbished
        self.assertEqual(
            (gauges["refurbished"]["value"], gauges["refurbished"]["target"]), (3, 4)
        )
        self.assertEqual(gauges["refurbished"]["percent"], 75)
        self.assertEqual(gauges["trainees"]["target"], 60)
        grant_gauge = gauges[f"grant_{grant.id}"]
        self.assertEqual((grant_gauge["target"], grant_gauge["percent"]), (82000, 0))
        self.assertEqual(grant_gauge["currency"], "€")

    def test_monthly_trend_of_reuse_and_co2(self):
        trend = self._dashboard()["trend"]
        self.assertEqual(len(trend), 12)
        this_month = date.today().replace(day=1).isoformat()
        by_month = {month["key"]: month for month in trend}
        # two laptops delivered this month: 2 × 27.0 kg/year × 3 years
        self.assertEqual(by_month[this_month]["reused"], 2)
        self.assertAlmostEqual(by_month[this_month]["co2"], 162.0)
        self.assertEqual(sum(month["reused"] for month in trend), 2)
        self.assertEqual(trend[0]["label"], "Jan 2026".replace("2026", str(self.year)))

    def test_breakdowns_by_commune_and_donor(self):
        data = self._dashboard()
        [commune] = data["communes"]
        self.assertEqual(
            (commune["id"], commune["reused"], commune["co2"]),
            (self.commune_a.id, 2, 162.0),
        )
        [donor] = data["donors"]
        self.assertEqual(
            (donor["id"], donor["given"], donor["reused"]), (self.donor.id, 6, 2)
        )

    def test_every_figure_opens_the_records_it_counts(self):
        Report = self.Report.with_user(self.manager)
        filters = self._filters()
        data = Report.reboot_dashboard(filters)

        def count(kind, key=None):
            action = Report.reboot_dashboard_open(filters, kind, key)
            return (
                self.env[action["res_model"]]
                .with_user(self.manager)
                .search_count(action["domain"])
            )

        for step in data["funnel"]:
            if step["key"] == "collected":
                continue  # pickups, not devices
            with self.subTest(step=step["key"]):
                self.assertEqual(count("funnel", step["key"]), step["value"])
        self.assertEqual(count("funnel", "collected"), 1)  # the donor's pickup
        self.assertEqual(count("refurbished"), 3)
        this_month = date.today().replace(day=1).isoformat()
        self.assertEqual(count("month", this_month), 2)
        self.assertEqual(count("commune", self.commune_a.id), 2)
        self.assertEqual(count("donor", self.donor.id), 6)
        self.assertGreaterEqual(count("trainees"), 1)
        people = {figure["key"]: figure["value"] for figure in data["people"]}
        self.assertEqual(count("workshops"), people["workshops"])
        self.assertEqual(count("people_trained"), people["people_trained"])
        with self.assertRaises(UserError):
            Report.reboot_dashboard_open(filters, "nothing")

    def test_constant_number_of_queries(self):
        """More devices, donors, communes and months: the same queries."""
        Report = self.Report.with_user(self.manager)
        filters = self._filters(donor_id=False)

        def queries():
            Report.reboot_dashboard(filters)  # warm the rules' and views' caches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Report.reboot_dashboard(filters)
            return self.env.cr.sql_log_count - before

        first = queries()
        Partner = self.env["res.partner"]
        for i, lot in enumerate(self.lots):
            lot.with_context(reboot_workflow=_WORKFLOW).write(
                {
                    "reboot_donor_id": Partner.create(
                        {"name": f"Donneur {i}", "is_reboot_donor": True}
                    ).id,
                    "reboot_commune_id": Partner.create(
                        {"name": f"Commune {i}", "is_commune": True}
                    ).id,
                    "reboot_state": "sold",
                    "reboot_sale_date": date(self.year, 1, 1) + relativedelta(months=i),
                }
            )
        self.assertEqual(len(Report.reboot_dashboard(filters)["communes"]), 7)
        self.assertEqual(queries(), first)

    def test_bad_filters_are_said_and_change_nothing(self):
        Report = self.Report.with_user(self.manager)
        reports = self.Report.search_count([])
        for filters in (
            {"date_from": "not a date"},
            {"donor_id": "x"},
            {"date_from": f"{self.year}-12-31", "date_to": f"{self.year}-01-01"},
        ):
            with self.subTest(filters=filters), self.assertRaises(UserError):
                Report.reboot_dashboard(filters)
        self.assertEqual(self.Report.search_count([]), reports)

    def test_downloads_from_the_dashboard(self):
        Report = self.Report.with_user(self.manager)
        action = Report.reboot_dashboard_download(self._filters(), "funder_xlsx")
        self.assertIn(".xlsx", action["url"])
        # the dossier itself is tested with a browser (test_impact); here, the
        # dossier of the dashboard's donor and period
        with patch.object(
            type(self.Report), "_donor_dossier_pdf", lambda report: b"%PDF-1.7"
        ):
            action = Report.reboot_dashboard_download(self._filters(), "donor_dossier")
        self.assertIn(".pdf", action["url"])
        report = self.Report.search([], order="id desc", limit=1)
        self.assertEqual(
            (report.donor_id, str(report.date_from)),
            (self.donor, f"{self.year}-01-01"),
        )
        with self.assertRaises(UserError):
            Report.reboot_dashboard_download(
                self._filters(donor_id=False), "donor_dossier"
            )

    def test_only_managers_see_the_dashboard(self):
        technician = new_test_user(
            self.env, login="dash_tech", groups="reboot_base.group_reboot_technician"
        )
        with self.assertRaises(AccessError):
            self.Report.with_user(technician).reboot_dashboard(self._filters())
