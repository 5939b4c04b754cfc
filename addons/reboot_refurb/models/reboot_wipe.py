import json
from datetime import datetime, timezone

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import uploads

MAX_NUMBER = 2**31 - 1  # what a PostgreSQL integer column holds
MAX_TIMESTAMP = 253402300799  # 9999-12-31, the last second Python dates know


# The nwipe import creates passed wipes with this object in its context: a
# client cannot send it (JSON-RPC contexts hold JSON values only).
_NWIPE_IMPORT = object()
# What stays writable on a wipe: the reason of a correction, the chatter, and
# the technician's minutes (labour bookkeeping for the device's cost, not part
# of the erasure the certificate states).
_MUTABLE_FIELDS = frozenset({"change_reason", "message_main_attachment_id", "minutes"})


def _printable(value):
    """A report's text without control characters (a NUL cannot be stored)."""
    if value is None or isinstance(value, dict | list):
        return ""
    return "".join(ch for ch in str(value) if ch.isprintable()).strip()[:128]


def _device_serial_of(file_name):
    """The device serial a report's file name starts with ("" if none)."""
    stem = (file_name or "").rsplit("/", 1)[-1]
    if stem.lower().endswith(".json"):
        stem = stem[:-5]
    return stem.split("_", 1)[0].strip()


