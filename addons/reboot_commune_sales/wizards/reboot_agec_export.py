from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..agec import agec_csv, agec_xlsx


class RebootAgecExport(models.TransientModel):
    """The AGEC statements of the communes for one year, for the consortium to
    send them (the communes also download their own from the portal)."""

    _name = "reboot.agec.export"
    _inherit = ["reboot.download.mixin"]
    _description = "AGEC statements of the communes"
    _reboot_job_methods = ("_reboot_agec_file", "_reboot_attestations_file")

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
        return self._reboot_document(
            "_reboot_agec_file",
            self.env._("AGEC statements %(year)s", year=self.year),
            len(self._communes()),
        )

    def _reboot_agec_file(self):
        rows = self._communes()._reboot_agec_rows(self.year)
        content = agec_xlsx(rows) if self.file_format == "xlsx" else agec_csv(rows)
        return content, f"agec_{self.year}.{self.file_format}"

    def _attestation_report(self):
        return self.env.ref(
            "reboot_commune_sales.action_report_agec_attestation"
        ).with_context(reboot_agec_year=self.year)

    def action_print(self):
        """The attestation PDF of each chosen commune, one document each; for
        many communes, prepared in the background."""
        self.ensure_one()
        communes = self._communes()
        return self._reboot_in_background(
            "_reboot_attestations_file",
            self.env._("AGEC attestations %(year)s", year=self.year),
            len(communes),
            # a page of PDF per commune weighs as ten rows of a spreadsheet
            weight=10,
        ) or self._attestation_report().report_action(communes)

    def _reboot_attestations_file(self):
        communes = self._communes()
        content = self._attestation_report()._render_qweb_pdf(
            self._attestation_report().report_name, communes.ids
        )[0]
        return content, f"attestations_agec_{self.year}.pdf"
