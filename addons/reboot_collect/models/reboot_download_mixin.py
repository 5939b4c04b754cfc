import base64

from odoo import fields, models


class RebootDownloadMixin(models.AbstractModel):
    """A file the user asked for (a register, an export, a report), kept on the
    record and handed to the browser as a download."""

    _name = "reboot.download.mixin"
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
