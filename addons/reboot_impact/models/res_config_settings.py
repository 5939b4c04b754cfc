from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    reboot_target_devices = fields.Integer(
        related="company_id.reboot_target_devices", readonly=False
    )
    reboot_target_trainees = fields.Integer(
        related="company_id.reboot_target_trainees", readonly=False
    )
    reboot_second_life_years = fields.Float(
        related="company_id.reboot_second_life_years", readonly=False
    )
