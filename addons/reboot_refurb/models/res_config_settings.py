from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    reboot_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Labour cost currency"
    )
    reboot_labour_hourly_cost = fields.Monetary(
        related="company_id.reboot_labour_hourly_cost",
        currency_field="reboot_currency_id",
        readonly=False,
        groups="reboot_base.group_reboot_manager,base.group_system",
    )
