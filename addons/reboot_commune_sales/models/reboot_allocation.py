from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RebootAllocation(models.Model):
    """The hand-over of one delivered device by its commune to a beneficiary."""

    _name = "reboot.allocation"
    _description = "Allocation of a device to a beneficiary"
    _inherit = ["mail.thread", "reboot.audited.mixin"]
    _reboot_proved_field = "lot_id"
    _check_company_auto = True
    _order = "date desc, id desc"
    _rec_name = "lot_id"
    _reboot_proof_fields = frozenset(
        {
            "lot_id",
            "commune_id",
            "beneficiary_type",
            "beneficiary_name",
            "household_ref",
            "date",
        }
    )

    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain="[('reboot_state', '=', 'sold'), "
        "('reboot_commune_id', '=', commune_id)]",
    )
    commune_id = fields.Many2one(
        "res.partner",
        string="Commune",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_commune', '=', True)]",
        check_company=True,
    )
    company_id = fields.Many2one(related="lot_id.company_id", store=True)
    device_type_id = fields.Many2one(related="lot_id.reboot_device_type_id", store=True)
    sale_order_id = fields.Many2one(
        "sale.order",
        compute="_compute_sale_order_id",
        store=True,
        index="btree_not_null",
    )
    beneficiary_type = fields.Selection(
        [
            ("school", "School"),
            ("association", "Association"),
            ("family", "Family"),
            ("commune_service", "Commune service"),
            ("other", "Other"),
        ],
        required=True,
        tracking=True,
    )
    beneficiary_name = fields.Char(
        string="Receiving organisation",
        tracking=True,
        help="Name of the school, association or service. Never the name of a "
        "private person.",
    )
    household_ref = fields.Char(
        string="Household reference",
        tracking=True,
        help="Anonymous reference of the family, kept by the commune.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    signature = fields.Image(
        string="Hand-over signature", max_width=1024, max_height=512
    )

    _sql_constraints = [
        ("lot_uniq", "unique(lot_id)", "A device is allocated once only."),
    ]

    @api.depends("lot_id")
    def _compute_sale_order_id(self):
        lines = self.env["stock.move.line"].search_fetch(
            [
                ("lot_id", "in", self.lot_id.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            ["lot_id", "move_id"],
            order="id desc",
        )
        order_by_lot = {}
        for line in lines:
            order_by_lot.setdefault(line.lot_id, line.move_id.sale_line_id.order_id)
        for allocation in self:
            allocation.sale_order_id = order_by_lot.get(allocation.lot_id, False)

    @api.constrains("lot_id", "commune_id")
    def _check_lot(self):
        for allocation in self:
            lot = allocation.lot_id
            if (
                lot.reboot_commune_id != allocation.commune_id
                or lot.reboot_state
                not in (
                    "sold",
                    "allocated",
                )
            ):
                raise ValidationError(
                    self.env._(
                        "Device %(device)s was not delivered to %(commune)s: only "
                        "devices sold to a commune can be allocated by it.",
                        device=lot.name,
                        commune=allocation.commune_id.name,
                    )
                )

    @api.constrains("beneficiary_type", "beneficiary_name", "household_ref")
    def _check_beneficiary(self):
        for allocation in self:
            if allocation.beneficiary_type == "family":
                if not allocation.household_ref:
                    raise ValidationError(
                        self.env._("Give the anonymous household reference.")
                    )
                if allocation.beneficiary_name:
                    raise ValidationError(
                        self.env._(
                            "A family is recorded by an anonymous household "
                            "reference only, never by name."
                        )
                    )
            elif not allocation.beneficiary_name:
                raise ValidationError(
                    self.env._("Give the name of the receiving organisation.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        allocations = super().create(vals_list)
        for allocation in allocations:
            allocation.lot_id._reboot_set_state(
                "allocated", reboot_allocation_id=allocation.id
            )
        return allocations

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_manager(self):
        reason = self.env.context.get("reboot_change_reason")
        self._reboot_check_audited_change(reason)
        for allocation in self:
            allocation.lot_id._reboot_set_state("sold", reboot_allocation_id=False)
            allocation.lot_id.message_post(
                body=self.env._("Allocation cancelled: %(reason)s", reason=reason)
            )
