from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.reboot_base.demo import demo_env

from .. import demo_loader

# Allowed moves of the pickup state machine: target -> allowed sources.
PICKUP_TRANSITIONS = {
    "scheduled": ("draft",),
    "collected": ("scheduled",),
    "received": ("collected",),
    "cancel": ("draft", "scheduled", "collected"),
    "draft": ("cancel", "scheduled"),
}


class RebootPickup(models.Model):
    _name = "reboot.pickup"
    _description = "Pickup of donated devices"
    _inherit = [
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "reboot.audited.mixin",
    ]
    _order = "scheduled_date desc, id desc"
    _check_company_auto = True
    # Once collected, who gave the devices and whether their drives came with
    # them are facts the receipts and the erasure proofs rest on.
    _reboot_proof_fields = frozenset({"donor_id", "erasure_policy"})

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("draft", "Requested"),
            ("scheduled", "Scheduled"),
            ("collected", "Collected"),
            ("received", "Received"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        group_expand=True,
    )
    donor_id = fields.Many2one(
        "res.partner",
        string="Donor",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('is_reboot_donor', '=', True), ('is_company', '=', True)]",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Donor contact",
        tracking=True,
        check_company=True,
        domain="[('commercial_partner_id', '=', donor_id)]",
        help="Receives the scheduling and receipt emails.",
    )
    street = fields.Char(compute="_compute_address", store=True, readonly=False)
    street2 = fields.Char(compute="_compute_address", store=True, readonly=False)
    zip = fields.Char(compute="_compute_address", store=True, readonly=False)
    city = fields.Char(compute="_compute_address", store=True, readonly=False)
    site_contact = fields.Char(string="On-site contact")
    site_phone = fields.Char(string="On-site phone")
    window_start = fields.Date(string="Window start")
    window_end = fields.Date(string="Window end")
    scheduled_date = fields.Datetime(tracking=True, copy=False)
    driver_id = fields.Many2one(
        "res.users",
        string="Driver",
        tracking=True,
        domain="[('share', '=', False)]",
        check_company=True,
    )
    line_ids = fields.One2many(
        "reboot.pickup.line", "pickup_id", string="Equipment", copy=True
    )
    scheduling_warning = fields.Char(
        compute="_compute_scheduling_warning",
        help="The date is outside the donor's window, or the driver already "
        "drives another pickup that day.",
    )
    ceiling_warning = fields.Char(
        compute="_compute_ceiling_warning",
        help="A public donor declares a unit value above the free-cession ceiling "
        "of the general code of public property.",
    )
    erasure_policy = fields.Selection(
        [
            ("consortium", "The consortium wipes and certifies each drive"),
            ("donor_removed", "The donor removed the drives"),
        ],
        required=True,
        default="consortium",
        tracking=True,
    )
    agreement_file = fields.Binary(
        string="Signed donation agreement", attachment=True, copy=False
    )
    agreement_filename = fields.Char(copy=False)
    total_weight = fields.Float(
        string="Total weight (kg)", compute="_compute_totals", store=True
    )
    qty_declared = fields.Integer(
        string="Qty declared", compute="_compute_totals", store=True
    )
    qty_received = fields.Integer(
        string="Qty received", compute="_compute_totals", store=True
    )
    has_discrepancy = fields.Boolean(
        compute="_compute_totals",
        store=True,
        help="The received quantities differ from the declared ones.",
    )
    picking_id = fields.Many2one(
        "stock.picking",
        string="Receipt",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
    )
    tax_receipt_ids = fields.One2many("reboot.tax.receipt", "pickup_id")
    tax_receipt_count = fields.Integer(compute="_compute_tax_receipt_count")
    company_may_issue_tax_receipts = fields.Boolean(
        related="company_id.reboot_may_issue_tax_receipts"
    )
    note = fields.Html()

    @api.depends("donor_id")
    def _compute_address(self):
        for pickup in self:
            donor = pickup.donor_id
            pickup.street = donor.street
            pickup.street2 = donor.street2
            pickup.zip = donor.zip
            pickup.city = donor.city

    @api.depends(
        "state",
        "line_ids.qty_declared",
        "line_ids.qty_received",
        "line_ids.device_type_id.weight_kg",
    )
    def _compute_totals(self):
        for pickup in self:
            lines = pickup.line_ids
            received = pickup.state == "received"
            pickup.qty_declared = sum(lines.mapped("qty_declared"))
            pickup.qty_received = sum(lines.mapped("qty_received"))
            pickup.total_weight = sum(
                (line.qty_received if received else line.qty_declared)
                * line.device_type_id.weight_kg
                for line in lines
            )
            pickup.has_discrepancy = received and any(
                line.qty_received != line.qty_declared for line in lines
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for pickup in self:
            pickup.access_url = f"/my/pickups/{pickup.id}"
        return result

    def _reboot_proofs(self):
        return self.filtered(lambda p: p.state in ("collected", "received"))

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Donation receipt %(name)s", name=self.name)

    @api.constrains("window_start", "window_end")
    def _check_window(self):
        for pickup in self:
            if (
                pickup.window_start
                and pickup.window_end
                and pickup.window_end < pickup.window_start
            ):
                raise ValidationError(
                    self.env._(
                        "The requested window of %(pickup)s ends (%(end)s) before it "
                        "starts (%(start)s).",
                        pickup=pickup.display_name,
                        end=pickup.window_end,
                        start=pickup.window_start,
                    )
                )

    @api.constrains("line_ids")
    def _check_line_ids(self):
        for pickup in self:
            if not pickup.line_ids:
                raise ValidationError(
                    self.env._(
                        "Pickup %(pickup)s has no equipment: declare at least one "
                        "device type and quantity.",
                        pickup=pickup.display_name,
                    )
                )

    @api.constrains("donor_id")
    def _check_donor(self):
        for pickup in self:
            if not pickup.donor_id.commercial_partner_id.is_reboot_donor:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a donor.",
                        partner=pickup.donor_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("reboot.pickup")
        pickups = super().create(vals_list)
        # A pickup created without any line is refused as a whole.
        pickups._check_line_ids()
        return pickups

    def write(self, vals):
        if "state" in vals:
            self._check_transition(vals["state"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft_or_cancel(self):
        if any(pickup.state not in ("draft", "cancel") for pickup in self):
            raise UserError(
                self.env._(
                    "Only requested or cancelled pickups can be deleted; cancel the "
                    "pickup first."
                )
            )

    @api.depends("scheduled_date", "driver_id", "window_start", "window_end", "state")
    def _compute_scheduling_warning(self):
        """A warning, not a refusal: the donor may agree to another day, a
        driver may do two pickups in a day; the planner decides knowingly."""
        planned = self.filtered(
            lambda p: p.scheduled_date and p.state in ("draft", "scheduled")
        )
        others = self.browse()
        if planned.driver_id:
            days = [fields.Date.to_date(p.scheduled_date) for p in planned]
            others = self.search(
                [
                    ("driver_id", "in", planned.driver_id.ids),
                    ("state", "=", "scheduled"),
                    ("scheduled_date", ">=", min(days)),
                    ("scheduled_date", "<", max(days) + timedelta(days=1)),
                ]
            )
        for pickup in self:
            warnings = []
            if pickup in planned:
                day = fields.Date.to_date(pickup.scheduled_date)
                if (pickup.window_start and day < pickup.window_start) or (
                    pickup.window_end and day > pickup.window_end
                ):
                    warnings.append(
                        self.env._("The date is outside the donor's window.")
                    )
                same_day = others.filtered(
                    lambda other, pickup=pickup, day=day: other.id != pickup._origin.id
                    and other.driver_id == pickup.driver_id
                    and fields.Date.to_date(other.scheduled_date) == day
                )
                if same_day:
                    warnings.append(
                        self.env._(
                            "%(driver)s already drives %(pickups)s that day.",
                            driver=pickup.driver_id.name,
                            pickups=", ".join(same_day.mapped("name")),
                        )
                    )
            pickup.scheduling_warning = " ".join(warnings)

    @api.depends(
        "donor_id.reboot_donor_kind",
        "line_ids.unit_value",
        "company_id.reboot_public_cession_ceiling",
    )
    def _compute_ceiling_warning(self):
        """CG3P L3212-2 3° and L3212-3: the State, local authorities and their
        public bodies may give away IT equipment only up to a unit value set by
        decree. A warning, not a refusal: the donor's accounts are its own."""
        for pickup in self:
            ceiling = pickup.company_id.reboot_public_cession_ceiling
            above = (
                pickup.line_ids.filtered(lambda line: line.unit_value > ceiling)
                if pickup.donor_id.reboot_donor_kind == "public_body" and ceiling
                else pickup.line_ids.browse()
            )
            pickup.ceiling_warning = (
                self.env._(
                    "%(donor)s is a public body: it may give IT equipment for free "
                    "only up to %(ceiling)s per unit (general code of public "
                    "property, L3212-2 3°). Declared above: %(lines)s.",
                    donor=pickup.donor_id.name,
                    ceiling=format_amount(
                        self.env, ceiling, pickup.company_id.currency_id
                    ),
                    lines=", ".join(
                        "%s (%s)"  # noqa: UP031 - a label and an amount
                        % (
                            line.device_type_id.name,
                            format_amount(self.env, line.unit_value, line.currency_id),
                        )
                        for line in above
                    ),
                )
                if above
                else False
            )

    def action_schedule(self):
        self._check_transition("scheduled", strict=True)
        for pickup in self:
            missing = [
                label
                for label, value in (
                    (self.env._("a scheduled date"), pickup.scheduled_date),
                    (self.env._("a driver"), pickup.driver_id),
                )
                if not value
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Pickup %(pickup)s cannot be scheduled without %(missing)s.",
                        pickup=pickup.display_name,
                        missing=self.env._(" and ").join(missing),
                    )
                )
        self.write({"state": "scheduled"})
        template = self.env.ref("reboot_collect.mail_template_pickup_scheduled")
        for pickup in self:
            pickup.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.to_date(pickup.scheduled_date),
                summary=self.env._("Collect %(pickup)s", pickup=pickup.name),
                user_id=pickup.driver_id.id,
            )
            if pickup.contact_id.email:
                pickup.message_post_with_source(
                    template, subtype_xmlid="mail.mt_comment"
                )
        return True

    def action_collect(self):
        self._check_transition("collected", strict=True)
        self._create_pickings()
        self.write({"state": "collected"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_receive(self):
        self._check_transition("received", strict=True)
        self._sync_picking_to_received()
        self.write({"state": "received"})
        for pickup in self.filtered("has_discrepancy"):
            pickup.message_post(body=pickup._discrepancy_summary())
        return True

    def action_cancel(self):
        self._check_transition("cancel", strict=True)
        pickings = self.picking_id.filtered(lambda p: p.state != "done")
        if pickings:
            pickings.action_cancel()
        self.write({"state": "cancel"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    def action_draft(self):
        self._check_transition("draft", strict=True)
        self.write({"state": "draft"})
        return True

    def action_send_donation_receipt(self):
        self.ensure_one()
        if self.state != "received":
            raise UserError(
                self.env._(
                    "The donation receipt of %(pickup)s is available once the "
                    "devices are received.",
                    pickup=self.display_name,
                )
            )
        template = self.env.ref("reboot_collect.mail_template_donation_receipt")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "force_email": True,
            },
        }

    @api.depends("tax_receipt_ids")
    def _compute_tax_receipt_count(self):
        for pickup in self:
            pickup.tax_receipt_count = len(pickup.tax_receipt_ids)

    def action_reboot_tax_receipts(self):
        """The pickup's tax receipts, or a new one filled from the pickup."""
        self.ensure_one()
        if self.tax_receipt_ids:
            return self.tax_receipt_ids._get_records_action(
                name=self.env._("Tax receipts"), context={}
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tax receipts"),
            "res_model": "reboot.tax.receipt",
            "view_mode": "form",
            "context": {"default_pickup_id": self.id},
        }

    def action_view_picking(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": self.picking_id.id,
            "view_mode": "form",
        }

    @api.model
    def _cron_send_reminders(self):
        """Remind donor contacts of the pickups scheduled for tomorrow."""
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        pickups = self.search(
            [
                ("state", "=", "scheduled"),
                ("scheduled_date", ">=", fields.Datetime.to_datetime(tomorrow)),
                (
                    "scheduled_date",
                    "<",
                    fields.Datetime.to_datetime(tomorrow + timedelta(days=1)),
                ),
                ("contact_id.email", "!=", False),
            ]
        )
        template = self.env.ref("reboot_collect.mail_template_pickup_reminder")
        for pickup in pickups:
            pickup.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return pickups

    def _check_transition(self, new_state, strict=False):
        """Refuse any state change the workflow does not allow, whatever the path.

        `strict` also refuses staying in the same state (a button pressed twice)."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        for pickup in self:
            if pickup.state == new_state and not strict:
                continue
            allowed = PICKUP_TRANSITIONS.get(new_state, ())
            if pickup.state not in allowed:
                raise UserError(
                    self.env._(
                        "Pickup %(pickup)s cannot become %(target)s: it is "
                        "%(state)s. Allowed from: %(allowed)s.",
                        pickup=pickup.display_name,
                        target=labels[new_state],
                        state=labels[pickup.state],
                        allowed=", ".join(labels[s] for s in allowed),
                    )
                )

    def _get_picking_type(self):
        self.ensure_one()
        picking_type = self.env["stock.picking.type"].search(
            [
                ("reboot_donor_pickup", "=", True),
                ("company_id", "=", self.company_id.id),
            ],
            limit=1,
        )
        if not picking_type:
            raise UserError(
                self.env._(
                    "No 'Donor pickups' operation type exists for %(company)s.",
                    company=self.company_id.name,
                )
            )
        return picking_type

    def _prepare_move_vals(self, line, picking_type, qty):
        product = line.device_type_id.product_id
        if not product:
            raise UserError(
                self.env._(
                    "Device type %(type)s has no product: set one before collecting.",
                    type=line.device_type_id.display_name,
                )
            )
        return {
            "name": product.display_name,
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "product_uom_qty": qty,
            "location_id": picking_type.default_location_src_id.id,
            "location_dest_id": picking_type.default_location_dest_id.id,
            "picking_type_id": picking_type.id,
            "company_id": self.company_id.id,
            "reboot_pickup_line_id": line.id,
        }

    def _create_pickings(self):
        todo = self.filtered(lambda p: not p.picking_id)
        vals_list = []
        for pickup in todo:
            picking_type = pickup._get_picking_type()
            vals_list.append(
                {
                    "picking_type_id": picking_type.id,
                    "partner_id": pickup.donor_id.id,
                    "origin": pickup.name,
                    "location_id": picking_type.default_location_src_id.id,
                    "location_dest_id": picking_type.default_location_dest_id.id,
                    "company_id": pickup.company_id.id,
                    "move_ids": [
                        fields.Command.create(
                            pickup._prepare_move_vals(
                                line, picking_type, line.qty_declared
                            )
                        )
                        for line in pickup.line_ids
                        if line.qty_declared
                    ],
                }
            )
        pickings = self.env["stock.picking"].create(vals_list)
        for pickup, picking in zip(todo, pickings, strict=True):
            pickup.picking_id = picking
        pickings.action_confirm()

    def _sync_picking_to_received(self):
        """Make the receipt expect what actually arrived, line by line."""
        new_moves = []
        for pickup in self:
            picking = pickup.picking_id
            if not picking or picking.state in ("done", "cancel"):
                continue
            picking_type = picking.picking_type_id
            for line in pickup.line_ids:
                moves = picking.move_ids.filtered(
                    lambda m, line=line: m.reboot_pickup_line_id == line
                    and m.state != "cancel"
                )
                if moves and line.qty_received:
                    moves[0].product_uom_qty = line.qty_received
                    (moves - moves[0])._action_cancel()
                elif moves:
                    moves._action_cancel()
                elif line.qty_received:
                    vals = pickup._prepare_move_vals(
                        line, picking_type, line.qty_received
                    )
                    vals["picking_id"] = picking.id
                    new_moves.append(vals)
        if new_moves:
            self.env["stock.move"].create(new_moves)._action_confirm()

    def _discrepancy_summary(self):
        self.ensure_one()
        items = []
        for line in self.line_ids:
            diff = line.qty_received - line.qty_declared
            if diff < 0:
                items.append(
                    self.env._(
                        "%(type)s: %(count)s missing",
                        type=line.device_type_id.name,
                        count=-diff,
                    )
                )
            elif diff > 0:
                items.append(
                    self.env._(
                        "%(type)s: %(count)s extra",
                        type=line.device_type_id.name,
                        count=diff,
                    )
                )
        return self.env._(
            "Received quantities differ from the declaration: %(items)s",
            items="; ".join(items),
        )

    def _get_received_devices(self):
        """Received devices as (device type, serial) for the donation receipt.

        Serials appear once the intake registered them on the receipt."""
        self.ensure_one()
        move_lines = self.picking_id.move_ids.move_line_ids.filtered("lot_id")
        types_by_product = {
            line.device_type_id.product_id: line.device_type_id
            for line in self.line_ids
        }
        return [
            (types_by_product.get(ml.product_id), ml.lot_id.name)
            for ml in move_lines.sorted(lambda ml: (ml.product_id.id, ml.lot_id.name))
        ]

    def _route_sheet_groups(self):
        """Pickups of the route sheet, one group per driver and day, in time order."""
        groups = {}
        for pickup in self.sorted(
            lambda p: (p.scheduled_date or fields.Datetime.now())
        ):
            day = (
                fields.Datetime.context_timestamp(pickup, pickup.scheduled_date).date()
                if pickup.scheduled_date
                else False
            )
            key = (pickup.driver_id.id, day)
            groups.setdefault(
                key, {"driver": pickup.driver_id, "day": day, "pickups": self.browse()}
            )
            groups[key]["pickups"] |= pickup
        return list(groups.values())

    def _notify_managers_of_request(self):
        """A donor asked for a pickup in the portal: a to-do for each manager."""
        for pickup in self:
            pickup.message_post(
                body=self.env._(
                    "Pickup requested by %(contact)s through the portal.",
                    contact=pickup.contact_id.display_name,
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
            for manager in pickup.company_id._reboot_managers():
                pickup.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Schedule the requested pickup"),
                    user_id=manager.id,
                )

    @api.model
    def _reboot_load_demo(self):
        """The demo pickups' stories (called by the demo data)."""
        return demo_loader.load_demo(demo_env(self.env))
