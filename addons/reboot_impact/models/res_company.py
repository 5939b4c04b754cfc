from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    reboot_target_devices = fields.Integer(
        string="Target: devices refurbished", default=1000
    )
    reboot_target_trainees = fields.Integer(
        string="Target: trainees hosted", default=60
    )
    reboot_second_life_years = fields.Float(
        string="Second-life years",
        default=3.0,
        help="Years a refurbished device is used again: multiplies the yearly CO2 "
        "saving of its type for the conservative figure.",
    )
