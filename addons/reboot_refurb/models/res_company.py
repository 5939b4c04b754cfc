from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    reboot_labour_hourly_cost = fields.Monetary(
        string="Hourly labour cost",
        currency_field="currency_id",
        default=20.0,
        # a wage figure: managers (and settings administrators) only
        groups="reboot_base.group_reboot_manager,base.group_system",
        help="Cost of one hour of workshop labour, used for the cost of each device.",
    )
