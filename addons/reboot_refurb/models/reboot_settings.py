from odoo import fields, models


class RebootSettings(models.TransientModel):
    _inherit = "reboot.settings"

    reboot_labour_hourly_cost = fields.Monetary(
        string="Hourly labour cost",
        currency_field="currency_id",
        help="Cost of one hour of workshop labour, for the cost of each device.",
    )

    def _reboot_company_fields(self):
        return super()._reboot_company_fields() + ["reboot_labour_hourly_cost"]
