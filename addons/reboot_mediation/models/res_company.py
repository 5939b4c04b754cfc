from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    reboot_retention_days = fields.Integer(
        string="Keep beneficiaries' personal data (days)",
        default=730,
        help="This many days after a workshop ends, the names and contact details "
        "given on its registrations are erased; the anonymous profile stays for the "
        "statistics.",
    )
