from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    reboot_retention_days = fields.Integer(
        related="company_id.reboot_retention_days", readonly=False
    )
