import base64

from odoo import fields, models
from odoo.exceptions import UserError

from .. import uploads


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
        """[(file name, parsed JSON)] of every report, zip archives unpacked,
        every size bounded before anything is decoded (see ..uploads)."""
        reports, errors = [], []
        for attachment in self.attachment_ids:
            try:
                uploads.check_size(self.env, attachment.name, attachment.file_size)
                raw = base64.b64decode(attachment.datas or b"")
                if uploads.is_zip(raw):
                    members = uploads.zip_members(
                        self.env, attachment.name, raw, ".json"
                    )
                    if not members:
                        raise UserError(
                            self.env._(
                                "%(name)s: no JSON report in the archive",
                                name=attachment.name,
                            )
                        )
                else:
                    members = [(attachment.name, raw)]
                for name, data in members:
                    try:
                        reports.append((name, uploads.load_json(self.env, name, data)))
                    except UserError as error:
                        errors.append(error.args[0])
            except UserError as error:
                errors.append(error.args[0])
        if errors:
            raise UserError("\n".join(errors))
        if not reports:
            raise UserError(self.env._("Add at least one nwipe report."))
        return reports

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
