from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    reboot_retention_days = fields.Integer(
        string="Keep beneficiaries' personal data (days)",
        default=730,
        help="After this many days since their last workshop, the names and contact "
        "details of beneficiaries are erased; the anonymous profile stays for the "
        "statistics.",
    )
