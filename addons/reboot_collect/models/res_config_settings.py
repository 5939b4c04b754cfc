from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    reboot_may_issue_tax_receipts = fields.Boolean(
        related="company_id.reboot_may_issue_tax_receipts", readonly=False
    )
