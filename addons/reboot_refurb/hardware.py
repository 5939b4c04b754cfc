"""What a hardware report says about a device: facts in, no database.

Three kinds of report, as the bench produces them:

- an eReuse workbench-script snapshot (github.com/eReuse/workbench-script):
  ``{"type": "Snapshot", "software": "workbench-script", "data": {...}}``
  whose ``data`` holds ``inxi`` and ``smartctl`` (JSON texts) and
  ``dmidecode`` (text), or in its legacy form ``lshw`` and ``smart``;
- ``lshw -json`` (the machine's tree, the root node of class "system");
- ``smartctl --json -a`` (or ``-x``) of one drive, or a list of them;

and a report of the plain Linux tools in one file,
``{"lshw": <lshw -json>, "smartctl": [<smartctl --json>, ...]}``.

``parse_report(env, data)`` returns a ``Facts`` dict (only what the report
says: a missing fact is absent, never guessed); every refusal is a UserError
in the user's language."""

import json
import re

from odoo.exceptions import UserError

GB = 1000**3
GIB = 1024**3
# inxi sizes: "238.47 GiB", "15.53 GiB", "512 MiB"
_INXI_SIZE = re.compile(r"^\s*([\d.]+)\s*([KMGT])i?B\s*$", re.IGNORECASE)
_INXI_UNITS = {"K": 1024, "M": 1024**2, "G": GIB, "T": 1024**4}
# lshw's product: "<model> (<sku>)"
_LSHW_SKU = re.compile(r"\s*\([^()]*\)\s*$")
# inxi screen diagonal: '318mm (12.5")'
_INXI_DIAG = re.compile(r'\(([\d.]+)"\)')
# inxi battery condition: "53.6/57.0 Wh (94.0%)" (full charge / design)
_INXI_CONDITION = re.compile(r"([\d.]+)\s*/\s*([\d.]+)\s*Wh")
# the connectors of a built-in panel (an external monitor is not the device's)
_BUILT_IN_PANELS = ("edp", "lvds", "dsi")
# dmidecode "System Information" lines
_DMI_SYSTEM = re.compile(r"^System Information\s*$(.*?)(?:^\S|\Z)", re.M | re.S)
_DMI_PLACEHOLDERS = {
    "",
    "to be filled by o.e.m.",
    "system serial number",
    "default string",
    "not specified",
    "none",
    "0",
}
# lshw chassis and inxi machine types -> device type codes
CHASSIS_TYPES = {
    "laptop": "laptop",
    "notebook": "laptop",
    "portable": "laptop",
    "convertible": "laptop",
    "detachable": "laptop",
    "sub notebook": "laptop",
    "desktop": "desktop",
    "tower": "desktop",
    "mini-tower": "desktop",
    "mini tower": "desktop",
    "low-profile": "desktop",
    "mini": "desktop",
    "all-in-one": "desktop",
    "tablet": "tablet",
}
MAX_DRIVES = 32
# Bounds of the facts kept: sizes in bytes (10 PB), counts (hours, sectors:
# a PostgreSQL integer), a screen's inches and a battery's Wh.
SIZE_MAX = 10**16
COUNT_MAX = 2**31 - 1
SCREEN_MAX = 100
BATTERY_MAX = 10000


def parse_report(env, data):
    """Facts of one report (already decoded JSON): see the module's docstring."""
    if isinstance(data, dict) and isinstance(data.get("data"), dict):
        if data.get("type") == "DeviceSnapshotV1":  # devicehub's wrapper
            data = data["data"]
        if isinstance(data.get("data"), dict):
            return _facts_of_parts(env, data["data"])
    if (
        isinstance(data, dict)
        and ("lshw" in data or "smartctl" in data)
        and not (_is_smartctl(data))
    ):
        return _facts_of_parts(env, data)
    if isinstance(data, dict) and data.get("class") == "system":
        return _merge(env, lshw_facts(data), [])
    smart = data if isinstance(data, list) else [data]
    if smart and all(_is_smartctl(item) for item in smart):
        return _merge(env, {}, smart)
    raise UserError(
        env._(
            "Not a hardware report: expected a workbench-script snapshot, the "
            "output of lshw -json or of smartctl --json."
        )
    )


