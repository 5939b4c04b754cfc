from odoo import fields, models


class RebootSettings(models.TransientModel):
    _inherit = "reboot.settings"

    reboot_target_devices = fields.Integer(
        string="Target: devices refurbished",
        help="Devices refurbished over the programme.",
    )
    reboot_target_trainees = fields.Integer(
        string="Target: trainees hosted",
        help="Trainees hosted over the programme.",
    )
    reboot_second_life_years = fields.Float(
        string="Second-life years",
        help="Years of reuse counted in the conservative CO2 figure.",
    )

    def _reboot_company_fields(self):
        return super()._reboot_company_fields() + [
            "reboot_target_devices",
            "reboot_target_trainees",
            "reboot_second_life_years",
        ]