class RebootWipe(models.Model):
    """One erasure of one drive (NIST SP 800-88 Rev. 2 levels)."""

    _name = "reboot.wipe"
    _description = "Drive wipe"
    _inherit = ["mail.thread", "reboot.audited.mixin"]
    _reboot_proved_field = "lot_id"
    _check_company_auto = True
    _order = "date_end desc, id desc"
    _rec_name = "drive_serial"
    # A wipe records what happened to a drive: every field of it is frozen,
    # passed or failed (deleting or renaming a failed drive would hide it from
    # the ready gate). Corrections are a manager's, with a reason.

    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    drive_serial = fields.Char(required=True, index=True, tracking=True)
    drive_model = fields.Char(tracking=True)
    drive_size_gb = fields.Float(string="Drive size (GB)", digits=(10, 1))
    drive_size_text = fields.Char(string="Drive size")
    method_level = fields.Selection(
        [("clear", "Clear"), ("purge", "Purge"), ("destroy", "Destroy")],
        string="NIST level",
        required=True,
        default="clear",
        tracking=True,
        help="NIST SP 800-88 Rev. 2: Clear (overwrite), Purge (cryptographic or "
        "firmware erase), Destroy (the drive is physically destroyed).",
    )
    tool = fields.Char(default="nwipe")
    tool_version = fields.Char()
    rounds = fields.Integer()
    verified = fields.Boolean()
    pass_errors = fields.Integer()
    verify_errors = fields.Integer()
    date_start = fields.Datetime(string="Start")
    date_end = fields.Datetime(string="End")
    duration_seconds = fields.Integer(string="Duration (s)")
    result = fields.Selection(
        [("passed", "Passed"), ("failed", "Failed")],
        required=True,
        tracking=True,
    )
    employee_id = fields.Many2one(
        "hr.employee",
        string="Operator",
        default=lambda self: self.env.user.employee_id,
        tracking=True,
        check_company=True,
    )
    minutes = fields.Integer(string="Minutes spent")
    errors = fields.Text()
    report_name = fields.Char(string="Report file")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for wipe in self:
            if wipe.date_start and wipe.date_end and wipe.date_end < wipe.date_start:
                raise ValidationError(self.env._("A wipe cannot end before it starts."))

    def _reboot_changed_proof_fields(self, vals):
        return {
            name
            for name in set(vals) - _MUTABLE_FIELDS
            if not name.startswith(("message_", "activity_"))
        }

    @api.model_create_multi
    def create(self, vals_list):
        by_hand = [vals for vals in vals_list if vals.get("result") == "passed"]
        if by_hand and self.env.context.get("reboot_nwipe_import") is not _NWIPE_IMPORT:
            # a passed wipe without its nwipe report (e.g. a shredded drive):
            # a manager's statement, with the reason
            if not self.env.user.has_group("reboot_base.group_reboot_manager"):
                raise AccessError(
                    self.env._(
                        "A passed wipe comes from its nwipe report (Import nwipe "
                        "reports); only a manager records one by hand, with a "
                        "reason."
                    )
                )
            if not all((vals.get("change_reason") or "").strip() for vals in by_hand):
                raise UserError(
                    self.env._(
                        "Give the reason for recording a passed wipe without its "
                        "nwipe report (e.g. the drive was shredded, certificate "
                        "number)."
                    )
                )
        wipes = super().create(vals_list)
        for wipe in wipes.filtered("change_reason"):
            wipe.lot_id.message_post(
                body=self.env._(
                    "Wipe of drive %(serial)s (%(result)s) recorded by hand by a "
                    "manager: %(reason)s",
                    serial=wipe.drive_serial,
                    result=wipe.result,
                    reason=wipe.change_reason,
                )
            )
        wipes.lot_id._reboot_back_to_testing(self.env._("a drive wipe was recorded"))
        return wipes

    def write(self, vals):
        if vals.get("result") == "passed" and any(
            wipe.result == "failed" for wipe in self
        ):
            raise UserError(
                self.env._(
                    "A failed wipe stays failed: wipe drive %(serials)s again and "
                    "import the new nwipe report.",
                    serials=", ".join(
                        self.filtered(lambda w: w.result == "failed").mapped(
                            "drive_serial"
                        )
                    ),
                )
            )
        lots = self.lot_id
        res = super().write(vals)
        if self._reboot_changed_proof_fields(vals):
            (lots | self.lot_id)._reboot_back_to_testing(
                self.env._("a drive wipe was corrected")
            )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_manager(self):
        reason = self.env.context.get("reboot_change_reason")
        self._reboot_check_audited_change(reason)
        for wipe in self:
            wipe.lot_id.message_post(
                body=self.env._(
                    "Wipe of drive %(serial)s deleted: %(reason)s",
                    serial=wipe.drive_serial,
                    reason=reason,
                )
            )

    def unlink(self):
        lots = self.lot_id
        res = super().unlink()
        lots._reboot_back_to_testing(self.env._("a drive wipe was deleted"))
        return res

    @api.model
    def import_nwipe_json(self, json_text, lot_id=False):
        """Create the wipe record(s) of nwipe JSON report(s).

        `json_text` holds one report (an object) or several (a list). With
        `lot_id` the drives are attached to that device; without, each drive
        serial must already be known on a device. All or nothing: any error
        raises a UserError and writes nothing."""
        if not isinstance(json_text, str | bytes):
            raise UserError(self.env._("The nwipe report must be JSON text."))
        # a list of reports from a wipe station may hold many of them
        uploads.check_size(self.env, self.env._("The nwipe report"), len(json_text))
        try:
            data = json.loads(json_text)
        except (TypeError, ValueError) as exc:
            raise UserError(
                self.env._("The nwipe report is not valid JSON: %(error)s", error=exc)
            ) from None
        except RecursionError:
            raise UserError(
                self.env._("The nwipe report is nested too deeply.")
            ) from None
        reports = data if isinstance(data, list) else [data]
        if len(reports) > uploads.MAX_ZIP_MEMBERS:
            raise UserError(
                self.env._(
                    "%(count)s reports at once; %(max)s at most.",
                    count=len(reports),
                    max=uploads.MAX_ZIP_MEMBERS,
                )
            )
        return self._import_nwipe_reports(
            [(None, report) for report in reports], lot_id=lot_id
        )

    @api.model
    def _import_nwipe_reports(self, named_reports, lot_id=False):
        """[(file name, parsed report)] -> created wipes; one search, one create."""
        if not named_reports:
            raise UserError(self.env._("Add at least one nwipe report."))
        errors = []
        parsed = []
        for index, (name, report) in enumerate(named_reports, start=1):
            label = name or self.env._("report %(index)s", index=index)
            try:
                parsed.append((name, self._parse_nwipe_report(report)))
            except UserError as exc:
                errors.append(f"{label}: {exc.args[0]}")
        lot = self.env["stock.lot"]
        if lot_id:
            lot = lot.browse(lot_id).exists()
            if not lot or not lot.reboot_device_type_id:
                raise UserError(self.env._("Device %(id)s does not exist.", id=lot_id))
        else:
            serials = [vals["drive_serial"] for _name, vals in parsed]
            known = self.search_fetch(
                [("drive_serial", "in", serials)], ["drive_serial", "lot_id"]
            )
            lots_by_serial = {}
            for wipe in known:
                lots_by_serial.setdefault(wipe.drive_serial, set()).add(wipe.lot_id.id)
            # and the drives the devices' hardware reports found
            for drive in self.env["reboot.drive"].search_fetch(
                [("serial", "in", serials)], ["serial", "lot_id"]
            ):
                lots_by_serial.setdefault(drive.serial, set()).add(drive.lot_id.id)
            # A first wipe's drive is unknown: the wipe station names its report
            # after the device's label, e.g. MRN-LT-0004.json or MRN-LT-0004_sda.json.
            lots_by_name = {}
            stems = {_device_serial_of(name) for name, _vals in parsed} - {""}
            if stems:
                for device in self.env["stock.lot"].search_fetch(
                    [
                        ("name", "in", list(stems)),
                        ("reboot_device_type_id", "!=", False),
                    ],
                    ["name"],
                ):
                    lots_by_name.setdefault(device.name, set()).add(device.id)
        vals_list = []
        for name, vals in parsed:
            if lot:
                vals["lot_id"] = lot.id
            else:
                lot_ids = lots_by_serial.get(vals["drive_serial"]) or lots_by_name.get(
                    _device_serial_of(name), set()
                )
                if len(lot_ids) != 1:
                    errors.append(
                        self.env._(
                            "%(label)s: drive %(serial)s is %(problem)s; import it "
                            "from its device, or name the report after the device "
                            "(e.g. MRN-LT-0004_sda.json).",
                            label=name or vals["drive_serial"],
                            serial=vals["drive_serial"],
                            problem=self.env._("unknown")
                            if not lot_ids
                            else self.env._("on several devices"),
                        )
                    )
                    continue
                vals["lot_id"] = lot_ids.pop()
                lots_by_serial[vals["drive_serial"]] = {vals["lot_id"]}
            vals["report_name"] = name
            vals_list.append(vals)
        if errors:
            raise UserError("\n".join(errors))
        return self.with_context(reboot_nwipe_import=_NWIPE_IMPORT).create(vals_list)

    @api.model
    def _parse_nwipe_report(self, report):
        """Values of a wipe from one nwipe JSON report (src/create_json.c)."""
        if not isinstance(report, dict):
            raise UserError(self.env._("a report must be a JSON object"))
        sections = {}
        for section in ("report_metadata", "device", "wipe_result"):
            if not isinstance(report.get(section), dict):
                raise UserError(
                    self.env._("section %(section)s is missing", section=section)
                )
            sections[section] = report[section]
        meta, device, result = (
            sections["report_metadata"],
            sections["device"],
            sections["wipe_result"],
        )
        serial = device.get("serial_no")
        if not isinstance(serial, str) or not _printable(serial):
            raise UserError(self.env._("device.serial_no is missing"))
        if _printable(serial) != serial.strip() or len(serial) > 128:
            raise UserError(
                self.env._(
                    "device.serial_no %(serial)r is not a serial number",
                    serial=serial[:64],
                )
            )
        status = result.get("status")
        if status not in ("success", "failure"):
            raise UserError(
                self.env._(
                    "wipe_result.status must be success or failure, not %(status)r",
                    status=status,
                )
            )
        numbers = {}
        for key in (
            "rounds_requested",
            "pass_errors",
            "verify_errors",
            "start_time",
            "end_time",
            "duration_seconds",
        ):
            value = result.get(key)
            if (
                not isinstance(value, int)
                or isinstance(value, bool)
                or not 0
                <= value
                <= (MAX_TIMESTAMP if key.endswith("_time") else MAX_NUMBER)
            ):
                raise UserError(
                    self.env._(
                        "wipe_result.%(key)s must be a non-negative integer",
                        key=key,
                    )
                )
            numbers[key] = value
        size = device.get("size_bytes", 0)
        if (
            not isinstance(size, int)
            or isinstance(size, bool)
            or not 0 <= size < 10**18
        ):
            raise UserError(self.env._("device.size_bytes must be an integer"))
        try:
            start = datetime.fromtimestamp(numbers["start_time"], timezone.utc)
            end = datetime.fromtimestamp(numbers["end_time"], timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise UserError(self.env._("wipe_result times are out of range")) from None
        if end < start:
            raise UserError(self.env._("the wipe ends before it starts"))
        passed = (
            status == "success"
            and not numbers["pass_errors"]
            and not numbers["verify_errors"]
        )
        problems = []
        if status != "success":
            problems.append(self.env._("nwipe reported a failure"))
        if numbers["pass_errors"]:
            problems.append(
                self.env._("%(count)s pass errors", count=numbers["pass_errors"])
            )
        if numbers["verify_errors"]:
            problems.append(
                self.env._("%(count)s verify errors", count=numbers["verify_errors"])
            )
        return {
            "drive_serial": serial.strip(),
            "drive_model": _printable(device.get("model")) or False,
            "drive_size_gb": round(size / 1e9, 1),
            "drive_size_text": _printable(device.get("size_text")) or False,
            "method_level": "clear",
            "tool": _printable(meta.get("software")) or "nwipe",
            "tool_version": _printable(meta.get("version")) or False,
            "rounds": numbers["rounds_requested"],
            "verified": passed,
            "pass_errors": numbers["pass_errors"],
            "verify_errors": numbers["verify_errors"],
            "date_start": start.replace(tzinfo=None),
            "date_end": end.replace(tzinfo=None),
            "duration_seconds": numbers["duration_seconds"],
            "result": "passed" if passed else "failed",
            "errors": "; ".join(problems) or False,
        }
