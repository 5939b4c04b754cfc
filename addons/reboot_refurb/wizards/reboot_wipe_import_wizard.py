from odoo import fields, models

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

    def action_import(self):
        self.ensure_one()
        wipes = self.env["reboot.wipe"]._import_nwipe_reports(
            uploads.read_json_attachments(
                self.env,
                self.attachment_ids,
                self.env._("Add at least one nwipe report."),
            ),
            lot_id=self.lot_id.id,
        )
        self.attachment_ids.unlink()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported wipes"),
            "res_model": "reboot.wipe",
            "view_mode": "list,form",
            "domain": [("id", "in", wipes.ids)],
        }