def _json_part(value):
    """A part of a snapshot: parsed JSON, or the JSON text of it ("" if none)."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        try:
            return json.loads(value)
        except (ValueError, RecursionError):
            return None
    return value


def _facts_of_parts(env, parts):
    facts = {}
    lshw = _json_part(parts.get("lshw"))
    if isinstance(lshw, list) and lshw:  # lshw -json of old versions: [root]
        lshw = lshw[0]
    if isinstance(lshw, dict) and lshw:
        facts = lshw_facts(lshw)
    inxi = _json_part(parts.get("inxi"))
    if isinstance(inxi, list):
        for key, value in inxi_facts(inxi).items():
            facts.setdefault(key, value)
    dmidecode = parts.get("dmidecode")
    if isinstance(dmidecode, str):
        for key, value in dmidecode_facts(dmidecode).items():
            facts.setdefault(key, value)
    smart = []
    for key in ("smartctl", "smart", "disks"):
        value = _json_part(parts.get(key))
        if isinstance(value, dict):
            value = [value]
        if isinstance(value, list):
            smart = [item for item in value if _is_smartctl(item)]
            break
    return _merge(env, facts, smart)


def _merge(env, facts, smart):
    """The facts with their drives: smartctl's (the exact model, size and
    health) first, then those only lshw or inxi saw."""
    drives = {}
    for item in smart:
        drive = smartctl_drive(item)
        if drive.get("serial"):
            drives[drive["serial"]] = drive
    for drive in facts.pop("drives", []):
        known = drives.get(drive["serial"])
        if known:
            for key, value in drive.items():
                known.setdefault(key, value)
        else:
            drives[drive["serial"]] = drive
    if len(drives) > MAX_DRIVES:
        raise UserError(
            env._(
                "The report lists %(count)s drives; %(max)s at most.",
                count=len(drives),
                max=MAX_DRIVES,
            )
        )
    facts["drives"] = list(drives.values())
    if not facts.get("serial") and not facts["drives"]:
        raise UserError(
            env._(
                "The report names neither the device's serial number nor a "
                "drive's: nothing to recognise the device by."
            )
        )
    return facts


def _float(text, maximum):
    """The number written in `text` ("12.5"), within 0..maximum, or None."""
    try:
        return _number(float(text), maximum)
    except (TypeError, ValueError):
        return None


def _get(value, *keys):
    """value[key1][key2]... of decoded JSON, or None where it is not a dict."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _items(value):
    """The items of a JSON list, or none (a report may put anything there)."""
    return value if isinstance(value, list) else []


def _text(value, limit=128):
    """A clean short text, or None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())[:limit]
    return value if value.lower() not in _DMI_PLACEHOLDERS else None


def _number(value, maximum=SIZE_MAX):
    """A number of the report from 0 to `maximum` (what a column holds), or
    None: negative, NaN, infinite or absurd values say nothing."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if 0 <= value <= maximum else None


# lshw -----------------------------------------------------------------------


def _lshw_nodes(node, depth=0):
    """Every node of an lshw tree (bounded depth: a report is not a bomb)."""
    if not isinstance(node, dict) or depth > 32:
        return
    yield node
    for child in _items(node.get("children")):
        yield from _lshw_nodes(child, depth + 1)


def lshw_facts(root):
    facts = {}
    for key, value in (
        ("manufacturer", root.get("vendor")),
        # "HP ProBook 430 G4 (W6P93AV)": the model, then its SKU
        ("model", _LSHW_SKU.sub("", str(root.get("product") or ""))),
        ("serial", root.get("serial")),
    ):
        value = _text(value)
        if value:
            facts[key] = value
    chassis = _text(_get(root, "configuration", "chassis"))
    if chassis and chassis.lower() in CHASSIS_TYPES:
        facts["device_type"] = CHASSIS_TYPES[chassis.lower()]
    drives, memory_banks, ram = [], 0, None
    usb_controllers = set()
    for node in _lshw_nodes(root):
        kind, node_id = node.get("class"), str(node.get("id") or "")
        if kind == "processor" and "cpu" not in facts and _text(node.get("product")):
            facts["cpu"] = _text(node.get("product"))
        elif kind == "memory" and node.get("description") == "System Memory":
            size = _number(node.get("size"))
            if size:
                ram = size
            else:
                memory_banks += sum(
                    _number(bank.get("size")) or 0
                    for bank in _items(node.get("children"))
                    if isinstance(bank, dict)
                )
        elif kind == "power" and node_id == "battery":
            capacity = _number(node.get("capacity"), BATTERY_MAX * 1000)
            if capacity and node.get("units") == "mWh":
                facts["battery_design_wh"] = round(capacity / 1000, 1)
        elif kind == "storage" and str(node.get("businfo") or "").startswith("usb@"):
            usb_controllers.update(id(child) for child in _lshw_nodes(node))
        elif (
            kind == "disk"
            and node_id != "cdrom"
            and id(node) not in usb_controllers
            and not _get(node, "capabilities", "removable")
        ):
            serial = _text(node.get("serial"), 64)
            size = _number(node.get("size"))
            if serial and size:
                drive = {"serial": serial, "size_bytes": int(size)}
                if _text(node.get("product")):
                    drive["model"] = _text(node.get("product"))
                if str(node.get("businfo") or "").startswith("nvme@"):
                    drive["kind"] = "nvme"
                drives.append(drive)
    if ram or memory_banks:
        facts["ram_gb"] = round((ram or memory_banks) / GIB)
    facts["drives"] = drives
    return facts


