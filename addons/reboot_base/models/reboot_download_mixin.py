import base64

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..spreadsheet import table_file


class RebootDownloadMixin(models.AbstractModel):
    """A file the user asked for (a register, an export, a report), kept on the
    record and handed to the browser as a download."""

    _name = "reboot.download.mixin"
    _inherit = ["reboot.job.wizard.mixin"]
    _description = "Generated file to download"

    file = fields.Binary(readonly=True, attachment=False)
    filename = fields.Char(readonly=True)

    def _reboot_download(self, content, filename):
        self.ensure_one()
        self.write({"file": base64.b64encode(content), "filename": filename})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{filename}?download=true",
            "target": "self",
        }

    def _reboot_document(self, method, name, size, weight=1):
        """The file `self.<method>()` makes ((content, filename)): downloaded
        at once, or, when `size` (devices, rows...) is large, prepared by a
        background job that notifies the person who asked."""
        return self._reboot_in_background(
            method, name, size, weight
        ) or self._reboot_download(*getattr(self, method)())


class RebootPeriodExportMixin(models.AbstractModel):
    """A table of a period the user downloads as CSV or XLSX (the mediation
    activity for the Coop, the Pass numérique claim...)."""

    _name = "reboot.period.export.mixin"
    _inherit = ["reboot.download.mixin"]
    _description = "Table of a period to download"

    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    file_format = fields.Selection(
        [("csv", "CSV"), ("xlsx", "XLSX")], required=True, default="xlsx"
    )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for export in self:
            if export.date_from > export.date_to:
                raise ValidationError(self.env._("The period ends before it starts."))

    def _reboot_download_table(self, columns, rows, stem):
        """`rows` (dicts) under `columns`, in the chosen format, named after
        `stem` and the period."""
        self.ensure_one()
        return self._reboot_download(
            table_file(columns, rows, self.file_format, stem),
            f"{stem}_{self.date_from}_{self.date_to}.{self.file_format}",
        )
