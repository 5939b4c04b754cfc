from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    reboot_may_issue_tax_receipts = fields.Boolean(
        string="May issue in-kind tax receipts",
        help="The organisation is of general interest and entitled to issue "
        "Cerfa 16216 receipts for gifts in kind.",
    )
