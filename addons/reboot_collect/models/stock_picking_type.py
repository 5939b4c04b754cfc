from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    reboot_donor_pickup = fields.Boolean(
        string="Donor pickups",
        help="Receipts of this operation type are created by collected pickups.",
    )
