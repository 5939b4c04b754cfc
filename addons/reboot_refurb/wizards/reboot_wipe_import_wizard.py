import base64
import io
import json
import zipfile

from odoo import fields, models
from odoo.exceptions import UserError

MAX_REPORT_BYTES = 1024 * 1024


class RebootWipeImportWizard(models.TransientModel):
    _name = "reboot.wipe.import.wizard"
    _description = "Import nwipe reports"

    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="nwipe reports",
        help="nwipe JSON reports, or zip archives of them.",
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        domain="[('reboot_device_type_id', '!=', False)]",
        help="Attach every drive to this device. Leave empty to match each drive "
        "serial against the drives already known.",
    )
    wipe_ids = fields.Many2many("reboot.wipe", string="Imported wipes", readonly=True)

    def _read_reports(self):
        """[(file name, parsed JSON)] of every report, zip archives unpacked."""
        reports, errors = [], []
        for attachment in self.attachment_ids:
            raw = base64.b64decode(attachment.datas or b"")
            if zipfile.is_zipfile(io.BytesIO(raw)):
                with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                    members = [
                        info
                        for info in archive.infolist()
                        if not info.is_dir() and info.filename.lower().endswith(".json")
                    ]
                    if not members:
                        errors.append(
                            self.env._(
                                "%(name)s: no JSON report in the archive",
                                name=attachment.name,
                            )
                        )
                    for info in members:
                        if info.file_size > MAX_REPORT_BYTES:
                            errors.append(
                                self.env._(
                                    "%(name)s: file too large", name=info.filename
                                )
                            )
                            continue
                        self._decode(info.filename, archive.read(info), reports, errors)
            else:
                self._decode(attachment.name, raw, reports, errors)
        if errors:
            raise UserError("\n".join(errors))
        if not reports:
            raise UserError(self.env._("Add at least one nwipe report."))
        return reports

    def _decode(self, name, raw, reports, errors):
        try:
            reports.append((name, json.loads(raw.decode("utf-8"))))
        except (UnicodeDecodeError, ValueError):
            errors.append(self.env._("%(name)s: not a valid JSON report", name=name))

    def action_import(self):
        self.ensure_one()
        wipes = self.env["reboot.wipe"]._import_nwipe_reports(
            self._read_reports(), lot_id=self.lot_id.id
        )
        self.attachment_ids.unlink()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported wipes"),
            "res_model": "reboot.wipe",
            "view_mode": "list,form",
            "domain": [("id", "in", wipes.ids)],
        }
