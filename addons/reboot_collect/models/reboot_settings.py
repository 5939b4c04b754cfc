from odoo import fields, models

from .res_company import TAX_RECEIPT_QUALITIES

TAX_RECEIPT_FIELDS = [
    "reboot_may_issue_tax_receipts",
    "reboot_tax_receipt_quality",
    "reboot_tax_receipt_object",
    "reboot_tax_receipt_signatory",
    "reboot_tax_receipt_signatory_function",
    "reboot_public_cession_ceiling",
]


class RebootSettings(models.TransientModel):
    _inherit = "reboot.settings"

    reboot_may_issue_tax_receipts = fields.Boolean(
        string="In-kind tax receipts",
        help="The organisation is of general interest and may issue Cerfa 16216 "
        "receipts.",
    )
    reboot_tax_receipt_quality = fields.Selection(
        TAX_RECEIPT_QUALITIES, string="Quality of the beneficiary"
    )
    reboot_tax_receipt_object = fields.Text(string="Object of the organisation")
    reboot_tax_receipt_signatory = fields.Char(string="Signatory of tax receipts")
    reboot_tax_receipt_signatory_function = fields.Char(
        string="Quality of the signatory"
    )
    reboot_public_cession_ceiling = fields.Monetary(
        string="Free-cession ceiling of public donors (per unit)"
    )

    def _reboot_company_fields(self):
        return super()._reboot_company_fields() + TAX_RECEIPT_FIELDS
