from odoo import fields, models

from .. import uploads


class RebootWipeImportWizard(models.TransientModel):
    _name = "reboot.wipe.import.wizard"
    _inherit = ["reboot.job.wizard.mixin"]
    _description = "Import nwipe reports"
    _reboot_job_methods = ("_reboot_import",)

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

    def _reports(self):
        return uploads.read_json_attachments(
            self.env,
            self.attachment_ids,
            self.env._("Add at least one nwipe report."),
        )

    def action_import(self):
        """Import now, or in the background for many reports."""
        self.ensure_one()
        reports = self._reports()
        job = self._reboot_in_background(
            "_reboot_import",
            self.env._("Import of %(count)s nwipe reports", count=len(reports)),
            len(reports),
        )
        if job:
            return job
        wipes = self._reboot_import(reports)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported wipes"),
            "res_model": "reboot.wipe",
            "view_mode": "list,form",
            "domain": [("id", "in", wipes.ids)],
        }

    def _reboot_import(self, reports=None):
        wipes = self.env["reboot.wipe"]._import_nwipe_reports(
            self._reports() if reports is None else reports, lot_id=self.lot_id.id
        )
        self.attachment_ids.unlink()
        return wipes
