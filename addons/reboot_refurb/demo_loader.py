import json
from pathlib import Path

# (serial, type, specs, story): what the demo devices went through.
DEMO_DEVICES = [
    ("MRN-LT-0001", "laptop", "Dell Latitude 5490", "ready", "a"),
    ("MRN-LT-0002", "laptop", "Dell Latitude 5490", "ready", "b"),
    ("MRN-LT-0003", "laptop", "Lenovo ThinkPad T480", "ready", "c"),
    ("MRN-LT-0004", "laptop", "Lenovo ThinkPad T480", "wiped", False),
    ("MRN-LT-0005", "laptop", "HP EliteBook 840 G5", "testing_failed", False),
    ("MRN-LT-0006", "laptop", "HP EliteBook 840 G5", "parts", False),
    ("MRN-LT-0007", "laptop", "Dell Latitude 7490", "ready", "a"),
    ("MRN-LT-0008", "laptop", "Dell Latitude 7490", "ready", "a"),
    ("MRN-LT-0009", "laptop", "Lenovo ThinkPad T470", "ready", "a"),
    ("MRN-LT-0010", "laptop", "Lenovo ThinkPad T470", "ready", "a"),
    ("MRN-LT-0011", "laptop", "HP ProBook 450 G6", "ready", "a"),
    ("MRN-LT-0012", "laptop", "HP ProBook 450 G6", "ready", "a"),
    ("MRN-DT-0001", "desktop", "HP ProDesk 600 G3", "ready", "a"),
    ("MRN-DT-0002", "desktop", "HP ProDesk 600 G3", "testing", False),
    ("MRN-DT-0003", "desktop", "Dell OptiPlex 3050", "intake", False),
    ("MRN-DT-0004", "desktop", "Dell OptiPlex 3050", "recycled", False),
    ("MRN-MN-0001", "monitor", "Dell P2219H", "ready", "b"),
    ("MRN-MN-0002", "monitor", "Dell P2219H", "intake", False),
]


def nwipe_report(drive_serial, status="success", **result):
    """An nwipe JSON report as src/create_json.c writes it (`result`: what
    to change in its wipe_result)."""
    return {
        "report_metadata": {
            "generated_at": "2026-11-02_10-15-00",
            "software": "nwipe",
            "version": "0.38",
        },
        "organization": {"business_name": "Reboot Ecosystème"},
        "device": {
            "name": "/dev/sda",
            "model": "Samsung SSD 860",
            "serial_no": drive_serial,
            "size_bytes": 256060514304,
            "size_text": "256GB",
        },
        "wipe_result": {
            "status": status,
            "rounds_requested": 1,
            "pass_errors": 0,
            "verify_errors": 0,
            "start_time": 1793600000,
            "end_time": 1793601800,
            "duration_seconds": 1800,
            **result,
        },
    }


SAMPLES = Path(__file__).parent / "data" / "hardware_samples"


def hardware_report(serial, drive_serial, failing=False):
    """A bench report of a demo laptop: the lshw of a real Latitude E5530 and,
    for a failing drive, the smartctl of a real failing disk, under the demo's
    serial numbers."""
    lshw = (SAMPLES / "e5530.lshw.json").read_text()
    report = {
        "lshw": json.loads(
            lshw.replace('"D8FTRY1"', json.dumps(serial)).replace(
                "TF755AWHKL0LHM", drive_serial
            )
        )
    }
    if failing:
        smart = (SAMPLES / "smart-fail2.json").read_text()
        report["smartctl"] = [json.loads(smart.replace("MSK423Y20S3HBC", drive_serial))]
    return json.dumps(report)


def load_demo(env):
    """Register the devices of the Métropole's demo pickup and walk each
    through its story, with the same methods the technicians use."""
    pickup = env.ref("reboot_collect.pickup_metropole_demo")
    intake = env["reboot.intake.wizard"]
    specs = {
        "laptop": {
            "ram_gb": "8",
            "storage_gb": "256",
            "storage_type": "ssd",
            "cpu": "Intel Core i5-8350U",
            "screen_inch": "14",
            "battery_health": "82",
            "os": "Linux Mint 22",
        },
        "desktop": {
            "ram_gb": "8",
            "storage_gb": "500",
            "storage_type": "hdd",
            "cpu": "Intel Core i5-7500",
            "os": "Linux Mint 22",
        },
        "monitor": {"screen_inch": "22"},
    }
    lot_ids = intake.register_serials(
        pickup.id,
        [
            {"serial": serial, "type": code, "model": model, **specs[code]}
            for serial, code, model, _story, _grade in DEMO_DEVICES
        ],
    )
    lots = env["stock.lot"].browse(lot_ids)
    by_name = {lot.name: lot for lot in lots}
    # two laptops went through the bench's diagnostic key: specs and drives
    # from their reports, one drive failing
    for serial, failing in (("MRN-LT-0004", False), ("MRN-LT-0005", True)):
        lots.import_hardware_report(
            hardware_report(serial, f"WD-{serial}", failing), lot_id=by_name[serial].id
        )
    started = lots.filtered(
        lambda lot: dict((d[0], d[3]) for d in DEMO_DEVICES)[lot.name] != "intake"
    )
    started.action_reboot_start_testing()
    employee = env.ref("hr.employee_admin", raise_if_not_found=False)
    for serial, code, _model, story, grade in DEMO_DEVICES:
        lot = by_name[serial]
        if story == "intake":
            continue
        results = lot.reboot_test_ids
        if story == "testing_failed":
            results[:1].write({"result": "fail", "note": "Écran fissuré"})
            results[1:].write({"result": "pass", "minutes": 3})
            lot.action_reboot_repair()
            continue
        if story in ("testing",):
            results[:2].write({"result": "pass", "minutes": 4})
            continue
        results.write({"result": "pass", "minutes": 3, "employee_id": employee.id})
        if story in ("parts", "recycled"):
            lot._reboot_exit(story)
            continue
        if lot.reboot_device_type_id.holds_data:
            env["reboot.wipe"].import_nwipe_json(
                json.dumps(nwipe_report(f"WD-{serial}")), lot_id=lot.id
            )
            lot.action_reboot_mark_wiped()
        if story == "ready":
            lot.write({"reboot_grade": grade, "reboot_grading_minutes": 5})
            lot.action_reboot_set_ready()
    return lots
