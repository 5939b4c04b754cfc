"""The key screens of each role, opened in headless Chromium on the demo
database: each must show what its user comes for. Screenshots are saved in
.logs/screenshots/ (docs/screenshots/ holds the ones the README shows)."""

import pytest
from browser import CHROMIUM, Browser
from conftest import LOG_DIR
from french import english

SHOTS = LOG_DIR / "screenshots"


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "Debian's chromium is needed (scripts/bootstrap.sh installs it)"
    browser = Browser()
    yield browser
    browser.close()


def _open(browser, client, path, selector, name):
    text = browser.open(
        client.server.url + path, client.http.cookies["session_id"], selector
    )
    shot = browser.screenshot(SHOTS / f"{name}.png")
    assert shot.stat().st_size > 20_000, f"{name}: the screenshot is nearly blank"
    assert not english(text), f"{name}: English on a French page: {english(text)}"
    return text


def _lot(manager, serial):
    [lot] = manager.call("stock.lot", "search", [("name", "=", serial)])
    return lot


def test_commune_catalogue(server, browser):
    officer = server.client("rouen")
    text = _open(browser, officer, "/my/catalogue", ".o_reboot_offer", "catalogue")
    assert "Ordinateur portable" in text
    assert "Demander un devis" in text


def test_commune_allocations(server, browser):
    officer = server.client("rouen")
    text = _open(browser, officer, "/my/allocations", "form", "allocations")
    assert "École élémentaire Pasteur" in text
    assert "CCAS-2026-0187" in text


def test_device_traceability(server, browser):
    manager = server.client("responsable")
    [allocation] = manager.call(
        "reboot.allocation",
        "search_read",
        [("beneficiary_name", "=", "École élémentaire Pasteur")],
        ["lot_id"],
        limit=1,
    )
    lot = allocation["lot_id"][0]
    text = _open(
        browser,
        manager,
        f"/odoo/action-reboot_refurb.stock_lot_action_device/{lot}",
        ".o_form_view .o_notebook",
        "device",
    )
    assert allocation["lot_id"][1] in text
    assert "Attribué" in text
    assert "Métropole Rouen Normandie" in text


def test_impact_dashboard(server, browser):
    manager = server.client("responsable")
    browser.viewport(1366, 1260)  # the whole dashboard in its screenshot
    text = _open(
        browser,
        manager,
        "/odoo/action-reboot_impact.reboot_impact_dashboard_action",
        ".o_reboot_impact_dashboard .o_reboot_trend",
        "impact",
    )
    browser.viewport(*browser.DESKTOP)
    assert "CO2" in text
    # the funnel in the order of a device's life, whole numbers
    steps = browser.texts(".o_reboot_funnel_step")
    assert [step.split("\n")[0] for step in steps] == [
        "Collectés",
        "Enregistrés",
        "À l'atelier",
        "Prêts",
        "Vendus",
        "Attribués",
        "Accompagnés",
        "Pièces détachées",
        "Recyclés",
    ]
    assert all(step.split("\n")[-1].replace("\u202f", "").isdigit() for step in steps)
    # gauges against the company's targets and the demo grant
    [company] = manager.call(
        "res.company", "search_read", [], ["reboot_target_trainees"], limit=1
    )
    gauges = browser.texts(".o_reboot_gauge")
    assert any(
        "Stagiaires accueillis" in gauge
        and gauge.endswith(f"/ {company['reboot_target_trainees']}")
        for gauge in gauges
    ), gauges
    assert any("€" in gauge for gauge in gauges), gauges
    # a figure opens the devices it counts
    allocated = next(s for s in steps if s.startswith("Attribués"))
    count = int(allocated.split("\n")[-1].replace("\u202f", ""))
    text = browser.click(
        ".o_reboot_funnel_step[data-key='allocated']", ".o_list_renderer"
    )
    assert browser.evaluate(
        "document.querySelectorAll('.o_list_renderer .o_data_row').length"
    ) == min(count, 80)
    assert "Attribués" in text  # the breadcrumb names the figure


def test_workshop_attendance(server, browser):
    mediator = server.client("mediatrice")
    text = _open(
        browser,
        mediator,
        "/odoo/action-reboot_mediation.event_registration_action_attendance",
        ".o_list_renderer .o_data_row",
        "attendance",
    )
    assert "Premiers pas sur l'ordinateur" in text
    assert "Fatou Diallo" in text  # the one who consented to be named


def test_donor_pickups(server, browser):
    donor = server.client("donateur")
    text = _open(browser, donor, "/my/pickups", "table", "donor_pickups")
    assert "PU/" in text


def test_manager_reaches_the_suites_settings(server, browser):
    manager = server.client("responsable")
    text = _open(
        browser,
        manager,
        "/odoo/action-reboot_base.reboot_config_settings_action",
        ".o_form_view, .o_setting_container, .o_settings_container",
        "settings",
    )
    assert "Coût horaire" in text or "coût horaire" in text, text[:500]


def test_commune_orders_list_with_status_and_filters(server, browser):
    manager = server.client("responsable")
    text = _open(
        browser,
        manager,
        "/odoo/action-reboot_commune_sales.sale_order_action_communes",
        ".o_list_renderer .o_data_row",
        "commune_orders",
    )
    assert "Statut" in text or "État" in text
    browser.click(".o_searchview_dropdown_toggler", ".o_filter_menu")
    filters = browser.texts(
        ".o_filter_menu .o-dropdown-item, .o_filter_menu .dropdown-item"
    )
    for name in ("À traiter", "À livrer", "À facturer"):
        assert name in filters, filters


def test_new_tax_receipt_opens(server, browser):
    """The guide's first path: Collecte › Reçus fiscaux › Nouveau."""
    manager = server.client("responsable")
    text = _open(
        browser,
        manager,
        "/odoo/action-reboot_collect.reboot_tax_receipt_action/new",
        ".o_form_view .o_form_sheet",
        "tax_receipt_new",
    )
    assert "Collecte" in text
