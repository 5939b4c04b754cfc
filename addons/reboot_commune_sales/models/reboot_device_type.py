from odoo import fields, models


class RebootDeviceType(models.Model):
    _inherit = "reboot.device.type"

    commune_price_cap = fields.Float(
        string="Price cap for communes",
        digits="Product Price",
        help="Highest unit price (excl. VAT) a commune may be quoted for a device "
        "of this type; 0 for no cap.",
    )
