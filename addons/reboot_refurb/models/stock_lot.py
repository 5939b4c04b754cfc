import base64
import io

import qrcode

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.sql import create_index

from odoo.addons.reboot_base.demo import demo_env

from .. import demo_loader, hardware, uploads

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
# The device lifecycle: target state -> the states it may be reached from.
# Only the workflow moves a device (buttons, intake, delivery, allocation and
# their reversals); a manager's correction with a reason may go anywhere.
DEVICE_TRANSITIONS = {
    "testing": ("intake", "testing", "wiped", "ready"),
    "wiped": ("testing",),
    "ready": ("testing", "wiped"),
    "sold": ("ready", "allocated"),
    "allocated": ("sold",),
    "parts": ("intake", "testing", "wiped", "ready"),
    "recycled": ("intake", "testing", "wiped", "ready", "parts"),
}
# The workflow writes the state with this object in its context. A client
# cannot send it: JSON-RPC contexts hold JSON values, never this object.
_WORKFLOW = object()
# Facts of a device that only the workflow writes (the commune's sale adds
# its own): where it came from, and its state.
WORKFLOW_FIELDS = frozenset({"reboot_state", "reboot_pickup_id"})
# States whose evidence (tests, drives, wipes, product) is re-checked when it
# changes: such a device goes back to testing.
EVIDENCE_STATES = ("wiped", "ready")

# The grade the hardware facts suggest (the technician confirms it).
GRADE_A_BATTERY, GRADE_C_BATTERY = 80, 60  # battery health, %
GRADE_A_RAM_GB, GRADE_C_RAM_GB = 8, 4

