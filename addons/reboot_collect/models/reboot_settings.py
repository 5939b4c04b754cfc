from odoo import fields, models


class RebootSettings(models.TransientModel):
    _inherit = "reboot.settings"

    reboot_may_issue_tax_receipts = fields.Boolean(
        string="In-kind tax receipts",
        help="The organisation is of general interest and may issue Cerfa 16216 "
        "receipts.",
    )

    def _reboot_company_fields(self):
        return super()._reboot_company_fields() + ["reboot_may_issue_tax_receipts"]
