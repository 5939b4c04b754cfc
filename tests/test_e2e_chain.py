"""The whole chain, driven through the doors each user uses, on a live server.

The manager (login "responsable") schedules a pickup at a new donor; the
technician registers its four tablets, tests, wipes (nwipe JSON) and grades
them; the Rouen officer requests three tablets in the portal catalogue and signs
the quotation; the manager delivers them; the officer allocates two of them; the
mediator records that the family came to its first workshop; the manager
exports the funder report. Tablets are used because the demo has none ready, so
every figure of the donor's report comes from this story alone."""

import io
import json
import re
from datetime import datetime, timedelta

import openpyxl
import pytest
from conftest import RpcError

# A 1x1 PNG: what the portal's signature pad sends, base64 encoded.
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
    "awAAAABJRU5ErkJggg=="
)


def nwipe(drive_serial, status="success"):
    """An nwipe JSON report as nwipe 0.38 writes it."""
    return json.dumps(
        {
            "report_metadata": {"software": "nwipe", "version": "0.38"},
            "organization": {"business_name": "Reboot Ecosystème"},
            "device": {
                "name": "/dev/mmcblk0",
                "model": "Samsung eMMC",
                "serial_no": drive_serial,
                "size_bytes": 64023257088,
                "size_text": "64GB",
            },
            "wipe_result": {
                "status": status,
                "rounds_requested": 1,
                "pass_errors": 0,
                "verify_errors": 0,
                "start_time": 1793600000,
                "end_time": 1793600900,
                "duration_seconds": 900,
            },
        }
    )


