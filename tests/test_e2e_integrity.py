"""Issue #14 over JSON-RPC on a live server, as the demo's own roles: each way
around the workflow is refused in French, and a second read proves that nothing
was written (each call is its own transaction, as in real use)."""

import pytest
from conftest import RpcError


def device(users, serial=None, state=None):
    """A demo device, by serial or the first one in a state."""
    domain = [("name", "=", serial)] if serial else [("reboot_state", "=", state)]
    [lot] = users["manager"].call(
        "stock.lot", "search_read", domain, ["name", "reboot_state"], limit=1
    )
    return lot


def test_device_state_moves_only_by_the_workflow(users):
    technician, manager = users["technician"], users["manager"]
    intake = device(users, "MRN-DT-0003")
    ready = device(users, state="ready")
    assert intake["reboot_state"] == "intake"
    for user in (technician, manager):
        for lot, state in ((intake, "sold"), (intake, "allocated"), (ready, "sold")):
            with pytest.raises(RpcError, match="ne change que par le processus"):
                user.call("stock.lot", "write", [lot["id"]], {"reboot_state": state})
    # the web client's save and an import take the same door
    with pytest.raises(RpcError, match="ne change que par le processus"):
        technician.call(
            "stock.lot", "web_save", [intake["id"]], {"reboot_state": "ready"}, {}
        )
    assert device(users, "MRN-DT-0003")["reboot_state"] == "intake"
    assert device(users, ready["name"])["reboot_state"] == "ready"


def test_a_device_is_never_created_beyond_intake(users):
    technician, admin = users["technician"], users["admin"]
    laptop = technician.call(
        "reboot.device.type",
        "read",
        [admin.ref("reboot_collect.device_type_laptop")],
        ["product_id"],
    )[0]["product_id"][0]
    with pytest.raises(RpcError, match="commence sa vie à la réception"):
        technician.call(
            "stock.lot",
            "create",
            {"name": "RPC-READY-1", "product_id": laptop, "reboot_state": "ready"},
        )
    # an import answers with its messages instead of raising
    result = technician.call(
        "stock.lot",
        "load",
        ["name", "product_id/.id", "reboot_state"],
        [["RPC-READY-2", str(laptop), "ready"]],
    )
    assert not result["ids"]
    assert "commence sa vie à la réception" in result["messages"][0]["message"]
    found = technician.call(
        "stock.lot", "search", [("name", "in", ["RPC-READY-1", "RPC-READY-2"])]
    )
    assert found == []


def test_proofs_are_frozen(users):
    technician, manager, admin = users["technician"], users["manager"], users["admin"]
    pickup = admin.ref("reboot_collect.pickup_metropole_demo")
    before = manager.call(
        "reboot.pickup", "read", [pickup], ["state", "erasure_policy", "donor_id"]
    )[0]
    assert before["state"] == "received"
    with pytest.raises(RpcError, match="seul un responsable"):
        technician.call(
            "reboot.pickup", "write", [pickup], {"erasure_policy": "donor_removed"}
        )
    with pytest.raises(RpcError, match="Indiquez le motif"):
        manager.call(
            "reboot.pickup", "write", [pickup], {"erasure_policy": "donor_removed"}
        )
    after = manager.call(
        "reboot.pickup", "read", [pickup], ["state", "erasure_policy", "donor_id"]
    )[0]
    assert after == before
    # a passed wipe: created by hand or edited, refused
    [wipe] = technician.call(
        "reboot.wipe",
        "search_read",
        [("result", "=", "passed")],
        ["lot_id", "drive_serial", "result"],
        limit=1,
    )
    ready = {"id": wipe["lot_id"][0]}
    with pytest.raises(RpcError, match="seul un responsable"):
        technician.call("reboot.wipe", "write", [wipe["id"]], {"drive_serial": "X"})
    with pytest.raises(RpcError, match="rapport nwipe"):
        technician.call(
            "reboot.wipe",
            "create",
            {"lot_id": ready["id"], "drive_serial": "HAND-MADE", "result": "passed"},
        )
    wipes = technician.call(
        "reboot.wipe",
        "search_read",
        [("lot_id", "=", ready["id"])],
        ["lot_id", "drive_serial", "result"],
    )
    assert wipes == [wipe]
    # an issued tax receipt: no way back to draft, no new value
    receipt = admin.ref("reboot_collect.tax_receipt_bank_demo")
    fields = ["state", "name", "declared_value"]
    before = manager.call("reboot.tax.receipt", "read", [receipt], fields)[0]
    assert before["state"] == "issued"
    with pytest.raises(RpcError, match="avec ses boutons"):
        manager.call("reboot.tax.receipt", "write", [receipt], {"state": "draft"})
    with pytest.raises(RpcError, match="ne peut pas être modifié"):
        manager.call(
            "reboot.tax.receipt", "write", [receipt], {"declared_value": 99999}
        )
    assert manager.call("reboot.tax.receipt", "read", [receipt], fields)[0] == before


def test_bench_roles_see_no_prices_nor_contacts(users):
    technician, mediator, admin = users["technician"], users["mediator"], users["admin"]
    assert technician.call("sale.order", "search_read", [], ["amount_total"]) == []
    company = admin.ref("base.main_company")
    for user in (technician, mediator):
        with pytest.raises(RpcError, match="AccessError"):
            user.call("res.company", "read", [company], ["reboot_labour_hourly_cost"])
        with pytest.raises(RpcError, match="AccessError"):
            user.call("reboot.allocation", "search_read", [], ["contact_email"])
    with pytest.raises(RpcError, match="Seul un responsable"):
        mediator.call(
            "event.registration", "reboot_export_personal_data", "%@example.com"
        )