# inxi ---------------------------------------------------------------------------


def _inxi_sections(inxi):
    """{section name: [items with plain keys]} of inxi --output json."""
    sections = {}
    for section in inxi:
        if not isinstance(section, dict):
            continue
        for key, items in section.items():
            name = str(key).split("#")[-1]
            sections[name] = [
                {str(k).split("#")[-1]: v for k, v in item.items()}
                for item in _items(items)
                if isinstance(item, dict)
            ]
    return sections


def _inxi_bytes(value):
    match = _INXI_SIZE.match(value) if isinstance(value, str) else None
    if not match:
        return None
    size = _float(match.group(1), SIZE_MAX)
    return int(size * _INXI_UNITS[match.group(2).upper()]) if size else None


def inxi_facts(inxi):
    sections = _inxi_sections(inxi)
    facts = {}
    machine = sections.get("Machine") or [{}]
    system = machine[0]
    for key, value in (
        ("manufacturer", system.get("System")),
        ("model", system.get("product")),
        ("serial", system.get("serial")),
    ):
        value = _text(value)
        if value:
            facts[key] = value
    kind = _text(system.get("Type"))
    if kind and kind.lower() in CHASSIS_TYPES:
        facts["device_type"] = CHASSIS_TYPES[kind.lower()]
    for item in sections.get("CPU") or ():
        if _text(item.get("model")):
            facts["cpu"] = _text(item.get("model"))
            break
    for item in sections.get("Memory") or ():
        total = _inxi_bytes(item.get("total"))
        if total:
            facts["ram_gb"] = round(total / GIB)
            break
    for item in sections.get("Graphics") or ():
        connector = str(item.get("Monitor") or "").lower()
        match = _INXI_DIAG.search(str(item.get("diag") or ""))
        inches = _float(match.group(1), SCREEN_MAX) if match else None
        if connector.startswith(_BUILT_IN_PANELS) and inches:
            facts["screen_inch"] = round(inches, 1)
            break
    for item in sections.get("Battery") or ():
        match = _INXI_CONDITION.search(str(item.get("condition") or ""))
        full, design = (
            (_float(match.group(1), BATTERY_MAX), _float(match.group(2), BATTERY_MAX))
            if match
            else (None, None)
        )
        if full is not None and design:
            facts["battery_full_wh"] = full
            facts["battery_design_wh"] = design
            break
    facts["drives"] = _inxi_drives(sections.get("Drives") or ())
    return facts


def _inxi_drives(items):
    drives = []
    for item in items:
        serial, size = _text(item.get("serial"), 64), _inxi_bytes(item.get("size"))
        if serial and size and str(item.get("ID") or "").startswith("/dev/"):
            drive = {"serial": serial, "size_bytes": size}
            model = " ".join(
                filter(None, (_text(item.get("vendor")), _text(item.get("model"))))
            )
            if model:
                drive["model"] = model[:128]
            if str(item.get("ID")).startswith("/dev/nvme"):
                drive["kind"] = "nvme"
            elif str(item.get("type") or "").upper() == "SSD":
                drive["kind"] = "ssd"
            drives.append(drive)
    return drives


# dmidecode ------------------------------------------------------------------


def dmidecode_facts(text):
    match = _DMI_SYSTEM.search(text[:200000])
    if not match:
        return {}
    facts = {}
    for line in match.group(1).splitlines():
        key, _sep, value = line.strip().partition(":")
        name = {
            "Manufacturer": "manufacturer",
            "Product Name": "model",
            "Serial Number": "serial",
        }.get(key.strip())
        if name and _text(value):
            facts[name] = _text(value)
    return facts