def test_whole_chain(users):
    manager, technician = users["manager"], users["technician"]
    admin = users["admin"]
    mediator, officer = users["mediator"], users["officer"]
    tablet = admin.ref("reboot_collect.device_type_tablet")
    ready_tablets = manager.call(
        "stock.lot",
        "search_count",
        [("reboot_device_type_id", "=", tablet), ("reboot_state", "=", "ready")],
    )
    assert ready_tablets == 0, "the story needs a stock without ready tablets"

    # 1. The manager schedules a pickup at a new donor; the driver collects,
    # the workshop receives four tablets.
    driver = admin.ref("reboot_collect.user_driver_demo")
    donor = manager.call(
        "res.partner",
        "create",
        {
            "name": "Clinique Saint-Hilaire",
            "is_company": True,
            "is_reboot_donor": True,
            "city": "Rouen",
            "zip": "76000",
        },
    )
    pickup = manager.call(
        "reboot.pickup",
        "create",
        {
            "donor_id": donor,
            "scheduled_date": datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "driver_id": driver,
            "line_ids": [[0, 0, {"device_type_id": tablet, "qty_declared": 4}]],
        },
    )
    manager.call("reboot.pickup", "action_schedule", [pickup])
    manager.call("reboot.pickup", "action_collect", [pickup])
    lines = manager.call("reboot.pickup", "read", [pickup], ["line_ids"])[0]
    manager.call("reboot.pickup.line", "write", lines["line_ids"], {"qty_received": 4})
    manager.call("reboot.pickup", "action_receive", [pickup])

    # 2. The technician registers the serials: the receipt is validated.
    serials = [f"CSH-TAB-{n:03d}" for n in range(1, 5)]
    lot_ids = technician.call(
        "reboot.intake.wizard",
        "register_serials",
        pickup,
        [{"serial": s, "model": "Samsung Galaxy Tab A8"} for s in serials],
        device_type_code="tablet",
    )
    assert len(lot_ids) == 4
    [state] = manager.call("reboot.pickup", "read", [pickup], ["picking_id"])
    [picking] = manager.call(
        "stock.picking", "read", [state["picking_id"][0]], ["state"]
    )
    assert picking["state"] == "done"

    # 3. Tests: every checklist item passes on three tablets; the fourth has
    # a broken screen and goes to parts.
    technician.call("stock.lot", "action_reboot_start_testing", lot_ids)
    results = technician.call(
        "reboot.test.result", "search_read", [("lot_id", "in", lot_ids)], ["lot_id"]
    )
    assert {r["lot_id"][0] for r in results} == set(lot_ids)
    good, broken = lot_ids[:3], lot_ids[3]
    technician.call(
        "reboot.test.result",
        "write",
        [r["id"] for r in results if r["lot_id"][0] in good],
        {"result": "pass", "minutes": 3},
    )
    technician.call("stock.lot", "action_reboot_to_parts", [broken])

    # 4. Wipes: the nwipe reports of the three drives; a device cannot be
    # sold before its wipe has passed.
    technician.call("stock.lot", "write", good, {"reboot_grade": "a"})
    with pytest.raises(RpcError, match="aucun disque"):
        technician.call("stock.lot", "action_reboot_set_ready", good[:1])
    for lot, serial in zip(good, serials, strict=False):
        technician.call(
            "reboot.wipe", "import_nwipe_json", nwipe(f"EMMC-{serial}"), lot_id=lot
        )
    technician.call("stock.lot", "action_reboot_mark_wiped", good)
    technician.call("stock.lot", "action_reboot_set_ready", good)
    states = technician.call("stock.lot", "read", lot_ids, ["reboot_state"])
    assert [s["reboot_state"] for s in states] == ["ready"] * 3 + ["parts"]

    # 5. The Rouen officer requests three tablets in the catalogue ...
    catalogue = officer.get("/my/catalogue").text
    key = f"qty_{tablet}_a"
    assert f'name="{key}"' in catalogue
    response = officer.post_form(
        "/my/catalogue/request",
        {key: "3", "comment": "Tablettes pour le CCAS", "wished_date": ""},
        form_page="/my/catalogue",
    )
    order_id = int(re.search(r"/my/orders/(\d+)", response.url).group(1))
    token = re.search(r"access_token=([\w-]+)", response.url).group(1)
    # ... and signs the quotation.
    accepted = officer.json_route(
        f"/my/orders/{order_id}/accept",
        access_token=token,
        name="Claire Officier",
        signature=SIGNATURE,
    )
    assert "error" not in accepted, accepted
    [order] = manager.call(
        "sale.order", "read", [order_id], ["state", "signed_by", "picking_ids"]
    )
    assert order["state"] == "sale"
    assert order["signed_by"] == "Claire Officier"

    # 6. The manager delivers: the three ready tablets are reserved and leave.
    [delivery] = order["picking_ids"]
    manager.call("stock.picking", "action_assign", [delivery])
    move_lines = manager.call(
        "stock.move.line", "search_read", [("picking_id", "=", delivery)], ["lot_id"]
    )
    assert sorted(ml["lot_id"][0] for ml in move_lines) == sorted(good)
    moves = manager.call("stock.move", "search", [("picking_id", "=", delivery)])
    manager.call("stock.move", "write", moves, {"picked": True})
    manager.call("stock.picking", "button_validate", [delivery])
    states = manager.call("stock.lot", "read", good, ["reboot_state"])
    assert {s["reboot_state"] for s in states} == {"sold"}

    # 7. The mediator schedules a first-steps workshop in Rouen; the officer
    # allocates two tablets: the family is put on the mediator's call list.
    rouen = admin.ref("reboot_commune_sales.partner_rouen_demo")
    start = datetime.now() + timedelta(hours=2)
    workshop = mediator.call(
        "event.event",
        "create",
        {
            "name": "Premiers pas sur la tablette",
            "is_mediation_workshop": True,
            "reboot_commune_id": rouen,
            "reboot_theme_ids": [
                [6, 0, [admin.ref("reboot_mediation.theme_first_steps")]]
            ],
            "date_begin": start.strftime("%Y-%m-%d %H:%M:%S"),
            "date_end": (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S"),
        },
    )
    page = officer.post_form(
        "/my/allocations",
        {
            f"lot_{good[0]}": str(good[0]),
            "beneficiary_type": "family",
            "household_ref": "CCAS-2026-0301",
        },
    ).text
    assert "CSH-TAB" in page
    # another commune's device is refused, nothing is written
    foreign = manager.call(
        "stock.lot",
        "search",
        [("reboot_state", "=", "sold"), ("reboot_commune_id", "!=", rouen)],
        limit=1,
    )
    if foreign:
        page = officer.post_form(
            "/my/allocations",
            {f"lot_{foreign[0]}": str(foreign[0]), "beneficiary_type": "school",
             "beneficiary_name": "École volée"},
        ).text  # fmt: skip
        assert "ne peuvent pas" in page or "cannot be allocated" in page
    officer.post_form(
        "/my/allocations",
        {
            f"lot_{good[1]}": str(good[1]),
            "beneficiary_type": "school",
            "beneficiary_name": "École Jean-Jaurès",
        },
    )
    allocations = manager.call(
        "reboot.allocation",
        "search_read",
        [("lot_id", "in", good)],
        ["lot_id", "beneficiary_type", "registration_ids"],
    )
    assert {a["lot_id"][0]: a["beneficiary_type"] for a in allocations} == {
        good[0]: "family",
        good[1]: "school",
    }

    # 8. The mediator records that the family came.
    registrations = mediator.call(
        "event.registration",
        "search_read",
        [("event_id", "=", workshop)],
        ["allocation_id", "reboot_to_call"],
    )
    family = [r for r in registrations if r["allocation_id"][0] == next(
        a["id"] for a in allocations if a["beneficiary_type"] == "family"
    )]  # fmt: skip
    assert len(family) == 1 and family[0]["reboot_to_call"]
    # the workshop takes place (it starts now); the family comes and is
    # partly autonomous at the end
    mediator.call(
        "event.event",
        "write",
        [workshop],
        {"date_begin": (datetime.now() - timedelta(minutes=5)).strftime(
            "%Y-%m-%d %H:%M:%S")},
    )  # fmt: skip
    mediator.call(
        "event.registration",
        "write",
        [family[0]["id"]],
        {"reboot_autonomy": "partiellement_autonome"},
    )
    mediator.call("event.registration", "action_reboot_attended", [family[0]["id"]])

    # 9. On the impact dashboard, the manager looks at this donor's tablets
    # and exports their funder report.
    dashboard = manager.call(
        "reboot.impact.report",
        "reboot_dashboard",
        {"donor_id": donor, "device_type_id": tablet},
    )
    figures = {f"qty_{step['key']}": step["value"] for step in dashboard["funnel"]}
    figures["co2_conservative_kg"] = dashboard["co2"]["conservative_kg"]
    figures["co2_upper_kg"] = dashboard["co2"]["upper_kg"]
    assert {k: v for k, v in figures.items() if k.startswith("qty_")} == {
        "qty_collected": 4,
        "qty_received": 4,
        "qty_workshop": 0,
        "qty_ready": 0,
        "qty_sold": 1,
        "qty_allocated": 2,
        "qty_accompanied": 1,
        "qty_parts": 1,
        "qty_recycled": 0,
    }
    [factors] = manager.call(
        "reboot.device.type",
        "read",
        [tablet],
        ["co2_saving_per_year_kg", "co2_manufacturing_kg"],
    )
    [company] = manager.call(
        "res.company", "search_read", [], ["reboot_second_life_years"], limit=1
    )
    assert figures["co2_conservative_kg"] == pytest.approx(
        3 * factors["co2_saving_per_year_kg"] * company["reboot_second_life_years"],
        abs=0.1,
    )
    assert figures["co2_upper_kg"] == pytest.approx(
        3 * factors["co2_manufacturing_kg"], abs=0.1
    )
    assert figures["co2_upper_kg"] > 0  # ADEME gives tablets no yearly saving

    action = manager.call(
        "reboot.impact.report",
        "reboot_dashboard_download",
        dashboard["filters"],
        "funder_xlsx",
    )
    xlsx = manager.get(action["url"]).content
    book = openpyxl.load_workbook(io.BytesIO(xlsx), data_only=True)
    summary, devices = book.worksheets[0], book.worksheets[1]
    sheet_figures = {
        row[0]: row[1] for row in summary.iter_rows(min_row=4, values_only=True)
        if row[0] and isinstance(row[1], int | float)
    }  # fmt: skip
    assert figures["qty_allocated"] in sheet_figures.values()
    assert figures["co2_conservative_kg"] in sheet_figures.values()
    rows = list(devices.iter_rows(min_row=2, values_only=True))
    assert sorted(row[0] for row in rows[:-1]) == serials
    assert rows[-1][0] == "Total"
    # the funder's file names no beneficiary
    text = " ".join(
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    )
    assert "CCAS-2026-0301" not in text and "Jean-Jaurès" not in text


def test_portal_user_cannot_reach_back_office_records(users, server):
    """The officer's JSON-RPC calls stop at its own commune."""
    officer, manager, admin = users["officer"], users["manager"], users["admin"]
    donor = server.client("donateur")
    # pickups: the donor contact sees its organisation's, the officer none
    assert officer.call("reboot.pickup", "search_read", [], ["name"]) == []
    seen = donor.call("reboot.pickup", "search_read", [], ["donor_id"])
    metropole = admin.ref("reboot_collect.partner_metropole_demo")
    assert seen and {p["donor_id"][0] for p in seen} == {metropole}
    # no portal user changes a device, even one its commune bought
    bought = manager.call(
        "stock.lot",
        "search",
        [("reboot_commune_id", "=", admin.ref(
            "reboot_commune_sales.partner_rouen_demo"))],
        limit=1,
    )  # fmt: skip
    with pytest.raises(RpcError, match="AccessError"):
        officer.call("stock.lot", "write", bought, {"reboot_state": "ready"})
    orders = officer.call("sale.order", "search_read", [], ["partner_id"])
    rouen_partners = set(
        officer.call(
            "res.partner",
            "search",
            [("commercial_partner_id", "=", admin.ref(
                "reboot_commune_sales.partner_rouen_demo"))],
        )
    )  # fmt: skip
    assert orders and {o["partner_id"][0] for o in orders} <= rouen_partners
    # a signature needs the order's own token
    other = users["manager"].call(
        "sale.order",
        "search",
        [("partner_id", "not in", list(rouen_partners)), ("state", "=", "sent")],
        limit=1,
    )
    assert other, "the demo has a quotation of another commune waiting"
    answer = officer.json_route(
        f"/my/orders/{other[0]}/accept",
        access_token="wrong",
        name="Intrus",
        signature=SIGNATURE,
    )
    assert answer.get("error")
    [state] = users["manager"].call("sale.order", "read", other, ["state"])
    assert state["state"] == "sent"
