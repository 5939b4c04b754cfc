from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RebootPickupLine(models.Model):
    _name = "reboot.pickup.line"
    _description = "Declared equipment of a pickup"
    _order = "pickup_id, sequence, id"

    pickup_id = fields.Many2one(
        "reboot.pickup", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    device_type_id = fields.Many2one(
        "reboot.device.type", string="Device type", required=True
    )
    qty_declared = fields.Integer(string="Qty declared")
    qty_received = fields.Integer(string="Qty received")
    discrepancy = fields.Integer(compute="_compute_discrepancy", store=True)
    pickup_state = fields.Selection(related="pickup_id.state")
    note = fields.Char()
    currency_id = fields.Many2one(related="pickup_id.company_id.currency_id")
    unit_value = fields.Monetary(
        string="Declared unit value",
        help="The value per unit the donor declares (net book value): a public "
        "donor may give a device for free only up to the ceiling of the general "
        "code of public property.",
    )

    @api.constrains("unit_value")
    def _check_unit_value(self):
        if any(line.unit_value < 0 for line in self):
            raise ValidationError(self.env._("A declared value cannot be negative."))

    @api.depends("qty_declared", "qty_received", "pickup_id.state")
    def _compute_discrepancy(self):
        for line in self:
            line.discrepancy = (
                line.qty_received - line.qty_declared
                if line.pickup_id.state == "received"
                else 0
            )

    @api.constrains("qty_declared", "qty_received")
    def _check_quantities(self):
        for line in self:
            if line.qty_declared < 0 or line.qty_received < 0:
                raise ValidationError(
                    self.env._(
                        "Quantities cannot be negative (%(type)s on %(pickup)s).",
                        type=line.device_type_id.display_name,
                        pickup=line.pickup_id.display_name,
                    )
                )
            if not line.qty_declared and not line.qty_received:
                raise ValidationError(
                    self.env._(
                        "Declare at least one %(type)s on %(pickup)s, or remove "
                        "the line.",
                        type=line.device_type_id.display_name,
                        pickup=line.pickup_id.display_name,
                    )
                )