# what a device's records prove of its data (see _reboot_erasure_statuses)
ERASURE_STATUSES = [
    ("erased", "Erased"),
    ("destroyed", "Drives destroyed"),
    ("donor_removed", "Drives removed by the donor"),
    ("not_erased", "Not erased (yet)"),
    ("no_storage", "No data storage"),
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

    def init(self):
        res = super().init()
        # At a million devices: the serial's uniqueness check and the lookups
        # by serial compare names for equality, which Odoo's trigram index on
        # the name answers slowly when serials share a prefix (1.15 s; 0.5 ms
        # with this one); the move lines of a device (its reservations, its
        # history) have no index on their lot in Odoo.
        create_index(
            self.env.cr,
            "stock_lot_reboot_name_product_index",
            "stock_lot",
            ["name", "product_id"],
        )
        create_index(
            self.env.cr,
            "stock_move_line_reboot_lot_index",
            "stock_move_line",
            ["lot_id"],
            where="lot_id IS NOT NULL",
        )
        return res

    # the product's: one source, never written on the device
    reboot_device_type_id = fields.Many2one(
        related="product_id.reboot_device_type_id",
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
    reboot_grade_suggested = fields.Selection(
        REBOOT_GRADES,
        string="Suggested grade",
        compute="_compute_reboot_grade_suggested",
        compute_sudo=True,
        help="What the hardware facts suggest, for the technician to confirm: "
        "C with a failing drive, a battery under 60 % or less than 4 GB of RAM; "
        "A with a battery of 80 % or more (or none), 8 GB of RAM or more and an "
        "SSD; B otherwise.",
    )
    reboot_graded_by_id = fields.Many2one("hr.employee", string="Graded by")
    reboot_grading_minutes = fields.Integer(string="Grading minutes")
    # Hardware specs (typed, or filled by a hardware report)
    reboot_manufacturer = fields.Char(string="Manufacturer")
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
    reboot_battery_design_wh = fields.Float(
        string="Battery design capacity (Wh)", digits=(6, 1)
    )
    reboot_battery_full_wh = fields.Float(
        string="Battery full charge (Wh)", digits=(6, 1)
    )
    reboot_os = fields.Char(string="Operating system")
    reboot_test_ids = fields.One2many("reboot.test.result", "lot_id", string="Tests")
    reboot_wipe_ids = fields.One2many("reboot.wipe", "lot_id", string="Drive wipes")
    reboot_drive_ids = fields.One2many("reboot.drive", "lot_id", string="Drives")
    reboot_drive_failing = fields.Boolean(
        string="A drive is failing",
        compute="_compute_reboot_drive_failing",
        search="_search_reboot_drive_failing",
        compute_sudo=True,
    )
    reboot_repair_ids = fields.One2many("repair.order", "lot_id", string="Repairs")
    # Computed as superuser: any stock user may read a lot (devices or not)
    # without the Reboot groups' rights on checklists, tests, wipes and repairs.
    reboot_test_failed = fields.Boolean(
        string="A test failed", compute="_compute_reboot_test_status", compute_sudo=True
    )
    reboot_tests_done = fields.Boolean(
        string="Tests passed", compute="_compute_reboot_test_status", compute_sudo=True
    )
    # The bench view (what a device's QR label opens): where it stands, what
    # to do next, what its records prove of its data.
    reboot_tests_left = fields.Integer(
        string="Checks left", compute="_compute_reboot_test_status", compute_sudo=True
    )
    reboot_next_step = fields.Char(
        string="Next step", compute="_compute_reboot_next_step", compute_sudo=True
    )
    reboot_erasure_status = fields.Selection(
        ERASURE_STATUSES,
        string="Data erasure",
        compute="_compute_reboot_erasure_status",
        compute_sudo=True,
    )
    reboot_labour_minutes = fields.Integer(
        string="Labour (minutes)", compute="_compute_reboot_cost", compute_sudo=True
    )
    reboot_cost_labour = fields.Monetary(
        string="Labour cost",
        compute="_compute_reboot_cost",
        compute_sudo=True,
        groups="reboot_base.group_reboot_manager",
        currency_field="reboot_currency_id",
    )
    reboot_cost_parts = fields.Monetary(
        string="Parts cost",
        compute="_compute_reboot_cost",
        compute_sudo=True,
        groups="reboot_base.group_reboot_manager",
        currency_field="reboot_currency_id",
    )
    reboot_cost = fields.Monetary(
        string="Refurbishment cost",
        compute="_compute_reboot_cost",
        compute_sudo=True,
        groups="reboot_base.group_reboot_manager",
        currency_field="reboot_currency_id",
    )
    reboot_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Currency"
    )

    @api.depends("reboot_test_ids.result", "reboot_device_type_id")
    def _compute_reboot_test_status(self):
        if not self.reboot_device_type_id:  # no device: nothing to look up
            self.reboot_test_failed = self.reboot_tests_done = False
            self.reboot_tests_left = 0
            return
        items_by_type = self._reboot_checklist_items()
        for lot in self:
            missing, failed = lot._reboot_checklist_gaps(items_by_type)
            lot.reboot_test_failed = bool(failed)
            lot.reboot_tests_left = len(missing)
            lot.reboot_tests_done = bool(lot.reboot_device_type_id) and not (
                missing or failed
            )

    @api.depends(
        "reboot_state",
        "reboot_test_ids.result",
        "reboot_wipe_ids.result",
        "reboot_drive_ids",
        "reboot_grade",
    )
    def _compute_reboot_next_step(self):
        _ = self.env._
        for lot in self:
            state = lot.reboot_state
            if not lot.reboot_device_type_id:
                step = False
            elif state == "intake":
                step = _("Start testing: its checklist opens.")
            elif state == "testing" and lot.reboot_test_failed:
                step = _("A check failed: repair the device, or send it to parts.")
            elif state == "testing" and lot.reboot_tests_left:
                step = _(
                    "%(count)s checks left: mark each one, or “All passed”.",
                    count=lot.reboot_tests_left,
                )
            elif state == "testing" and lot.reboot_holds_data:
                step = (
                    _("Erase its drives and import the nwipe report.")
                    if lot._reboot_wipe_gaps()
                    else _("Its data is erased: mark it wiped.")
                )
            elif state in ("testing", "wiped"):
                step = (
                    _("Mark it ready.")
                    if lot.reboot_grade
                    else _("Choose its grade, then mark it ready.")
                )
            elif state == "ready":
                step = _("Ready: it waits for a commune's order.")
            elif state in ("sold", "allocated"):
                step = _("Reused: nothing left to do at the bench.")
            else:
                step = _("Out of the reuse circuit (parts or recycling).")
            lot.reboot_next_step = step

    @api.depends("reboot_wipe_ids.result", "reboot_drive_ids", "reboot_device_type_id")
    def _compute_reboot_erasure_status(self):
        devices = self.filtered("reboot_device_type_id")
        (self - devices).reboot_erasure_status = False
        for lot, status in devices._reboot_erasure_statuses().items():
            lot.reboot_erasure_status = status

    @api.depends(
        "reboot_drive_ids.failing",
        "reboot_battery_health",
        "reboot_battery_design_wh",
        "reboot_ram_gb",
        "reboot_storage_type",
    )
    def _compute_reboot_grade_suggested(self):
        for lot in self:
            battery = lot.reboot_battery_health or None  # 0: not known
            if not (lot.reboot_drive_ids or lot.reboot_ram_gb):
                lot.reboot_grade_suggested = False  # no facts to go by
            elif (
                any(lot.reboot_drive_ids.mapped("failing"))
                or (battery is not None and battery < GRADE_C_BATTERY)
                or lot.reboot_ram_gb < GRADE_C_RAM_GB
            ):
                lot.reboot_grade_suggested = "c"
            elif (
                (battery is None or battery >= GRADE_A_BATTERY)
                and lot.reboot_ram_gb >= GRADE_A_RAM_GB
                and lot.reboot_storage_type in ("ssd", "nvme")
            ):
                lot.reboot_grade_suggested = "a"
            else:
                lot.reboot_grade_suggested = "b"

    @api.depends("reboot_drive_ids.failing")
    def _compute_reboot_drive_failing(self):
        for lot in self:
            lot.reboot_drive_failing = any(lot.reboot_drive_ids.mapped("failing"))

    def _search_reboot_drive_failing(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on failing drives."))
        failing = operator == "=" and value or operator == "!=" and not value
        return (
            [("reboot_drive_ids.failing", "=", True)]
            if failing
            else [("reboot_drive_ids.failing", "!=", True)]
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
        # The minutes are everybody's; the rate is a manager's figure, shown
        # only through the manager-only cost fields (this compute runs as
        # superuser: compute_sudo).
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
        if not self._reboot_in_workflow():
            for vals in vals_list:
                if vals.get("reboot_state", "intake") != "intake":
                    raise UserError(
                        self.env._(
                            "A device starts its life at intake: its state is then "
                            "moved by the workshop's buttons, the delivery and the "
                            "allocation, never set by hand."
                        )
                    )
                self._reboot_check_type_not_written(vals)
                self.browse()._reboot_check_workflow_fields(
                    {
                        name: value
                        for name, value in vals.items()
                        if value and name != "reboot_pickup_id"  # the intake's
                    }
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self._reboot_in_workflow():
            if "reboot_state" in vals and any(
                lot.reboot_state != vals["reboot_state"] for lot in self
            ):
                raise UserError(
                    self.env._(
                        "The state of a device is moved only by the workflow (the "
                        "workshop's buttons, the delivery, the allocation). A "
                        "manager corrects it with “Correct the state”, giving a "
                        "reason: %(devices)s.",
                        devices=", ".join(self.mapped("name")),
                    )
                )
            self._reboot_check_type_not_written(vals)
            self._reboot_check_workflow_fields(vals)
        product_changed = (
            self.filtered(lambda lot: lot.product_id.id != vals["product_id"])
            if "product_id" in vals
            else self.browse()
        )
        res = super().write(vals)
        # The gate holds for every path: form, import, RPC, other modules.
        if vals.get("reboot_state") == "ready" or (
            "reboot_grade" in vals and not vals["reboot_grade"]
        ):
            self.filtered(lambda lot: lot.reboot_state == "ready")._check_reboot_ready()
        if product_changed:
            product_changed._reboot_back_to_testing(
                self.env._("its product changed"), always_in=EVIDENCE_STATES
            )
        return res

    def _reboot_workflow_fields(self):
        return WORKFLOW_FIELDS

    def _reboot_check_workflow_fields(self, vals):
        """Where a device comes from and where it went are written by the
        intake, the delivery and the allocation only."""
        written = []
        for name in (self._reboot_workflow_fields() - {"reboot_state"}) & vals.keys():
            field = self._fields[name]
            new = field.convert_to_cache(vals[name], self)
            old_values = {field.convert_to_cache(lot[name], lot) for lot in self}
            if old_values - {new} or (not self and new):
                written.append(name)
        if written:
            raise UserError(
                self.env._(
                    "%(fields)s of a device are written by the intake, the delivery "
                    "and the allocation only: %(devices)s.",
                    fields=", ".join(
                        self._fields[name].get_description(self.env)["string"]
                        for name in sorted(written)
                    ),
                    devices=", ".join(self.mapped("name")),
                )
            )

    def _reboot_check_type_not_written(self, vals):
        """The device type is the product's: it is never written on its own."""
        if "reboot_device_type_id" not in vals:
            return
        product = self.env["product.product"].browse(
            vals.get("product_id") or self.product_id.id
        )
        if (vals["reboot_device_type_id"] or False) != (
            product.reboot_device_type_id.id or False
        ):
            raise UserError(
                self.env._(
                    "The device type comes from the product: change the product, "
                    "not the device type."
                )
            )

    def action_reboot_start_testing(self):
        """Open the checklist of each device: one result per item of its type
        (results already recorded are kept)."""
        devices = self._reboot_devices()
        # a wiped or ready device found faulty goes back to the bench
        devices._reboot_set_state("testing")
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
        return True

    def action_reboot_all_passed(self):
        """The checks not yet marked pass, in one click; those marked failed
        or not applicable stay as they are."""
        devices = self._reboot_devices()
        if any(lot.reboot_state != "testing" for lot in devices):
            raise UserError(
                self.env._("Checks are marked on a device in testing: start testing.")
            )
        devices.reboot_test_ids.filtered(lambda r: not r.result)._reboot_mark("pass")
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
        devices._reboot_set_state("wiped")
        return True

    def action_reboot_set_ready(self):
        self._reboot_devices()._reboot_set_state("ready")
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

    def action_reboot_use_suggested_grade(self):
        """The technician confirms the grade the facts suggest."""
        for lot in self.filtered("reboot_grade_suggested"):
            lot.reboot_grade = lot.reboot_grade_suggested
        return True

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
        self._reboot_set_state(state)

    def action_reboot_correct_state(self):
        """Open the dialog in which a manager forces a state, with a reason."""
        self._reboot_devices()._reboot_check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct the state"),
            "res_model": "reboot.state.correction",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lot_ids": self.ids},
        }

    def _reboot_check_manager(self):
        if not self.env.user.has_group("reboot_base.group_reboot_manager"):
            raise AccessError(
                self.env._("Only a manager can correct the state of a device.")
            )

    def _reboot_in_workflow(self):
        return self.env.context.get("reboot_workflow") is _WORKFLOW

    def _reboot_set_state(self, state, **extra_vals):
        """Move these devices along the lifecycle (DEVICE_TRANSITIONS): the one
        way the workflow changes a device's state."""
        labels = dict(self._fields["reboot_state"]._description_selection(self.env))
        allowed = DEVICE_TRANSITIONS[state]
        wrong = self.filtered(lambda lot: lot.reboot_state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(devices)s cannot become %(target)s from %(state)s; allowed "
                    "from: %(allowed)s.",
                    devices=", ".join(wrong.mapped("name")),
                    target=labels[state],
                    state=", ".join(
                        sorted({labels[s] for s in wrong.mapped("reboot_state")})
                    ),
                    allowed=", ".join(labels[s] for s in allowed),
                )
            )
        return self.with_context(reboot_workflow=_WORKFLOW).write(
            {"reboot_state": state, **extra_vals}
        )

    def _reboot_correct_state(self, state, reason):
        """A manager's correction: any state, the reason in each chatter. The
        ready gate still holds: "reconditionné" is a legal claim."""
        self._reboot_check_manager()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for correcting the state."))
        labels = dict(self._fields["reboot_state"]._description_selection(self.env))
        for lot in self:
            lot.message_post(
                body=self.env._(
                    "State corrected from %(old)s to %(new)s by a manager: "
                    "%(reason)s",
                    old=labels[lot.reboot_state],
                    new=labels[state],
                    reason=reason,
                )
            )
        return self.with_context(reboot_workflow=_WORKFLOW).write(
            {"reboot_state": state}
        )

    def _reboot_back_to_testing(self, why, always_in=()):
        """The evidence of these devices changed: a wiped or ready device whose
        evidence no longer holds (or whose state is in `always_in`) goes back to
        testing, and its chatter says why."""
        devices = self.filtered(
            lambda lot: lot.reboot_device_type_id
            and lot.reboot_state in EVIDENCE_STATES
        )
        if not devices:
            return devices
        items_by_type = devices._reboot_checklist_items()
        back = self.browse()
        for lot in devices:
            problems = lot._reboot_evidence_gaps(items_by_type)
            if not (problems or lot.reboot_state in always_in):
                continue
            back |= lot
            lot.message_post(
                body=self.env._(
                    "Back to testing: %(why)s%(problems)s.",
                    why=why,
                    problems=(" (" + "; ".join(problems) + ")") if problems else "",
                )
            )
        back._reboot_set_state("testing")
        return back

    def _reboot_evidence_gaps(self, items_by_type):
        """What no longer holds for a device in its state: a ready device must
        pass the whole gate; a wiped one, its drives and no failed test."""
        self.ensure_one()
        missing, failed = self._reboot_checklist_gaps(items_by_type)
        problems = []
        if failed:
            problems.append(
                self.env._(
                    "failed tests: %(items)s", items=", ".join(failed.mapped("name"))
                )
            )
        if missing and self.reboot_state == "ready":
            problems.append(
                self.env._(
                    "tests not done: %(items)s",
                    items=", ".join(missing.mapped("name")),
                )
            )
        return problems + self._reboot_wipe_gaps()

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
        # the drives its hardware report found, and those nwipe erased
        drives = set(self.reboot_drive_ids.mapped("serial")) | set(
            self.reboot_wipe_ids.mapped("drive_serial")
        )
        if not drives:
            if self.reboot_pickup_id.erasure_policy == "donor_removed":
                return []  # it came without its drives: nothing of the donor's to erase
            return [self.env._("no drive is recorded")]
        passed = {w.drive_serial for w in self.reboot_wipe_ids if w.result == "passed"}
        unwiped = sorted(drives - passed)
        return [
            self.env._("drive %(serial)s has no passed wipe", serial=serial)
            for serial in unwiped
        ]

    def _reboot_erasure_statuses(self):
        """{device: what its records prove of its data}: "erased" (every drive
        has a passed wipe, at least one overwritten), "destroyed" (every drive
        destroyed), "donor_removed" (it came without drives), "not_erased"
        (a drive lacks a passed wipe, or none is recorded), "no_storage"."""
        statuses = {}
        for lot in self:
            if not lot.reboot_device_type_id.holds_data:
                statuses[lot] = "no_storage"
            elif lot._reboot_wipe_gaps():
                statuses[lot] = "not_erased"
            else:
                passed = lot.reboot_wipe_ids.filtered(lambda w: w.result == "passed")
                if not passed:
                    statuses[lot] = "donor_removed"
                elif all(w.method_level == "destroy" for w in passed):
                    statuses[lot] = "destroyed"
                else:
                    statuses[lot] = "erased"
        return statuses

    def _check_reboot_ready(self):
        """Décret 2022-190: 'reconditionné' means every function tested and all
        data erased. A device becomes ready only then, and graded."""
        items_by_type = self._reboot_checklist_items()
        for lot in self:
            problems = []
            if not lot.reboot_device_type_id:
                problems.append(self.env._("it is not a donated device"))
            problems += lot._reboot_evidence_gaps(items_by_type)
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
        return f"{base_url}/odoo/action-reboot_refurb.stock_lot_action_bench/{self.id}"

    def _reboot_qr_data_uri(self):
        """PNG data URI of a QR code opening the device in Odoo (no personal data)."""
        self.ensure_one()
        image = qrcode.make(self._reboot_qr_url(), box_size=6, border=1)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()

    # Hardware reports ------------------------------------------------------

    @api.model
    def import_hardware_report(self, report_text, lot_id=False, intake_pickup_id=False):
        """Fill a device from one hardware report (an eReuse workbench-script
        snapshot, lshw -json, smartctl --json, or {"lshw": ..., "smartctl":
        [...]}) given as text: its specs, and its drives with their health.
        The device is `lot_id`, or the one whose serial number or drive
        serials the report names; a device nobody knows is registered in the
        intake of the pickup `intake_pickup_id` when the technician asks for
        it, refused otherwise. Returns the device; writes nothing when the
        report is refused."""
        if not isinstance(report_text, str | bytes):
            raise UserError(self.env._("The hardware report must be given as text."))
        name = self.env._("The hardware report")
        uploads.check_size(self.env, name, len(report_text))
        report = uploads.load_json(self.env, name, report_text)
        return self._reboot_import_hardware_reports(
            [(None, report)], lot_id=lot_id, intake_pickup_id=intake_pickup_id
        )

    @api.model
    def _reboot_import_hardware_reports(
        self, named_reports, lot_id=False, intake_pickup_id=False
    ):
        """[(file name, decoded report)] -> the devices they filled. All or
        nothing: every report's problem is listed, and nothing is written."""
        if not named_reports:
            raise UserError(self.env._("Add at least one hardware report."))
        errors, parsed = [], []
        for index, (name, report) in enumerate(named_reports, start=1):
            label = name or self.env._("report %(index)s", index=index)
            try:
                parsed.append((label, hardware.parse_report(self.env, report)))
            except UserError as exc:
                errors.append(f"{label}: {exc.args[0]}")
        lots = self._reboot_match_reports(parsed, lot_id, errors, intake_pickup_id)
        if errors:
            raise UserError("\n".join(errors))
        devices = self.browse([lot.id for lot in lots])
        devices.check_access("write")
        # A drive is a fact of its report: technicians read drives, only the
        # import records them, for devices the user may write (checked above).
        Drive = self.env["reboot.drive"].sudo()
        drive_vals, changed_drives = [], []
        known_drives = {
            (drive.lot_id.id, drive.serial): drive
            for drive in Drive.search([("lot_id", "in", [lot.id for lot in lots])])
        }
        new_drives = self.browse()
        # devices whose specs change alike are written at once
        by_values = {}
        for lot, (_label, facts) in zip(lots, parsed, strict=True):
            vals = lot._reboot_spec_values(facts)
            if vals:
                key = tuple(sorted(vals.items()))
                by_values[key] = by_values.get(key, self.browse()) | lot
            for drive in facts["drives"]:
                values = hardware.drive_values(drive)
                current = known_drives.get((lot.id, drive["serial"]))
                if current is None:
                    known_drives[(lot.id, drive["serial"])] = True
                    drive_vals.append(
                        {"lot_id": lot.id, "serial": drive["serial"], **values}
                    )
                    new_drives |= lot
                elif current is not True:
                    changes = {
                        key: value
                        for key, value in values.items()
                        if current[key] != value
                    }
                    if changes:
                        changed_drives.append((current, changes))
        for key, same in by_values.items():
            same.write(dict(key))
        touched = Drive.create(drive_vals)
        for drive, changes in changed_drives:
            drive.write(changes)
            touched |= drive
        # said once, when the report finds the failure (not at each import)
        failing = touched.filtered("failing")
        failing.lot_id._message_log_batch(
            {
                lot.id: self.env._(
                    "A drive of this device is failing (%(drives)s): replace or "
                    "destroy it before the device goes to a beneficiary.",
                    drives=", ".join(
                        f"{drive.serial}: {drive.health_note}"
                        for drive in failing.filtered(
                            lambda d, lot=lot: d.lot_id == lot
                        )
                    ),
                )
                for lot in failing.lot_id
            }
        )
        # a drive found on a wiped or ready device has not been erased yet
        new_drives._reboot_back_to_testing(
            self.env._("its hardware report found a drive")
        )
        return devices

    def _reboot_match_reports(self, parsed, lot_id, errors, intake_pickup_id=False):
        """The device of each parsed report (in order), or the problems; the
        unknown devices registered in the intake of `intake_pickup_id`."""
        Lot = self.browse()
        if lot_id:
            lot = self.browse(lot_id).exists()
            if not lot or not lot.reboot_device_type_id:
                raise UserError(self.env._("Device %(id)s does not exist.", id=lot_id))
        serials = {facts.get("serial") for _label, facts in parsed} - {None}
        drive_serials = {
            d["serial"] for _label, facts in parsed for d in facts["drives"]
        }
        by_serial = (
            {
                lot.name: lot
                for lot in self.search(
                    [
                        ("name", "in", list(serials)),
                        ("reboot_device_type_id", "!=", False),
                    ]
                )
            }
            if serials
            else {}
        )
        drive_lots = {}
        for drive in self.env["reboot.drive"].search_fetch(
            [("serial", "in", list(drive_serials))], ["serial", "lot_id"]
        ):
            drive_lots.setdefault(drive.serial, Lot)
            drive_lots[drive.serial] |= drive.lot_id
        for wipe in self.env["reboot.wipe"].search_fetch(
            [("drive_serial", "in", list(drive_serials))], ["drive_serial", "lot_id"]
        ):
            drive_lots.setdefault(wipe.drive_serial, Lot)
            drive_lots[wipe.drive_serial] |= wipe.lot_id
        lots, to_register = [], []
        for label, facts in parsed:
            by_drives = Lot.union(
                *(drive_lots.get(d["serial"], Lot) for d in facts["drives"])
            )
            serial = facts.get("serial")
            if lot_id:
                found = lot
                if serial and serial != lot.name and serial in by_serial:
                    errors.append(
                        self.env._(
                            "%(label)s: this report is of device %(serial)s, not "
                            "of %(device)s.",
                            label=label,
                            serial=serial,
                            device=lot.name,
                        )
                    )
                    continue
            else:
                found = by_serial.get(serial, Lot) | by_drives
                if not found and serial and intake_pickup_id:
                    to_register.append((len(lots), serial, facts.get("device_type")))
                    lots.append(Lot)
                    continue
                if not found:
                    errors.append(
                        self.env._(
                            "%(label)s: no device has the serial number %(serial)s "
                            "or one of its drives; register it at intake first.",
                            label=label,
                            serial=serial or "-",
                        )
                    )
                    continue
                if len(found) > 1:
                    errors.append(
                        self.env._(
                            "%(label)s: the report matches several devices "
                            "(%(devices)s); import it from the right device.",
                            label=label,
                            devices=", ".join(found.mapped("name")),
                        )
                    )
                    continue
            others = by_drives - found
            if others:
                errors.append(
                    self.env._(
                        "%(label)s: a drive of this report is recorded on "
                        "another device (%(devices)s).",
                        label=label,
                        devices=", ".join(others.mapped("name")),
                    )
                )
                continue
            code = found.reboot_device_type_id.code
            kind = facts.get("device_type")
            if kind and code != "other" and kind != code:
                errors.append(
                    self.env._(
                        "%(label)s: the report describes a %(kind)s, but %(device)s "
                        "is recorded as a %(type)s.",
                        label=label,
                        kind=self.env["reboot.device.type"]
                        .search([("code", "=", kind)], limit=1)
                        .name
                        or kind,
                        device=found.name,
                        type=found.reboot_device_type_id.name,
                    )
                )
                continue
            lots.append(found)
        if to_register and not errors:
            ids = self.env["reboot.intake.wizard"].register_serials(
                intake_pickup_id,
                [
                    {"serial": serial, "type": kind or ""}
                    for _i, serial, kind in to_register
                ],
                validate=False,
            )
            registered = {lot.name: lot for lot in self.browse(ids)}
            for index, serial, _kind in to_register:
                lots[index] = registered[serial]
        return lots

    def _reboot_spec_values(self, facts):
        """What the report changes in this device's specs (only what it says)."""
        self.ensure_one()
        drives = facts["drives"]
        values = {
            "reboot_manufacturer": facts.get("manufacturer"),
            "reboot_model": facts.get("model"),
            "reboot_cpu": facts.get("cpu"),
            "reboot_ram_gb": facts.get("ram_gb"),
            "reboot_screen_inch": facts.get("screen_inch"),
            "reboot_battery_design_wh": facts.get("battery_design_wh"),
            "reboot_battery_full_wh": facts.get("battery_full_wh"),
        }
        if drives:
            values["reboot_storage_gb"] = round(
                sum(d.get("size_bytes", 0) for d in drives) / hardware.GB
            )
            kinds = [d.get("kind") for d in drives if d.get("kind")]
            if kinds:
                values["reboot_storage_type"] = kinds[0]
        design, full = facts.get("battery_design_wh"), facts.get("battery_full_wh")
        if design and full:
            values["reboot_battery_health"] = min(100, round(full / design * 100))
        return {
            key: value
            for key, value in values.items()
            if value is not None and value != self[key]
        }

    @api.model
    def _reboot_load_demo(self):
        """The demo devices and their stories (called by the demo data)."""
        return demo_loader.load_demo(demo_env(self.env))
