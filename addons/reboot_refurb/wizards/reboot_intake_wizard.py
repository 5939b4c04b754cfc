import base64
import math
from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import intake, uploads
from ..intake import COLUMNS, INTEGER_COLUMNS, MAX_ROWS, MAXIMA, SERIAL_RE


class RebootIntakeWizard(models.TransientModel):
    _name = "reboot.intake.wizard"
    _inherit = ["reboot.job.wizard.mixin"]
    _description = "Register the devices of a pickup"
    _reboot_job_methods = ("_reboot_register",)

    pickup_id = fields.Many2one(
        "reboot.pickup",
        required=True,
        domain="[('state', '=', 'received'), "
        "('picking_id.state', 'not in', ('done', 'cancel'))]",
    )
    picking_id = fields.Many2one(related="pickup_id.picking_id")
    device_type_id = fields.Many2one(
        "reboot.device.type",
        string="Device type",
        help="Type of the pasted serials, and of file rows without a type.",
    )
    serials_text = fields.Text(
        string="Serial numbers", help="Scan or paste one serial number per line."
    )
    file = fields.Binary(string="CSV or XLSX file", attachment=False)
    filename = fields.Char()
    validate_receipt = fields.Boolean(
        string="Validate the receipt",
        default=True,
        help="Close the receipt once these devices are registered: the devices "
        "enter the stock and what was not registered is dropped.",
    )
    registered_count = fields.Integer(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_pasted_text(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_pasted_text(vals)
        return super().write(vals)

    def _check_pasted_text(self, vals):
        if "\x00" in (vals.get("serials_text") or ""):
            raise UserError(
                self.env._(
                    "The pasted text holds a NUL character: scan or paste the "
                    "serial numbers again."
                )
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "reboot.pickup":
            values.setdefault("pickup_id", self.env.context.get("active_id"))
        return values

    # Reading input -------------------------------------------------------

    def _read_rows(self):
        """[(row label, {column: text})] from the pasted serials and the file."""
        rows = []
        for number, line in enumerate((self.serials_text or "").splitlines(), start=1):
            if line.strip():
                rows.append(
                    (self.env._("line %(n)s", n=number), {"serial": line.strip()})
                )
        if self.file:
            uploads.check_size(
                self.env, self.filename or "", uploads.base64_size(self.file)
            )
            rows += intake.read_file(
                self.env, base64.b64decode(self.file), self.filename or ""
            )
        if not rows:
            raise UserError(self.env._("Scan, paste or import at least one serial."))
        if len(rows) > MAX_ROWS:
            raise UserError(
                self.env._("At most %(max)s devices at once.", max=MAX_ROWS)
            )
        return rows

    # Checking ------------------------------------------------------------

    def _prepare_lots(self, rows):
        """Lot values of the rows, or a UserError listing every bad row."""
        if not self.device_type_id and not any(
            (values.get("type") or "").strip() for _label, values in rows
        ):
            # one missing choice, said once (not once per serial)
            raise UserError(
                self.env._(
                    "Nothing was registered: choose the device type of these "
                    'devices (or give a "type" column in the file).'
                )
            )
        types = self.env["reboot.device.type"].search([])
        type_by_key = {t.code: t for t in types} | {t.name.lower(): t for t in types}
        errors, vals_list = [], []
        counts = Counter(values.get("serial", "") for _label, values in rows)
        for label, values in rows:
            serial = values.get("serial", "")
            problems = []
            if not SERIAL_RE.match(serial):
                problems.append(
                    self.env._("%(serial)r is not a serial number", serial=serial)
                )
            elif counts[serial] > 1:
                problems.append(
                    self.env._("serial %(serial)s appears twice", serial=serial)
                )
            type_key = (values.get("type") or "").strip().lower()
            device_type = type_by_key.get(type_key) if type_key else self.device_type_id
            if not device_type:
                problems.append(
                    self.env._("unknown device type %(type)r", type=values.get("type"))
                    if type_key
                    else self.env._("no device type")
                )
            elif not device_type.product_id:
                problems.append(
                    self.env._(
                        "device type %(type)s has no product", type=device_type.name
                    )
                )
            vals = {"name": serial}
            for column, field in COLUMNS.items():
                text = values.get(column)
                if not field or field == "name" or not text:
                    continue
                value, problem = self._parse_spec(column, text)
                if problem:
                    problems.append(problem)
                else:
                    vals[field] = value
            if problems:
                errors.append(f"{label}: {'; '.join(problems)}")
                continue
            vals["product_id"] = device_type.product_id.id
            vals_list.append(vals)
        if vals_list:
            known = self.env["stock.lot"].search_fetch(
                [
                    ("name", "in", [v["name"] for v in vals_list]),
                    ("product_id", "in", list({v["product_id"] for v in vals_list})),
                    ("company_id", "in", [self.pickup_id.company_id.id, False]),
                ],
                ["name"],
            )
            for name in sorted(set(known.mapped("name"))):
                errors.append(
                    self.env._("serial %(serial)s is already registered", serial=name)
                )
        if errors:
            shown = errors[:50]
            if len(errors) > 50:
                shown.append(self.env._("… and %(n)s more", n=len(errors) - 50))
            raise UserError(
                self.env._(
                    "Nothing was registered:\n%(errors)s", errors="\n".join(shown)
                )
            )
        return vals_list

    def _parse_spec(self, column, text):
        """(value, None) of one spec cell, or (None, what is wrong with it)."""
        if column in INTEGER_COLUMNS or column == "screen_inch":
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                return None, self.env._(
                    "%(column)s %(value)r is not a number", column=column, value=text
                )
            if number < 0 or number > MAXIMA[column]:
                return None, self.env._(
                    "%(column)s %(value)r is out of range", column=column, value=text
                )
            return (number if column == "screen_inch" else int(number)), None
        if column == "storage_type":
            if text.lower() not in ("hdd", "ssd", "nvme", "emmc"):
                return None, self.env._(
                    "storage type %(value)r is not hdd, ssd, nvme or emmc", value=text
                )
            return text.lower(), None
        # free text: control characters (a NUL above all) cannot be stored
        return "".join(ch for ch in text if ch.isprintable())[:128], None

    # Writing -------------------------------------------------------------

    def action_register(self):
        """Register the devices now, or in the background for a large file."""
        self.ensure_one()
        rows = self._read_rows()
        job = self._reboot_in_background(
            "_reboot_register",
            self.env._(
                "Intake of %(count)s devices, %(pickup)s",
                count=len(rows),
                pickup=self.pickup_id.display_name,
            ),
            len(rows),
        )
        if job:
            return job
        lots = self._reboot_register(rows)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Registered devices"),
            "res_model": "stock.lot",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("reboot_refurb.stock_lot_view_list_device").id, "list"),
                (False, "form"),
            ],
            "domain": [("id", "in", lots.ids)],
        }

    def _reboot_register(self, rows=None):
        lots = self._register_devices(self._read_rows() if rows is None else rows)
        self.registered_count = len(lots)
        return lots

    @api.model
    def register_serials(self, pickup_id, rows, device_type_code=False, validate=True):
        """Register devices of a received pickup (for wipe stations and scripts).

        `rows`: serial strings, or dicts with the columns of an intake file.
        Returns the ids of the created devices; all or nothing."""
        device_type = (
            self.env["reboot.device.type"].search(
                [("code", "=", device_type_code)], limit=1
            )
            if device_type_code
            else False
        )
        if not isinstance(rows, list | tuple):
            raise UserError(self.env._("rows must be a list of serials or of rows."))
        if len(rows) > MAX_ROWS:
            raise UserError(
                self.env._("At most %(max)s devices at once.", max=MAX_ROWS)
            )
        wizard = self.create(
            {
                "pickup_id": pickup_id,
                "device_type_id": device_type and device_type.id,
                "validate_receipt": validate,
            }
        )
        labelled = [
            (
                self.env._("row %(n)s", n=number),
                {"serial": row} if isinstance(row, str) else dict(row),
            )
            for number, row in enumerate(rows, start=1)
        ]
        labelled = [
            (label, {k: "" if v is None else str(v).strip() for k, v in values.items()})
            for label, values in labelled
        ]
        return wizard._register_devices(labelled).ids

    def _register_devices(self, rows):
        self.ensure_one()
        pickup = self.pickup_id
        picking = pickup.picking_id
        if (
            pickup.state != "received"
            or not picking
            or picking.state in ("done", "cancel")
        ):
            raise UserError(
                self.env._(
                    "Receive pickup %(pickup)s before registering its devices; its "
                    "receipt must still be open.",
                    pickup=pickup.display_name,
                )
            )
        vals_list = self._prepare_lots(rows)
        for vals in vals_list:
            vals.update(
                {"company_id": pickup.company_id.id, "reboot_pickup_id": pickup.id}
            )
        Job = self.env["reboot.job"]
        Job._reboot_progress(1, 4)
        lots = (
            self.env["stock.lot"]
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(vals_list)
        )
        Job._reboot_progress(2, 4)
        self._add_move_lines(picking, lots)
        Job._reboot_progress(3, 4)
        if self.validate_receipt:
            picking.with_context(
                skip_backorder=True,
                picking_ids_not_to_backorder=picking.ids,
                # the new devices' quants in one batch (stock_move_line.py)
                reboot_batch_intake_quants=True,
            ).button_validate()
        pickup.message_post(
            body=self.env._("%(count)s devices registered at intake.", count=len(lots))
        )
        return lots

    def _add_move_lines(self, picking, lots):
        """One move line per device on the receipt, in two batched writes."""
        moves = picking.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
        move_by_product = {}
        for move in moves:
            move_by_product.setdefault(move.product_id, move)
        missing = lots.product_id - moves.product_id
        if missing:
            picking_type = picking.picking_type_id
            new_moves = self.env["stock.move"].create(
                [
                    {
                        "name": product.display_name,
                        "product_id": product.id,
                        "product_uom": product.uom_id.id,
                        "product_uom_qty": 0,
                        "location_id": picking.location_id.id,
                        "location_dest_id": picking.location_dest_id.id,
                        "picking_type_id": picking_type.id,
                        "picking_id": picking.id,
                        "company_id": picking.company_id.id,
                    }
                    for product in missing
                ]
            )
            new_moves._action_confirm()
            for move in new_moves:
                move_by_product[move.product_id] = move
        # Placeholder lines without a serial make room for the registered ones.
        moves.move_line_ids.filtered(
            lambda ml: not ml.lot_id and not ml.lot_name
        ).unlink()
        self.env["stock.move.line"].create(
            [
                {
                    "move_id": move_by_product[lot.product_id].id,
                    "picking_id": picking.id,
                    "product_id": lot.product_id.id,
                    "product_uom_id": lot.product_id.uom_id.id,
                    "lot_id": lot.id,
                    "quantity": 1,
                    "picked": True,
                    "location_id": picking.location_id.id,
                    "location_dest_id": picking.location_dest_id.id,
                    "company_id": picking.company_id.id,
                }
                for lot in lots
            ]
        )