# smartctl -------------------------------------------------------------------


def _is_smartctl(item):
    return isinstance(item, dict) and isinstance(item.get("smartctl"), dict)


def _attribute(item, attribute_id):
    table = _items(_get(item, "ata_smart_attributes", "table"))
    for attribute in table:
        if isinstance(attribute, dict) and attribute.get("id") == attribute_id:
            return _number(_get(attribute, "raw", "value"), COUNT_MAX)
    return None


def smartctl_drive(item):
    """A drive of one smartctl --json output: identity and health."""
    drive = {}
    serial = _text(item.get("serial_number"), 64)
    if not serial:
        return drive
    drive["serial"] = serial
    if _text(item.get("model_name")):
        drive["model"] = _text(item.get("model_name"))
    size = _number(_get(item, "user_capacity", "bytes")) or _number(
        item.get("nvme_total_capacity")
    )
    if size:
        drive["size_bytes"] = int(size)
    if (
        _get(item, "device", "type") == "nvme"
        or _get(item, "device", "protocol") == "NVMe"
    ):
        drive["kind"] = "nvme"
    elif _number(item.get("rotation_rate")) == 0:
        drive["kind"] = "ssd"
    elif _number(item.get("rotation_rate")):
        drive["kind"] = "hdd"
    drive.update(_smartctl_health(item))
    return drive


def _smartctl_health(item):
    """SMART's verdict, hours, sectors, NVMe wear and the last self-test."""
    drive = {}
    passed = _get(item, "smart_status", "passed")
    if isinstance(passed, bool):
        drive["smart_passed"] = passed
    hours = _number(_get(item, "power_on_time", "hours"), COUNT_MAX)
    if hours is None:
        hours = _attribute(item, 9)
    nvme = _get(item, "nvme_smart_health_information_log")
    if hours is None:
        hours = _number(_get(nvme, "power_on_hours"), COUNT_MAX)
    if hours is not None:
        drive["power_on_hours"] = int(hours)
    for key, attribute_id in (("reallocated_sectors", 5), ("pending_sectors", 197)):
        value = _attribute(item, attribute_id)
        if value is not None:
            drive[key] = int(value)
    for key in ("percentage_used", "media_errors"):
        value = _number(_get(nvme, key), COUNT_MAX)
        if value is not None:
            drive[f"nvme_{key}"] = int(value)
    for kind in ("standard", "extended"):
        table = _items(_get(item, "ata_smart_self_test_log", kind, "table"))
        last = table[0] if table and isinstance(table[0], dict) else {}
        passed = _get(last, "status", "passed")
        if isinstance(passed, bool):
            drive["self_test_passed"] = passed
            break
    return drive


def drive_values(drive):
    """The reboot.drive values of a drive of the report (only what it says)."""
    verdicts = {True: "passed", False: "failed"}
    values = {
        "model": drive.get("model"),
        "size_gb": round(drive["size_bytes"] / GB) if drive.get("size_bytes") else None,
        "kind": drive.get("kind"),
        "smart_status": verdicts.get(drive.get("smart_passed")),
        "self_test": verdicts.get(drive.get("self_test_passed")),
        "power_on_hours": drive.get("power_on_hours"),
        "reallocated_sectors": drive.get("reallocated_sectors"),
        "pending_sectors": drive.get("pending_sectors"),
        "nvme_percentage_used": drive.get("nvme_percentage_used"),
        "nvme_media_errors": drive.get("nvme_media_errors"),
    }
    return {key: value for key, value in values.items() if value is not None}


def drive_failing(drive):
    """Why a drive of the report should not be trusted with a beneficiary's
    data, or None: SMART's verdict, a failed self-test, reallocated or pending
    sectors, an NVMe worn out or with media errors."""
    reasons = []
    if drive.get("smart_passed") is False:
        reasons.append("smart")
    if drive.get("self_test_passed") is False:
        reasons.append("self_test")
    if drive.get("reallocated_sectors") or drive.get("pending_sectors"):
        reasons.append("sectors")
    if (
        drive.get("nvme_media_errors")
        or (drive.get("nvme_percentage_used") or 0) >= 100
    ):
        reasons.append("nvme")
    return reasons
