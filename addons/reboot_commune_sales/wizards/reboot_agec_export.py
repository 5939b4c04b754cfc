from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..agec import agec_csv, agec_xlsx


class RebootAgecExport(models.TransientModel):
    """The AGEC statements of the communes for one year, for the consortium to
    send them (the communes also download their own from the portal)."""

    _name = "reboot.agec.export"
    _inherit = ["reboot.download.mixin"]
    _description = "AGEC statements of the communes"

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year - 1
    )
    commune_ids = fields.Many2many(
        "res.partner",
        string="Communes",
        domain="[('is_commune', '=', True)]",
        default=lambda self: self.env["res.partner"].search(
            [("is_commune", "=", True)]
        ),
    )
    file_format = fields.Selection(
        [("xlsx", "XLSX"), ("csv", "CSV")], required=True, default="xlsx"
    )

    @api.constrains("year")
    def _check_year(self):
        for wizard in self:
            if not 2000 <= wizard.year <= 2100:
                raise ValidationError(
                    self.env._("Choose a year between 2000 and 2100.")
                )

    def _communes(self):
        if not self.commune_ids:
            raise UserError(self.env._("Choose at least one commune."))
        return self.commune_ids

    def action_export(self):
        self.ensure_one()
        rows = self._communes()._reboot_agec_rows(self.year)
        content = agec_xlsx(rows) if self.file_format == "xlsx" else agec_csv(rows)
        return self._reboot_download(content, f"agec_{self.year}.{self.file_format}")

    def action_print(self):
        """The attestation PDF of each chosen commune, one document each."""
        self.ensure_one()
        return (
            self.env.ref("reboot_commune_sales.action_report_agec_attestation")
            .with_context(reboot_agec_year=self.year)
            .report_action(self._communes())
        )
