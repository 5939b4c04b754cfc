from odoo import fields, models


class RebootSettings(models.TransientModel):
    _inherit = "reboot.settings"

    reboot_retention_days = fields.Integer(
        string="Retention of beneficiaries' data (days)",
        help="Days after their last workshop before names and contacts are erased.",
    )

    def _reboot_company_fields(self):
        return super()._reboot_company_fields() + ["reboot_retention_days"]
