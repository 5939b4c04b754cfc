"""The pages people open on a phone, in headless Chromium at 390 × 844 (an
iPhone 12-14): the commune officer's catalogue and orders, the donor's pages,
the technician's bench that a device's QR label opens. Nothing may lay out
wider than the screen. Screenshots go to .logs/screenshots/phone_*.png."""

import pytest
from browser import CHROMIUM, Browser
from conftest import LOG_DIR
from french import english

SHOTS = LOG_DIR / "screenshots"
PHONE = (390, 844)

# the page's width, and the elements that reach past the screen's right edge
OVERFLOW = """(() => {
    const width = window.innerWidth;
    const wide = [...document.querySelectorAll('body *')].filter(el => {
        const box = el.getBoundingClientRect();
        if (!box.width || box.right <= width + 1) return false;
        // inside a box that scrolls sideways on purpose (a table's wrapper)
        for (let p = el.parentElement; p; p = p.parentElement) {
            const style = getComputedStyle(p);
            if (['auto', 'scroll', 'hidden'].includes(style.overflowX)
                && p.getBoundingClientRect().right <= width + 1) return false;
        }
        return true;
    });
    return {
        scroll: document.documentElement.scrollWidth,
        width: width,
        wide: wide.slice(0, 5).map(
            el => el.tagName + '.' + [...el.classList].join('.')),
    };
})()"""


@pytest.fixture(scope="module")
def phone():
    assert CHROMIUM, "Debian's chromium is needed (scripts/bootstrap.sh installs it)"
    browser = Browser(*PHONE)
    browser.viewport(*PHONE, mobile=True)
    yield browser
    browser.close()


def _open_on_phone(phone, client, path, selector, name):
    text = phone.open(
        client.server.url + path, client.http.cookies["session_id"], selector
    )
    phone.screenshot(SHOTS / f"phone_{name}.png")
    assert not english(text), f"{name}: English on a French page: {english(text)}"
    layout = phone.evaluate(OVERFLOW)
    assert layout["width"] == PHONE[0], layout
    assert (
        layout["scroll"] <= PHONE[0] and not layout["wide"]
    ), f"{path} is wider than the phone: {layout}"
    return text


def _visible(phone, selector):
    """Whether the first `selector` lies within the screen's width."""
    return phone.evaluate(
        f"""(() => {{
            const el = document.querySelector({selector!r});
            if (!el) return false;
            const box = el.getBoundingClientRect();
            return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
        }})()"""
    )


def test_commune_catalogue_on_a_phone(server, phone):
    officer = server.client("rouen")
    text = _open_on_phone(
        phone, officer, "/my/catalogue", ".o_reboot_offer", "catalogue"
    )
    assert "Demander un devis" in text
    # what an officer decides with: how many, at what price, how many to ask
    for selector in (
        ".o_reboot_offer .o_reboot_available",
        ".o_reboot_offer .o_reboot_price",
        ".o_reboot_offer input[type=number]",
    ):
        assert _visible(phone, selector), selector


def test_commune_orders_on_a_phone(server, phone):
    officer = server.client("rouen")
    text = _open_on_phone(phone, officer, "/my/orders", "main", "orders")
    assert "Devis" in text or "Commandes" in text


def test_donor_pages_on_a_phone(server, phone):
    donor = server.client("donateur")
    text = _open_on_phone(phone, donor, "/my", "main", "donor_home")
    assert "Vos commandes" not in text and "Vos factures" not in text
    assert "Collectes" in text
    text = _open_on_phone(phone, donor, "/my/pickups", "main", "donor_pickups")
    assert "PU/" in text
    assert _visible(phone, ".o_reboot_pickup_state"), "the pickup's status"


def test_bench_on_a_phone(server, phone):
    technician = server.client("technicien")
    manager = server.client("responsable")
    devices = manager.call(
        "stock.lot",
        "search_read",
        [("reboot_state", "=", "testing")],
        ["reboot_tests_left"],
    )
    lot = next((d["id"] for d in devices if d["reboot_tests_left"]), None)
    if not lot:  # the demo's was done by an earlier run: take a new device
        [lot] = manager.call(
            "stock.lot",
            "search",
            [("reboot_state", "=", "intake"), ("reboot_device_type_id", "!=", False)],
            limit=1,
        )
        technician.call("stock.lot", "action_reboot_start_testing", [lot])
    text = _open_on_phone(
        phone,
        technician,
        f"/odoo/action-reboot_refurb.stock_lot_action_bench/{lot}",
        ".o_reboot_bench .o_reboot_next_step",
        "bench",
    )
    # it leads with the state and the next step, not with product and costs
    assert "Étape suivante" in text
    assert "Coût" not in text
    assert _visible(phone, ".o_reboot_all_passed")
    text = phone.click(
        ".o_reboot_all_passed", ".o_reboot_bench:not(:has(.o_reboot_all_passed))"
    )
    [after] = manager.call("stock.lot", "read", [lot], ["reboot_tests_left"])
    assert after["reboot_tests_left"] == 0
    assert "contrôles restants" not in text
