import base64
import io

import qrcode

from odoo import api, fields, models
from odoo.exceptions import UserError

REBOOT_STATES = [
    ("intake", "Intake"),
    ("testing", "Testing"),
    ("wiped", "Wiped"),
    ("ready", "Ready"),
    ("sold", "Sold"),
    ("allocated", "Allocated"),
    ("parts", "Parts"),
    ("recycled", "Recycled"),
]
# Cosmetic grades. Décret 2022-190 forbids "neuf", "comme neuf", "à neuf" for
# refurbished goods: the labels never use them.
REBOOT_GRADES = [
    ("a", "Very good condition"),
    ("b", "Good condition"),
    ("c", "Fair condition"),
]


class StockLot(models.Model):
    _inherit = "stock.lot"

    reboot_device_type_id = fields.Many2one(
        "reboot.device.type",
        string="Device type",
        compute="_compute_reboot_device_type_id",
        store=True,
        index="btree_not_null",
    )
    reboot_holds_data = fields.Boolean(related="reboot_device_type_id.holds_data")
    # Where the device is: its moves are part of its history.
    location_id = fields.Many2one(tracking=True)
    reboot_pickup_id = fields.Many2one(
        "reboot.pickup", string="Pickup", index="btree_not_null", readonly=True
    )
    reboot_donor_id = fields.Many2one(
        "res.partner",
        string="Donor",
        related="reboot_pickup_id.donor_id",
        store=True,
        index="btree_not_null",
    )
    reboot_state = fields.Selection(
        REBOOT_STATES,
        string="Refurbishment state",
        default="intake",
        required=True,
        tracking=True,
        group_expand=True,
        index=True,
        copy=False,
    )
    reboot_grade = fields.Selection(
        REBOOT_GRADES, string="Grade", tracking=True, copy=False
    )
    reboot_graded_by_id = fields.Many2one("hr.employee", string="Graded by")
    reboot_grading_minutes = fields.Integer(string="Grading minutes")
    # Hardware specs
    reboot_model = fields.Char(string="Model")
    reboot_cpu = fields.Char(string="CPU")
    reboot_ram_gb = fields.Integer(string="RAM (GB)")
    reboot_storage_gb = fields.Integer(string="Storage (GB)")
    reboot_storage_type = fields.Selection(
        [("hdd", "HDD"), ("ssd", "SSD"), ("nvme", "NVMe"), ("emmc", "eMMC")],
        string="Storage type",
    )
    reboot_screen_inch = fields.Float(string="Screen (inches)", digits=(4, 1))
    reboot_battery_health = fields.Integer(string="Battery health (%)")
    reboot_os = fields.Char(string="Operating system")
    reboot_test_ids = fields.One2many("reboot.test.result", "lot_id", string="Tests")
    reboot_wipe_ids = fields.One2many("reboot.wipe", "lot_id", string="Drive wipes")
    reboot_repair_ids = fields.One2many("repair.order", "lot_id", string="Repairs")
    reboot_test_failed = fields.Boolean(
        string="A test failed", compute="_compute_reboot_test_status"
    )
    reboot_tests_done = fields.Boolean(
        string="Tests passed", compute="_compute_reboot_test_status"
    )
    reboot_labour_minutes = fields.Integer(
        string="Labour (minutes)", compute="_compute_reboot_cost"
    )
    reboot_cost_labour = fields.Monetary(
        string="Labour cost",
        compute="_compute_reboot_cost",
        groups="reboot_collect.group_reboot_manager",
        currency_field="reboot_currency_id",
    )
    reboot_cost_parts = fields.Monetary(
        string="Parts cost",
        compute="_compute_reboot_cost",
        groups="reboot_collect.group_reboot_manager",
        currency_field="reboot_currency_id",
    )
    reboot_cost = fields.Monetary(
        string="Refurbishment cost",
        compute="_compute_reboot_cost",
        groups="reboot_collect.group_reboot_manager",
        currency_field="reboot_currency_id",
    )
    reboot_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Currency"
    )

    @api.depends("product_id")
    def _compute_reboot_device_type_id(self):
        types = self.env["reboot.device.type"].search(
            [("product_id", "in", self.product_id.ids)]
        )
        type_by_product = {device_type.product_id: device_type for device_type in types}
        for lot in self:
            lot.reboot_device_type_id = type_by_product.get(lot.product_id, False)

    @api.depends("reboot_test_ids.result", "reboot_device_type_id")
    def _compute_reboot_test_status(self):
        items_by_type = self._reboot_checklist_items()
        for lot in self:
            missing, failed = lot._reboot_checklist_gaps(items_by_type)
            lot.reboot_test_failed = bool(failed)
            lot.reboot_tests_done = bool(lot.reboot_device_type_id) and not (
                missing or failed
            )

    def _compute_reboot_cost(self):
        """Parts (from repairs) + labour (minutes of every step × hourly cost),
        gathered with one grouped query per source."""
        lots = self.filtered("id")
        minutes = dict.fromkeys(lots.ids, 0)
        for model, field in (
            ("reboot.test.result", "minutes"),
            ("reboot.wipe", "minutes"),
            ("repair.order", "reboot_minutes"),
        ):
            for lot, total in self.env[model]._read_group(
                [("lot_id", "in", lots.ids)], ["lot_id"], [f"{field}:sum"]
            ):
                minutes[lot.id] += total or 0
        parts = dict.fromkeys(lots.ids, 0.0)
        part_moves = self.env["stock.move"].search_fetch(
            [
                ("repair_id.lot_id", "in", lots.ids),
                ("repair_line_type", "=", "add"),
                ("state", "!=", "cancel"),
            ],
            ["repair_id", "product_id", "product_uom_qty"],
        )
        for move in part_moves:
            parts[move.repair_id.lot_id.id] += (
                move.product_id.standard_price * move.product_uom_qty
            )
        for lot in self:
            total_minutes = minutes.get(lot.id, 0) + (lot.reboot_grading_minutes or 0)
            rate = (
                lot.company_id.reboot_labour_hourly_cost
                or self.env.company.reboot_labour_hourly_cost
            )
            lot.reboot_labour_minutes = total_minutes
            lot.reboot_cost_labour = total_minutes / 60.0 * rate
            lot.reboot_cost_parts = parts.get(lot.id, 0.0)
            lot.reboot_cost = lot.reboot_cost_labour + lot.reboot_cost_parts

    @api.model_create_multi
    def create(self, vals_list):
        lots = super().create(vals_list)
        lots.filtered(lambda lot: lot.reboot_state == "ready")._check_reboot_ready()
        return lots

    def write(self, vals):
        res = super().write(vals)
        # The gate holds for every path: form, import, RPC, other modules.
        if vals.get("reboot_state") == "ready" or (
            "reboot_grade" in vals and not vals["reboot_grade"]
        ):
            self.filtered(lambda lot: lot.reboot_state == "ready")._check_reboot_ready()
        return res

    def action_reboot_start_testing(self):
        """Open the checklist of each device: one result per item of its type
        (results already recorded are kept)."""
        devices = self._reboot_devices()
        # a wiped or ready device found faulty goes back to the bench
        wrong = devices.filtered(
            lambda lot: lot.reboot_state not in ("intake", "testing", "wiped", "ready")
        )
        if wrong:
            raise UserError(
                self.env._(
                    "Only devices at intake, wiped or ready can go to testing: "
                    "%(names)s.",
                    names=", ".join(wrong.mapped("name")),
                )
            )
        items = self.env["reboot.checklist.item"].search(
            [("device_type_ids", "in", devices.reboot_device_type_id.ids)]
        )
        existing = {(r.lot_id.id, r.item_id.id) for r in devices.reboot_test_ids}
        self.env["reboot.test.result"].create(
            [
                {"lot_id": lot.id, "item_id": item.id}
                for lot in devices
                for item in items
                if lot.reboot_device_type_id in item.device_type_ids
                and (lot.id, item.id) not in existing
            ]
        )
        devices.write({"reboot_state": "testing"})
        return True

    def action_reboot_mark_wiped(self):
        devices = self._reboot_devices()
        for lot in devices:
            problems = lot._reboot_wipe_gaps()
            if problems:
                raise UserError(
                    self.env._(
                        "%(device)s cannot be marked wiped: %(problems)s",
                        device=lot.name,
                        problems="; ".join(problems),
                    )
                )
        devices.write({"reboot_state": "wiped"})
        return True

    def action_reboot_set_ready(self):
        self._reboot_devices().write({"reboot_state": "ready"})
        return True

    def action_reboot_to_parts(self):
        self._reboot_devices()._reboot_exit("parts")
        return True

    def action_reboot_to_recycling(self):
        self._reboot_devices()._reboot_exit("recycled")
        return True

    def action_reboot_repair(self):
        """A failed test sends the device to Odoo's repair flow."""
        self.ensure_one()
        repair = self.env["repair.order"].create(
            {
                "product_id": self.product_id.id,
                "lot_id": self.id,
                "company_id": self.company_id.id or self.env.company.id,
                "internal_notes": "\n".join(
                    f"{r.item_id.name}: {r.note or ''}"
                    for r in self.reboot_test_ids.filtered(lambda r: r.result == "fail")
                ),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": repair.id,
            "view_mode": "form",
        }

    def action_reboot_print_labels(self):
        return self.env.ref("reboot_refurb.action_report_device_labels").report_action(
            self._reboot_devices()
        )

    def _reboot_devices(self):
        devices = self.filtered("reboot_device_type_id")
        if devices != self:
            raise UserError(
                self.env._(
                    "%(names)s are not donated devices.",
                    names=", ".join((self - devices).mapped("name")),
                )
            )
        return devices

    def _reboot_exit(self, state):
        sold = self.filtered(lambda lot: lot.reboot_state in ("sold", "allocated"))
        if sold:
            raise UserError(
                self.env._(
                    "Sold devices cannot go to parts or recycling: %(names)s.",
                    names=", ".join(sold.mapped("name")),
                )
            )
        self.write({"reboot_state": state})

    def _reboot_checklist_items(self):
        """Checklist items per device type of these devices, in one query."""
        items = self.env["reboot.checklist.item"].search(
            [("device_type_ids", "in", self.reboot_device_type_id.ids)]
        )
        return {
            device_type: items.filtered(lambda i, t=device_type: t in i.device_type_ids)
            for device_type in self.reboot_device_type_id
        }

    def _reboot_checklist_gaps(self, items_by_type):
        """(items without a result, items that failed) for one device."""
        self.ensure_one()
        items = items_by_type.get(
            self.reboot_device_type_id, self.env["reboot.checklist.item"]
        )
        results = {r.item_id: r.result for r in self.reboot_test_ids}
        missing = items.filtered(lambda i: results.get(i) not in ("pass", "na", "fail"))
        failed = items.filtered(lambda i: results.get(i) == "fail")
        return missing, failed

    def _reboot_wipe_gaps(self):
        """What keeps the device's data from being certified erased."""
        self.ensure_one()
        if not self.reboot_device_type_id.holds_data:
            return []
        if not self.reboot_wipe_ids:
            if self.reboot_pickup_id.erasure_policy == "donor_removed":
                return []  # it came without its drives: nothing of the donor's to erase
            return [self.env._("no drive is recorded")]
        passed = {w.drive_serial for w in self.reboot_wipe_ids if w.result == "passed"}
        unwiped = sorted({w.drive_serial for w in self.reboot_wipe_ids} - passed)
        return [
            self.env._("drive %(serial)s has no passed wipe", serial=serial)
            for serial in unwiped
        ]

    def _check_reboot_ready(self):
        """Décret 2022-190: 'reconditionné' means every function tested and all
        data erased. A device becomes ready only then, and graded."""
        items_by_type = self._reboot_checklist_items()
        for lot in self:
            problems = []
            if not lot.reboot_device_type_id:
                problems.append(self.env._("it is not a donated device"))
            missing, failed = lot._reboot_checklist_gaps(items_by_type)
            if failed:
                problems.append(
                    self.env._(
                        "failed tests: %(items)s",
                        items=", ".join(failed.mapped("name")),
                    )
                )
            if missing:
                problems.append(
                    self.env._(
                        "tests not done: %(items)s",
                        items=", ".join(missing.mapped("name")),
                    )
                )
            problems += lot._reboot_wipe_gaps()
            if not lot.reboot_grade:
                problems.append(self.env._("no grade"))
            if problems:
                raise UserError(
                    self.env._(
                        "%(device)s cannot be ready: %(problems)s.",
                        device=lot.name,
                        problems="; ".join(problems),
                    )
                )

    def _reboot_qr_url(self):
        self.ensure_one()
        base_url = self.get_base_url()
        return f"{base_url}/odoo/action-reboot_refurb.stock_lot_action_device/{self.id}"

    def _reboot_qr_data_uri(self):
        """PNG data URI of a QR code opening the device in Odoo (no personal data)."""
        self.ensure_one()
        image = qrcode.make(self._reboot_qr_url(), box_size=6, border=1)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
